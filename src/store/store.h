// Store: the whipcount database (SQLite, WAL mode) as the writer sees it: articles with their
// stance records, actors and names, the knowledge base's affiliations, and the merged positions.
// Writes go in batches, one transaction each (BeginBatch .. CommitBatch), so that a process
// killed at any moment leaves every article either fully stored or not at all.
// Thread safety: a Store is used by one thread at a time (the ingest writer thread). Other
// processes may read the file concurrently (WAL).
#ifndef WHIPCOUNT_STORE_STORE_H_
#define WHIPCOUNT_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/fact_line.h"
#include "store/sqlite.h"
#include "store/stance_line.h"
#include "whipcount/date.h"
#include "whipcount/status.h"

namespace whipcount::kb {
class KnowledgeBase;
}

namespace whipcount::store {

// How an article reached the store.
inline constexpr const char* kOriginText = "text";        // extracted here from its text
inline constexpr const char* kOriginStances = "stances";  // stance JSON Lines from `extract`

// One article and its stance records, ready to store.
struct ArticleRecord {
  std::string id;
  std::optional<std::string> text_hash;  // TextHash of the raw text; none for stance input
  std::string source;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<Date> date;  // published, else inferred, else unknown
  bool date_inferred = false;
  int64_t bytes = 0;  // raw text size; 0 for stance input
  std::string origin = kOriginText;
  std::optional<std::string> fingerprint;  // of the extractor that produced the stances
  std::vector<StanceLine> stances;
  std::vector<FactLine> facts;  // what the article states about actors (table `facts`)
};

// What the store holds about an article, to decide whether re-ingesting it can be skipped.
struct StoredArticle {
  std::optional<std::string> text_hash;
  std::optional<std::string> fingerprint;
};

// A stable 64-bit FNV-1a hash of `text`, as 16 hex digits.
std::string TextHash(std::string_view text);

class Store {
 public:
  // Opens the database at `path`, creating it when absent, and migrates its schema.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;  // owns the connection and its statements
  Store& operator=(const Store&) = delete;

  Connection& conn() { return *conn_; }

  // Copies the knowledge base's actors, names and affiliations into the database (skipped when
  // unchanged since the last sync), and folds actors earlier created from articles into the
  // knowledge-base actor of the same canonical name. One transaction.
  Status SyncKnowledgeBase(const kb::KnowledgeBase& kb);

  // Every stored article id with its text hash and fingerprint.
  Result<std::unordered_map<std::string, StoredArticle>> StoredArticles();

  // Records the start of an ingest run; returns its id.
  Result<int64_t> StartRun(const std::string& fingerprint, const std::string& inputs);
  Status FinishRun(int64_t run, int64_t articles, int64_t errors);

  Status BeginBatch();
  // Commits the batch and marks the positions stale.
  Status CommitBatch();
  void RollbackBatch();
  // Stores `record`, replacing any article with the same id or the same text hash (and their
  // stance records and facts). REQUIRES: inside a batch.
  Status PutArticle(const ArticleRecord& record, int64_t run);

  // True when articles changed since the positions were last rebuilt.
  Result<bool> PositionsStale();
  // Rebuilds positions, switches and conflicts from all stance records (store/positions.h), in
  // one transaction.
  Status RebuildPositions();

 private:
  explicit Store(std::unique_ptr<Connection> conn);
  Result<int64_t> ActorId(const std::string& name, ActorKind kind);
  Status LoadActorCache();
  Status SetMeta(const std::string& key, const std::string& value);

  std::unique_ptr<Connection> conn_;
  bool cache_loaded_ = false;
  std::unordered_map<std::string, int64_t> actor_by_name_;
  Statement delete_article_, insert_article_, insert_stance_, insert_actor_, insert_name_;
  Statement insert_fact_;
};

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_STORE_H_
