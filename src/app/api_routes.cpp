#include "app/api_routes.hpp"

#include "app/api_common.hpp"
#include "app/web_assets.hpp"

namespace reassure::app {

void add_api_routes(server::HttpServer& http, store::Store& store, const PlanJobs::Limits& solvers,
                    const std::filesystem::path& web) {
  http.set_authenticator([&store](const std::string& token) -> std::optional<server::Caller> {
    auto user = store.user_by_token(token);
    if (!user) return std::nullopt;
    return server::Caller{user->name, user->nation, store::to_string(user->role)};
  });
  http.add({"GET", "/me", "Who the bearer token names: the dashboard's sign-in",
            [](const server::Call& call) {
              return server::Reply::json({{"name", call.caller->name},
                                          {"nation", call.caller->nation},
                                          {"role", call.caller->role}});
            },
            server::Access::user});
  // Shared by every area's handlers, and kept alive by them as long as the server's routes.
  auto api = std::make_shared<ApiContext>(store);
  add_scenario_routes(http, api);
  add_registry_routes(http, api);
  add_audit_routes(http, api);
  api->jobs = std::make_unique<PlanJobs>(store, solvers, &http.metrics());
  add_plan_routes(http, api);
  add_web_routes(http, web);
}

}  // namespace reassure::app
