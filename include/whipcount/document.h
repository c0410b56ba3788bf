// Document: one article as it flows through the pipeline. The Document owns every string;
// tokens, sentences, mentions, actors and stances refer to one another by index and by
// half-open [begin, end) ranges (byte offsets into `text`, or token indices), never by pointer,
// so the vectors may grow freely. Thread safety: one Document is worked on by one thread.
#ifndef WHIPCOUNT_DOCUMENT_H_
#define WHIPCOUNT_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/enums.h"

namespace whipcount {

// What a reader hands over: the article as given, before any cleaning.
struct Article {
  std::string id;      // file name stem, or the JSON "id"
  std::string source;  // where it came from: "path" or "path:line"
  std::string url;     // may be empty
  std::string title;   // may be empty
  std::optional<Date> published;  // from metadata only; never guessed by a reader
  std::string text;    // the raw article text (UTF-8)
};

// Maps byte offsets of the cleaned text back to byte offsets of Article::text. The cleaned text
// is a sequence of pieces copied from the raw text; each piece starts at `clean` in the cleaned
// text and at `raw` in the raw text.
class OffsetMap {
 public:
  struct Piece {
    uint32_t clean;
    uint32_t raw;
  };
  // REQUIRES: pieces are added in increasing `clean` and `raw` order.
  void Add(uint32_t clean, uint32_t raw) { pieces_.push_back({clean, raw}); }
  // The raw offset of cleaned offset `clean`. Identity when no piece was added.
  uint32_t ToRaw(uint32_t clean) const;
  const std::vector<Piece>& pieces() const { return pieces_; }

 private:
  std::vector<Piece> pieces_;
};

struct Token {
  uint32_t begin = 0;  // byte offsets into Document::text, [begin, end)
  uint32_t end = 0;
  uint32_t sentence = 0;  // index into Document::sentences
};

struct Sentence {
  uint32_t token_begin = 0;  // [token_begin, token_end) into Document::tokens
  uint32_t token_end = 0;
  uint32_t begin = 0;  // byte offsets into Document::text
  uint32_t end = 0;
  uint32_t paragraph = 0;  // paragraphs are separated by blank lines or line breaks
  // Tokens of a dateline opening the sentence ("COLUMBUS, Ohio (AP) —"): a place and a credit,
  // not part of what the sentence says, so no actor is found there. 0 when there is none.
  uint32_t dateline_tokens = 0;
  uint32_t BodyBegin() const { return token_begin + dateline_tokens; }
};

// An actor the article speaks of: from the knowledge base (kb_index >= 0) or found in the text.
struct DocActor {
  std::string name;  // canonical name: the knowledge base's, else the fullest form in the text
  ActorKind kind = ActorKind::kUnknown;
  int32_t kb_index = -1;  // index into KnowledgeBase::actors(), or -1
  int32_t org = -1;  // for a person: the organization they speak for, where known; else -1
  char gender = 0;   // for a person: 'm', 'f', or 0 when the text and first name do not tell
  // For a person: the knowledge base describes them as a party's nominee (or presumptive
  // nominee) on the article's date, so a race the article leaves unnamed is theirs.
  bool nominee = false;
};

struct Mention {
  // Flag bits.
  static constexpr uint32_t kQuoted = 1u << 0;      // inside a quotation
  static constexpr uint32_t kPossessive = 1u << 1;  // followed by 's or '
  static constexpr uint32_t kTitled = 1u << 2;      // preceded by a title ("Sen.", "President")
  static constexpr uint32_t kSpeaker = 1u << 3;     // first person singular: the quote's speaker
  static constexpr uint32_t kSpeakerOrg = 1u << 4;  // first person plural: the speaker's group
  static constexpr uint32_t kPlural = 1u << 5;      // they/them/their
  // Names the branch set before it ("Nevada's branch of the SEIU"): the resolver tied it to
  // that affiliate, and the words before it are its own, no prepositional phrase.
  static constexpr uint32_t kBranch = 1u << 6;
  // A union named by its members' trade ("the firefighters", "the machinists"): it refers to
  // an earlier union whose name holds the word, if any.
  static constexpr uint32_t kMembers = 1u << 7;

