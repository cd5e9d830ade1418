#include "io/json_reader.hpp"

#include <gtest/gtest.h>

#include <string>

using reassure::io::JsonError;
using reassure::io::JsonLimits;
using reassure::io::read_json;

namespace {

// The message of the JsonError `text` raises, or "" if it parses.
std::string refusal(const std::string& text, const JsonLimits& limits = {}) {
  try {
    read_json(text, "body", limits);
    return "";
  } catch (const JsonError& e) {
    return e.what();
  }
}

TEST(JsonReader, ReadsAnObject) {
  auto value = read_json(R"({"name": "base", "n": 3, "ok": true, "list": [1, 2.5]})", "body");
  EXPECT_EQ(value["name"], "base");
  EXPECT_EQ(value["n"], 3);
  EXPECT_EQ(value["list"][1], 2.5);
}

TEST(JsonReader, RefusesNanInfinityAndOverflow) {
  EXPECT_EQ(refusal(R"({"a": NaN})"), "NaN and infinity are not numbers in JSON");
  EXPECT_EQ(refusal(R"({"a": -Infinity})"), "NaN and infinity are not numbers in JSON");
  EXPECT_EQ(refusal(R"({"a": 1e999})"), "a number beyond the range of a double");
}

TEST(JsonReader, RefusesADuplicateKey) {
  EXPECT_EQ(refusal(R"({"a": 1, "a": 2})"), "key 'a' appears twice in one object");
  // The same key in two objects is fine.
  EXPECT_EQ(refusal(R"([{"a": 1}, {"a": 2}])"), "");
}

TEST(JsonReader, BoundsDepthValuesSizeAndStrings) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_EQ(refusal("[[[1]]]", limits), "");
  EXPECT_EQ(refusal("[[[[1]]]]", limits), "nested deeper than 3 levels");
  // Deep nesting far past any stack: refused quickly, not a crash.
  EXPECT_EQ(refusal(std::string(100000, '[') + std::string(100000, ']')),
            "nested deeper than 32 levels");
  limits = {};
  limits.max_values = 5;
  EXPECT_EQ(refusal("[1,2,3,4,5,6,7]", limits), "more than 5 JSON values");
  limits = {};
  limits.max_bytes = 10;
  EXPECT_EQ(refusal("[1,2,3,4,5,6,7]", limits), "larger than 10 bytes");
  limits = {};
  limits.max_string_bytes = 4;
  EXPECT_EQ(refusal(R"(["abcde"])", limits), "a string longer than 4 bytes");
}

TEST(JsonReader, NamesLineAndColumnOfASyntaxError) {
  try {
    read_json("{\n  \"a\": 1,\n  \"b\" 2\n}", "body");
    FAIL() << "parsed";
  } catch (const JsonError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 7);
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
}

TEST(JsonReader, RefusesBytesThatAreNotUtf8) {
  try {
    read_json("{\"a\": \"caf\xe9\"}", "body");
    FAIL() << "parsed";
  } catch (const JsonError& e) {
    EXPECT_EQ(e.where().line, 1);
    EXPECT_EQ(e.where().column, 11);
    EXPECT_STREQ(e.what(), "not valid UTF-8 (or a NUL byte) here");
  }
}

}  // namespace
