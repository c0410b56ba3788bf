// KnowledgeBase: TSV loader and in-memory indexes. The format is described in data/kb/FORMAT.md.
//
// A file is parsed into a Staged batch first and merged into the KnowledgeBase only when every row
// is valid, so a bad user file leaves nothing behind. Name lookups go through a hash map from the
// normalized name; fuzzy lookups scan only the names whose length is within `max_edits` of the
// query, skip those whose set of characters differs too much (a bit-mask test), and run a banded
// edit distance on the rest that stops as soon as the band exceeds the bound.
#include "kb/knowledge_base.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/utf8.h"

namespace whipcount::kb {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kActorsSuffix = ".actors.tsv";
constexpr std::string_view kDescriptionsSuffix = ".descriptions.tsv";
constexpr std::string_view kAffiliationsSuffix = ".affiliations.tsv";
constexpr std::string_view kRolesSuffix = ".roles.tsv";
constexpr std::string_view kListSeparator = " | ";

enum class FileKind { kActors, kDescriptions, kAffiliations, kRoles, kUnknown };

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

FileKind KindOfPath(std::string_view path) {
  if (EndsWith(path, kActorsSuffix)) return FileKind::kActors;
  if (EndsWith(path, kDescriptionsSuffix)) return FileKind::kDescriptions;
  if (EndsWith(path, kAffiliationsSuffix)) return FileKind::kAffiliations;
  if (EndsWith(path, kRolesSuffix)) return FileKind::kRoles;
  return FileKind::kUnknown;
}

// The header row each file kind must carry, in order.
const std::vector<std::string_view>& HeaderOf(FileKind kind) {
  static const std::vector<std::string_view> kActors = {"id",      "kind",    "name",
                                                        "aliases", "members", "members_year"};
  static const std::vector<std::string_view> kDescriptions = {"actor", "phrase", "from", "to"};
  static const std::vector<std::string_view> kAffiliations = {"member", "parent", "from", "to"};
  static const std::vector<std::string_view> kRoles = {"person", "title", "org", "from", "to"};
  static const std::vector<std::string_view> kNone;
  switch (kind) {
    case FileKind::kActors: return kActors;
    case FileKind::kDescriptions: return kDescriptions;
    case FileKind::kAffiliations: return kAffiliations;
    case FileKind::kRoles: return kRoles;
    case FileKind::kUnknown: break;
  }
  return kNone;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + sep.size();
  }
}

bool ParseInt(std::string_view s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

int DaysIn(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Parses YYYY, YYYY-MM or YYYY-MM-DD. A partial date stands for its first day when `is_end` is
// false and for its last day when true. Empty = open (nullopt in *out). False when malformed.
bool ParseBound(std::string_view s, bool is_end, std::optional<Date>* out) {
  out->reset();
  if (s.empty()) return true;
  auto digits = [&](size_t pos, size_t n, int& v) {
    int64_t x = 0;
    if (pos + n > s.size() || !ParseInt(s.substr(pos, n), x)) return false;
    v = static_cast<int>(x);
    return true;
  };
  Date d;
  if (!digits(0, 4, d.year)) return false;
  if (s.size() == 4) {
    d.month = is_end ? 12 : 1;
    d.day = is_end ? 31 : 1;
  } else if (s.size() == 7 && s[4] == '-') {
    if (!digits(5, 2, d.month) || d.month < 1 || d.month > 12) return false;
    d.day = is_end ? DaysIn(d.year, d.month) : 1;
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(5, 2, d.month) || !digits(8, 2, d.day)) return false;
  } else {
    return false;
  }
  if (!d.valid()) return false;
  *out = d;
  return true;
}

bool IsSlug(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return id.front() != '-' && id.back() != '-';
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Rows of the edit-distance table, kept across the candidates of one lookup so that the scan
// does not allocate per candidate.
struct DistanceScratch {
  std::vector<int> prev2, prev, cur;
};

// Optimal-string-alignment distance (a transposition of neighbours is one edit, as in
// "ALF" for "AFL"), or max_edits + 1 as soon as it is certain to exceed max_edits.
int BoundedDistance(std::string_view a, std::string_view b, int max_edits,
                    DistanceScratch& scratch) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_edits) return max_edits + 1;
  const int kBig = max_edits + 1;
  // Three rolling rows: two back (for transpositions), previous, current.
  std::vector<int>& prev2 = scratch.prev2;
  std::vector<int>& prev = scratch.prev;
  std::vector<int>& cur = scratch.cur;
  prev2.assign(m + 1, kBig);
  prev.assign(m + 1, 0);
  cur.assign(m + 1, kBig);
  for (int j = 0; j <= m; ++j) prev[j] = std::min(j, kBig);
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - max_edits);
    const int hi = std::min(m, i + max_edits);
    std::fill(cur.begin(), cur.end(), kBig);  // cells outside the band stay "too far"
    cur[0] = std::min(i, kBig);
    int row_min = cur[0];
    for (int j = lo; j <= hi; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = std::min(v, kBig);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max_edits) return kBig;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], kBig);
}

