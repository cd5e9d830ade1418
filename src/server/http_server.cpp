#include "server/http_server.hpp"

#include <httplib.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <mutex>
#include <regex>
#include <stdexcept>

#include "io/json_reader.hpp"
#include "server/api_error.hpp"
#include "server/openapi.hpp"

namespace reassure::server {

namespace {

using Clock = std::chrono::steady_clock;

// What the log line and the metrics of the request being answered on this thread need:
// cpp-httplib answers a request from start to end on one of its worker threads.
struct RequestContext {
  Clock::time_point started;
  std::string id;
  std::string route = "(unmatched)";
  bool counted = false;
  std::string user;  // the caller's name once authenticated  // passed the pre-routing handler (a
                     // request too malformed never does)
};
thread_local RequestContext current;

// Counts the connections accepted but not yet taken by a thread, so that a request can be
// refused at once when too many wait behind it (cpp-httplib's queue itself is unbounded).
class CountingQueue : public httplib::TaskQueue {
 public:
  CountingQueue(int threads, std::atomic<std::size_t>& waiting)
      : pool_(std::size_t(threads)), waiting_(waiting) {}
  void enqueue(std::function<void()> task) override {
    ++waiting_;
    pool_.enqueue([this, task = std::move(task)] {
      --waiting_;
      task();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<std::size_t>& waiting_;
};

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[40];
  std::snprintf(out, sizeof out, "%s.%03dZ", text, int(millis));
  return out;
}

// /scenarios/{name} → /scenarios/([^/]+) and the parameter names in order.
std::pair<std::string, std::vector<std::string>> route_pattern(const std::string& path) {
  static const std::regex parameter(R"(\{([a-z_]+)\})");
  std::string pattern;
  auto literal = [&pattern](const std::string& text) {
    for (char c : text) {
      if (std::string(".+*?^$()[]{}|\\").find(c) != std::string::npos) pattern += '\\';
      pattern += c;
    }
  };
  std::vector<std::string> names;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(path.begin(), path.end(), parameter);
       it != std::sregex_iterator(); ++it) {
    literal(path.substr(last, std::size_t(it->position()) - last));
    pattern += "([^/]+)";
    names.push_back((*it)[1]);
    last = std::size_t(it->position() + it->length());
  }
  literal(path.substr(last));
  return {pattern, names};
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  // No content type: no body (304 Not Modified).
  if (!reply.content_type.empty()) res.set_content(reply.body, reply.content_type);
}

void send_error(httplib::Response& res, int status, const std::string& code,
                const std::string& message, const std::string& field = {}) {
  send(res, Reply::json(error_body(code, message, field), status));
}

}  // namespace

struct HttpServer::Impl {
  httplib::Server http;
  std::atomic<std::size_t> waiting{0};
  int bound_port = -1;
};

ListenAddress parse_listen_address(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw std::invalid_argument("--listen: expected HOST:PORT such as 127.0.0.1:8080, got " +
                                excerpt(text));
  ListenAddress address;
  address.host = text.substr(0, colon);
  std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
    throw std::invalid_argument("--listen: the port must be a number from 0 to 65535, got " +
                                excerpt(port));
  address.port = std::stoi(port);
  return address;
}

std::string Call::header(const std::string& lower_case_name) const {
  auto it = headers.find(lower_case_name);
  return it == headers.end() ? std::string() : it->second;
}

nlohmann::json Call::json_body(std::size_t max_string_bytes) const {
  std::string type = header("content-type");
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415, "body.content_type",
                   "expected Content-Type: application/json, got " + excerpt(type), "body");
  try {
    return io::read_json(
        body, "body",
        io::JsonLimits{.max_bytes = body.size(), .max_string_bytes = max_string_bytes});
  } catch (const io::JsonError& e) {
    std::string where = e.where().line > 0
                            ? "line " + std::to_string(e.where().line) + ", column " +
                                  std::to_string(e.where().column) + ": "
                            : "";
    throw ApiError(400, "body.invalid_json", where + e.what(), "body");
  }
}

Reply Reply::json(const nlohmann::json& value, int status) {
  Reply reply;
  reply.status = status;
  // Replacement characters rather than an exception if a message ever held bad bytes.
  reply.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return reply;
}

HttpServer::HttpServer(ServerLimits limits, LogSink log)
    : limits_(limits),
      log_(std::move(log)),
      rate_(limits.requests_per_second, limits.burst),
      impl_(std::make_unique<Impl>()),
      in_flight_(metrics_.gauge("reassure_http_requests_in_flight", "Requests being answered.")),
      refused_(metrics_.counter("reassure_http_refused_total",
                                "Requests refused for overload or rate (503 and 429).")) {
  if (!log_) {
    log_ = [](const std::string& line) {
      static std::mutex one_line_at_a_time;
      std::lock_guard lock(one_line_at_a_time);
      std::cerr << line << '\n';
    };
  }
  auto& http = impl_->http;
  http.new_task_queue = [this] { return new CountingQueue(limits_.threads, impl_->waiting); };
  http.set_payload_max_length(limits_.max_body_bytes);
  http.set_read_timeout(limits_.read_timeout_seconds, 0);
  http.set_keep_alive_timeout(limits_.keep_alive_seconds);
  // cpp-httplib's default adds SO_REUSEPORT, with which a second server on the same port
  // starts "successfully" and the kernel splits the clients between the two. Only
  // SO_REUSEADDR: a restart need not wait for old connections, a second server is refused.
  // TCP_NODELAY (inherited by accepted connections): cpp-httplib writes the headers and the
  // body separately, and Nagle's algorithm held the body for the client's delayed ACK, 40 ms
  // a request on a kept-alive connection (bench/api_load.sh: 263 requests/s, p50 43 ms).
  http.set_socket_options([](socket_t socket) {
    int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    current = {Clock::now(), std::to_string(next_request_id_++), "(unmatched)", true, ""};
    res.set_header("X-Request-Id", current.id);
    ++in_flight_;
    if (impl_->waiting.load() > limits_.max_waiting) {
      ++refused_;
      res.set_header("Retry-After", "1");
      res.set_header("Connection", "close");
      send_error(res, 503, "server.overloaded",
                 "the server is answering as many requests as it can; retry in a second");
      return httplib::Server::HandlerResponse::Handled;
    }
    // A body without a length would be read until the client closes or the read timeout:
    // refused at once (HTTP's 411), before anything is read.
    bool has_body_method = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (has_body_method && !req.has_header("Content-Length") &&
        req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos) {
      res.set_header("Connection", "close");
      send_error(res, 411, "request.length_required",
                 "a " + req.method + " request needs a Content-Length header (0 for no body)");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (limits_.requests_per_second > 0 && !rate_.allow(req.remote_addr)) {
      ++refused_;
      auto wait = int(std::ceil(rate_.wait_seconds(req.remote_addr)));
      res.set_header("Retry-After", std::to_string(std::max(1, wait)));
      send_error(res, 429, "server.rate_limited",
                 "too many requests from this address; retry after the Retry-After seconds");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours already
        if (res.status == 404) {
          std::string allowed;
          // Each route's pattern compiled once, when it was added.
          for (std::size_t r = 0; r < routes_.size(); ++r)
            if (std::regex_match(req.path, patterns_[r]))
              allowed += (allowed.empty() ? "" : ", ") + routes_[r].method;
          if (!allowed.empty()) {
            res.set_header("Allow", allowed);
            send_error(res, 405, "request.method",
                       req.method + " is not allowed here; allowed: " + allowed);
          } else {
            send_error(res, 404, "request.not_found", "no such route: " + excerpt(req.path));
          }
        } else if (res.status == 413) {
          send_error(res, 413, "body.too_large",
                     "the body is larger than " + std::to_string(limits_.max_body_bytes) + " bytes",
                     "body");
        } else {
          send_error(res, res.status, "request.malformed", "the request could not be read");
        }
        return httplib::Server::HandlerResponse::Handled;
      }));

  http.set_exception_handler(
      [this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "server.internal",
                   "an internal error; the server log holds request " + current.id);
      });

  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    if (!current.counted)  // refused by cpp-httplib before routing: malformed or too large
      current = {Clock::now(), std::to_string(next_request_id_++), "(unread)", true, ""};
    double seconds = std::chrono::duration<double>(Clock::now() - current.started).count();
    metrics_.observe_request(req.method, current.route, res.status, seconds);
    if (current.route != "(unread)") --in_flight_;
    current.counted = false;
    Call call;
    call.method = req.method;
    call.route = current.route;
    call.path = req.path;
    call.remote = req.remote_addr;
    call.request_id = current.id;
    if (!current.user.empty()) call.caller = Caller{current.user, "", ""};
    log_request(call, res.status, seconds, res.body.size());
  });

  add({"GET", "/healthz", "Whether the server answers",
       [](const Call&) {
         return Reply::json({{"status", "ok"}});
       },
       Access::anyone});
  add({"GET", "/metrics", "Counters and latencies in the Prometheus text format",
       [this](const Call&) {
         Reply reply;
         reply.body = metrics_.prometheus_text();
         reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
         return reply;
       },
       Access::anyone});
  add({"GET", "/openapi.json", "This API's OpenAPI 3 document",
       [](const Call&) {
         Reply reply;
         reply.body = openapi_document();
         return reply;
       },
       Access::anyone});
}

