#include "facts/facts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/string_set.h"
#include "core/tsv.h"
#include "core/utf8.h"

namespace whipcount::facts {

using Words = std::vector<std::string>;

namespace {

// The classes of facts.tsv, in the order of kClasses.
enum PhraseClass {
  kMemberNoun,
  kMemberCompound,
  kCountVerb,
  kHedge,
  kScale,
  kRoleTitle,
  kRoleDet,
  kRolePrep,
  kAffiliateDet,
  kAffiliateNoun,
  kAffiliateLink,
  kRelative,
  kNumClasses
};

constexpr const char* kClasses[kNumClasses] = {"member_noun",    "member_compound", "count_verb",
                                               "hedge",          "scale",           "role_title",
                                               "role_det",       "role_prep",       "affiliate_det",
                                               "affiliate_noun", "affiliate_link",  "relative"};

}  // namespace

struct FactFinder::Lexicon {
  // class -> phrases as word lists, longest first.
  std::array<std::vector<Words>, kNumClasses> phrases;
  // class -> the first words of its phrases: most tokens start none, and this says so at once.
  std::array<core::StringSet, kNumClasses> first_words;
  std::array<uint32_t, kNumClasses> longest{};     // class -> words in its longest phrase
  std::unordered_map<std::string, int64_t> scale;  // "million" -> 1000000
};

namespace {

Words SplitWords(const std::string& s) {
  Words w;
  std::istringstream in(s);
  std::string word;
  while (in >> word) w.push_back(word);
  return w;
}

// A figure read from the text: "700,000", "1.6 million", "1.6 million-member".
struct Figure {
  int64_t value = 0;
  uint32_t begin = 0, end = 0;  // tokens [begin, end)
  bool compound = false;        // ended in "-member" / "-strong"
};

class DocFacts {
 public:
  DocFacts(const FactFinder::Lexicon& lex, Document& doc) : lex_(lex), doc_(doc) {
    core::EnsureFolded(doc);
    starts_.assign(doc.tokens.size(), -1);
    for (size_t m = 0; m < doc.mentions.size(); ++m) {
      const Mention& men = doc.mentions[m];
      if (men.token_begin < starts_.size() && starts_[men.token_begin] < 0)
        starts_[men.token_begin] = static_cast<int32_t>(m);
    }
  }

  void Run() {
    for (size_t m = 0; m < doc_.mentions.size(); ++m) {
      MembersAfter(m);
      RoleFromTitle(m);
      RoleFromApposition(m);
      AffiliationAfter(m);
      AffiliationBefore(m);
    }
    MembersCompound();
    std::sort(doc_.facts.begin(), doc_.facts.end(), [](const FactRecord& a, const FactRecord& b) {
      return std::tie(a.begin, a.end, a.kind) < std::tie(b.begin, b.end, b.kind);
    });
    // A person stated to hold an office speaks for that organization, where resolution did not
    // already say whom they speak for.
    for (const FactRecord& f : doc_.facts) {
      if (f.kind != FactKind::kRole || f.object < 0) continue;
      DocActor& person = doc_.actors[f.holder];
      if (person.org < 0) person.org = f.object;
    }
  }

 private:
  std::string_view Fold(uint32_t t) const { return doc_.Folded(t); }
  uint32_t SentenceEnd(uint32_t t) const {
    return doc_.sentences[doc_.tokens[t].sentence].token_end;
  }

  // Tokens of the longest phrase of `cls` that starts at token t (not past `end`); 0 if none.
  uint32_t Match(PhraseClass cls, uint32_t t, uint32_t end) const {
    if (t >= end || lex_.first_words[cls].count(Fold(t)) == 0) return 0;
    for (const Words& w : lex_.phrases[cls]) {
      if (t + w.size() > end) continue;
      bool ok = true;
      for (size_t i = 0; i < w.size() && ok; ++i) ok = Fold(t + static_cast<uint32_t>(i)) == w[i];
      if (ok) return static_cast<uint32_t>(w.size());
    }
    return 0;
  }
  bool Is(PhraseClass cls, std::string_view word) const {
    if (lex_.first_words[cls].count(word) == 0) return false;
    for (const Words& w : lex_.phrases[cls])
      if (w.size() == 1 && w[0] == word) return true;
    return false;
  }

