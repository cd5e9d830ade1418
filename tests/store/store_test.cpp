// The store's behaviour, the same suite on both backends: SQLite on a file, PostgreSQL on the
// test cluster ctest starts (tests/store/pg_cluster.sh).
#include "store/store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

#include "core/diagnostic.hpp"
#include "store/crypto.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/test_database.hpp"

namespace reassure::store {
namespace {

using testing::TestDatabase;

Date day(const char* text) {
  return *Date::parse(text);
}

// prefix followed by n in decimal.
std::string numbered(std::string prefix, int n) {
  prefix += std::to_string(n);
  return prefix;
}

ScenarioUpload upload(const std::string& name, ScenarioFiles files, Releasability marking = {}) {
  return {name, std::move(files), std::move(marking), "alice"};
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  TestDatabase db{GetParam()};
  std::unique_ptr<Store> store = open_store(db.url());

  // Raw SQL on the same database, as another client would send it.
  void raw(const std::string& sql) {
    auto connection = open_database(db.url());
    connection->transaction(Database::Mode::write, [&] { connection->script(sql); });
  }
  std::int64_t count(const std::string& table) {
    auto connection = open_database(db.url());
    std::int64_t n = 0;
    connection->transaction(Database::Mode::read, [&] {
      n = connection->query("SELECT COUNT(*) FROM " + table).at(0).integer(0);
    });
    return n;
  }
  void expect_refused(const std::string& sql) {
    try {
      raw(sql);
      ADD_FAILURE() << "the database accepted: " << sql;
    } catch (const StoreError& error) {
      EXPECT_EQ(error.code(), StoreError::Code::database) << error.what();
      EXPECT_THAT(error.what(), ::testing::HasSubstr("append-only")) << sql;
    }
  }
};

// ---- Migrations ----

TEST_P(StoreTest, FreshDatabaseGetsEveryMigrationInOrder) {
  EXPECT_EQ(store->schema_version(), 4);
  ASSERT_EQ(migrations().size(), 4u);
  auto connection = open_database(db.url());
  connection->transaction(Database::Mode::read, [&] {
    auto rows = connection->query("SELECT version, name FROM schema_migrations ORDER BY version");
    ASSERT_EQ(rows.size(), 4u);
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(rows[i].integer(0), i + 1);
      EXPECT_EQ(rows[i].text(1), migrations()[i].name);
    }
  });
}

TEST_P(StoreTest, ReopeningAppliesNothingTwiceAndKeepsTheData) {
  store->add_scenario_version(upload("coalition", {{"scenario.yaml", "x: 1\n"}}));
  store.reset();
  for (int i = 0; i < 2; ++i) {
    auto again = open_store(db.url());
    EXPECT_EQ(again->schema_version(), 4);
    EXPECT_EQ(again->scenario_versions("coalition").size(), 1u);
  }
  EXPECT_EQ(count("schema_migrations"), 4);
}

TEST_P(StoreTest, PartlyMigratedDatabaseGetsTheRest) {
  // A database that stopped at migration 2 (an older program): opening it applies 3 and 4.
  TestDatabase older(GetParam());
  auto connection = open_database(older.url());
  connection->transaction(Database::Mode::write, [&] {
    connection->script(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
    for (int i = 0; i < 2; ++i) {
      const auto& m = migrations()[i];
      connection->script(GetParam() == Backend::sqlite ? m.sqlite : m.postgresql);
      connection->query("INSERT INTO schema_migrations VALUES ($1, $2, 'then')",
                        {std::int64_t(m.version), std::string(m.name)});
    }
  });
  auto opened = open_store(older.url());
  EXPECT_EQ(opened->schema_version(), 4);
  EXPECT_TRUE(opened->put_plan({std::string(64, 'a'), "base", ""}, "{}"));  // table of 3
  EXPECT_EQ(
      opened->add_statement({"FR", day("2025-09-04"), "committed", "s", {}, "alice"}).revision,
      1);  // table of 4
}

TEST_P(StoreTest, DatabaseNewerThanTheProgramIsRefused) {
  raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (5, 'future', 'later')");
  try {
    open_store(db.url());
    FAIL() << "a schema newer than the program was opened";
  } catch (const StoreError& error) {
    EXPECT_EQ(error.code(), StoreError::Code::newer_schema);
    EXPECT_THAT(error.what(), ::testing::HasSubstr("version 5, newer than this program's 4"));
  }
}

// ---- Scenario versions ----

TEST_P(StoreTest, ContentKeyIsTheSha256OfTheFilesInPathOrder) {
  // Checked with Python: hashlib.sha256(b"a\x001\x00b").hexdigest()
  EXPECT_EQ(content_key({{"a", "b"}}),
            "a3bd839132d2cad9ed7c8f563c62ca44b529bf79e6ed40d4a9a9554402a32c84");
  // hashlib.sha256(b"geometry/line.geojson\x002\x00{}scenario.yaml\x005\x00x: 1\n")
  EXPECT_EQ(content_key({{"scenario.yaml", "x: 1\n"}, {"geometry/line.geojson", "{}"}}),
            "3d42b60eadda45a2974f573f0d9274a8afcc981c276637b7b67a03dfb335426b");
  // The sizes keep file boundaries apart: "ab"+"c" is not "a"+"bc".
  EXPECT_NE(content_key({{"x", "ab"}, {"y", "c"}}), content_key({{"x", "a"}, {"y", "bc"}}));
}

TEST_P(StoreTest, EveryUploadIsANewVersionNeverOverwritten) {
  ScenarioFiles first = {{"scenario.yaml", "x: 1\n"}, {"geometry/line.geojson", "{}"}};
  ScenarioFiles second = {{"scenario.yaml", "x: 2\n"}};
  auto v1 = store->add_scenario_version(upload("coalition", first));
  auto v2 = store->add_scenario_version(
      upload("coalition", second, {ReleaseScope::nations, {"DE", "FR"}}));
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v1.content_key, "3d42b60eadda45a2974f573f0d9274a8afcc981c276637b7b67a03dfb335426b");
  EXPECT_EQ(v1.file_count, 2);
  EXPECT_EQ(v1.total_bytes, 7);

  auto got1 = store->scenario_version("coalition", 1);
  auto got2 = store->scenario_version("coalition", 2);
  ASSERT_TRUE(got1 && got2);
  EXPECT_EQ(got1->files, first);
  EXPECT_EQ(got2->files, second);
  EXPECT_EQ(got1->content_key, v1.content_key);
  EXPECT_EQ(got2->content_key, content_key(second));
  EXPECT_EQ(got1->releasability.scope, ReleaseScope::coalition);
  EXPECT_EQ(to_string(got2->releasability), "rel:DE,FR");
  EXPECT_EQ(got2->uploader, "alice");
  EXPECT_EQ(got2->uploaded_at.size(), 24u);  // 2026-12-02T13:10:00.123Z
  EXPECT_FALSE(store->scenario_version("coalition", 3));
  EXPECT_FALSE(store->scenario_version("other", 1));

  auto versions = store->scenario_versions("coalition");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_TRUE(versions[0].files.empty());  // the list carries no files

  store->add_scenario_version(upload("baltic", second));
  EXPECT_EQ(store->scenario_names(), (std::vector<std::string>{"baltic", "coalition"}));
  EXPECT_EQ(store->scenario_versions("baltic").at(0).version, 1);  // numbered per name
}

TEST_P(StoreTest, FilesKeepEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += char(i);  // NUL, high bytes: not text
  ScenarioFiles files = {{"data/all-bytes.bin", bytes + bytes}, {"empty.txt", ""}};
  store->add_scenario_version(upload("bytes", files));
  EXPECT_EQ(store->scenario_version("bytes", 1)->files, files);
}

TEST_P(StoreTest, StoredVersionsAndFilesCannotBeChangedInTheDatabase) {
  store->add_scenario_version(upload("coalition", {{"scenario.yaml", "x: 1\n"}}));
  expect_refused("UPDATE scenario_versions SET uploader = 'mallory'");
  expect_refused("DELETE FROM scenario_versions");
  expect_refused("UPDATE scenario_files SET content = content");
  expect_refused("DELETE FROM scenario_files");
  EXPECT_EQ(store->scenario_version("coalition", 1)->uploader, "alice");
}

// ---- Bad input ----

void expect_invalid(const std::function<void()>& call, const std::string& field,
                    const std::string& message) {
  try {
    call();
    ADD_FAILURE() << "accepted; expected a refusal of " << field;
  } catch (const StoreError& error) {
    EXPECT_EQ(error.code(), StoreError::Code::invalid_input) << error.what();
    EXPECT_EQ(error.field(), field) << error.what();
    EXPECT_THAT(error.what(), ::testing::HasSubstr(message));
  }
}

TEST_P(StoreTest, BadUploadsAreRefusedAndNothingIsStored) {
  ScenarioFiles ok = {{"scenario.yaml", "x: 1\n"}};
  auto add = [&](ScenarioUpload u) { return [this, u] { store->add_scenario_version(u); }; };
  expect_invalid(add(upload("", ok)), "name", "must not be empty");
  expect_invalid(add(upload("a b", ok)), "name", "may hold only letters");
  expect_invalid(add(upload("-x", ok)), "name", "must start with a letter or a digit");
  expect_invalid(add(upload(std::string(101, 'a'), ok)), "name", "longer than 100 bytes");
  expect_invalid(add(upload("s", {})), "files", "at least one file");
  for (const char* path : {"../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "dir/", "x:y"})
    expect_invalid(add(upload("s", {{path, "x"}})), std::string("files['") + path + "']", "path");
  const std::string long_path(256, 'p');
  expect_invalid(add(upload("s", {{long_path, "x"}})), "files[" + excerpt(long_path) + "]",
                 "longer than 255 bytes");
  ScenarioFiles many;
  for (int i = 0; i <= 1000; ++i) many[numbered("f", i)] = "";
  expect_invalid(add(upload("s", many)), "files", "1001 files, more than the 1000 allowed");
  expect_invalid(add(upload("s", {{"big", std::string((16u << 20) + 1, 'x')}})), "files['big']",
                 "larger than 16 MiB");
  ScenarioFiles heavy;
  for (int i = 0; i < 5; ++i) heavy[numbered("part", i)] = std::string(14u << 20, 'x');
  expect_invalid(add(upload("s", heavy)), "files", "more than 64 MiB");
  expect_invalid(add(upload("s", ok, {ReleaseScope::nations, {}})), "releasability",
                 "not an ISO 3166-1 alpha-2");
  expect_invalid(add(upload("s", ok, {ReleaseScope::nations, {"FR", "DE"}})), "releasability",
                 "sorted, unique");
  expect_invalid(add(upload("s", ok, {ReleaseScope::nations, {"fr"}})), "releasability",
                 "'fr' is not an ISO 3166-1 alpha-2");
  auto bad_uploader = upload("s", ok);
  bad_uploader.uploader = "";
  expect_invalid(add(bad_uploader), "uploader", "must not be empty");
  EXPECT_TRUE(store->scenario_names().empty());
  EXPECT_EQ(count("scenario_versions"), 0);
}

TEST_P(StoreTest, BadRecordsAreRefused) {
  expect_invalid([&] { store->create_user("bob", "France", Role::planner); }, "nation",
                 "'France' is not an ISO 3166-1 alpha-2");
  expect_invalid([&] { store->create_user("", "FR", Role::planner); }, "name", "must not be empty");
  expect_invalid(
      [&] {
        store->append_audit({"bob", "", "x", "127.0.0.1"});
      },
      "action", "must not be empty");
  expect_invalid(
      [&] {
        store->append_audit({"bob", "a\nb", "x", "127.0.0.1"});
      },
      "action", "control character");
  expect_invalid(
      [&] {
        store->append_audit({"bob", "up", "\xC0\xAF", ""});
      },
      "target", "not valid UTF-8");
  expect_invalid([&] { store->audit_log(0, 10'001); }, "limit", "from 0 to 10000");
  expect_invalid(
      [&] {
        store->put_plan({"abc", "base", ""}, "{}");
      },
      "content_key", "64 lowercase hex digits");
  expect_invalid(
      [&] {
        store->put_plan({std::string(64, 'a'), "base", ""}, "");
      },
      "result_json", "must not be empty");
  expect_invalid(
      [&] {
        store->put_plan({std::string(64, 'a'), "base", ""}, std::string("{\0}", 3));
      },
      "result_json", "not valid UTF-8");
  expect_invalid(
      [&] {
        store->add_statement({"XX1", day("2025-09-04"), "c", "s", {}, "a"});
      },
      "nation", "not an ISO 3166-1 alpha-2");
  expect_invalid(
      [&] {
        store->add_statement({"FR", day("2025-09-04"), "", "s", {}, "a"});
      },
      "position", "must not be empty");
  expect_invalid(
      [&] {
        store->add_statement({"FR", Date::earliest().plus_days(-1), "c", "s", {}, "a"});
      },
      "date", "outside 1900-01-01 to 2100-12-31");
  EXPECT_TRUE(store->users().empty());
  EXPECT_TRUE(store->audit_log(0, 100).empty());
}

TEST(StoreUrl, UnknownSchemesAndEmptyPathsAreRefusedWithoutEchoingTheUrl) {
  expect_invalid([] { open_store("mysql://root:secret@host/db"); }, "url",
                 "expected sqlite:PATH or postgresql://");
  try {
    open_store("mysql://root:secret@host/db");
  } catch (const StoreError& error) {
    EXPECT_THAT(error.what(), ::testing::Not(::testing::HasSubstr("secret")));
  }
  expect_invalid([] { open_store("sqlite:"); }, "url", "needs a file path");
}

// ---- Users and tokens ----

TEST_P(StoreTest, OnlyTheTokensHashIsStoredAndTheTokenFindsItsUser) {
  auto created = store->create_user("alice", "FR", Role::planner);
  auto other = store->create_user("bob", "DE", Role::observer);
  EXPECT_EQ(created.token.size(), 64u);
  EXPECT_EQ(created.token.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(created.token, other.token);

  auto found = store->user_by_token(created.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "alice");
  EXPECT_EQ(found->nation, "FR");
  EXPECT_EQ(found->role, Role::planner);
  EXPECT_EQ(found->id, created.user.id);
  EXPECT_EQ(store->user_by_token(other.token)->name, "bob");

  std::string wrong = created.token;
  wrong[10] = wrong[10] == '0' ? '1' : '0';
  EXPECT_FALSE(store->user_by_token(wrong));
  EXPECT_FALSE(store->user_by_token(""));
  EXPECT_FALSE(store->user_by_token(sha256_hex(created.token)));  // the hash is not a token
  EXPECT_FALSE(store->user_by_token(created.token + "0"));

  // What the database holds: the hash, never the token, in any column.
  auto connection = open_database(db.url());
  connection->transaction(Database::Mode::read, [&] {
    auto rows = connection->query(
        "SELECT id, name, nation, role, token_hash, created_at FROM users WHERE name = 'alice'");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(4), sha256_hex(created.token));
    for (const auto& cell : rows[0].cells) EXPECT_NE(cell, created.token);
  });

  auto all = store->users();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "alice");
  EXPECT_EQ(all[1].role, Role::observer);
}

TEST_P(StoreTest, ASecondUserOfTheSameNameIsAConflict) {
  store->create_user("alice", "FR", Role::planner);
  try {
    store->create_user("alice", "DE", Role::admin);
    FAIL() << "a second alice was created";
  } catch (const StoreError& error) {
    EXPECT_EQ(error.code(), StoreError::Code::conflict);
    EXPECT_EQ(error.field(), "name");
  }
  EXPECT_EQ(store->users().size(), 1u);
}

// ---- The audit log ----

TEST_P(StoreTest, AuditLogIsReadBackInOrderAndPaged) {
  auto a = store->append_audit({"alice", "scenario.upload", "coalition@1", "127.0.0.1"});
  auto b = store->append_audit({"bob", "user.add", "carol", "::1"});
  auto c = store->append_audit({"cli", "plan", "", ""});
  EXPECT_LT(a.id, b.id);
  EXPECT_LT(b.id, c.id);
  auto all = store->audit_log(0, 100);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].who, "alice");
  EXPECT_EQ(all[0].action, "scenario.upload");
  EXPECT_EQ(all[0].target, "coalition@1");
  EXPECT_EQ(all[0].address, "127.0.0.1");
  EXPECT_EQ(all[0].at, a.at);
  EXPECT_EQ(all[2].who, "cli");
  auto page = store->audit_log(a.id, 1);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, b.id);
  EXPECT_TRUE(store->audit_log(c.id, 100).empty());
}

TEST_P(StoreTest, AuditLogRefusesUpdateAndDeleteInTheDatabase) {
  store->append_audit({"alice", "scenario.upload", "coalition@1", "127.0.0.1"});
  expect_refused("UPDATE audit_log SET who = 'mallory'");
  expect_refused("DELETE FROM audit_log");
  if (GetParam() == Backend::postgresql) expect_refused("TRUNCATE audit_log");
  auto all = store->audit_log(0, 100);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].who, "alice");
}

