// Cleaner: removes page furniture from scraped article text (browser warnings, photo captions
// and credits, "Related:" headline links, "Advertisement", newsletter and share lines) and
// fills Document::text with the story text and Document::offsets with the map back into
// Article::text. Furniture is recognised by line, with patterns loaded from a data file
// (data/patterns/furniture.tsv; see data/patterns/FORMAT.md).
// Thread safety: immutable after Load; one instance serves all threads.
#ifndef WHIPCOUNT_CLEAN_CLEANER_H_
#define WHIPCOUNT_CLEAN_CLEANER_H_

#include <memory>
#include <string>

#include "whipcount/stage.h"

namespace whipcount::clean {

class Cleaner : public Stage {
 public:
  // Loads the furniture patterns from `path`; a bad row gives an error naming file and line.
  static Result<std::unique_ptr<Cleaner>> Load(const std::string& path);
  ~Cleaner() override;
  Cleaner(const Cleaner&) = delete;  // holds compiled patterns; share by pointer instead
  Cleaner& operator=(const Cleaner&) = delete;

  std::string_view Name() const override { return "clean"; }
  uint32_t Requires() const override { return kFieldArticle; }
  uint32_t Assigns() const override { return kFieldText; }
  Status Process(Document& doc) const override;

 private:
  struct Impl;
  explicit Cleaner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::clean

#endif  // WHIPCOUNT_CLEAN_CLEANER_H_