  // The mention that starts at token t, or -1.
  int32_t MentionAt(uint32_t t) const { return t < starts_.size() ? starts_[t] : -1; }

  bool IsOrg(int32_t m) const {
    if (m < 0) return false;
    const Mention& men = doc_.mentions[m];
    if (men.actor < 0) return false;
    ActorKind k = doc_.actors[men.actor].kind;
    return IsOrganization(k) && k != ActorKind::kNewspaper && k != ActorKind::kGovernment;
  }
  bool IsPerson(int32_t m) const {
    if (m < 0) return false;
    const Mention& men = doc_.mentions[m];
    return men.actor >= 0 && men.kind != MentionKind::kPronoun &&
           doc_.actors[men.actor].kind == ActorKind::kPerson;
  }
  // Organizations that have members of their own: a union, a federation, a party.
  bool IsParent(int32_t m) const {
    if (!IsOrg(m) || doc_.mentions[m].kind == MentionKind::kPronoun) return false;
    ActorKind k = doc_.actors[doc_.mentions[m].actor].kind;
    return k == ActorKind::kFederation || k == ActorKind::kUnion || k == ActorKind::kParty;
  }

  // Skips a possessive clitic ("'s", "'") at t.
  uint32_t SkipPossessive(uint32_t t, uint32_t end) const {
    if (t < end) {
      std::string_view f = Fold(t);
      if (f == "'s" || f == "'") return t + 1;
    }
    return t;
  }

  // Only digits, commas and a point may come before a "-member" tail, and a figure has a digit.
  bool MayOpenFigure(uint32_t t) const {
    std::string_view f = Fold(t);
    for (char c : f) {
      if (c >= '0' && c <= '9') return true;
      if (c != ',' && c != '.') return false;
    }
    return false;
  }

  // A figure starting at token t: digits (with commas and a decimal point), an optional scale
  // word, and an optional "-member"/"-strong" tail on either.
  std::optional<Figure> ReadFigure(uint32_t t, uint32_t end) const {
    if (t >= end) return std::nullopt;
    if (!MayOpenFigure(t)) return std::nullopt;
    std::string tok(Fold(t));
    std::string tail;
    if (size_t dash = tok.find('-'); dash != std::string::npos) {
      tail = tok.substr(dash + 1);
      tok = tok.substr(0, dash);
    }
    std::string digits;
    bool point = false;
    for (char c : tok) {
      if (c >= '0' && c <= '9') {
        digits += c;
      } else if (c == ',') {
        continue;
      } else if (c == '.' && !point) {
        point = true;
        digits += c;
      } else {
        return std::nullopt;
      }
    }
    if (digits.empty() || digits == ".") return std::nullopt;
    double value = std::strtod(digits.c_str(), nullptr);
    Figure f;
    f.begin = t;
    f.end = t + 1;
    if (tail.empty() && f.end < end) {
      std::string next(Fold(f.end));
      std::string next_tail;
      if (size_t dash = next.find('-'); dash != std::string::npos) {
        next_tail = next.substr(dash + 1);
        next = next.substr(0, dash);
      }
      if (auto it = lex_.scale.find(next); it != lex_.scale.end()) {
        value *= static_cast<double>(it->second);
        ++f.end;
        tail = next_tail;
      }
    } else if (auto it = lex_.scale.find(tail); it != lex_.scale.end()) {
      value *= static_cast<double>(it->second);
      tail.clear();
    }
    if (!tail.empty()) {
      if (!Is(kMemberCompound, tail)) return std::nullopt;
      f.compound = true;
    } else if (f.end + 1 < end && Fold(f.end) == "-" && Is(kMemberCompound, Fold(f.end + 1))) {
      f.compound = true;
      f.end += 2;
    }
    if (value < 1 || value > 1e10) return std::nullopt;
    f.value = static_cast<int64_t>(std::llround(value));
    return f;
  }

