#include "app/web_assets.hpp"

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

#include "server/api_error.hpp"

namespace reassure::app {

namespace fs = std::filesystem;

std::optional<std::string> web_content_type(const std::string& file_name) {
  static const std::map<std::string, std::string> types{
      {".html", "text/html; charset=utf-8"},
      {".js", "application/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
  };
  auto it = types.find(fs::path(file_name).extension().string());
  if (it == types.end()) return std::nullopt;
  return it->second;
}

namespace {

[[noreturn]] void not_found(const std::string& what) {
  throw server::ApiError(404, "web.not_found", "no dashboard file " + what);
}

// A file name of the web folder itself: letters, digits, '.', '-', '_', not starting with '.'
// (so no "..", no hidden file, no sub-folder).
bool plain_file_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
      return false;
  return true;
}

// FNV-1a of the content: the ETag changes whenever the file does.
std::string etag_of(const std::string& content) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : content) hash = (hash ^ c) * 1099511628211ull;
  std::ostringstream out;
  out << '"' << std::hex << hash << '"';
  return out.str();
}

// The file `name` of `web`, resolved through any symlink and refused unless it is a regular
// file still inside `web` (a symlink out of the folder is answered as a missing file).
server::Reply serve_file(const fs::path& web, const std::string& name, const server::Call& call) {
  if (web.empty())
    throw server::ApiError(404, "web.missing",
                           "the dashboard is not installed (reassure serve --web DIR)");
  auto type = web_content_type(name);
  if (!plain_file_name(name) || !type) not_found("'" + name + "'");
  std::error_code error;
  fs::path root = fs::canonical(web, error);
  if (error) throw server::ApiError(404, "web.missing", "no dashboard folder " + web.string());
  fs::path file = fs::canonical(root / name, error);
  if (error || file.parent_path() != root || !fs::is_regular_file(file, error))
    not_found("'" + name + "'");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in && !in.eof()) not_found("'" + name + "' (unreadable)");
  server::Reply reply;
  std::string etag = etag_of(content.str());
  // Names are not content-hashed: a browser revalidates each time, cheaply with the ETag.
  reply.headers = {{"ETag", etag}, {"Cache-Control", "no-cache"}};
  if (call.header("if-none-match") == etag) {
    reply.status = 304;
    reply.content_type = "";
    return reply;
  }
  reply.body = content.str();
  reply.content_type = *type;
  return reply;
}

}  // namespace

void add_web_routes(server::HttpServer& http, const fs::path& web) {
  http.add({"GET", "/", "The dashboard's page",
            [web](const server::Call& call) { return serve_file(web, "index.html", call); },
            server::Access::anyone});
  http.add(
      {"GET", "/assets/{file}", "A file of the dashboard (script, style, map data)",
       [web](const server::Call& call) { return serve_file(web, call.params.at("file"), call); },
       server::Access::anyone});
}

}  // namespace reassure::app
