// The API's plans and comparisons of stored scenario versions: asked by POST, answered from the
// plan cache at once or solved as a job (plan_jobs.hpp) whose progress and result are read back
// at /jobs/{id}; each caller sees the result as far as their nation may.
#include "app/api_common.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/sha256.hpp"
#include "server/api_error.hpp"
#include "server/request_fields.hpp"

namespace reassure::app {

namespace {

using server::ApiError;
using server::Call;
using server::Reply;

// The longest a caller may ask the route to wait for a solve before it answers 202.
constexpr int kMaxWaitSeconds = 60;
constexpr std::int64_t kMaxTimeLimitSeconds = 86'400;
constexpr std::size_t kMaxVariants = 16;  // in one comparison

// What a caller may see of a plan's or comparison's JSON. The coalition's plan is solved once
// on every pledge; each nation's users see the part released to them (engine::view_of_plan:
// restricted pledges aggregated or withheld, as their markings say). A result without a plan
// (a failed solve) has nothing to redact but its problems, which name no record.
nlohmann::json released_view(const nlohmann::json& full, bool compare,
                             const server::Caller& caller) {
  engine::Viewer viewer{caller.nation};
  auto view = compare ? engine::view_of_compare(full, viewer) : engine::view_of_plan(full, viewer);
  if (!view.is_null()) return view;
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& problem : full.value("problems", nlohmann::json::array()))
    problems.push_back(
        {{"code", problem.value("code", "")}, {"message", problem.value("message", "")}});
  return {{"schema_version", engine::kSchemaVersion}, {"problems", problems}};
}

// `Prefer: wait=N` (RFC 7240): how long the caller will wait for the answer before a 202.
int preferred_wait(const Call& call) {
  std::string prefer = call.header("prefer");
  auto at = prefer.find("wait=");
  if (at == std::string::npos) return 0;
  int seconds = 0;
  const char* begin = prefer.data() + at + 5;
  const char* end = prefer.data() + prefer.size();
  auto [stop, error] = std::from_chars(begin, end, seconds);
  if (error != std::errc() || stop == begin || seconds < 0)
    throw ApiError(400, "header.invalid", "Prefer: expected wait=SECONDS, seconds from 0 to 60",
                   "Prefer");
  return std::min(seconds, kMaxWaitSeconds);
}

nlohmann::json progress_json(const engine::Progress& progress) {
  return {{"variant", progress.variant},
          {"variant_index", progress.variant_index},
          {"variants", progress.variants},
          {"components_done", progress.solve.components_done},
          {"components", progress.solve.components},
          {"seconds", progress.solve.seconds}};
}

nlohmann::json optional_time(const std::string& at) {
  return at.empty() ? nlohmann::json(nullptr) : nlohmann::json(at);
}

// A job as the API shows it; the result only once finished, and only the caller's view of it.
nlohmann::json job_json(const JobView& job, const server::Caller& caller) {
  nlohmann::json json{{"id", job.id},
                      {"state", to_string(job.state)},
                      {"kind", job.compare ? "comparison" : "plan"},
                      {"scenario", job.scenario},
                      {"variants", job.variants},
                      {"time_limit_seconds", job.time_limit_seconds},
                      {"progress", progress_json(job.progress)},
                      {"queued_at", job.queued_at},
                      {"started_at", optional_time(job.started_at)},
                      {"finished_at", optional_time(job.finished_at)},
                      {"cached", job.cached},
                      {"result", nullptr}};
  if (job.result) json["result"] = released_view(*job.result, job.compare, caller);
  return json;
}

// A result served from the cache, in the shape of a finished job without an id.
nlohmann::json cached_json(const PlanJobRequest& request, const nlohmann::json& result,
                           const server::Caller& caller) {
  return {{"id", nullptr},
          {"state", "done"},
          {"kind", request.compare ? "comparison" : "plan"},
          {"scenario", request.scenario},
          {"variants", request.variants},
          {"time_limit_seconds", request.time_limit_seconds},
          {"progress", nullptr},
          {"queued_at", nullptr},
          {"started_at", nullptr},
          {"finished_at", nullptr},
          {"cached", true},
          {"result", released_view(result, request.compare, caller)}};
}

bool finished(JobState state) {
  return state == JobState::done || state == JobState::failed || state == JobState::cancelled;
}

Reply job_reply(const JobView& job, const server::Caller& caller) {
  Reply reply = Reply::json(job_json(job, caller), finished(job.state) ? 200 : 202);
  reply.headers.emplace_back("Location", "/jobs/" + job.id);
  if (!finished(job.state)) reply.headers.emplace_back("Retry-After", "1");
  return reply;
}

// The request's variant(s) checked against the scenario before a job is made: a misspelt
// variant is the caller's error (422), told at once, not a failed job.
void check_variants(const Scenario& scenario, const std::vector<std::string>& variants,
                    const std::string& field) {
  for (const auto& variant : variants)
    if (auto problem = engine::check_variant(scenario, variant))
      throw ApiError(422, std::string(engine::code_name(problem->code)), problem->message, field);
}

// What a job asks, for the audit log: "plan coalition@3 base", "compare coalition@3 base,x";
// a what-if with its definition as asked: "compare coalition@3 base,fr {...}".
std::string audit_target(const PlanJobRequest& request, const std::vector<engine::WhatIf>& asked) {
  std::string variants;
  for (const auto& v : request.variants) variants += (variants.empty() ? "" : ",") + v;
  for (const auto& what_if : asked) variants += " " + what_if.text;
  return request.scenario + " " + variants;
}

// The variants a request names: the scenario's by name, or what-ifs defined in the request, in
// the shape of a variants.yaml entry (docs/scenario-format.md), as JSON objects.
struct Asked {
  std::vector<std::string> names;        // in the order asked, what-ifs by their names
  std::vector<engine::WhatIf> what_ifs;  // their definitions, as canonical JSON text
};

bool variant_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

void add_asked(Asked& asked, const nlohmann::json& item, const std::string& field) {
  if (item.is_string()) {
    const auto& name = item.get_ref<const std::string&>();
    if (name.size() > 100)
      throw ApiError(400, "field.range", "longer than 100 bytes: " + excerpt(name), field);
    asked.names.push_back(name);
    return;
  }
  if (!item.is_object())
    throw ApiError(400, "field.type",
                   "expected a variant's name or a what-if (an object shaped as an entry of "
                   "variants.yaml)",
                   field);
  // The name is read here too, to name the what-if in the request; the rest only by the
  // scenario's reader (engine::with_what_ifs).
  auto name = item.find("name");
  if (name == item.end() || !name->is_string())
    throw ApiError(422, "variant.invalid", "a what-if needs a name (a string)", field + ".name");
  const auto& text = name->get_ref<const std::string&>();
  if (text.empty() || text.size() > 100 ||
      !std::all_of(text.begin(), text.end(), variant_name_char))
    throw ApiError(
        422, "variant.invalid",
        "a what-if's name has 1 to 100 letters, digits, '-', '_' or '.', got " + excerpt(text),
        field + ".name");
  for (const auto& other : asked.what_ifs)
    if (nlohmann::json::parse(other.text)["name"] == *name)
      throw ApiError(422, "variant.invalid", "two what-ifs are named " + excerpt(text),
                     field + ".name");
  // nlohmann's objects keep their keys sorted: the same what-if gives the same text, hence
  // the same cache key, however its keys were ordered or spaced.
  asked.what_ifs.push_back({item.dump(), "request", field, nullptr});
  asked.names.push_back(text);
}

// The request's scenario with its what-ifs (checked as its own variants would be, as far as
// the caller may see its records), then every variant it names.
void with_asked(ApiContext& api, PlanJobRequest& request, const Asked& asked,
                const server::Caller& caller, const std::string& field) {
  if (!asked.what_ifs.empty()) {
    // A what-if takes a name of its own: the scenario's variants keep theirs.
    for (const auto& what_if : asked.what_ifs) {
      auto name = nlohmann::json::parse(what_if.text)["name"].get<std::string>();
      if (name == "base" || !engine::check_variant(request.loaded->scenario, name))
        throw ApiError(
            422, "variant.invalid",
            "the scenario has a variant named " + excerpt(name) + ": give the what-if another name",
            what_if.field + ".name");
    }
    // JSON text and fields hold no line break: the lines cannot run into one another. Hashed,
    // so that a large what-if is not kept twice.
    Sha256 hash;
    hash.add(request.loaded->content + "\n" + caller.nation);
    for (const auto& what_if : asked.what_ifs) hash.add("\n" + what_if.field + "\n" + what_if.text);
    std::string key = hash.hex();
    if (auto known = api.what_if_scenarios.get(key)) {
      request.loaded = *known;
    } else {
      engine::Viewer viewer{caller.nation};
      auto result = engine::with_what_ifs(*request.loaded, asked.what_ifs, &viewer);
      if (!result.ok()) {
        const auto& first = result.problems.front();
        throw ApiError(422, std::string(engine::code_name(first.code)), first.message, first.field);
      }
      api.what_if_scenarios.put(key, result.loaded);
      request.loaded = result.loaded;
    }
  }
  check_variants(request.loaded->scenario, asked.names, field);
  request.variants = asked.names;
}

Reply ask(ApiContext& api, const Call& call, PlanJobRequest request, const Asked& asked) {
  PlanJobs& jobs = *api.jobs;
  int wait = preferred_wait(call);
  PlanJobs::Submitted submitted;
  try {
    submitted = jobs.submit(request);
  } catch (const JobsBusy& busy) {
    Reply reply = Reply::json(server::error_body("plans.busy", busy.what()), 503);
    reply.headers.emplace_back("Retry-After", "5");
    return reply;
  }
  // A new solve is work done on the caller's behalf: audited (a cache hit or a joined solve
  // is a read).
  if (!submitted.cached && !submitted.joined)
    audit(api.store, call, request.compare ? "compare.request" : "plan.request",
          audit_target(request, asked.what_ifs) + " job " + submitted.job);
  if (submitted.cached) {
    std::string rendered_key = submitted.key + "\n" + request.scenario + "\n" + call.caller->nation;
    Reply reply;
    if (auto rendered = api.rendered_plans.get(rendered_key)) {
      reply.body = *rendered;
    } else {
      reply = Reply::json(cached_json(request, *submitted.cached, *call.caller));
      api.rendered_plans.put(rendered_key, reply.body);
    }
    reply.headers.emplace_back("X-Reassure-Cache", "hit");
    return reply;
  }
  auto job = jobs.wait(submitted.job, std::chrono::seconds(wait));
  if (!job) throw std::logic_error("a job submitted a moment ago is gone");
  Reply reply = job_reply(*job, *call.caller);
  reply.headers.emplace_back("X-Reassure-Cache", "miss");
  return reply;
}

// The job, if it exists and the caller may see the scenario it plans; else 404 as for an id
// that never existed, so that ids tell nothing of other nations' work.
JobView visible_job(const Call& call, const PlanJobs& jobs) {
  auto job = jobs.job(call.params.at("id"));
  if (!job || !releasable_to(job->marking, call.caller->nation))
    throw ApiError(404, "job.not_found", "no such job", "id");
  return *job;
}

// The request for a stored version the caller may see (else 404 as for a missing one, before
// any file is read or the plan cache asked).
PlanJobRequest request_for(ApiContext& api, const Call& call) {
  auto meta =
      visible_version(api.store, *call.caller, scenario_name_param(call), version_param(call));
  PlanJobRequest request;
  request.loaded = visible_scenario(api, *call.caller, meta);
  request.scenario = meta.name + "@" + std::to_string(meta.version);
  request.marking = meta.releasability;
  request.requested_by = call.caller->name;
  return request;
}

}  // namespace

