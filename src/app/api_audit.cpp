// The audit log read back, for administrators: every write the API made (who, what, on what,
// from where), in the order written, paged by id. No route changes or deletes it, and the store
// refuses changes to it whoever asks.
#include <cstdint>
#include <string>

#include "app/api_common.hpp"

namespace reassure::app {

namespace {

using server::ApiError;
using server::Call;
using server::Reply;

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 1'000;

// A whole number from `min` to `max`, or `fallback` when the parameter is absent.
std::int64_t number_param(const Call& call, const std::string& name, std::int64_t min,
                          std::int64_t max, std::int64_t fallback) {
  auto text = query_param(call, name);
  if (!text) return fallback;
  bool digits = !text->empty() && text->size() <= 18 &&
                text->find_first_not_of("0123456789") == std::string::npos;
  std::int64_t value = digits ? std::stoll(*text) : -1;
  if (!digits || value < min || value > max)
    throw ApiError(
        400, "field.range",
        "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max), name);
  return value;
}

Reply read_audit(ApiContext& api, const Call& call) {
  check_query(call, {"after_id", "limit"});
  auto after = number_param(call, "after_id", 0, INT64_MAX / 2, 0);
  auto limit = number_param(call, "limit", 1, kMaxPage, kDefaultPage);
  auto out = nlohmann::json::array();
  for (const auto& e : api.store.audit_log(after, int(limit)))
    out.push_back({{"id", e.id},
                   {"at", e.at},
                   {"who", e.who},
                   {"action", e.action},
                   {"target", e.target},
                   {"address", e.address}});
  return Reply::json(out);
}

}  // namespace

void add_audit_routes(server::HttpServer& http, const Api& api) {
  http.add({"GET", "/audit", "The audit log, oldest first, paged by after_id and limit",
            [api](const Call& call) { return read_audit(*api, call); }, server::Access::admin});
}

}  // namespace reassure::app