HttpServer::~HttpServer() {
  stop();
}

void HttpServer::add(Route route) {
  routes_.push_back(std::move(route));
  install(routes_.back());
}

void HttpServer::set_authenticator(Authenticator authenticator) {
  authenticate_ = std::move(authenticator);
}

namespace {

int rank(const std::string& role) {
  if (role == "admin") return 3;
  if (role == "planner") return 2;
  if (role == "observer") return 1;
  return 0;
}

const char* role_needed(Access access) {
  switch (access) {
    case Access::admin:
      return "admin";
    case Access::planner:
      return "planner";
    default:
      return "observer";
  }
}

}  // namespace

// The caller of a route that needs one, or ApiError 401 (no or unknown token) or 403 (a role
// below the route's). The token's shape is checked before any lookup.
Caller HttpServer::check_access(const Route& route, const Call& call) const {
  std::string authorization = call.header("authorization");
  const std::string scheme = "Bearer ";
  if (authorization.rfind(scheme, 0) != 0)
    throw ApiError(401, "auth.required",
                   "this route needs 'Authorization: Bearer <token>' (reassure user add)");
  std::string token = authorization.substr(scheme.size());
  bool well_formed =
      token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
  std::optional<Caller> caller;
  if (well_formed && authenticate_) caller = authenticate_(token);
  if (!caller) throw ApiError(401, "auth.invalid", "the bearer token names no user");
  if (rank(caller->role) < rank(role_needed(route.access)))
    throw ApiError(403, "auth.forbidden",
                   std::string("this route needs the ") + role_needed(route.access) + " role");
  return *caller;
}