  uint32_t token_begin = 0;  // [token_begin, token_end) into Document::tokens
  uint32_t token_end = 0;
  uint32_t title_begin = 0;  // first token of a preceding title, == token_begin when none
  uint32_t sentence = 0;
  MentionKind kind = MentionKind::kName;
  ActorKind actor_kind = ActorKind::kUnknown;  // what the mention says of its actor
  uint32_t flags = 0;
  std::vector<int32_t> candidates;  // knowledge-base actors the words can name, best first
  int32_t actor = -1;  // index into Document::actors, or -1 while unresolved
};

struct StanceRecord {
  int32_t holder = -1;  // indices into Document::actors
  int32_t target = -1;
  Stance stance = Stance::kSupport;
  StanceStatus status = StanceStatus::kCurrent;
  Act act = Act::kBack;
  uint32_t sentence = 0;        // index into Document::sentences
  uint32_t evidence_begin = 0;  // byte offsets into Document::text
  uint32_t evidence_end = 0;
  std::optional<Date> time;  // when the stance was taken, where the text says
  int32_t speaker = -1;      // actor quoted as saying it, or -1
  std::string rule;          // which rule produced it, for debugging
};

// What an article states about an actor, beside its stances: a membership figure ("which
// represents more than 700,000 workers"), an office ("CWA President Chris Shelton") or an
// affiliation ("another AFL-CIO member"). Written by the facts stage (src/facts).
enum class FactKind { kMembers, kRole, kAffiliation };
inline std::string_view FactKindName(FactKind k) {
  return k == FactKind::kMembers ? "members" : k == FactKind::kRole ? "role" : "affiliation";
}

struct FactRecord {
  FactKind kind = FactKind::kMembers;
  int32_t holder = -1;          // index into Document::actors: whom the fact is about
  int32_t holder_mention = -1;  // index into Document::mentions naming the holder here
  // members: the figure in digits ("700000"); role: the title as written ("President");
  // affiliation: the parent's canonical name.
  std::string value;
  int32_t object = -1;  // role: the organization; affiliation: the parent; else -1
  int64_t number = 0;   // members: the figure
  bool approximate = false;  // members: hedged ("more than", "about")
  uint32_t sentence = 0;      // index into Document::sentences
  uint32_t begin = 0;         // byte offsets into Document::text of the stating words
  uint32_t end = 0;
  std::string rule;  // which pattern found it, for debugging
};

struct Diagnostic {
  std::string message;
};

struct Document {
  Article article;
  std::string text;    // cleaned story text (the clean stage fills it; raw text before)
  OffsetMap offsets;   // cleaned -> raw offsets
  std::optional<Date> date;  // the article's date: published, else inferred, else unknown
  bool date_inferred = false;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<DocActor> actors;
  std::vector<Mention> mentions;
  std::vector<StanceRecord> stances;
  std::vector<FactRecord> facts;
  std::vector<Diagnostic> diagnostics;
  // The tokens' case-folded forms (core::Fold: ASCII lower case, curly quotes made straight),
  // all in one buffer: token i is folded[folded_ends[i-1], folded_ends[i]). Filled once per
  // document by core::EnsureFolded (the segment stage calls it) so that stages compare words
  // without folding them again.
  std::string folded;
  std::vector<uint32_t> folded_ends;

  // Views stay valid until `text` is changed. REQUIRES: indices in range.
  std::string_view TokenText(uint32_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  std::string_view SpanText(uint32_t token_begin, uint32_t token_end) const {
    if (token_begin >= token_end) return {};
    uint32_t b = tokens[token_begin].begin, e = tokens[token_end - 1].end;
    return std::string_view(text).substr(b, e - b);
  }
  // REQUIRES: core::EnsureFolded(*this) ran after the tokens last changed.
  std::string_view Folded(uint32_t i) const {
    uint32_t b = i == 0 ? 0 : folded_ends[i - 1];
    return std::string_view(folded).substr(b, folded_ends[i] - b);
  }
  std::string_view SentenceText(uint32_t s) const {
    return std::string_view(text).substr(sentences[s].begin, sentences[s].end - sentences[s].begin);
  }
};

}  // namespace whipcount

#endif  // WHIPCOUNT_DOCUMENT_H_