  // [hedge] FIGURE [one or two lower-case words] MEMBER_NOUN at t; returns the end token.
  std::optional<uint32_t> ReadCount(uint32_t t, uint32_t end, int64_t& value,
                                    bool& approximate) const {
    uint32_t h = Match(kHedge, t, end);
    approximate = h > 0;
    auto fig = ReadFigure(t + h, end);
    if (!fig || fig->compound) return std::nullopt;
    for (uint32_t skip = 0; skip <= 2; ++skip) {
      uint32_t n = fig->end + skip;
      if (n >= end) break;
      if (uint32_t k = Match(kMemberNoun, n, end)) {
        value = fig->value;
        return n + k;
      }
      std::string_view w = doc_.TokenText(n);
      if (w.empty() || !(w[0] >= 'a' && w[0] <= 'z')) break;
    }
    return std::nullopt;
  }

  void Add(FactKind kind, int32_t holder_mention, int32_t object_mention, std::string value,
           int64_t number, bool approximate, uint32_t tok_begin, uint32_t tok_end,
           const char* rule) {
    const Mention& hm = doc_.mentions[holder_mention];
    FactRecord f;
    f.kind = kind;
    f.holder = hm.actor;
    f.holder_mention = holder_mention;
    f.value = std::move(value);
    f.object = object_mention >= 0 ? doc_.mentions[object_mention].actor : -1;
    if (f.object == f.holder && kind != FactKind::kMembers) return;
    f.number = number;
    f.approximate = approximate;
    f.sentence = hm.sentence;
    f.begin = doc_.tokens[tok_begin].begin;
    f.end = doc_.tokens[tok_end - 1].end;
    f.rule = rule;
    for (const FactRecord& o : doc_.facts)
      if (o.kind == f.kind && o.holder == f.holder && o.value == f.value && o.begin == f.begin &&
          o.end == f.end)
        return;
    doc_.facts.push_back(std::move(f));
  }

  // "X's 700,000 members", "X, which represents more than 12 million workers", "X has 700,000
  // members", "X, with 1.3 million members".
  void MembersAfter(size_t m) {
    const Mention& men = doc_.mentions[m];
    if (!IsOrg(static_cast<int32_t>(m))) return;
    uint32_t end = SentenceEnd(men.token_begin);
    uint32_t t = men.token_end;
    int64_t value = 0;
    bool approx = false;
    uint32_t p = SkipPossessive(t, end);
    if (p > t) {
      if (auto e = ReadCount(p, end, value, approx))
        Add(FactKind::kMembers, static_cast<int32_t>(m), -1, std::to_string(value), value, approx,
            men.token_begin, *e, "possessive");
      return;
    }
    if (men.kind == MentionKind::kPronoun) return;
    bool comma = t < end && doc_.TokenText(t) == ",";
    if (comma) ++t;
    if (comma) t += Match(kRelative, t, end);
    uint32_t v = Match(kCountVerb, t, end);
    if (v == 0) return;
    if (auto e = ReadCount(t + v, end, value, approx))
      Add(FactKind::kMembers, static_cast<int32_t>(m), -1, std::to_string(value), value, approx,
          men.token_begin, *e, comma ? "relative" : "verb");
  }

