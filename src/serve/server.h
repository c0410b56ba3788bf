// Server: `whipcount serve`, the HTTP JSON API over a whipcount database (the CLI's queries,
// answering the JSON their `--json` prints), article ingest by POST, and the dashboard (web/,
// built into the binary). Routes and error replies are listed in README.md, "Serving".
// Thread safety: Create, Bind and Run are called from one thread; Stop may be called from any
// thread (or a signal-handling thread) at any time after Create. Requests are served by a pool
// of threads that share a small pool of database handles (query::Database is single-threaded).
#ifndef WHIPCOUNT_SERVE_SERVER_H_
#define WHIPCOUNT_SERVE_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "whipcount/pipeline.h"
#include "whipcount/status.h"

namespace whipcount::serve {

struct ServerOptions {
  // The database file; it must exist (built by `whipcount ingest`). Required.
  std::string db_path;
  // Address to listen on. Default: 127.0.0.1 (this machine only).
  std::string host = "127.0.0.1";
  // Port; 0 picks a free one (Bind returns it). Default: 8080.
  int port = 8080;
  // Request threads. Each keep-alive connection holds one while it is open, so this bounds the
  // connections served at once. Default: 0, meaning 128.
  int threads = 0;
  // Database handles shared by the request threads (queries are CPU-bound, so more handles than
  // cores only adds memory). Default: 0, meaning two per hardware thread, at least 2.
  int db_handles = 0;
  // Largest request body accepted; larger ones get 413. Default: 5 MB.
  size_t max_body_bytes = 5u << 20;
  // Identifies the extractor (binary and data), stored with POSTed articles as `ingest` does.
  // Default: "".
  std::string fingerprint;
  // Where POSTed articles are kept, one .jsonl file each, so each stored record's source names a
  // file that holds its article. Default: "" meaning "<db_path>.posted".
  std::string posted_dir;
  // Memory for answers kept until the database changes (0: none). Default: 64 MB.
  size_t cache_bytes = 64u << 20;
};

class Server {
 public:
  // Opens the database handles. `pipeline` (extraction for POST /api/articles, and its
  // knowledge base for /api/actors) must outlive the server. Errors: the database is missing or
  // unreadable.
  static Result<std::unique_ptr<Server>> Create(const Pipeline& pipeline, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;  // owns sockets, threads and database handles
  Server& operator=(const Server&) = delete;

  // Binds host:port; returns the port bound (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Run();
  // Stops accepting, lets requests in progress finish, and makes Run return.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::serve

#endif  // WHIPCOUNT_SERVE_SERVER_H_
