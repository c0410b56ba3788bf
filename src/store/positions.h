// Merging stance records across articles into positions: what an actor held toward a target,
// from when to when, on which sources. The rules (docs/STORE.md, "Merge rules"):
//   - Records of one holder toward one target are taken in date order; a record's date is its
//     stance time, else its article's date; a past record is placed at the date it ended by.
//   - A current or planned record with the same stance value as the open position joins it as
//     another source; with a different value it ends the open position on its date
//     ("superseded") and opens a new one.
//   - A past record ends the open position of its stance value by its article's date ("ended");
//     when there is none, it records a closed position that began at its time (else unknown).
//   - Support for a target ends the holder's open neutral positions toward other targets of the
//     same kind that began no later ("rival": endorsing a candidate ends a declared neutrality
//     in that race).
// Switches: a superseded position and the one that replaced it; and a support that ended
// ("ended") with the one support toward another target of the same kind that took its place:
// reported by the same article, else beginning nearest in time within kSwitchWindowDays.
// Conflicts: see Conflict.
// Thread safety: pure functions over values.
#ifndef WHIPCOUNT_STORE_POSITIONS_H_
#define WHIPCOUNT_STORE_POSITIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/enums.h"

namespace whipcount::store {

// A support position that ended and a new one that began this many days around its end make a
// switch from one target to another.
inline constexpr int kSwitchWindowDays = 30;
// Two sources disagree when their records of one holder and target, with different stance
// values, are dated at most this many days apart.
inline constexpr int kConflictWindowDays = 7;

// One stored stance record, as the merge sees it.
struct Observation {
  int64_t stance_id = 0;  // stances.id
  std::string article;    // articles.id
  int64_t holder = 0;     // actors.id
  int64_t target = 0;
  ActorKind target_kind = ActorKind::kUnknown;
  Stance stance = Stance::kSupport;
  StanceStatus status = StanceStatus::kCurrent;
  std::optional<Date> time;
  std::optional<Date> article_date;
};

enum class EndReason { kOpen, kEnded, kSuperseded, kRival };
std::string_view ToString(EndReason r);

struct Position {
  int64_t holder = 0;
  int64_t target = 0;
  ActorKind target_kind = ActorKind::kUnknown;
  Stance stance = Stance::kSupport;
  StanceStatus status = StanceStatus::kCurrent;  // as its latest source reports it
  std::optional<Date> start;                     // unknown when no source dates its beginning
  std::optional<Date> end;                       // set when closed and the closing date is known
  EndReason end_reason = EndReason::kOpen;
  std::string ended_by;               // the article that ended it, if closed
  std::vector<int64_t> sources;       // stance ids, in date order
  std::vector<std::string> articles;  // distinct article ids, in date order
  bool open() const { return end_reason == EndReason::kOpen; }
  // In force on `when`: begun (or of unknown beginning) and not yet ended.
  bool InForce(const Date& when) const;
};

// A holder's change of position: from positions[from] to positions[to], on `date`, as
// `article` reported it.
struct Switch {
  size_t from = 0;
  size_t to = 0;
  std::optional<Date> date;
  std::string article;
};

// Two records from different articles that disagree about one holder and target at one time.
struct Conflict {
  int64_t stance_a = 0;
  int64_t stance_b = 0;
};

struct MergeResult {
  std::vector<Position> positions;  // grouped by holder, then target, then date
  std::vector<Switch> switches;
  std::vector<Conflict> conflicts;
};

// Merges all records (in any order) by the rules above. Deterministic: the same records give
// the same result whatever their input order.
MergeResult Merge(std::vector<Observation> observations);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_POSITIONS_H_
