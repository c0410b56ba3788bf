// The database schema and its migrations. PRAGMA user_version holds the version the file is at;
// Migrate() brings an older file up to kSchemaVersion in one transaction, and refuses a file
// written by a newer whipcount. Tables (docs/STORE.md describes every column):
//   meta          key/value: positions_stale, kb_hash
//   runs          one row per ingest run
//   articles      one row per stored article
//   actors        knowledge-base actors and actors found in articles
//   names         normalized names and aliases (kb::NormalizeName) -> actor
//   affiliations  member -> parent organization, with validity dates (from the knowledge base)
//   stances       the records extraction produced, per article
//   facts         what articles state about actors (members, roles, affiliations), with source
//   positions, position_sources, switches, conflicts
//                 derived by the merge (store/positions.h); rebuilt, never edited
// Thread safety: functions use only the connection they are given.
#ifndef WHIPCOUNT_STORE_SCHEMA_H_
#define WHIPCOUNT_STORE_SCHEMA_H_

#include "store/sqlite.h"
#include "whipcount/status.h"

namespace whipcount::store {

inline constexpr int kSchemaVersion = 2;

// Creates the tables of a fresh database or migrates an older one.
Status Migrate(Connection& conn);

// The version the database is at (0 for a fresh file).
Result<int> SchemaVersion(Connection& conn);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_SCHEMA_H_
