// KnowledgeBase: public facts about actors (never stances), loaded from TSV files under
// data/kb/ (format: data/kb/FORMAT.md) and from users' own files of the same format.
// Lookups are by normalized name (NormalizeName), by description valid on a date, by id, and by
// near-spelling for misspelled names. Thread safety: loading (Load*, AddFile) is not
// thread-safe; once loaded, all const methods may be called from any number of threads.
#ifndef WHIPCOUNT_KB_KNOWLEDGE_BASE_H_
#define WHIPCOUNT_KB_KNOWLEDGE_BASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/enums.h"
#include "whipcount/status.h"

namespace whipcount::kb {

// Lower-case, typographic quotes folded, punctuation other than '&' turned to spaces, a
// possessive 's dropped, a leading "the " dropped, spaces collapsed. "The AFL-CIO's" -> "afl cio".
std::string NormalizeName(std::string_view name);

struct DateRange {
  std::optional<Date> from;  // inclusive; nullopt = open
  std::optional<Date> to;    // inclusive; nullopt = open
  // True when `when` is in range, or when `when` is unknown.
  bool Contains(std::optional<Date> when) const;
};

struct KbActor {
  std::string id;    // stable key, e.g. "cwa", "bernie-sanders"
  std::string name;  // canonical full name
  ActorKind kind = ActorKind::kUnknown;
  std::vector<std::string> aliases;  // as written in the file (acronyms, short names, surnames)
  int64_t members = 0;               // 0 = unknown
  int members_year = 0;
  std::string source;                // "file:line" of its row
  // The first digit of its file's name ("40_australia.actors.tsv" -> 4), which groups the files
  // of one country; -1 for a file whose name starts with no digit. Among actors sharing a name,
  // the resolver prefers those of the region the rest of an article comes from.
  int region = -1;
};

struct KbDescription {
  int32_t actor = -1;
  std::string phrase;  // normalized, e.g. "vermont senator"
  DateRange valid;
};

struct KbAffiliation {
  int32_t member = -1;
  int32_t parent = -1;
  DateRange valid;
};

struct KbRole {
  int32_t person = -1;
  std::string title;  // e.g. "President"
  int32_t org = -1;
  DateRange valid;
};

class KnowledgeBase {
 public:
  KnowledgeBase();
  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;  // large; share by pointer
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  // Loads every *.tsv file under `dir` (sorted), by suffix: .actors.tsv, .descriptions.tsv,
  // .affiliations.tsv, .roles.tsv. Errors name the file and line.
  static Result<std::unique_ptr<KnowledgeBase>> LoadDir(const std::string& dir);
  // Adds one file (a user's own). Its kind is taken from its suffix as above. Rows may refer to
  // actors of files loaded before. On error nothing of the file is kept.
  Status AddFile(const std::string& path);

  const std::vector<KbActor>& actors() const;
  const std::vector<KbDescription>& descriptions() const;
  const std::vector<KbAffiliation>& affiliations() const;
  const std::vector<KbRole>& roles() const;

  std::optional<int32_t> FindById(std::string_view id) const;
  // Actors one of whose names (canonical or alias) normalizes to NormalizeName(name).
  std::vector<int32_t> FindByName(std::string_view name) const;
  // Actors described by `phrase` (e.g. "the Vermont senator") on date `when` (unknown = any).
  std::vector<int32_t> FindByDescription(std::string_view phrase, std::optional<Date> when) const;
  // Actors with a name within `max_edits` edits of `name` (misspellings such as "ALF-CIO",
  // "Communications Workers of American"); names shorter than 6 characters never match fuzzily.
  std::vector<int32_t> FindFuzzy(std::string_view name, int max_edits) const;
  // True when `member` is affiliated with `parent` on `when`.
  bool IsAffiliated(int32_t member, int32_t parent, std::optional<Date> when) const;
  std::vector<int32_t> AffiliatesOf(int32_t parent, std::optional<Date> when) const;
  std::vector<KbRole> RolesOf(int32_t person) const;
  // Calls fn(normalized name, actor) for every name and alias.
  void ForEachName(const std::function<void(const std::string&, int32_t)>& fn) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::kb

#endif  // WHIPCOUNT_KB_KNOWLEDGE_BASE_H_
