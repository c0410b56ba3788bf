// SyntaxModel: the project's own part-of-speech tagger and labelled dependency parser, trained on
// UD English-EWT (see data/models/README.md) and loaded from a model folder (data/models/). It
// gives each word of a sentence a UPOS tag, a head and a Universal Dependencies relation, so that
// stance rules can read subjects, objects, passive agents, possessors, relative clauses and
// coordination.
//
// Input words are UD-style tokens, as the segmenter produces them: clitics split ("do" "n't",
// "union" "'s"), punctuation separate.
//
// Thread safety: a loaded SyntaxModel is immutable; Parse() and ParseTagged() may be called from
// many threads at once (each thread keeps its own scratch space).
//
// Cost: loading takes about 1 to 2 s and 150 MB; a sentence costs about 9 to 12 microseconds per
// word on one core (see data/models/README.md for the figures, bench/syntax_bench to measure).
#ifndef WHIPCOUNT_SYNTAX_SYNTAX_H_
#define WHIPCOUNT_SYNTAX_SYNTAX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "whipcount/status.h"

namespace whipcount::syntax {

// One analysed word.
struct ParsedToken {
  std::string form;
  std::string upos;    // universal tag, e.g. "NOUN", "PROPN", "VERB"
  std::string xpos;    // Penn tag, e.g. "VBN", "NNP"
  int head = 0;        // 1-based index of the head word in the sentence; 0 = root
  std::string deprel;  // UD relation with subtype, e.g. "nsubj:pass", "obl:agent", "nmod:poss"
};

class SyntaxModel {
 public:
  SyntaxModel(const SyntaxModel&) = delete;  // holds tens of megabytes of weights
  SyntaxModel& operator=(const SyntaxModel&) = delete;

  // Loads <dir>/tagger.bin and <dir>/parser.bin. Errors name the file: NotFound when one is
  // missing, Corruption when truncated or damaged, Unsupported for another format version,
  // InvalidInput when the parser was trained on other tag sets than the tagger predicts.
  [[nodiscard]] static Result<std::unique_ptr<SyntaxModel>> Load(const std::string& dir);

  // Builds a model from a trained tagger and parser (the trainer uses this to evaluate).
  // REQUIRES: the parser's tag sets equal the tagger's.
  SyntaxModel(std::unique_ptr<Tagger> tagger, std::unique_ptr<Parser> parser);

  // Tags and parses one sentence: out gets one ParsedToken per word, in order. An empty sentence
  // gives an empty out. Exactly one word has head 0 (deprel "root").
  void Parse(const std::vector<std::string_view>& words, std::vector<ParsedToken>* out) const;

  // Parses a sentence whose tags are already known (gold-tag evaluation, or a caller with its own
  // tagger). REQUIRES: upos/xpos ids index tagger().tags(), one per word.
  void ParseTagged(const std::vector<std::string_view>& words, const std::vector<int>& upos,
                   const std::vector<int>& xpos, std::vector<int>* heads,
                   std::vector<int>* labels) const;

  const Tagger& tagger() const { return *tagger_; }
  const Parser& parser() const { return *parser_; }

 private:
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Parser> parser_;
};

// Scores against a treebank's gold words. Punctuation counts like any word (as in the CoNLL 2018
// shared task); LAS requires the full relation with its subtype ("nsubj:pass", not "nsubj").
struct EvalScores {
  int64_t words = 0;
  int64_t upos_correct = 0;
  int64_t head_correct = 0;
  int64_t labelled_correct = 0;
  double seconds = 0;  // CPU time the calling thread spent tagging and parsing

  double upos() const { return words ? 100.0 * upos_correct / words : 0; }
  double uas() const { return words ? 100.0 * head_correct / words : 0; }
  double las() const { return words ? 100.0 * labelled_correct / words : 0; }
  double words_per_second() const { return seconds > 0 ? words / seconds : 0; }
};

// Tags and parses every sentence of `sentences` from its gold words and scores the result.
EvalScores Evaluate(const SyntaxModel& model, const std::vector<ConlluSentence>& sentences);
// The same with a tagger and parser not (yet) joined in a SyntaxModel, as during training.
// REQUIRES: the parser's tag sets equal the tagger's.
EvalScores Evaluate(const Tagger& tagger, const Parser& parser,
                    const std::vector<ConlluSentence>& sentences);

// The same over the CoNLL-U file at `conllu_path`; errors are ReadConllu's.
[[nodiscard]] Result<EvalScores> Evaluate(const SyntaxModel& model, const std::string& conllu_path);

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_SYNTAX_H_