// ---- The plan cache ----

TEST_P(StoreTest, PlanCacheCountsHitsAndKeepsTheFirstResult) {
  PlanKey key{content_key({{"scenario.yaml", "x: 1\n"}}), "base", "gap=0"};
  EXPECT_FALSE(store->get_plan(key));
  EXPECT_TRUE(store->put_plan(key, "{\n\t\"fill\": 1\n}"));
  EXPECT_FALSE(store->put_plan(key, R"({"fill": 2})"));
  auto first = store->get_plan(key);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->result_json, "{\n\t\"fill\": 1\n}");  // laid out on lines
  EXPECT_EQ(first->hits, 1);
  EXPECT_EQ(store->get_plan(key)->hits, 2);
  EXPECT_FALSE(store->get_plan({key.content_key, "no-us-backstop", key.options}));
  EXPECT_FALSE(store->get_plan({key.content_key, key.variant, "gap=0.01"}));
  EXPECT_EQ(store->get_plan(key)->hits, 3);  // misses on other keys counted nothing here
}

// ---- Registry statements ----

TEST_P(StoreTest, StatementsKeepTheirHistoryAndTheNewestRevisionIsCurrent) {
  auto first =
      store->add_statement({"FR", day("2025-09-04"), "undecided", "Le Monde", {}, "alice"});
  auto fix = store->add_statement(
      {"FR", day("2025-09-04"), "committed", "Elysee", {ReleaseScope::everyone, {}}, "bob"});
  auto later = store->add_statement({"FR",
                                     day("2026-01-06"),
                                     "committed",
                                     "Paris Declaration",
                                     {ReleaseScope::nations, {"GB"}},
                                     "alice"});
  store->add_statement({"DE", day("2025-09-04"), "conditional", "Bundestag", {}, "alice"});
  EXPECT_EQ(first.revision, 1);
  EXPECT_EQ(fix.revision, 2);
  EXPECT_EQ(later.revision, 1);

  auto history = store->statement_history("FR");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].position, "undecided");
  EXPECT_FALSE(history[0].current);  // superseded by revision 2
  EXPECT_EQ(history[1].position, "committed");
  EXPECT_EQ(history[1].source, "Elysee");
  EXPECT_TRUE(history[1].current);
  EXPECT_EQ(history[1].releasability.scope, ReleaseScope::everyone);
  EXPECT_EQ(history[1].recorded_by, "bob");
  EXPECT_EQ(history[2].date, day("2026-01-06"));
  EXPECT_EQ(to_string(history[2].releasability), "rel:GB");

  auto current = store->current_statements();
  ASSERT_EQ(current.size(), 3u);  // DE 2025-09-04, FR 2025-09-04 (rev 2), FR 2026-01-06
  EXPECT_EQ(current[0].nation, "DE");
  EXPECT_EQ(current[1].nation, "FR");
  EXPECT_EQ(current[1].revision, 2);
  EXPECT_EQ(current[2].date, day("2026-01-06"));
  EXPECT_TRUE(store->statement_history("IT").empty());

  expect_refused("UPDATE statements SET position = 'declined'");
  expect_refused("DELETE FROM statements");
}

