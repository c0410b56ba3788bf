// Actor look-up: what the knowledge base knows about an actor (names, descriptions with their
// dates, roles, affiliations, membership) and, when a database is given, what the database knows
// (positions held and received, facts stated in articles with their source). Used by
// `whipcount actors` and by the HTTP server's GET /api/actors?q=Q, which print the same JSON.
// Matching: the query is normalized (kb::NormalizeName) and compared with every canonical name,
// alias, acronym and short name of the knowledge base, then with its descriptions (any date),
// then with the names the database holds; case and a leading "the" do not matter. When nothing
// matches, the result lists the closest names (by edit distance and containment).
// Thread safety: the knowledge base is only read (any number of threads); a Database is used by
// one thread at a time (see query.h).
#ifndef WHIPCOUNT_QUERY_ACTORS_H_
#define WHIPCOUNT_QUERY_ACTORS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/knowledge_base.h"
#include "query/query.h"
#include "whipcount/status.h"

namespace whipcount::query {

// A dated link of an actor: a description it goes by, a role it holds (or that someone holds in
// it), or an affiliation (to a parent, or from an affiliate).
struct ActorLink {
  std::string text;                 // description phrase, role title, or "" for affiliations
  std::string other_id, other_name;  // the other actor (org of a role, parent, affiliate)
  std::optional<std::string> from, to;  // "YYYY-MM-DD"; nullopt = open-ended
};

// A fact an article stated about the actor (table `facts`, store/schema.h).
struct StatedFact {
  std::string kind;   // "members", "role", "affiliation"
  std::string value;  // members: the number in digits; role: the title; affiliation: parent
  std::optional<std::string> object;  // role: the organization; affiliation: the parent
  std::string article;                // article id
  std::optional<std::string> date;    // the article's date
  std::string source;                 // the article's "path" or "path:line"
  std::string sentence;               // the sentence that states it
  int64_t start = 0, end = 0;         // code points into the raw article text, [start, end)
};

// What the database holds about one actor.
struct ActorDbInfo {
  int64_t id = 0;
  int64_t positions_as_holder = 0;
  int64_t positions_as_target = 0;
  std::vector<StatedFact> facts;  // about the actor (as holder); articles in date order
};

struct ActorInfo {
  std::string kb_id;  // "" when the actor is known only from the database
  std::string name;
  std::string kind;
  std::vector<std::string> aliases;
  int64_t members = 0;  // 0 = unknown
  int members_year = 0;
  std::string kb_source;                  // "file:line" of its knowledge-base row
  std::vector<ActorLink> descriptions;    // text = phrase
  std::vector<ActorLink> roles;           // a person's offices: text = title, other = org
  std::vector<ActorLink> people;          // an org's office holders: text = title, other = person
  std::vector<ActorLink> affiliations;    // parents of the actor
  std::vector<ActorLink> affiliates;      // direct members of the actor
  std::optional<ActorDbInfo> db;          // nullopt when no database, or it does not hold it
};

struct ActorLookup {
  std::string query;
  std::string matched_by;  // "name", "description", "database" or "" (no match)
  std::vector<ActorInfo> actors;      // best first (canonical-name matches before aliases)
  std::vector<std::string> closest;   // when nothing matched: up to 5 near names
};

// Looks `q` up. `db` may be null (knowledge base only). Errors only when the database fails.
Result<ActorLookup> FindActors(const kb::KnowledgeBase& kb, Database* db, std::string_view q);
// FindActors as the JSON `actors QUERY --json` prints (docs: README, "actors").
Result<nlohmann::ordered_json> LookupActors(const kb::KnowledgeBase& kb, Database* db,
                                            std::string_view q);
// Every actor of the knowledge base, in load order, as a JSON array of ToJson(ActorInfo)
// without database parts.
nlohmann::ordered_json ListActors(const kb::KnowledgeBase& kb);
// The knowledge-base part of one actor (index into kb.actors()).
ActorInfo KbActorInfo(const kb::KnowledgeBase& kb, int32_t index);

nlohmann::ordered_json ToJson(const ActorInfo& actor);
nlohmann::ordered_json ToJson(const ActorLookup& lookup);

}  // namespace whipcount::query

#endif  // WHIPCOUNT_QUERY_ACTORS_H_
