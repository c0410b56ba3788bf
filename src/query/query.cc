#include "query/query.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>
#include <utility>

#include "core/edit_distance.h"
#include "kb/knowledge_base.h"
#include "store/store.h"

namespace whipcount::query {
namespace {

using store::Statement;
using Json = nlohmann::ordered_json;

// The SQL condition "position in force on ?1", ?1 being a date or NULL (latest positions).
constexpr const char* kInForce =
    "((?1 IS NULL AND p.end_reason = '') OR (?1 IS NOT NULL AND "
    "(p.start_date IS NULL OR p.start_date <= ?1) AND "
    "(p.end_reason = '' OR (p.end_date IS NOT NULL AND p.end_date > ?1))))";

}  // namespace

std::optional<std::string> DateText(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Database::Database(std::unique_ptr<store::Connection> conn) : conn_(std::move(conn)) {
  actor_st_ = conn_->Prepare("SELECT name, kind, kb_id, members FROM actors WHERE id = ?1");
  position_st_ = conn_->Prepare(
      "SELECT holder, target, stance, status, start_date, end_date, end_reason, ended_by "
      "FROM positions WHERE id = ?1");
  sources_st_ = conn_->Prepare(
      "SELECT s.id, s.article, a.date, a.source, s.status, s.time, s.evidence "
      "FROM position_sources ps JOIN stances s ON s.id = ps.stance "
      "JOIN articles a ON a.id = s.article WHERE ps.position = ?1 "
      "ORDER BY a.date, s.article, s.seq");
}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no database here; run `whipcount ingest` first");
  }
  {
    Result<std::unique_ptr<store::Store>> writer = store::Store::Open(path);
    if (!writer.ok()) return writer.status();
    Result<bool> stale = (*writer)->PositionsStale();
    if (!stale.ok()) return stale.status();
    if (*stale) {
      if (Status st = (*writer)->RebuildPositions(); !st.ok()) return st;
    }
  }
  Result<std::unique_ptr<store::Connection>> conn =
      store::Connection::Open(path, /*create=*/false, /*read_only=*/false);
  if (!conn.ok()) return conn.status();
  return std::unique_ptr<Database>(new Database(std::move(conn).value()));
}

Result<ActorRef> Database::Actor(int64_t id) {
  if (auto it = actors_.find(id); it != actors_.end()) return it->second;
  Statement& st = actor_st_;
  st.Reset();
  st.Bind(1, id);
  if (!st.Step()) {
    return st.status().ok() ? Status::NotFound("no actor " + std::to_string(id)) : st.status();
  }
  ActorRef actor{id, st.Text(0), st.Text(1), st.OptText(2), st.IsNull(3) ? 0 : st.Int(3)};
  st.Reset();
  actors_.emplace(id, actor);
  return actor;
}

std::string Database::Closest(std::string_view norm) {
  struct Candidate {
    size_t score;
    int64_t actor;
  };
  std::vector<Candidate> candidates;
  Statement st = conn_->Prepare("SELECT norm, actor FROM names");
  while (st.Step()) {
    std::string name = st.Text(0);
    size_t score = core::EditDistance(norm, name);
    // A name that contains the query (or the reverse) is a better guess than its distance says.
    if (!norm.empty() &&
        (name.find(norm) != std::string::npos || norm.find(name) != std::string_view::npos)) {
      score = std::min<size_t>(score, 1 + (name.size() > norm.size() ? 0 : 1));
    }
    candidates.push_back({score, st.Int(1)});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.score, a.actor) < std::tie(b.score, b.actor);
  });
  std::string out;
  std::set<int64_t> seen;
  for (const Candidate& c : candidates) {
    if (seen.size() >= 5) break;
    if (!seen.insert(c.actor).second) continue;
    Result<ActorRef> actor = Actor(c.actor);
    if (!actor.ok()) continue;
    out += (out.empty() ? "" : ", ") + actor->name + " (" + actor->kind + ")";
  }
  return out;
}

