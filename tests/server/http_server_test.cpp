#include "server/http_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "server/api_error.hpp"
#include "server/openapi.hpp"
#include "server/request_fields.hpp"

using namespace reassure::server;
using nlohmann::json;

namespace {

// A server on a free loopback port, answering on its own thread until the test ends.
class Running {
 public:
  explicit Running(ServerLimits limits = {}, std::vector<Route> routes = {},
                   Authenticator authenticator = {})
      : server_(limits, [this](const std::string& line) {
          std::lock_guard lock(mutex_);
          log_.push_back(line);
        }) {
    for (auto& route : routes) server_.add(std::move(route));
    if (authenticator) server_.set_authenticator(std::move(authenticator));
    port_ = server_.bind({"127.0.0.1", 0});
    thread_ = std::thread([this] { server_.run(); });
    for (int i = 0; i < 500 && !server_.running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~Running() {
    server_.stop();
    thread_.join();
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }
  HttpServer& server() { return server_; }
  int port() const { return port_; }
  std::vector<std::string> log() {
    std::lock_guard lock(mutex_);
    return log_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> log_;
  HttpServer server_;
  int port_ = 0;
  std::thread thread_;
};

json body_of(const httplib::Result& result) {
  return json::parse(result->body);
}

Route echo_route() {
  return {
      "POST", "/scenarios/{name}/notes", "echo a note",
      [](const Call& call) {
        auto body = call.json_body();
        ObjectFields fields(body);
        auto text = fields.required_text("text", 20);
        auto count = fields.integer("count", 1, 10);
        fields.done();
        return Reply::json(
            {{"scenario", call.params.at("name")}, {"text", text}, {"count", count.value_or(1)}},
            201);
      },
      Access::anyone};
}

TEST(HttpServer, AnswersHealthAndARouteWithItsParameters) {
  Running running({}, {echo_route()});
  auto client = running.client();
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(body_of(health)["status"], "ok");

  auto created = client.Post("/scenarios/coalition%20v2/notes", R"({"text": "hello", "count": 2})",
                             "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201);
  EXPECT_EQ(body_of(created),
            json({{"scenario", "coalition v2"}, {"text", "hello"}, {"count", 2}}));
  EXPECT_FALSE(created->get_header_value("X-Request-Id").empty());

  auto document = client.Get("/openapi.json");
  ASSERT_TRUE(document);
  EXPECT_EQ(document->status, 200);
  EXPECT_EQ(document->body, openapi_document());
}

TEST(HttpServer, BadRequestsGetJsonErrorsNamingTheField) {
  Running running({}, {echo_route()});
  auto client = running.client();
  struct Case {
    std::string body, content_type;
    int status;
    std::string code, field;
  };
  std::vector<Case> cases{
      {R"({"text": "hi", "colour": 1})", "application/json", 400, "field.unknown", "colour"},
      {R"({"count": 2})", "application/json", 400, "field.missing", "text"},
      {R"({"text": 5})", "application/json", 400, "field.type", "text"},
      {R"({"text": "hi", "count": 11})", "application/json", 400, "field.range", "count"},
      {R"({"text": "hi", "count": 2.0})", "application/json", 400, "field.type", "count"},
      {R"({"text": "hi", "count": 18446744073709551615})", "application/json", 400, "field.range",
       "count"},
      {R"({"text": "this is far longer than twenty bytes"})", "application/json", 400,
       "field.range", "text"},
      {R"({"text": "hi",)", "application/json", 400, "body.invalid_json", "body"},
      {R"({"text": NaN})", "application/json", 400, "body.invalid_json", "body"},
      {R"([1, 2])", "application/json", 400, "field.type", "body"},
      {R"({"text": "hi"})", "text/plain", 415, "body.content_type", "body"},
  };
  for (const auto& c : cases) {
    auto result = client.Post("/scenarios/x/notes", c.body, c.content_type.c_str());
    ASSERT_TRUE(result) << c.body;
    EXPECT_EQ(result->status, c.status) << c.body;
    auto error = body_of(result)["error"];
    EXPECT_EQ(error["code"], c.code) << c.body;
    EXPECT_EQ(error["field"], c.field) << c.body;
    EXPECT_FALSE(error["message"].get<std::string>().empty());
  }
}

TEST(HttpServer, UnknownRoutesAndMethodsAreTold) {
  Running running({}, {echo_route()});
  auto client = running.client();
  auto missing = client.Get("/nothing/here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(body_of(missing)["error"]["code"], "request.not_found");
  auto wrong_method = client.Get("/scenarios/x/notes");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "POST");
  EXPECT_EQ(body_of(wrong_method)["error"]["code"], "request.method");
}

TEST(HttpServer, RefusesABodyOverTheLimit) {
  ServerLimits limits;
  limits.max_body_bytes = 1000;
  Running running(limits, {echo_route()});
  auto client = running.client();
  auto result =
      client.Post("/scenarios/x/notes", std::string(5000, ' ') + "{}", "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  EXPECT_EQ(body_of(result)["error"]["code"], "body.too_large");
  // The server still answers afterwards.
  auto health = running.client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST(HttpServer, AnExceptionInARouteIsA500WithoutItsText) {
  Running running(
      {}, {{"GET", "/boom", "fails",
            [](const Call&) -> Reply { throw std::runtime_error("secret detail of pledge FR-7"); },
            Access::anyone}});
  auto result = running.client().Get("/boom");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 500);
  EXPECT_EQ(body_of(result)["error"]["code"], "server.internal");
  EXPECT_EQ(result->body.find("FR-7"), std::string::npos);
  // The operator finds it in the log, under the request id.
  bool logged = false;
  for (const auto& line : running.log())
    logged = logged || line.find("secret detail of pledge FR-7") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST(HttpServer, RateLimitsAClientWith429AndRetryAfter) {
  ServerLimits limits;
  limits.requests_per_second = 1;
  limits.burst = 5;
  Running running(limits);
  auto client = running.client();
  int ok = 0, limited = 0;
  for (int i = 0; i < 12; ++i) {
    auto result = client.Get("/healthz");
    ASSERT_TRUE(result);
    if (result->status == 200) ++ok;
    if (result->status == 429) {
      ++limited;
      EXPECT_EQ(body_of(result)["error"]["code"], "server.rate_limited");
      EXPECT_GE(std::stoi(result->get_header_value("Retry-After")), 1);
    }
  }
  // Five at once, perhaps one more refilled during the loop; the rest refused.
  EXPECT_GE(ok, 5);
  EXPECT_LE(ok, 6);
  EXPECT_EQ(ok + limited, 12);
}

TEST(HttpServer, MetricsCountRequestsByRouteTemplate) {
  Running running({}, {echo_route()});
  auto client = running.client();
  client.Post("/scenarios/a/notes", R"({"text": "x"})", "application/json");
  client.Post("/scenarios/b/notes", R"({"text": "x"})", "application/json");
  client.Post("/scenarios/b/notes", R"({"oops": 1})", "application/json");
  // A request is counted once its reply is sent, on its own connection's thread: poll, boundedly.
  std::string text, content_type;
  for (int i = 0; i < 200; ++i) {
    auto metrics = client.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_EQ(metrics->status, 200);
    text = metrics->body;
    content_type = metrics->get_header_value("Content-Type");
    if (text.find("notes\"} 3") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(text.find("reassure_http_requests_total{method=\"POST\",route=\"/scenarios/{name}/"
                      "notes\",status=\"201\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reassure_http_requests_total{method=\"POST\",route=\"/scenarios/{name}/"
                      "notes\",status=\"400\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reassure_http_request_duration_seconds_count{method=\"POST\",route=\"/"
                      "scenarios/{name}/notes\"} 3"),
            std::string::npos)
      << text;
  // The raw paths never become labels.
  EXPECT_EQ(text.find("/scenarios/a/notes"), std::string::npos);
  EXPECT_NE(text.find("# TYPE reassure_http_requests_in_flight gauge"), std::string::npos);
}

TEST(HttpServer, LogsOneJsonLinePerRequest) {
  Running running({}, {echo_route()});
  running.client().Post("/scenarios/a/notes", R"({"text": "x"})", "application/json");
  // The log line is written after the reply is sent: wait for it, boundedly.
  std::vector<std::string> log;
  for (int i = 0; i < 200 && log.empty(); ++i) {
    log = running.log();
    if (log.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(log.size(), 1u);
  auto line = json::parse(log[0]);
  EXPECT_EQ(line["event"], "request");
  EXPECT_EQ(line["method"], "POST");
  EXPECT_EQ(line["route"], "/scenarios/{name}/notes");
  EXPECT_EQ(line["path"], "/scenarios/a/notes");
  EXPECT_EQ(line["status"], 201);
  EXPECT_EQ(line["remote"], "127.0.0.1");
  EXPECT_TRUE(line["ms"].is_number());
  EXPECT_EQ(line["ts"].get<std::string>().size(), 24u);  // 2026-12-02T13:30:00.123Z
}

TEST(HttpServer, StopFinishesTheRequestsInFlight) {
  std::atomic<bool> started{false};
  auto running = std::make_unique<Running>(
      ServerLimits{},
      std::vector<Route>{{"GET", "/slow", "slow",
                          [&started](const Call&) {
                            started = true;
                            std::this_thread::sleep_for(std::chrono::milliseconds(300));
                            return Reply::json({{"done", true}});
                          },
                          Access::anyone}});
  int status = 0;
  std::string body;
  std::thread request([&] {
    auto result = running->client().Get("/slow");
    if (result) status = result->status, body = result->body;
  });
  for (int i = 0; i < 500 && !started; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(started);
  running->server().stop();  // while /slow sleeps
  request.join();
  EXPECT_EQ(status, 200);
  EXPECT_EQ(json::parse(body)["done"], true);
  running.reset();
}

TEST(HttpServer, RefusesWhenTooManyConnectionsWait) {
  ServerLimits limits;
  limits.threads = 1;
  limits.max_waiting = 1;
  limits.keep_alive_seconds = 1;
  std::atomic<int> slow_started{0};
  HttpServer* server = nullptr;
  Running running(limits, {{"GET", "/slow", "slow",
                            [&](const Call&) {
                              ++slow_started;
                              // Holds the only thread until the three others wait (at most 5 s).
                              for (int i = 0; i < 1000 && server->waiting() < 3; ++i)
                                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                              return Reply::json({{"done", true}});
                            },
                            Access::anyone}});
  server = &running.server();
  // One request holds the only thread; three more connections queue behind it.
  std::vector<std::thread> clients;
  std::mutex mutex;
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] {
      auto c = running.client();
      auto r = c.Get(i == 0 ? "/slow" : "/healthz");
      std::lock_guard lock(mutex);
      statuses.push_back(r ? r->status : -1);
    });
    if (i == 0)
      for (int k = 0; k < 500 && !slow_started; ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  for (auto& t : clients) t.join();
  int refused = 0;
  for (int s : statuses) refused += s == 503;
  // While three waited for one thread, the first taken saw two behind it (more than 1): 503.
  EXPECT_EQ(statuses.size(), 4u);
  EXPECT_GE(refused, 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200) + refused, 4);
}

TEST(ListenAddress, ParsesAndRefuses) {
  auto address = parse_listen_address("127.0.0.1:8080");
  EXPECT_EQ(address.host, "127.0.0.1");
  EXPECT_EQ(address.port, 8080);
  EXPECT_EQ(parse_listen_address("localhost:0").port, 0);
  EXPECT_THROW(parse_listen_address("127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1:65536"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address("127.0.0.1:80a"), std::invalid_argument);
  EXPECT_THROW(parse_listen_address(":80"), std::invalid_argument);
}

}  // namespace

namespace {

TEST(HttpServer, ASecondServerOnTheSamePortIsRefused) {
  HttpServer first({}, [](const std::string&) {});
  int port = first.bind({"127.0.0.1", 0});
  HttpServer second({}, [](const std::string&) {});
  EXPECT_THROW(second.bind({"127.0.0.1", port}), std::runtime_error);
}

}  // namespace

namespace {

// Nagle's algorithm held each reply's body for the client's delayed ACK: 40 ms a request on a
// kept-alive connection. Thirty requests take well under a second without it, 1.2 s with it.
TEST(HttpServer, KeptAliveRequestsAreNotHeldByNagle) {
  Running running;
  auto client = running.client();
  client.set_keep_alive(true);
  auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 30; ++i) {
    auto result = client.Get("/healthz");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1000));
}

}  // namespace

namespace {

// What a raw HTTP request gets back within two seconds (the status line), over a plain socket.
std::string raw_status_line(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(std::uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "";
  }
  timeval two_seconds{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
  static_cast<void>(write(fd, request.data(), request.size()));
  char buffer[256] = {};
  auto got = read(fd, buffer, sizeof buffer - 1);
  close(fd);
  std::string text(buffer, got > 0 ? std::size_t(got) : 0);
  return text.substr(0, text.find("\r\n"));
}

// curl -X POST without data sends no Content-Length: without the check the server waited for
// a body until its 10 s read timeout.
TEST(HttpServer, ABodyWithoutALengthIsRefusedAtOnce) {
  Running running({}, {echo_route()});
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(raw_status_line(running.port(),
                            "POST /scenarios/x/notes HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
            "HTTP/1.1 411 Length Required");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

}  // namespace

namespace {

const std::string kAnneToken(64, 'a');
const std::string kOlafToken(64, 'b');

TEST(HttpServer, RoutesCheckTheBearerTokenAndTheRole) {
  auto names_caller = [](const Call& call) {
    return Reply::json({{"caller", call.caller ? call.caller->name : "nobody"}});
  };
  std::atomic<int> lookups{0};
  // Anne (FR, planner) and Olaf (DE, observer).
  Authenticator users = [&lookups](const std::string& token) -> std::optional<Caller> {
    ++lookups;
    if (token == kAnneToken) return Caller{"anne", "FR", "planner"};
    if (token == kOlafToken) return Caller{"olaf", "DE", "observer"};
    return std::nullopt;
  };
  Running running({},
                  {{"GET", "/open", "", names_caller, Access::anyone},
                   {"GET", "/read", "", names_caller, Access::user},
                   {"POST", "/write", "", names_caller, Access::planner},
                   {"POST", "/admin", "", names_caller, Access::admin}},
                  users);
  auto client = running.client();
  auto get = [&](const std::string& path, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return path == "/read" || path == "/open"
               ? client.Get(path.c_str(), headers)
               : client.Post(path.c_str(), headers, "", "text/plain");
  };
  struct Case {
    std::string path, token;
    int status;
    std::string code_or_caller;
  };
  std::vector<Case> cases{
      {"/open", "", 200, "nobody"},
      {"/read", "", 401, "auth.required"},
      {"/read", std::string(64, 'c'), 401, "auth.invalid"},
      {"/read", "not-hex", 401, "auth.invalid"},
      {"/read", kOlafToken, 200, "olaf"},
      {"/read", kAnneToken, 200, "anne"},
      {"/write", kOlafToken, 403, "auth.forbidden"},
      {"/write", kAnneToken, 200, "anne"},
      {"/admin", kAnneToken, 403, "auth.forbidden"},
  };
  for (const auto& c : cases) {
    auto result = get(c.path, c.token);
    ASSERT_TRUE(result) << c.path;
    EXPECT_EQ(result->status, c.status) << c.path << " " << c.token;
    auto body = json::parse(result->body);
    if (c.status == 200)
      EXPECT_EQ(body["caller"], c.code_or_caller) << c.path;
    else
      EXPECT_EQ(body["error"]["code"], c.code_or_caller) << c.path << " " << c.token;
    if (c.status == 401)
      EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer realm=\"reassure\"");
  }
  // A token that is not 64 hex digits never reaches the user lookup.
  EXPECT_EQ(lookups.load(), 6);
}

TEST(HttpServer, WithoutAnAuthenticatorEveryUserRouteIsClosed) {
  Running running(
      {}, {{"GET", "/read", "", [](const Call&) { return Reply::json({}); }, Access::user}});
  httplib::Headers headers{{"Authorization", "Bearer " + kAnneToken}};
  auto result = running.client().Get("/read", headers);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
}

}  // namespace
