// Queries over a whipcount database: standings as of a date, timelines, switches, conflicts
// between sources, tallies and a federation's affiliates. Results are plain structs; ToJson
// gives each the shape `--json` prints. Actor names are matched by canonical name, alias or
// acronym, case-insensitively (kb::NormalizeName over the names the database holds: the
// knowledge base's, copied at ingest, and those of actors found in articles).
// Thread safety: a Database is used by one thread at a time; open one per thread.
#ifndef WHIPCOUNT_QUERY_QUERY_H_
#define WHIPCOUNT_QUERY_QUERY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sqlite.h"
#include "whipcount/date.h"
#include "whipcount/enums.h"
#include "whipcount/status.h"

namespace whipcount::query {

struct ActorRef {
  int64_t id = 0;
  std::string name;
  std::string kind;
  std::optional<std::string> kb_id;
  int64_t members = 0;  // 0 = unknown
};

// One stance record backing a position.
struct SourceRef {
  int64_t stance = 0;  // the record's id (Database::StanceRecord)
  std::string article;
  std::optional<std::string> date;  // the article's
  std::string source;               // "path:line"
  std::string status;               // the record's: current, planned, past
  std::optional<std::string> time;  // the record's stance time
  std::string evidence;
};

struct PositionRow {
  int64_t id = 0;
  ActorRef holder;
  ActorRef target;
  std::string stance;
  std::string status;
  std::optional<std::string> start;  // unknown when no source dates it
  std::optional<std::string> end;
  std::string end_reason;  // "" (in force), ended, superseded, rival
  std::optional<std::string> ended_by;
  std::vector<SourceRef> sources;
};

struct SwitchRow {
  PositionRow from;
  PositionRow to;
  std::optional<std::string> date;
  std::string article;
};

struct ConflictRow {
  ActorRef holder;
  ActorRef target;
  std::string stance_a, stance_b;
  SourceRef a, b;
};

struct TallyRow {
  ActorRef target;
  int64_t supporters = 0;
  std::map<std::string, int64_t> by_kind;  // holder kind -> count
  int64_t members = 0;                     // summed over supporters whose membership is known
  int64_t with_members = 0;                // how many supporters that sum covers
  // Where each supporter's figure comes from: the knowledge base's membership, else the latest
  // figure an article stated (table `facts`), else none.
  struct MemberFigure {
    std::string holder;
    int64_t members = 0;
    std::string from;                    // "kb" or "article"
    std::optional<int64_t> year;         // kb: the figure's year
    std::optional<std::string> article;  // article: the stating article's id
    std::optional<std::string> date;     // article: its date
  };
  std::vector<MemberFigure> member_figures;  // supporters with a figure, largest first
};

struct AffiliateRow {
  ActorRef member;
  std::optional<std::string> valid_from, valid_to;
  std::vector<PositionRow> positions;  // in force on the date asked
};

// One stance record as stored, with its article (Database::StanceRecord).
struct StanceRow {
  int64_t id = 0;
  std::string article;
  std::optional<std::string> url, title, date;  // the article's
  bool date_inferred = false;
  std::string source;  // the article's "path" or "path:line"
  int64_t seq = 0;     // the record's place in its article
  ActorRef holder;
  ActorRef target;
  std::string stance, status, act;
  std::optional<std::string> time;
  std::optional<std::string> speaker;
  std::string evidence;
  int64_t evidence_start = 0, evidence_end = 0;  // code points into the article's text
  std::string rule;
};

struct AffiliatesResult {
  ActorRef federation;
  std::vector<PositionRow> own;  // the federation's own positions
  std::vector<AffiliateRow> affiliates;
};

class Database {
 public:
  // Opens an existing database (NotFound when the file is absent) and, when positions are stale
  // (an ingest was interrupted before merging), rebuilds them.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;  // owns a connection
  Database& operator=(const Database&) = delete;

  // The one actor `name` names. NotFound, or InvalidInput when ambiguous; both messages list
  // the closest candidates. Among several actors of one name, the only one with positions wins.
  Result<ActorRef> FindActor(std::string_view name);

  // Holders with `stance` toward `target` in force on `as_of` (unknown: the latest positions).
  Result<std::vector<PositionRow>> Who(int64_t target, std::optional<Date> as_of, Stance stance);
  // Every position of `actor`, as holder and as target, in time order.
  Result<std::vector<PositionRow>> Timeline(int64_t actor);
  // Changes of position dated on or after `since` (unknown: all).
  Result<std::vector<SwitchRow>> Switches(std::optional<Date> since);
  Result<std::vector<ConflictRow>> Conflicts();
  // Per target, the support in force on `as_of`; ordered by supporters, or by members when
  // `by_members`.
  Result<std::vector<TallyRow>> Tally(std::optional<Date> as_of, bool by_members);
  // The affiliates of `federation` on `as_of` (unknown: every affiliation on record) and their
  // positions in force then.
  Result<AffiliatesResult> Affiliates(int64_t federation, std::optional<Date> as_of);
  // The stance record `id`, with its article; NotFound when there is none.
  Result<StanceRow> StanceRecord(int64_t id);
  // The stance records of article `article`, in their order; empty when none or no article.
  Result<std::vector<StanceRow>> StancesOfArticle(std::string_view article);
  // Runs `fn` inside one read transaction, so that the several statements a query runs see one
  // state of the database while another connection commits (WAL snapshot). Not nestable.
  Status InSnapshot(const std::function<Status()>& fn);

  // Calls `sink` with every stance record in the form `extract` prints (so an export can be
  // ingested again), in article and record order.
  Status ExportStances(const std::function<void(const nlohmann::ordered_json&)>& sink);
  // Calls `sink` with every position.
  Status ExportPositions(const std::function<void(const nlohmann::ordered_json&)>& sink);
  // The connection, for queries kept in their own files (query/actors.cc); same thread rules.
  store::Connection& connection() { return *conn_; }

 private:
  explicit Database(std::unique_ptr<store::Connection> conn);
  Result<ActorRef> Actor(int64_t id);
  Result<PositionRow> Position(int64_t id, bool with_sources);
  Result<std::vector<PositionRow>> Positions(store::Statement& st);
  std::string Closest(std::string_view norm);
  Result<std::vector<StanceRow>> Stances(store::Statement& st);

  std::unique_ptr<store::Connection> conn_;
  std::unordered_map<int64_t, ActorRef> actors_;
  // Prepared once: the queries run them once per row.
  store::Statement actor_st_, position_st_, sources_st_;
};

// "YYYY-MM-DD", or nothing for an unknown date; a JSON string, or null for nothing (the shapes
// every --json answer uses).
std::optional<std::string> DateText(const std::optional<Date>& d);
nlohmann::ordered_json OptJson(const std::optional<std::string>& v);

nlohmann::ordered_json ToJson(const ActorRef& actor);
nlohmann::ordered_json ToJson(const SourceRef& source);
nlohmann::ordered_json ToJson(const PositionRow& position);
nlohmann::ordered_json ToJson(const SwitchRow& change);
nlohmann::ordered_json ToJson(const ConflictRow& conflict);
nlohmann::ordered_json ToJson(const TallyRow& row);
nlohmann::ordered_json ToJson(const AffiliatesResult& result);
nlohmann::ordered_json ToJson(const StanceRow& stance);

}  // namespace whipcount::query

#endif  // WHIPCOUNT_QUERY_QUERY_H_
