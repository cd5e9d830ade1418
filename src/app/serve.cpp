#include "app/serve.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <ctime>
#include <thread>

#include "app/api_routes.hpp"
#include "store/store.hpp"

namespace reassure::app {

namespace {

// SIGINT and SIGTERM, blocked in every thread (the server's workers inherit the mask) and
// taken by one watcher thread, which stops the server: no work in a signal handler.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

void serve(const ServeOptions& options, std::ostream& out) {
  sigset_t signals = stop_signals();
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  // Opened first: a store that cannot be opened or migrated stops the server before it
  // answers anything.
  auto store = store::open_store(options.db);
  server::HttpServer http(options.limits);
  add_api_routes(http, *store, {}, options.web);
  int port = http.bind(options.listen);
  out << "reassure: listening on http://" << options.listen.host << ":" << port << std::endl;

  std::atomic<bool> done{false};
  std::thread watcher([&] {
    // Waits in short steps so that it also ends when the server stops on its own.
    timespec step{0, 200'000'000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &step) > 0) {
        http.stop();
        return;
      }
    }
  });
  http.run();
  done = true;
  watcher.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace reassure::app
