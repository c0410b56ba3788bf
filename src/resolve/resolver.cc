#include "resolve/resolver.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>

#include "core/tsv.h"
#include "core/utf8.h"
#include "date/dater.h"
#include "mentions/mentions.h"
#include "mentions/mentions_internal.h"

namespace whipcount::resolve {
namespace {

using mentions::NormWords;

// Last word of a name, for surname matching ("Chris Shelton" -> "shelton").
std::string LastWord(const std::string& name) {
  std::string n = NormWords(name);
  size_t sp = n.rfind(' ');
  std::string last = sp == std::string::npos ? n : n.substr(sp + 1);
  if ((last == "jr" || last == "sr" || last == "ii" || last == "iii") && sp != std::string::npos) {
    std::string rest = n.substr(0, sp);
    size_t sp2 = rest.rfind(' ');
    return sp2 == std::string::npos ? rest : rest.substr(sp2 + 1);
  }
  return last;
}

// The digits of a name in order ("Proposition 22" -> "22"): near spellings must keep them.
std::string Digits(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

// True when the space-separated words of `words` include `word`.
bool HasWord(const std::string& words, const std::string& word) {
  size_t pos = 0;
  while ((pos = words.find(word, pos)) != std::string::npos) {
    bool starts = pos == 0 || words[pos - 1] == ' ';
    bool ends = pos + word.size() == words.size() || words[pos + word.size()] == ' ';
    if (starts && ends) return true;
    pos += 1;
  }
  return false;
}

// Initials of the capitalised words of a name: "National Union of Healthcare Workers" -> "NUHW".
std::string Initials(const std::string& name) {
  std::string out;
  bool start = true;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '-' || c == ',') {
      start = true;
      continue;
    }
    if (start && c >= 'A' && c <= 'Z') out += static_cast<char>(c);
    start = false;
  }
  return out;
}

// Edit distance with adjacent transpositions counted as one edit ("ALF" / "AFL"), capped.
int EditDistance(const std::string& a, const std::string& b, int cap) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > cap) return cap + 1;
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int best = d[i][0];
    for (size_t j = 1; j <= b.size(); ++j) {
      int v =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      best = std::min(best, v);
    }
    if (best > cap) return cap + 1;
  }
  return d[a.size()][b.size()];
}

int AllowedEdits(const std::string& norm) {
  if (norm.size() >= 14) return 2;
  if (norm.size() >= 7) return 1;
  return 0;
}

class DocResolver {
 public:
  DocResolver(const kb::KnowledgeBase& kb, const std::unordered_map<std::string, char>& gender,
              const core::StringSet& reporting, const core::StringSet& titles,
              const std::unordered_map<int32_t, std::vector<kb::DateRange>>& nominee,
              const std::unordered_map<int32_t, std::vector<size_t>>& descriptions_of,
              Document& doc)
      : kb_(kb),
        gender_(gender),
        reporting_(reporting),
        titles_(titles),
        nominee_(nominee),
        descriptions_of_(descriptions_of),
        doc_(doc) {}

