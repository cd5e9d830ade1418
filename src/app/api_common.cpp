#include "app/api_common.hpp"

#include <cctype>

#include "core/diagnostic.hpp"

namespace reassure::app {

using server::ApiError;

// ---- LoadedScenarios ----

std::shared_ptr<const engine::Loaded> LoadedScenarios::get(store::Store& store,
                                                           const store::ScenarioVersion& version) {
  if (auto loaded = loaded_.get(version.content_key)) return *loaded;
  // Loaded outside the lock: a large scenario must not hold up the reads of the others. Two
  // requests missing the same key at once both load it; the second keeps the first's.
  auto stored = store.scenario_version(version.name, version.version);
  if (!stored) throw std::runtime_error("a listed scenario version has no files");
  auto result = engine::load(stored->files);
  if (!result.ok())
    throw ApiError(422, "scenario.invalid",
                   "the stored scenario no longer loads: " +
                       (result.problems.empty() ? std::string() : result.problems[0].format()));
  remember(version.content_key, result.loaded);
  return result.loaded;
}

// ---- Visibility ----

std::shared_ptr<const engine::Loaded> visible_scenario(ApiContext& api,
                                                       const server::Caller& caller,
                                                       const store::ScenarioVersion& version) {
  auto loaded = api.scenarios.get(api.store, version);
  if (!engine::may_see(*loaded, engine::Viewer{caller.nation}))
    throw ApiError(
        404, "scenario.not_found",
        "no version " + std::to_string(version.version) + " of scenario " + version.name);
  return loaded;
}

bool visible(const server::Caller& caller, const Releasability& marking) {
  return releasable_to(marking, caller.nation);
}

std::vector<store::ScenarioVersion> visible_versions(store::Store& store,
                                                     const server::Caller& caller,
                                                     const std::string& name) {
  std::vector<store::ScenarioVersion> out;
  for (auto& version : store.scenario_versions(name))
    if (visible(caller, version.releasability)) out.push_back(std::move(version));
  return out;
}

store::ScenarioVersion visible_version(store::Store& store, const server::Caller& caller,
                                       const std::string& name, int version) {
  for (auto& listed : visible_versions(store, caller, name))
    if (listed.version == version) return listed;
  throw ApiError(404, "scenario.not_found",
                 "no version " + std::to_string(version) + " of scenario " + name);
}

// ---- Parameters ----

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::string param(const server::Call& call, const std::string& name) {
  auto it = call.params.find(name);
  return it == call.params.end() ? std::string() : it->second;
}

}  // namespace

std::string scenario_name_param(const server::Call& call) {
  return checked_scenario_name(param(call, "name"), "name");
}

std::string checked_scenario_name(const std::string& name, const std::string& field) {
  bool ok = !name.empty() && name.size() <= store::limits::kMaxNameBytes &&
            std::isalnum(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && name_char(c);
  if (!ok)
    throw ApiError(400, "field.range",
                   "a scenario name is 1 to 100 letters, digits, '.', '_' or '-', starting with a "
                   "letter or digit; got " +
                       excerpt(name),
                   field);
  return name;
}

int version_param(const server::Call& call) {
  std::string text = param(call, "version");
  bool digits = !text.empty() && text.size() <= 9 &&
                text.find_first_not_of("0123456789") == std::string::npos && text[0] != '0';
  if (!digits)
    throw ApiError(400, "field.range",
                   "a version is a whole number from 1 to 999999999; got " + excerpt(text),
                   "version");
  return std::stoi(text);
}

void check_query(const server::Call& call, const std::vector<std::string>& known) {
  for (const auto& [name, value] : call.query) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == name;
    if (!ok)
      throw ApiError(400, "field.unknown", "not a parameter of this route: " + excerpt(name), name);
  }
}

std::optional<std::string> query_param(const server::Call& call, const std::string& name) {
  auto [first, last] = call.query.equal_range(name);
  if (first == last) return std::nullopt;
  if (std::next(first) != last) throw ApiError(400, "field.range", "given more than once", name);
  return first->second;
}

Releasability marking_field(const server::Caller& caller, const std::string& text,
                            const std::string& field) {
  std::string problem;
  auto marking = releasability_from_string(text, problem);
  if (!marking) throw ApiError(400, "field.range", problem, field);
  if (!visible(caller, *marking))
    throw ApiError(400, "field.range",
                   "marked " + to_string(*marking) + ", the record would not be releasable to " +
                       caller.nation + ", your own nation: you could not read it back",
                   field);
  return *marking;
}

// ---- Writes ----

void audit(store::Store& store, const server::Call& call, const std::string& action,
           const std::string& target) {
  store.append_audit({call.caller ? call.caller->name : "anonymous", action, target, call.remote});
}

// ---- Answers ----

void rethrow_store_error(const store::StoreError& error) {
  switch (error.code()) {
    case store::StoreError::Code::invalid_input:
      throw ApiError(400, "field.range", error.what(), error.field());
    case store::StoreError::Code::conflict:
      throw ApiError(409, "request.conflict", error.what(), error.field());
    default:
      throw error;
  }
}

server::Reply problems_reply(const std::vector<engine::Problem>& problems, int status) {
  auto body = engine::to_json(problems);
  if (problems.empty()) {
    body["error"] = server::error_body("scenario.invalid", "the scenario has problems")["error"];
  } else {
    const auto& first = problems.front();
    std::string message = first.format();
    if (problems.size() > 1)
      message += " (and " + std::to_string(problems.size() - 1) + " more problems)";
    body["error"] = server::error_body(std::string(engine::code_name(first.code)), message,
                                       first.field)["error"];
  }
  return server::Reply::json(body, status);
}

nlohmann::json version_json(const store::ScenarioVersion& version, bool with_files) {
  nlohmann::json out{{"name", version.name},
                     {"version", version.version},
                     {"content_key", version.content_key},
                     {"releasability", to_string(version.releasability)},
                     {"uploader", version.uploader},
                     {"uploaded_at", version.uploaded_at},
                     {"file_count", version.file_count},
                     {"total_bytes", version.total_bytes}};
  if (with_files) {
    auto files = nlohmann::json::array();
    for (const auto& [path, bytes] : version.files)
      files.push_back({{"path", path}, {"bytes", bytes.size()}});
    out["files"] = files;
  }
  return out;
}

nlohmann::json statement_json(const store::StoredStatement& s) {
  return {{"nation", s.nation},           {"date", s.date.iso()},
          {"revision", s.revision},       {"position", s.position},
          {"source", s.source},           {"releasability", to_string(s.releasability)},
          {"recorded_by", s.recorded_by}, {"recorded_at", s.recorded_at},
          {"current", s.current}};
}

}  // namespace reassure::app