  // "the 1.6 million-member union", "the 700,000-strong Teamsters".
  void MembersCompound() {
    for (const Sentence& s : doc_.sentences) {
      // The first token at or after t that may open a figure: a hedge is worth trying at t only
      // if one comes within a hedge's length.
      std::vector<uint32_t> next_figure(s.token_end - s.token_begin + 1, s.token_end);
      for (uint32_t t = s.token_end; t-- > s.token_begin;)
        next_figure[t - s.token_begin] = MayOpenFigure(t) ? t : next_figure[t + 1 - s.token_begin];
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        if (next_figure[t - s.token_begin] > t + lex_.longest[kHedge]) continue;
        uint32_t h = Match(kHedge, t, s.token_end);
        auto fig = ReadFigure(t + h, s.token_end);
        if (!fig || !fig->compound) continue;
        // The mention holding the figure, or starting within two words after it.
        int32_t holder = -1;
        for (size_t m = 0; m < doc_.mentions.size() && holder < 0; ++m) {
          const Mention& men = doc_.mentions[m];
          if (men.token_begin <= fig->begin && men.token_end >= fig->end &&
              men.token_end > fig->end)
            holder = static_cast<int32_t>(m);
        }
        for (uint32_t k = fig->end; holder < 0 && k < fig->end + 3 && k < s.token_end; ++k) {
          int32_t at = MentionAt(k);
          if (at >= 0) {
            holder = at;
            break;
          }
          std::string_view w = doc_.TokenText(k);
          if (w.empty() || !(w[0] >= 'a' && w[0] <= 'z')) break;
        }
        if (holder < 0 || !IsOrg(holder) || doc_.mentions[holder].kind == MentionKind::kPronoun)
          continue;
        const Mention& hm = doc_.mentions[holder];
        Add(FactKind::kMembers, holder, -1, std::to_string(fig->value), fig->value, h > 0,
            std::min(t, hm.token_begin), std::max(fig->end, hm.token_end), "compound");
        t = fig->end - 1;
      }
    }
  }

  // "CWA President Chris Shelton", "the union's president, Jane Doe".
  void RoleFromTitle(size_t m) {
    int32_t org = static_cast<int32_t>(m);
    if (!IsOrg(org)) return;
    const Mention& o = doc_.mentions[m];
    uint32_t end = SentenceEnd(o.token_begin);
    uint32_t t = SkipPossessive(o.token_end, end);
    bool possessive = t > o.token_end;
    if (o.kind == MentionKind::kPronoun && !possessive) return;
    uint32_t k = Match(kRoleTitle, t, end);
    if (k == 0) return;
    uint32_t p = t + k;
    if (possessive && p < end && doc_.TokenText(p) == ",") ++p;
    int32_t person = MentionAt(p);
    if (!IsPerson(person)) return;
    const Mention& pm = doc_.mentions[person];
    Add(FactKind::kRole, person, org, std::string(doc_.SpanText(t, t + k)), 0, false, o.token_begin,
        pm.token_end, "title");
  }

  // "Shelton, president of the CWA", "Shelton, the CWA's president".
  void RoleFromApposition(size_t m) {
    int32_t person = static_cast<int32_t>(m);
    if (!IsPerson(person)) return;
    const Mention& pm = doc_.mentions[m];
    uint32_t end = SentenceEnd(pm.token_begin);
    uint32_t t = pm.token_end;
    if (t >= end || doc_.TokenText(t) != ",") return;
    ++t;
    t += Match(kRoleDet, t, end);
    // Title first: "president of the CWA".
    if (uint32_t k = Match(kRoleTitle, t, end)) {
      uint32_t q = t + k;
      uint32_t prep = Match(kRolePrep, q, end);
      if (prep == 0) return;
      q += prep;
      if (q < end && Fold(q) == "the") ++q;
      int32_t org = MentionAt(q);
      if (!IsOrg(org) || doc_.mentions[org].kind == MentionKind::kPronoun) return;
      Add(FactKind::kRole, person, org, std::string(doc_.SpanText(t, t + k)), 0, false,
          pm.token_begin, doc_.mentions[org].token_end, "apposition");
      return;
    }
    // Organization first: "the CWA's president".
    int32_t org = MentionAt(t);
    if (!IsOrg(org) || doc_.mentions[org].kind == MentionKind::kPronoun) return;
    const Mention& o = doc_.mentions[org];
    uint32_t q = SkipPossessive(o.token_end, end);
    if (q == o.token_end) return;
    uint32_t k = Match(kRoleTitle, q, end);
    if (k == 0) return;
    Add(FactKind::kRole, person, org, std::string(doc_.SpanText(q, q + k)), 0, false,
        pm.token_begin, q + k, "apposition");
  }

