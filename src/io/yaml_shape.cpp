#include "io/yaml_shape.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <sstream>

#include "io/limits.hpp"

namespace reassure::io {

namespace {

// Stops the parse at the first value past a limit.
struct TooLarge {
  Diagnostic problem;
};

// Counts what the parser sees. Each anchor remembers how many values it holds, so that an
// alias adds them all: that is what the loader would walk through.
class ShapeCounter : public YAML::EventHandler {
 public:
  explicit ShapeCounter(const std::string& file) : file_(file) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (++aliases_ > limits::kMaxAliases)
      stop(mark, "more than " + std::to_string(limits::kMaxAliases) + " aliases in one file");
    for (const auto& open : stack_)
      if (open.anchor == anchor)
        stop(mark, "an alias inside the value it names: a value cannot contain itself");
    auto size = sizes_.find(anchor);
    add(mark, size == sizes_.end() ? 1 : size->second);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::size_t nodes_before;
  };

  [[noreturn]] void stop(const YAML::Mark& mark, const std::string& message) {
    throw TooLarge{{{file_, mark.line + 1, mark.column + 1}, "", message, true}};
  }
  void add(const YAML::Mark& mark, std::size_t count) {
    nodes_ += count;
    if (nodes_ > limits::kMaxNodes)
      stop(mark, "more than " + std::to_string(limits::kMaxNodes) +
                     " values in one file (an alias counts as every value it stands for)");
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1);
    if (anchor) sizes_[anchor] = 1;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1);
    if (int(stack_.size()) >= limits::kMaxDepth)
      stop(mark,
           "lists and mappings nested more than " + std::to_string(limits::kMaxDepth) + " deep");
    stack_.push_back({anchor, nodes_ - 1});
  }
  void close() {
    Open done = stack_.back();
    stack_.pop_back();
    if (done.anchor) sizes_[done.anchor] = nodes_ - done.nodes_before;
  }

  const std::string& file_;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, std::size_t> sizes_;
  std::size_t nodes_ = 0, aliases_ = 0;
};

// Notes where a second document starts, and nothing else.
class DocumentStart : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!seen) {
      seen = true;
      at = mark;
    }
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  bool seen = false;
  YAML::Mark at;
};

}  // namespace

std::optional<Diagnostic> check_yaml_shape(const std::string& file, const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  ShapeCounter counter(file);
  try {
    parser.HandleNextDocument(counter);
  } catch (const TooLarge& e) {
    return e.problem;
  }
  // A stray '---' starts a second document, which YAML::Load would silently drop.
  DocumentStart second;
  if (parser.HandleNextDocument(second) && second.seen)
    return Diagnostic{{file, second.at.line + 1, second.at.column + 1},
                      "",
                      "a second YAML document ('---') in one file: a scenario file holds one "
                      "document; remove the '---' or split the file and include both",
                      true};
  return std::nullopt;
}

}  // namespace reassure::io
