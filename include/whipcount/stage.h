// Stage: one step of the pipeline over a Document. A stage is built once from options and data,
// is then logically immutable, and one instance serves every thread at once: Process must not
// modify the stage. Each stage declares the Document fields it reads and the ones it writes, so
// Pipeline can check their order when it is built.
#ifndef WHIPCOUNT_STAGE_H_
#define WHIPCOUNT_STAGE_H_

#include <cstdint>
#include <string_view>

#include "whipcount/document.h"
#include "whipcount/status.h"

namespace whipcount {

// Bit set of Document fields.
enum Field : uint32_t {
  kFieldArticle = 1u << 0,
  kFieldText = 1u << 1,
  kFieldDate = 1u << 2,
  kFieldTokens = 1u << 3,
  kFieldSentences = 1u << 4,
  kFieldMentions = 1u << 5,
  kFieldActors = 1u << 6,
  kFieldStances = 1u << 7,
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view Name() const = 0;
  virtual uint32_t Requires() const = 0;
  virtual uint32_t Assigns() const = 0;
  // Adds this stage's annotations to `doc`. A non-ok Status means the document could not be
  // processed (it is then skipped by the runner); problems that still leave a usable result go
  // to doc.diagnostics.
  virtual Status Process(Document& doc) const = 0;
};

}  // namespace whipcount

#endif  // WHIPCOUNT_STAGE_H_