  // "X, another AFL-CIO member", "X, an AFL-CIO affiliate", "X, part of the AFL-CIO",
  // "X, which is affiliated with the TUC".
  void AffiliationAfter(size_t m) {
    int32_t member = static_cast<int32_t>(m);
    if (!IsOrg(member) || doc_.mentions[m].kind == MentionKind::kPronoun) return;
    const Mention& men = doc_.mentions[m];
    uint32_t end = SentenceEnd(men.token_begin);
    uint32_t t = men.token_end;
    if (t >= end || doc_.TokenText(t) != ",") return;
    ++t;
    if (uint32_t d = Match(kAffiliateDet, t, end)) {
      int32_t parent = MentionAt(t + d);
      if (IsParent(parent)) {
        uint32_t q = doc_.mentions[parent].token_end;
        if (uint32_t n = Match(kAffiliateNoun, q, end)) {
          Add(FactKind::kAffiliation, member, parent, Name(parent), 0, false, men.token_begin,
              q + n, "apposition");
          return;
        }
      }
    }
    uint32_t link = Match(kAffiliateLink, t, end);
    if (link == 0) {
      uint32_t r = Match(kRelative, t, end);
      if (r == 0) return;
      t += r;
      // "which is part of", "that are members of": a copula before the link.
      if (t < end && (Fold(t) == "is" || Fold(t) == "are" || Fold(t) == "was")) ++t;
      link = Match(kAffiliateLink, t, end);
      if (link == 0) return;
    }
    uint32_t q = t + link;
    if (q < end && Fold(q) == "the") ++q;
    int32_t parent = MentionAt(q);
    if (!IsParent(parent)) return;
    Add(FactKind::kAffiliation, member, parent, Name(parent), 0, false, men.token_begin,
        doc_.mentions[parent].token_end, "link");
  }

  // "AFL-CIO affiliate CWA", "the AFL-CIO member union UNITE HERE".
  void AffiliationBefore(size_t m) {
    int32_t parent = static_cast<int32_t>(m);
    if (!IsParent(parent)) return;
    const Mention& pm = doc_.mentions[m];
    uint32_t end = SentenceEnd(pm.token_begin);
    uint32_t n = Match(kAffiliateNoun, pm.token_end, end);
    if (n == 0) return;
    int32_t member = MentionAt(pm.token_end + n);
    if (!IsOrg(member) || doc_.mentions[member].kind == MentionKind::kPronoun) return;
    Add(FactKind::kAffiliation, member, parent, Name(parent), 0, false, pm.token_begin,
        doc_.mentions[member].token_end, "prenominal");
  }

  std::string Name(int32_t m) const { return doc_.actors[doc_.mentions[m].actor].name; }

  const FactFinder::Lexicon& lex_;
  Document& doc_;
  std::vector<int32_t> starts_;  // token -> first mention starting there, or -1
};

}  // namespace

FactFinder::FactFinder(std::unique_ptr<Lexicon> lexicon) : lex_(std::move(lexicon)) {}
FactFinder::~FactFinder() = default;

