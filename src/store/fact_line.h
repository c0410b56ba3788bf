// FactLine: one fact an article states about an actor, in the form `whipcount extract --facts`
// prints it (a JSON line with "type":"fact"; src/facts/facts.h). Like stance lines, direct
// ingest renders a Document's facts through the same printer and parses them back, so a fact
// reaches the `facts` table through one conversion however it arrived.
// Thread safety: pure functions over values.
#ifndef WHIPCOUNT_STORE_FACT_LINE_H_
#define WHIPCOUNT_STORE_FACT_LINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/document.h"
#include "whipcount/enums.h"
#include "whipcount/status.h"

namespace whipcount::store {

struct FactLine {
  std::string doc;  // article id
  std::string holder;
  ActorKind holder_kind = ActorKind::kUnknown;
  std::string kind;  // "members", "role", "affiliation"
  std::string value;
  std::optional<std::string> object;  // role: organization; affiliation: parent
  ActorKind object_kind = ActorKind::kUnknown;
  int64_t number = 0;  // members
  bool approximate = false;
  std::string sentence;
  std::string evidence;
  int64_t evidence_start = 0;  // code points into the raw article text, [start, end)
  int64_t evidence_end = 0;
  std::string rule;
};

// True when the JSON object `line` has "type":"fact".
bool LooksLikeFactLine(std::string_view line);
// Parses one fact line. Errors say which field is missing or malformed.
Result<FactLine> ParseFactLine(std::string_view line);
// The fact lines of a processed document, exactly as `extract --facts` prints them.
std::vector<FactLine> FactLinesOf(const Document& doc);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_FACT_LINE_H_