  void Run() {
    region_ = ArticleRegion();
    // Names and descriptions first, then third-person pronouns (which need the names around
    // them, after them too for a quotation's speaker), then first-person words in quotations.
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t m = 0; m < doc_.mentions.size(); ++m) {
        Mention& men = doc_.mentions[m];
        if (men.flags & (Mention::kSpeaker | Mention::kSpeakerOrg)) continue;
        if ((men.kind == MentionKind::kPronoun) != (pass == 1)) continue;
        men.actor = ResolveOne(m);
        if (men.actor >= 0) {
          NoteGender(m);
          NoteAffiliation(m);
        }
      }
    }
    for (size_t m = 0; m < doc_.mentions.size(); ++m) {
      Mention& men = doc_.mentions[m];
      if (!(men.flags & (Mention::kSpeaker | Mention::kSpeakerOrg))) continue;
      int32_t speaker = FindSpeaker(men.sentence);
      if (men.flags & Mention::kSpeaker) {
        men.actor = speaker;
      } else {
        int32_t org = speaker >= 0 ? doc_.actors[speaker].org : -1;
        men.actor = org >= 0 ? org : SalientOrg(men.sentence);
      }
    }
  }

 private:
  int32_t ActorForKb(int32_t kb_index) {
    auto it = by_kb_.find(kb_index);
    if (it != by_kb_.end()) return it->second;
    const auto& a = kb_.actors()[kb_index];
    doc_.actors.push_back(DocActor{a.name, a.kind, kb_index, -1});
    int32_t id = static_cast<int32_t>(doc_.actors.size() - 1);
    if (doc_.date) {
      if (auto n = nominee_.find(kb_index); n != nominee_.end())
        for (const kb::DateRange& r : n->second)
          if (r.Contains(doc_.date)) doc_.actors.back().nominee = true;
    }
    by_kb_[kb_index] = id;
    by_name_[NormWords(a.name)] = id;
    return id;
  }

  // NormWords of actor a's name and its LastWord, computed once per actor (the loops over
  // actors and earlier mentions ask for them often).
  const std::string& ActorNorm(size_t a) {
    FillActorNames(a);
    return actor_norm_[a];
  }
  const std::string& ActorLastWord(size_t a) {
    FillActorNames(a);
    return actor_last_[a];
  }
  void FillActorNames(size_t a) {
    while (actor_norm_.size() <= a) {
      const std::string& name = doc_.actors[actor_norm_.size()].name;
      actor_norm_.push_back(NormWords(name));
      actor_last_.push_back(LastWord(name));
    }
  }

  int32_t NewActor(const std::string& name, ActorKind kind) {
    std::string key = NormWords(name);
    auto it = by_name_.find(key);
    if (it != by_name_.end()) return it->second;
    doc_.actors.push_back(DocActor{name, kind, -1, -1});
    int32_t id = static_cast<int32_t>(doc_.actors.size() - 1);
    by_name_[key] = id;
    return id;
  }

  // An earlier person of the article with this last name.
  int32_t SurnameInArticle(size_t m, const std::string& norm) {
    for (size_t k = m; k-- > 0;) {
      const Mention& o = doc_.mentions[k];
      if (o.actor < 0 || doc_.actors[o.actor].kind != ActorKind::kPerson) continue;
      if (ActorLastWord(static_cast<size_t>(o.actor)) == norm) return o.actor;
    }
    return -1;
  }

  // The actor of the latest mention before `m` (within `max_sentences` sentences) that fits.
  int32_t RecentOfKind(size_t m, ActorKind kind, bool orgs, uint32_t max_sentences) {
    uint32_t s = doc_.mentions[m].sentence;
    for (size_t k = m; k-- > 0;) {
      const Mention& o = doc_.mentions[k];
      if (o.sentence + max_sentences < s) break;
      if (o.actor < 0 || o.kind == MentionKind::kPronoun) continue;
      ActorKind ak = doc_.actors[o.actor].kind;
      if (orgs ? IsOrganization(ak) : ak == kind) return o.actor;
      if (kind == ActorKind::kUnion && ak == ActorKind::kFederation) continue;
    }
    return -1;
  }

  // The knowledge-base region most of the article's unambiguous names come from ("Labor" and
  // "the Voice" make an article Australian), or -1 when none leads.
  int ArticleRegion() const {
    std::array<int, 10> votes{};
    for (const Mention& men : doc_.mentions) {
      if (men.candidates.empty()) continue;
      const int r = kb_.actors()[men.candidates[0]].region;
      bool one = r >= 0;
      for (int32_t c : men.candidates) one = one && kb_.actors()[c].region == r;
      if (one) ++votes[r];
    }
    int best = -1, best_votes = 0;
    bool tie = false;
    for (int r = 0; r < 10; ++r) {
      if (votes[r] > best_votes) {
        best = r;
        best_votes = votes[r];
        tie = false;
      } else if (votes[r] > 0 && votes[r] == best_votes) {
        tie = true;
      }
    }
    return tie ? -1 : best;
  }

  // The candidate a name takes with no other clue: the first of the article's region, else the
  // first (the knowledge base lists them in load order).
  int32_t FirstCandidate(const std::vector<int32_t>& kb_candidates) const {
    for (int32_t c : kb_candidates)
      if (region_ >= 0 && kb_.actors()[c].region == region_) return c;
    return kb_candidates[0];
  }

  int32_t MostRecentAmong(size_t m, const std::vector<int32_t>& kb_candidates) {
    for (size_t k = m; k-- > 0;) {
      const Mention& o = doc_.mentions[k];
      if (o.actor < 0) continue;
      int32_t kbi = doc_.actors[o.actor].kb_index;
      if (kbi >= 0 &&
          std::find(kb_candidates.begin(), kb_candidates.end(), kbi) != kb_candidates.end())
        return o.actor;
    }
    return -1;
  }

  int32_t FuzzyDoc(const std::string& norm, ActorKind kind) {
    int allowed = AllowedEdits(norm);
    if (allowed == 0) return -1;
    for (size_t a = 0; a < doc_.actors.size(); ++a) {
      if (kind == ActorKind::kPerson && doc_.actors[a].kind != ActorKind::kPerson) continue;
      if (Digits(norm) != Digits(doc_.actors[a].name)) continue;
      if (EditDistance(norm, ActorNorm(a), allowed) <= allowed) return static_cast<int32_t>(a);
    }
    return -1;
  }

  // "Nevada's branch of the Service Employees International Union", "the Ohio chapter of the
  // AFL-CIO": the organization's affiliate (in the knowledge base) named after the place, or -1.
  int32_t BranchOf(size_t m, int32_t org_kb) {
    const Mention& men = doc_.mentions[m];
    const uint32_t begin = doc_.sentences[men.sentence].token_begin;
    uint32_t k = men.token_begin;
    if (k > begin && doc_.Folded(k - 1) == "the") --k;
    if (k < begin + 3 || doc_.Folded(k - 1) != "of") return -1;
    static const core::StringSet kParts = {"branch", "chapter", "affiliate", "local",
                                           "arm",    "unit",    "division",  "wing"};
    if (!kParts.count(doc_.Folded(k - 2))) return -1;
    uint32_t place = k - 3;  // "Nevada 's branch" or "the Nevada branch"
    if (doc_.Folded(place) == "'s" && place > begin) --place;
    std::string_view word = doc_.TokenText(place);
    if (!mentions::IsCapitalized(word)) return -1;
    std::string want(1, ' ');
    want.append(NormWords(std::string(word))).push_back(' ');
    for (int32_t a : kb_.AffiliatesOf(org_kb, doc_.date)) {
      std::string name(1, ' ');
      name.append(NormWords(kb_.actors()[a].name)).push_back(' ');
      if (name.find(want) != std::string::npos) return ActorForKb(a);
    }
    return -1;
  }

  int32_t ResolveOne(size_t m) {
    Mention& men = doc_.mentions[m];
    std::string text(doc_.SpanText(men.token_begin, men.token_end));
    std::string norm = NormWords(text);
    switch (men.kind) {
      case MentionKind::kName:
      case MentionKind::kAcronym: {
        if (!men.candidates.empty()) {
          if (int32_t branch = BranchOf(m, FirstCandidate(men.candidates)); branch >= 0) {
            men.flags |= Mention::kBranch;
            return branch;
          }
          int32_t recent = MostRecentAmong(m, men.candidates);
          if (recent >= 0) return recent;
          const int32_t first = FirstCandidate(men.candidates);
          if (men.token_end == men.token_begin + 1 &&
              kb_.actors()[first].kind == ActorKind::kPerson) {
            int32_t named = SurnameInArticle(m, norm);
            if (named >= 0) return named;
          }
          return ActorForKb(first);
        }
        if (men.kind == MentionKind::kAcronym) {
          int32_t near = FuzzyDoc(norm, ActorKind::kUnknown);
          if (near >= 0) return near;
          // A misspelt acronym ("AFSMCE"): one edit from a knowledge-base one.
          if (text.size() >= 5) {
            auto fuzzy = kb_.FindFuzzy(text, 1);
            if (!fuzzy.empty()) return ActorForKb(fuzzy[0]);
          }
          for (size_t a = 0; a < doc_.actors.size(); ++a)
            if (Initials(doc_.actors[a].name) == text) return static_cast<int32_t>(a);
          auto it = by_name_.find(norm);
          if (it != by_name_.end()) return it->second;
          return NewActor(text, ActorKind::kGroup);
        }
        auto exact = by_name_.find(norm);
        if (exact != by_name_.end()) return exact->second;
        int allowed = AllowedEdits(norm);
        if (allowed > 0) {
          auto fuzzy = kb_.FindFuzzy(text, allowed);
          for (int32_t f : fuzzy)
            if (Digits(kb_.actors()[f].name) == Digits(text)) return ActorForKb(f);
        }
        int32_t near = FuzzyDoc(norm, men.actor_kind);
        if (near >= 0) return near;
        if (men.actor_kind == ActorKind::kPerson) {
          // "Bernie Sanders" after "Sanders" was matched to nobody: keep one actor per person.
          std::string last = LastWord(text);
          for (size_t a = 0; a < doc_.actors.size(); ++a)
            if (doc_.actors[a].kind == ActorKind::kPerson && ActorNorm(a) == last)
              return static_cast<int32_t>(a);
        }
        return NewActor(text, men.actor_kind);
      }
      case MentionKind::kSurname: {
        int32_t named = SurnameInArticle(m, norm);
        if (named >= 0) return named;
        auto cands = kb_.FindByName(text);
        cands.erase(
            std::remove_if(cands.begin(), cands.end(),
                           [&](int32_t c) { return kb_.actors()[c].kind != ActorKind::kPerson; }),
            cands.end());
        if (!cands.empty()) {
          int32_t recent = MostRecentAmong(m, cands);
          return recent >= 0 ? recent : ActorForKb(FirstCandidate(cands));
        }
        if (men.flags & Mention::kTitled) return NewActor(text, ActorKind::kPerson);
        return -1;
      }
      case MentionKind::kDescription: {
        // "National Nurses United, the nurses' group that ..." names the same actor.
        if (m > 0) {
          const Mention& prev = doc_.mentions[m - 1];
          uint32_t t = men.token_begin;
          if (prev.actor >= 0 && prev.sentence == men.sentence && t >= 2 &&
              prev.token_end + 2 == t && doc_.TokenText(t - 2) == "," &&
              doc_.Folded(t - 1) == "the" && prev.kind != MentionKind::kPronoun &&
              (doc_.actors[prev.actor].kind == ActorKind::kPerson) ==
                  (men.actor_kind == ActorKind::kPerson))
            return prev.actor;
        }
        // "when Hillary Clinton was the Democratic nominee": a predicate names its subject.
        if (m > 0) {
          const Mention& prev = doc_.mentions[m - 1];
          const uint32_t t = men.token_begin;
          if (prev.actor >= 0 && prev.sentence == men.sentence && t >= 2 &&
              prev.token_end + 2 == t && prev.kind != MentionKind::kPronoun &&
              doc_.Folded(t - 1) == "the" &&
              (doc_.Folded(t - 2) == "is" || doc_.Folded(t - 2) == "was") &&
              (doc_.actors[prev.actor].kind == ActorKind::kPerson) ==
                  (men.actor_kind == ActorKind::kPerson))
            return prev.actor;
        }
        // "The Republican leader, Senator Mitch McConnell, said": the name set off after it.
        if (m + 1 < doc_.mentions.size()) {
          const Mention& next = doc_.mentions[m + 1];
          const uint32_t after = men.token_end;
          uint32_t start = after + 1;
          if (start < next.title_begin && doc_.Folded(start) == "the") ++start;
          const bool closes =
              next.token_end < doc_.tokens.size() &&
              (doc_.TokenText(next.token_end) == "," ||
               (std::islower(static_cast<unsigned char>(doc_.TokenText(next.token_end)[0])) &&
                doc_.Folded(next.token_end) != "and" && doc_.Folded(next.token_end) != "or"));
          if (next.sentence == men.sentence && next.kind != MentionKind::kPronoun &&
              next.kind != MentionKind::kDescription && after < doc_.tokens.size() &&
              doc_.TokenText(after) == "," && next.title_begin == start && closes &&
              (next.actor_kind == ActorKind::kPerson) == (men.actor_kind == ActorKind::kPerson)) {
            const int32_t named = ResolveOne(m + 1);
            if (named >= 0) return named;
          }
        }
        if (!men.candidates.empty()) {
          int32_t recent = MostRecentAmong(m, men.candidates);
          return recent >= 0 ? recent : ActorForKb(FirstCandidate(men.candidates));
        }
        return ResolveGenericDescription(m);
      }
      case MentionKind::kPronoun: {
        if (men.actor_kind == ActorKind::kPerson) return ResolvePersonPronoun(m);
        // "told readers they could ...": "they" are the readers just named; so are "voters
        // (who) say they ...".
        if ((men.flags & Mention::kPlural) && men.token_begin > 0) {
          // People in the plural: a lower-case noun ("readers"), or a capitalised one counted
          // as a share ("17 percent of Democrats", "most Republicans"); not a named group
          // ("the Teamsters said they").
          auto plural_word = [&](uint32_t q) {
            std::string_view w = doc_.Folded(q);
            if (w.size() <= 3 || w.back() != 's' || w == "was" || w == "has" || w == "does" ||
                w == "is" || doc_.tokens[q].sentence != men.sentence)
              return false;
            const char first = doc_.TokenText(q).empty() ? 0 : doc_.TokenText(q)[0];
            if (first >= 'a' && first <= 'z') return true;
            static const core::StringSet kShare = {"percent", "%",   "most",     "many",
                                                   "some",    "few", "majority", "share"};
            for (uint32_t k = q; k-- > 0 && k + 4 >= q && doc_.tokens[k].sentence == men.sentence;)
              if (kShare.count(doc_.Folded(k))) return true;
            return false;
          };
          uint32_t p = men.token_begin - 1;
          if (doc_.Folded(p) == "that" && p > 0) --p;
          if (plural_word(p)) return -1;
          if (p > 1 && reporting_.count(doc_.Folded(p))) {
            uint32_t q = p - 1;
            if (doc_.Folded(q) == "who" || doc_.Folded(q) == "that") --q;
            if (plural_word(q)) return -1;
            // "48 percent said they", "36% said they": a share of people polled.
            const std::string_view share = doc_.Folded(q);
            if (share == "percent" || share == "%" || share == "majority") return -1;
          }
        }
        // "its president", "its executive board": only an organization has officers.
        bool officer = false;
        for (uint32_t t = men.token_end; t < men.token_end + 2 && t < doc_.tokens.size(); ++t)
          if (titles_.count(doc_.Folded(t))) officer = true;
        return Anaphor(m, [&](const Mention& o) {
          ActorKind k = doc_.actors[o.actor].kind;
          return IsOrganization(k) || (IsIssue(k) && !(men.flags & Mention::kPlural) && !officer);
        });
      }
    }
    return -1;
  }

  // A person's organization, from a title ("CWA President Chris Shelton"), an apposition
  // ("X, the president of Y", "X, spokesperson for Y"), or the knowledge base's roles.
  void NoteAffiliation(size_t m) {
    const Mention& men = doc_.mentions[m];
    DocActor& actor = doc_.actors[men.actor];
    if (actor.kind != ActorKind::kPerson || actor.org >= 0) return;
    if (men.kind == MentionKind::kPronoun) return;
    // Title run that holds an organization just before it.
    if (m > 0) {
      const Mention& prev = doc_.mentions[m - 1];
      if (prev.actor >= 0 && IsOrganization(doc_.actors[prev.actor].kind) &&
          prev.token_end == men.title_begin && men.title_begin < men.token_begin) {
        actor.org = prev.actor;
        return;
      }
    }
    // Apposition after the name: ", the ... of|for ORG" within a few tokens.
    if (m + 1 < doc_.mentions.size()) {
      const Mention& next = doc_.mentions[m + 1];
      if (next.sentence == men.sentence && next.token_begin > men.token_end &&
          next.token_begin - men.token_end <= 8 && doc_.TokenText(men.token_end) == ",") {
        bool of = false;
        for (uint32_t t = men.token_end; t < next.token_begin; ++t) {
          std::string_view f = doc_.Folded(t);
          if (f == "of" || f == "for" || f == "at") of = true;
        }
        if (of && !next.candidates.empty()) {
          int32_t kbi = FirstCandidate(next.candidates);
          if (IsOrganization(kb_.actors()[kbi].kind)) {
            int32_t org = ActorForKb(kbi);  // may grow doc_.actors: index again
            doc_.actors[men.actor].org = org;
            return;
          }
        }
      }
    }
    if (actor.kb_index >= 0) {
      for (const auto& role : kb_.RolesOf(actor.kb_index)) {
        if (role.org >= 0 && role.valid.Contains(doc_.date)) {
          int32_t org = ActorForKb(role.org);  // may grow doc_.actors: index again
          doc_.actors[men.actor].org = org;
          return;
        }
      }
    }
  }

  // The first organization (not a news outlet) named in sentence s or the nearest one before.
  int32_t SalientOrg(uint32_t s) {
    for (uint32_t back = 0; back <= 2 && back <= s; ++back) {
      for (const Mention& o : doc_.mentions) {
        if (o.sentence != s - back || o.actor < 0) continue;
        ActorKind k = doc_.actors[o.actor].kind;
        if (IsOrganization(k) && k != ActorKind::kNewspaper) return o.actor;
      }
    }
    return -1;
  }

  // The person a quotation in sentence `s` is attributed to: the person next to a reporting
  // verb outside the quotation ("X said", "said spokesperson X", "he wrote"), else a person
  // named outside the quotation in that sentence, the next one, or the one before.
  int32_t FindSpeaker(uint32_t s) {
    const Sentence& sent = doc_.sentences[s];
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
      if (!reporting_.count(doc_.Folded(t))) continue;
      for (size_t k = 0; k < doc_.mentions.size(); ++k) {
        Mention& o = doc_.mentions[k];
        if (o.sentence != s || (o.flags & Mention::kQuoted)) continue;
        bool before = o.token_end == t;
        bool after = o.title_begin == t + 1 || o.token_begin == t + 1;
        if (!before && !after) continue;
        if (o.actor < 0 && o.kind == MentionKind::kPronoun && o.actor_kind == ActorKind::kPerson &&
            !(o.flags & (Mention::kSpeaker | Mention::kSpeakerOrg)))
          o.actor = ResolvePersonPronoun(k);
        if (o.actor >= 0 && doc_.actors[o.actor].kind == ActorKind::kPerson) return o.actor;
      }
    }
    for (int delta : {0, 1, -1}) {
      int64_t t = static_cast<int64_t>(s) + delta;
      if (t < 0 || t >= static_cast<int64_t>(doc_.sentences.size())) continue;
      for (const Mention& o : doc_.mentions) {
        if (o.sentence != t || o.actor < 0 || (o.flags & Mention::kQuoted)) continue;
        if (doc_.actors[o.actor].kind == ActorKind::kPerson) return o.actor;
      }
    }
    return -1;
  }

  // A person's gender, from the first word of the name or a title before the mention.
  void NoteGender(size_t m) {
    const Mention& men = doc_.mentions[m];
    DocActor& actor = doc_.actors[men.actor];
    if (actor.kind != ActorKind::kPerson || actor.gender || men.kind == MentionKind::kPronoun)
      return;
    for (uint32_t t = men.title_begin; t < men.token_begin; ++t) {
      auto it = gender_.find(std::string(doc_.TokenText(t)));
      if (it != gender_.end()) {
        actor.gender = it->second;
        return;
      }
    }
    std::string first = actor.name.substr(0, actor.name.find(' '));
    auto it = gender_.find(first);
    if (it != gender_.end()) actor.gender = it->second;
  }

  // he/she: a person of that gender named earlier in the sentence (the latest), else the first
  // one named in the nearest sentence before that names one (the subject is the likeliest
  // antecedent).
  int32_t ResolvePersonPronoun(size_t m) {
    const Mention& men = doc_.mentions[m];
    std::string_view w = doc_.Folded(men.token_begin);
    char want = (w == "she" || w == "her" || w == "hers" || w == "herself") ? 'f' : 'm';
    // Inside a quotation, "he" and "she" are not the speaker (who would say "I").
    int32_t speaker = (men.flags & Mention::kQuoted) ? FindSpeaker(men.sentence) : -1;
    // An object pronoun is not the subject of its own clause ("Fain calling him").
    bool object = w == "him" || w == "her" || w == "them";
    auto fits = [&](const Mention& o) {
      const DocActor& a = doc_.actors[o.actor];
      // '"I will not vote for Donald Trump," he said': the speaker is not whom he names.
      if (!(men.flags & Mention::kQuoted) && (o.flags & Mention::kQuoted) &&
          o.sentence == men.sentence)
        return false;
      if (object && o.sentence == men.sentence && o.token_end < men.token_begin &&
          men.token_begin - o.token_end <= 2) {
        bool verb_between = true;
        for (uint32_t t = o.token_end; t < men.token_begin; ++t) {
          std::string_view tok = doc_.TokenText(t);
          if (tok.empty() || mentions::IsCapitalized(tok) ||
              !std::isalpha(static_cast<unsigned char>(tok[0])))
            verb_between = false;
        }
        if (verb_between) return false;
      }
      if (object && o.sentence == men.sentence && ClauseSubject(o) &&
          !ClauseOpensBetween(o.token_end, men.token_begin))
        return false;
      return a.kind == ActorKind::kPerson && (a.gender == 0 || a.gender == want) &&
             o.actor != speaker;
    };
    // "X never endorsed Y, and he called on Y to ...": a subject pronoun opening a coordinated
    // clause continues the subject of the clause before, not its latest name; so does one that
    // opens what the subject reports ("X dropped Y, saying that he could not back him").
    if (!object && men.token_begin > doc_.sentences[men.sentence].token_begin) {
      std::string_view before = doc_.Folded(men.token_begin - 1);
      uint32_t at = men.token_begin - 1;
      if (before == "that" && at > doc_.sentences[men.sentence].token_begin)
        before = doc_.Folded(--at);
      // "said Saturday that he", "said on Monday he": when, between the verb and its clause.
      static const core::StringSet kWhen = {"today",   "yesterday", "tonight",  "night",
                                            "morning", "afternoon", "evening", "on"};
      while ((kWhen.count(before) || date::IsWeekdayName(doc_.TokenText(at))) &&
             at > doc_.sentences[men.sentence].token_begin + 1)
        before = doc_.Folded(--at);
      // "Y, who said he ...": the relative clause reports its own head's words.
      const bool reported = reporting_.count(before) &&
                            !(at > doc_.sentences[men.sentence].token_begin &&
                              (doc_.Folded(at - 1) == "who" || doc_.Folded(at - 1) == "which"));
      // "X endorsed Y, throwing his support behind him": a participle set off after the main
      // clause has its subject.
      const bool participle = at > doc_.sentences[men.sentence].token_begin &&
                              before.size() > 4 && before.ends_with("ing") &&
                              doc_.Folded(at - 1) == ",";
      if (before == "and" || before == "but" || reported || participle) {
        for (size_t k = 0; k < m; ++k) {
          const Mention& o = doc_.mentions[k];
          if (o.sentence != men.sentence || o.actor < 0) continue;
          // "His father, X, says he ...": a possessor opens the subject without being it.
          std::string_view first = doc_.Folded(o.token_begin);
          if ((o.flags & Mention::kPossessive) || first == "his" || first == "her" ||
              first == "its" || first == "their")
            continue;
          if (ClauseSubject(o) && fits(o)) return o.actor;
        }
      }
    }
    // "Ryan criticized Trump's remarks but kept his endorsement": a possessive "his" passes
    // over a possessor named just before it for the sentence's subject, when both fit.
    if (w == "his" || (w == "her" && !object)) {
      int latest = -1, subject = -1;
      for (size_t k = 0; k < m; ++k) {
        const Mention& o = doc_.mentions[k];
        if (o.sentence != men.sentence || o.actor < 0 || o.kind == MentionKind::kPronoun ||
            !fits(o))
          continue;
        latest = static_cast<int>(k);
        if (subject < 0 && ClauseSubject(o)) subject = static_cast<int>(k);
      }
      if (latest >= 0 && subject >= 0 && latest != subject &&
          (doc_.mentions[latest].flags & Mention::kPossessive) &&
          doc_.mentions[latest].actor != doc_.mentions[subject].actor)
        return doc_.mentions[subject].actor;
    }
    return Anaphor(m, fits, object);
  }

  // True when a relative or subordinate clause opens in tokens [b, e): "X retains the backing
  // of Y, which nominated him" puts "him" in a clause of its own, where X may be meant.
  bool ClauseOpensBetween(uint32_t b, uint32_t e) const {
    static const core::StringSet kOpeners = {"which",    "who",    "whom", "that",  "because",
                                             "after",    "before", "when", "while", "since",
                                             "although", "though", "if",   "until", "as"};
    for (uint32_t t = b; t < e; ++t)
      if (kOpeners.count(doc_.Folded(t))) return true;
    return false;
  }

  // True when mention o opens its clause (sentence start, or after ", and" / ";") and a
  // lower-case word (its verb) or a set-off relative clause follows: the subject, which an
  // object pronoun cannot name.
  bool ClauseSubject(const Mention& o) {
    const Sentence& sent = doc_.sentences[o.sentence];
    uint32_t b = o.title_begin;
    while (b > sent.token_begin && mentions::IsCapitalized(doc_.TokenText(b - 1)) &&
           doc_.Folded(b - 1) != "and")
      --b;
    while (b > sent.token_begin && doc_.Folded(b - 1) == "the") --b;
    bool opens = b == sent.token_begin ||
                 (b >= sent.token_begin + 2 && doc_.Folded(b - 1) == "and" &&
                  doc_.TokenText(b - 2) == ",") ||
                 doc_.TokenText(b - 1) == ";";
    if (!opens || o.token_end >= sent.token_end) return false;
    // "For X, the mother of six, her ...": a phrase opens the sentence, not its subject.
    static const core::StringSet kOpeningPrepositions = {"for", "in", "at", "to", "with",
                                                         "from", "after", "before", "on",
                                                         "by", "like", "unlike", "as"};
    if (kOpeningPrepositions.count(doc_.Folded(b))) return false;
    uint32_t end = o.token_end;
    // "X of Arizona, ...": a place after the name.
    if (doc_.Folded(end) == "of" && end + 1 < sent.token_end &&
        mentions::IsCapitalized(doc_.TokenText(end + 1))) {
      end += 2;
      while (end < sent.token_end && mentions::IsCapitalized(doc_.TokenText(end))) ++end;
    }
    if (end >= sent.token_end) return false;
    std::string_view next = doc_.TokenText(end);
    // "X, who had endorsed Y, said ...", "X, Y's running mate, said ...": a relative clause or
    // an apposition set off between the subject and its verb.
    if (next == "," && end + 1 < sent.token_end) {
      const std::string_view rel = doc_.Folded(end + 1);
      if (rel == "who" || rel == "whose") return true;
      for (uint32_t t = end + 1; t < sent.token_end && t < end + 12; ++t) {
        const std::string_view w = doc_.TokenText(t);
        if (w == "," && t + 1 < sent.token_end) {
          const std::string_view v = doc_.TokenText(t + 1);
          return !v.empty() && v[0] >= 'a' && v[0] <= 'z';
        }
        if (w == ";" || w == "." || doc_.Folded(t) == "and") return false;
      }
      return false;
    }
    return !next.empty() && next[0] >= 'a' && next[0] <= 'z';
  }

  // The antecedent of an anaphor (pronoun or description) at mention m: the latest fitting
  // mention earlier in its sentence, else the first fitting mention of the nearest of the three
  // sentences before (a sentence's first actor is mostly its subject, and the topic).
  // An object pronoun ("endorsed her") looks first at the objects of the sentence before: the
  // last fitting mention there rather than the first.
  template <typename Fits>
  int32_t Anaphor(size_t m, Fits fits, bool object = false) {
    const Mention& men = doc_.mentions[m];
    for (size_t k = m; k-- > 0;) {
      const Mention& o = doc_.mentions[k];
      if (o.sentence != men.sentence) break;
      if (o.actor >= 0 && fits(o)) return o.actor;
    }
    for (uint32_t back = 1; back <= 3 && back <= men.sentence; ++back) {
      uint32_t s = men.sentence - back;
      int32_t found = -1;
      for (const Mention& o : doc_.mentions) {
        if (o.sentence > s) break;
        if (o.sentence == s && o.actor >= 0 && fits(o)) {
          found = o.actor;
          if (!object) return found;
        }
      }
      if (found >= 0) return found;
    }
    return -1;
  }

  // True when a knowledge-base description of actor a, of any date, holds `word` (and `also`,
  // when given).
  bool DescribedWith(int32_t a, const std::string& word, const std::string& also = "") {
    auto described = descriptions_of_.find(doc_.actors[a].kb_index);
    if (described == descriptions_of_.end()) return false;
    for (size_t d : described->second) {
      const std::string phrase = NormWords(kb_.descriptions()[d].phrase);
      if (HasWord(phrase, word) && (also.empty() || HasWord(phrase, also))) return true;
    }
    return false;
  }

  // True when the person actor `a` holds the office `role` ("senator") by a title written
  // before one of its mentions ("Sen. Bernie Sanders") or a knowledge-base description.
  bool HoldsRole(int32_t a, std::string_view role) {
    static const std::unordered_map<std::string_view, std::vector<std::string_view>> kTitles = {
        {"senator", {"sen.", "sen", "senator"}},
        {"governor", {"gov.", "gov", "governor"}},
        {"congressman", {"rep.", "rep", "representative", "congressman"}},
        {"congresswoman", {"rep.", "rep", "representative", "congresswoman"}},
        {"mayor", {"mayor"}},
        {"president", {"president"}}};
    auto titles = kTitles.find(role);
    if (titles == kTitles.end()) return false;
    for (const Mention& o : doc_.mentions) {
      if (o.actor != a) continue;
      for (uint32_t t = o.title_begin; t < o.token_begin; ++t)
        for (std::string_view title : titles->second)
          if (doc_.Folded(t) == title) return true;
    }
    auto described = descriptions_of_.find(doc_.actors[a].kb_index);
    if (described == descriptions_of_.end()) return false;
    const std::string word(role);
    for (size_t d : described->second) {
      const kb::KbDescription& desc = kb_.descriptions()[d];
      if (desc.valid.Contains(doc_.date) && HasWord(desc.phrase, word)) return true;
    }
    return false;
  }

  // "the union", "the paper", "the Post": an earlier actor of that kind (whose name holds the
  // word, for a capitalised one); "the senator": a person who holds that office.
  int32_t ResolveGenericDescription(size_t m) {
    const Mention& men = doc_.mentions[m];
    ActorKind want = men.actor_kind;
    std::string head;
    if (men.token_end == men.token_begin + 1 &&
        mentions::IsCapitalized(doc_.TokenText(men.token_begin)))
      head = NormWords(doc_.TokenText(men.token_begin));
    // "the senator": the latest person who holds that office, where one does.
    if (want == ActorKind::kPerson && head.empty()) {
      const std::string_view role = doc_.Folded(men.token_end - 1);
      if (role == "nominee") {
        // "the eventual nominee": not known yet.
        std::string party;
        bool vice = false;
        for (uint32_t t = men.token_begin; t + 1 < men.token_end; ++t) {
          const std::string_view w = doc_.Folded(t);
          if (w == "eventual" || w == "future" || w == "next") return -1;
          if (w == "democratic" || w == "republican") party = std::string(w);
          if (w == "gop") party = "republican";
          if (w == "vice" || w == "vice-presidential") vice = true;
        }
        // The latest nominee (of that party) named anywhere before; else, below, the latest
        // person (a nominee for another office the knowledge base does not list).
        for (size_t k = m; k-- > 0;) {
          const Mention& o = doc_.mentions[k];
          // (A running mate is "the vice-presidential nominee", not "the nominee".)
          if (o.actor >= 0 && o.kind != MentionKind::kPronoun && doc_.actors[o.actor].nominee &&
              (party.empty() || DescribedWith(o.actor, party)) &&
              vice == DescribedWith(o.actor, "vice", "nominee"))
            return o.actor;
        }
      } else {
        int32_t holder = Anaphor(m, [&](const Mention& o) {
          return o.kind != MentionKind::kPronoun &&
                 doc_.actors[o.actor].kind == ActorKind::kPerson && HoldsRole(o.actor, role);
        });
        if (holder >= 0) return holder;
      }
    }
    // "the firefighters": an earlier union whose name holds the word, or none (the people).
    if (men.flags & Mention::kMembers) {
      std::string word(doc_.Folded(men.token_begin));
      word.pop_back();  // "firefighters" -> "firefighter", found in "...offirefighters"
      return Anaphor(m, [&](const Mention& o) {
        if (o.kind == MentionKind::kPronoun || doc_.actors[o.actor].kind != ActorKind::kUnion)
          return false;
        std::string squashed;
        for (char c : ActorNorm(static_cast<size_t>(o.actor)))
          if (c != ' ') squashed += c;
        return squashed.find(word) != std::string::npos;
      });
    }
    // "the council", "the committee": an earlier actor whose name holds the word (of
    // whatever kind: "the Ontario Pipe Trades Council" is a union).
    if (want == ActorKind::kGroup && head.empty()) {
      const std::string word = NormWords(doc_.TokenText(men.token_end - 1));
      const int32_t named = Anaphor(m, [&](const Mention& o) {
        return o.kind != MentionKind::kPronoun &&
               HasWord(ActorNorm(static_cast<size_t>(o.actor)), word);
      });
      if (named >= 0) return named;
    }
    const int32_t found = Anaphor(m, [&](const Mention& o) {
      if (o.kind == MentionKind::kPronoun) return false;
      const DocActor& a = doc_.actors[o.actor];
      if (!head.empty()) return HasWord(ActorNorm(static_cast<size_t>(o.actor)), head);
      return a.kind == want;
    });
    if (found >= 0 || !head.empty() || !IsIssue(want)) return found;
    // "the Republican proposal", "the Graham-Cassidy proposal": a name of its own, not one
    // of the measures named before.
    for (uint32_t k = men.token_begin; k + 1 < men.token_end; ++k)
      if (mentions::IsCapitalized(doc_.TokenText(k))) return -1;
    // "the measure" is often a bill, and "the bill" or "the law" a measure, where the text
    // named none of the word's own kind before.
    // One named long before is still the one meant when the article has named no other of
    // its kind ("the proposal" five sentences after the Voice was named).
    int32_t only = -1;
    bool several = false;
    for (size_t k = 0; k < m; ++k) {
      const int32_t a = doc_.mentions[k].actor;
      if (a < 0 || doc_.actors[a].kind != want) continue;
      if (only >= 0 && only != a) several = true;
      only = a;
    }
    // (A referendum is what an article is about; a bill named once may be one of several the
    // article discusses, and "the tax bill" another one.)
    if (only >= 0)
      return several || doc_.actors[only].kind != ActorKind::kBallotMeasure ||
                     men.token_end != men.token_begin + 1
                 ? -1
                 : only;
    return Anaphor(m, [&](const Mention& o) {
      return o.kind != MentionKind::kPronoun && IsIssue(doc_.actors[o.actor].kind);
    });
  }

  const kb::KnowledgeBase& kb_;
  const std::unordered_map<std::string, char>& gender_;
  std::vector<std::string> actor_norm_;  // see ActorNorm
  std::vector<std::string> actor_last_;  // see ActorLastWord
  const core::StringSet& reporting_;
  const core::StringSet& titles_;
  const std::unordered_map<int32_t, std::vector<kb::DateRange>>& nominee_;
  const std::unordered_map<int32_t, std::vector<size_t>>& descriptions_of_;
  Document& doc_;
  int region_ = -1;  // ArticleRegion()
  std::unordered_map<int32_t, int32_t> by_kb_;
  std::unordered_map<std::string, int32_t> by_name_;
};

}  // namespace

