#include "query/actors.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "core/edit_distance.h"

namespace whipcount::query {
namespace {

using Json = nlohmann::ordered_json;

// A closeness score of a name to the query: lower is closer. A name that contains the query (or
// is contained in it) is a better guess than its edit distance says.
size_t Closeness(std::string_view query, std::string_view name) {
  size_t score = core::EditDistance(query, name);
  if (!query.empty() && query.size() >= 3 &&
      (name.find(query) != std::string_view::npos || query.find(name) != std::string_view::npos))
    score = std::min<size_t>(score, name.size() > query.size() ? 1 : 2);
  return score;
}

ActorLink Link(std::string text, const kb::KbActor& other, const kb::DateRange& valid) {
  return ActorLink{std::move(text), other.id, other.name, DateText(valid.from),
                   DateText(valid.to)};
}

// Per-actor indexes of the knowledge base's descriptions, roles and affiliations, built in one
// pass so that listing every actor stays linear.
struct Links {
  std::vector<std::vector<ActorLink>> descriptions, roles, people, affiliations, affiliates;

  Links(const kb::KnowledgeBase& kb, const std::vector<int32_t>& wanted) {
    size_t n = kb.actors().size();
    descriptions.resize(n);
    roles.resize(n);
    people.resize(n);
    affiliations.resize(n);
    affiliates.resize(n);
    std::vector<bool> want(n, wanted.empty());
    for (int32_t i : wanted) want[i] = true;
    const auto& actors = kb.actors();
    for (const kb::KbDescription& d : kb.descriptions())
      if (d.actor >= 0 && want[d.actor])
        descriptions[d.actor].push_back(
            ActorLink{d.phrase, "", "", DateText(d.valid.from), DateText(d.valid.to)});
    for (const kb::KbRole& r : kb.roles()) {
      if (r.person < 0) continue;
      if (want[r.person]) {
        if (r.org >= 0) {
          roles[r.person].push_back(Link(r.title, actors[r.org], r.valid));
        } else {
          roles[r.person].push_back(
              ActorLink{r.title, "", "", DateText(r.valid.from), DateText(r.valid.to)});
        }
      }
      if (r.org >= 0 && want[r.org]) people[r.org].push_back(Link(r.title, actors[r.person], r.valid));
    }
    for (const kb::KbAffiliation& a : kb.affiliations()) {
      if (a.member < 0 || a.parent < 0) continue;
      if (want[a.member]) affiliations[a.member].push_back(Link("", actors[a.parent], a.valid));
      if (want[a.parent]) affiliates[a.parent].push_back(Link("", actors[a.member], a.valid));
    }
  }
};

ActorInfo InfoFrom(const kb::KnowledgeBase& kb, int32_t index, Links& links) {
  const kb::KbActor& a = kb.actors()[index];
  ActorInfo info;
  info.kb_id = a.id;
  info.name = a.name;
  info.kind = std::string(ToString(a.kind));
  info.aliases = a.aliases;
  info.members = a.members;
  info.members_year = a.members_year;
  info.kb_source = a.source;
  info.descriptions = std::move(links.descriptions[index]);
  info.roles = std::move(links.roles[index]);
  info.people = std::move(links.people[index]);
  info.affiliations = std::move(links.affiliations[index]);
  info.affiliates = std::move(links.affiliates[index]);
  return info;
}

// What the database holds about actor `id`.
Result<ActorDbInfo> DbInfo(store::Connection& conn, int64_t id) {
  ActorDbInfo info;
  info.id = id;
  store::Statement count = conn.Prepare(
      "SELECT (SELECT COUNT(*) FROM positions WHERE holder = ?1), "
      "(SELECT COUNT(*) FROM positions WHERE target = ?1)");
  count.Bind(1, id);
  if (count.Step()) {
    info.positions_as_holder = count.Int(0);
    info.positions_as_target = count.Int(1);
  }
  if (!count.status().ok()) return count.status();
  store::Statement facts = conn.Prepare(
      "SELECT f.kind, f.value, o.name, f.article, a.date, a.source, f.sentence, "
      "f.evidence_start, f.evidence_end FROM facts f JOIN articles a ON a.id = f.article "
      "LEFT JOIN actors o ON o.id = f.object WHERE f.holder = ?1 "
      "ORDER BY a.date IS NULL, a.date, f.article, f.seq");
  facts.Bind(1, id);
  while (facts.Step()) {
    StatedFact f;
    f.kind = facts.Text(0);
    f.value = facts.Text(1);
    f.object = facts.OptText(2);
    f.article = facts.Text(3);
    f.date = facts.OptText(4);
    f.source = facts.Text(5);
    f.sentence = facts.Text(6);
    f.start = facts.Int(7);
    f.end = facts.Int(8);
    info.facts.push_back(std::move(f));
  }
  if (!facts.status().ok()) return facts.status();
  return info;
}

Json LinksJson(const std::vector<ActorLink>& links, const char* text_key, const char* other_key) {
  Json arr = Json::array();
  for (const ActorLink& l : links) {
    Json j;
    if (text_key) j[text_key] = l.text;
    if (other_key) {
      j[other_key] = l.other_name;
      j[std::string(other_key) + "_id"] = l.other_id;
    }
    j["from"] = OptJson(l.from);
    j["to"] = OptJson(l.to);
    arr.push_back(std::move(j));
  }
  return arr;
}

}  // namespace

ActorInfo KbActorInfo(const kb::KnowledgeBase& kb, int32_t index) {
  Links links(kb, {index});
  return InfoFrom(kb, index, links);
}

Result<ActorLookup> FindActors(const kb::KnowledgeBase& kb, Database* db, std::string_view q) {
  ActorLookup out;
  out.query = std::string(q);
  const std::string norm = kb::NormalizeName(q);
  if (norm.empty()) return Status::InvalidInput("actors: empty query");
  std::vector<int32_t> found = kb.FindByName(q);
  out.matched_by = found.empty() ? "" : "name";
  if (found.empty()) {
    found = kb.FindByDescription(q, std::nullopt);
    if (!found.empty()) out.matched_by = "description";
  }
  Links links(kb, found);
  std::set<int64_t> db_ids;
  for (int32_t i : found) {
    ActorInfo info = InfoFrom(kb, i, links);
    if (db != nullptr) {
      store::Statement st = db->connection().Prepare("SELECT id FROM actors WHERE kb_id = ?1");
      st.Bind(1, info.kb_id);
      if (st.Step()) {
        Result<ActorDbInfo> dbi = DbInfo(db->connection(), st.Int(0));
        if (!dbi.ok()) return dbi.status();
        db_ids.insert(dbi->id);
        info.db = std::move(dbi).value();
      }
      if (!st.status().ok()) return st.status();
    }
    out.actors.push_back(std::move(info));
  }
  // Actors found only in articles, by any name the database holds for them.
  if (db != nullptr && found.empty()) {
    store::Statement st = db->connection().Prepare(
        "SELECT DISTINCT a.id, a.name, a.kind, a.members, a.members_year FROM names n "
        "JOIN actors a ON a.id = n.actor WHERE n.norm = ?1 ORDER BY a.id");
    st.Bind(1, norm);
    while (st.Step()) {
      if (db_ids.count(st.Int(0))) continue;
      ActorInfo info;
      info.name = st.Text(1);
      info.kind = st.Text(2);
      info.members = st.IsNull(3) ? 0 : st.Int(3);
      info.members_year = st.IsNull(4) ? 0 : static_cast<int>(st.Int(4));
      Result<ActorDbInfo> dbi = DbInfo(db->connection(), st.Int(0));
      if (!dbi.ok()) return dbi.status();
      info.db = std::move(dbi).value();
      out.actors.push_back(std::move(info));
    }
    if (!st.status().ok()) return st.status();
    if (!out.actors.empty()) out.matched_by = "database";
  }
  if (!out.actors.empty()) return out;

  // Nothing matched: the closest names of the knowledge base and the database.
  struct Near {
    size_t score;
    std::string name;
  };
  std::vector<Near> near;
  kb.ForEachName([&](const std::string& name, int32_t actor) {
    near.push_back({Closeness(norm, name), kb.actors()[actor].name});
  });
  if (db != nullptr) {
    store::Statement st = db->connection().Prepare(
        "SELECT n.norm, a.name FROM names n JOIN actors a ON a.id = n.actor");
    while (st.Step()) near.push_back({Closeness(norm, st.Text(0)), st.Text(1)});
    if (!st.status().ok()) return st.status();
  }
  std::sort(near.begin(), near.end(), [](const Near& a, const Near& b) {
    return std::tie(a.score, a.name) < std::tie(b.score, b.name);
  });
  std::set<std::string> seen;
  for (const Near& n : near) {
    if (out.closest.size() >= 5) break;
    if (seen.insert(n.name).second) out.closest.push_back(n.name);
  }
  return out;
}

Result<Json> LookupActors(const kb::KnowledgeBase& kb, Database* db, std::string_view q) {
  Result<ActorLookup> found = FindActors(kb, db, q);
  if (!found.ok()) return found.status();
  return ToJson(*found);
}

Json ListActors(const kb::KnowledgeBase& kb) {
  Links links(kb, {});
  Json arr = Json::array();
  for (size_t i = 0; i < kb.actors().size(); ++i)
    arr.push_back(ToJson(InfoFrom(kb, static_cast<int32_t>(i), links)));
  return arr;
}

Json ToJson(const ActorInfo& a) {
  Json j;
  j["id"] = a.kb_id.empty() ? Json(nullptr) : Json(a.kb_id);
  j["name"] = a.name;
  j["kind"] = a.kind;
  j["aliases"] = a.aliases;
  j["members"] = a.members > 0 ? Json(a.members) : Json(nullptr);
  j["members_year"] = a.members_year > 0 ? Json(a.members_year) : Json(nullptr);
  j["kb_source"] = a.kb_source.empty() ? Json(nullptr) : Json(a.kb_source);
  j["descriptions"] = LinksJson(a.descriptions, "phrase", nullptr);
  j["roles"] = LinksJson(a.roles, "title", "org");
  j["people"] = LinksJson(a.people, "title", "person");
  j["affiliations"] = LinksJson(a.affiliations, nullptr, "parent");
  j["affiliates"] = LinksJson(a.affiliates, nullptr, "member");
  if (!a.db) {
    j["database"] = nullptr;
    return j;
  }
  Json d;
  d["positions_as_holder"] = a.db->positions_as_holder;
  d["positions_as_target"] = a.db->positions_as_target;
  Json facts = Json::array();
  for (const StatedFact& f : a.db->facts) {
    Json fj;
    fj["kind"] = f.kind;
    fj["value"] = f.value;
    fj["object"] = OptJson(f.object);
    fj["article"] = f.article;
    fj["date"] = OptJson(f.date);
    fj["source"] = f.source;
    fj["sentence"] = f.sentence;
    fj["evidence_start"] = f.start;
    fj["evidence_end"] = f.end;
    facts.push_back(std::move(fj));
  }
  d["facts"] = std::move(facts);
  j["database"] = std::move(d);
  return j;
}

Json ToJson(const ActorLookup& lookup) {
  Json j;
  j["query"] = lookup.query;
  j["matched_by"] = lookup.matched_by.empty() ? Json(nullptr) : Json(lookup.matched_by);
  Json actors = Json::array();
  for (const ActorInfo& a : lookup.actors) actors.push_back(ToJson(a));
  j["actors"] = std::move(actors);
  j["closest"] = lookup.closest;
  return j;
}

}  // namespace whipcount::query
