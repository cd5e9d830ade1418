// The HTTP side of `reassure serve`, over cpp-httplib: a table of routes (method and an
// OpenAPI path template such as /scenarios/{name}), each answered as JSON; and around every
// route what an operator needs: bounded request size and rate, a clear refusal when the server
// is overloaded, errors as JSON with a stable code, one structured log line per request,
// Prometheus metrics, /healthz, and a shutdown that finishes the requests in flight.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "server/metrics.hpp"
#include "server/rate_limit.hpp"

namespace reassure::server {

// Defaults as docs/api.md states them.
struct ServerLimits {
  std::size_t max_body_bytes = std::size_t(8) << 20;  // an uploaded scenario archive fits
  // Connections served at once: cpp-httplib gives each kept-alive connection a thread for as
  // long as it lasts, so a dashboard's users beyond this wait (docs/performance.md).
  int threads = 32;
  std::size_t max_waiting = 256;     // connections waiting for a thread before refusals (503)
  double requests_per_second = 500;  // per client address, on average; 0: no limit
  double burst = 1000;               // per client address, at once
  int read_timeout_seconds = 10;     // a client that stops sending mid-request
  int keep_alive_seconds = 2;        // an idle connection is closed after this
};

// host:port, host an IPv4 address or a name; port 0 picks a free one.
struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 8080;
};
// Throws std::invalid_argument with a message naming what is wrong.
ListenAddress parse_listen_address(const std::string& text);

// Who makes a request, once their bearer token is checked.
struct Caller {
  std::string name;
  std::string nation;  // ISO 3166-1 alpha-2
  std::string role;    // observer, planner or admin
};

// Who may call a route. Each level includes the ones after it: an admin may do what a planner
// may, a planner what an observer (any signed-in user) may.
enum class Access { anyone, user, planner, admin };

// The caller a bearer token names, or nullopt if it names none.
using Authenticator = std::function<std::optional<Caller>(const std::string& token)>;

// One request as a route sees it.
struct Call {
  std::string method;
  std::string route;                          // the template, e.g. /scenarios/{name}
  std::string path;                           // as requested
  std::map<std::string, std::string> params;  // the template's {names}, decoded
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote;  // client address
  std::string request_id;
  std::optional<Caller> caller;  // set on every route whose access is not `anyone`

  std::string header(const std::string& lower_case_name) const;
  // The body as a JSON object (bounded; ApiError 400 naming line and column if not JSON,
  // 415 if the content type is not application/json).
  // `max_string_bytes`: the longest string value (64 KiB by default; a route whose strings are
  // files, such as an upload, allows more).
  nlohmann::json json_body(std::size_t max_string_bytes = std::size_t(64) << 10) const;
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;

  static Reply json(const nlohmann::json& value, int status = 200);
};

using Handler = std::function<Reply(const Call&)>;

struct Route {
  std::string method;  // GET, POST, PUT, DELETE
  std::string path;    // OpenAPI template
  std::string summary;
  Handler handler;
  Access access = Access::user;  // signed-in users unless a route says otherwise
};

// Where log lines go (one JSON object per line); stderr by default.
using LogSink = std::function<void(const std::string& line)>;

class HttpServer {
 public:
  explicit HttpServer(ServerLimits limits = {}, LogSink log = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Routes are added before bind(). /healthz, /metrics and /openapi.json are built in.
  void add(Route route);
  // How bearer tokens are checked; without one, every route that needs a user answers 401.
  void set_authenticator(Authenticator authenticator);
  const std::vector<Route>& routes() const { return routes_; }

  // Binds the address; returns the port (the one chosen when 0 was asked). Throws
  // std::runtime_error if the address cannot be bound.
  int bind(const ListenAddress& address);
  // Answers requests until stop(); returns once the requests in flight are answered.
  void run();
  // Stops accepting connections; run() returns when those in flight are done. Safe from any
  // thread, and from a signal-watching thread.
  void stop();
  bool running() const;

  Metrics& metrics() { return metrics_; }
  // Connections accepted and waiting for a worker thread.
  std::size_t waiting() const;

 private:
  struct Impl;
  void install(const Route& route);
  Caller check_access(const Route& route, const Call& call) const;
  void log_request(const Call& call, int status, double seconds, std::size_t bytes_out);

  ServerLimits limits_;
  LogSink log_;
  Metrics metrics_;
  RateLimiter rate_;
  std::vector<Route> routes_;
  std::vector<std::regex> patterns_;  // routes_[i]'s path as a regex, for 405's Allow
  Authenticator authenticate_;
  std::unique_ptr<Impl> impl_;
  std::atomic<std::int64_t>& in_flight_;
  std::atomic<std::int64_t>& refused_;
  std::atomic<std::uint64_t> next_request_id_{1};
  std::atomic<bool> stop_requested_{false};
};

}  // namespace reassure::server