// ---- Concurrency: two connections, two threads ----

TEST_P(StoreTest, ConcurrentWritersGetUniqueVersionNumbers) {
  constexpr int kPerWriter = 15;
  auto writer = [&](int who) {
    auto own = open_store(db.url());  // a connection of its own, as another server would have
    for (int i = 0; i < kPerWriter; ++i) {
      own->add_scenario_version(
          upload("coalition", {{"scenario.yaml", numbered(numbered("", who) + ":", i)}}));
      own->add_statement({"FR", day("2025-09-04"), "committed", "s", {}, numbered("w", who)});
    }
  };
  std::thread a(writer, 1), b(writer, 2);
  a.join();
  b.join();
  auto versions = store->scenario_versions("coalition");
  ASSERT_EQ(versions.size(), size_t(2 * kPerWriter));
  for (int i = 0; i < 2 * kPerWriter; ++i) EXPECT_EQ(versions[i].version, i + 1);
  std::set<std::string> contents;
  for (const auto& v : versions)
    contents.insert(store->scenario_version("coalition", v.version)->files.at("scenario.yaml"));
  EXPECT_EQ(contents.size(), size_t(2 * kPerWriter));  // every upload kept, none overwritten
  auto history = store->statement_history("FR");
  ASSERT_EQ(history.size(), size_t(2 * kPerWriter));
  for (int i = 0; i < 2 * kPerWriter; ++i) EXPECT_EQ(history[i].revision, i + 1);
}

TEST_P(StoreTest, ConcurrentOpeningOfAFreshDatabaseMigratesOnce) {
  TestDatabase fresh(GetParam());
  std::vector<std::thread> openers;
  std::atomic<int> opened = 0;
  std::mutex mutex;
  std::vector<std::string> errors;
  // Eight at once: with three, SQLite's "database is locked" while one switched the new file to
  // WAL showed up once in a loaded sanitizer run (src/store/sqlite_database.cpp).
  for (int i = 0; i < 8; ++i)
    openers.emplace_back([&] {
      try {
        if (open_store(fresh.url())->schema_version() == 4) ++opened;
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        errors.push_back(e.what());
      }
    });
  for (auto& t : openers) t.join();
  EXPECT_EQ(errors, std::vector<std::string>{});
  EXPECT_EQ(opened, 8);
  auto connection = open_database(fresh.url());
  connection->transaction(Database::Mode::read, [&] {
    EXPECT_EQ(connection->query("SELECT COUNT(*) FROM schema_migrations").at(0).integer(0), 4);
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace reassure::store