// The set of characters in `s` as bits (letters and digits each have a bit; every other byte
// shares one). One edit changes at most two bits of the symmetric difference between two such
// sets, so a popcount above 2 * max_edits proves the distance is too large without the table.
uint64_t CharMask(std::string_view s) {
  uint64_t mask = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') {
      mask |= uint64_t{1} << (c - 'a');
    } else if (c >= '0' && c <= '9') {
      mask |= uint64_t{1} << (26 + (c - '0'));
    } else if (c != ' ') {
      mask |= uint64_t{1} << 36;
    }
  }
  return mask;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string folded = core::Fold(name);
  // Map what is not a letter, digit or '&' to a space; lower-case Latin-1 capitals; drop a
  // possessive 's (the apostrophe followed by 's' and then a non-letter or the end).
  std::string spaced;
  spaced.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      if (c == '\'' && i + 1 < folded.size() && folded[i + 1] == 's' &&
          (i + 2 == folded.size() ||
           !IsAsciiAlnum(static_cast<unsigned char>(folded[i + 2])))) {
        spaced += ' ';
        i += 2;
        continue;
      }
      spaced += (IsAsciiAlnum(c) || c == '&') ? static_cast<char>(c) : ' ';
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = core::DecodeAt(folded, i);
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
      // Latin-1 capital letter: its small form is 0x20 higher, same two-byte UTF-8 length.
      char32_t lower = cp + 0x20;
      spaced += static_cast<char>(0xC0 | (lower >> 6));
      spaced += static_cast<char>(0x80 | (lower & 0x3F));
    } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0xA0 || cp == 0x2026) {
      spaced += ' ';  // dashes, no-break space, ellipsis
    } else {
      spaced.append(folded, start, i - start);
    }
  }
  std::string out;
  out.reserve(spaced.size());
  for (char c : spaced) {
    if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

bool DateRange::Contains(std::optional<Date> when) const {
  if (!when) return true;
  if (from && *when < *from) return false;
  if (to && *when > *to) return false;
  return true;
}

struct KnowledgeBase::Impl {
  std::vector<KbActor> actors;
  std::vector<KbDescription> descriptions;
  std::vector<KbAffiliation> affiliations;
  std::vector<KbRole> roles;

  std::unordered_map<std::string, int32_t> by_id;
  // Every (normalized name, actor) pair once, in load order: ForEachName and fuzzy buckets.
  std::vector<std::pair<std::string, int32_t>> names;
  std::vector<uint64_t> name_masks;  // CharMask of each entry of `names`
  // Actors bearing each normalized name: those for whom it is the canonical name first (the first
  // `canonical` entries), then those for whom it is an alias; each part in load order.
  struct NameEntry {
    std::vector<int32_t> actors;
    size_t canonical = 0;
  };
  std::unordered_map<std::string, NameEntry> by_name;
  std::unordered_map<std::string, std::vector<size_t>> by_phrase;  // -> descriptions
  std::unordered_map<int32_t, std::vector<size_t>> affiliations_by_parent;
  std::unordered_map<int32_t, std::vector<size_t>> affiliations_by_member;
  std::unordered_map<int32_t, std::vector<size_t>> roles_by_person;
  // Indexes into `names`, bucketed by the byte length of the normalized name.
  std::vector<std::vector<size_t>> names_by_length;

  // One file's rows, validated but not yet merged.
  struct Staged {
    std::vector<KbActor> actors;
    std::vector<KbDescription> descriptions;
    std::vector<KbAffiliation> affiliations;
    std::vector<KbRole> roles;
    std::unordered_map<std::string, int32_t> new_ids;  // id -> index it will have
  };

  // REQUIRES: an actor's canonical name is added before its aliases.
  void AddName(const std::string& raw, int32_t actor, bool canonical) {
    std::string norm = NormalizeName(raw);
    if (norm.empty()) return;
    NameEntry& entry = by_name[norm];
    std::vector<int32_t>& list = entry.actors;
    if (std::find(list.begin(), list.end(), actor) != list.end()) return;
    if (canonical) {
      list.insert(list.begin() + static_cast<std::ptrdiff_t>(entry.canonical++), actor);
    } else {
      list.push_back(actor);
    }
    name_masks.push_back(CharMask(norm));
    names.emplace_back(norm, actor);
    size_t len = norm.size();
    if (names_by_length.size() <= len) names_by_length.resize(len + 1);
    names_by_length[len].push_back(names.size() - 1);
  }

  std::optional<int32_t> Resolve(const Staged& staged, std::string_view id) const {
    auto it = by_id.find(std::string(id));
    if (it != by_id.end()) return it->second;
    auto jt = staged.new_ids.find(std::string(id));
    if (jt != staged.new_ids.end()) return jt->second;
    return std::nullopt;
  }

  Status ParseFile(const std::string& path, FileKind kind, Staged& staged) const;
  Status ParseRow(const std::string& where, FileKind kind,
                  const std::vector<std::string_view>& fields, Staged& staged) const;
  void Commit(Staged&& staged);
  Status AddPath(const std::string& path);
};

Status KnowledgeBase::Impl::ParseFile(const std::string& path, FileKind kind,
                                      Staged& staged) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  const std::string text = buf.str();
  size_t bad = 0;
  if (!core::IsValidUtf8(text, &bad)) {
    size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
    return Status::InvalidInput(path + ":" + std::to_string(line) +
                                ": invalid UTF-8 at byte " + std::to_string(bad));
  }
  const std::vector<std::string_view>& header = HeaderOf(kind);
  bool seen_header = false;
  std::string_view rest = text;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // a byte-order mark
  int line_no = 0;
  while (!rest.empty()) {
    ++line_no;
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '#') continue;
    const std::string where = path + ":" + std::to_string(line_no);
    std::vector<std::string_view> fields = Split(line, "\t");
    if (!seen_header) {
      seen_header = true;
      bool same = fields.size() == header.size();
      for (size_t i = 0; same && i < header.size(); ++i) same = Trim(fields[i]) == header[i];
      if (!same) {
        std::string want;
        for (std::string_view h : header) want += (want.empty() ? "" : "\\t") + std::string(h);
        return Status::InvalidInput(where + ": header row must be '" + want + "'");
      }
      continue;
    }
    if (fields.size() != header.size()) {
      return Status::InvalidInput(where + ": expected " + std::to_string(header.size()) +
                                  " tab-separated columns, found " +
                                  std::to_string(fields.size()));
    }
    for (auto& f : fields) f = Trim(f);
    Status st = ParseRow(where, kind, fields, staged);
    if (!st.ok()) return st;
  }
  if (!seen_header) return Status::InvalidInput(path + ":1: missing header row");
  return Status::Ok();
}

