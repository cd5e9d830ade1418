#include "app/api_test_support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reassure::api_test {

store::ScenarioFiles folder_files(const std::filesystem::path& folder) {
  store::ScenarioFiles files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[std::filesystem::relative(entry.path(), folder).generic_string()] = bytes.str();
  }
  return files;
}

std::string minimal_scenario(const std::string& variation) {
  std::ifstream in(std::string(REASSURE_TEST_DATA) + "/io/good/minimal.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string out = text.str();
  if (out.empty()) throw std::runtime_error("tests/io/good/minimal.yaml is missing");
  if (!variation.empty()) out += "# " + variation + "\n";
  return out;
}

store::ScenarioFiles minimal_files(const std::string& variation) {
  return {{"scenario.yaml", minimal_scenario(variation)}};
}

// ---- CountingStore ----

store::ScenarioVersion CountingStore::add_scenario_version(const store::ScenarioUpload& upload) {
  ++writes_;
  return inner_->add_scenario_version(upload);
}
std::optional<store::ScenarioVersion> CountingStore::scenario_version(const std::string& name,
                                                                      int version) {
  ++files_read_;
  return inner_->scenario_version(name, version);
}
store::AuditEntry CountingStore::append_audit(const store::AuditRecord& record) {
  ++writes_;
  return inner_->append_audit(record);
}
bool CountingStore::put_plan(const store::PlanKey& key, const std::string& result_json) {
  ++plan_cache_calls_;
  ++writes_;
  return inner_->put_plan(key, result_json);
}
std::optional<store::CachedPlan> CountingStore::get_plan(const store::PlanKey& key) {
  ++plan_cache_calls_;
  return inner_->get_plan(key);
}
store::StoredStatement CountingStore::add_statement(const store::StatementRecord& record) {
  ++writes_;
  return inner_->add_statement(record);
}

// ---- Responses ----

std::string Response::error_code() const {
  if (json.is_object() && json.contains("error") && json["error"].contains("code"))
    return json["error"]["code"].get<std::string>();
  return "";
}

std::string Response::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

namespace {

// The recording hook (format in api_test_support.hpp): one line per response, appended under a
// lock so that concurrent tests' lines never interleave.
void record(const Request& request, const Response& response) {
  static const char* path = std::getenv("REASSURE_RECORD_RESPONSES");
  if (!path || !*path) return;
  static std::mutex one_line_at_a_time;
  nlohmann::json line{
      {"method", request.method},
      {"route", request.route},
      {"status", response.status},
      {"content_type", response.content_type},
      {"body", response.json.is_null() ? nlohmann::json(response.body) : response.json}};
  std::lock_guard lock(one_line_at_a_time);
  std::ofstream out(path, std::ios::app);
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string path_of(const Request& request) {
  std::string path = request.route;
  for (const auto& [name, value] : request.params) {
    std::string placeholder = "{" + name + "}";
    auto at = path.find(placeholder);
    if (at == std::string::npos) throw std::logic_error("no {" + name + "} in " + request.route);
    path.replace(at, placeholder.size(), httplib::detail::encode_query_param(value));
  }
  if (!request.query.empty()) path += "?" + request.query;
  return path;
}

}  // namespace

// ---- ApiServer ----

ApiServer::ApiServer(store::Backend backend)
    : db_(backend),
      store_(std::make_unique<CountingStore>(store::open_store(db_.url()))),
      http_(server::ServerLimits{.requests_per_second = 0}, [](const std::string&) {}) {
  // The dashboard's routes over a small folder of test files (tests/app/web/).
  app::add_api_routes(http_, *store_, {}, REASSURE_TEST_DATA "/app/web");
  port_ = http_.bind({"127.0.0.1", 0});
  runner_ = std::thread([this] { http_.run(); });
  // Bounded: the server answers /healthz within a few seconds or the test fails.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  httplib::Client client("127.0.0.1", port_);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto r = client.Get("/healthz"); r && r->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  throw std::runtime_error("the API server did not answer within 10 s");
}

ApiServer::~ApiServer() {
  http_.stop();
  if (runner_.joinable()) runner_.join();
}

std::string ApiServer::user(const std::string& name, const std::string& nation, store::Role role) {
  return store_->create_user(name, nation, role).token;
}

Response ApiServer::send(const Request& request) {
  httplib::Client client("127.0.0.1", port_);
  client.set_url_encode(false);    // path_of encodes
  client.set_read_timeout(90, 0);  // a plan asked with Prefer: wait=60 under the sanitizers
  httplib::Headers headers;
  if (!request.token.empty()) headers.emplace("Authorization", "Bearer " + request.token);
  if (!request.prefer.empty()) headers.emplace("Prefer", request.prefer);
  std::string path = path_of(request);
  auto result = [&] {
    if (request.method == "GET") return client.Get(path, headers);
    if (request.method == "POST")
      return client.Post(path, headers, request.body, request.content_type);
    if (request.method == "PUT")
      return client.Put(path, headers, request.body, request.content_type);
    if (request.method == "DELETE") return client.Delete(path, headers);
    throw std::logic_error("method " + request.method);
  }();
  if (!result) throw std::runtime_error("no answer to " + request.method + " " + path);
  Response response;
  response.status = result->status;
  response.body = result->body;
  response.content_type = result->get_header_value("Content-Type");
  for (const auto& [name, value] : result->headers) response.headers.emplace(name, value);
  if (response.content_type.rfind("application/json", 0) == 0)
    response.json = nlohmann::json::parse(response.body, nullptr, false);
  if (response.json.is_discarded()) response.json = nullptr;
  record(request, response);
  return response;
}

Response ApiServer::get(const std::string& route, const std::map<std::string, std::string>& params,
                        const std::string& token, const std::string& query) {
  return send({"GET", route, params, query, token, "", ""});
}

Response ApiServer::post_json(const std::string& route,
                              const std::map<std::string, std::string>& params,
                              const std::string& token, const nlohmann::json& body) {
  return send({"POST", route, params, "", token, body.dump(), "application/json"});
}

// ---- Archives ----

namespace {

la_ssize_t append_to_string(archive*, void* out, const void* buffer, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), size);
  return la_ssize_t(size);
}

}  // namespace