Result<ActorRef> Database::FindActor(std::string_view name) {
  const std::string norm = kb::NormalizeName(name);
  std::vector<int64_t> ids;
  {
    Statement st =
        conn_->Prepare("SELECT DISTINCT actor FROM names WHERE norm = ?1 ORDER BY actor");
    st.Bind(1, norm);
    while (st.Step()) ids.push_back(st.Int(0));
    if (!st.status().ok()) return st.status();
  }
  if (ids.empty()) {
    std::string closest = Closest(norm);
    return Status::NotFound("no actor named \"" + std::string(name) +
                            "\" in the database or knowledge base" +
                            (closest.empty() ? std::string() : "; closest: " + closest));
  }
  if (ids.size() > 1) {
    // An actor the articles speak of is what a user most likely means.
    std::vector<int64_t> with_positions;
    Statement st = conn_->Prepare(
        "SELECT EXISTS (SELECT 1 FROM positions WHERE holder = ?1) OR "
        "EXISTS (SELECT 1 FROM positions WHERE target = ?1)");
    for (int64_t id : ids) {
      st.Bind(1, id);
      if (st.Step() && st.Int(0) != 0) with_positions.push_back(id);
      st.Reset();
    }
    if (with_positions.size() == 1) return Actor(with_positions[0]);
    std::string list;
    for (int64_t id : ids) {
      Result<ActorRef> actor = Actor(id);
      if (actor.ok()) {
        list += (list.empty() ? "" : ", ") + actor->name + " (" + actor->kind +
                (actor->kb_id ? ", " + *actor->kb_id : std::string()) + ")";
      }
    }
    return Status::InvalidInput("\"" + std::string(name) + "\" is ambiguous: it names " + list +
                                "; give a fuller name");
  }
  return Actor(ids[0]);
}

Result<PositionRow> Database::Position(int64_t id, bool with_sources) {
  Statement& st = position_st_;
  st.Reset();
  st.Bind(1, id);
  if (!st.Step()) {
    return st.status().ok() ? Status::NotFound("no position " + std::to_string(id)) : st.status();
  }
  PositionRow row;
  row.id = id;
  const int64_t holder_id = st.Int(0), target_id = st.Int(1);
  row.stance = st.Text(2);
  row.status = st.Text(3);
  row.start = st.OptText(4);
  row.end = st.OptText(5);
  row.end_reason = st.Text(6);
  row.ended_by = st.OptText(7);
  st.Reset();
  Result<ActorRef> holder = Actor(holder_id);
  Result<ActorRef> target = Actor(target_id);
  if (!holder.ok()) return holder.status();
  if (!target.ok()) return target.status();
  row.holder = *holder;
  row.target = *target;
  if (!with_sources) return row;
  Statement& src = sources_st_;
  src.Reset();
  src.Bind(1, id);
  while (src.Step()) {
    row.sources.push_back({src.Int(0), src.Text(1), src.OptText(2), src.Text(3), src.Text(4),
                           src.OptText(5), src.Text(6)});
  }
  Status status = src.status();
  src.Reset();
  if (!status.ok()) return status;
  return row;
}

Result<std::vector<PositionRow>> Database::Positions(Statement& st) {
  std::vector<int64_t> ids;
  while (st.Step()) ids.push_back(st.Int(0));
  if (!st.status().ok()) return st.status();
  std::vector<PositionRow> rows;
  for (int64_t id : ids) {
    Result<PositionRow> row = Position(id, true);
    if (!row.ok()) return row.status();
    rows.push_back(std::move(row).value());
  }
  return rows;
}

Result<std::vector<PositionRow>> Database::Who(int64_t target, std::optional<Date> as_of,
                                               Stance stance) {
  Statement st = conn_->Prepare(std::string("SELECT p.id FROM positions p JOIN actors h ON "
                                            "h.id = p.holder WHERE p.target = ?2 AND "
                                            "p.stance = ?3 AND ") +
                                kInForce + " ORDER BY h.name, p.id");
  st.Bind(1, DateText(as_of)).Bind(2, target).Bind(3, ToString(stance));
  return Positions(st);
}

Result<std::vector<PositionRow>> Database::Timeline(int64_t actor) {
  Statement st = conn_->Prepare(
      "SELECT p.id FROM positions p WHERE p.holder = ?1 OR p.target = ?1 "
      "ORDER BY COALESCE(p.start_date, p.end_date, '9999'), p.id");
  st.Bind(1, actor);
  return Positions(st);
}

