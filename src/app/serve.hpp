// `reassure serve`: the headquarters HTTP server, answering until SIGINT or SIGTERM, then
// finishing the requests in flight before it exits.
#pragma once

#include <ostream>
#include <string>

#include "server/http_server.hpp"

namespace reassure::app {

struct ServeOptions {
  std::string db = "sqlite:reassure.db";  // the store, opened and migrated before listening
  server::ListenAddress listen;           // port 0: a free port, printed on the first line
  server::ServerLimits limits;
  std::string web;  // the dashboard's folder (share/reassure/web); empty: none served
};

// Prints "reassure: listening on http://HOST:PORT" on `out` once the port is bound, answers
// until a SIGINT or SIGTERM, and returns once the requests in flight are answered. Throws
// std::runtime_error if the address cannot be bound.
void serve(const ServeOptions& options, std::ostream& out);

}  // namespace reassure::app