Result<std::unique_ptr<Resolver>> Resolver::Create(const kb::KnowledgeBase& kb,
                                                   const std::string& lexicon_dir) {
  std::string path = lexicon_dir + "/gender.tsv";
  auto rows = core::ReadTsv(path, 2);
  if (!rows.ok()) return rows.status();
  std::unordered_map<std::string, char> gender;
  for (const auto& r : *rows) {
    if (r.fields[1] != "m" && r.fields[1] != "f")
      return Status::InvalidInput(path + ":" + std::to_string(r.line) + ": gender must be m or f");
    gender[r.fields[0]] = r.fields[1][0];
  }
  auto verbs = core::ReadWordList(lexicon_dir + "/reporting_verbs.txt");
  if (!verbs.ok()) return verbs.status();
  core::StringSet reporting(verbs->begin(), verbs->end());
  auto title_words = core::ReadWordList(lexicon_dir + "/titles.txt");
  if (!title_words.ok()) return title_words.status();
  core::StringSet titles;
  for (const auto& w : *title_words) titles.insert(core::Fold(w));
  return std::unique_ptr<Resolver>(
      new Resolver(kb, std::move(gender), std::move(reporting), std::move(titles)));
}

Resolver::Resolver(const kb::KnowledgeBase& kb, std::unordered_map<std::string, char> gender,
                   core::StringSet reporting, core::StringSet titles)
    : kb_(kb),
      gender_(std::move(gender)),
      reporting_(std::move(reporting)),
      titles_(std::move(titles)) {
  for (size_t i = 0; i < kb_.descriptions().size(); ++i) {
    const kb::KbDescription& d = kb_.descriptions()[i];
    descriptions_of_[d.actor].push_back(i);
    // "former Democratic nominee" is no longer running; a nomination ends with its election, so
    // a range open at its end is none of these.
    if (d.phrase.find("nominee") != std::string::npos && d.phrase.find("former") != 0 &&
        d.valid.from && d.valid.to)
      nominee_[d.actor].push_back(d.valid);
  }
}

Status Resolver::Process(Document& doc) const {
  doc.actors.clear();
  core::EnsureFolded(doc);
  DocResolver(kb_, gender_, reporting_, titles_, nominee_, descriptions_of_, doc).Run();
  return Status::Ok();
}

}  // namespace whipcount::resolve