Result<std::vector<SwitchRow>> Database::Switches(std::optional<Date> since) {
  Statement st = conn_->Prepare(
      "SELECT sw.from_position, sw.to_position, sw.date, sw.article FROM switches sw "
      "JOIN actors h ON h.id = sw.holder WHERE ?1 IS NULL OR sw.date >= ?1 "
      "ORDER BY sw.date, h.name, sw.id");
  st.Bind(1, DateText(since));
  std::vector<std::tuple<int64_t, int64_t, std::optional<std::string>, std::string>> found;
  while (st.Step()) found.emplace_back(st.Int(0), st.Int(1), st.OptText(2), st.Text(3));
  if (!st.status().ok()) return st.status();
  std::vector<SwitchRow> rows;
  // A position is often part of several switches (one endorsement after several positions).
  std::unordered_map<int64_t, PositionRow> loaded;
  auto load = [&](int64_t id) -> Result<PositionRow> {
    if (auto it = loaded.find(id); it != loaded.end()) return it->second;
    Result<PositionRow> row = Position(id, true);
    if (row.ok()) loaded.emplace(id, *row);
    return row;
  };
  for (auto& [from, to, date, article] : found) {
    Result<PositionRow> a = load(from);
    Result<PositionRow> b = load(to);
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    rows.push_back({std::move(a).value(), std::move(b).value(), date, article});
  }
  return rows;
}

Result<std::vector<ConflictRow>> Database::Conflicts() {
  Statement st = conn_->Prepare(
      "SELECT sa.holder, sa.target, sa.stance, sb.stance, "
      "sa.article, aa.date, aa.source, sa.status, sa.time, sa.evidence, "
      "sb.article, ab.date, ab.source, sb.status, sb.time, sb.evidence, sa.id, sb.id "
      "FROM conflicts c JOIN stances sa ON sa.id = c.stance_a JOIN stances sb ON "
      "sb.id = c.stance_b JOIN articles aa ON aa.id = sa.article JOIN articles ab ON "
      "ab.id = sb.article ORDER BY aa.date, c.id");
  std::vector<ConflictRow> rows;
  while (st.Step()) {
    ConflictRow row;
    Result<ActorRef> holder = Actor(st.Int(0));
    Result<ActorRef> target = Actor(st.Int(1));
    if (!holder.ok()) return holder.status();
    if (!target.ok()) return target.status();
    row.holder = *holder;
    row.target = *target;
    row.stance_a = st.Text(2);
    row.stance_b = st.Text(3);
    row.a = {st.Int(16),  st.Text(4),     st.OptText(5), st.Text(6),
             st.Text(7),  st.OptText(8),  st.Text(9)};
    row.b = {st.Int(17),  st.Text(10),     st.OptText(11), st.Text(12),
             st.Text(13), st.OptText(14), st.Text(15)};
    rows.push_back(std::move(row));
  }
  if (!st.status().ok()) return st.status();
  return rows;
}

Result<std::vector<TallyRow>> Database::Tally(std::optional<Date> as_of, bool by_members) {
  Statement st = conn_->Prepare(
      std::string("SELECT DISTINCT p.target, p.holder FROM positions p WHERE p.stance = "
                  "'support' AND ") +
      kInForce);
  st.Bind(1, DateText(as_of));
  std::unordered_map<int64_t, TallyRow> by_target;
  // A holder's membership: the knowledge base's figure (copied to actors.members at ingest),
  // else the latest one an article stated (by article date; undated articles last).
  Statement year_st = conn_->Prepare("SELECT members_year FROM actors WHERE id = ?1");
  Statement stated_st = conn_->Prepare(
      "SELECT f.number, f.article, a.date FROM facts f JOIN articles a ON a.id = f.article "
      "WHERE f.holder = ?1 AND f.kind = 'members' AND f.number > 0 "
      "ORDER BY a.date IS NULL, a.date DESC, f.article DESC, f.seq LIMIT 1");
  std::unordered_map<int64_t, std::optional<TallyRow::MemberFigure>> figures;
  auto figure_of = [&](const ActorRef& holder) -> Result<std::optional<TallyRow::MemberFigure>> {
    auto it = figures.find(holder.id);
    if (it != figures.end()) return it->second;
    std::optional<TallyRow::MemberFigure> fig;
    if (holder.members > 0) {
      fig = TallyRow::MemberFigure{holder.name, holder.members, "kb", std::nullopt, std::nullopt,
                                   std::nullopt};
      year_st.Reset();
      year_st.Bind(1, holder.id);
      if (year_st.Step() && !year_st.IsNull(0)) fig->year = year_st.Int(0);
      if (!year_st.status().ok()) return year_st.status();
      year_st.Reset();
    } else {
      stated_st.Reset();
      stated_st.Bind(1, holder.id);
      if (stated_st.Step()) {
        fig = TallyRow::MemberFigure{holder.name, stated_st.Int(0), "article", std::nullopt,
                                     stated_st.Text(1), stated_st.OptText(2)};
      }
      if (!stated_st.status().ok()) return stated_st.status();
      stated_st.Reset();
    }
    figures.emplace(holder.id, fig);
    return fig;
  };
  while (st.Step()) {
    Result<ActorRef> target = Actor(st.Int(0));
    Result<ActorRef> holder = Actor(st.Int(1));
    if (!target.ok()) return target.status();
    if (!holder.ok()) return holder.status();
    TallyRow& row = by_target[target->id];
    row.target = *target;
    ++row.supporters;
    ++row.by_kind[holder->kind];
    Result<std::optional<TallyRow::MemberFigure>> fig = figure_of(*holder);
    if (!fig.ok()) return fig.status();
    if (*fig) {
      row.members += (*fig)->members;
      ++row.with_members;
      row.member_figures.push_back(**fig);
    }
  }
  if (!st.status().ok()) return st.status();
  std::vector<TallyRow> rows;
  for (auto& [id, row] : by_target) {
    std::sort(row.member_figures.begin(), row.member_figures.end(),
              [](const TallyRow::MemberFigure& a, const TallyRow::MemberFigure& b) {
                return std::tie(b.members, a.holder) < std::tie(a.members, b.holder);
              });
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [&](const TallyRow& a, const TallyRow& b) {
    if (by_members && a.members != b.members) return a.members > b.members;
    if (a.supporters != b.supporters) return a.supporters > b.supporters;
    return a.target.name < b.target.name;
  });
  return rows;
}