Result<std::unique_ptr<FactFinder>> FactFinder::Create(const std::string& lexicon_dir) {
  const std::string path = lexicon_dir + "/facts.tsv";
  auto rows = core::ReadTsv(path, 2);
  if (!rows.ok()) return rows.status();
  auto lex = std::make_unique<Lexicon>();
  for (const core::TsvRow& row : *rows) {
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    const std::string& cls = row.fields[0];
    auto known = std::find(std::begin(kClasses), std::end(kClasses), cls);
    if (known == std::end(kClasses))
      return Status::InvalidInput(where + "unknown class '" + cls + "'");
    const auto c = static_cast<size_t>(known - std::begin(kClasses));
    Words words = SplitWords(core::Fold(row.fields[1]));
    if (words.empty()) return Status::InvalidInput(where + "empty phrase");
    if (cls == "scale") {
      if (words.size() != 1 || row.fields.size() < 3)
        return Status::InvalidInput(where + "a scale row needs one word and its value");
      char* stop = nullptr;
      long long v = std::strtoll(row.fields[2].c_str(), &stop, 10);
      if (row.fields[2].empty() || *stop != '\0' || v <= 0)
        return Status::InvalidInput(where + "scale value '" + row.fields[2] +
                                    "' is not a positive whole number");
      lex->scale[words[0]] = v;
    } else if (row.fields.size() > 2 && !row.fields[2].empty()) {
      return Status::InvalidInput(where + "only scale rows take a third field");
    }
    lex->first_words[c].insert(words[0]);
    lex->longest[c] = std::max(lex->longest[c], static_cast<uint32_t>(words.size()));
    lex->phrases[c].push_back(std::move(words));
  }
  for (auto& list : lex->phrases)
    std::stable_sort(list.begin(), list.end(),
                     [](const Words& a, const Words& b) { return a.size() > b.size(); });
  return std::unique_ptr<FactFinder>(new FactFinder(std::move(lex)));
}

Status FactFinder::Process(Document& doc) const {
  DocFacts(*lex_, doc).Run();
  return Status::Ok();
}

void AppendFactJsonl(const Document& doc, std::string& out) {
  const std::string& raw = doc.article.text;
  // Raw code-point offsets of cleaned byte span [b, e), as the stance lines give them.
  auto raw_span = [&](uint32_t b, uint32_t e, size_t& cb, size_t& ce) {
    uint32_t rb = doc.offsets.ToRaw(b);
    uint32_t re = e > b ? doc.offsets.ToRaw(e - 1) + 1 : rb;
    if (rb > raw.size()) rb = static_cast<uint32_t>(raw.size());
    if (re > raw.size() || re < rb) re = rb;
    cb = core::CountCodePoints(std::string_view(raw).substr(0, rb));
    ce = cb + core::CountCodePoints(std::string_view(raw).substr(rb, re - rb));
    return raw.substr(rb, re - rb);
  };
  for (const FactRecord& f : doc.facts) {
    size_t cb = 0, ce = 0, sb = 0, se = 0;
    std::string evidence = raw_span(f.begin, f.end, cb, ce);
    const Sentence& s = doc.sentences[f.sentence];
    std::string sentence = raw_span(s.begin, s.end, sb, se);
    nlohmann::ordered_json j;
    j["type"] = "fact";
    j["doc"] = doc.article.id;
    j["holder"] = doc.actors[f.holder].name;
    j["holder_kind"] = ToString(doc.actors[f.holder].kind);
    j["kind"] = FactKindName(f.kind);
    j["value"] = f.value;
    j["object"] =
        f.object >= 0 ? nlohmann::json(doc.actors[f.object].name) : nlohmann::json(nullptr);
    j["object_kind"] = f.object >= 0 ? nlohmann::json(ToString(doc.actors[f.object].kind))
                                     : nlohmann::json(nullptr);
    if (f.kind == FactKind::kMembers) {
      j["number"] = f.number;
      j["approximate"] = f.approximate;
    }
    j["published"] = doc.date ? nlohmann::json(doc.date->ToString()) : nlohmann::json(nullptr);
    j["sentence"] = sentence;
    j["evidence"] = evidence;
    j["evidence_start"] = cb;
    j["evidence_end"] = ce;
    j["source"] = doc.article.source;
    j["rule"] = f.rule;
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += '\n';
  }
}

}  // namespace whipcount::facts
