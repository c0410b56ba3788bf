// Thin RAII wrappers over the SQLite C API, shared by the store and query libraries: a
// connection, and a prepared statement with bound parameters. Every value reaches SQL through
// a bound parameter, never through string concatenation.
// Thread safety: a Connection and its Statements belong to one thread at a time.
#ifndef WHIPCOUNT_STORE_SQLITE_H_
#define WHIPCOUNT_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "whipcount/status.h"

namespace whipcount::store {

// A prepared statement. Bind* take 1-based parameter indices, as SQLite does. Column* take
// 0-based indices and are valid only after Step() returned true.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt, Status status = Status::Ok())
      : db_(db), stmt_(stmt), status_(std::move(status)) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;  // owns the sqlite3_stmt
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Statement& Bind(int i, double v);
  Statement& BindNull(int i);
  // Binds the text, or NULL when `v` is empty.
  Statement& Bind(int i, const std::optional<std::string>& v);

  // Runs one step. Returns true when a row is available, false when done; errors set status().
  bool Step();
  // Runs to completion and resets; returns the status.
  Status Run();
  // Resets for a new execution and clears the bindings.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;

  const Status& status() const { return status_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

// An open database. Open() sets WAL mode, foreign keys, and a busy timeout.
class Connection {
 public:
  // Opens (and creates when `create`) the database at `path`. Errors name the path.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool create,
                                                  bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;  // owns the sqlite3 handle
  Connection& operator=(const Connection&) = delete;

  // Prepares `sql`; a bad statement is a bug, reported as an Internal status on first use.
  Statement Prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema, PRAGMA, BEGIN/COMMIT).
  Status Exec(const std::string& sql);
  int64_t LastInsertId() const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_SQLITE_H_