Status KnowledgeBase::Impl::ParseRow(const std::string& where, FileKind kind,
                                     const std::vector<std::string_view>& f,
                                     Staged& staged) const {
  auto bad = [&](const std::string& what) { return Status::InvalidInput(where + ": " + what); };
  auto actor_ref = [&](std::string_view id, std::string_view column, int32_t& out) {
    std::optional<int32_t> idx = Resolve(staged, id);
    if (!idx) return bad("unknown actor id '" + std::string(id) + "' in column " +
                         std::string(column));
    out = *idx;
    return Status::Ok();
  };
  auto range = [&](std::string_view from, std::string_view to, DateRange& out) {
    if (!ParseBound(from, false, &out.from)) {
      return bad("bad date '" + std::string(from) + "' in column from (YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (!ParseBound(to, true, &out.to)) {
      return bad("bad date '" + std::string(to) + "' in column to (YYYY, YYYY-MM or YYYY-MM-DD)");
    }
    if (out.from && out.to && *out.to < *out.from) {
      return bad("date range ends (" + out.to->ToString() + ") before it starts (" +
                 out.from->ToString() + ")");
    }
    return Status::Ok();
  };

  switch (kind) {
    case FileKind::kActors: {
      KbActor actor;
      actor.id = std::string(f[0]);
      if (!IsSlug(actor.id)) {
        return bad("bad id '" + actor.id + "' (lowercase letters, digits and '-' only)");
      }
      if (auto it = by_id.find(actor.id); it != by_id.end()) {
        return bad("duplicate id '" + actor.id + "', first defined at " +
                   actors[it->second].source);
      }
      if (auto it = staged.new_ids.find(actor.id); it != staged.new_ids.end()) {
        size_t first = static_cast<size_t>(it->second) - actors.size();
        return bad("duplicate id '" + actor.id + "', first defined at " +
                   staged.actors[first].source);
      }
      std::optional<ActorKind> k = ParseActorKind(f[1]);
      if (!k || *k == ActorKind::kUnknown) return bad("bad kind '" + std::string(f[1]) + "'");
      actor.kind = *k;
      actor.name = std::string(f[2]);
      if (NormalizeName(actor.name).empty()) return bad("empty name");
      if (!f[3].empty()) {
        for (std::string_view alias : Split(f[3], kListSeparator)) {
          alias = Trim(alias);
          if (alias.empty()) return bad("empty alias in list (separate aliases with ' | ')");
          actor.aliases.emplace_back(alias);
        }
      }
      if (!f[4].empty() && !ParseInt(f[4], actor.members)) {
        return bad("bad members number '" + std::string(f[4]) + "'");
      }
      if (!f[5].empty()) {
        int64_t year = 0;
        if (!ParseInt(f[5], year) || f[5].size() != 4) {
          return bad("bad members_year '" + std::string(f[5]) + "'");
        }
        actor.members_year = static_cast<int>(year);
      }
      actor.source = where;
      {
        // "data/kb/40_australia.actors.tsv:12" -> 4
        size_t slash = where.find_last_of('/');
        size_t base = slash == std::string::npos ? 0 : slash + 1;
        if (base < where.size() && where[base] >= '0' && where[base] <= '9')
          actor.region = where[base] - '0';
      }
      int32_t index = static_cast<int32_t>(actors.size() + staged.actors.size());
      staged.new_ids.emplace(actor.id, index);
      staged.actors.push_back(std::move(actor));
      return Status::Ok();
    }
    case FileKind::kDescriptions: {
      KbDescription desc;
      if (Status st = actor_ref(f[0], "actor", desc.actor); !st.ok()) return st;
      desc.phrase = NormalizeName(f[1]);
      if (desc.phrase.empty()) return bad("empty phrase");
      if (Status st = range(f[2], f[3], desc.valid); !st.ok()) return st;
      staged.descriptions.push_back(std::move(desc));
      return Status::Ok();
    }
    case FileKind::kAffiliations: {
      KbAffiliation aff;
      if (Status st = actor_ref(f[0], "member", aff.member); !st.ok()) return st;
      if (Status st = actor_ref(f[1], "parent", aff.parent); !st.ok()) return st;
      if (aff.member == aff.parent) return bad("an actor cannot be affiliated with itself");
      if (Status st = range(f[2], f[3], aff.valid); !st.ok()) return st;
      staged.affiliations.push_back(aff);
      return Status::Ok();
    }
    case FileKind::kRoles: {
      KbRole role;
      if (Status st = actor_ref(f[0], "person", role.person); !st.ok()) return st;
      role.title = std::string(f[1]);
      if (role.title.empty()) return bad("empty title");
      if (Status st = actor_ref(f[2], "org", role.org); !st.ok()) return st;
      if (Status st = range(f[3], f[4], role.valid); !st.ok()) return st;
      staged.roles.push_back(std::move(role));
      return Status::Ok();
    }
    case FileKind::kUnknown: break;
  }
  return bad("unknown file kind");
}

void KnowledgeBase::Impl::Commit(Staged&& staged) {
  for (KbActor& actor : staged.actors) {
    int32_t index = static_cast<int32_t>(actors.size());
    by_id.emplace(actor.id, index);
    actors.push_back(std::move(actor));
    const KbActor& added = actors.back();
    AddName(added.name, index, /*canonical=*/true);
    for (const std::string& alias : added.aliases) AddName(alias, index, /*canonical=*/false);
  }
  for (KbDescription& desc : staged.descriptions) {
    by_phrase[desc.phrase].push_back(descriptions.size());
    descriptions.push_back(std::move(desc));
  }
  for (const KbAffiliation& aff : staged.affiliations) {
    affiliations_by_parent[aff.parent].push_back(affiliations.size());
    affiliations_by_member[aff.member].push_back(affiliations.size());
    affiliations.push_back(aff);
  }
  for (KbRole& role : staged.roles) {
    roles_by_person[role.person].push_back(roles.size());
    roles.push_back(std::move(role));
  }
}

Status KnowledgeBase::Impl::AddPath(const std::string& path) {
  FileKind kind = KindOfPath(path);
  if (kind == FileKind::kUnknown) {
    return Status::InvalidInput(path + ": unknown file kind (name must end in .actors.tsv, "
                                ".descriptions.tsv, .affiliations.tsv or .roles.tsv)");
  }
  Staged staged;
  Status st = ParseFile(path, kind, staged);
  if (!st.ok()) return st;
  Commit(std::move(staged));
  return Status::Ok();
}

KnowledgeBase::KnowledgeBase() : impl_(std::make_unique<Impl>()) {}
KnowledgeBase::~KnowledgeBase() = default;

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::LoadDir(const std::string& dir) {
  std::vector<std::string> actor_files;
  std::vector<std::string> other_files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::IOError(dir + ": not a readable directory");
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return Status::IOError(dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IOError(dir + ": " + ec.message());
    if (!it->is_regular_file(ec)) continue;
    std::string path = it->path().string();
    if (!EndsWith(path, ".tsv")) continue;
    (KindOfPath(path) == FileKind::kActors ? actor_files : other_files).push_back(path);
  }
  std::sort(actor_files.begin(), actor_files.end());
  std::sort(other_files.begin(), other_files.end());
  auto kb = std::make_unique<KnowledgeBase>();
  for (const auto* files : {&actor_files, &other_files}) {
    for (const std::string& path : *files) {
      Status st = kb->impl_->AddPath(path);
      if (!st.ok()) return st;
    }
  }
  return kb;
}

Status KnowledgeBase::AddFile(const std::string& path) { return impl_->AddPath(path); }

const std::vector<KbActor>& KnowledgeBase::actors() const { return impl_->actors; }
const std::vector<KbDescription>& KnowledgeBase::descriptions() const {
  return impl_->descriptions;
}
const std::vector<KbAffiliation>& KnowledgeBase::affiliations() const {
  return impl_->affiliations;
}
const std::vector<KbRole>& KnowledgeBase::roles() const { return impl_->roles; }

std::optional<int32_t> KnowledgeBase::FindById(std::string_view id) const {
  auto it = impl_->by_id.find(std::string(id));
  if (it == impl_->by_id.end()) return std::nullopt;
  return it->second;
}

std::vector<int32_t> KnowledgeBase::FindByName(std::string_view name) const {
  auto it = impl_->by_name.find(NormalizeName(name));
  if (it == impl_->by_name.end()) return {};
  return it->second.actors;
}

std::vector<int32_t> KnowledgeBase::FindByDescription(std::string_view phrase,
                                                      std::optional<Date> when) const {
  std::vector<int32_t> out;
  auto it = impl_->by_phrase.find(NormalizeName(phrase));
  if (it == impl_->by_phrase.end()) return out;
  for (size_t i : it->second) {
    const KbDescription& desc = impl_->descriptions[i];
    if (!desc.valid.Contains(when)) continue;
    if (std::find(out.begin(), out.end(), desc.actor) == out.end()) out.push_back(desc.actor);
  }
  return out;
}

std::vector<int32_t> KnowledgeBase::FindFuzzy(std::string_view name, int max_edits) const {
  constexpr size_t kMinFuzzyLength = 6;
  std::vector<int32_t> out;
  const std::string query = NormalizeName(name);
  if (max_edits < 0 || query.size() < kMinFuzzyLength) return out;
  std::vector<std::pair<int, int32_t>> hits;  // (distance, actor)
  DistanceScratch scratch;
  const uint64_t query_mask = CharMask(query);
  const auto& buckets = impl_->names_by_length;
  size_t lo = query.size() > static_cast<size_t>(max_edits) ? query.size() - max_edits : 0;
  lo = std::max(lo, kMinFuzzyLength);
  size_t hi = std::min(query.size() + max_edits + 1, buckets.size());
  for (size_t len = lo; len < hi; ++len) {
    for (size_t i : buckets[len]) {
      if (std::popcount(query_mask ^ impl_->name_masks[i]) > 2 * max_edits) continue;
      const auto& [norm, actor] = impl_->names[i];
      int d = BoundedDistance(query, norm, max_edits, scratch);
      if (d <= max_edits) hits.emplace_back(d, actor);
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [d, actor] : hits) {
    if (std::find(out.begin(), out.end(), actor) == out.end()) out.push_back(actor);
  }
  return out;
}

bool KnowledgeBase::IsAffiliated(int32_t member, int32_t parent, std::optional<Date> when) const {
  auto it = impl_->affiliations_by_member.find(member);
  if (it == impl_->affiliations_by_member.end()) return false;
  for (size_t i : it->second) {
    const KbAffiliation& aff = impl_->affiliations[i];
    if (aff.parent == parent && aff.valid.Contains(when)) return true;
  }
  return false;
}

std::vector<int32_t> KnowledgeBase::AffiliatesOf(int32_t parent, std::optional<Date> when) const {
  std::vector<int32_t> out;
  auto it = impl_->affiliations_by_parent.find(parent);
  if (it == impl_->affiliations_by_parent.end()) return out;
  for (size_t i : it->second) {
    const KbAffiliation& aff = impl_->affiliations[i];
    if (aff.valid.Contains(when)) out.push_back(aff.member);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<KbRole> KnowledgeBase::RolesOf(int32_t person) const {
  std::vector<KbRole> out;
  auto it = impl_->roles_by_person.find(person);
  if (it == impl_->roles_by_person.end()) return out;
  for (size_t i : it->second) out.push_back(impl_->roles[i]);
  return out;
}

void KnowledgeBase::ForEachName(const std::function<void(const std::string&, int32_t)>& fn) const {
  for (const auto& [norm, actor] : impl_->names) fn(norm, actor);
}

}  // namespace whipcount::kb
