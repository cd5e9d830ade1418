// The API's plans and comparisons of stored scenario versions: asked by POST, answered from the
// plan cache at once or solved as a job whose progress and result are read back at /jobs/{id}.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/plan_jobs.hpp"
#include "server/http_server.hpp"
#include "store/store.hpp"

namespace reassure::app {

// A stored scenario version the caller may see, loaded (or the route answers 404).
struct VisibleScenario {
  std::string name;
  int version = 0;
  Releasability marking;
  std::shared_ptr<const engine::Loaded> loaded;
};
using ScenarioFinder =
    std::function<VisibleScenario(const server::Call& call, const std::string& name, int version)>;

void add_plan_routes(server::HttpServer& http, PlanJobs& jobs, ScenarioFinder find_scenario);

}  // namespace reassure::app