std::string tar_archive(const std::vector<ArchiveEntry>& entries, bool gzip) {
  std::string out;
  archive* a = archive_write_new();
  archive_write_set_format_ustar(a);
  if (gzip) {
    archive_write_add_filter_gzip(a);
    archive_write_set_filter_option(a, "gzip", "compression-level", "1");
  }
  archive_write_set_bytes_in_last_block(a, 1);
  if (archive_write_open(a, &out, nullptr, append_to_string, nullptr) != ARCHIVE_OK)
    throw std::runtime_error(archive_error_string(a));
  for (const auto& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_copy_pathname(entry, e.path.c_str());
    archive_entry_set_perm(entry, 0644);
    std::size_t size = e.zeros ? e.zeros : e.content.size();
    using T = ArchiveEntry::Type;
    switch (e.type) {
      case T::file:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_size(entry, la_int64_t(size));
        break;
      case T::directory:
        archive_entry_set_filetype(entry, AE_IFDIR);
        break;
      case T::symlink:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_copy_symlink(entry, e.link.c_str());
        break;
      case T::hardlink:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_copy_hardlink(entry, e.link.c_str());
        break;
      case T::fifo:
        archive_entry_set_filetype(entry, AE_IFIFO);
        break;
      case T::device:
        archive_entry_set_filetype(entry, AE_IFCHR);
        archive_entry_set_rdev(entry, 0x0103);
        break;
    }
    if (archive_write_header(a, entry) != ARCHIVE_OK)
      throw std::runtime_error(std::string("tar header: ") + archive_error_string(a));
    if (e.type == T::file) {
      if (e.zeros) {
        std::string piece(1 << 20, '\0');
        for (std::size_t left = e.zeros; left > 0;) {
          std::size_t n = std::min(left, piece.size());
          archive_write_data(a, piece.data(), n);
          left -= n;
        }
      } else {
        archive_write_data(a, e.content.data(), e.content.size());
      }
    }
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

std::vector<ArchiveEntry> entries_of(const store::ScenarioFiles& files, const std::string& folder) {
  std::vector<ArchiveEntry> out;
  for (const auto& [path, content] : files) out.push_back({folder + path, content});
  return out;
}

nlohmann::json upload_body(const store::ScenarioFiles& files) {
  nlohmann::json body{{"files", nlohmann::json::object()}};
  for (const auto& [path, content] : files) body["files"][path] = content;
  return body;
}

Served::Served(const std::string& db) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);  // the request log
    close(out[0]);
    close(out[1]);
    execl(REASSURE_BINARY, REASSURE_BINARY, "serve", "--listen", "127.0.0.1:0", "--db", db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* stdout_of = fdopen(out[0], "r");
  char line[512] = {};
  if (stdout_of && fgets(line, sizeof line, stdout_of)) {
    std::string text = line;
    auto colon = text.rfind(':');
    if (colon != std::string::npos) port_ = std::atoi(text.c_str() + colon + 1);
  }
  if (stdout_of) fclose(stdout_of);
}

void Served::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace reassure::api_test