void HttpServer::install(const Route& route) {
  auto [pattern, names] = route_pattern(route.path);
  patterns_.emplace_back(pattern);
  auto handler = [this, route, names = names](const httplib::Request& req, httplib::Response& res) {
    current.route = route.path;
    Call call;
    call.method = req.method;
    call.route = route.path;
    call.path = req.path;
    for (std::size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i)
      call.params[names[i]] = httplib::detail::decode_url(req.matches[i + 1].str(), false);
    for (const auto& [name, value] : req.params) call.query.emplace(name, value);
    for (const auto& [name, value] : req.headers) {
      std::string lower = name;
      for (auto& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
      call.headers[lower] = value;
    }
    call.body = req.body;
    call.remote = req.remote_addr;
    call.request_id = current.id;
    try {
      if (route.access != Access::anyone) call.caller = check_access(route, call);
      current.user = call.caller ? call.caller->name : "";
      send(res, route.handler(call));
    } catch (const ApiError& e) {
      if (e.status() == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"reassure\"");
      send(res, Reply::json(error_body(e), e.status()));
    } catch (const std::exception& e) {
      log_(nlohmann::json{{"ts", utc_now()},
                          {"level", "error"},
                          {"request_id", current.id},
                          {"route", route.path},
                          {"error", e.what()}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      send_error(res, 500, "server.internal",
                 "an internal error; the server log holds request " + current.id);
    }
  };
  auto& http = impl_->http;
  if (route.method == "GET")
    http.Get(pattern, handler);
  else if (route.method == "POST")
    http.Post(pattern, handler);
  else if (route.method == "PUT")
    http.Put(pattern, handler);
  else if (route.method == "DELETE")
    http.Delete(pattern, handler);
  else
    throw std::logic_error("route " + route.path + ": unknown method " + route.method);
}

void HttpServer::log_request(const Call& call, int status, double seconds, std::size_t bytes_out) {
  log_(nlohmann::json{{"ts", utc_now()},
                      {"level", status >= 500 ? "error" : "info"},
                      {"event", "request"},
                      {"request_id", call.request_id},
                      {"method", call.method},
                      {"route", call.route},
                      {"path", call.path},
                      {"status", status},
                      {"ms", std::round(seconds * 1e6) / 1e3},
                      {"bytes_out", bytes_out},
                      {"remote", call.remote},
                      {"user", call.caller ? call.caller->name : ""}}
           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int HttpServer::bind(const ListenAddress& address) {
  int port = address.port == 0
                 ? impl_->http.bind_to_any_port(address.host)
                 : (impl_->http.bind_to_port(address.host, address.port) ? address.port : -1);
  if (port < 0)
    throw std::runtime_error("cannot listen on " + address.host + ":" +
                             std::to_string(address.port) +
                             " (address in use, not this machine's, or not permitted)");
  impl_->bound_port = port;
  return port;
}

void HttpServer::run() {
  if (impl_->bound_port < 0) throw std::logic_error("HttpServer::run before bind");
  if (stop_requested_) return;
  impl_->http.listen_after_bind();
}

void HttpServer::stop() {
  stop_requested_ = true;
  impl_->http.stop();
}

std::size_t HttpServer::waiting() const {
  return impl_->waiting.load();
}

bool HttpServer::running() const {
  return impl_->http.is_running();
}

}  // namespace reassure::server
