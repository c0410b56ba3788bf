#include "store/store.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <utility>

#include "kb/knowledge_base.h"
#include "store/positions.h"
#include "store/schema.h"

namespace whipcount::store {
namespace {

constexpr const char* kPositionsStale = "positions_stale";
constexpr const char* kKbHash = "kb_hash";

std::optional<std::string> DateText(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

std::optional<Date> ParseDateColumn(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return Date::Parse(st.Text(col));
}

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Hashes everything of the knowledge base that the store copies, to skip unchanged syncs.
std::string KbHash(const kb::KnowledgeBase& kb) {
  std::string all;
  for (const kb::KbActor& actor : kb.actors()) {
    all += actor.id + '\t' + actor.name + '\t' + std::string(ToString(actor.kind)) + '\t' +
           std::to_string(actor.members) + '\t' + std::to_string(actor.members_year) + '\n';
  }
  kb.ForEachName([&](const std::string& norm, int32_t actor) {
    all += norm + '\t' + std::to_string(actor) + '\n';
  });
  for (const kb::KbAffiliation& aff : kb.affiliations()) {
    all += std::to_string(aff.member) + '\t' + std::to_string(aff.parent) + '\t' +
           DateText(aff.valid.from).value_or("") + '\t' + DateText(aff.valid.to).value_or("") +
           '\n';
  }
  return TextHash(all);
}

}  // namespace

std::string TextHash(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Store::Store(std::unique_ptr<Connection> conn) : conn_(std::move(conn)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  Result<std::unique_ptr<Connection>> conn = Connection::Open(path, /*create=*/true, false);
  if (!conn.ok()) return conn.status();
  // TEST hook (docs/STORE.md): caps the file at N pages, so that tests/robustness can fill the
  // "disk" and check that a failed write loses nothing stored before.
  if (const char* pages = std::getenv("WHIPCOUNT_TEST_MAX_PAGES"); pages && *pages) {
    const std::string pragma = "PRAGMA max_page_count = " + std::to_string(std::atoll(pages));
    if (Status st = (*conn)->Exec(pragma); !st.ok()) return st;
  }
  if (Status st = Migrate(**conn); !st.ok()) return st;
  std::unique_ptr<Store> store(new Store(std::move(conn).value()));
  Connection& c = *store->conn_;
  store->delete_article_ =
      c.Prepare("DELETE FROM articles WHERE id = ?1 OR (?2 IS NOT NULL AND text_hash = ?2)");
  store->insert_article_ = c.Prepare(
      "INSERT INTO articles (id, text_hash, source, url, title, date, date_inferred, bytes, "
      "origin, fingerprint, run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  store->insert_stance_ = c.Prepare(
      "INSERT INTO stances (article, seq, holder, target, stance, status, act, holder_kind, "
      "target_kind, time, speaker, evidence, evidence_start, evidence_end, rule) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  store->insert_fact_ = c.Prepare(
      "INSERT INTO facts (article, seq, holder, kind, value, object, number, approximate, "
      "sentence, evidence, evidence_start, evidence_end, rule) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  store->insert_actor_ = c.Prepare("INSERT INTO actors (name, kind) VALUES (?1, ?2)");
  store->insert_name_ =
      c.Prepare("INSERT OR IGNORE INTO names (norm, actor, origin) VALUES (?1, ?2, ?3)");
  return store;
}

Status Store::SetMeta(const std::string& key, const std::string& value) {
  Statement st = conn_->Prepare(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  return st.Bind(1, key).Bind(2, value).Run();
}

Status Store::SyncKnowledgeBase(const kb::KnowledgeBase& kb) {
  const std::string hash = KbHash(kb);
  {
    Statement st = conn_->Prepare("SELECT value FROM meta WHERE key = ?1");
    st.Bind(1, kKbHash);
    if (st.Step() && st.Text(0) == hash) return Status::Ok();
    if (!st.status().ok()) return st.status();
  }
  if (Status st = conn_->Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  auto fail = [&](Status st) {
    (void)conn_->Exec("ROLLBACK");
    cache_loaded_ = false;
    actor_by_name_.clear();
    return st;
  };
  if (Status st = conn_->Exec("UPDATE actors SET in_kb = 0 WHERE kb_id IS NOT NULL; "
                              "DELETE FROM names WHERE origin = 'kb'; DELETE FROM affiliations;");
      !st.ok()) {
    return fail(st);
  }
  Statement upsert = conn_->Prepare(
      "INSERT INTO actors (kb_id, name, kind, members, members_year, in_kb) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 1) ON CONFLICT(kb_id) DO UPDATE SET name = excluded.name, "
      "kind = excluded.kind, members = excluded.members, members_year = excluded.members_year, "
      "in_kb = 1 RETURNING id");
  std::vector<int64_t> ids(kb.actors().size());
  for (size_t i = 0; i < kb.actors().size(); ++i) {
    const kb::KbActor& actor = kb.actors()[i];
    upsert.Bind(1, actor.id).Bind(2, actor.name).Bind(3, ToString(actor.kind));
    if (actor.members > 0) {
      upsert.Bind(4, actor.members);
    } else {
      upsert.BindNull(4);
    }
    if (actor.members_year > 0) {
      upsert.Bind(5, actor.members_year);
    } else {
      upsert.BindNull(5);
    }
    if (!upsert.Step()) {
      return fail(upsert.status().ok() ? Status::Internal("upsert returned no id")
                                       : upsert.status());
    }
    ids[i] = upsert.Int(0);
    upsert.Reset();
  }
  Status name_status;
  kb.ForEachName([&](const std::string& norm, int32_t actor) {
    if (!name_status.ok() || actor < 0 || static_cast<size_t>(actor) >= ids.size()) return;
    name_status = insert_name_.Bind(1, norm).Bind(2, ids[actor]).Bind(3, "kb").Run();
  });
  if (!name_status.ok()) return fail(name_status);
  Statement affiliate = conn_->Prepare(
      "INSERT INTO affiliations (member, parent, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4)");
  for (const kb::KbAffiliation& aff : kb.affiliations()) {
    if (aff.member < 0 || aff.parent < 0) continue;
    Status st = affiliate.Bind(1, ids[aff.member])
                    .Bind(2, ids[aff.parent])
                    .Bind(3, DateText(aff.valid.from))
                    .Bind(4, DateText(aff.valid.to))
                    .Run();
    if (!st.ok()) return fail(st);
  }
  // Actors created from articles before the knowledge base knew them: fold each into the
  // knowledge-base actor of the same canonical name.
  std::vector<std::pair<int64_t, int64_t>> folds;
  {
    Statement st = conn_->Prepare(
        "SELECT a.id, MIN(k.id) FROM actors a JOIN actors k ON k.name = a.name "
        "AND k.kb_id IS NOT NULL WHERE a.kb_id IS NULL GROUP BY a.id");
    while (st.Step()) folds.emplace_back(st.Int(0), st.Int(1));
    if (!st.status().ok()) return fail(st.status());
  }
  for (const char* sql : {"UPDATE stances SET holder = ?2 WHERE holder = ?1",
                          "UPDATE stances SET target = ?2 WHERE target = ?1",
                          "UPDATE stances SET speaker = ?2 WHERE speaker = ?1",
                          "UPDATE facts SET holder = ?2 WHERE holder = ?1",
                          "UPDATE facts SET object = ?2 WHERE object = ?1",
                          "DELETE FROM names WHERE actor = ?1 AND ?2 IS NOT NULL",
                          "DELETE FROM actors WHERE id = ?1 AND ?2 IS NOT NULL"}) {
    Statement st = conn_->Prepare(sql);
    for (const auto& [from, to] : folds) {
      if (Status s = st.Bind(1, from).Bind(2, to).Run(); !s.ok()) return fail(s);
    }
  }
  if (Status st = SetMeta(kKbHash, hash); !st.ok()) return fail(st);
  if (Status st = SetMeta(kPositionsStale, "1"); !st.ok()) return fail(st);
  if (Status st = conn_->Exec("COMMIT"); !st.ok()) return fail(st);
  cache_loaded_ = false;
  actor_by_name_.clear();
  return Status::Ok();
}

Result<std::unordered_map<std::string, StoredArticle>> Store::StoredArticles() {
  std::unordered_map<std::string, StoredArticle> out;
  Statement st = conn_->Prepare("SELECT id, text_hash, fingerprint FROM articles");
  while (st.Step()) out[st.Text(0)] = StoredArticle{st.OptText(1), st.OptText(2)};
  if (!st.status().ok()) return st.status();
  return out;
}

Result<int64_t> Store::StartRun(const std::string& fingerprint, const std::string& inputs) {
  Statement st =
      conn_->Prepare("INSERT INTO runs (started, fingerprint, inputs) VALUES (?1, ?2, ?3)");
  if (Status s = st.Bind(1, NowUtc()).Bind(2, fingerprint).Bind(3, inputs).Run(); !s.ok()) {
    return s;
  }
  return conn_->LastInsertId();
}

Status Store::FinishRun(int64_t run, int64_t articles, int64_t errors) {
  Statement st =
      conn_->Prepare("UPDATE runs SET finished = ?2, articles = ?3, errors = ?4 WHERE id = ?1");
  return st.Bind(1, run).Bind(2, NowUtc()).Bind(3, articles).Bind(4, errors).Run();
}

Status Store::BeginBatch() { return conn_->Exec("BEGIN IMMEDIATE"); }

Status Store::CommitBatch() {
  if (Status st = SetMeta(kPositionsStale, "1"); !st.ok()) {
    RollbackBatch();
    return st;
  }
  Status st = conn_->Exec("COMMIT");
  if (!st.ok()) RollbackBatch();
  return st;
}

void Store::RollbackBatch() {
  (void)conn_->Exec("ROLLBACK");
  // Actors created inside the batch are gone with it.
  cache_loaded_ = false;
  actor_by_name_.clear();
}

Status Store::LoadActorCache() {
  actor_by_name_.clear();
  // Knowledge-base actors first, lowest id first: they win a shared name.
  Statement st = conn_->Prepare("SELECT name, id FROM actors ORDER BY kb_id IS NULL, id");
  while (st.Step()) actor_by_name_.try_emplace(st.Text(0), st.Int(1));
  if (!st.status().ok()) return st.status();
  cache_loaded_ = true;
  return Status::Ok();
}

Result<int64_t> Store::ActorId(const std::string& name, ActorKind kind) {
  if (!cache_loaded_) {
    if (Status st = LoadActorCache(); !st.ok()) return st;
  }
  if (auto it = actor_by_name_.find(name); it != actor_by_name_.end()) return it->second;
  if (Status st = insert_actor_.Bind(1, name).Bind(2, ToString(kind)).Run(); !st.ok()) return st;
  int64_t id = conn_->LastInsertId();
  if (Status st =
          insert_name_.Bind(1, kb::NormalizeName(name)).Bind(2, id).Bind(3, "article").Run();
      !st.ok()) {
    return st;
  }
  actor_by_name_.emplace(name, id);
  return id;
}

Status Store::PutArticle(const ArticleRecord& record, int64_t run) {
  if (Status st = delete_article_.Bind(1, record.id).Bind(2, record.text_hash).Run(); !st.ok()) {
    return st;
  }
  Status st = insert_article_.Bind(1, record.id)
                  .Bind(2, record.text_hash)
                  .Bind(3, record.source)
                  .Bind(4, record.url)
                  .Bind(5, record.title)
                  .Bind(6, DateText(record.date))
                  .Bind(7, record.date_inferred ? 1 : 0)
                  .Bind(8, record.bytes)
                  .Bind(9, record.origin)
                  .Bind(10, record.fingerprint)
                  .Bind(11, run)
                  .Run();
  if (!st.ok()) return st;
  int seq = 0;
  for (const StanceLine& line : record.stances) {
    Result<int64_t> holder = ActorId(line.holder, line.holder_kind);
    if (!holder.ok()) return holder.status();
    Result<int64_t> target = ActorId(line.target, line.target_kind);
    if (!target.ok()) return target.status();
    std::optional<int64_t> speaker;
    if (line.speaker) {
      Result<int64_t> id = ActorId(*line.speaker, ActorKind::kPerson);
      if (!id.ok()) return id.status();
      speaker = *id;
    }
    insert_stance_.Bind(1, record.id)
        .Bind(2, seq++)
        .Bind(3, *holder)
        .Bind(4, *target)
        .Bind(5, ToString(line.stance))
        .Bind(6, ToString(line.status))
        .Bind(7, ToString(line.act))
        .Bind(8, ToString(line.holder_kind))
        .Bind(9, ToString(line.target_kind))
        .Bind(10, DateText(line.time))
        .Bind(12, line.evidence)
        .Bind(13, line.evidence_start)
        .Bind(14, line.evidence_end)
        .Bind(15, line.rule);
    if (speaker) {
      insert_stance_.Bind(11, *speaker);
    } else {
      insert_stance_.BindNull(11);
    }
    if (Status s = insert_stance_.Run(); !s.ok()) return s;
  }
  seq = 0;
  for (const FactLine& fact : record.facts) {
    Result<int64_t> holder = ActorId(fact.holder, fact.holder_kind);
    if (!holder.ok()) return holder.status();
    insert_fact_.Bind(1, record.id)
        .Bind(2, seq++)
        .Bind(3, *holder)
        .Bind(4, fact.kind)
        .Bind(5, fact.value)
        .Bind(8, fact.approximate ? 1 : 0)
        .Bind(9, fact.sentence)
        .Bind(10, fact.evidence)
        .Bind(11, fact.evidence_start)
        .Bind(12, fact.evidence_end)
        .Bind(13, fact.rule);
    if (fact.object) {
      Result<int64_t> object = ActorId(*fact.object, fact.object_kind);
      if (!object.ok()) return object.status();
      insert_fact_.Bind(6, *object);
    } else {
      insert_fact_.BindNull(6);
    }
    if (fact.number > 0) {
      insert_fact_.Bind(7, fact.number);
    } else {
      insert_fact_.BindNull(7);
    }
    if (Status s = insert_fact_.Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<bool> Store::PositionsStale() {
  Statement st = conn_->Prepare("SELECT value FROM meta WHERE key = ?1");
  st.Bind(1, kPositionsStale);
  if (st.Step()) return st.Text(0) != "0";
  if (!st.status().ok()) return st.status();
  return true;  // never rebuilt
}

Status Store::RebuildPositions() {
  if (Status st = conn_->Exec("BEGIN IMMEDIATE"); !st.ok()) return st;
  auto fail = [&](Status st) {
    (void)conn_->Exec("ROLLBACK");
    return st;
  };
  std::vector<Observation> observations;
  {
    Statement st = conn_->Prepare(
        "SELECT s.id, s.article, s.holder, s.target, t.kind, s.stance, s.status, s.time, a.date "
        "FROM stances s JOIN articles a ON a.id = s.article JOIN actors t ON t.id = s.target");
    while (st.Step()) {
      Observation o;
      o.stance_id = st.Int(0);
      o.article = st.Text(1);
      o.holder = st.Int(2);
      o.target = st.Int(3);
      o.target_kind = ParseActorKind(st.Text(4)).value_or(ActorKind::kUnknown);
      o.stance = ParseStance(st.Text(5)).value_or(Stance::kSupport);
      o.status = ParseStanceStatus(st.Text(6)).value_or(StanceStatus::kCurrent);
      o.time = ParseDateColumn(st, 7);
      o.article_date = ParseDateColumn(st, 8);
      observations.push_back(std::move(o));
    }
    if (!st.status().ok()) return fail(st.status());
  }
  MergeResult merged = Merge(std::move(observations));
  if (Status st = conn_->Exec("DELETE FROM positions; DELETE FROM position_sources; "
                              "DELETE FROM switches; DELETE FROM conflicts;");
      !st.ok()) {
    return fail(st);
  }
  Statement position = conn_->Prepare(
      "INSERT INTO positions (id, holder, target, stance, status, start_date, end_date, "
      "end_reason, "
      "ended_by, sources) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  Statement source =
      conn_->Prepare("INSERT OR IGNORE INTO position_sources (position, stance) VALUES (?1, ?2)");
  for (size_t i = 0; i < merged.positions.size(); ++i) {
    const Position& p = merged.positions[i];
    const int64_t id = static_cast<int64_t>(i) + 1;
    Status st =
        position.Bind(1, id)
            .Bind(2, p.holder)
            .Bind(3, p.target)
            .Bind(4, ToString(p.stance))
            .Bind(5, ToString(p.status))
            .Bind(6, DateText(p.start))
            .Bind(7, DateText(p.end))
            .Bind(8, ToString(p.end_reason))
            .Bind(9, p.ended_by.empty() ? std::nullopt : std::optional<std::string>(p.ended_by))
            .Bind(10, static_cast<int64_t>(p.articles.size()))
            .Run();
    if (!st.ok()) return fail(st);
    for (int64_t stance : p.sources) {
      if (Status s = source.Bind(1, id).Bind(2, stance).Run(); !s.ok()) return fail(s);
    }
  }
  Statement change = conn_->Prepare(
      "INSERT INTO switches (holder, from_position, to_position, date, article) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const Switch& s : merged.switches) {
    Status st = change.Bind(1, merged.positions[s.from].holder)
                    .Bind(2, static_cast<int64_t>(s.from) + 1)
                    .Bind(3, static_cast<int64_t>(s.to) + 1)
                    .Bind(4, DateText(s.date))
                    .Bind(5, s.article)
                    .Run();
    if (!st.ok()) return fail(st);
  }
  Statement conflict = conn_->Prepare("INSERT INTO conflicts (stance_a, stance_b) VALUES (?1, ?2)");
  for (const Conflict& c : merged.conflicts) {
    if (Status st = conflict.Bind(1, c.stance_a).Bind(2, c.stance_b).Run(); !st.ok()) {
      return fail(st);
    }
  }
  if (Status st = SetMeta(kPositionsStale, "0"); !st.ok()) return fail(st);
  return conn_->Exec("COMMIT");
}

}  // namespace whipcount::store
