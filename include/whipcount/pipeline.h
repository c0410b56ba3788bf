// Pipeline: the stages of whipcount in order (clean, segment, date, mentions, resolve, stances;
// the stances stage parses with the syntax models),
// built once from Options and the data files, then used by any number of threads at once.
// Thread safety: Run is const and may be called concurrently on distinct Documents.
#ifndef WHIPCOUNT_PIPELINE_H_
#define WHIPCOUNT_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "whipcount/document.h"
#include "whipcount/status.h"

namespace whipcount {

namespace kb {
class KnowledgeBase;
}

struct Options {
  // Folder with kb/, lexicons/ and patterns/. Default: the data/ folder of the source tree the
  // binary was built from, or $WHIPCOUNT_DATA when set.
  std::string data_dir;
  // Users' own knowledge-base files, loaded after data/kb/. Default: none.
  std::vector<std::string> kb_files;
  // Parse the sentences the surface rules leave gaps in, with the models of <data_dir>/models/,
  // so the stance rules can read their trees. Off: surface rules only (faster, fewer stances).
  bool syntax = true;
};

class Pipeline {
 public:
  // Loads the data files and builds every stage; checks that each stage's required fields are
  // assigned by an earlier one. Errors name the data file and line.
  static Result<std::unique_ptr<Pipeline>> Create(const Options& options);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Runs every stage over `doc` (which needs only doc.article filled). Returns the first
  // failing stage's status, prefixed with the article's source.
  Status Run(Document& doc) const;
  // A Document for `article`, run through the pipeline.
  Result<Document> Process(Article article) const;

  const kb::KnowledgeBase& kb() const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Appends one JSON line per stance of `doc` to `out` (the format of docs/OUTPUT.md).
void AppendStanceJsonl(const Document& doc, std::string& out);

}  // namespace whipcount

#endif  // WHIPCOUNT_PIPELINE_H_
