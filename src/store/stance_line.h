// StanceLine: one stance record in the form `whipcount extract` prints it (docs/OUTPUT.md), the
// unit that both ingest paths store. Direct ingest renders a Document through the same
// AppendStanceJsonl that `extract` uses and parses it back, so a stance reaches the database
// through one conversion whether it was extracted here or in a shard elsewhere; that is what
// makes shard-then-merge equal to direct ingest.
// Thread safety: pure functions over values.
#ifndef WHIPCOUNT_STORE_STANCE_LINE_H_
#define WHIPCOUNT_STORE_STANCE_LINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/document.h"
#include "whipcount/enums.h"
#include "whipcount/status.h"

namespace whipcount::store {

struct StanceLine {
  std::string doc;  // article id
  std::string holder;
  std::string target;
  Stance stance = Stance::kSupport;
  StanceStatus status = StanceStatus::kCurrent;
  Act act = Act::kBack;
  ActorKind holder_kind = ActorKind::kUnknown;
  ActorKind target_kind = ActorKind::kUnknown;
  std::optional<Date> time;
  std::optional<Date> published;  // the article's date (published, else inferred)
  bool date_inferred = false;
  std::optional<std::string> speaker;
  std::string evidence;
  int64_t evidence_start = 0;  // code points into the raw article text, [start, end)
  int64_t evidence_end = 0;
  std::string source;  // "path:line" of the article
  std::string rule;
};

// True when the JSON object `line` looks like a stance record (has "holder", "target" and
// "stance" keys and no "text"). Does not validate the rest.
bool LooksLikeStanceLine(std::string_view line);

// Parses one line of `extract` output. Errors say which field is missing or malformed.
Result<StanceLine> ParseStanceLine(std::string_view line);

// The stance lines of a processed document, exactly as `extract` would print them.
std::vector<StanceLine> StanceLinesOf(const Document& doc);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_STANCE_LINE_H_
