#include "store/positions.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace whipcount::store {
namespace {

// The date a record is placed at: for a past record, the date it ended by.
std::optional<Date> KeyDate(const Observation& o) {
  if (o.status == StanceStatus::kPast) return o.article_date ? o.article_date : o.time;
  return o.time ? o.time : o.article_date;
}

// Orders records by holder, target, then date (unknown first), then article and id, so the
// merge does not depend on input order.
bool Earlier(const Observation& a, const Observation& b) {
  auto ka = KeyDate(a), kb = KeyDate(b);
  return std::tie(a.holder, a.target, ka, a.article, a.stance_id) <
         std::tie(b.holder, b.target, kb, b.article, b.stance_id);
}

void AddSource(Position& p, const Observation& o) {
  p.sources.push_back(o.stance_id);
  if (std::find(p.articles.begin(), p.articles.end(), o.article) == p.articles.end()) {
    p.articles.push_back(o.article);
  }
}

void Close(Position& p, std::optional<Date> when, EndReason reason, const std::string& article) {
  p.end = when;
  p.end_reason = reason;
  p.ended_by = article;
}

int DaysBetween(const Date& a, const Date& b) { return std::abs(a.ToDays() - b.ToDays()); }

// Merges the records of one holder toward one target, [begin, end) of `obs`, sorted.
void MergePair(const std::vector<Observation>& obs, size_t begin, size_t end, MergeResult& result) {
  const size_t first = result.positions.size();
  // The position still open, or kNone. (A plain index: GCC misreads an optional one here.)
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t open = kNone;
  for (size_t i = begin; i < end; ++i) {
    const Observation& o = obs[i];
    const std::optional<Date> when = KeyDate(o);
    auto& ps = result.positions;
    if (o.status != StanceStatus::kPast) {
      if (open != kNone && ps[open].stance == o.stance) {
        AddSource(ps[open], o);
        ps[open].status = o.status;
        if (!ps[open].start) ps[open].start = when;
        continue;
      }
      Position p;
      p.holder = o.holder;
      p.target = o.target;
      p.target_kind = o.target_kind;
      p.stance = o.stance;
      p.status = o.status;
      p.start = when;
      AddSource(p, o);
      ps.push_back(std::move(p));
      if (open != kNone) {
        Close(ps[open], when, EndReason::kSuperseded, o.article);
        result.switches.push_back({open, ps.size() - 1, when, o.article});
      }
      open = ps.size() - 1;
      continue;
    }
    // A past record: the stance held before `when` and had ended by then.
    std::optional<Date> began = o.time && (!when || *o.time < *when) ? o.time : std::nullopt;
    if (open != kNone && ps[open].stance == o.stance) {
      AddSource(ps[open], o);
      ps[open].status = o.status;
      if (!ps[open].start) ps[open].start = began;
      Close(ps[open], when, EndReason::kEnded, o.article);
      open = kNone;
      continue;
    }
    if (open == kNone && ps.size() > first && ps.back().stance == o.stance &&
        ps.back().end_reason == EndReason::kEnded) {
      AddSource(ps.back(), o);  // another source saying the same position is over
      continue;
    }
    Position p;
    p.holder = o.holder;
    p.target = o.target;
    p.target_kind = o.target_kind;
    p.stance = o.stance;
    p.status = StanceStatus::kPast;
    p.start = began;
    AddSource(p, o);
    Close(p, when, EndReason::kEnded, o.article);
    // Keep the open position last, so that later records still find it.
    if (open != kNone) {
      ps.insert(ps.begin() + static_cast<std::ptrdiff_t>(open), std::move(p));
      for (Switch& s : result.switches) {
        if (s.from >= open) ++s.from;
        if (s.to >= open) ++s.to;
      }
      ++open;
    } else {
      ps.push_back(std::move(p));
    }
  }
}

// Cross-target rules of one holder's positions [begin, end): rival support ends neutrality, and
// support that ended next to support that began is a switch.
void MergeHolder(size_t begin, size_t end, MergeResult& result) {
  auto& ps = result.positions;
  std::vector<size_t> supports;
  for (size_t i = begin; i < end; ++i) {
    if (ps[i].stance == Stance::kSupport && ps[i].start) supports.push_back(i);
  }
  std::sort(supports.begin(), supports.end(), [&](size_t a, size_t b) {
    return std::tie(ps[a].start, a) < std::tie(ps[b].start, b);
  });
  for (size_t n = begin; n < end; ++n) {
    Position& neutral = ps[n];
    if (neutral.stance != Stance::kNeutral || !neutral.open()) continue;
    for (size_t s : supports) {
      const Position& support = ps[s];
      if (support.target == neutral.target || support.target_kind != neutral.target_kind) continue;
      if (neutral.start && *support.start < *neutral.start) continue;
      Close(neutral, support.start, EndReason::kRival, support.articles.front());
      break;
    }
  }
  for (size_t a = begin; a < end; ++a) {
    const Position& from = ps[a];
    if (from.stance != Stance::kSupport || from.end_reason != EndReason::kEnded) continue;
    // The one support that took its place: reported by the same article, else the nearest in
    // time. Several candidates are mostly other races, not the switch.
    size_t best = end;
    std::tuple<int, int, size_t> best_key;
    for (size_t b = begin; b < end; ++b) {
      const Position& to = ps[b];
      if (to.stance != Stance::kSupport || to.target == from.target ||
          to.target_kind != from.target_kind) {
        continue;
      }
      bool near = from.end && to.start && DaysBetween(*from.end, *to.start) <= kSwitchWindowDays;
      bool same_report =
          std::find(to.articles.begin(), to.articles.end(), from.ended_by) != to.articles.end();
      // Support that began well before the other ended runs alongside it: not a switch.
      bool alongside = from.end && to.start && !near && *to.start < *from.end;
      if (!(near || same_report) || alongside) continue;
      int distance = from.end && to.start ? DaysBetween(*from.end, *to.start) : kSwitchWindowDays;
      std::tuple<int, int, size_t> key{same_report ? 0 : 1, distance, b};
      if (best == end || key < best_key) {
        best = b;
        best_key = key;
      }
    }
    if (best != end) result.switches.push_back({a, best, from.end, from.ended_by});
  }
}

void FindConflicts(const std::vector<Observation>& obs, size_t begin, size_t end,
                   MergeResult& result) {
  for (size_t i = begin; i < end; ++i) {
    const Observation& a = obs[i];
    auto ka = KeyDate(a);
    if (a.status == StanceStatus::kPast || !ka) continue;
    for (size_t j = i + 1; j < end; ++j) {
      const Observation& b = obs[j];
      auto kb = KeyDate(b);
      if (!kb) continue;
      if (kb->ToDays() - ka->ToDays() > kConflictWindowDays) break;  // sorted by date
      if (b.status == StanceStatus::kPast || b.stance == a.stance || b.article == a.article) {
        continue;
      }
      result.conflicts.push_back({a.stance_id, b.stance_id});
    }
  }
}

}  // namespace

std::string_view ToString(EndReason r) {
  switch (r) {
    case EndReason::kOpen:
      return "";
    case EndReason::kEnded:
      return "ended";
    case EndReason::kSuperseded:
      return "superseded";
    case EndReason::kRival:
      return "rival";
  }
  return "";
}

bool Position::InForce(const Date& when) const {
  if (start && when < *start) return false;
  if (open()) return true;
  return end && when < *end;
}

MergeResult Merge(std::vector<Observation> obs) {
  std::sort(obs.begin(), obs.end(), Earlier);
  MergeResult result;
  size_t holder_begin = 0, holder_first_position = 0;
  for (size_t i = 0; i < obs.size();) {
    size_t j = i;
    while (j < obs.size() && obs[j].holder == obs[i].holder && obs[j].target == obs[i].target) ++j;
    MergePair(obs, i, j, result);
    FindConflicts(obs, i, j, result);
    if (j == obs.size() || obs[j].holder != obs[holder_begin].holder) {
      MergeHolder(holder_first_position, result.positions.size(), result);
      holder_begin = j;
      holder_first_position = result.positions.size();
    }
    i = j;
  }
  return result;
}

}  // namespace whipcount::store