Result<AffiliatesResult> Database::Affiliates(int64_t federation, std::optional<Date> as_of) {
  AffiliatesResult result;
  Result<ActorRef> fed = Actor(federation);
  if (!fed.ok()) return fed.status();
  result.federation = *fed;
  Statement own = conn_->Prepare(std::string("SELECT p.id FROM positions p WHERE p.holder = ?2 "
                                             "AND ") +
                                 kInForce + " ORDER BY p.id");
  own.Bind(1, DateText(as_of)).Bind(2, federation);
  Result<std::vector<PositionRow>> own_rows = Positions(own);
  if (!own_rows.ok()) return own_rows.status();
  result.own = std::move(own_rows).value();
  Statement st = conn_->Prepare(
      "SELECT f.member, f.valid_from, f.valid_to FROM affiliations f JOIN actors m ON "
      "m.id = f.member WHERE f.parent = ?2 AND (?1 IS NULL OR "
      "((f.valid_from IS NULL OR f.valid_from <= ?1) AND (f.valid_to IS NULL OR "
      "f.valid_to >= ?1))) ORDER BY m.name");
  st.Bind(1, DateText(as_of)).Bind(2, federation);
  std::vector<std::tuple<int64_t, std::optional<std::string>, std::optional<std::string>>> found;
  while (st.Step()) found.emplace_back(st.Int(0), st.OptText(1), st.OptText(2));
  if (!st.status().ok()) return st.status();
  Statement positions = conn_->Prepare(std::string("SELECT p.id FROM positions p WHERE "
                                                   "p.holder = ?2 AND ") +
                                       kInForce + " ORDER BY p.id");
  for (auto& [member, from, to] : found) {
    AffiliateRow row;
    Result<ActorRef> actor = Actor(member);
    if (!actor.ok()) return actor.status();
    row.member = *actor;
    row.valid_from = from;
    row.valid_to = to;
    positions.Bind(1, DateText(as_of)).Bind(2, member);
    Result<std::vector<PositionRow>> rows = Positions(positions);
    positions.Reset();
    if (!rows.ok()) return rows.status();
    row.positions = std::move(rows).value();
    result.affiliates.push_back(std::move(row));
  }
  return result;
}

Result<std::vector<StanceRow>> Database::Stances(Statement& st) {
  std::vector<StanceRow> rows;
  while (st.Step()) {
    StanceRow row;
    row.id = st.Int(0);
    row.article = st.Text(1);
    row.url = st.OptText(2);
    row.title = st.OptText(3);
    row.date = st.OptText(4);
    row.date_inferred = st.Int(5) != 0;
    row.source = st.Text(6);
    row.seq = st.Int(7);
    const int64_t holder_id = st.Int(8), target_id = st.Int(9);
    row.stance = st.Text(10);
    row.status = st.Text(11);
    row.act = st.Text(12);
    row.time = st.OptText(13);
    row.speaker = st.OptText(14);
    row.evidence = st.Text(15);
    row.evidence_start = st.Int(16);
    row.evidence_end = st.Int(17);
    row.rule = st.Text(18);
    Result<ActorRef> holder = Actor(holder_id);
    Result<ActorRef> target = Actor(target_id);
    if (!holder.ok()) return holder.status();
    if (!target.ok()) return target.status();
    row.holder = *holder;
    row.target = *target;
    rows.push_back(std::move(row));
  }
  if (!st.status().ok()) return st.status();
  return rows;
}

