// CoNLL-U treebank files (https://universaldependencies.org/format.html): reading them for training
// and evaluation, and writing parses in the same format.
//
// Only syntactic words are kept: multiword-token lines ("3-4") and empty nodes ("5.1") are skipped,
// as the tagger and parser work on words, like the treebank's own trees.
//
// Thread safety: free functions over caller-owned values.
#ifndef WHIPCOUNT_SYNTAX_CONLLU_H_
#define WHIPCOUNT_SYNTAX_CONLLU_H_

#include <ostream>
#include <string>
#include <vector>

#include "whipcount/status.h"

namespace whipcount::syntax {

// One word line. head is 1-based into its sentence, 0 for the root.
struct ConlluWord {
  std::string form;
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;
  int head = 0;
  std::string deprel;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // "# ..." lines, without the newline
  std::vector<ConlluWord> words;
};

// Reads every sentence of `path`. Errors name the file and line: a word line without 10
// tab-separated fields, a non-numeric or out-of-range head, or ids out of sequence.
[[nodiscard]] Result<std::vector<ConlluSentence>> ReadConllu(const std::string& path);

// Writes `sentences` as CoNLL-U (ids 1..n, unknown fields "_").
void WriteConllu(const std::vector<ConlluSentence>& sentences, std::ostream& out);

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_CONLLU_H_
