#include "mentions/mentions.h"

#include <algorithm>
#include <bitset>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/string_set.h"
#include "date/dater.h"
#include "core/tsv.h"
#include "core/utf8.h"
#include "mentions/mentions_internal.h"

namespace whipcount::mentions {

std::string FoldToken(std::string_view token) { return core::Fold(token); }

bool IsCapitalized(std::string_view t) {
  if (t.empty()) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && t.size() > 1) {  // Latin-1 supplement capitals À..Þ
    unsigned char c2 = static_cast<unsigned char>(t[1]);
    return c2 >= 0x80 && c2 <= 0x9E;
  }
  return false;
}

// ASCII letters and digits (std::isalnum consults the locale on every call).
bool AsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string NormWords(std::string_view s) {
  // Most tokens are plain ASCII words: their form is their lower-case copy.
  bool plain = !s.empty();
  for (char ch : s) plain = plain && AsciiAlnum(static_cast<unsigned char>(ch));
  if (plain) {
    std::string out(s);
    for (char& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    return out;
  }
  // Nearly every token is ASCII; those need no folding pass of their own (the loop below
  // lowercases as it copies). Others are folded first (curly quotes become straight ones).
  bool ascii = true;
  for (char ch : s) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  std::string folded;
  if (!ascii) folded = core::Fold(s);
  std::string_view f = ascii ? s : std::string_view(folded);
  std::string out;
  out.reserve(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(f[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    if (c == '\'' && i + 1 < f.size() && (f[i + 1] == 's' || f[i + 1] == 'S') &&
        (i + 2 == f.size() || !AsciiAlnum(static_cast<unsigned char>(f[i + 2])))) {
      ++i;  // possessive 's
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (AsciiAlnum(c) || c >= 0x80 || c == '&') {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

bool IsAllCaps(std::string_view s) {
  bool letter = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

namespace {

// An acronym as written, stylised ones too: all capitals, or three capitals or more with one
// small letter inside them ("LiUNA"). "Unite" or "MoveOn" is a word, and "PACs" a plural.
bool IsAcronymForm(std::string_view s) {
  int upper = 0, lower = 0;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'a' && c <= 'z') ++lower;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  const bool last_lower = !s.empty() && s.back() >= 'a' && s.back() <= 'z';
  return upper > 0 && (lower == 0 || (upper >= 3 && lower == 1 && !last_lower));
}

// Appends `word` to the space-separated `words`.
void AppendWord(std::string* words, std::string_view word) {
  if (!words->empty()) *words += ' ';
  *words += word;
}

struct GazEntry {
  std::vector<int32_t> actors;
  bool acronym_only = true;  // every form with this key is an all-caps acronym
};

bool IsWordToken(std::string_view t) {
  for (char ch : t) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

bool IsNameLike(std::string_view t) {
  // "Chris", "Argüello-Kline", "O'Malley", "D."
  if (!IsCapitalized(t)) return false;
  for (char ch : t) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isdigit(c)) return false;
  }
  return true;
}

}  // namespace

struct MentionFinder::Impl {
  const kb::KnowledgeBase* kb = nullptr;
  core::StringMap<GazEntry> names;  // NormWords(name) -> actors
  core::WordSet prefixes;           // word prefixes of the keys above
  size_t max_desc_words = 1;
  core::WordSet desc_prefixes;  // word prefixes of KB descriptions
  core::WordSet titles;         // exact forms
  core::WordSet stopcaps;
  core::StringMap<ActorKind> org_words;
  core::StringSet places;              // NormWords
  core::StringMap<ActorKind> generic;  // NormWords of head noun phrase
  // Plural trade words of union names, alone or as two words run together ("machinists",
  // "firefighters" from "Fire Fighters", "steelworkers"): "the firefighters" names the union.
  core::StringSet member_nouns;
  core::StringMap<std::string> pronouns;
  // Which lengths and first letters pronouns have: most words are ruled out without hashing.
  std::bitset<256> pronoun_first;
  size_t pronoun_max_len = 0;
  bool MaybePronoun(std::string_view n) const {
    return !n.empty() && n.size() <= pronoun_max_len &&
           pronoun_first[static_cast<unsigned char>(n[0])];
  }
  core::StringSet first_names;  // from gender.tsv
  // Words that cannot stand between "the" and the head noun of a description.
  core::WordSet modifier_stops = {"of",      "over",  "for",   "in",     "on",   "at",   "to",
                                  "from",    "with",  "by",    "and",    "or",   "that", "which",
                                  "who",     "is",    "was",   "has",    "had",  "will", "would",
                                  "against", "about", "after", "before", "than", "as"};

  // `folded` is core::Fold(t) (Document::Folded).
  bool IsTitle(std::string_view t, std::string_view folded) const {
    return titles.count(t) > 0 || titles.count(folded) > 0;
  }
  void FindInSentence(Document& doc, uint32_t s, const std::vector<uint8_t>& quoted) const;
};

MentionFinder::MentionFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MentionFinder::~MentionFinder() = default;

Result<std::unique_ptr<MentionFinder>> MentionFinder::Create(const kb::KnowledgeBase& kb,
                                                             const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  impl->kb = &kb;
  const auto& actors = kb.actors();
  for (int32_t a = 0; a < static_cast<int32_t>(actors.size()); ++a) {
    std::vector<std::string> forms{actors[a].name};
    forms.insert(forms.end(), actors[a].aliases.begin(), actors[a].aliases.end());
    for (std::string form : forms) {
      if (form.rfind("the ", 0) == 0 || form.rfind("The ", 0) == 0) form = form.substr(4);
      if (form.empty() || !IsCapitalized(form)) {
        if (form.empty() || !std::isdigit(static_cast<unsigned char>(form[0]))) continue;
      }
      std::string key = NormWords(form);
      if (key.empty()) continue;
      auto& e = impl->names[key];
      if (std::find(e.actors.begin(), e.actors.end(), a) == e.actors.end()) e.actors.push_back(a);
      bool acronym = IsAllCaps(form) && form.size() <= 8 && form.find(' ') == std::string::npos;
      if (!acronym) e.acronym_only = false;
      for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
        impl->prefixes.insert(key.substr(0, sp));
      impl->prefixes.insert(key);
    }
  }
  // Words of union names too general to name one union by its members.
  static const core::StringSet kGeneralWords = {
      "workers", "employees", "unions", "states", "trades", "allied", "affiliates", "americas",
      "members", "services", "officers", "professionals", "locals", "technicians", "artists"};
  for (const auto& a : actors) {
    if (a.kind != ActorKind::kUnion) continue;
    std::vector<std::string> words;
    std::string name = NormWords(a.name);
    for (size_t p = 0, sp; p <= name.size(); p = sp + 1) {
      sp = name.find(' ', p);
      if (sp == std::string::npos) sp = name.size();
      words.push_back(name.substr(p, sp - p));
    }
    for (size_t w = 0; w < words.size(); ++w) {
      std::vector<std::string> forms{words[w]};
      if (w + 1 < words.size()) forms.push_back(words[w] + words[w + 1]);
      for (const std::string& f : forms)
        if (f.size() > 5 && f.back() == 's' && !kGeneralWords.contains(f))
          impl->member_nouns.insert(f);
    }
  }
  for (const auto& d : kb.descriptions()) {
    std::string key = NormWords(d.phrase);
    size_t words = 1;
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      impl->desc_prefixes.insert(key.substr(0, sp));
      ++words;
    }
    impl->desc_prefixes.insert(key);
    impl->max_desc_words = std::max(impl->max_desc_words, words);
  }
  auto load_set = [&](const std::string& file, auto& out, bool norm) -> Status {
    auto words = core::ReadWordList(dir + "/" + file);
    if (!words.ok()) return words.status();
    for (auto& w : *words) out.insert(norm ? NormWords(w) : w);
    return Status::Ok();
  };
  auto load_kinds = [&](const std::string& file, core::StringMap<ActorKind>& out) -> Status {
    std::string path = dir + "/" + file;
    auto rows = core::ReadTsv(path, 2);
    if (!rows.ok()) return rows.status();
    for (auto& r : *rows) {
      auto kind = ParseActorKind(r.fields[1]);
      if (!kind)
        return Status::InvalidInput(path + ":" + std::to_string(r.line) + ": unknown kind '" +
                                    r.fields[1] + "'");
      out[r.fields[0]] = *kind;
    }
    return Status::Ok();
  };
  Status st = load_set("titles.txt", impl->titles, false);
  if (st.ok()) st = load_set("stopcaps.txt", impl->stopcaps, false);
  if (st.ok()) st = load_set("places.txt", impl->places, true);
  if (st.ok()) st = load_kinds("org_words.tsv", impl->org_words);
  if (st.ok()) {
    core::StringMap<ActorKind> generic;
    st = load_kinds("generic_nouns.tsv", generic);
    for (auto& [k, v] : generic) impl->generic[NormWords(k)] = v;
  }
  if (st.ok()) {
    auto rows = core::ReadTsv(dir + "/gender.tsv", 2);
    if (!rows.ok()) return rows.status();
    for (auto& r : *rows) impl->first_names.insert(r.fields[0]);
  }
  if (st.ok()) {
    std::string path = dir + "/pronouns.tsv";
    auto rows = core::ReadTsv(path, 2);
    if (!rows.ok()) return rows.status();
    for (auto& r : *rows) {
      impl->pronouns[r.fields[0]] = r.fields[1];
      if (r.fields[0].empty()) continue;
      impl->pronoun_first.set(static_cast<unsigned char>(r.fields[0][0]));
      impl->pronoun_max_len = std::max(impl->pronoun_max_len, r.fields[0].size());
    }
  }
  if (!st.ok()) return st;
  return std::unique_ptr<MentionFinder>(new MentionFinder(std::move(impl)));
}

namespace {

// True when the document writes `word` (lower case) as it stands somewhere. A scan: the
// question comes up a few times per article, fewer than building a set of its words would cost.
bool WrittenInLowerCase(const Document& doc, std::string_view word) {
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    const Token& k = doc.tokens[t];
    if (k.end - k.begin == word.size() && doc.text[k.begin] >= 'a' && doc.text[k.begin] <= 'z' &&
        doc.TokenText(t) == word)
      return true;
  }
  return false;
}

}  // namespace

void MentionFinder::Impl::FindInSentence(Document& doc, uint32_t s,
                                         const std::vector<uint8_t>& quoted) const {
  const Sentence& sent = doc.sentences[s];
  const uint32_t end = sent.token_end;
  // NormWords of each token, computed on first use: most tokens are lower-case words the loop
  // below passes over without needing it.
  std::vector<std::string> norm(end - sent.token_begin);
  std::vector<uint8_t> normed(end - sent.token_begin, 0);
  auto N = [&](uint32_t i) -> const std::string& {
    const uint32_t k = i - sent.token_begin;
    if (!normed[k]) {
      norm[k] = NormWords(doc.TokenText(i));
      normed[k] = 1;
    }
    return norm[k];
  };
  auto add = [&](uint32_t b, uint32_t e, uint32_t title_b, MentionKind kind, ActorKind ak,
                 std::vector<int32_t> cands) {
    Mention m;
    m.token_begin = b;
    m.token_end = e;
    m.title_begin = title_b;
    m.sentence = s;
    m.kind = kind;
    m.actor_kind = ak;
    m.candidates = std::move(cands);
    if (quoted[b]) m.flags |= Mention::kQuoted;
    if (title_b < b) m.flags |= Mention::kTitled;
    if (e < end) {
      std::string_view next = doc.Folded(e);
      if (next == "'s" || next == "'") m.flags |= Mention::kPossessive;
    }
    doc.mentions.push_back(std::move(m));
  };
  // Titles immediately before token i, as the index of the first title token.
  auto title_start = [&](uint32_t i) {
    uint32_t t = i;
    while (t > sent.BodyBegin() && IsTitle(doc.TokenText(t - 1), doc.Folded(t - 1))) --t;
    return t;
  };

  // True when a knowledge-base name of two or more words starts at token k.
  auto StartsKbName = [&](uint32_t k) {
    if (!IsCapitalized(doc.TokenText(k))) return false;
    std::string key = N(k);
    for (uint32_t j = k + 1; j < end && j < k + 14; ++j) {
      if (N(j).empty()) continue;
      AppendWord(&key, N(j));
      if (!prefixes.count(key)) return false;
      if (names.count(key)) return true;
    }
    return false;
  };
  uint32_t i = sent.BodyBegin();
  while (i < end) {
    std::string_view tok = doc.TokenText(i);
    const std::string_view folded = doc.Folded(i);
    // "the party stood by its nominee": a party's nominee, named by the role alone.
    if ((folded == "its" || folded == "their") && i + 1 < end && doc.Folded(i + 1) == "nominee") {
      add(i + 1, i + 2, i + 1, MentionKind::kDescription, ActorKind::kPerson, {});
      i += 2;
      continue;
    }
    // Pronouns (a pronoun's letters are its folded form's).
    auto pr = tok.size() <= 10 && MaybePronoun(folded) ? pronouns.find(N(i)) : pronouns.end();
    if (pr != pronouns.end()) {
      const std::string& cls = pr->second;
      bool in_quote = quoted[i];
      if ((cls == "speaker" || cls == "speaker_org") && !in_quote) {
        ++i;
        continue;
      }
      ActorKind ak = cls == "person" || cls == "speaker" ? ActorKind::kPerson : ActorKind::kGroup;
      add(i, i + 1, i, MentionKind::kPronoun, ak, {});
      auto& m = doc.mentions.back();
      if (cls == "speaker") m.flags |= Mention::kSpeaker;
      if (cls == "speaker_org") m.flags |= Mention::kSpeakerOrg;
      if (cls == "group") m.flags |= Mention::kPlural;
      ++i;
      continue;
    }
    // Definite descriptions: "the Vermont senator", "the nurses union", "the federation".
    if (folded == "the" && i + 1 < end && StartsKbName(i + 1)) {
      ++i;  // "the Democratic Party": the name itself, not a description
      continue;
    }
    if (folded == "the" || (folded.size() > 3 && folded[0] == 't' && N(i) == "the")) {
      uint32_t best_e = 0;
      std::vector<int32_t> best;
      std::string key;
      for (uint32_t j = i + 1; j < end && j < i + 1 + max_desc_words; ++j) {
        if (N(j).empty()) break;
        AppendWord(&key, N(j));
        if (!desc_prefixes.count(key)) break;
        auto found = kb->FindByDescription(key, doc.date);
        if (!found.empty()) {
          best_e = j + 1;
          best = std::move(found);
        }
      }
      // "the president of the union" names a role, not the president; without the article's
      // date a description valid for several actors says nothing.
      bool then_of = best_e && best_e < end && doc.Folded(best_e) == "of";
      if (best_e && !then_of && (doc.date || best.size() == 1)) {
        add(i + 1, best_e, i + 1, MentionKind::kDescription, kb->actors()[best[0]].kind, best);
        i = best_e;
        continue;
      }
      // Generic head noun within three words, not followed by "of" ("the president of X").
      uint32_t j = i + 1;
      bool new_referent = false;
      key.clear();
      // "The firefighters also withheld an endorsement": a union named by its members' trade,
      // where no noun follows that the phrase is about ("the firefighters union").
      const auto apostrophe = [&](uint32_t k) {
        return doc.TokenText(k) == "'" || doc.TokenText(k) == "\xE2\x80\x99";
      };
      if (i + 1 < end && member_nouns.contains(N(i + 1)) &&
          !IsCapitalized(doc.TokenText(i + 1)) &&
          (i + 2 >= end || (generic.find(N(i + 2)) == generic.end() && !apostrophe(i + 2)))) {
        add(i + 1, i + 2, i + 1, MentionKind::kDescription, ActorKind::kUnion, {});
        doc.mentions.back().flags |= Mention::kMembers;
        i += 2;
        continue;
      }
      for (; j < end && j < i + 4; ++j) {
        std::string_view t = doc.TokenText(j);
        if (N(j).empty() || modifier_stops.count(N(j))) break;
        std::string two = key.empty() ? N(j) : key.substr(key.rfind(' ') + 1) + " " + N(j);
        auto g = generic.find(two);
        if (g == generic.end()) g = generic.find(N(j));
        bool capital_paper = IsCapitalized(t) && j == i + 1 && g != generic.end() &&
                             g->second == ActorKind::kNewspaper;
        if (g != generic.end() && (!IsCapitalized(t) || capital_paper) && !new_referent) {
          bool of_next = j + 1 < end && doc.Folded(j + 1) == "of";
          bool then_name = j + 1 < end && IsCapitalized(doc.TokenText(j + 1));
          if (!of_next && !then_name) {
            add(i + 1, j + 1, i + 1, MentionKind::kDescription, g->second, {});
            i = j + 1;
            goto next_token;
          }
          break;
        }
        // "the largest union", "the second union", "the other party" introduce a new referent.
        const std::string& nj = N(j);
        if ((nj.size() > 4 && nj.compare(nj.size() - 3, 3, "est") == 0) || nj == "most" ||
            nj == "other" || nj == "first" || nj == "second" || nj == "third" || nj == "only" ||
            nj == "same" || nj == "next" || nj == "last" ||
            nj.find("largest") != std::string::npos || nj.find("biggest") != std::string::npos)
          new_referent = true;
        if (IsCapitalized(t) && j + 1 < end && !IsCapitalized(doc.TokenText(j + 1)) &&
            generic.find(N(j + 1)) == generic.end())
          break;
        AppendWord(&key, N(j));
      }
      ++i;
      continue;
    }
    if (!IsCapitalized(tok) && !(tok.size() && std::isdigit(static_cast<unsigned char>(tok[0])))) {
      ++i;
      continue;
    }
    {
      // Knowledge-base names: longest match starting here.
      uint32_t best_e = 0;
      const GazEntry* best = nullptr;
      std::string key;
      for (uint32_t j = i; j < end && j < i + 14; ++j) {
        const std::string& nj = N(j);
        if (nj.empty()) {
          std::string_view t = doc.TokenText(j);
          if (t == "," || t == "'" || t == "\xE2\x80\x99" || t == "'s" || t == "-" || t == "&")
            continue;
          break;
        }
        AppendWord(&key, nj);
        if (!prefixes.count(key)) break;
        auto it = names.find(key);
        if (it == names.end()) continue;
        std::string_view last = doc.TokenText(j);
        if (!IsCapitalized(last) && !std::isdigit(static_cast<unsigned char>(last[0]))) continue;
        if (it->second.acronym_only && !IsAcronymForm(doc.SpanText(i, j + 1))) continue;
        best_e = j + 1;
        best = &it->second;
      }
      // A single common capitalised word at sentence start ("Community", "Unite") is too
      // ambiguous to take as a name.
      // "Trump Friday": a weekday after a surname dates it, it does not continue the name.
      bool surname_start = best && best_e == i + 1 && best_e < end &&
                           kb->actors()[best->actors[0]].kind == ActorKind::kPerson &&
                           IsNameLike(doc.TokenText(best_e)) &&
                           !date::IsWeekdayName(doc.TokenText(best_e)) &&
                           !IsTitle(doc.TokenText(best_e), doc.Folded(best_e)) &&
                           !prefixes.count(N(best_e));
      // A name of one common word opening a sentence ("Labor has answered ...") is a name only
      // if the article never uses the word in lower case.
      bool plain_word = best && best_e == i + 1 && i == sent.BodyBegin() && !IsAllCaps(tok) &&
                        WrittenInLowerCase(doc, folded);
      // "Democrats", "Republicans": party members, not the party as an actor.
      bool people_word = best && best_e == i + 1 && stopcaps.count(tok) > 0;
      // "Labor unions", "Green groups": a one-word name used as a modifier of a plural kind
      // noun names no actor.
      static const core::StringSet kKindPlurals = {
          "unions", "groups", "leaders", "activists", "officials", "organizers",
          "movement", "movements", "federations", "councils", "organizations"};
      bool modifier = best && best_e == i + 1 && best_e < end && !IsAcronymForm(tok) &&
                      kKindPlurals.contains(doc.Folded(best_e));
      if (best && !surname_start && !plain_word && !people_word && !modifier &&
          !(best_e == i + 1 && i == sent.BodyBegin() && stopcaps.count(tok))) {
        // Names are matched without case; where several actors share one, those written
        // exactly so come first ("PCs" the Ontario party before "PCS" the British union).
        std::vector<int32_t> cands = best->actors;
        if (cands.size() > 1) {
          const std::string_view span = doc.SpanText(i, best_e);
          auto exact = [&](int32_t c) {
            const auto& actor = kb->actors()[c];
            if (actor.name == span) return true;
            return std::find(actor.aliases.begin(), actor.aliases.end(), span) !=
                   actor.aliases.end();
          };
          std::stable_partition(cands.begin(), cands.end(), exact);
        }
        const auto& a = kb->actors()[cands[0]];
        uint32_t tb = title_start(i);
        add(i, best_e, tb,
            best_e == i + 1 && IsAcronymForm(tok) ? MentionKind::kAcronym : MentionKind::kName,
            a.kind, cands);
        i = best_e;
        continue;
      }
    }
    {
      // A run of capitalised words the knowledge base does not know.
      uint32_t b = i;
      while (b < end && (stopcaps.count(doc.TokenText(b)) ||
                         (IsTitle(doc.TokenText(b), doc.Folded(b)) && b + 1 < end &&
                          IsCapitalized(doc.TokenText(b + 1))))) {
        ++b;
      }
      if (b > i && b < end && !IsCapitalized(doc.TokenText(b))) {
        i = b;
        continue;
      }
      if (b >= end) break;
      // Leave the title-stripped start to be matched against the knowledge base afresh.
      if (b > i) {
        bool kb_start = prefixes.count(N(b)) > 0;
        if (kb_start) {
          i = b;
          continue;
        }
      }
      uint32_t e = b;
      while (e < end) {
        std::string_view t = doc.TokenText(e);
        if (IsCapitalized(t) || (std::isdigit(static_cast<unsigned char>(t[0])) && e > b)) {
          ++e;
          continue;
        }
        std::string_view f = doc.Folded(e);
        bool connector = f == "of" || f == "and" || f == "for" || f == "&" || f == "de" ||
                         f == "la" || f == "on" || f == "'s" || f == "'" ||
                         (f == "the" && doc.Folded(e - 1) == "of");
        // "Proposition 15 on Monday", "the Council of January 6": a day or month after the
        // connector dates the name, it does not continue it.
        if (connector && e + 1 < end && date::IsCalendarName(doc.TokenText(e + 1))) break;
        if (connector && e + 1 < end && IsCapitalized(doc.TokenText(e + 1)) && e > b) {
          // "Pennsylvania and Gretchen Whitmer": a place ends the run before "and".
          std::string so_far;
          for (uint32_t q = b; q < e; ++q) AppendWord(&so_far, N(q));
          if (f == "and" && places.count(so_far)) break;
          ++e;
          continue;
        }
        break;
      }
      // A name the knowledge base knows inside the run starts a mention of its own.
      for (uint32_t k = b + 1; k < e; ++k) {
        if (StartsKbName(k) && !IsCapitalized(doc.TokenText(k - 1))) {
          e = k - 1 > b ? k - 1 : k;
          break;
        }
      }
      // "Tammy Duckworth of Illinois": a place after "of" is not part of a name.
      for (uint32_t k = b + 1; k + 1 < e; ++k) {
        if (doc.Folded(k) != "of") continue;
        std::string tail;
        for (uint32_t q = k + 1; q < e; ++q) AppendWord(&tail, N(q));
        if (places.count(tail)) {
          e = k;
          break;
        }
      }
      // A title inside the run ("Vermont Sen. Bernie Sanders") ends the run there, unless the
      // run ends in a word that makes it an organization ("Harbor Valley Labor Council").
      const bool org_run = e > b + 1 && org_words.count(doc.TokenText(e - 1)) > 0;
      for (uint32_t k = b + 1; k < e && !org_run; ++k) {
        if (IsTitle(doc.TokenText(k), doc.Folded(k)) && k + 1 < e) {
          e = k;
          break;
        }
      }
      uint32_t next = std::max(e, b + 1);
      if (e <= b) {
        i = next;
        continue;
      }
      std::string key;
      for (uint32_t k = b; k < e; ++k)
        if (!N(k).empty()) AppendWord(&key, N(k));
      if (key.empty() || places.count(key)) {
        i = next;
        continue;
      }
      ActorKind kind = ActorKind::kUnknown;
      if (e - b == 1 && org_words.count(doc.TokenText(b))) {
        i = next;  // a lone "Union" or "Party" names nobody
        continue;
      }
      for (uint32_t k = b; k < e; ++k) {
        auto ow = org_words.find(doc.TokenText(k));
        if (ow != org_words.end()) kind = ow->second;
      }
      uint32_t tb = title_start(b);
      bool titled = tb < b;
      uint32_t len = e - b;
      bool all_names = true;
      for (uint32_t k = b; k < e; ++k)
        if (!IsNameLike(doc.TokenText(k)) || !IsWordToken(doc.TokenText(k))) all_names = false;
      if (kind == ActorKind::kUnknown) {
        if (len == 1 && IsAllCaps(doc.TokenText(b)) && doc.TokenText(b).size() >= 2 &&
            doc.TokenText(b).size() <= 7) {
          add(b, e, tb, MentionKind::kAcronym, ActorKind::kUnknown, {});
          i = next;
          continue;
        }
        if (len == 1) {
          if (IsNameLike(doc.TokenText(b)) && !stopcaps.count(doc.TokenText(b)) &&
              !IsTitle(doc.TokenText(b), doc.Folded(b)))
            add(b, e, tb, MentionKind::kSurname, ActorKind::kPerson, {});
          i = next;
          continue;
        }
        // A person needs a title or a known first name: "World War II" is not one.
        bool first_name = first_names.count(doc.TokenText(b)) > 0;
        if (all_names && len <= 4 && (titled || first_name)) kind = ActorKind::kPerson;
      }
      // "former Indigenous Australians minister Ken Wyatt": a run before a title and a name
      // is the title's portfolio, no actor.
      const bool portfolio = e + 1 < end && IsTitle(doc.TokenText(e), doc.Folded(e)) &&
                             IsCapitalized(doc.TokenText(e + 1)) &&
                             !IsCapitalized(doc.TokenText(e));
      if (kind != ActorKind::kUnknown && !portfolio)
        add(b, e, tb, MentionKind::kName, kind, {});
      i = next;
      continue;
    }
  next_token:;
  }
}

Status MentionFinder::Process(Document& doc) const {
  doc.mentions.clear();
  // Which tokens lie inside a quotation; quotes may run across sentences of a paragraph.
  std::vector<uint8_t> quoted(doc.tokens.size(), 0);
  bool in = false;
  uint32_t para = 0;
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    uint32_t p = doc.sentences.empty() ? 0 : doc.sentences[doc.tokens[t].sentence].paragraph;
    if (p != para) {
      in = false;
      para = p;
    }
    std::string_view tok = doc.TokenText(t);
    if (tok == "\xE2\x80\x9C") {
      in = true;
    } else if (tok == "\xE2\x80\x9D") {
      in = false;
    } else if (tok == "\"") {
      in = !in;
    } else {
      quoted[t] = in;
    }
  }
  core::EnsureFolded(doc);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) impl_->FindInSentence(doc, s, quoted);
  return Status::Ok();
}

}  // namespace whipcount::mentions