// The columns Stances() reads, joined from a stance record `s` to its article and speaker.
constexpr const char* kStanceColumns =
    "SELECT s.id, s.article, a.url, a.title, a.date, a.date_inferred, a.source, s.seq, "
    "s.holder, s.target, s.stance, s.status, s.act, s.time, sp.name, s.evidence, "
    "s.evidence_start, s.evidence_end, s.rule FROM stances s JOIN articles a ON a.id = s.article "
    "LEFT JOIN actors sp ON sp.id = s.speaker ";

Result<StanceRow> Database::StanceRecord(int64_t id) {
  Statement st = conn_->Prepare(std::string(kStanceColumns) + "WHERE s.id = ?1");
  st.Bind(1, id);
  Result<std::vector<StanceRow>> rows = Stances(st);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("no stance record " + std::to_string(id));
  return std::move(rows->front());
}

Result<std::vector<StanceRow>> Database::StancesOfArticle(std::string_view article) {
  Statement st = conn_->Prepare(std::string(kStanceColumns) + "WHERE s.article = ?1 ORDER BY s.seq");
  st.Bind(1, article);
  return Stances(st);
}

Status Database::InSnapshot(const std::function<Status()>& fn) {
  if (Status st = conn_->Exec("BEGIN"); !st.ok()) return st;
  Status result = fn();
  // A read transaction has nothing to keep; ROLLBACK also ends it after a failed statement.
  Status end = conn_->Exec("ROLLBACK");
  return result.ok() ? end : result;
}

Status Database::ExportStances(const std::function<void(const Json&)>& sink) {
  Statement st = conn_->Prepare(
      "SELECT s.article, h.name, t.name, s.stance, s.status, s.act, s.holder_kind, "
      "s.target_kind, s.time, a.date, a.date_inferred, sp.name, s.evidence, s.evidence_start, "
      "s.evidence_end, a.source, s.rule FROM stances s JOIN articles a ON a.id = s.article "
      "JOIN actors h ON h.id = s.holder JOIN actors t ON t.id = s.target "
      "LEFT JOIN actors sp ON sp.id = s.speaker ORDER BY a.rowid, s.seq");
  while (st.Step()) {
    Json j;
    j["doc"] = st.Text(0);
    j["holder"] = st.Text(1);
    j["target"] = st.Text(2);
    j["stance"] = st.Text(3);
    j["status"] = st.Text(4);
    j["act"] = st.Text(5);
    j["holder_kind"] = st.Text(6);
    j["target_kind"] = st.Text(7);
    j["time"] = OptJson(st.OptText(8));
    j["published"] = OptJson(st.OptText(9));
    j["date_inferred"] = st.Int(10) != 0;
    j["speaker"] = OptJson(st.OptText(11));
    j["evidence"] = st.Text(12);
    j["evidence_start"] = st.Int(13);
    j["evidence_end"] = st.Int(14);
    j["source"] = st.Text(15);
    j["rule"] = st.Text(16);
    sink(j);
  }
  return st.status();
}

Status Database::ExportPositions(const std::function<void(const Json&)>& sink) {
  Statement st = conn_->Prepare("SELECT id FROM positions ORDER BY id");
  std::vector<int64_t> ids;
  while (st.Step()) ids.push_back(st.Int(0));
  if (!st.status().ok()) return st.status();
  for (int64_t id : ids) {
    Result<PositionRow> row = Position(id, true);
    if (!row.ok()) return row.status();
    // Record ids are this database's row numbers (a re-ingest renumbers them); an export holds
    // only content, so that two databases of the same articles export the same.
    Json j = ToJson(*row);
    for (Json& source : j["sources"]) source.erase("stance_id");
    sink(j);
  }
  return Status::Ok();
}

Json ToJson(const ActorRef& actor) {
  Json j;
  j["name"] = actor.name;
  j["kind"] = actor.kind;
  j["kb_id"] = OptJson(actor.kb_id);
  j["members"] = actor.members > 0 ? Json(actor.members) : Json(nullptr);
  return j;
}

