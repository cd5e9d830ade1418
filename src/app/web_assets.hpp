// The dashboard's files (built from web/src/ into share/reassure/web/), served by `reassure
// serve` at GET / (index.html) and GET /assets/{file}: to anyone, since the page itself holds no
// data (it asks the API with the user's token), and confined to the web folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "server/http_server.hpp"

namespace reassure::app {

// Adds GET / and GET /assets/{file}, answered from `web`. An empty `web` (no dashboard
// installed) answers both with 404 `web.missing`.
void add_web_routes(server::HttpServer& http, const std::filesystem::path& web);

// The content type of a dashboard file by its extension, or nullopt for one not served.
std::optional<std::string> web_content_type(const std::string& file_name);

}  // namespace reassure::app
