// SentenceTree: the dependency parse of one sentence of a Document, addressed by the document's
// token indices, so that stance rules can ask for a word's head, relation and dependents.
// Built on demand by the stance rules (parsing costs about 10 microseconds a word, so only
// sentences whose surface reading leaves a gap are parsed).
// Thread safety: a SentenceTree is owned by one thread; the SyntaxModel it reads is shared.
#ifndef WHIPCOUNT_STANCES_TREE_H_
#define WHIPCOUNT_STANCES_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/syntax.h"
#include "whipcount/document.h"

namespace whipcount::stances {

class SentenceTree {
 public:
  // Parses sentence `s` of `doc`, leaving out a dateline that opens it ("CLEVELAND — ",
  // "COLUMBUS, Ohio (AP) -- "): a parser reads the place as the subject. The tree keeps no
  // reference to either.
  SentenceTree(const syntax::SyntaxModel& model, const Document& doc, uint32_t s);

  static constexpr int kNone = -1;

  bool Contains(uint32_t tok) const { return tok >= begin_ && tok < end_; }
  // The head's token index; kNone for the root (or a token outside the sentence).
  int Head(uint32_t tok) const;
  // The relation to the head, subtype included ("nsubj:pass"); "" outside the sentence.
  const std::string& Rel(uint32_t tok) const;
  // True when the relation is `rel` or a subtype of it ("obl" matches "obl:agent").
  bool RelIs(uint32_t tok, std::string_view rel) const;
  const std::string& Upos(uint32_t tok) const;
  // Dependents of `tok`, left to right.
  const std::vector<uint32_t>& Children(uint32_t tok) const;
  // The first dependent with relation `rel` (exactly, subtype included), or kNone.
  int Child(uint32_t tok, std::string_view rel) const;
  // True when `anc` dominates `tok` (or is it).
  bool Dominates(uint32_t anc, uint32_t tok) const;
  // The token of [begin, end) whose head lies outside the span (the leftmost such); kNone when
  // the span is empty or outside the sentence.
  int SpanHead(uint32_t begin, uint32_t end) const;

 private:
  uint32_t begin_ = 0, end_ = 0;
  std::vector<syntax::ParsedToken> words_;
  std::vector<std::vector<uint32_t>> children_;
};

}  // namespace whipcount::stances

#endif  // WHIPCOUNT_STANCES_TREE_H_