void add_plan_routes(server::HttpServer& http, const Api& api) {
  PlanJobs& jobs = *api->jobs;
  http.add({"POST", "/scenarios/{name}/versions/{version}/plans",
            "Plan a variant of a scenario version: from the cache, or solved as a job",
            [api](const Call& call) {
              check_query(call, {});
              auto body = call.json_body();
              server::ObjectFields fields(body);
              const nlohmann::json* variant = fields.value("variant");
              auto limit = fields.integer("time_limit_seconds", 1, kMaxTimeLimitSeconds);
              fields.done();
              Asked asked;
              add_asked(asked, variant ? *variant : nlohmann::json("base"), "variant");
              auto request = request_for(*api, call);
              with_asked(*api, request, asked, *call.caller, "variant");
              request.time_limit_seconds = double(limit.value_or(60));
              return ask(*api, call, std::move(request), asked);
            },
            server::Access::user});
  http.add({"POST", "/scenarios/{name}/versions/{version}/comparisons",
            "Compare variants of a scenario version, the first the reference",
            [api](const Call& call) {
              check_query(call, {});
              auto body = call.json_body();
              server::ObjectFields fields(body);
              const nlohmann::json* variants = fields.value("variants");
              auto limit = fields.integer("time_limit_seconds", 1, kMaxTimeLimitSeconds);
              fields.done();
              if (!variants) throw ApiError(400, "field.missing", "required", "variants");
              if (!variants->is_array())
                throw ApiError(400, "field.type", "expected an array", "variants");
              if (variants->empty())
                throw ApiError(400, "field.range", "name at least one variant", "variants");
              if (variants->size() > kMaxVariants)
                throw ApiError(400, "field.range",
                               "more than " + std::to_string(kMaxVariants) + " items", "variants");
              Asked asked;
              for (std::size_t i = 0; i < variants->size(); ++i)
                add_asked(asked, (*variants)[i], "variants[" + std::to_string(i) + "]");
              auto request = request_for(*api, call);
              with_asked(*api, request, asked, *call.caller, "variants");
              request.compare = true;
              request.time_limit_seconds = double(limit.value_or(60));
              return ask(*api, call, std::move(request), asked);
            },
            server::Access::user});
  http.add(
      {"GET", "/scenarios/{name}/versions/{version}/variants",
       "The variants a plan or comparison may name, and what a what-if may name",
       [api](const Call& call) {
         check_query(call, {});
         auto request = request_for(*api, call);
         const Scenario& s = request.loaded->scenario;
         nlohmann::json variants = nlohmann::json::array();
         variants.push_back({{"name", "base"}, {"description", s.description}});
         for (const auto& v : s.variants)
           variants.push_back({{"name", v.name}, {"description", v.description}});
         // Nations and capabilities carry no marking: every user of the version sees them.
         nlohmann::json nations = nlohmann::json::array();
         for (const auto& n : s.nations)
           nations.push_back({{"code", n.code}, {"name", n.name}, {"participant", n.participant}});
         nlohmann::json capabilities = nlohmann::json::array();
         for (const auto& c : s.capabilities)
           capabilities.push_back({{"id", c.id},
                                   {"name", c.name},
                                   {"domain", to_string(c.domain)},
                                   {"personnel", c.personnel}});
         return Reply::json({{"scenario", request.scenario},
                             {"rotations", s.mission.rotations},
                             {"variants", variants},
                             {"nations", nations},
                             {"capabilities", capabilities}});
       },
       server::Access::user});
  http.add({"GET", "/jobs/{id}", "A plan or comparison job: its state, progress and result",
            [api, &jobs](const Call& call) {
              check_query(call, {});
              auto job = visible_job(call, jobs);
              if (int wait = preferred_wait(call); wait > 0 && !finished(job.state))
                job = jobs.wait(job.id, std::chrono::seconds(wait)).value_or(job);
              return job_reply(job, *call.caller);
            },
            server::Access::user});
  http.add({"DELETE", "/jobs/{id}", "Cancel a queued or running job",
            [api, &jobs](const Call& call) {
              check_query(call, {});
              auto job = visible_job(call, jobs);
              if (!jobs.cancel(job.id)) {
                // Finished, or finishing (its solve has returned): too late.
                auto ended = jobs.wait(job.id, std::chrono::seconds(2)).value_or(job);
                throw ApiError(409, "job.finished",
                               "the job has finished: " + to_string(ended.state), "id");
              }
              audit(api->store, call, "job.cancel", job.scenario + " job " + job.id);
              // A running solve stops at its next check; answer with the job as it then is.
              auto now = jobs.wait(job.id, std::chrono::seconds(2)).value_or(job);
              return job_reply(now, *call.caller);
            },
            server::Access::planner});
}

}  // namespace reassure::app
