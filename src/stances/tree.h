// SentenceTree: the tags and dependency parse of one sentence of a Document, addressed by the
// document's token indices, so that stance rules can ask for a word's tag, head, relation and
// dependents.
// Built on demand by the stance rules, in two steps: constructing it tags the sentence, and the
// first question about heads or relations parses it (tagging costs about half of tag+parse, so
// a rule that needs only a tag, "her" as PRP$ or PRP, leaves the sentence unparsed).
// Thread safety: a SentenceTree is owned by one thread; the SyntaxModel it reads is shared and
// must outlive it.
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
  // Tags sentence `s` of `doc`, leaving out a dateline that opens it ("CLEVELAND — ",
  // "COLUMBUS, Ohio (AP) -- "): a parser reads the place as the subject. The tree keeps no
  // reference to the document.
  SentenceTree(const syntax::SyntaxModel& model, const Document& doc, uint32_t s);

  static constexpr int kNone = -1;

  bool Contains(uint32_t tok) const { return tok >= begin_ && tok < end_; }
  // Tags (no parse needed): "" outside the sentence.
  const std::string& Upos(uint32_t tok) const;
  const std::string& Xpos(uint32_t tok) const;
  // True once the sentence has been parsed (for tests and counters).
  bool parsed() const { return parsed_; }

  // The rest parse the sentence on first use.
  // The head's token index; kNone for the root (or a token outside the sentence).
  int Head(uint32_t tok) const;
  // The relation to the head, subtype included ("nsubj:pass"); "" outside the sentence.
  const std::string& Rel(uint32_t tok) const;
  // True when the relation is `rel` or a subtype of it ("obl" matches "obl:agent").
  bool RelIs(uint32_t tok, std::string_view rel) const;
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
  void EnsureParsed() const;

  const syntax::SyntaxModel* model_;
  uint32_t begin_ = 0, end_ = 0;
  std::vector<std::string_view> words_;  // into the document's text, alive while tagging/parsing
  std::vector<int> upos_, xpos_;         // tag ids of the model's tagger
  mutable bool parsed_ = false;
  mutable std::vector<int> heads_, labels_;  // 1-based heads (0 = root), label ids
  mutable std::vector<std::vector<uint32_t>> children_;
};

}  // namespace whipcount::stances

#endif  // WHIPCOUNT_STANCES_TREE_H_
