// Registry statements recorded at the headquarters: what a nation said on a date, revised by
// later recordings, each revision kept. Read back as each caller may see them: a revision not
// releasable to the caller's nation is left out, and "current" means the latest revision the
// caller may see (a nation's users know only what was released to them).
#include <map>
#include <string>
#include <utility>

#include "app/api_common.hpp"
#include "core/diagnostic.hpp"
#include "server/request_fields.hpp"

namespace reassure::app {

namespace {

using server::ApiError;
using server::Call;
using server::Reply;
namespace limits = store::limits;

// The revisions of one nation's history the caller may see, "current" set on the latest of
// each date among them.
std::vector<store::StoredStatement> visible_history(std::vector<store::StoredStatement> history,
                                                    const server::Caller& caller) {
  std::vector<store::StoredStatement> out;
  for (auto& s : history)
    if (visible(caller, s.releasability)) out.push_back(std::move(s));
  // By date then revision (the store's order): the last of each date is its current one.
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].current = i + 1 == out.size() || out[i + 1].date != out[i].date;
  return out;
}

std::string nation_param(const Call& call) {
  auto it = call.params.find("nation");
  std::string nation = it == call.params.end() ? "" : it->second;
  if (!is_country_code(nation))
    throw ApiError(400, "field.range",
                   "expected an ISO 3166-1 alpha-2 code such as FR; got " + excerpt(nation),
                   "nation");
  return nation;
}

Reply current_statements(ApiContext& api, const Call& call) {
  check_query(call, {});
  const auto& caller = *call.caller;
  // Grouped by nation, in the store's order; a nation with a hidden current revision is read
  // again in full to find the latest revision the caller may see.
  std::map<std::string, std::vector<store::StoredStatement>> by_nation;
  for (auto& s : api.store.current_statements()) by_nation[s.nation].push_back(std::move(s));
  auto out = nlohmann::json::array();
  for (auto& [nation, current] : by_nation) {
    bool all_visible = true;
    for (const auto& s : current) all_visible = all_visible && visible(caller, s.releasability);
    if (!all_visible) current = visible_history(api.store.statement_history(nation), caller);
    for (const auto& s : current)
      if (s.current) out.push_back(statement_json(s));
  }
  return Reply::json(out);
}

Reply nation_history(ApiContext& api, const Call& call) {
  check_query(call, {});
  auto history = visible_history(api.store.statement_history(nation_param(call)), *call.caller);
  auto out = nlohmann::json::array();
  for (const auto& s : history) out.push_back(statement_json(s));
  return Reply::json(out);
}

// A position must be one of the vocabulary of a scenario version the caller names and may see:
// the headquarters records statements in the words some scenario gives them meaning in.
void check_position(ApiContext& api, const server::Caller& caller, const std::string& scenario,
                    int version, const std::string& position) {
  auto meta = visible_version(api.store, caller, scenario, version);
  auto loaded = api.scenarios.get(api.store, meta);
  std::string known;
  for (const auto& p : loaded->scenario.positions) {
    if (p.id == position) return;
    known += (known.empty() ? "" : ", ") + p.id;
  }
  throw ApiError(422, "statement.position",
                 "position " + excerpt(position) + " is not in the vocabulary of scenario " +
                     scenario + " version " + std::to_string(version) + ": " + known,
                 "position");
}

Reply record_statement(ApiContext& api, const Call& call) {
  check_query(call, {});
  const auto& caller = *call.caller;
  auto body = call.json_body();
  server::ObjectFields fields(body);
  store::StatementRecord record;
  record.nation = fields.required_text("nation", 2);
  std::string date = fields.required_text("date", 10);
  record.position = fields.required_text("position", limits::kMaxShortText);
  record.source = fields.required_text("source", limits::kMaxLongText);
  std::string marking = fields.required_text("releasability", limits::kMaxLongText);
  std::string scenario = fields.required_text("scenario", limits::kMaxNameBytes);
  auto version = fields.integer("scenario_version", 1, 999'999'999);
  fields.done();
  if (!version) throw ApiError(400, "field.missing", "required", "scenario_version");
  if (!is_country_code(record.nation))
    throw ApiError(400, "field.range", "expected an ISO 3166-1 alpha-2 code such as FR", "nation");
  std::string problem;
  auto day = Date::parse_in_range(date, problem);
  if (!day) throw ApiError(400, "field.range", problem, "date");
  record.date = *day;
  record.releasability = marking_field(caller, marking, "releasability");
  record.recorded_by = caller.name;
  checked_scenario_name(scenario, "scenario");
  check_position(api, caller, scenario, int(*version), record.position);

  store::StoredStatement stored;
  try {
    stored = api.store.add_statement(record);
  } catch (const store::StoreError& e) {
    rethrow_store_error(e);
  }
  audit(api.store, call, "statement.record",
        stored.nation + "@" + stored.date.iso() + "#" + std::to_string(stored.revision));
  auto reply = Reply::json(statement_json(stored), 201);
  reply.headers.emplace_back("Location", "/registry/statements/" + stored.nation);
  return reply;
}

}  // namespace

void add_registry_routes(server::HttpServer& http, const Api& api) {
  using server::Access;
  http.add({"GET", "/registry/statements",
            "The current statement of each nation and date that you may see",
            [api](const Call& call) { return current_statements(*api, call); }, Access::user});
  http.add({"GET", "/registry/statements/{nation}",
            "Every revision of a nation's statements that you may see",
            [api](const Call& call) { return nation_history(*api, call); }, Access::user});
  http.add({"POST", "/registry/statements", "Record a nation's statement (a new revision)",
            [api](const Call& call) { return record_statement(*api, call); }, Access::planner});
}

}  // namespace reassure::app
