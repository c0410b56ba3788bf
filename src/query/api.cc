#include "query/api.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "whipcount/enums.h"

namespace whipcount::query {
namespace {

using Json = nlohmann::ordered_json;

Json DateJson(const std::optional<Date>& d) { return d ? Json(d->ToString()) : Json(nullptr); }

Status Required(std::string_view name, std::string_view value) {
  if (value.empty()) return Status::InvalidInput("missing parameter " + std::string(name));
  return Status::Ok();
}

// Runs `fn` on `db` inside one snapshot and returns what it stored in `out`.
template <typename T, typename Fn>
Result<T> Snapshot(Database& db, Fn&& fn) {
  T out;
  Status st = db.InSnapshot([&] { return fn(out); });
  if (!st.ok()) return st;
  return out;
}

}  // namespace

Result<std::optional<Date>> ParseDateParam(std::string_view name, std::string_view text) {
  if (text.empty()) return std::optional<Date>();
  std::optional<Date> date = Date::Parse(text);
  if (!date) {
    return Status::InvalidInput(std::string(name) + " \"" + std::string(text) +
                                "\" is not a YYYY-MM-DD date");
  }
  return date;
}

Result<WhoResult> RunWho(Database& db, const WhoQuery& query) {
  if (Status st = Required("target", query.target); !st.ok()) return st;
  Result<std::optional<Date>> as_of = ParseDateParam("as_of", query.as_of);
  if (!as_of.ok()) return as_of.status();
  std::optional<Stance> stance = ParseStance(query.stance);
  if (!stance) {
    return Status::InvalidInput("stance \"" + query.stance +
                                "\" is not one of support, oppose, neutral");
  }
  return Snapshot<WhoResult>(db, [&](WhoResult& out) -> Status {
    Result<ActorRef> target = db.FindActor(query.target);
    if (!target.ok()) return target.status();
    Result<std::vector<PositionRow>> rows = db.Who(target->id, *as_of, *stance);
    if (!rows.ok()) return rows.status();
    out.target = *target;
    out.stance = query.stance;
    out.as_of = *as_of;
    out.holders = std::move(rows).value();
    return Status::Ok();
  });
}

Result<TimelineResult> RunTimeline(Database& db, std::string_view actor) {
  if (Status st = Required("actor", actor); !st.ok()) return st;
  return Snapshot<TimelineResult>(db, [&](TimelineResult& out) -> Status {
    Result<ActorRef> found = db.FindActor(actor);
    if (!found.ok()) return found.status();
    Result<std::vector<PositionRow>> rows = db.Timeline(found->id);
    if (!rows.ok()) return rows.status();
    out.actor = *found;
    out.positions = std::move(rows).value();
    return Status::Ok();
  });
}

Result<SwitchesResult> RunSwitches(Database& db, std::string_view since) {
  Result<std::optional<Date>> date = ParseDateParam("since", since);
  if (!date.ok()) return date.status();
  return Snapshot<SwitchesResult>(db, [&](SwitchesResult& out) -> Status {
    Result<std::vector<SwitchRow>> rows = db.Switches(*date);
    if (!rows.ok()) return rows.status();
    out.since = *date;
    out.switches = std::move(rows).value();
    return Status::Ok();
  });
}

Result<ConflictsResult> RunConflicts(Database& db) {
  return Snapshot<ConflictsResult>(db, [&](ConflictsResult& out) -> Status {
    Result<std::vector<ConflictRow>> rows = db.Conflicts();
    if (!rows.ok()) return rows.status();
    out.conflicts = std::move(rows).value();
    return Status::Ok();
  });
}

Result<TallyResult> RunTally(Database& db, const TallyQuery& query) {
  Result<std::optional<Date>> as_of = ParseDateParam("as_of", query.as_of);
  if (!as_of.ok()) return as_of.status();
  if (!query.weight.empty() && query.weight != "members") {
    return Status::InvalidInput("weight \"" + query.weight + "\" is not \"members\"");
  }
  if (query.limit < 0) return Status::InvalidInput("limit must not be negative");
  return Snapshot<TallyResult>(db, [&](TallyResult& out) -> Status {
    Result<std::vector<TallyRow>> rows = db.Tally(*as_of, query.weight == "members");
    if (!rows.ok()) return rows.status();
    out.as_of = *as_of;
    out.rows = std::move(rows).value();
    out.shown = query.limit > 0 ? std::min(out.rows.size(), static_cast<size_t>(query.limit))
                                : out.rows.size();
    return Status::Ok();
  });
}

Result<AffiliatesQueryResult> RunAffiliates(Database& db, const AffiliatesQuery& query) {
  if (Status st = Required("federation", query.federation); !st.ok()) return st;
  Result<std::optional<Date>> as_of = ParseDateParam("as_of", query.as_of);
  if (!as_of.ok()) return as_of.status();
  return Snapshot<AffiliatesQueryResult>(db, [&](AffiliatesQueryResult& out) -> Status {
    Result<ActorRef> fed = db.FindActor(query.federation);
    if (!fed.ok()) return fed.status();
    Result<AffiliatesResult> result = db.Affiliates(fed->id, *as_of);
    if (!result.ok()) return result.status();
    out.as_of = *as_of;
    out.result = std::move(result).value();
    return Status::Ok();
  });
}

Result<StanceRow> RunStance(Database& db, std::string_view id) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (id.empty() || ec != std::errc() || end != id.data() + id.size() || value <= 0) {
    return Status::InvalidInput("stance id \"" + std::string(id) + "\" is not a positive number");
  }
  return Snapshot<StanceRow>(db, [&](StanceRow& out) -> Status {
    Result<StanceRow> row = db.StanceRecord(value);
    if (!row.ok()) return row.status();
    out = std::move(row).value();
    return Status::Ok();
  });
}

Json ToJson(const WhoResult& result) {
  Json j;
  j["target"] = ToJson(result.target);
  j["stance"] = result.stance;
  j["as_of"] = DateJson(result.as_of);
  Json list = Json::array();
  for (const PositionRow& p : result.holders) list.push_back(ToJson(p));
  j["holders"] = std::move(list);
  return j;
}

Json ToJson(const TimelineResult& result) {
  Json j;
  j["actor"] = ToJson(result.actor);
  Json list = Json::array();
  for (const PositionRow& p : result.positions) list.push_back(ToJson(p));
  j["positions"] = std::move(list);
  return j;
}

Json ToJson(const SwitchesResult& result) {
  Json list = Json::array();
  for (const SwitchRow& s : result.switches) list.push_back(ToJson(s));
  return list;
}

Json ToJson(const ConflictsResult& result) {
  Json list = Json::array();
  for (const ConflictRow& c : result.conflicts) list.push_back(ToJson(c));
  return list;
}

Json ToJson(const TallyResult& result) {
  Json list = Json::array();
  for (size_t i = 0; i < result.shown; ++i) list.push_back(ToJson(result.rows[i]));
  return list;
}

Json ToJson(const AffiliatesQueryResult& result) {
  Json j = ToJson(result.result);
  j["as_of"] = DateJson(result.as_of);
  return j;
}

std::string Dump(const Json& json, bool pretty) {
  return json.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace whipcount::query
