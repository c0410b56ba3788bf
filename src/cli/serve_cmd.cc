// whipcount serve: runs serve::Server until SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli/serve_command.h"
#include "serve/server.h"
#include "whipcount/pipeline.h"

namespace whipcount::cli {
namespace {

struct ServeFlags {
  std::string db = "whipcount.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  int cache_mb = 64;
};

int Fail(const Status& st) {
  std::fprintf(stderr, "whipcount: %s\n", st.message().c_str());
  return 2;
}

int RunServe(const ServeFlags& flags, const Options& options) {
  // Signals are taken by one thread with sigwait, so the mask must be set before any other
  // thread starts (threads inherit it).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return Fail(pipeline.status());
  serve::ServerOptions opts;
  opts.db_path = flags.db;
  opts.host = flags.host;
  opts.port = flags.port;
  opts.threads = flags.threads;
  opts.cache_bytes = static_cast<size_t>(std::max(0, flags.cache_mb)) << 20;
  opts.fingerprint = ExtractorFingerprint(options);
  auto server = serve::Server::Create(**pipeline, opts);
  if (!server.ok()) return Fail(server.status());
  auto port = (*server)->Bind();
  if (!port.ok()) return Fail(port.status());
  // The first line of stdout, so that scripts and tests started with --port 0 can read the port.
  std::printf("listening on http://%s:%d\n", flags.host.c_str(), *port);
  std::fflush(stdout);

  std::atomic<bool> finished{false};
  std::thread signal_thread([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    if (finished) return;  // woken by the main thread after Run returned
    std::fprintf(stderr, "whipcount: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    // Stop only takes effect once Run is listening; retry until it has returned.
    while (!finished) {
      (*server)->Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  Status st = (*server)->Run();
  finished = true;
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  if (!st.ok()) return Fail(st);
  return 0;
}

}  // namespace

Command AddServeCommand(CLI::App& app, GlobalOptions& global) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* sub = app.add_subcommand(
      "serve", "HTTP JSON API and dashboard over the database (stop with Ctrl-C)");
  sub->add_option("--db", flags->db, "the database file")->capture_default_str();
  sub->add_option("--host", flags->host, "address to listen on")->capture_default_str();
  sub->add_option("--port", flags->port, "port (0: any free port; the chosen one is printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--threads", flags->threads,
                  "request threads, the most connections served at once (0: 128)")
      ->capture_default_str();
  sub->add_option("--cache-mb", flags->cache_mb,
                  "memory for answers kept until the database changes (0: no cache)")
      ->capture_default_str();
  return {sub, [flags, &global] { return RunServe(*flags, global.pipeline); }};
}

}  // namespace whipcount::cli
