// Ingest: reads inputs, extracts their stances on worker threads, and stores them through one
// writer thread that owns the database connection, committing in input order, a group of
// articles per transaction. Accepts everything read::ReadInputs does (text, JSON, JSON Lines,
// HTML, folders, "-") and, in addition, .jsonl files of stance records written by
// `whipcount extract` (recognized by their first line: "holder", "target" and "stance" keys and
// no "text"), whose records are stored as they are, one article per run of lines with the same
// "doc"; fact lines of `extract --facts` ("type":"fact") among them are stored as facts of
// the article being read. Bad inputs are reported through the error callback and skipped.
// Thread safety: Ingest may be called from one thread at a time per Store; it runs its own
// threads, and calls the callbacks from any of them, one call at a time.
#ifndef WHIPCOUNT_STORE_INGEST_H_
#define WHIPCOUNT_STORE_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"
#include "whipcount/pipeline.h"
#include "whipcount/status.h"

namespace whipcount::store {

struct IngestProgress {
  int64_t articles_read = 0;       // articles and stance groups handed to extraction/storage
  int64_t articles_stored = 0;     // committed
  int64_t articles_unchanged = 0;  // skipped: stored before with the same text and extractor
  int64_t stances_stored = 0;
  int64_t errors = 0;       // inputs and articles skipped
  int64_t bytes_read = 0;   // of the input files
  int64_t bytes_total = 0;  // of all input files (0 for standard input)
  double seconds = 0;
  bool merging = false;  // true while positions are being rebuilt, after storing
};

struct IngestError {
  std::string source;  // "path" or "path:line"
  std::string message;
};

struct IngestOptions {
  // Extraction threads. Default: 0, one per hardware thread.
  int threads = 0;
  // Re-extract articles stored before with the same text hash and fingerprint.
  // Default: false (they are skipped, which is what lets a rerun finish a killed run quickly).
  bool force = false;
  // Identifies the extractor (binary and data); stored with each article. Default: "".
  std::string fingerprint;
  // Commit after this many articles, or after batch_seconds, whichever comes first.
  // Default: 256 articles, 1 second.
  int batch_articles = 256;
  double batch_seconds = 1.0;
  // Called about every progress_seconds and once at the end. Default: none.
  std::function<void(const IngestProgress&)> on_progress;
  double progress_seconds = 0.2;
  // Called for each input or article skipped. Default: none.
  std::function<void(const IngestError&)> on_error;
};

// Ingests `inputs` into `store` with `pipeline`, then rebuilds the merged positions. Returns the
// final progress counts; an error only when the database itself fails (bad inputs are counted
// in errors, and the rest goes on).
Result<IngestProgress> Ingest(const Pipeline& pipeline, Store& store,
                              const std::vector<std::string>& inputs, const IngestOptions& options);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_INGEST_H_
