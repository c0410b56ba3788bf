// The queries as users ask them, shared by the CLI (`whipcount who ... --json`) and the HTTP API
// (`GET /api/who?...`): each Run* takes the parameters as text, checks them, resolves names,
// runs the query inside one read snapshot and returns a result whose ToJson is the JSON both
// print. Errors: InvalidInput for a bad parameter (message names it) or an ambiguous name,
// NotFound for an unknown actor or record, other codes when the database fails.
// Thread safety: as Database (one thread at a time per Database).
#ifndef WHIPCOUNT_QUERY_API_H_
#define WHIPCOUNT_QUERY_API_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/query.h"
#include "whipcount/date.h"
#include "whipcount/status.h"

namespace whipcount::query {

// A parameter given as text: "" means not given. Dates are YYYY-MM-DD.
struct WhoQuery {
  std::string target;              // required: name, alias or acronym
  std::string as_of;               // default: the latest positions
  std::string stance = "support";  // support, oppose or neutral
};
struct WhoResult {
  ActorRef target;
  std::string stance;
  std::optional<Date> as_of;
  std::vector<PositionRow> holders;
};
Result<WhoResult> RunWho(Database& db, const WhoQuery& query);

struct TimelineResult {
  ActorRef actor;
  std::vector<PositionRow> positions;
};
Result<TimelineResult> RunTimeline(Database& db, std::string_view actor);

struct SwitchesResult {
  std::optional<Date> since;
  std::vector<SwitchRow> switches;
};
Result<SwitchesResult> RunSwitches(Database& db, std::string_view since);

struct ConflictsResult {
  std::vector<ConflictRow> conflicts;
};
Result<ConflictsResult> RunConflicts(Database& db);

struct TallyQuery {
  std::string as_of;   // default: the latest positions
  std::string weight;  // "" or "members"
  int64_t limit = 0;   // the first N targets only; 0: all
};
struct TallyResult {
  std::optional<Date> as_of;
  std::vector<TallyRow> rows;  // all targets, in order
  size_t shown = 0;            // how many ToJson prints (the limit applied)
};
Result<TallyResult> RunTally(Database& db, const TallyQuery& query);

struct AffiliatesQuery {
  std::string federation;  // required
  std::string as_of;       // default: every affiliation on record
};
struct AffiliatesQueryResult {
  std::optional<Date> as_of;
  AffiliatesResult result;
};
Result<AffiliatesQueryResult> RunAffiliates(Database& db, const AffiliatesQuery& query);

// One stance record by id (decimal text).
Result<StanceRow> RunStance(Database& db, std::string_view id);

nlohmann::ordered_json ToJson(const WhoResult& result);
nlohmann::ordered_json ToJson(const TimelineResult& result);
nlohmann::ordered_json ToJson(const SwitchesResult& result);
nlohmann::ordered_json ToJson(const ConflictsResult& result);
nlohmann::ordered_json ToJson(const TallyResult& result);
nlohmann::ordered_json ToJson(const AffiliatesQueryResult& result);

// Parses an optional date parameter named `name` ("" gives no date); InvalidInput otherwise.
Result<std::optional<Date>> ParseDateParam(std::string_view name, std::string_view text);

// `json` as text: indented by 2 when `pretty`, else on one line. Invalid UTF-8 in stored text
// becomes U+FFFD rather than an exception.
std::string Dump(const nlohmann::ordered_json& json, bool pretty);

}  // namespace whipcount::query

#endif  // WHIPCOUNT_QUERY_API_H_
