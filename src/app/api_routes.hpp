// The headquarters API's routes over the engine and the store: the one place `reassure serve`
// and its tests get them from, so that the OpenAPI checks run on the whole route table.
#pragma once

#include <filesystem>

#include "app/plan_jobs.hpp"
#include "server/http_server.hpp"
#include "store/store.hpp"

namespace reassure::app {

// Adds every API route to `http`, with the dashboard's files from `web` (none: answered 404),
// and checks bearer tokens against the store's users. The store must outlive the server.
void add_api_routes(server::HttpServer& http, store::Store& store,
                    const PlanJobs::Limits& solvers = {}, const std::filesystem::path& web = {});

}  // namespace reassure::app
