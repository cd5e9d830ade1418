// Scenario routes: uploads stored as versions (JSON or a tar archive), listings, one version's
// files, validation without storing, and the coalition's status from a stored version.
#include <string>

#include "app/api_archive.hpp"
#include "app/api_common.hpp"
#include "app/scenario_versions.hpp"
#include "core/diagnostic.hpp"
#include "server/request_fields.hpp"

namespace reassure::app {

namespace {

using server::ApiError;
using server::Call;
using server::Reply;
namespace limits = store::limits;

const std::string kMain = "scenario.yaml";

struct Upload {
  store::ScenarioFiles files;
  std::string main = kMain;
};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

// The JSON form: {"files": {"scenario.yaml": "...", ...}, "main": "scenario.yaml"}. Its strings
// may be as long as a scenario file (the reader's 64 KiB default is for ordinary fields).
Upload json_upload(const Call& call) {
  check_query(call, {});
  nlohmann::json body = call.json_body(limits::kMaxFileBytes);
  server::ObjectFields fields(body);
  Upload upload;
  const auto* files = fields.value("files");
  if (auto main = fields.text("main", limits::kMaxPathBytes)) upload.main = *main;
  fields.done();
  if (!files) throw ApiError(400, "field.missing", "required", "files");
  if (!files->is_object() || files->empty())
    throw ApiError(400, "field.type", "expected an object of paths to file texts, not empty",
                   "files");
  if (files->size() > limits::kMaxFiles)
    throw ApiError(400, "field.range", "more than " + std::to_string(limits::kMaxFiles) + " files",
                   "files");
  for (const auto& [path, text] : files->items()) {
    std::string field = "files." + path.substr(0, limits::kMaxPathBytes);
    if (!text.is_string()) throw ApiError(400, "field.type", "expected the file's text", field);
    if (path.size() > limits::kMaxPathBytes)
      throw ApiError(400, "field.range",
                     "a path longer than " + std::to_string(limits::kMaxPathBytes) + " bytes",
                     field);
    upload.files.emplace(path, text.get<std::string>());
  }
  return upload;
}

Upload archive_upload(const Call& call, ArchiveKind kind) {
  check_query(call, {"main"});
  Upload upload;
  upload.files = read_archive(call.body, kind);
  if (upload.files.empty())
    throw ApiError(400, "archive.invalid", "the archive holds no file", "body");
  if (auto main = query_param(call, "main")) upload.main = *main;
  return upload;
}

// The files of an upload or a validation, from the body in whichever form it came.
Upload read_upload(const Call& call) {
  std::string type = call.header("content-type");
  if (starts_with(type, "application/json")) return json_upload(call);
  if (starts_with(type, "application/x-tar")) return archive_upload(call, ArchiveKind::tar);
  for (const char* gzip : {"application/gzip", "application/x-gzip", "application/x-compressed-tar",
                           "application/x-gtar"})
    if (starts_with(type, gzip)) return archive_upload(call, ArchiveKind::tar_gzip);
  throw ApiError(415, "body.content_type",
                 "expected Content-Type application/json, application/x-tar or application/gzip; "
                 "got " +
                     excerpt(type),
                 "body");
}

// The store keeps no name for the main file: it is scenario.yaml. Another main at the top of
// the upload is stored under that name (its includes resolve from the same folder).
void main_as_scenario_yaml(Upload& upload) {
  if (upload.main == kMain) return;
  if (upload.main.find('/') != std::string::npos || upload.files.contains(kMain) ||
      !upload.files.contains(upload.main))
    throw ApiError(400, "field.range",
                   "main must name a file at the top of the upload, and there must then be no "
                   "scenario.yaml beside it; got " +
                       excerpt(upload.main),
                   "main");
  auto node = upload.files.extract(upload.main);
  node.key() = kMain;
  upload.files.insert(std::move(node));
  upload.main = kMain;
}

std::string location(const store::ScenarioVersion& v) {
  return "/scenarios/" + v.name + "/versions/" + std::to_string(v.version);
}

Reply upload_version(ApiContext& api, const Call& call) {
  const auto& caller = *call.caller;
  std::string name = scenario_name_param(call);
  Upload upload = read_upload(call);
  main_as_scenario_yaml(upload);
  auto loaded = engine::load(upload.files, upload.main);
  if (!loaded.ok()) return problems_reply(loaded.problems);
  // Marked as the scenario marks itself (its top-level `releasability`, coalition by default).
  const Releasability& marking = loaded.loaded->scenario.releasability;
  if (!visible(caller, marking))
    throw ApiError(422, "scenario.marking",
                   "the scenario is marked " + to_string(marking) + ", not releasable to " +
                       caller.nation + ", your own nation: you could not read it back");
  std::lock_guard one_at_a_time(api.uploads);
  StoredVersion stored;
  try {
    stored = store_scenario_version(
        api.store, name, upload.files, *loaded.loaded, caller.name,
        [&](const store::ScenarioVersion& latest) {
          // Names are one namespace for every nation: a name whose latest version the caller
          // may not see cannot take their upload, and the refusal says no more than that
          // (docs/api.md).
          if (!visible(caller, latest.releasability))
            throw ApiError(
                409, "scenario.name_unavailable",
                "the scenario name " + name + " cannot take this upload; choose another name",
                "name");
        });
  } catch (const store::StoreError& e) {
    rethrow_store_error(e);
  }
  // A retried upload: the version it made already.
  if (!stored.created) return Reply::json(version_json(stored.version, true), 200);
  api.scenarios.remember(stored.version.content_key, loaded.loaded);  // its files, loaded already
  audit(api.store, call, "scenario.upload", name + "@" + std::to_string(stored.version.version));
  auto reply = Reply::json(version_json(stored.version, true), 201);
  reply.headers.emplace_back("Location", location(stored.version));
  return reply;
}

Reply list_scenarios(ApiContext& api, const Call& call) {
  check_query(call, {});
  auto out = nlohmann::json::array();
  for (const auto& name : api.store.scenario_names()) {
    auto versions = visible_versions(api.store, *call.caller, name);
    if (versions.empty()) continue;  // not even its name is shown
    const auto& latest = versions.back();
    out.push_back({{"name", name},
                   {"latest_version", latest.version},
                   {"versions", versions.size()},
                   {"releasability", to_string(latest.releasability)},
                   {"uploaded_at", latest.uploaded_at}});
  }
  return Reply::json(out);
}

Reply list_versions(ApiContext& api, const Call& call) {
  check_query(call, {});
  std::string name = scenario_name_param(call);
  auto versions = visible_versions(api.store, *call.caller, name);
  if (versions.empty()) throw ApiError(404, "scenario.not_found", "no scenario named " + name);
  auto out = nlohmann::json::array();
  for (const auto& v : versions) out.push_back(version_json(v, false));
  return Reply::json(out);
}

store::ScenarioVersion with_files(ApiContext& api, store::ScenarioVersion meta) {
  // A version's files never change: kept in memory by content key once read.
  if (auto files = api.version_files.get(meta.content_key)) {
    meta.files = **files;
    return meta;
  }
  auto stored = api.store.scenario_version(meta.name, meta.version);
  if (!stored) throw std::runtime_error("a listed scenario version has no row");
  api.version_files.put(stored->content_key,
                        std::make_shared<const store::ScenarioFiles>(stored->files));
  return *stored;
}

Reply get_version(ApiContext& api, const Call& call) {
  check_query(call, {});
  auto meta =
      visible_version(api.store, *call.caller, scenario_name_param(call), version_param(call));
  return Reply::json(version_json(with_files(api, meta), true));
}

// The nation of the user who uploaded a version ("" if the user is unknown: then no one).
std::string uploader_nation(store::Store& store, const store::ScenarioVersion& version) {
  for (const auto& user : store.users())
    if (user.name == version.uploader) return user.nation;
  return "";
}

Reply get_file(ApiContext& api, const Call& call) {
  check_query(call, {"path"});
  std::string name = scenario_name_param(call);
  int number = version_param(call);
  auto path = query_param(call, "path");
  if (!path || path->empty()) throw ApiError(400, "field.missing", "required", "path");
  auto meta = visible_version(api.store, *call.caller, name, number);
  // The files hold every record as written, markings and all: only the uploader's nation gets
  // them. The rule depends on who uploaded, never on what the files hold, so a refusal tells
  // nothing of restricted records (docs/api.md, "Releasability").
  if (uploader_nation(api.store, meta) != call.caller->nation)
    throw ApiError(403, "scenario.files_owner_only",
                   "the files of a scenario version are served to its uploader's nation only; "
                   "its status, plans and comparisons show what your nation may see",
                   "path");
  auto version = with_files(api, meta);
  auto file = version.files.find(*path);
  if (file == version.files.end())
    throw ApiError(404, "scenario.file_not_found",
                   "no file " + excerpt(*path) + " in version " + std::to_string(number) +
                       " of scenario " + name,
                   "path");
  return Reply::json(
      {{"name", name}, {"version", number}, {"path", file->first}, {"content", file->second}});
}

Reply validate_upload(const Call& call) {
  Upload upload = read_upload(call);
  auto validation = engine::validate(engine::load(upload.files, upload.main));
  return Reply::json(engine::to_json(validation));
}

Reply version_status(ApiContext& api, const Call& call) {
  check_query(call, {"as_of"});
  std::string name = scenario_name_param(call);
  int number = version_param(call);
  std::string as_of = query_param(call, "as_of").value_or("");
  if (!as_of.empty())
    if (auto problem = engine::check_date(as_of))
      throw ApiError(400, std::string(engine::code_name(problem->code)), problem->message, "as_of");
  auto meta = visible_version(api.store, *call.caller, name, number);
  auto loaded = visible_scenario(api, *call.caller, meta);
  auto result = engine::status(*loaded, as_of, engine::Viewer{call.caller->nation});
  if (!result.ok()) return problems_reply(result.problems, 400);
  return Reply::json(engine::to_json(result));
}

// The theatre's map layers (engine::theatre): the geometries, the zones as polygons and the
// sites of the version, or of one of its variants. A scenario the caller may not see is 404 as
// for the status; a misspelt variant is 422, as for a plan.
Reply version_theatre(ApiContext& api, const Call& call) {
  check_query(call, {"variant"});
  std::string name = scenario_name_param(call);
  int number = version_param(call);
  std::string variant = query_param(call, "variant").value_or("base");
  if (variant.empty() || variant.size() > 100)
    throw ApiError(400, "field.range", "a variant name of 1 to 100 characters", "variant");
  auto meta = visible_version(api.store, *call.caller, name, number);
  auto loaded = visible_scenario(api, *call.caller, meta);
  auto result = engine::theatre(*loaded, variant, engine::Viewer{call.caller->nation});
  // Its one problem is the request's (variant.unknown), told as a plan's request tells it.
  if (!result.ok() && !result.problems.empty()) {
    const auto& problem = result.problems.front();
    throw ApiError(422, std::string(engine::code_name(problem.code)), problem.message,
                   problem.field);
  }
  return Reply::json(engine::to_json(result));
}

}  // namespace

void add_scenario_routes(server::HttpServer& http, const Api& api) {
  using server::Access;
  http.add({"GET", "/scenarios", "Scenario names with their latest version you may see",
            [api](const Call& call) { return list_scenarios(*api, call); }, Access::user});
  http.add({"POST", "/scenarios/{name}/versions",
            "Upload a scenario (JSON or tar archive) as a new version",
            [api](const Call& call) { return upload_version(*api, call); }, Access::planner});
  http.add({"GET", "/scenarios/{name}/versions", "The versions of a scenario you may see",
            [api](const Call& call) { return list_versions(*api, call); }, Access::user});
  http.add({"GET", "/scenarios/{name}/versions/{version}", "One version with its file list",
            [api](const Call& call) { return get_version(*api, call); }, Access::user});
  http.add({"GET", "/scenarios/{name}/versions/{version}/file", "One file of a version",
            [api](const Call& call) { return get_file(*api, call); }, Access::user});
  http.add({"GET", "/scenarios/{name}/versions/{version}/status",
            "The coalition's status from a stored version, as of a date",
            [api](const Call& call) { return version_status(*api, call); }, Access::user});
  http.add({"GET", "/scenarios/{name}/versions/{version}/theatre",
            "The theatre's geometries, zones and sites as GeoJSON, for maps",
            [api](const Call& call) { return version_theatre(*api, call); }, Access::user});
  http.add({"POST", "/validate", "Validate a scenario's files without storing them",
            [](const Call& call) { return validate_upload(call); }, Access::user});
}

}  // namespace reassure::app
