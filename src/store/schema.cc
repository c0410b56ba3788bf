#include "store/schema.h"

#include <string>

namespace whipcount::store {
namespace {

// Migration i brings a database from version i to i + 1. Append; never edit a released one.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  finished TEXT,
  fingerprint TEXT,
  inputs TEXT,
  articles INTEGER,
  errors INTEGER
);
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  text_hash TEXT,
  source TEXT,
  url TEXT,
  title TEXT,
  date TEXT,
  date_inferred INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER,
  origin TEXT NOT NULL,
  fingerprint TEXT,
  run INTEGER
);
CREATE INDEX articles_by_hash ON articles(text_hash);
CREATE TABLE actors (
  id INTEGER PRIMARY KEY,
  kb_id TEXT UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  members INTEGER,
  members_year INTEGER,
  in_kb INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_by_name ON actors(name);
CREATE TABLE names (
  norm TEXT NOT NULL,
  actor INTEGER NOT NULL REFERENCES actors(id),
  origin TEXT NOT NULL,
  PRIMARY KEY (norm, actor)
) WITHOUT ROWID;
CREATE TABLE affiliations (
  member INTEGER NOT NULL REFERENCES actors(id),
  parent INTEGER NOT NULL REFERENCES actors(id),
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX affiliations_by_parent ON affiliations(parent);
CREATE TABLE stances (
  id INTEGER PRIMARY KEY,
  article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  holder INTEGER NOT NULL REFERENCES actors(id),
  target INTEGER NOT NULL REFERENCES actors(id),
  stance TEXT NOT NULL,
  status TEXT NOT NULL,
  act TEXT NOT NULL,
  holder_kind TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  time TEXT,
  speaker INTEGER REFERENCES actors(id),
  evidence TEXT,
  evidence_start INTEGER,
  evidence_end INTEGER,
  rule TEXT
);
CREATE INDEX stances_by_article ON stances(article);
CREATE INDEX stances_by_holder ON stances(holder, target);
CREATE INDEX stances_by_target ON stances(target);
CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  holder INTEGER NOT NULL,
  target INTEGER NOT NULL,
  stance TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  end_reason TEXT NOT NULL,
  ended_by TEXT,
  sources INTEGER NOT NULL
);
CREATE INDEX positions_by_target ON positions(target, stance);
CREATE INDEX positions_by_holder ON positions(holder);
CREATE TABLE position_sources (
  position INTEGER NOT NULL,
  stance INTEGER NOT NULL,
  PRIMARY KEY (position, stance)
) WITHOUT ROWID;
CREATE TABLE switches (
  id INTEGER PRIMARY KEY,
  holder INTEGER NOT NULL,
  from_position INTEGER NOT NULL,
  to_position INTEGER NOT NULL,
  date TEXT,
  article TEXT
);
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY,
  stance_a INTEGER NOT NULL,
  stance_b INTEGER NOT NULL
);
)sql",
    // 1 -> 2: facts that articles state about actors (membership, roles, affiliations).
    R"sql(
CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  holder INTEGER NOT NULL REFERENCES actors(id),
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  object INTEGER REFERENCES actors(id),
  number INTEGER,
  approximate INTEGER NOT NULL DEFAULT 0,
  sentence TEXT,
  evidence TEXT,
  evidence_start INTEGER,
  evidence_end INTEGER,
  rule TEXT
);
CREATE INDEX facts_by_holder ON facts(holder, kind);
CREATE INDEX facts_by_article ON facts(article);
)sql",
};

constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion, "one migration per schema version");

}  // namespace

Result<int> SchemaVersion(Connection& conn) {
  Statement st = conn.Prepare("PRAGMA user_version");
  if (!st.Step()) return st.status().ok() ? Status::Corruption("no user_version") : st.status();
  return static_cast<int>(st.Int(0));
}

Status Migrate(Connection& conn) {
  // The common case, a current database, takes no write lock: a query must not wait for a
  // running ingest's transaction.
  if (Result<int> current = SchemaVersion(conn); current.ok() && *current == kSchemaVersion) {
    return Status::Ok();
  }
  if (Status st = conn.Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  Result<int> version = SchemaVersion(conn);
  auto fail = [&](Status st) {
    (void)conn.Exec("ROLLBACK");
    return st;
  };
  if (!version.ok()) return fail(version.status());
  if (*version > kSchemaVersion) {
    return fail(Status::Unsupported(conn.path() + ": database schema version " +
                                    std::to_string(*version) + " is newer than this whipcount (" +
                                    std::to_string(kSchemaVersion) + ")"));
  }
  for (int v = *version; v < kSchemaVersion; ++v) {
    if (Status st = conn.Exec(kMigrations[v]); !st.ok()) {
      return fail(Status::Internal(conn.path() + ": migration to version " + std::to_string(v + 1) +
                                   ": " + st.message()));
    }
  }
  if (*version != kSchemaVersion) {
    // PRAGMA takes no bound parameters; the value is our own constant.
    if (Status st = conn.Exec("PRAGMA user_version=" + std::to_string(kSchemaVersion)); !st.ok()) {
      return fail(st);
    }
  }
  return conn.Exec("COMMIT");
}

}  // namespace whipcount::store
