#include "serve/server.h"

#include <sys/socket.h>

#include <algorithm>
#include <thread>
#include <utility>

#include "serve/serve_internal.h"

namespace whipcount::serve {
namespace internal {

DbPool::Lease::~Lease() {
  if (!db_) return;  // moved from
  {
    std::lock_guard<std::mutex> lock(pool_->mu_);
    pool_->free_.push_back(std::move(db_));
  }
  pool_->cv_.notify_one();
}

Status DbPool::Open(const std::string& path, int count) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int i = 0; i < count; ++i) {
    Result<std::unique_ptr<query::Database>> db = query::Database::Open(path);
    if (!db.ok()) return db.status();
    free_.push_back(std::move(db).value());
  }
  return Status::Ok();
}

DbPool::Lease DbPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  std::unique_ptr<query::Database> db = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(db));
}

Status AnswerCache::Open(const std::string& path, size_t capacity) {
  std::lock_guard<std::mutex> lock(mu_);
  capacity_ = capacity;
  if (capacity == 0) return Status::Ok();
  Result<std::unique_ptr<store::Connection>> conn =
      store::Connection::Open(path, /*create=*/false, /*read_only=*/false);
  if (!conn.ok()) return conn.status();
  watcher_ = std::move(conn).value();
  version_st_ = watcher_->Prepare("PRAGMA data_version");
  return Status::Ok();
}

uint64_t AnswerCache::Version() {
  std::lock_guard<std::mutex> lock(mu_);
  if (capacity_ == 0) return 0;
  version_st_.Reset();
  if (!version_st_.Step()) {
    // Without a version nothing can be trusted: a fresh number each time makes every Get miss.
    return ++failures_ << 32;
  }
  uint64_t version = static_cast<uint64_t>(version_st_.Int(0));
  version_st_.Reset();
  return version;
}

std::shared_ptr<const std::string> AnswerCache::Get(uint64_t version, const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (capacity_ == 0 || version != version_) return nullptr;
  auto it = answers_.find(key);
  return it == answers_.end() ? nullptr : it->second;
}

void AnswerCache::Put(uint64_t version, const std::string& key,
                      std::shared_ptr<const std::string> body) {
  std::lock_guard<std::mutex> lock(mu_);
  if (capacity_ == 0 || body->size() > capacity_ / 4) return;
  if (version != version_ || bytes_ + body->size() + key.size() > capacity_) {
    // A new database state, or full: start over (answers are cheap to recompute, and a simple
    // rule cannot serve a stale one).
    answers_.clear();
    bytes_ = 0;
    version_ = version;
  }
  bytes_ += body->size() + key.size();
  answers_[key] = std::move(body);
}

}  // namespace internal

struct Server::Impl {
  Impl(const Pipeline& pipeline, ServerOptions options)
      : state(pipeline, std::move(options)) {}
  internal::ServerState state;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const Pipeline& pipeline, ServerOptions options) {
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  if (options.threads <= 0) options.threads = 128;
  if (options.db_handles <= 0) options.db_handles = std::max(2, 2 * cores);
  if (options.posted_dir.empty()) options.posted_dir = options.db_path + ".posted";
  auto impl = std::make_unique<Impl>(pipeline, std::move(options));
  internal::ServerState& state = impl->state;
  if (Status st = state.pool.Open(state.options.db_path, state.options.db_handles); !st.ok()) {
    return st;
  }
  if (Status st = state.cache.Open(state.options.db_path, state.options.cache_bytes); !st.ok()) {
    return st;
  }
  const int threads = state.options.threads;
  state.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  state.http.set_payload_max_length(state.options.max_body_bytes);
  // Browsers and load generators reuse connections; the library's default of 5 requests per
  // connection would make them reconnect all the time.
  state.http.set_keep_alive_max_count(10000);
  // SO_REUSEADDR only: the library's default also sets SO_REUSEPORT, with which a second server
  // on a port in use would start without an error. The socket is kept to widen its backlog.
  state.http.set_socket_options([&state](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    state.listen_socket = sock;
  });
  internal::AddRoutes(state);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  internal::ServerState& state = impl_->state;
  int port = state.options.port;
  if (port == 0) {
    port = state.http.bind_to_any_port(state.options.host);
    if (port < 0) port = 0;
  } else if (!state.http.bind_to_port(state.options.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return Status::IOError("cannot listen on " + state.options.host + ":" +
                           std::to_string(state.options.port) +
                           " (address in use, or not an address of this machine)");
  }
  // The library listens with a backlog of 5, so a burst of new connections (a page's parallel
  // fetches, a load test's 100 connections) overflows it and waits for SYN retries, a second
  // or more. Listening again on a listening socket only changes its backlog (Linux).
  if (state.listen_socket >= 0) ::listen(state.listen_socket, 1024);
  state.bound = true;
  return port;
}

Status Server::Run() {
  internal::ServerState& state = impl_->state;
  if (!state.bound) return Status::Internal("Server::Run called before Bind");
  if (!state.http.listen_after_bind()) {
    return Status::IOError("the server stopped on a socket error");
  }
  return Status::Ok();
}

void Server::Stop() { impl_->state.http.stop(); }

}  // namespace whipcount::serve
