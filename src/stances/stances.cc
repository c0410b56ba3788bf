#include "stances/stances.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/string_set.h"
#include "core/tsv.h"
#include "core/utf8.h"
#include "date/dater.h"
#include "mentions/mentions.h"
#include "stances/tree.h"
#include "syntax/syntax.h"

namespace whipcount::stances {
namespace {

enum Cue : uint32_t {
  kPlanned = 1u << 0,
  kPast = 1u << 1,
  kNegation = 1u << 2,
  kWithdraw = 1u << 3,
  kGet = 1u << 4,
  kUrge = 1u << 5,
  kExpect = 1u << 6,
  kReport = 1u << 7,
  kBoundary = 1u << 8,
  kRelative = 1u << 9,
  kCopula = 1u << 10,
  kSwitch = 1u << 11,
  kMember = 1u << 12,
  kJudge = 1u << 13,
  kDamning = 1u << 14,
};

constexpr bool kSingleRelative = true;
enum class Cls {
  kVerb,
  kVerbTo,
  kSwitch,
  kExit,
  kNoun,
  kGetNoun,
  kAgent,
  kPrep,
  kFollow,
  kNeutral,
  kMeasure,
  kSponsor,
  kNone
};

std::optional<Cls> ParseCls(const std::string& s) {
  if (s == "verb") return Cls::kVerb;
  if (s == "verb_to") return Cls::kVerbTo;
  if (s == "switch") return Cls::kSwitch;
  if (s == "exit") return Cls::kExit;
  if (s == "noun") return Cls::kNoun;
  if (s == "getnoun") return Cls::kGetNoun;
  if (s == "agent") return Cls::kAgent;
  if (s == "prep") return Cls::kPrep;
  if (s == "follow") return Cls::kFollow;
  if (s == "neutral") return Cls::kNeutral;
  if (s == "none") return Cls::kNone;
  if (s == "measure") return Cls::kMeasure;
  if (s == "sponsor") return Cls::kSponsor;
  return std::nullopt;
}

std::optional<uint32_t> ParseCue(const std::string& s) {
  static const std::pair<const char*, uint32_t> kCues[] = {
      {"planned", kPlanned},   {"past", kPast},     {"negation", kNegation},
      {"withdraw", kWithdraw}, {"get", kGet},       {"urge", kUrge},
      {"expect", kExpect},     {"report", kReport}, {"boundary", kBoundary},
      {"relative", kRelative}, {"copula", kCopula}, {"switch", kSwitch},
      {"member", kMember},     {"judge", kJudge},   {"damning", kDamning}};
  for (const auto& [name, bit] : kCues)
    if (s == name) return bit;
  return std::nullopt;
}

struct Sense {
  Cls cls;
  Stance stance;
  Act act;
  bool negation_is_neutral = true;  // "will not endorse X" is a declared neutrality
};

struct Phrase {
  std::vector<std::string> words;  // "*" = gap of up to three words
  Sense sense;
};

struct Trigger {
  uint32_t begin, end;  // tokens
  Sense sense;
};

// Words that may stand between a subject and its verb, or inside a verb chain.
const core::StringSet& ChainWords() {
  static const core::StringSet k = {"to",          "has",
                                    "have",        "had",
                                    "also",        "already",
                                    "all",         "both",
                                    "too",         "now",
                                    "still",       "just",
                                    "not",         "n't",
                                    "never",       "ever",
                                    "then",        "again",
                                    "since",       "finally",
                                    "will",        "would",
                                    "'ll",         "wo",
                                    "may",         "might",
                                    "could",       "can",
                                    "ca",          "should",
                                    "must",        "shall",
                                    "is",          "are",
                                    "was",         "were",
                                    "be",          "been",
                                    "being",       "'s",
                                    "'re",         "do",
                                    "does",        "did",
                                    "set",         "expected",
                                    "poised",      "likely",
                                    "going",       "plans",
                                    "plan",        "planned",
                                    "planning",    "intends",
                                    "intend",      "scheduled",
                                    "ready",       "prepared",
                                    "voted",       "vote",
                                    "votes",       "voting",
                                    "decided",     "decides",
                                    "agreed",      "moved",
                                    "chose",       "choose",
                                    "went",        "officially",
                                    "formally",    "publicly",
                                    "quickly",     "overwhelmingly",
                                    "unanimously", "previously",
                                    "formerly",    "once",
                                    "originally",  "initially",
                                    "later",       "earlier",
                                    "soon",        "each",
                                    "together",    "jointly",
                                    "promptly",    "ultimately",
                                    "eventually",  "instead",
                                    "widely",      "so",
                                    "far",         "yet",
                                    "first",       "long",
                                    "no",          "longer",
                                    "itself",      "himself",
                                    "herself",     "themselves",
                                    "announced",   "said",
                                    "hopes",       "hoped",
                                    "wants",       "wanted",
                                    "seeks",       "sought",
                                    "pledged",     "promised",
                                    "vowed",       "began",
                                    "begun",       "continue",
                                    "continues",   "continued",
                                    "refuses",     "did",
                                    "effectively", "reportedly",
                                    "strongly",    "enthusiastically",
                                    "likewise",    "personally",
                                    "either",      "proud",
                                    "pleased",     "happy",
                                    "glad",        "honored",
                                    "thrilled",    "excited",
                                    "delighted",   "eager"};
  return k;
}

const core::StringSet& Determiners() {
  static const core::StringSet k = {"the",     "a",    "an",    "its",  "his",  "her",   "their",
                                    "our",     "my",   "your",  "this", "that", "these", "those",
                                    "another", "any",  "every", "some", "no",   "one",   "of",
                                    "most",    "more", "many",  "both", "each", "such"};
  return k;
}

const core::StringSet& Prepositions() {
  static const core::StringSet k = {
      "of",      "with",    "from",      "for",       "against", "to",      "than",
      "at",      "in",      "on",        "by",        "about",   "over",    "into",
      "among",   "between", "behind",    "after",     "before",  "like",    "toward",
      "towards", "around",  "including", "alongside", "under",   "without", "within",
      "through", "during",  "via",       "unlike",    "besides"};
  // "since" is left out: "since Sanders ended his campaign" opens a clause with a subject.
  return k;
}

bool IsWord(std::string_view t) {
  for (char ch : t) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

// People related to someone who act on their own: "Clinton's allies" do not speak for her.
const core::StringSet& RelatedPeople() {
  static const core::StringSet k = {"allies",  "supporters", "backers", "rivals",
                                    "opponents", "critics",  "foes",    "friends",
                                    "fans",    "donors",     "voters",  "detractors"};
  return k;
}

bool IsLowerWord(std::string_view t) {
  return !t.empty() && IsWord(t) && !mentions::IsCapitalized(t) &&
         !std::isdigit(static_cast<unsigned char>(t[0]));
}

int YearOf(std::string_view t) {
  if (t.size() != 4) return 0;
  int y = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return (y >= 1900 && y <= 2100) ? y : 0;
}

// The word lists the rules read.
struct StanceLexicon {
  core::StringMap<std::vector<Sense>> words;
  core::StringMap<std::vector<Phrase>> phrases;  // by first word
  core::StringMap<uint32_t> cues;
  // The folded words a stance can start with (keys of words and phrases): the cheap test of
  // whether a sentence is worth reading.
  core::WordSet starts;

  uint32_t CueOf(std::string_view w) const {
    auto it = cues.find(w);
    return it == cues.end() ? 0 : it->second;
  }
};

// Everything the rules need about one sentence.
class SentenceRules {
 public:
  // starts[i]: token b+i folds to a word a stance word or phrase starts with.
  SentenceRules(const StanceLexicon& lex, const syntax::SyntaxModel* model, Document& doc,
                uint32_t s, int ref_year, std::vector<uint8_t> starts)
      : lex_(lex),
        model_(model),
        doc_(doc),
        s_(s),
        b_(doc.sentences[s].token_begin),
        e_(doc.sentences[s].token_end),
        ref_year_(ref_year),
        starts_(std::move(starts)) {
    fold_.resize(e_ - b_);
    for (uint32_t i = b_; i < e_; ++i) fold_[i - b_] = doc.Folded(i);
    men_at_.assign(e_ - b_, -1);
    for (size_t m = 0; m < doc.mentions.size(); ++m) {
      const Mention& men = doc.mentions[m];
      if (men.sentence != s) continue;
      for (uint32_t t = men.title_begin; t < men.token_end; ++t)
        if (men_at_[t - b_] < 0 || t >= men.token_begin) men_at_[t - b_] = static_cast<int>(m);
      sent_mentions_.push_back(static_cast<int>(m));
    }
  }

  void Run();

 private:
  std::string_view F(uint32_t i) const { return fold_[i - b_]; }
  int MenAt(uint32_t i) const { return (i >= b_ && i < e_) ? men_at_[i - b_] : -1; }
  uint32_t Cue(uint32_t i) const { return (i >= b_ && i < e_) ? lex_.CueOf(F(i)) : 0; }
  const Mention& M(int m) const { return doc_.mentions[m]; }
  bool Resolved(int m) const { return m >= 0 && M(m).actor >= 0; }
  bool IsPossessiveDeterminer(int m) const {
    const Mention& men = M(m);
    if (men.kind != MentionKind::kPronoun) return false;
    std::string_view w = F(men.token_begin);
    if (w == "its" || w == "his" || w == "their" || w == "our" || w == "my") return true;
    if (w == "her") {
      // "her campaign" is possessive; "endorsed her together", "leaves her likely" are not.
      uint32_t n = men.token_end;
      if (n >= e_ || !IsLowerWord(doc_.TokenText(n))) return false;
      std::string_view x = F(n);
      static const core::StringSet kNotNoun = {
          "and",   "or",  "as",  "because", "if",   "when", "since", "together",
          "again", "too", "now", "then",    "last", "this", "that",  "the",
          "a",     "an",  "to",  "so",      "but",  "while", "earlier", "later",
          "today", "tonight", "yesterday", "tomorrow", "instead", "anyway"};
      if (Prepositions().count(x) || kNotNoun.count(x)) return false;
      if (x.size() > 3 && x.compare(x.size() - 2, 2, "ly") == 0) return false;
      // "endorsed her days after Biden left": a span of time that dates the verb.
      static const core::StringSet kUnits = {"days", "weeks", "months", "years", "hours"};
      static const core::StringSet kRelativeTime = {"after", "before", "later", "ago",
                                                    "earlier"};
      if (kUnits.contains(x) && n + 1 < e_ && kRelativeTime.contains(F(n + 1))) return false;
      // The tagger tells "endorsed her earlier" (PRP) from "her campaign" (PRP$) where word
      // lists cannot; the tag is enough, the sentence need not be parsed for it.
      if (const SentenceTree* tree = Tree()) return tree->Xpos(men.token_begin) == "PRP$";
      return true;
    }
    return false;
  }

  std::vector<Trigger> FindTriggers() const;
  // True when the words from `pos` name a span of time ("years", "two decades", "the past year").
  bool ForADuration(uint32_t pos) const;
  // The nearest verb of urging ("urged", "called on") within `span` tokens before `pos` in its
  // clause, or -1: whose object is asked to take the stance that follows.
  int UrgeVerbBefore(uint32_t pos, uint32_t span) const;
  bool IsVerbUse(uint32_t i, std::string_view w) const;
  // First token of the verb chain ending just before `pos`; ORs the chain's cues into *cues.
  uint32_t ChainStart(uint32_t pos, uint32_t* cues) const;
  int SubjectLeft(uint32_t pos, bool* relative) const;
  int RelativeHead(uint32_t rel) const;
  int ObjectRight(uint32_t pos, uint32_t max_gap) const;
  // The first name of a list that opens at `pos` (", including A and B", ", among them A"), or -1.
  int ListedAfter(uint32_t pos) const;
  std::vector<int> Group(int m) const;
  std::vector<int> GroupLeft(int m) const;
  bool Separator(uint32_t from, uint32_t to, bool after_person) const;
  uint32_t ClauseCues(uint32_t from) const;
  int YearAfter(uint32_t from) const;

  void HandleVerb(const Trigger& t);
  // "would work to make sure Harris defeats Trump": the one who helps supports Harris and
  // opposes Trump.
  void HandleHelpedVerb(const Trigger& t);
  // "called Trump the most dangerous president", "declared him unfit": a damning judgment of a
  // person or measure is opposition.
  void HandleJudgments();
  void HandleNoun(const Trigger& t);
  void HandleAgent(const Trigger& t);
  uint32_t NounPhraseStart(uint32_t head, bool agent, int* first_mention, bool* past) const;
  void HandlePrep(const Trigger& t);
  void HandleFollow(const Trigger& t);
  void HandleNeutral(const Trigger& t);
  void HandleMeasure(const Trigger& t);
  void HandleSwitch(const Trigger& t, uint32_t from_pos);
  void HandleExit(const Trigger& t);
  void HandleSponsor(const Trigger& t);
  void HandleEllipsis(size_t first_record);
  // Mentions in tokens [skip_begin, skip_end) of this sentence are passed over.
  int32_t MeasureActor(uint32_t after, uint32_t skip_begin = 0, uint32_t skip_end = 0) const;
  // The people a race neutrality is about: those named in its clause after `after`, else (unless
  // `clause_only`) in its sentence.
  std::vector<int> RaceCandidates(const std::vector<int>& holders, uint32_t after,
                                  bool clause_only = false) const;
  // The people the knowledge base makes nominees on the article's date, named in the article,
  // when a neutrality in this sentence is about a race it leaves unnamed and nothing in the
  // sentence points to another race (a primary, another office, another year); else none.
  std::vector<int32_t> RaceNominees(uint32_t after) const;

  void Emit(const std::vector<int>& holders, const std::vector<int>& targets, Stance stance,
            StanceStatus status, Act act, const Trigger& t, bool relative, const std::string& rule);
  // The actors of the resolved mentions among `holders` (names only: no pronouns).
  std::set<int32_t> HeldActors(const std::vector<int>& holders, bool names_only) const {
    std::set<int32_t> held;
    for (int h : holders)
      if (Resolved(h) && !(names_only && M(h).kind == MentionKind::kPronoun))
        held.insert(M(h).actor);
    return held;
  }
  // The person a pronoun would refer to if not one of `exclude` (actor ids).
  int32_t OtherAntecedent(int m, const std::set<int32_t>& exclude) const;
  // True when the word at `pos` opens the sentence, after adverbs or conjunctions at most
  // ("Even better for X, ...", "But like X, ...").
  bool OpensSentence(uint32_t pos) const;
  // The first name of a list opened by "including", "among them" or "such as" before `end`
  // ("Several unions, including A and B, said ..."), or -1.
  int ListedHolder(uint32_t end) const;
  // Whose endorsement "withdrew his endorsement" ends when it names nobody: the latest person
  // named before `before` in the sentence, else the first in the sentence before; not a holder.
  int32_t WithdrawnFrom(const std::vector<int>& holders, uint32_t before) const;
  // People the sentence or two before list together ("A, B and C are running"), when the words
  // after `after` name a race: the candidates a declared neutrality is toward.
  std::vector<int32_t> ListedCandidatesBefore(const std::vector<int>& holders,
                                              uint32_t after) const;
  // Records holders -> one actor (not a mention) of this sentence.
  void EmitTo(const std::vector<int>& holders, int32_t target, Stance stance, StanceStatus status,
              Act act, bool relative, const std::string& rule);

  // The parse, made the first time a rule asks for it; null without a model.
  const SentenceTree* Tree() const {
    if (!model_) return nullptr;
    if (!tree_) tree_.emplace(*model_, doc_, s_);
    return &*tree_;
  }
  // The mention a tree node stands for: the one covering it, else a name in apposition to it.
  int NodeMention(int node) const;
  int RelativeNoun(int node) const;
  // The resolved name the parse gives as the subject of the verb at `pos` (through an auxiliary),
  // when it lies before `before`; -1 otherwise.
  int TreeSubjectBefore(uint32_t pos, uint32_t before) const;
  // A name in apposition to the unnamed noun phrase at `pos` ("Britain's biggest union, Unite"),
  // or -1: a comma within six words, then (after "the") a mention that is no pronoun.
  int NameAfterDescription(uint32_t pos) const;
  // True when mention m ends where an apposition would close: a comma, the sentence end, a
  // dash, a semicolon. A name going on into a clause ("..., McCaskill said") is its subject.
  bool ClosesApposition(int m) const;
  // A passive stance verb at token v with its agent anywhere in the clause (see the definition).
  bool TreePassive(uint32_t v, int* holder, int* target, bool* relative);
  // The subject a stance verb shares with the verb it is coordinated with or controlled by.
  int TreeSharedSubject(const Trigger& t);
  // Adds to `group` the mentions coordinated with its first item in the tree.
  void TreeConj(std::vector<int>* group);

  const StanceLexicon& lex_;
  const syntax::SyntaxModel* model_;
  mutable std::optional<SentenceTree> tree_;
  Document& doc_;
  uint32_t s_, b_, e_;
  std::vector<std::string_view> fold_;  // views into doc_.folded
  std::vector<int> men_at_;
  std::vector<int> sent_mentions_;
  int32_t prev_target_ = -1;
  int ref_year_ = 0;             // the latest year the article names (for undated articles)
  std::vector<uint8_t> starts_;  // see the constructor
};

bool SentenceLooksLikeHeadline(const Document& doc, uint32_t s) {
  const Sentence& sent = doc.sentences[s];
  uint32_t words = 0, caps = 0;
  for (uint32_t i = sent.token_begin; i < sent.token_end; ++i) {
    std::string_view t = doc.TokenText(i);
    if (!IsWord(t)) continue;
    ++words;
    if (mentions::IsCapitalized(t) || std::isdigit(static_cast<unsigned char>(t[0])))
      ++caps;
    else if (t.size() <= 3)
      --words;  // small words stay lower-case in title case
  }
  if (sent.token_end == sent.token_begin) return false;
  std::string_view last = doc.TokenText(sent.token_end - 1);
  bool final_punct =
      last == "." || last == "!" || last == "?" || last == "\"" || last == "\xE2\x80\x9D";
  return words >= 4 && !final_punct && caps * 10 >= words * 7;
}

int SentenceRules::UrgeVerbBefore(uint32_t pos, uint32_t span) const {
  for (uint32_t v = pos; v-- > b_ && pos - v < span;) {
    // "urged Republicans who had backed other candidates to unite": the relative clause on
    // the ones urged is passed over.
    if ((Cue(v) & kRelative) && F(v) != "that" && v > b_ + 1 && pos - v < 10) {
      span = std::max<uint32_t>(span, pos - v + 4);
      continue;
    }
    if (Cue(v) & kBoundary) return -1;
    // "told" reports more often than it urges ("told CNN the union would ...").
    if ((Cue(v) & kUrge) && F(v) != "told") return static_cast<int>(v);
  }
  return -1;
}

bool SentenceRules::ForADuration(uint32_t pos) const {
  static const core::StringSet kUnits = {"years", "months", "decades", "weeks", "days",
                                         "year",  "month",  "decade",  "week",  "ages"};
  static const core::StringSet kCounts = {"a",     "two",   "three", "four",   "five", "several",
                                          "many",  "more",  "nearly", "almost", "over", "about",
                                          "the",   "past",  "last",  "its",    "his",  "her",
                                          "their", "entire", "whole"};
  for (uint32_t q = pos; q < e_ && q < pos + 4; ++q) {
    if (kUnits.count(F(q))) return true;
    if (!kCounts.count(F(q)) && !std::isdigit(static_cast<unsigned char>(F(q)[0]))) return false;
  }
  return false;
}

std::vector<Trigger> SentenceRules::FindTriggers() const {
  std::vector<Trigger> out;
  for (uint32_t i = b_; i < e_;) {
    if (!starts_[i - b_]) {  // most words start nothing
      ++i;
      continue;
    }
    // Phrases first: the longest one starting here.
    auto pit = lex_.phrases.find(F(i));
    uint32_t best_end = 0;
    Sense best{};
    if (pit != lex_.phrases.end()) {
      for (const Phrase& p : pit->second) {
        uint32_t j = i;
        bool ok = true;
        for (size_t w = 0; w < p.words.size() && ok; ++w) {
          if (p.words[w] == "*") {
            // Gap of up to three words, up to the next literal word.
            const std::string& next = w + 1 < p.words.size() ? p.words[w + 1] : "";
            uint32_t g = 0;
            while (j < e_ && g < 3 && F(j) != next) {
              ++j;
              ++g;
            }
            continue;
          }
          if (j >= e_ || F(j) != p.words[w])
            ok = false;
          else
            ++j;
        }
        if (ok && j > best_end) {
          best_end = j;
          best = p.sense;
        }
      }
    }
    // "has fought for years": a duration, not a cause fought for.
    if (best_end && F(best_end - 1) == "for" && ForADuration(best_end)) best_end = 0;
    if (best_end) {
      if (best.cls != Cls::kNone) out.push_back({i, best_end, best});
      i = best_end;
      continue;
    }
    auto wit = lex_.words.find(F(i));
    if (wit != lex_.words.end() && MenAt(i) < 0) {
      const std::vector<Sense>& senses = wit->second;
      const Sense* chosen = &senses[0];
      if (senses.size() > 1) {
        bool verb = IsVerbUse(i, F(i));
        for (const Sense& sn : senses)
          if ((sn.cls == Cls::kVerb || sn.cls == Cls::kVerbTo) == verb) chosen = &sn;
      }
      out.push_back({i, i + 1, *chosen});
    }
    ++i;
  }
  return out;
}

bool SentenceRules::IsVerbUse(uint32_t i, std::string_view w) const {
  bool ing = w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
  if (ing) {
    // "backing Sanders" is a verb; "the backing of the union" a noun.
    uint32_t n = i + 1;
    while (n < e_ && (F(n) == "the" || F(n) == "former")) ++n;
    if (MenAt(n) >= 0) return true;
    if (i > b_ && (Cue(i - 1) & kCopula)) return true;
    return false;
  }
  // A verb follows its subject, an auxiliary, "to" or an adverb; anything else (a determiner,
  // an adjective, a possessive) makes the word a noun.
  if (i == b_) return false;
  std::string_view p = F(i - 1);
  int m = MenAt(i - 1);
  if (m >= 0) return !(M(m).flags & Mention::kPossessive) && !IsPossessiveDeterminer(m);
  static const core::StringSet kBeforeVerb = {
      "to",     "will", "would",   "'ll",   "wo",    "n't",    "not",    "never",    "also",
      "still",  "and",  "or",      "who",   "which", "that",   "they",   "we",       "i",
      "you",    "he",   "she",     "it",    "did",   "does",   "do",     "can",      "could",
      "should", "must", "may",     "might", "shall", "all",    "both",   "publicly", "now",
      "always", "once", "already", "then",  "too",   "firmly", "openly", "each",
      "longer", "even", "ever",    "again", "just"};
  if (kBeforeVerb.count(p)) return true;
  return p.size() > 3 && p.compare(p.size() - 2, 2, "ly") == 0;
}

uint32_t SentenceRules::ChainStart(uint32_t pos, uint32_t* cues) const {
  uint32_t j = pos;
  while (j > b_) {
    std::string_view w = F(j - 1);
    bool ly = w.size() > 3 && w.compare(w.size() - 2, 2, "ly") == 0 && MenAt(j - 1) < 0;
    if (!ChainWords().count(w) && !ly) break;
    if (cues) *cues |= Cue(j - 1);
    --j;
  }
  return j;
}

int SentenceRules::RelativeHead(uint32_t rel) const {
  if (rel <= b_) return -1;
  uint32_t k = rel - 1;
  if (F(k) == "," && k > b_) --k;
  // "Rep. Alexandria Ocasio-Cortez of New York, who ...": skip the place.
  {
    uint32_t q = k;
    while (q > b_ && MenAt(q) < 0 && mentions::IsCapitalized(doc_.TokenText(q))) --q;
    if (q < k && q > b_ && F(q) == "of" && MenAt(q - 1) >= 0) k = q - 1;
  }
  int m = MenAt(k);
  // "The Machinists union, which ...": a name and the common noun that says what it is.
  static const core::StringSet kKindNouns = {
      "union",     "unions",    "group",    "party", "federation", "council",     "club",
      "association", "committee", "local",  "chapter", "coalition", "organization", "pac",
      "caucus"};
  if (m < 0 && k > b_ && kKindNouns.count(F(k)) && IsLowerWord(doc_.TokenText(k)) &&
      MenAt(k - 1) >= 0 && M(MenAt(k - 1)).kind != MentionKind::kPronoun)
    m = MenAt(k - 1);
  if (m >= 0) {
    if (IsPossessiveDeterminer(m)) return -1;
    // "the unions not in the AFL-CIO that supported Sanders": the clause is about the unions.
    uint32_t p = M(m).title_begin;
    while (p > b_ && (F(p - 1) == "the" || F(p - 1) == "a")) --p;
    if (p > b_ && Prepositions().count(F(p - 1)) && F(p - 1) != "of") return -1;
    return m;
  }
  // A common noun phrase ("another AFL-CIO member that ..."): its apposition head, if any.
  for (uint32_t g = 0; g < 10 && k > b_; ++g) {
    std::string_view w = F(k);
    if (w == ",") {
      int head = MenAt(k - 1);
      return head;
    }
    if (Cue(k) & (kBoundary | kRelative)) return -1;
    if (ChainWords().count(w) && !Determiners().count(w) && w != "all" && w != "both") return -1;
    --k;
  }
  return -1;
}

int SentenceRules::SubjectLeft(uint32_t pos, bool* relative) const {
  if (relative) *relative = false;
  uint32_t j = pos;
  bool crossed_and = false;
  bool crossed_comma = false;  // a comma between `pos` and the word looked at
  while (j > b_) {
    uint32_t k = j - 1;
    std::string_view w = F(k);
    int m = MenAt(k);
    if (m >= 0) {
      const Mention& men = M(m);
      if (IsPossessiveDeterminer(m)) {
        // "its executive board voted to endorse": the board speaks for the possessor; so do
        // a speaker's "our members" (not "their members will vote for me": people, not a vote).
        const uint32_t allowed = F(men.token_begin) == "our" ? uint32_t{kMember} : 0u;
        uint32_t words = 0;
        bool nouns = true;
        // "Clinton's union allies line up behind Obama": people related to the possessor act
        // on their own, not for it.
        bool related = false;
        uint32_t q = men.token_end;
        for (; q < pos && nouns; ++q, ++words) {
          nouns = IsLowerWord(doc_.TokenText(q)) && !Prepositions().count(F(q)) &&
                  !(Cue(q) & ~allowed) && !ChainWords().count(F(q));
          related = related || RelatedPeople().contains(F(q));
        }
        if (nouns && related) return -1;
        if (nouns && words >= 1 && words <= 3) return m;
        // "Her decision to stay on the sidelines": the possessor decides.
        if (men.token_end + 3 <= pos && F(men.token_end + 1) == "to" && pos - men.token_end <= 4)
          return m;
        j = men.title_begin;
        continue;
      }
      uint32_t before = men.title_begin;
      uint32_t p = before;
      while (p > b_ && (F(p - 1) == "the" || F(p - 1) == "a" || F(p - 1) == "an" ||
                        (IsLowerWord(doc_.TokenText(p - 1)) &&
                         men.kind == MentionKind::kDescription && !Prepositions().count(F(p - 1)) &&
                         !ChainWords().count(F(p - 1)) && !Cue(p - 1) && p + 2 > before)))
        --p;
      bool in_pp = p > b_ && Prepositions().count(F(p - 1));
      // "Nevada's branch of the SEIU endorsed": the resolver named the branch by this mention.
      if (M(m).flags & Mention::kBranch) in_pp = false;
      // "after Sanders appeared with him and endorsed him": a word that is a preposition or
      // opens a clause; the tree tells which.
      static const core::StringSet kClauseOpeners = {"after", "before", "since", "until",
                                                     "as",    "once",   "till"};
      if (in_pp && kClauseOpeners.count(F(p - 1))) {
        const SentenceTree* tree = Tree();
        int node = tree ? tree->SpanHead(men.token_begin, men.token_end) : -1;
        if (node >= 0 && tree->RelIs(static_cast<uint32_t>(node), "nsubj")) in_pp = false;
      }
      if (in_pp) {
        j = before;
        continue;
      }
      // "told CNN the decision was ...": CNN is told, it does not decide.
      if (before > b_ && (F(before - 1) == "told" || F(before - 1) == "tells" ||
                          F(before - 1) == "tell" || F(before - 1) == "asked"))
        return -1;
      // "Several Teamsters locals endorsed": a part of the union, not the union.
      if (men.token_end < pos && (lex_.CueOf(F(men.token_end)) & kMember)) {
        j = before;
        continue;
      }
      // "since X ended his campaign and endorsed Y": after a word that opens a clause the name is
      // that clause's subject.
      static const core::StringSet kSubordinators = {
          "since", "because", "when",  "while",  "although", "though",  "if",
          "once",  "until",   "after", "before", "as",       "whereas", "unless"};
      // "Clinton's union allies line up behind Obama": likewise for a possessive name.
      if (men.flags & Mention::kPossessive) {
        bool related = false;
        for (uint32_t q = men.token_end; q < pos && q < men.token_end + 4; ++q)
          related = related || RelatedPeople().contains(F(q));
        if (related) return -1;
      }
      if (crossed_and && before > b_ && IsLowerWord(doc_.TokenText(before - 1)) &&
          !Determiners().count(F(before - 1)) && F(before - 1) != "and" &&
          !kSubordinators.count(F(before - 1)) && !Prepositions().count(F(before - 1)) &&
          !(lex_.CueOf(F(before - 1)) & kReport)) {
        j = before;  // object of an earlier coordinated verb
        continue;
      }
      return m;
    }
    uint32_t cue = Cue(k);
    if (cue & kBoundary) return -1;
    if (cue & kRelative) {
      // "X, whose PAC spent money supporting Y": not X itself; but past a comma that closed
      // the clause ("X, whose members drive trucks, load ships, endorsed Y") X is the subject.
      if (w == "whose") return crossed_comma ? RelativeHead(k) : -1;
      // "which/who/that" opening this clause: the clause is about the noun before it. A
      // complementizer "that" after a reporting verb is not a relative pronoun.
      if (w == "that" && k > b_ && ((Cue(k - 1) & kReport) || F(k - 1) == "said")) return -1;
      if (relative) *relative = true;
      return RelativeHead(k);
    }
    if (w == ",") {
      crossed_comma = true;
      // A parenthetical (", which ...,", ", a union of ...,", ", too,") is skipped; any other
      // comma ends the clause.
      uint32_t c = k;
      bool found = false;
      for (uint32_t q = k; q-- > b_ && k - q < 25;) {
        if (F(q) == ",") {
          c = q;
          found = true;
          break;
        }
        if (Cue(q) & kBoundary) break;
      }
      // ", putting ... and promising to ...": a participle clause; its subject is the main one.
      if (k + 1 < e_ && F(k + 1).size() > 4 && IsLowerWord(doc_.TokenText(k + 1)) &&
          F(k + 1).compare(F(k + 1).size() - 3, 3, "ing") == 0) {
        for (int first : sent_mentions_) {
          const Mention& men = M(first);
          if (men.token_begin >= k) break;
          if (men.kind == MentionKind::kPronoun || (men.flags & Mention::kQuoted)) continue;
          if (men.title_begin > b_ && Prepositions().count(F(men.title_begin - 1))) continue;
          return first;
        }
        return -1;
      }
      if (found) {
        std::string_view first = F(c + 1);
        bool has_mention = false;
        for (uint32_t q = c + 1; q < k; ++q)
          if (MenAt(q) >= 0) has_mention = true;
        if (!has_mention && k - c <= 7) {  // ", a few days later,"
          j = c;
          continue;
        }
        bool opener = (Cue(c + 1) & kRelative) || Determiners().count(first) || MenAt(c + 1) < 0 ||
                      first == "too";
        if ((opener || MenAt(c + 1) >= 0) && c > b_ && MenAt(c - 1) >= 0) {
          j = c;
          continue;
        }
        if (opener && k - c <= 4) {
          j = c;
          continue;
        }
      }
      // "X, whose members make beds, cook and tend bar, endorsed Y": a relative clause with
      // commas of its own, opened right after a name.
      uint32_t opened = 0;  // the comma before the relative word, if any
      for (uint32_t q = k; q-- > b_ + 1 && k - q < 40;) {
        if (Cue(q) & kBoundary) break;
        if ((Cue(q) & kRelative) && F(q - 1) == "," && q >= b_ + 2 && MenAt(q - 2) >= 0 &&
            F(q) != "that") {
          opened = q - 1;
          break;
        }
      }
      if (opened > 0) {
        j = opened;
        continue;
      }
      // An apposition between a name and its verb with no closing comma before it; or a
      // clause the commas above do not delimit ("X of Nebraska, who never endorsed Y, urged"),
      // which the parse may still join to its subject.
      return TreeSubjectBefore(pos, k);
    }
    if (w == "and" || w == "or") crossed_and = true;
    if (w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D") return -1;
    --j;
    if (pos - j > 30) return -1;
  }
  return -1;
}

// Lower-case nouns of a political role that a party's name may modify ("GOP candidate X").
bool IsRoleNoun(std::string_view w) {
  static const core::StringSet kRoles = {"candidate", "nominee", "hopeful", "challenger",
                                         "incumbent", "contender", "frontrunner", "front-runner"};
  return kRoles.count(w) > 0;
}

int SentenceRules::ListedAfter(uint32_t pos) const {
  if (pos < e_ && F(pos) == ",") ++pos;
  if (pos + 1 >= e_) return -1;
  if (F(pos) == "including")
    pos += 1;
  else if ((F(pos) == "among" && F(pos + 1) == "them") || (F(pos) == "such" && F(pos + 1) == "as"))
    pos += 2;
  else
    return -1;
  while (pos < e_ && F(pos) == "the") ++pos;
  int m = MenAt(pos);
  return m >= 0 && M(m).kind != MentionKind::kPronoun && Resolved(m) ? m : -1;
}

int SentenceRules::ObjectRight(uint32_t pos, uint32_t max_gap) const {
  uint32_t gap = 0;
  for (uint32_t j = pos; j < e_ && gap <= max_gap; ++j) {
    int m = MenAt(j);
    if (m >= 0) {
      if (IsPossessiveDeterminer(m)) {
        // "thrown their weight behind her campaign": her.
        uint32_t n = M(m).token_end;
        static const core::StringSet kBids = {
            "campaign",   "candidacy", "bid",  "re-election", "reelection", "nomination",
            "presidency", "cause",     "side", "ticket",      "leadership"};
        if (n < e_ && kBids.count(F(n))) return m;
        return -1;
      }
      // "Doug Ford's Progressive Conservatives": the party, not its leader; "the federation's
      // unions": no one named (but "Biden's re-election bid" is Biden).
      if (M(m).flags & Mention::kPossessive) {
        uint32_t q = M(m).token_end + 1;
        if (q < e_ && MenAt(q) >= 0 && M(MenAt(q)).kind != MentionKind::kPronoun) return MenAt(q);
        static const core::StringSet kOwnBids = {
            "campaign",   "candidacy", "bid",    "re-election", "reelection", "nomination",
            "presidency", "cause",     "side",   "ticket",      "leadership", "policies",
            "plan",       "proposal",  "agenda", "party",       "government"};
        while (q < e_ && IsLowerWord(doc_.TokenText(q)) && !kOwnBids.count(F(q)) &&
               (F(q).size() < 3 || F(q).compare(F(q).size() - 2, 2, "ly") != 0)) {
          if (F(q).back() == 's' && F(q) != "its") return -1;  // a plural head: "unions"
          ++q;
          if (q > M(m).token_end + 3) break;
        }
        // "Obama's running mate, Joe Biden": the role is named in apposition (which closes
        // after the name: "Clinton's run, McCaskill said" is no apposition).
        if (q > M(m).token_end + 1 && q + 1 < e_ && F(q) == "," && MenAt(q + 1) >= 0 &&
            M(MenAt(q + 1)).kind != MentionKind::kPronoun && ClosesApposition(MenAt(q + 1)))
          return MenAt(q + 1);
      }
      // "GOP candidate Roy Moore", "Labor MP Jane Smith": a party naming the person's role.
      if (uint32_t q = M(m).token_end; Resolved(m) && q + 1 < e_ && IsRoleNoun(F(q))) {
        const int person = MenAt(q + 1);
        if (IsOrganization(doc_.actors[M(m).actor].kind) && Resolved(person) &&
            doc_.actors[M(person).actor].kind == ActorKind::kPerson)
          return person;
      }
      return m;
    }
    std::string_view w = F(j);
    if (w == "," || w == "." || w == ";" || w == ":" || (Cue(j) & (kBoundary | kRelative)))
      return -1;
    if (w == "the" || w == "either" || w == "both" || w == "neither" || w == "former" ||
        w == "then" || w == "also" || w == "him" || w == "her")
      continue;
    ++gap;
  }
  return -1;
}

int SentenceRules::NodeMention(int node) const {
  const SentenceTree* tree = Tree();
  if (!tree || node < 0) return -1;
  int m = MenAt(static_cast<uint32_t>(node));
  if (m >= 0) return IsPossessiveDeterminer(m) ? -1 : m;
  // "the union, Unite": a common noun whose name stands beside it.
  for (uint32_t c : tree->Children(static_cast<uint32_t>(node)))
    if ((tree->Rel(c) == "appos" || tree->Rel(c) == "flat") && MenAt(c) >= 0) return MenAt(c);
  // "Gig Workers Rising, a group that ...": the group is the name before it.
  if (tree->Rel(static_cast<uint32_t>(node)) == "appos") {
    int head = tree->Head(static_cast<uint32_t>(node));
    if (head >= 0 && MenAt(static_cast<uint32_t>(head)) >= 0)
      return MenAt(static_cast<uint32_t>(head));
  }
  return -1;
}

// The actor a relative clause hangs on at `node`; none when the noun sits in a prepositional
// phrase ("the unions not in the AFL-CIO that supported X": the clause is about the unions).
int SentenceRules::RelativeNoun(int node) const {
  int m = NodeMention(node);
  if (m < 0) return -1;
  uint32_t p = M(m).title_begin;
  while (p > b_ && Determiners().count(F(p - 1))) --p;
  if (p > b_ && Prepositions().count(F(p - 1)) && F(p - 1) != "of") return -1;
  return m;
}

bool SentenceRules::ClosesApposition(int m) const {
  uint32_t after = M(m).token_end;
  return after >= e_ || F(after) == "," || F(after) == "." || F(after) == ";" || F(after) == "--" ||
         F(after) == "\xE2\x80\x94";
}

int SentenceRules::NameAfterDescription(uint32_t pos) const {
  // The description opens with an article or a possessor ("the nation's largest union", "his
  // vice president").
  const bool pronoun = pos < e_ && (F(pos) == "his" || F(pos) == "her" || F(pos) == "their" ||
                                    F(pos) == "its" || F(pos) == "our");
  bool opens = pos < e_ && (F(pos) == "the" || F(pos) == "a" || F(pos) == "an" || pronoun ||
                            (pos + 1 < e_ && (F(pos + 1) == "'s" || F(pos + 1) == "'")));
  if (!opens) return -1;
  for (uint32_t q = pos; q < e_ && q < pos + 6; ++q) {
    if (F(q) == ",") {
      uint32_t n = q + 1;
      while (n < e_ && F(n) == "the") ++n;
      int m = MenAt(n);
      if (m < 0 || M(m).kind == MentionKind::kPronoun) return -1;
      // An apposition closes where the name ends; a name that goes on into a clause ("...
      // groups, Buttigieg and O'Rourke have helped") is that clause's subject.
      return ClosesApposition(m) ? m : -1;
    }
    if ((Cue(q) & (kBoundary | kRelative)) ||
        (MenAt(q) >= 0 && !(M(MenAt(q)).flags & Mention::kPossessive) && !(pronoun && q == pos)))
      return -1;
  }
  return -1;
}

bool IsRelativePronoun(std::string_view w) {
  return w == "who" || w == "which" || w == "that" || w == "whom";
}

int SentenceRules::TreeSubjectBefore(uint32_t pos, uint32_t before) const {
  // Only where a name stands where the subject would, with a set-off part after it.
  auto subject_place = [&](const Mention& men) {
    if (men.kind == MentionKind::kPronoun || men.actor < 0 || men.token_end > before) return false;
    uint32_t p = men.title_begin;
    while (p > b_ && Determiners().count(F(p - 1))) --p;
    if (p > b_ && F(p - 1) == ",") return true;  // "one senator, X of Alabama, has endorsed"
    if (p != b_) return false;
    // "X of Nebraska, who never endorsed Y, urged", "X (D-Conn.), a member of ..., opposed":
    // a clause or apposition set off after it.
    for (uint32_t q = men.token_end; q <= before && q < e_; ++q)
      if (F(q) == ",") return true;
    return false;
  };
  // The name's own words run on into a set-off part: a comma, a bracket, or "of <Place>, ".
  auto set_off = [&](const Mention& men) {
    const uint32_t after = men.token_end;
    return after < e_ && (F(after) == "," || F(after) == "(" || F(after) == "of");
  };
  bool any = false;
  for (int c : sent_mentions_) any = any || (subject_place(M(c)) && set_off(M(c)));
  if (!any) return -1;
  // The tagger (half the cost of a parse) tells that the word at `pos` is a verb; then the
  // parse must give one of those names (or a description it stands beside) as its subject,
  // with no verb before it ("19% backed A, 12% said they ...").
  const SentenceTree* tree = Tree();
  if (!tree || !tree->Contains(pos)) return -1;
  if (tree->Upos(pos) != "VERB" && tree->Upos(pos) != "AUX") return -1;
  int v = static_cast<int>(pos);
  if (tree->RelIs(pos, "aux")) v = tree->Head(pos);
  if (v < 0) return -1;
  const int subj = tree->Child(static_cast<uint32_t>(v), "nsubj");
  if (subj < 0 || IsRelativePronoun(F(static_cast<uint32_t>(subj)))) return -1;
  const int m = NodeMention(subj);
  if (m < 0 || !subject_place(M(m)) || !set_off(M(m))) return -1;
  for (uint32_t q = b_; q < M(m).title_begin; ++q)
    if (tree->Upos(q) == "VERB" || tree->Upos(q) == "AUX") return -1;
  return m;
}

// A passive stance verb with its agent anywhere in the clause ("Y was endorsed on Tuesday by
// X", "the plan, championed since 2019 by X"). False when `v` has no agent.
bool SentenceRules::TreePassive(uint32_t v, int* holder, int* target, bool* relative) {
  const SentenceTree* tree = Tree();
  if (!tree) return false;
  int agent = tree->Child(v, "obl:agent");
  if (agent < 0) return false;
  *holder = NodeMention(agent);
  *target = -1;
  int subj = tree->Child(v, "nsubj:pass");
  if (subj >= 0) {
    if (IsRelativePronoun(F(static_cast<uint32_t>(subj))) && tree->RelIs(v, "acl")) {
      *relative = true;
      *target = RelativeNoun(tree->Head(v));
    } else {
      *target = NodeMention(subj);
    }
  } else if (tree->RelIs(v, "acl")) {
    *target = NodeMention(tree->Head(v));
  } else if (tree->RelIs(v, "advcl") && tree->Head(v) >= 0) {
    // "Backed by X, Y won the primary": the participle is about the main clause's subject.
    *target = NodeMention(tree->Child(static_cast<uint32_t>(tree->Head(v)), "nsubj"));
  }
  return true;
}

// "X took the stage, thanked her staff and then declined to endorse Y": the stance verb has no
// subject of its own; it shares the one of the verb it is coordinated with (conj) or that
// controls it (xcomp). Only names and pronouns the resolver tied to an actor count; a verb
// with a subject of its own gets nothing here (word order already had its chance).
int SentenceRules::TreeSharedSubject(const Trigger& t) {
  // Parse only where word order shows a coordinated verb ("and then endorsed"): most
  // subjectless stance words are not, and parsing each would double extraction time.
  uint32_t chain = ChainStart(t.begin, nullptr);
  // "and then declined", "but later endorsed": time adverbs between the conjunction and verb.
  static const core::StringSet kThen = {"then",    "later",        "also",       "eventually",
                                        "finally", "subsequently", "ultimately", "soon"};
  while (chain > b_ && kThen.count(F(chain - 1))) --chain;
  if (!(chain > b_ && (F(chain - 1) == "and" || F(chain - 1) == "but"))) return -1;
  const SentenceTree* tree = Tree();
  if (!tree) return -1;
  int v = tree->SpanHead(t.begin, t.end);
  if (v < 0) return -1;
  uint32_t x = static_cast<uint32_t>(v);
  bool shared = false;
  for (int step = 0; step < 6; ++step) {
    int subj = tree->Child(x, "nsubj");
    if (subj >= 0) {
      if (!shared || IsRelativePronoun(F(static_cast<uint32_t>(subj)))) return -1;
      // NodeMention: the subject's name may hang on it ("CLEVELAND — Ted Cruz": flat).
      int m = NodeMention(subj);
      return m >= 0 && Resolved(m) && !IsPossessiveDeterminer(m) ? m : -1;
    }
    if (tree->Child(x, "nsubj:pass") >= 0 || tree->Child(x, "expl") >= 0) return -1;
    int head = tree->Head(x);
    std::string_view rel = tree->Rel(x);
    // "but plans to endorse": a parser may read a chain verb as a noun and the verb after it as
    // its clause (acl); the word order says it is the verb's complement.
    if (rel == "acl" && head >= 0 && ChainWords().count(F(static_cast<uint32_t>(head))))
      rel = "xcomp";
    if (head < 0 || !(rel == "conj" || rel == "xcomp")) return -1;
    // "stayed neutral throughout the primaries but plans to endorse": a parser may read the
    // chain verb as a noun coordinated with the noun before it; the verb it belongs with
    // governs that noun.
    if (rel == "conj" && ChainWords().count(F(x)) && tree->Upos(x) == "NOUN" &&
        tree->Upos(static_cast<uint32_t>(head)) == "NOUN") {
      int up = head;
      for (int hop = 0; hop < 4 && up >= 0 && tree->Upos(static_cast<uint32_t>(up)) != "VERB";
           ++hop)
        up = tree->Head(static_cast<uint32_t>(up));
      if (up >= 0 && tree->Upos(static_cast<uint32_t>(up)) == "VERB") head = up;
    }
    // "urged readers to vote", "expected him to endorse": the object, not the subject, acts.
    if (rel == "xcomp" && tree->Child(static_cast<uint32_t>(head), "obj") >= 0) return -1;
    x = static_cast<uint32_t>(head);
    shared = true;
  }
  return -1;
}

void SentenceRules::TreeConj(std::vector<int>* group) {
  if (group->empty() || M(group->front()).kind == MentionKind::kPronoun) return;
  // Only a list that a preposition opens ("endorsed by A and Ohio Gov. B", "endorsements from
  // A, fellow Sen. B"): titles and descriptions there hide items from the word order, while a
  // list of subjects or objects is mostly what the word order showed, and the tree would join
  // clauses ("29% back Trump, 23% back Clinton") that are no list.
  static const core::StringSet kListOpeners = {"by", "from", "of", "including", "among"};
  // The preposition may stand before a description of the first item ("by the train drivers'
  // union Aslef, ...").
  bool opened = false;
  for (uint32_t k = M(group->front()).title_begin; k > b_ && k + 7 > M(group->front()).title_begin;
       --k) {
    std::string_view w = F(k - 1);
    if (kListOpeners.contains(w)) {
      opened = true;
      break;
    }
    if (w == "," || w == "to" || MenAt(k - 1) >= 0 || Cue(k - 1) != 0 || starts_[k - 1 - b_] ||
        Prepositions().contains(w))
      break;
  }
  // "Top Republicans, including A, Vice President B and C": the list set off after its head.
  const uint32_t end = M(group->back()).token_end;
  if (end < e_ && (F(end) == "including" ||
                   (F(end) == "," && end + 1 < e_ && F(end + 1) == "including")))
    opened = true;
  if (!opened) return;
  // Only where the list may go on past what the word order showed.
  uint32_t after = M(group->back()).token_end;
  if (after >= e_ || !(F(after) == "," || F(after) == "and" || F(after) == "or")) return;
  // Only where a name follows closely that the word order did not join to the list ("..., the
  // Fire Brigades Union and the construction union UCATT").
  bool more = false;
  for (int m : sent_mentions_) {
    if (M(m).token_begin <= after || M(m).kind == MentionKind::kPronoun) continue;
    more = M(m).title_begin <= after + 8;
    // A name right after the comma or conjunction was the word order's to join, and it did
    // not ("X endorsed Y, and Z said ..."): only a common noun in between ("A, the bakers'
    // union and B") hides a list item from it.
    bool noun_between = false;
    for (uint32_t q = after; q < M(m).title_begin && !noun_between; ++q) {
      std::string_view w = F(q);
      noun_between = !(w == "," || w == "and" || w == "or" || w == "the");
    }
    more = more && noun_between;
    break;
  }
  if (!more) return;
  const SentenceTree* tree = Tree();
  if (!tree) return;
  int first = tree->SpanHead(M(group->front()).token_begin, M(group->front()).token_end);
  if (first < 0) return;
  std::vector<uint32_t> todo{static_cast<uint32_t>(first)};
  // A parser may hang a later item on the verb as a second argument of the same relation
  // ("supported by A, the bakers' union and B" read as two agents, B coordinated with the
  // second): those count as items too.
  if (int head = tree->Head(static_cast<uint32_t>(first)); head >= 0) {
    for (uint32_t c : tree->Children(static_cast<uint32_t>(head))) {
      if (c <= static_cast<uint32_t>(first) || tree->Rel(c) != tree->Rel(first)) continue;
      todo.push_back(c);
      int m = NodeMention(static_cast<int>(c));
      if (m < 0 || M(m).kind == MentionKind::kPronoun) continue;
      if (M(m).token_end < e_ && (Cue(M(m).token_end) & kReport)) continue;  // a speaker
      if (std::find(group->begin(), group->end(), m) == group->end()) group->push_back(m);
    }
  }
  for (size_t k = 0; k < todo.size() && k < 40; ++k) {
    for (uint32_t c : tree->Children(todo[k])) {
      // A list item after a comma may be read as an apposition of the one before ("A, the
      // bakers' union and B"): its own conjuncts are the list's too.
      if (tree->Rel(c) == "appos" && MenAt(c) < 0) {
        todo.push_back(c);
        continue;
      }
      // "Top Democrats, including A, B and C": the items hang on their head as a modifier.
      bool including = false;
      if (k == 0 && tree->Rel(c) == "nmod")
        for (uint32_t g : tree->Children(c)) including = including || F(g) == "including";
      if (tree->Rel(c) != "conj" && !including) continue;
      todo.push_back(c);
      int m = NodeMention(static_cast<int>(c));
      if (m < 0 || M(m).kind == MentionKind::kPronoun) continue;
      // "..., General President Edward Kelly said": the speaker, not one more item.
      if (M(m).token_end < e_ && (Cue(M(m).token_end) & kReport)) continue;
      if (std::find(group->begin(), group->end(), m) == group->end()) group->push_back(m);
    }
  }
}

// True when tokens [from, to) only join two list items: commas, "and", "or", articles, "of
// PLACE" after a person ("Tim Kaine of Virginia and ...").
bool SentenceRules::Separator(uint32_t from, uint32_t to, bool after_person) const {
  if (from >= to) return false;
  bool joiner = false;
  // "the AFSMCE public-employee union, the AFT": a short descriptor after the name.
  uint32_t desc = from;
  while (desc < to && desc < from + 3 && IsLowerWord(doc_.TokenText(desc)) &&
         !Prepositions().count(F(desc)) && !Cue(desc) && !ChainWords().count(F(desc)) &&
         !lex_.words.count(F(desc)) && F(desc) != "and" && F(desc) != "or")
    ++desc;
  // Not a clause: "days after Biden left the race, and the AFT ..." (the tagger tells a verb).
  bool clause = false;
  if (desc > from && desc < to && F(desc) == ",") {
    if (const SentenceTree* tree = Tree())
      for (uint32_t q = from; q < desc; ++q) clause = clause || tree->Upos(q) == "VERB";
  }
  if (desc < to && F(desc) == "," && !clause) from = desc;
  for (uint32_t j = from; j < to; ++j) {
    std::string_view w = F(j);
    // "X in 2020 and Y in 2016": a time phrase after an item.
    if ((w == "in" || w == "on") && j + 1 < to &&
        (YearOf(F(j + 1)) || F(j + 1) == "january" ||
         std::isdigit(static_cast<unsigned char>(F(j + 1)[0])))) {
      ++j;
      continue;
    }
    if (w == "," || w == "and" || w == "or" || w == "nor" || w == "&" || w == "plus") {
      joiner = true;
      continue;
    }
    // "Starmer for leader and Rayner for deputy": the office each item is backed for.
    if (after_person && w == "for" && j == from && j + 2 < to &&
        IsLowerWord(doc_.TokenText(j + 1)) && F(j + 2) == "and" && !ForADuration(j + 1)) {
      ++j;
      continue;
    }
    if (w == "the" || w == "both" || w == "either" || w == "neither" || w == "former" ||
        w == "as" || w == "well" || w == "—" || w == "\xE2\x80\x94")
      continue;
    if (after_person && w == "of" && j + 1 < to && mentions::IsCapitalized(doc_.TokenText(j + 1))) {
      ++j;
      while (j + 1 < to && mentions::IsCapitalized(doc_.TokenText(j + 1))) ++j;
      continue;
    }
    return false;
  }
  return joiner;
}

std::vector<int> SentenceRules::Group(int m) const {
  std::vector<int> g{m};
  if (M(m).kind == MentionKind::kPronoun) return g;  // a pronoun is never one item of a list
  auto it = std::find(sent_mentions_.begin(), sent_mentions_.end(), m);
  for (++it; it != sent_mentions_.end(); ++it) {
    const Mention& prev = M(g.back());
    const Mention& next = M(*it);
    if (next.token_begin < prev.token_end) continue;
    if (next.kind == MentionKind::kPronoun) break;
    // "..., General President Edward Kelly said": the speaker, not one more item.
    if (next.token_end < e_ && (Cue(next.token_end) & kReport)) break;
    bool person = Resolved(g.back()) && doc_.actors[prev.actor].kind == ActorKind::kPerson;
    if (!Separator(prev.token_end, next.title_begin, person)) break;
    // "..., and Mitch McConnell vowed to ...", "..., and the Steelworkers followed suit": a
    // name that opens a clause of its own.
    uint32_t opener = next.title_begin;
    if (opener > prev.token_end && F(opener - 1) == "the") --opener;
    if (opener >= prev.token_end + 2 && F(opener - 1) == "and" && F(opener - 2) == "," &&
        next.token_end < e_ && IsLowerWord(doc_.TokenText(next.token_end))) {
      std::string_view w = F(next.token_end);
      if (ChainWords().count(w) || (Cue(next.token_end) & (kReport | kCopula)) ||
          (w.size() > 3 && w.ends_with("ed")) || starts_[next.token_end - b_])
        break;
    }
    g.push_back(*it);
  }
  return g;
}

bool SentenceRules::OpensSentence(uint32_t pos) const {
  if (pos == b_) return true;
  if (pos > b_ + 3) return false;
  const SentenceTree* tree = Tree();
  if (!tree) return false;
  static const core::StringSet kOpeners = {"ADV", "ADJ", "CCONJ", "SCONJ", "PART"};
  for (uint32_t q = b_; q < pos; ++q)
    if (!kOpeners.contains(tree->Upos(q))) return false;
  return true;
}

std::vector<int> SentenceRules::GroupLeft(int m) const {
  std::vector<int> g{m};
  if (M(m).kind == MentionKind::kPronoun) return g;
  auto it = std::find(sent_mentions_.begin(), sent_mentions_.end(), m);
  while (it != sent_mentions_.begin()) {
    --it;
    const Mention& prev = M(*it);
    const Mention& next = M(g.back());
    if (prev.token_end > next.title_begin) continue;
    if (prev.kind == MentionKind::kPronoun) break;
    bool person = Resolved(*it) && doc_.actors[prev.actor].kind == ActorKind::kPerson;
    if (!Separator(prev.token_end, next.title_begin, person)) break;
    // "Even better for Bush, Rubio stepped in": a name in a phrase that opens the sentence,
    // set off by a comma alone, is not a list item.
    uint32_t p = prev.title_begin;
    while (p > b_ && Determiners().count(F(p - 1))) --p;
    bool comma_only = true;
    for (uint32_t q = prev.token_end; q < next.title_begin; ++q)
      if (F(q) != ",") comma_only = false;
    if (comma_only && p > b_ && Prepositions().count(F(p - 1)) && g.size() == 1 &&
        OpensSentence(p - 1))
      break;
    g.push_back(*it);
  }
  std::reverse(g.begin(), g.end());
  return g;
}

uint32_t SentenceRules::ClauseCues(uint32_t from) const {
  uint32_t cues = 0;
  for (uint32_t j = from; j < e_ && j < from + 6; ++j) {
    if (F(j) == "," || (Cue(j) & kBoundary)) break;
    std::string_view w = F(j);
    if (w == "previously" || w == "formerly" || w == "originally" || w == "initially")
      cues |= kPast;
  }
  return cues;
}

// A year named in the clause after `from`, or in an opening "In 2016, ..." of the sentence.
int SentenceRules::YearAfter(uint32_t from) const {
  for (uint32_t j = from; j < e_ && j < from + 14; ++j) {
    if (F(j) == ";" || (Cue(j) & kBoundary) || (Cue(j) & kRelative)) break;
    // "refused to endorse X, breaking a pledge he made last year": a participle clause, or a
    // contrast ("but"), dates something else.
    if (F(j) == "but") break;
    if (F(j) == "," && j + 1 < e_ && F(j + 1).size() > 4 && F(j + 1).ends_with("ing") &&
        IsLowerWord(doc_.TokenText(j + 1)))
      break;
    // "endorsed X last year": the year before the article's.
    int ref = doc_.date ? doc_.date->year : ref_year_;
    if (F(j) == "last" && j + 1 < e_ && F(j + 1) == "year" && ref) return ref - 1;
    int y = YearOf(F(j));
    if (y && j > b_ &&
        (F(j - 1) == "in" || F(j - 1) == "and" || F(j - 1) == "of" || F(j - 1) == "since" ||
         F(j - 1) == "'s" || F(j - 1) == "both"))
      return y;
  }
  for (uint32_t j = b_; j < e_ && j < b_ + 3; ++j)
    if (int y = YearOf(F(j)); y && j > b_ && F(j - 1) == "in") return y;
  return 0;
}

void SentenceRules::Emit(const std::vector<int>& holders_in, const std::vector<int>& targets_in,
                         Stance stance, StanceStatus status, Act act, const Trigger& t,
                         bool relative, const std::string& rule) {
  std::vector<int> holders = holders_in, targets = targets_in;
  // "Trump's supporters have been enthused ... and their support for him": "their" are the
  // supporters, whom the text does not name.
  std::erase_if(holders, [&](int h) {
    if (h < 0 || M(h).kind != MentionKind::kPronoun || !(M(h).flags & Mention::kPlural))
      return false;
    for (uint32_t q = b_ + 1; q < M(h).token_begin; ++q)
      if (RelatedPeople().contains(F(q)) && (F(q - 1) == "'s" || F(q - 1) == "'" ||
                                            (MenAt(q - 1) >= 0 && (M(MenAt(q - 1)).flags &
                                                                   Mention::kPossessive))))
        return true;
    return false;
  });
  if (holders.empty()) return;
  TreeConj(&holders);
  TreeConj(&targets);
  // "lined up behind X, including A and B": a list the holders were taken from is not the
  // targets' too.
  std::erase_if(targets, [&](int g) {
    return std::find(holders.begin(), holders.end(), g) != holders.end();
  });
  // Time of the stance: a date or year named after the stance word.
  std::optional<Date> when;
  if (doc_.date) {
    uint32_t from = doc_.tokens[t.begin].begin;
    std::string_view rest = std::string_view(doc_.text).substr(
        from, doc_.sentences[s_].end - std::min(from, doc_.sentences[s_].end));
    when = date::ResolveTime(rest, *doc_.date, status != StanceStatus::kPlanned);
  }
  // A stance dated well before the article ("in 2016", "in April 2019", "last year's
  // contest") is over by the article's time.
  // Without the article's date, the latest year the article names stands in for it. A stance
  // held "since" a date is still in force.
  bool dated_past = false;
  int year = YearAfter(t.end);
  bool since = false;
  for (uint32_t q = t.end; q < e_ && q < t.end + 12; ++q)
    if (F(q) == "since") since = true;
  int ref_year = doc_.date ? doc_.date->year : ref_year_;
  if (status == StanceStatus::kCurrent && !since && ref_year) {
    if (year && year < ref_year) {
      status = StanceStatus::kPast;
      dated_past = true;
    }
  }
  // "four years ago", "in the last election", "in previous elections", "in the past".
  if (status == StanceStatus::kCurrent && !since) {
    for (uint32_t q = t.end; q + 1 < e_ && q < t.end + 14; ++q) {
      if (F(q) == ";" || (Cue(q) & (kBoundary | kRelative)) || F(q) == "but") break;
      const bool ago = F(q + 1) == "ago" && (F(q) == "years" || F(q) == "year");
      // ("earlier than in any previous campaign" compares; it does not date.)
      const bool earlier_race =
          q > b_ && (F(q - 1) == "the" || F(q - 1) == "in" || F(q - 1) == "during") &&
          (F(q) == "last" || F(q) == "previous" || F(q) == "past" || F(q) == "prior") &&
          (F(q + 1) == "election" || F(q + 1) == "elections" || F(q + 1) == "campaign" ||
           F(q + 1) == "race" || F(q + 1) == "cycle");
      const bool in_the_past = F(q) == "the" && F(q + 1) == "past" && q > b_ && F(q - 1) == "in";
      if (ago || earlier_race || in_the_past) {
        status = StanceStatus::kPast;
        dated_past = true;
        break;
      }
    }
  }
  for (int h : holders) {
    if (!Resolved(h)) continue;
    for (int g : targets) {
      if (!Resolved(g)) continue;
      int32_t ha = M(h).actor, ta = M(g).actor;
      if (ha == ta) continue;
      if (IsIssue(doc_.actors[ha].kind)) continue;
      StanceRecord r;
      r.holder = ha;
      r.target = ta;
      r.stance = stance;
      r.status = status;
      r.act = act;
      r.sentence = s_;
      r.evidence_begin = doc_.sentences[s_].begin;
      r.evidence_end = doc_.sentences[s_].end;
      r.time = when;
      r.rule = rule + (relative ? "+relative" : "") + (dated_past ? "+dated" : "");
      doc_.stances.push_back(std::move(r));
    }
  }
}

StanceStatus StatusFrom(uint32_t cues) {
  if (cues & kPast) return StanceStatus::kPast;
  if (cues & kPlanned) return StanceStatus::kPlanned;
  return StanceStatus::kCurrent;
}

void SentenceRules::HandleVerb(const Trigger& t) {
  // "to defeat Trump" is a purpose; "Harris defeats Trump" an event; "help Harris defeat
  // Trump", "make sure Harris defeats Trump" a purpose again, the helper's.
  if (t.sense.cls == Cls::kVerbTo && (t.begin == b_ || F(t.begin - 1) != "to")) {
    HandleHelpedVerb(t);
    return;
  }
  uint32_t cues = 0;
  uint32_t start = ChainStart(t.begin, &cues);
  // "will vote on whether to endorse X", "undecided whether or not to back X": an open question.
  if (start > b_ &&
      (F(start - 1) == "whether" || (start > b_ + 2 && F(start - 1) == "not" &&
                                     F(start - 2) == "or" && F(start - 3) == "whether")))
    return;
  // "Usdaw had been expected to support Phillips, but ...": an expectation of the past, which
  // the text tells only to say it did not come true.
  for (uint32_t j = start; j + 2 < t.begin; ++j)
    if (F(j) == "had" && F(j + 1) == "been" && (Cue(j + 2) & kPlanned)) return;
  // "had been in his corner" is current; pluperfect of the stance verb itself is past.
  bool had = false;
  for (uint32_t j = start; j < t.begin; ++j) {
    if (F(j) != "had") continue;
    uint32_t q = j + 1;
    while (q < t.begin && F(q).size() > 2 && F(q).compare(F(q).size() - 2, 2, "ly") == 0) ++q;
    if (q < t.begin && (F(q) == "already" || F(q) == "long")) ++q;
    // "he said the board had voted to endorse X": the tense of reported speech, not a past.
    static const core::StringSet kDecided = {"voted", "decided", "agreed", "chose"};
    bool reported = false;
    if (q < t.begin && kDecided.contains(F(q)))
      for (uint32_t r = b_; r < j; ++r) reported = reported || (Cue(r) & kReport);
    if (reported) continue;
    if (!(q < t.begin && F(q) == "been")) had = true;  // "had been endorsed" stays in force
  }
  cues &= ~kPast;
  for (uint32_t j = start; j < t.begin; ++j) {
    std::string_view w = F(j);
    if (w == "previously" || w == "formerly" || w == "once" || w == "originally" ||
        w == "initially")
      cues |= kPast;
  }
  if (had) cues |= kPast;
  cues |= ClauseCues(t.end) & kPast;
  // "is supporting neither Sanders nor Warren"
  if (t.end < e_ && F(t.end) == "neither") cues |= kNegation;
  // "I can't look my daughter in the eye and vote for Trump": a negated modal before a verb
  // coordinated with this one covers both.
  // ("... and instead wrote in McCain" is the contrary.)
  if (start > b_ + 2 && (F(start - 1) == "and" || F(start - 1) == "or") && F(start) != "instead" &&
      ObjectRight(t.end, 2) >= 0) {
    static const core::StringSet kModals = {"ca", "can", "could", "wo", "will", "would",
                                            "should", "did", "do", "does"};
    for (uint32_t q = start - 1; q-- > b_ + 1 && start - q < 12;) {
      if (F(q) == "," || (Cue(q) & (kBoundary | kRelative))) break;
      if (MenAt(q) >= 0 && M(MenAt(q)).kind != MentionKind::kPronoun) break;
      if ((F(q) == "n't" || F(q) == "not") && kModals.contains(F(q - 1))) {
        cues |= kNegation;
        break;
      }
      if (F(q) == "cannot") {
        cues |= kNegation;
        break;
      }
    }
  }
  // "failed to honor an earlier pledge to support the nominee", "has yet to make good on his
  // promise to endorse X": a pledge not kept states no support.
  if (start > b_ + 1 && F(start) == "to" && t.sense.stance == Stance::kSupport) {
    static const core::StringSet kPledges = {"pledge", "promise", "vow", "commitment"};
    static const core::StringSet kUnkept = {"failed", "fails", "yet",      "broke",   "broken",
                                            "breaking", "reneged", "renege", "abandoned"};
    for (uint32_t p = start; p-- > b_ && start - p <= 5;) {
      if (!kPledges.contains(F(p))) continue;
      for (uint32_t q = p; q-- > b_ && p - q <= 10;)
        if (kUnkept.contains(F(q))) cues |= kNegation;
      break;
    }
  }
  // "could no longer endorse Trump": support that has ended.
  bool no_longer = false;
  for (uint32_t j = start; j + 1 < t.begin; ++j)
    if (F(j) == "no" && F(j + 1) == "longer") no_longer = true;
  if (no_longer) {
    cues &= ~(kNegation | kPlanned);
    cues |= kPast;
  }
  // "urged readers not to vote for him": the one who urges opposes him.
  bool urged_not = false;
  if ((cues & kNegation) && t.sense.stance == Stance::kSupport && F(start) == "not" &&
      start + 1 < t.begin && F(start + 1) == "to") {
    urged_not = UrgeVerbBefore(start, 6) >= 0;
  }
  if (urged_not) cues &= ~kNegation;
  bool negated = cues & kNegation;
  Stance stance = urged_not ? Stance::kOppose : t.sense.stance;
  Act act = urged_not ? Act::kBack : t.sense.act;
  StanceStatus status = StatusFrom(cues);
  if (status == StanceStatus::kPlanned && !t.sense.negation_is_neutral) {
    // "said he would campaign alongside Smith": an activity the holder is already committed to.
    bool strong = false;
    for (uint32_t j = start; j < t.begin; ++j) {
      std::string_view w = F(j);
      if ((Cue(j) & kPlanned) && w != "will" && w != "would" && w != "'ll" && w != "wo")
        strong = true;
    }
    if (!strong) status = StanceStatus::kCurrent;
  }
  // "will vote on Thursday to endorse X", "will meet Monday to endorse X": a vote still to be
  // held.
  if (F(start) == "to" && !negated && t.sense.act == Act::kEndorse) {
    for (uint32_t k = start; k-- > b_ + 1 && k + 6 > start;) {
      if (F(k) != "vote" && F(k) != "meet") continue;
      const std::string_view before = F(k - 1);
      if (before == "will" || before == "'ll" || before == "would" || before == "to")
        status = StanceStatus::kPlanned;
      break;
    }
  }
  if (negated) {
    // "would not vote for", "never endorsed" state no position of their own.
    if (stance != Stance::kSupport || !t.sense.negation_is_neutral) return;
    for (uint32_t j = start; j < t.begin; ++j)
      if (F(j) == "never") return;
    stance = Stance::kNeutral;
    act = Act::kNeutral;
    status = had ? StanceStatus::kPast : StanceStatus::kCurrent;
  }

  // Passive, or a participle with an agent: "Y was endorsed by X", "the plan championed by X".
  uint32_t after = t.end;
  // The passive read from the tree, where the word order does not show its parts.
  auto tree_passive = [&]() {
    int agent = -1, subj = -1;
    bool rel = false;
    int v = Tree() ? Tree()->SpanHead(t.begin, t.end) : -1;
    if (v >= 0 && TreePassive(static_cast<uint32_t>(v), &agent, &subj, &rel) && agent >= 0 &&
        subj >= 0 && !negated)
      Emit(Group(agent), {subj}, stance, status, act, t, rel, "tree-passive");
  };
  if (after < e_ && F(after) == "by") {
    int agent = ObjectRight(after + 1, 5);
    bool rel = false;
    int subj = SubjectLeft(start, &rel);
    // "Biden, endorsed by the Teamsters, won": a participle set off after the name it describes.
    if (subj < 0 && start > b_ + 1 && F(start - 1) == "," && MenAt(start - 2) >= 0 &&
        M(MenAt(start - 2)).kind != MentionKind::kPronoun) {
      subj = MenAt(start - 2);
      rel = true;
    }
    if (agent >= 0 && subj >= 0) {
      Emit(Group(agent), GroupLeft(subj), stance, status, act, t, rel, "passive");
    } else {
      tree_passive();
    }
    return;
  }
  if (start < t.begin && (Cue(t.begin - 1) & kCopula) && F(t.begin - 1) != "being" &&
      t.end - t.begin == 1 && F(t.begin).size() > 2 &&
      F(t.begin).compare(F(t.begin).size() - 2, 2, "ed") == 0) {
    tree_passive();  // an agent further on ("was endorsed on Tuesday by X"), if any
    return;
  }

  // "expected him to endorse her", "urged Republicans to unite behind the nominee".
  int holder = -1;
  bool relative = false;
  const bool to_clause =
      F(start) == "to" || (F(start) == "not" && start + 1 < e_ && F(start + 1) == "to");
  if (start > b_ + 1 && to_clause) {
    int m = MenAt(start - 1);
    if (m >= 0 && M(m).title_begin > b_) {
      uint32_t v = M(m).title_begin - 1;
      uint32_t vc = Cue(v);
      if (vc & kExpect) {
        holder = m;
        if (!negated) status = StanceStatus::kPlanned;
      } else if (vc & kUrge) {
        holder = SubjectLeft(ChainStart(v, nullptr), &relative);
        if (holder < 0) return;
      }
    } else if (start > b_ + 1) {
      // "urged Republicans who had backed other candidates to unite behind": an urge verb
      // earlier in the clause whose object is no actor.
      if (const int u = UrgeVerbBefore(start, 10); u >= 0) {
        const uint32_t v = static_cast<uint32_t>(u);
        // "declared him unfit and urged readers not to ...": the urge verb's subject is the
        // one it shares with the verb before, which the word order does not show.
        const uint32_t vs = ChainStart(v, nullptr);
        if (vs > b_ && (F(vs - 1) == "and" || F(vs - 1) == "but"))
          holder = TreeSharedSubject(Trigger{v, v + 1, t.sense});
        if (holder < 0) holder = SubjectLeft(vs, &relative);
      }
    }
  }
  // "GOP ads that attacked Pelosi", "the union's radio ads against X": the name on the ads.
  if (holder < 0 && F(t.begin) == "ads") {
    static const core::StringSet kAdWords = {"radio", "television", "tv",       "attack",
                                             "digital", "negative", "online", "'s"};
    uint32_t k = t.begin;
    while (k > b_ && kAdWords.contains(F(k - 1))) --k;
    if (k > b_ && MenAt(k - 1) >= 0 && M(MenAt(k - 1)).kind != MentionKind::kPronoun)
      holder = MenAt(k - 1);
  }
  if (holder < 0) holder = SubjectLeft(start, &relative);
  int target = ObjectRight(t.end, 4);
  static const core::StringSet kCandidateNouns = {
      "democrats",   "republicans", "candidates", "politicians", "nominees",
      "incumbents",  "conservatives", "liberals", "progressives", "moderates"};
  if (target < 0 && t.end < e_ && kCandidateNouns.contains(F(t.end))) {
    // "had endorsed Democrats in recent contests, including Biden four years ago": candidates
    // left unnamed, and the names the list after them gives.
    for (uint32_t q = t.end + 1; q < e_ && q < t.end + 10; ++q) {
      if ((Cue(q) & (kBoundary | kRelative)) || MenAt(q) >= 0) break;
      if (F(q) == ",") {
        target = ListedAfter(q);
        break;
      }
    }
  }
  if ((holder < 0 || (!Resolved(holder) && M(holder).kind == MentionKind::kDescription)) &&
      target >= 0) {
    // "the largest union to support Sanders, the Communications Workers of America, ...":
    // an unnamed subject named by the apposition after the object.
    uint32_t after_obj = M(target).token_end;
    if (after_obj + 1 < e_ && F(after_obj) == ",") {
      uint32_t q = after_obj + 1;
      while (q < e_ && F(q) == "the") ++q;
      int named = MenAt(q);
      if (named >= 0 && M(named).kind != MentionKind::kPronoun &&
          !(M(named).token_end < e_ && F(M(named).token_end) == "and")) {
        holder = named;
        relative = true;
      }
    }
  }
  if (holder >= 0 && !Resolved(holder) && M(holder).kind == MentionKind::kDescription) {
    // "The electricians' union, the IBEW, campaigned against ...": the name set off after the
    // description.
    uint32_t q = M(holder).token_end;
    if (q + 1 < t.begin && F(q) == ",") {
      ++q;
      if (F(q) == "the") ++q;
      const int named = MenAt(q);
      if (named >= 0 && Resolved(named) && M(named).kind != MentionKind::kPronoun &&
          M(named).token_end < t.begin && F(M(named).token_end) == ",")
        holder = named;
    }
  }
  bool listed = false;  // the holders are a list that follows "among them"/"including"
  if (holder < 0 || !Resolved(holder)) {
    // "Governors ..., among them A, B and C, all said they supported X"
    if (const int m = ListedHolder(t.begin); m >= 0) {
      holder = m;
      listed = true;
    }
  }
  if ((holder < 0 || !Resolved(holder)) && target >= 0) {
    // "Several unions lined up behind X, including A and B": the unnamed subject's members
    // are listed after the object.
    int m = ListedAfter(M(Group(target).back()).token_end);
    if (m >= 0) {
      holder = m;
      listed = true;
    }
  }
  if (holder < 0 || !Resolved(holder)) {
    int shared = TreeSharedSubject(t);
    if (shared >= 0) {
      holder = shared;
      relative = false;
    }
  }
  if (holder < 0) return;
  if (target < 0 && !negated) {
    // "Strange, whom the fund had backed": the object is the relative clause's head.
    uint32_t hb = M(GroupLeft(holder).front()).title_begin;  // "whom A and B had backed"
    while (hb > b_ && (F(hb - 1) == "the" || F(hb - 1) == "a")) --hb;
    if (hb > b_ && (F(hb - 1) == "whom" || F(hb - 1) == "which" || F(hb - 1) == "that")) {
      int head = RelativeHead(hb - 1);
      if (head >= 0 && head != holder) target = head;
    } else if (hb > b_ + 3) {
      // "the TPP, the trade pact CWA has fought": a relative clause without its pronoun, on
      // a description set off after a name.
      uint32_t d = hb;
      if (int desc = MenAt(hb - 1); desc >= 0 && M(desc).kind == MentionKind::kDescription)
        d = M(desc).token_begin;  // "the labor bill" found as a description
      while (d > b_ && d + 4 > hb && IsLowerWord(doc_.TokenText(d - 1)) && !Cue(d - 1) &&
             !Prepositions().count(F(d - 1)) && MenAt(d - 1) < 0)
        --d;
      if (d < hb && (F(d) == "the" || F(d) == "a") && d > b_ + 1 && F(d - 1) == ",") {
        int head = MenAt(d - 2);
        if (head >= 0 && head != holder && M(head).kind != MentionKind::kPronoun)
          target = head;
      }
    }
  }
  if (target < 0) {
    if (negated) HandleNeutral(t);
    return;
  }
  // "campaign for a No vote in the referendum": the vote, read by the measure rule, decides.
  for (uint32_t q = t.end; q < M(target).title_begin; ++q)
    if (F(q) == "vote" || F(q) == "votes") return;
  // A relative clause is about the name right before it ("A and B, which had endorsed C").
  std::vector<int> holders =
      listed ? Group(holder)
      : M(holder).kind == MentionKind::kPronoun || (relative && kSingleRelative)
          ? std::vector<int>{holder}
          : GroupLeft(holder);
  // "A and B announced that they were supporting X"; "X said Republicans should unite behind
  // Y": the reporting clause's subject holds the stance.
  {
    uint32_t hb = M(holder).title_begin;
    uint32_t r = hb;
    if (r > b_ && F(r - 1) == "that") --r;
    bool should = false;
    for (uint32_t q = M(holder).token_end; q < t.begin; ++q)
      if (F(q) == "should" || F(q) == "must") should = true;
    bool plural = M(holder).flags & Mention::kPlural;
    if (r > b_ && (plural || should)) {
      uint32_t v = r - 1;
      while (v > b_ && !(Cue(v) & kReport) && r - v < 4) --v;
      // "told readers they could vote for X": the pronoun is the people told, not the teller.
      const bool told_whom = v + 1 < r && IsLowerWord(doc_.TokenText(v + 1)) &&
                             F(v + 1).size() > 3 && F(v + 1).back() == 's' &&
                             !Prepositions().count(F(v + 1));
      if ((Cue(v) & kReport) && !told_whom) {
        bool rel2 = false;
        int reporter = SubjectLeft(ChainStart(v, nullptr), &rel2);
        if (reporter >= 0 && M(reporter).kind != MentionKind::kPronoun) {
          holders = GroupLeft(reporter);
          relative = rel2;
        }
      }
    }
  }
  // An object pronoun is not its own verb's subject ("Berkley ... endorsed her").
  if (M(target).kind == MentionKind::kPronoun && Resolved(target) && Resolved(holder) &&
      M(target).actor == M(holder).actor) {
    // Nor any of the holders listed with it ("A and B backing his campaign").
    std::set<int32_t> held = HeldActors(holders, /*names_only=*/true);
    held.insert(M(holder).actor);
    int32_t other = OtherAntecedent(target, held);
    if (other >= 0) {
      EmitTo(holders, other, stance, status, act, relative, "verb+rebound");
      return;
    }
  }
  std::vector<int> targets = Group(target);
  // "endorsed Democrats in recent contests, including Biden"
  for (uint32_t q = M(targets.back()).token_end; q < e_ && q < M(targets.back()).token_end + 8;
       ++q) {
    if (Cue(q) & (kBoundary | kRelative)) break;
    if (F(q) == "including" && MenAt(q + 1) >= 0) {
      for (int more : Group(MenAt(q + 1))) targets.push_back(more);
      break;
    }
  }
  // "Ayotte, who had said she would vote for Trump, ...": what the holder had said then.
  {
    uint32_t r = M(holder).title_begin;
    if (r > b_ && F(r - 1) == "that") --r;
    if (M(holder).kind == MentionKind::kPronoun && r > b_ + 1 && (Cue(r - 1) & kReport) &&
        F(r - 2) == "had" && stance != Stance::kNeutral)
      status = StanceStatus::kPast;
  }
  Emit(holders, targets, stance, status, act, t, relative, "verb");
  // "has not yet endorsed X but is expected to do so": the neutrality, and the support to come.
  if (negated && stance == Stance::kNeutral) {
    const uint32_t from = M(targets.back()).token_end;
    for (uint32_t q = from; q + 1 < e_ && q < from + 12; ++q) {
      if (F(q) == ";") break;
      if (F(q) != "do" || (F(q + 1) != "so" && F(q + 1) != "that")) continue;
      uint32_t plan = 0;
      for (uint32_t k = q; k-- > from && k + 5 > q;)
        plan |= Cue(k) & (kPlanned | kExpect | kNegation);
      if ((plan & (kPlanned | kExpect)) && !(plan & kNegation))
        Emit(holders, targets, t.sense.stance, StanceStatus::kPlanned, t.sense.act, t, relative,
             "verb+do-so");
      break;
    }
  }
}

// Walks left from a stance noun at `head` over its noun phrase: names (the nearest one is put in
// *first_mention), possessive marks, determiners and adjectives; returns the phrase's first
// token. Act nouns ("endorsement") take at most three words before them; agent nouns ("ally")
// any number, and "one of" / "among" ("one of her most visible surrogates"). *past (if given)
// is set when a word such as "former" or "one-time" marks a position held before.
uint32_t SentenceRules::NounPhraseStart(uint32_t head, bool agent, int* first_mention,
                                        bool* past) const {
  uint32_t np = head;
  while (np > b_) {
    uint32_t k = np - 1;
    int m = MenAt(k);
    if (m >= 0) {
      if (*first_mention < 0) *first_mention = m;
      np = M(m).title_begin;
      continue;
    }
    std::string_view w = F(k);
    // ("an early Trump supporter" mostly still is one: only a later stance ends it.)
    if (past && (w == "former" || w == "onetime" || w == "one-time" || w == "once"))
      *past = true;
    bool adjective = IsLowerWord(doc_.TokenText(k)) && !ChainWords().count(w) &&
                     !Prepositions().count(w) && w != "and" && w != "or" &&
                     !(Cue(k) & ~kPast) && (agent || np + 3 > head);
    if (w == "'s" || w == "'" || Determiners().count(w) || adjective) {
      --np;
      continue;
    }
    if (agent && w == "of" && k > b_ && (F(k - 1) == "one" || F(k - 1) == "among")) {
      np = k - 1;
      continue;
    }
    break;
  }
  return np;
}

void SentenceRules::HandleNoun(const Trigger& t) {
  int possessor = -1;
  uint32_t np = NounPhraseStart(t.begin, /*agent=*/false, &possessor, nullptr);
  uint32_t cues = 0;
  uint32_t vstart = ChainStart(np, &cues);
  bool negated = cues & kNegation;
  for (uint32_t j = np; j < t.begin; ++j)
    if (F(j) == "no") negated = true;
  // The verb that governs the noun phrase.
  uint32_t verb = np > b_ ? np - 1 : np;
  // "picked up the endorsement of X": the verb before the particle.
  if (np > b_ + 1 && F(verb) == "up") --verb;
  uint32_t vcue = np > b_ ? Cue(verb) : 0;
  if ((vcue & kSwitch) || (np > b_ + 1 && (Cue(np - 2) & kSwitch) && F(np - 1) == "its")) {
    // "switched its support from X to Y"
    uint32_t from = t.end;
    if (from < e_ && F(from) == "from") {
      HandleSwitch(Trigger{verb, t.end, t.sense}, from + 1);
      return;
    }
  }
  // "had expected to win Usdaw's support": an expectation that came to nothing.
  for (uint32_t j = vstart; j + 1 < np; ++j)
    if (F(j) == "had" && (F(j + 1) == "expected" || F(j + 1) == "hoped")) return;
  for (uint32_t j = b_; j + 1 < np; ++j)
    if (F(j) == "had" && (F(j + 1) == "expected" || F(j + 1) == "hoped") && np - j < 8) return;
  bool withdraw = vcue & kWithdraw;
  if (withdraw) {
    uint32_t wcues = 0;
    ChainStart(verb, &wcues);
    if (wcues & kNegation) negated = true;
  }
  bool get = (vcue & kGet) && !(np > b_ && F(np - 1) == "had" && withdraw);
  if (!get && np > b_ + 1 && F(np - 1) == "down" && F(np - 2) == "locked") get = true;
  bool in_support = np > b_ && F(np - 1) == "in";
  if (t.sense.cls == Cls::kGetNoun && !get) return;

  // Prepositional complements after the noun.
  int of_obj = -1, from_obj = -1, for_obj = -1;
  uint32_t j = t.end;
  for (int round = 0; round < 3 && j < e_; ++round) {
    std::string_view w = F(j);
    if (w == "of" || w == "from" || w == "by" || w == "for" || w == "to" || w == "behind" ||
        w == "between") {
      int m = ObjectRight(j + 1, 2);
      // "the backing of Britain's biggest union, Unite": the name in apposition.
      if (m < 0 && w == "of") m = NameAfterDescription(j + 1);
      if (m < 0) break;
      // "support from fellow GOP lawmakers": a part of the organization, as for a subject;
      // the slot is taken by people the text does not name.
      if (M(m).token_end < e_ && (lex_.CueOf(F(M(m).token_end)) & kMember)) return;
      if (w == "of")
        of_obj = m;
      else if (w == "from" || w == "by")
        from_obj = m;
      else
        for_obj = m;
      j = M(m).token_end;
      while (j < e_ && (F(j) == "," || F(j) == "and")) {
        int more = MenAt(j + 1);
        if (more < 0) break;
        j = M(more).token_end;
      }
      continue;
    }
    break;
  }
  // "endorsements from 18 unions, including the SEIU and the NEA".
  if (from_obj < 0 && of_obj < 0) {
    for (uint32_t k = t.end; k < e_ && k < t.end + 14; ++k) {
      if (F(k) == "including" || F(k) == "among") {
        for (uint32_t q = k + 1; q < e_ && q < k + 10; ++q) {
          if (Cue(q) & (kRelative | kBoundary)) break;
          if (MenAt(q) >= 0 && !IsPossessiveDeterminer(MenAt(q))) {
            from_obj = MenAt(q);
            break;
          }
        }
        break;
      }
      if (F(k) == ";" || F(k) == ".") break;
    }
  }

  std::vector<int> holders, targets;
  bool relative = false;
  if (get) {
    cues = 0;
    ChainStart(verb, &cues);
    // "Y won the backing of X", "he's got our support".
    int receiver = SubjectLeft(vstart, &relative);
    int giver = from_obj >= 0 ? from_obj : of_obj >= 0 ? of_obj : possessor;
    if (receiver < 0 || giver < 0) return;
    holders = giver == possessor ? std::vector<int>{giver} : Group(giver);
    targets = {receiver};
    if (for_obj >= 0) targets = Group(for_obj);
  } else {
    if (from_obj >= 0)
      holders = Group(from_obj);
    else if (possessor >= 0 && !(M(possessor).kind == MentionKind::kPronoun &&
                                 !IsPossessiveDeterminer(possessor) && false))
      holders = {possessor};
    // "Several Republicans, including A and B, withdrew their support": "their" are the ones
    // listed.
    if (possessor >= 0 && F(M(possessor).token_begin) == "their") {
      for (uint32_t q = b_; q + 1 < M(possessor).token_begin; ++q) {
        if (F(q) != "," || q == b_) continue;
        int m = ListedAfter(q);
        if (m >= 0) {
          holders = Group(m);
          break;
        }
      }
    }
    int target = for_obj >= 0 ? for_obj : of_obj;
    if (target >= 0) targets = Group(target);
    // "X announced their support for Y": the subject of the governing verb holds it.
    int subj = -1;
    if (holders.empty() || (possessor >= 0 && M(possessor).kind == MentionKind::kPronoun)) {
      subj = SubjectLeft(in_support ? ChainStart(vstart, nullptr) : vstart, &relative);
      if (subj >= 0 && (holders.empty() || M(subj).kind != MentionKind::kPronoun))
        holders = M(subj).kind == MentionKind::kPronoun ? std::vector<int>{subj} : GroupLeft(subj);
    }
    // "its history of backing Republicans": a gerund with an object of its own, not a name,
    // is not the endorsement just reported.
    static const core::StringSet kNotObject = {"and", "or",   "but",   "until", "as",
                                              "since", "when", "while", "if",    "unless"};
    const bool gerund_object = F(t.end - 1).ends_with("ing") && t.end < e_ && IsWord(F(t.end)) &&
                               Cue(t.end) == 0 && !Prepositions().contains(F(t.end)) &&
                               !kNotObject.contains(F(t.end));
    if (targets.empty() && possessor >= 0 && !holders.empty() && !gerund_object &&
        M(possessor).kind == MentionKind::kPronoun) {
      // "X is in no rush to reconsider their endorsement": the endorsement just reported. One
      // withdrawn ends the holder's own, or one that others withdrew ("Y withdrew his
      // endorsement of Z. X was rescinding his backing as well"), not any ("Y would write in
      // Z. X rescinded his endorsement").
      const std::set<int32_t> held = HeldActors(holders, /*names_only=*/false);
      for (auto it = doc_.stances.rbegin(); it != doc_.stances.rend(); ++it) {
        if (it->sentence + 2 < s_) break;
        const bool ended = withdraw && !negated && it->status == StanceStatus::kPast;
        if (it->sentence < s_ && it->stance == t.sense.stance &&
            (!withdraw || held.count(it->holder) || ended)) {
          prev_target_ = it->target;
          break;
        }
      }
    }
    if (targets.empty()) {
      // "Our endorsement stands as long as Bernie Sanders does": a person later in the clause.
      for (uint32_t k = t.end; k < e_ && k < t.end + 10; ++k) {
        int m = MenAt(k);
        if (m >= 0 && Resolved(m) && doc_.actors[M(m).actor].kind == ActorKind::kPerson &&
            !IsPossessiveDeterminer(m)) {
          targets = {m};
          break;
        }
        if (F(k) == ";" || F(k) == "," || (Cue(k) & kBoundary)) break;
      }
    }
  }
  int32_t fallback_target = prev_target_;
  prev_target_ = -1;
  // Only where the endorsement names no object ("pulling her support for a moderate bill" has
  // one, unnamed).
  const bool object_given = t.end + 1 < e_ && (F(t.end) == "for" || F(t.end) == "of") &&
                            MenAt(t.end + 1) < 0;
  if (targets.empty() && fallback_target < 0 && withdraw && !holders.empty() &&
      possessor >= 0 && M(possessor).kind == MentionKind::kPronoun && !object_given)
    fallback_target = WithdrawnFrom(holders, t.begin);
  if (holders.empty() || (targets.empty() && fallback_target < 0)) return;
  Stance stance = t.sense.stance;
  Act act = t.sense.act;
  StanceStatus status = StatusFrom(cues & ~kPast);
  for (uint32_t k = vstart; k < t.begin; ++k) {
    std::string_view w = F(k);
    if (w == "previously" || w == "formerly" || w == "earlier" || w == "once" ||
        (w == "had" && !get))
      status = StanceStatus::kPast;
  }
  if (withdraw) {
    if (negated)
      status = StanceStatus::kCurrent;
    else
      status = StanceStatus::kPast;
  } else if (negated) {
    if (stance != Stance::kSupport) return;
    stance = Stance::kNeutral;
    act = Act::kNeutral;
    status = StanceStatus::kCurrent;
  }
  // A withdrawal ends the position the article reported before (see Dedupe).
  const std::string rule = withdraw && !negated ? "noun+withdrawn" : "noun";
  if (targets.empty()) {
    EmitTo(holders, fallback_target, stance, status, act, relative, rule + "+previous");
    return;
  }
  Emit(holders, targets, stance, status, act, t, relative, rule);
}

int32_t SentenceRules::WithdrawnFrom(const std::vector<int>& holders, uint32_t before) const {
  const std::set<int32_t> held = HeldActors(holders, /*names_only=*/false);
  // "his endorsement" of someone the article reports others endorsing is more likely an
  // endorsement of him: the pronoun, not the candidate, is then in doubt.
  for (const StanceRecord& r : doc_.stances)
    if (r.stance == Stance::kSupport && held.count(r.target)) return -1;
  // "X said he was sickened by Y's remarks but did not withdraw his endorsement": a holder named
  // here only as a possessor ("Y's") is more likely the one endorsed than the one endorsing.
  for (int m : sent_mentions_)
    if (M(m).token_end <= before && Resolved(m) && held.count(M(m).actor) &&
        (M(m).flags & Mention::kPossessive))
      return -1;
  // A candidate the article keeps coming back to: named three times or more so far.
  auto salient = [&](int32_t a) {
    int named = 0;
    for (const Mention& o : doc_.mentions) {
      if (o.sentence > s_) break;
      named += o.actor == a;
    }
    return named >= 3;
  };
  auto person = [&](const Mention& o) {
    return o.actor >= 0 && o.kind != MentionKind::kPronoun && !held.count(o.actor) &&
           doc_.actors[o.actor].kind == ActorKind::kPerson &&
           !held.count(doc_.actors[o.actor].org) && salient(o.actor);
  };
  // The latest person named before it in the sentence, else the first one of the sentence before.
  int32_t found = -1;
  for (int m : sent_mentions_)
    if (M(m).token_end <= before && person(M(m))) found = M(m).actor;
  if (found >= 0 || s_ == 0) return found;
  for (const Mention& o : doc_.mentions)
    if (o.sentence == s_ - 1 && person(o) && !(o.flags & Mention::kQuoted)) return o.actor;
  // Else the person the article is about so far: named by name at least twice, and twice as
  // often as any other.
  std::map<int32_t, int> named;
  for (const Mention& o : doc_.mentions) {
    if (o.sentence >= s_) break;
    if (o.actor >= 0 && o.kind != MentionKind::kPronoun && !held.count(o.actor) &&
        doc_.actors[o.actor].kind == ActorKind::kPerson && !held.count(doc_.actors[o.actor].org))
      ++named[o.actor];
  }
  int32_t top = -1;
  int most = 0, second = 0;
  for (const auto& [a, n] : named) {
    if (n > most) {
      second = most;
      most = n;
      top = a;
    } else if (n > second) {
      second = n;
    }
  }
  return most >= 2 && most >= 2 * second ? top : -1;
}

// The latest earlier person of the pronoun's gender.
int32_t SentenceRules::OtherAntecedent(int m, const std::set<int32_t>& exclude) const {
  char want = doc_.actors[M(m).actor].gender;
  // "it" is never a person: the measure or bill just named ("The Greens support it"), if any.
  // "they"/"them" are too often people the text never names ("voters", "delegates").
  const bool person = M(m).actor_kind == ActorKind::kPerson;
  if (!person && (M(m).flags & Mention::kPlural)) return -1;
  for (int k = m; k-- > 0;) {
    const Mention& o = doc_.mentions[k];
    if (!person && o.sentence + 2 < M(m).sentence) break;
    if (o.actor < 0 || exclude.count(o.actor) || o.kind == MentionKind::kPronoun) continue;
    const DocActor& a = doc_.actors[o.actor];
    if (!person) {
      if (IsIssue(a.kind)) return o.actor;
      continue;
    }
    if (a.kind == ActorKind::kPerson && (want == 0 || a.gender == want || a.gender == 0))
      return o.actor;
  }
  return -1;
}

void SentenceRules::EmitTo(const std::vector<int>& holders, int32_t target, Stance stance,
                           StanceStatus status, Act act, bool relative, const std::string& rule) {
  for (int h : holders) {
    if (!Resolved(h) || M(h).actor == target || IsIssue(doc_.actors[M(h).actor].kind)) continue;
    StanceRecord r;
    r.holder = M(h).actor;
    r.target = target;
    r.stance = stance;
    r.status = status;
    r.act = act;
    r.sentence = s_;
    r.evidence_begin = doc_.sentences[s_].begin;
    r.evidence_end = doc_.sentences[s_].end;
    r.rule = rule + (relative ? "+relative" : "");
    doc_.stances.push_back(std::move(r));
  }
}

void SentenceRules::HandleAgent(const Trigger& t) {
  // Target: a name right before the noun ("a staunch Sanders ally", "her most visible
  // surrogates") or after "of".
  int target = -1;
  bool past = false;
  uint32_t np = NounPhraseStart(t.begin, /*agent=*/true, &target, &past);
  if (target < 0 && t.end < e_ && F(t.end) == "of") target = ObjectRight(t.end + 1, 2);
  if (target < 0) return;
  // Holder: the name this noun phrase describes.
  int holder = -1;
  bool relative = false;
  if (np > b_ && F(np - 1) == ",") {
    // An apposition describes its name as a relative clause would: a stance the main clause
    // states toward someone else ("X, an early Y ally, now backs Z") supersedes it.
    holder = MenAt(np - 2);
    relative = true;
  } else if (np > b_ && (Cue(np - 1) & kCopula)) {
    const uint32_t chain = ChainStart(np, nullptr);
    holder = SubjectLeft(chain, &relative);
    // "had been one of Clinton's most loyal supporters": no more.
    for (uint32_t q = chain; q + 1 < np; ++q)
      if (F(q) == "had" && F(q + 1) == "been") past = true;
  } else if (np > b_ + 1 && F(np - 1) == "and") {
    // "X, the MP for Y, and a Z supporter"
    for (uint32_t k = np - 1; k-- > b_ + 1 && np - k < 20;) {
      if (F(k) == "," && MenAt(k - 1) >= 0) {
        holder = MenAt(k - 1);
        break;
      }
    }
  } else if (np > b_ + 1 && F(np - 1) == "among" && (Cue(np - 2) & kCopula)) {
    // "The Sierra Club is among Biden's supporters"
    holder = SubjectLeft(ChainStart(np - 1, nullptr), &relative);
  }
  std::vector<int> holders{holder};
  // "Warren's backers include the WFP and the AFT", "Opponents of Proposition 22 include A and
  // B", "Among Biden's supporters are A and B": the names after the verb hold the stance.
  uint32_t verb = t.end;
  if (verb < e_ && F(verb) == "of") verb = M(Group(target).back()).token_end;
  const bool among = np > b_ && F(np - 1) == "among" && (np - 1 == b_ || F(np - 2) == ",");
  if (verb + 1 < e_ && (F(verb) == "include" || F(verb) == "includes" ||
                        F(verb) == "included" || (among && (Cue(verb) & kCopula)))) {
    uint32_t q = verb + 1;
    while (q < e_ && F(q) == "the") ++q;
    if (int m = MenAt(q); m >= 0 && M(m).kind != MentionKind::kPronoun) {
      holder = m;
      holders = Group(m);
    }
  }
  if (holder < 0 || holder == target) return;
  if (M(holder).kind == MentionKind::kPronoun && !Resolved(holder)) return;
  Emit(holders, Group(target), t.sense.stance,
       past ? StanceStatus::kPast : StanceStatus::kCurrent, t.sense.act, t, relative, "agent");
}

void SentenceRules::HandlePrep(const Trigger& t) {
  uint32_t cues = 0;
  uint32_t start = ChainStart(t.begin, &cues);
  bool copula = false;
  for (uint32_t j = start; j < t.begin; ++j)
    if (Cue(j) & kCopula) copula = true;
  if (!copula) return;
  bool relative = false;
  int holder = SubjectLeft(start, &relative);
  int target = ObjectRight(t.end, 2);
  if (holder < 0 || target < 0) return;
  if (cues & kNegation) return;
  Emit(GroupLeft(holder), Group(target), t.sense.stance, StatusFrom(cues & ~kPast), t.sense.act, t,
       relative, "prep");
}

void SentenceRules::HandleFollow(const Trigger& t) {
  if (MenAt(t.end) >= 0) return;  // "joined Biden at a restaurant" is not following a stance
  if (t.end < e_ && F(t.end) == "by") return;
  bool relative = false;
  int holder = SubjectLeft(ChainStart(t.begin, nullptr), &relative);
  if (holder < 0) return;
  // The stance just reported, in this sentence or the two before; not one toward someone
  // named between the holder and the verb ("X, which backed A and then B, followed suit":
  // suit with the sentence before).
  auto named_between = [&](int32_t actor) {
    for (int m : sent_mentions_)
      if (M(m).actor == actor && M(m).token_begin >= M(holder).token_end &&
          M(m).token_begin < t.begin)
        return true;
    return false;
  };
  const StanceRecord* prev = nullptr;
  bool withdrawn = false;
  for (auto it = doc_.stances.rbegin(); it != doc_.stances.rend(); ++it) {
    if (it->sentence + 2 < s_) break;
    if (it->sentence == s_ && named_between(it->target)) continue;
    // "The Nationals decided to oppose the Voice, and Dutton later followed": whichever way
    // the stance just reported went; "X withdrew his endorsement of Y. Z followed suit": Z's
    // endorsement ended too.
    withdrawn = it->rule.find("+withdrawn") != std::string::npos;
    if (it->stance != Stance::kNeutral && (it->status == StanceStatus::kCurrent || withdrawn)) {
      prev = &*it;
      break;
    }
  }
  if (!prev) return;
  int32_t target = prev->target;
  Act act = prev->act;  // copied: EmitTo grows doc_.stances, which prev points into
  Stance stance = prev->stance;
  std::vector<int> holders;
  for (int h : GroupLeft(holder))
    if (M(h).kind != MentionKind::kPronoun) holders.push_back(h);
  EmitTo(holders, target, stance, withdrawn ? StanceStatus::kPast : StanceStatus::kCurrent, act,
         false, withdrawn ? "follow+withdrawn" : "follow");
}

std::vector<int> SentenceRules::RaceCandidates(const std::vector<int>& holders, uint32_t after,
                                               bool clause_only) const {
  std::set<int32_t> holder_actors;
  for (int h : holders)
    if (Resolved(h)) holder_actors.insert(M(h).actor);
  std::vector<int> out;
  std::set<int32_t> seen;
  auto consider = [&](int m) {
    if (!Resolved(m)) return;
    const Mention& men = M(m);
    if (men.kind == MentionKind::kPronoun) return;
    int32_t a = men.actor;
    if (doc_.actors[a].kind != ActorKind::kPerson || holder_actors.count(a) || seen.count(a))
      return;
    // A person who speaks for a holder is not a candidate of the race, nor is the person a
    // statement is attributed to ("..., General President Edward Kelly said").
    for (int32_t h : holder_actors)
      if (doc_.actors[a].org == h) return;
    if ((men.token_end < e_ && (Cue(men.token_end) & kReport)) ||
        (men.title_begin > b_ && (Cue(men.title_begin - 1) & kReport)))
      return;
    seen.insert(a);
    out.push_back(m);
  };
  // The clause ends at a boundary or where a clause giving a reason or a contrast opens ("has
  // not endorsed, although she praised Warren"); "while A and B competed" still names the race.
  static const core::StringSet kOpeners = {"because", "although", "though",
                                           "despite", "citing",   "saying"};
  uint32_t clause_end = e_;
  for (uint32_t q = after; q < e_; ++q)
    if (F(q) == ";" || (Cue(q) & kBoundary) || kOpeners.count(F(q))) {
      clause_end = q;
      break;
    }
  for (int m : sent_mentions_)
    if (M(m).token_begin >= after && M(m).token_begin < clause_end &&
        !(M(m).flags & Mention::kQuoted))
      consider(m);
  if (!out.empty() || clause_only) return out;
  for (int m : sent_mentions_) {
    // "stayed neutral in 2016 but endorsed X in 2008": the object of another stance word is
    // that stance's target, not a candidate of the race the neutrality is about.
    // But "stayed neutral in the primaries but plans to endorse X": a position to come toward
    // X follows the neutrality toward X.
    const uint32_t before = M(m).title_begin;
    if (before > b_ && lex_.words.count(F(before - 1))) {
      uint32_t cues = 0;
      ChainStart(before - 1, &cues);
      if (!(cues & kPlanned)) continue;
    }
    consider(m);
  }
  // Candidates named only in other sentences are left to the stances those sentences state.
  return out;
}

std::vector<int32_t> SentenceRules::RaceNominees(uint32_t after) const {
  std::vector<int32_t> out;
  if (!doc_.date) return out;
  // A primary, another office's race, or an earlier year is not the race the nominees run in.
  static const core::StringSet kOtherRace = {
      "primary",     "primaries", "caucus",   "caucuses",      "nomination", "convention",
      "mayor",       "mayoral",   "senate",   "gubernatorial", "governor",   "congressional",
      "house",       "district",  "council",  "seat",          "leadership", "runoff",
      "legislative", "assembly",  "midterm",  "midterms",      "referendum", "measure"};
  for (uint32_t q = b_; q < e_; ++q)
    if (kOtherRace.count(F(q))) return out;
  if (int year = YearAfter(after); year && year != doc_.date->year) return out;
  // The phrase itself names a race: "declined to endorse in the presidential race", "will sit
  // out the general election", "will not endorse a candidate for president", "either
  // candidate". Without one, "did not support the war" is no race neutrality.
  // (Not "candidates": "does not endorse political candidates" is a policy, not this race.)
  static const core::StringSet kRace = {"race",      "election",  "contest", "presidential",
                                        "president", "candidate", "ticket"};
  bool race = false;
  for (uint32_t q = after; q < e_ && q < after + 6 && !race; ++q) race = kRace.count(F(q)) > 0;
  if (!race) return out;
  for (size_t a = 0; a < doc_.actors.size(); ++a)
    if (doc_.actors[a].nominee && doc_.actors[a].kind == ActorKind::kPerson)
      out.push_back(static_cast<int32_t>(a));
  return out;
}

int SentenceRules::ListedHolder(uint32_t end) const {
  for (uint32_t q = b_; q + 2 < end; ++q) {
    const bool among = (F(q) == "among" && F(q + 1) == "them") || F(q) == "including" ||
                       (F(q) == "such" && F(q + 1) == "as");
    if (!among) continue;
    uint32_t first = q + ((F(q) == "including") ? 1 : 2);
    if (first < end && F(first) == "the") ++first;
    // The first name of the list; "including former Indigenous Australians minister Ken
    // Wyatt": a name inside a title is none.
    int m = -1;
    static const core::StringSet kQuantifiers = {"some", "many", "several", "those", "others",
                                                 "all",  "most", "few"};
    for (uint32_t k = first; m < 0 && k < end && k < first + 7; ++k) {
      const int n = MenAt(k);
      if (n < 0) {
        if (F(k) == "," || F(k) == "and" || (Cue(k) & (kRelative | kBoundary)) ||
            kQuantifiers.contains(F(k)) || lex_.words.count(F(k)))
          break;
        continue;
      }
      const uint32_t after = M(n).token_end;
      const bool item = after >= end || F(after) == "," || F(after) == "and" ||
                        (Resolved(n) && doc_.actors[M(n).actor].kind == ActorKind::kPerson);
      if (item) m = n;
      k = after - 1;
    }
    // "including the EPA's efforts to ...": a possessor opens no list of holders.
    if (m < 0 || M(m).kind == MentionKind::kPronoun || (M(m).flags & Mention::kPossessive) ||
        !Resolved(m))
      continue;
    // The list sets off the subject of the verb at `end`: it closes just before that verb's
    // clause ("Supporters of the bill, including A and B, were among those who testified,
    // alongside those who opposed it": not the subject of "opposed").
    // (A relative clause set off on the last name is passed over: "including McConnell, who
    // backed Strange during the primary, have said ...".)
    // Names, titles and commas the word order did not join to the list ("Vermont Sen. X and
    // Senate Minority Leader Y") count for nothing; other words do.
    const uint32_t list_end = M(Group(m).back()).token_end;
    bool near = list_end <= end;
    uint32_t words = 0;
    for (uint32_t k = list_end; near && k < end; ++k) {
      if (F(k) == "," && k + 1 < end && (Cue(k + 1) & kRelative)) {
        uint32_t close = k + 1;
        while (close < end && F(close) != ",") ++close;
        k = close;
        continue;
      }
      if (Cue(k) & (kRelative | kBoundary)) near = false;
      if (IsLowerWord(doc_.TokenText(k)) && F(k) != "and") ++words;
    }
    if (near && words <= 6) return m;
  }
  return -1;
}

void SentenceRules::HandleNeutral(const Trigger& t) {
  uint32_t cues = 0;
  uint32_t start = ChainStart(t.begin, &cues);
  bool relative = false;
  int holder = SubjectLeft(start, &relative);
  if (holder < 0 && (F(t.begin) == "rather" || F(t.begin) == "instead")) {
    // "... the local would endorse our goals, among them ..., rather than pick among A, B":
    // the nearest actor named outside quotations before it.
    for (uint32_t q = t.begin; q-- > b_ && holder < 0;) {
      int m = MenAt(q);
      if (m < 0) continue;
      const Mention& men = M(m);
      if ((men.flags & Mention::kQuoted) || IsPossessiveDeterminer(m)) continue;
      if (men.kind == MentionKind::kPronoun) {
        std::string_view w = F(men.token_begin);
        if (w != "it" && w != "they" && w != "he" && w != "she") continue;
      }
      holder = m;
    }
  }
  if (holder < 0 && ObjectRight(t.end, 1) >= 0) {
    // "X stood ..., congratulated Y and then declined to endorse him": a shared subject, taken
    // only when the phrase names whom it is about (without one, the candidates of the race are
    // a guess on top of a guess).
    holder = TreeSharedSubject(t);
    relative = false;
  }
  if (holder < 0) {
    // "for the AFL-CIO to remain neutral"
    return;
  }
  // "what he will or won't support": the object is the wh-word, no candidate.
  for (uint32_t q = start; q-- > b_ && q + 5 > start && F(q) != ",";)
    if (F(q) == "what" || F(q) == "whatever") return;
  std::vector<int> holders =
      M(holder).kind == MentionKind::kPronoun ? std::vector<int>{holder} : GroupLeft(holder);
  std::vector<int> targets;
  int obj = ObjectRight(t.end, 3);
  if (obj < 0 && t.end < e_ && (F(t.end) == "on" || F(t.end) == "in"))
    obj = ObjectRight(t.end + 1, 2);
  if (obj >= 0 && Resolved(obj) &&
      (doc_.actors[M(obj).actor].kind == ActorKind::kPerson ||
       IsIssue(doc_.actors[M(obj).actor].kind)))
    targets = Group(obj);
  else if (targets = RaceCandidates(holders, t.end, /*clause_only=*/true); !targets.empty()) {
  } else if (std::vector<int32_t> nominees = RaceNominees(t.end); !nominees.empty()) {
    bool had = false;
    for (uint32_t j = start; j < t.begin; ++j) had = had || F(j) == "had";
    for (int32_t a : nominees)
      EmitTo(holders, a, Stance::kNeutral, had ? StanceStatus::kPast : StanceStatus::kCurrent,
             Act::kNeutral, relative, "neutral+nominees");
    return;
  } else {
    targets = RaceCandidates(holders, t.end);
  }
  if (targets.empty()) {
    // "will not advocate either a Yes or a No vote": neutral on the measure.
    for (uint32_t q = t.end; q < e_ && q < t.end + 8; ++q) {
      if (F(q) == "vote" || F(q) == "referendum" || F(q) == "measure") {
        int32_t measure = MeasureActor(q + 1);
        if (measure >= 0)
          EmitTo(holders, measure, Stance::kNeutral, StanceStatus::kCurrent, Act::kNeutral,
                 relative, "neutral");
        return;
      }
    }
  }
  bool had = false;
  for (uint32_t j = start; j < t.begin; ++j)
    if (F(j) == "had") had = true;
  StanceStatus status = had ? StanceStatus::kPast : StanceStatus::kCurrent;
  if (targets.empty()) {
    // "A and B are competing in the primary. The Teamsters will stay out of the primary": the
    // candidates listed together just before, when the phrase names a race.
    const std::vector<int32_t> listed = ListedCandidatesBefore(holders, t.end);
    for (int32_t a : listed)
      EmitTo(holders, a, Stance::kNeutral, status, Act::kNeutral, relative, "neutral+listed");
    // "The Minerals Council has taken no position": in an article about a ballot measure
    // and no candidate, the measure.
    if (listed.empty() && t.end < e_ && (F(t.end) == "." || F(t.end) == "," || F(t.end) == ";")) {
      bool candidates = false;
      for (const DocActor& a : doc_.actors)
        candidates = candidates || (a.kind == ActorKind::kPerson && a.nominee);
      int32_t measure = candidates ? -1 : MeasureActor(e_);
      if (measure >= 0 && doc_.actors[measure].kind == ActorKind::kBallotMeasure)
        EmitTo(holders, measure, Stance::kNeutral, status, Act::kNeutral, relative,
               "neutral+measure");
    }
    return;
  }
  Emit(holders, targets, Stance::kNeutral, status, Act::kNeutral, t, relative, "neutral");
}

std::vector<int32_t> SentenceRules::ListedCandidatesBefore(const std::vector<int>& holders,
                                                            uint32_t after) const {
  static const core::StringSet kRace = {"primary", "primaries", "caucus",     "caucuses",
                                        "race",    "contest",   "nomination", "election",
                                        "candidate"};
  bool race = false;
  for (uint32_t q = after; q < e_ && q < after + 6 && !race; ++q) race = kRace.count(F(q)) > 0;
  if (!race || s_ == 0) return {};
  std::set<int32_t> holder_actors;
  for (int h : holders)
    if (Resolved(h)) holder_actors.insert(M(h).actor);
  auto candidate = [&](const Mention& o) {
    if (o.actor < 0 || o.kind == MentionKind::kPronoun || (o.flags & Mention::kQuoted))
      return false;
    const DocActor& a = doc_.actors[o.actor];
    return a.kind == ActorKind::kPerson && !holder_actors.count(o.actor) &&
           !holder_actors.count(a.org);
  };
  // The nearest sentence (of the two before) that speaks of a race and holds two or more people
  // joined by "," / "and" ("A and B are running in the primary", not "A and B campaigned in
  // Michigan").
  static const core::StringSet kRunning = {
      "running",  "run",      "competing", "compete",    "candidates", "candidate",
      "race",     "primary",  "primaries", "caucus",     "caucuses",   "nomination",
      "contest",  "contenders", "rivals",  "vying"};
  for (uint32_t back = 1; back <= 2 && back <= s_; ++back) {
    const uint32_t s = s_ - back;
    bool running = false;
    for (uint32_t q = doc_.sentences[s].token_begin; q < doc_.sentences[s].token_end && !running;
         ++q)
      running = kRunning.count(doc_.Folded(q)) > 0;
    if (!running) continue;
    std::vector<int32_t> list;
    const Mention* prev = nullptr;
    for (const Mention& o : doc_.mentions) {
      if (o.sentence != s) continue;
      bool joined = false;
      if (prev != nullptr && candidate(*prev) && candidate(o)) {
        joined = true;
        for (uint32_t q = prev->token_end; q < o.title_begin; ++q) {
          const std::string_view w = doc_.Folded(q);
          if (w != "," && w != "and" && w != "or") joined = false;
        }
      }
      if (joined) {
        if (list.empty()) list.push_back(prev->actor);
        list.push_back(o.actor);
      } else if (list.size() < 2) {
        list.clear();
      } else {
        break;
      }
      prev = &o;
    }
    if (list.size() >= 2) return list;
  }
  return {};
}

// The ballot measure or bill a vote is about: the one numbered right after `after` ("Yes on
// 22"), else the latest one the article named up to here.
int32_t SentenceRules::MeasureActor(uint32_t after, uint32_t skip_begin, uint32_t skip_end) const {
  if (after < e_) {
    std::string_view w = F(after);
    for (size_t a = 0; a < doc_.actors.size(); ++a) {
      if (!IsIssue(doc_.actors[a].kind)) continue;
      // "California Proposition 32 (2012)" is numbered 32: the year in brackets disambiguates.
      std::string_view name = doc_.actors[a].name;
      if (name.ends_with(")") && name.rfind(" (") != std::string_view::npos)
        name = name.substr(0, name.rfind(" ("));
      if (name.size() > w.size() && name.compare(name.size() - w.size(), w.size(), w) == 0 &&
          name[name.size() - w.size() - 1] == ' ')
        return static_cast<int32_t>(a);
    }
  }
  // The measure the article has named most often up to here (a "no vote" in an article about
  // one measure is on that measure, even after a passing mention of another); ties go to the
  // latest named.
  std::vector<std::pair<int32_t, int>> counts;  // actor, mentions
  int32_t best = -1;
  int best_count = 0;
  for (size_t k = doc_.mentions.size(); k-- > 0;) {
    const Mention& o = doc_.mentions[k];
    if (o.sentence > s_ || o.actor < 0) continue;
    if (o.sentence == s_ && o.token_begin >= skip_begin && o.token_begin < skip_end) continue;
    if (!(o.actor_kind == ActorKind::kBallotMeasure || o.actor_kind == ActorKind::kBill ||
          IsIssue(doc_.actors[o.actor].kind)))
      continue;
    auto it = std::find_if(counts.begin(), counts.end(),
                           [&](const auto& c) { return c.first == o.actor; });
    if (it == counts.end()) it = counts.insert(counts.end(), {o.actor, 0});
    if (++it->second > best_count) {
      best = o.actor;
      best_count = it->second;
    }
  }
  return best;
}

void SentenceRules::HandleMeasure(const Trigger& t) {
  uint32_t np = t.begin;
  while (np > b_ &&
         (F(np - 1) == "the" || F(np - 1) == "a" || F(np - 1) == "its" || F(np - 1) == "their"))
    --np;
  // "advocate either a Yes or a No vote": one of two choices named, not the one taken.
  if (np > b_ && (F(np - 1) == "or" || F(np - 1) == "nor")) return;
  // "voted no to the Graham-Cassidy proposal": a vote on something the text names there, not
  // on the article's measure, unless that is a measure too.
  if (t.end + 1 < e_ && (F(t.end) == "to" || F(t.end) == "on")) {
    uint32_t q = t.end + 1;
    while (q < e_ && F(q) == "the") ++q;
    const int named = MenAt(q);
    // "a no vote on 32": the measure's number alone.
    const bool numbered = named < 0 && q < e_ && MeasureActor(q) >= 0 &&
                          std::isdigit(static_cast<unsigned char>(doc_.TokenText(q)[0]));
    // "a No vote on October 14": a date, not what is voted on.
    const bool dated = named < 0 && q < e_ && date::IsCalendarName(doc_.TokenText(q));
    if (!numbered && !dated &&
        !(named >= 0 && Resolved(named) && IsIssue(doc_.actors[M(named).actor].kind)))
      return;
  }
  uint32_t cues = 0;
  bool relative = false;
  const uint32_t start = ChainStart(np, &cues);
  int holder = SubjectLeft(start, &relative);
  if ((holder < 0 || !Resolved(holder)) && start < np && F(start) == "to") {
    // "urged Australians to vote Yes": the one who urges.
    if (const int u = UrgeVerbBefore(start, 5); u >= 0)
      holder = SubjectLeft(ChainStart(static_cast<uint32_t>(u), nullptr), &relative);
  }
  std::vector<int> listed;
  if (holder < 0 || !Resolved(holder)) {
    // "several Liberal MPs, including X, have broken ranks to campaign for a Yes vote".
    if (const int first = ListedHolder(start); first >= 0) {
      holder = first;
      listed = Group(first);
    }
  }
  if (holder < 0) return;
  // "X, a group that fought Y's bill, is urging a no vote": a measure named in what describes
  // the holder is not the one voted on.
  int32_t measure = MeasureActor(t.end, M(holder).token_end, t.begin);
  if (measure < 0) return;
  if (cues & kNegation) return;
  Stance stance = t.sense.stance;
  for (uint32_t q = M(holder).token_end; q < np; ++q) {
    auto w = lex_.words.find(F(q));
    if (w != lex_.words.end() && w->second[0].stance == Stance::kOppose) {
      stance = stance == Stance::kSupport ? Stance::kOppose : Stance::kSupport;
      break;
    }
  }
  std::vector<int> holders =
      !listed.empty() ? listed
      : M(holder).kind == MentionKind::kPronoun ? std::vector<int>{holder}
                                                : GroupLeft(holder);
  EmitTo(holders, measure, stance, StatusFrom(cues & ~kPast), t.sense.act, relative, "measure");
}

// "X switched (its support) from A to B": A is a past position, B the current one.
void SentenceRules::HandleSwitch(const Trigger& t, uint32_t from_pos) {
  bool relative = false;
  int holder = SubjectLeft(ChainStart(t.begin, nullptr), &relative);
  if (holder < 0) return;
  int from = ObjectRight(from_pos, 2);
  int to = -1;
  uint32_t q = from >= 0 ? M(Group(from).back()).token_end : from_pos;
  for (; q < e_ && q < from_pos + 12; ++q) {
    if (F(q) == "to" || F(q) == "behind") {
      to = ObjectRight(q + 1, 2);
      break;
    }
    if (Cue(q) & kBoundary) break;
  }
  std::vector<int> holders =
      M(holder).kind == MentionKind::kPronoun ? std::vector<int>{holder} : GroupLeft(holder);
  if (from >= 0)
    Emit(holders, Group(from), Stance::kSupport, StanceStatus::kPast, Act::kBack, t, relative,
         "switch");
  if (to >= 0)
    Emit(holders, Group(to), Stance::kSupport, StanceStatus::kCurrent, Act::kBack, t, relative,
         "switch");
}

// "called on him to step aside", "urged Moore to drop out": the caller opposes him.
void SentenceRules::HandleExit(const Trigger& t) {
  // "should immediately step aside": an adverb between the modal and the call.
  uint32_t modal = t.begin;
  if (modal >= b_ + 4 && F(modal - 1).size() > 3 && F(modal - 1).ends_with("ly") &&
      IsLowerWord(doc_.TokenText(modal - 1)))
    --modal;
  if (modal >= b_ + 3 && (F(modal - 1) == "should" || F(modal - 1) == "must")) {
    // "Fischer said Trump should step aside": the speaker opposes him.
    int target = MenAt(modal - 2);
    if (target < 0 || M(target).title_begin <= b_) return;
    uint32_t v = M(target).title_begin - 1;
    if (F(v) == "that" && v > b_) --v;
    if (!(Cue(v) & kReport)) return;
    bool relative = false;
    int holder = SubjectLeft(ChainStart(v, nullptr), &relative);
    // "Top Republicans, including A, B and C, have said X should drop out".
    std::vector<int> holders = {holder};
    if (holder < 0 || !Resolved(holder)) {
      if (const int listed = ListedHolder(v); listed >= 0) holders = Group(listed);
    }
    if (holders[0] < 0) return;
    // "X, who never endorsed Y, said he should step aside": nobody calls on himself to quit.
    if (M(target).kind == MentionKind::kPronoun && Resolved(target) && Resolved(holders[0]) &&
        M(target).actor == M(holders[0]).actor) {
      const int32_t other = OtherAntecedent(target, {M(target).actor});
      if (other >= 0)
        EmitTo(holders, other, Stance::kOppose, StanceStatus::kCurrent, Act::kBack, relative,
               "exit+rebound");
      return;
    }
    Emit(holders, {target}, Stance::kOppose, StanceStatus::kCurrent, Act::kBack, t, relative,
         "exit");
    return;
  }
  if (t.begin < b_ + 3 || F(t.begin - 1) != "to") return;
  // "urged the union to withdraw its endorsement": a word that leaves a race when it stands
  // alone takes an object here.
  static const core::StringSet kObjectStart = {"the",  "a",     "an",    "its", "his",
                                               "her",  "their", "our",   "my",  "this",
                                               "that", "these", "those", "any", "no"};
  if (t.end < e_ && (kObjectStart.count(F(t.end)) || MenAt(t.end) >= 0)) return;
  int target = MenAt(t.begin - 2);
  if (target < 0) return;
  uint32_t v = M(target).title_begin;
  if (v > b_ && (F(v - 1) == "on" || F(v - 1) == "for")) --v;
  if (v <= b_ || !(Cue(v - 1) & kUrge)) return;
  bool relative = false;
  int holder = SubjectLeft(ChainStart(v - 1, nullptr), &relative);
  if (holder < 0) return;
  Emit({holder}, {target}, Stance::kOppose, StanceStatus::kCurrent, Act::kBack, t, relative,
       "exit");
}

void SentenceRules::HandleSponsor(const Trigger& t) {
  bool relative = false;
  uint32_t cues = 0;
  int holder = SubjectLeft(ChainStart(t.begin, &cues), &relative);
  int target = ObjectRight(t.end, 2);
  if (holder < 0 || target < 0 || !Resolved(target) || (cues & kNegation)) return;
  if (!IsIssue(doc_.actors[M(target).actor].kind)) return;
  Emit({holder}, {target}, Stance::kSupport, StanceStatus::kCurrent, Act::kBack, t, relative,
       "sponsor");
}

// "X has nominated him, as have Y and Z": the stances of this sentence, held by Y and Z too.
void SentenceRules::HandleEllipsis(size_t first_record) {
  // "The same goes for X", "So does X": the stances of the sentence before, held by X.
  for (uint32_t i = b_; i + 3 < e_ && i < b_ + 3; ++i) {
    bool same = F(i) == "same" && (F(i + 1) == "goes" || F(i + 1) == "is" || F(i + 1) == "was") &&
                (F(i + 2) == "for" || F(i + 2) == "true");
    bool so = F(i) == "so" && (F(i + 1) == "does" || F(i + 1) == "did" || F(i + 1) == "has");
    if (!same && !so) continue;
    uint32_t j = i + (same ? 3 : 2);
    while (j < e_ && (F(j) == "the" || F(j) == "of")) ++j;
    int m = MenAt(j);
    if (m < 0 || s_ == 0) return;
    size_t end = doc_.stances.size();
    uint32_t prev_sentence = UINT32_MAX;
    for (size_t r = end; r-- > 0;) {
      if (doc_.stances[r].sentence >= s_) continue;
      if (doc_.stances[r].sentence + 2 < s_) break;
      if (prev_sentence == UINT32_MAX) prev_sentence = doc_.stances[r].sentence;
      if (doc_.stances[r].sentence != prev_sentence) break;
      // "So did Y": what the sentence before said X did, not what its relative clause said.
      if (doc_.stances[r].rule.find("+relative") != std::string::npos) continue;
      for (int h : Group(m)) {
        if (!Resolved(h) || M(h).actor == doc_.stances[r].target) continue;
        StanceRecord copy = doc_.stances[r];
        copy.holder = M(h).actor;
        copy.sentence = s_;
        copy.evidence_begin = doc_.sentences[s_].begin;
        copy.evidence_end = doc_.sentences[s_].end;
        copy.rule = "ellipsis";
        doc_.stances.push_back(std::move(copy));
      }
    }
    return;
  }
  static const core::StringSet kAux = {"have", "has", "had", "did", "do", "does",
                                       "will", "would", "is", "are", "was", "were"};
  for (uint32_t i = b_; i + 2 < e_; ++i) {
    if (F(i) != "as" || !kAux.count(F(i + 1))) continue;
    uint32_t j = i + 2;
    while (j < e_ && F(j) == "the") ++j;
    int m = MenAt(j);
    if (m < 0) continue;
    size_t end = doc_.stances.size();
    for (size_t r = first_record; r < end; ++r) {
      if (doc_.stances[r].sentence != s_) continue;
      for (int h : Group(m)) {
        if (!Resolved(h) || M(h).actor == doc_.stances[r].target) continue;
        StanceRecord copy = doc_.stances[r];
        copy.holder = M(h).actor;
        copy.rule = "ellipsis";
        doc_.stances.push_back(std::move(copy));
      }
    }
    return;
  }
}

void SentenceRules::HandleHelpedVerb(const Trigger& t) {
  const int actor = t.begin > b_ ? MenAt(t.begin - 1) : -1;
  if (actor < 0 || !Resolved(actor) || M(actor).kind == MentionKind::kPronoun) return;
  const uint32_t before = M(actor).title_begin;
  if (before <= b_) return;
  static const core::StringSet kHelp = {"help",   "helps",  "helped", "helping", "sure",
                                        "ensure", "ensures", "ensuring"};
  if (!kHelp.count(F(before - 1))) return;
  uint32_t v = before - 1;
  if (F(v) == "sure" && v > b_ && (F(v - 1) == "make" || F(v - 1) == "makes" ||
                                   F(v - 1) == "making" || F(v - 1) == "made"))
    --v;
  const int target = ObjectRight(t.end, 2);
  if (target < 0 || !Resolved(target)) return;
  bool relative = false;
  const uint32_t start = ChainStart(v, nullptr);
  int holder = SubjectLeft(start, &relative);
  // Only a subject close to the verb of helping: not a relative clause's head ("X, which could
  // help A defeat B") nor a dummy "it" ("it might help A stop B").
  if (holder < 0 || !Resolved(holder) || relative || F(M(holder).token_begin) == "it" ||
      v > M(holder).token_end + 8)
    return;
  // Like "would campaign for", a commitment the holder states now.
  const StanceStatus status = StanceStatus::kCurrent;
  EmitTo({holder}, M(target).actor, t.sense.stance, status, t.sense.act, relative, "helped");
  if (t.sense.stance == Stance::kOppose)
    EmitTo({holder}, M(actor).actor, Stance::kSupport, status, t.sense.act, relative, "helped");
}

void SentenceRules::HandleJudgments() {
  for (uint32_t v = b_; v + 2 < e_; ++v) {
    if (!(Cue(v) & kJudge) || MenAt(v) >= 0) continue;
    const int target = MenAt(v + 1);
    if (target < 0 || !Resolved(target) || IsPossessiveDeterminer(target)) continue;
    const ActorKind kind = doc_.actors[M(target).actor].kind;
    if (kind != ActorKind::kPerson && !IsIssue(kind)) continue;
    bool damning = false;
    for (uint32_t q = M(target).token_end; q < e_ && q < M(target).token_end + 8 && !damning;
         ++q) {
      if (F(q) == "," || F(q) == ";" || (Cue(q) & (kBoundary | kRelative)) || MenAt(q) >= 0)
        break;
      damning = Cue(q) & kDamning;
    }
    if (!damning) continue;
    uint32_t cues = 0;
    const uint32_t start = ChainStart(v, &cues);
    if (cues & kNegation) continue;
    if (start > b_ && (F(start - 1) == "denied" || F(start - 1) == "denies" ||
                       F(start - 1) == "deny" || F(start - 1) == "denying"))
      continue;  // "denied calling him a racist"
    bool relative = false;
    int holder = -1;
    if (start > b_ && (F(start - 1) == "and" || F(start - 1) == "but"))
      holder = TreeSharedSubject(Trigger{v, v + 1, Sense{Cls::kVerb, Stance::kOppose, Act::kBack}});
    if (holder < 0) holder = SubjectLeft(start, &relative);
    if (holder < 0 || !Resolved(holder) || M(holder).actor == M(target).actor) continue;
    EmitTo({holder}, M(target).actor, Stance::kOppose, StanceStatus::kCurrent, Act::kBack,
           relative, "judgment");
  }
}

void SentenceRules::Run() {
  if (SentenceLooksLikeHeadline(doc_, s_)) return;
  size_t first_record = doc_.stances.size();
  uint32_t neutral_end = 0;
  for (const Trigger& t : FindTriggers()) {
    // "held off on an endorsement": the noun belongs to the neutrality just read.
    if (t.sense.cls == Cls::kNeutral || t.sense.stance == Stance::kNeutral)
      neutral_end = t.end;
    else if ((t.sense.cls == Cls::kNoun || t.sense.cls == Cls::kGetNoun) && neutral_end &&
             t.begin >= neutral_end && t.begin < neutral_end + 4)
      continue;
    switch (t.sense.cls) {
      case Cls::kVerb:
      case Cls::kVerbTo:
        if (t.sense.stance == Stance::kNeutral)
          HandleNeutral(t);
        else
          HandleVerb(t);
        break;
      case Cls::kNoun:
      case Cls::kGetNoun:
        HandleNoun(t);
        break;
      case Cls::kAgent:
        HandleAgent(t);
        break;
      case Cls::kPrep:
        HandlePrep(t);
        break;
      case Cls::kFollow:
        HandleFollow(t);
        break;
      case Cls::kNeutral:
        HandleNeutral(t);
        break;
      case Cls::kMeasure:
        HandleMeasure(t);
        break;
      case Cls::kSwitch:
        HandleSwitch(t, t.end);
        break;
      case Cls::kExit:
        HandleExit(t);
        break;
      case Cls::kSponsor:
        HandleSponsor(t);
        break;
      case Cls::kNone:
        break;
    }
  }
  HandleJudgments();
  HandleEllipsis(first_record);
}

// Within the article: a holder reported backing two people, one of them in a relative clause
// ("X, a union that supported Sanders, endorsed Clinton"), has moved on from that one.
void MarkSwitches(Document& doc) {
  for (auto& a : doc.stances) {
    if (a.stance != Stance::kSupport || a.status != StanceStatus::kCurrent) continue;
    if (a.rule.find("+relative") == std::string::npos) continue;
    if (doc.actors[a.target].kind != ActorKind::kPerson) continue;
    // "which also backed Rayner for deputy" adds a position; it does not replace one. (An
    // "also" after the name belongs to the main clause: "X, an early supporter of Edwards, also
    // threw its weight behind Obama".)
    uint32_t named_at = a.evidence_end;
    for (const Mention& m : doc.mentions) {
      if (m.sentence == a.sentence && m.actor == a.target) {
        named_at = doc.tokens[m.token_begin].begin;
        break;
      }
    }
    std::string_view ev = std::string_view(doc.text).substr(
        a.evidence_begin, std::max(a.evidence_begin, named_at) - a.evidence_begin);
    if (ev.find(" also ") != std::string_view::npos) continue;
    for (const auto& other : doc.stances) {
      if (&other == &a || other.holder != a.holder || other.target == a.target) continue;
      if (other.stance != Stance::kSupport || other.status == StanceStatus::kPast) continue;
      if (doc.actors[other.target].kind != ActorKind::kPerson) continue;
      if (other.rule.find("+relative") != std::string::npos) continue;
      a.status = StanceStatus::kPast;
      break;
    }
  }
}

// "The IBEW, which opposed Ford, now backs him": in one sentence, a relative clause's stance
// toward the target the main clause takes another stance toward came before it.
void MarkTurnarounds(Document& doc) {
  for (auto& a : doc.stances) {
    if (a.status != StanceStatus::kCurrent || a.stance == Stance::kNeutral) continue;
    if (a.rule.find("+relative") == std::string::npos) continue;
    for (const auto& b : doc.stances) {
      if (&b == &a || b.sentence != a.sentence || b.holder != a.holder || b.target != a.target)
        continue;
      if (b.stance == a.stance || b.stance == Stance::kNeutral) continue;
      if (b.rule.find("+relative") != std::string::npos || b.status == StanceStatus::kPast)
        continue;
      a.status = StanceStatus::kPast;
      break;
    }
  }
}

// "Moore had beaten Strange, who was backed by Trump": support for someone the same sentence
// says was beaten, or lost, is over.
void SupportOfTheBeaten(Document& doc) {
  static const core::StringSet kBeaten = {"beaten", "defeated", "ousted", "unseated"};
  static const core::StringSet kNotYet = {"to", "be", "will", "would", "could", "can", "might"};
  for (auto& a : doc.stances) {
    if (a.stance != Stance::kSupport || a.status != StanceStatus::kCurrent) continue;
    if (doc.actors[a.target].kind != ActorKind::kPerson) continue;
    const Sentence& sent = doc.sentences[a.sentence];
    bool beaten = false;
    for (const Mention& o : doc.mentions) {
      if (o.sentence != a.sentence || o.actor != a.target || beaten) continue;
      // "had beaten Senator X": the verb right before the name and its title.
      if (o.title_begin > sent.token_begin) {
        const uint32_t v = o.title_begin - 1;
        beaten = kBeaten.count(doc.Folded(v)) &&
                 !(v > sent.token_begin && kNotYet.count(doc.Folded(v - 1)));
      }
      // "X lost the primary to Y", "X lost to Y".
      if (o.token_end < sent.token_end && doc.Folded(o.token_end) == "lost") beaten = true;
      // "... before he dropped out of the race": a candidate no more. (After "after" the one
      // who dropped out is more often the holder: "Carson endorsed Trump after he dropped out".)
      const std::string_view before =
          o.title_begin > sent.token_begin ? doc.Folded(o.title_begin - 1) : std::string_view();
      const bool ended_before = before == "before" || before == "until" || before == "till";
      const bool pronoun = o.kind == MentionKind::kPronoun;
      if (o.token_end + 1 < sent.token_end &&
          (ended_before || (!pronoun && before != "after" && before != "since"))) {
        const std::string_view v = doc.Folded(o.token_end), x = doc.Folded(o.token_end + 1);
        const std::string_view y =
            o.token_end + 2 < sent.token_end ? doc.Folded(o.token_end + 2) : std::string_view();
        if ((v == "dropped" && x == "out") || (v == "bowed" && x == "out") ||
            ((v == "left" || v == "quit" || v == "exited") && x == "the" && y == "race") ||
            (v == "withdrew" && x == "from") ||
            ((v == "ended" || v == "suspended") && (x == "his" || x == "her") && y == "campaign"))
          beaten = true;
      }
    }
    if (beaten) a.status = StanceStatus::kPast;
  }
}

// "X, which stayed neutral in the primary, is expected to back Y": where one sentence gives a
// holder a neutrality and a position to come (or a neutrality in a relative clause and the main
// clause's position) toward the same target, the neutrality came first.
void NeutralityBeforeAPosition(Document& doc) {
  for (auto& n : doc.stances) {
    if (n.stance != Stance::kNeutral || n.status != StanceStatus::kCurrent) continue;
    for (const auto& p : doc.stances)
      if (p.sentence == n.sentence && p.holder == n.holder && p.target == n.target &&
          p.stance != Stance::kNeutral &&
          // "supports X but is not endorsing him" holds both at once; a position to come, or
          // a neutrality told in a relative clause beside the main verb's position, follows it.
          // "has not endorsed X but is expected to do so": not yet, so still neutral.
          p.rule.find("do-so") == std::string::npos &&
          (p.status == StanceStatus::kPlanned ||
           (p.status == StanceStatus::kCurrent &&
            n.rule.find("+relative") != std::string::npos &&
            p.rule.find("+relative") == std::string::npos))) {
        n.status = StanceStatus::kPast;
        break;
      }
  }
}

// One record per holder, target and stance: an article states one position of each kind; where
// it is reported twice with different status, the first statement is the article's own.
void Dedupe(Document& doc) {
  std::map<std::tuple<int32_t, int32_t, Stance, bool>, size_t> seen;
  std::vector<StanceRecord> out;
  for (auto& r : doc.stances) {
    // A position the text dates to an earlier race ("In 2016 the local declined to choose")
    // stands beside the current one.
    bool dated = r.status == StanceStatus::kPast && r.rule.find("+dated") != std::string::npos;
    auto [it, fresh] = seen.insert({{r.holder, r.target, r.stance, dated}, out.size()});
    if (fresh) {
      out.push_back(std::move(r));
    } else if (r.rule.find("+withdrawn") != std::string::npos) {
      // "X endorsed Y in May. ... X withdrew his endorsement": the later word ends it.
      out[it->second] = std::move(r);
    }
  }
  doc.stances = std::move(out);
}

}  // namespace

struct StanceFinder::Impl {
  StanceLexicon lex;
  const syntax::SyntaxModel* model = nullptr;
  void ProcessSentence(Document& doc, uint32_t s, int ref_year) const;
};

StanceFinder::StanceFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StanceFinder::~StanceFinder() = default;

Result<std::unique_ptr<StanceFinder>> StanceFinder::Create(const std::string& dir,
                                                           const syntax::SyntaxModel* model) {
  auto impl = std::make_unique<Impl>();
  impl->model = model;
  auto read_senses = [&](const std::string& file, bool phrases) -> Status {
    std::string path = dir + "/" + file;
    auto rows = core::ReadTsv(path, 4);
    if (!rows.ok()) return rows.status();
    for (auto& r : *rows) {
      auto cls = ParseCls(r.fields[1]);
      auto stance = ParseStance(r.fields[2]);
      auto act = ParseAct(r.fields[3]);
      if (!cls || !stance || !act)
        return Status::InvalidInput(path + ":" + std::to_string(r.line) +
                                    ": bad class, stance or act");
      Sense sense{*cls, *stance, *act};
      if (r.fields.size() > 4 && !r.fields[4].empty()) {
        if (r.fields[4] != "neutral" && r.fields[4] != "none")
          return Status::InvalidInput(path + ":" + std::to_string(r.line) +
                                      ": negated must be neutral or none");
        sense.negation_is_neutral = r.fields[4] == "neutral";
      }
      if (!phrases) {
        impl->lex.words[core::Fold(r.fields[0])].push_back(sense);
        continue;
      }
      Phrase p;
      p.sense = sense;
      std::string w;
      for (char c : core::Fold(r.fields[0]) + " ") {
        if (c == ' ') {
          if (!w.empty()) p.words.push_back(w);
          w.clear();
        } else {
          w += c;
        }
      }
      if (p.words.empty() || p.words[0] == "*")
        return Status::InvalidInput(path + ":" + std::to_string(r.line) +
                                    ": a phrase must start with a word");
      impl->lex.phrases[p.words[0]].push_back(std::move(p));
    }
    return Status::Ok();
  };
  Status st = read_senses("stance_words.tsv", false);
  if (st.ok()) st = read_senses("stance_phrases.tsv", true);
  if (!st.ok()) return st;
  std::string path = dir + "/stance_cues.tsv";
  auto rows = core::ReadTsv(path, 2);
  if (!rows.ok()) return rows.status();
  for (auto& r : *rows) {
    auto cue = ParseCue(r.fields[1]);
    if (!cue)
      return Status::InvalidInput(path + ":" + std::to_string(r.line) + ": unknown cue '" +
                                  r.fields[1] + "'");
    impl->lex.cues[core::Fold(r.fields[0])] |= *cue;
  }
  for (const auto& [w, senses] : impl->lex.words) impl->lex.starts.insert(w);
  for (const auto& [w, phrases] : impl->lex.phrases) impl->lex.starts.insert(w);
  for (const auto& [w, cue] : impl->lex.cues)
    if (cue & kJudge) impl->lex.starts.insert(w);
  return std::unique_ptr<StanceFinder>(new StanceFinder(std::move(impl)));
}

void StanceFinder::Impl::ProcessSentence(Document& doc, uint32_t s, int ref_year) const {
  // Cheap filter: only sentences with a stance word or phrase start and two mentions.
  const Sentence& sent = doc.sentences[s];
  std::vector<uint8_t> starts(sent.token_end - sent.token_begin, 0);
  bool any = false;
  for (uint32_t i = sent.token_begin; i < sent.token_end; ++i) {
    starts[i - sent.token_begin] = lex.starts.contains(doc.Folded(i));
    any = any || starts[i - sent.token_begin];
  }
  if (!any) return;
  SentenceRules(lex, model, doc, s, ref_year, std::move(starts)).Run();
}

Status StanceFinder::Process(Document& doc) const {
  doc.stances.clear();
  core::EnsureFolded(doc);
  // Mentions per sentence: skip sentences with fewer than two.
  std::vector<uint16_t> count(doc.sentences.size(), 0);
  for (const auto& m : doc.mentions)
    if (count[m.sentence] < 2) ++count[m.sentence];
  int ref_year = 0;
  if (!doc.date) {
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
      int y = YearOf(doc.TokenText(t));
      if (y && y <= 2100) ref_year = std::max(ref_year, y);
    }
  }
  for (uint32_t s = 0; s < doc.sentences.size(); ++s)
    if (count[s] >= 2 || (s > 0 && count[s] >= 1)) impl_->ProcessSentence(doc, s, ref_year);
  MarkSwitches(doc);
  MarkTurnarounds(doc);
  SupportOfTheBeaten(doc);
  NeutralityBeforeAPosition(doc);
  Dedupe(doc);
  return Status::Ok();
}

}  // namespace whipcount::stances