Json ToJson(const SourceRef& source) {
  Json j;
  j["stance_id"] = source.stance;
  j["article"] = source.article;
  j["date"] = OptJson(source.date);
  j["source"] = source.source;
  j["status"] = source.status;
  j["time"] = OptJson(source.time);
  j["evidence"] = source.evidence;
  return j;
}

Json ToJson(const PositionRow& p) {
  Json j;
  j["holder"] = p.holder.name;
  j["holder_kind"] = p.holder.kind;
  j["stance"] = p.stance;
  j["target"] = p.target.name;
  j["target_kind"] = p.target.kind;
  j["status"] = p.status;
  j["from"] = OptJson(p.start);
  j["until"] = OptJson(p.end);
  j["ended"] = p.end_reason.empty() ? Json(nullptr) : Json(p.end_reason);
  j["ended_by"] = OptJson(p.ended_by);
  Json sources = Json::array();
  for (const SourceRef& s : p.sources) sources.push_back(ToJson(s));
  j["sources"] = std::move(sources);
  return j;
}

Json ToJson(const SwitchRow& change) {
  Json j;
  j["holder"] = change.from.holder.name;
  j["date"] = OptJson(change.date);
  j["article"] = change.article;
  j["from"] = ToJson(change.from);
  j["to"] = ToJson(change.to);
  return j;
}

Json ToJson(const ConflictRow& c) {
  Json j;
  j["holder"] = c.holder.name;
  j["target"] = c.target.name;
  j["a"] = ToJson(c.a);
  j["a"]["stance"] = c.stance_a;
  j["b"] = ToJson(c.b);
  j["b"]["stance"] = c.stance_b;
  return j;
}

Json ToJson(const TallyRow& row) {
  Json j;
  j["target"] = row.target.name;
  j["target_kind"] = row.target.kind;
  j["supporters"] = row.supporters;
  Json kinds = Json::object();
  for (const auto& [kind, n] : row.by_kind) kinds[kind] = n;
  j["by_kind"] = std::move(kinds);
  j["members"] = row.members;
  j["supporters_with_members"] = row.with_members;
  Json figures = Json::array();
  for (const TallyRow::MemberFigure& f : row.member_figures) {
    Json fj;
    fj["holder"] = f.holder;
    fj["members"] = f.members;
    fj["from"] = f.from;  // "kb" (curated) or "article" (stated in an article)
    fj["year"] = f.year ? Json(*f.year) : Json(nullptr);
    fj["article"] = OptJson(f.article);
    fj["date"] = OptJson(f.date);
    figures.push_back(std::move(fj));
  }
  j["member_figures"] = std::move(figures);
  return j;
}

Json ToJson(const StanceRow& s) {
  Json j;
  j["id"] = s.id;
  j["article"] = s.article;
  j["url"] = OptJson(s.url);
  j["title"] = OptJson(s.title);
  j["published"] = OptJson(s.date);
  j["date_inferred"] = s.date_inferred;
  j["source"] = s.source;
  j["seq"] = s.seq;
  j["holder"] = ToJson(s.holder);
  j["stance"] = s.stance;
  j["target"] = ToJson(s.target);
  j["status"] = s.status;
  j["act"] = s.act;
  j["time"] = OptJson(s.time);
  j["speaker"] = OptJson(s.speaker);
  j["evidence"] = s.evidence;
  j["evidence_start"] = s.evidence_start;
  j["evidence_end"] = s.evidence_end;
  j["rule"] = s.rule;
  return j;
}

Json ToJson(const AffiliatesResult& result) {
  Json j;
  j["federation"] = ToJson(result.federation);
  Json own = Json::array();
  for (const PositionRow& p : result.own) own.push_back(ToJson(p));
  j["positions"] = std::move(own);
  Json affiliates = Json::array();
  for (const AffiliateRow& row : result.affiliates) {
    Json a = ToJson(row.member);
    a["affiliated_from"] = OptJson(row.valid_from);
    a["affiliated_until"] = OptJson(row.valid_to);
    Json positions = Json::array();
    for (const PositionRow& p : row.positions) positions.push_back(ToJson(p));
    a["positions"] = std::move(positions);
    affiliates.push_back(std::move(a));
  }
  j["affiliates"] = std::move(affiliates);
  return j;
}

}  // namespace whipcount::query
