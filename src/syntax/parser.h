// Parser: a greedy transition-based labelled dependency parser.
//
// Transitions are arc-eager (Shift, Right-Arc, Left-Arc, Reduce) with the artificial root placed
// after the last word, so words still on the stack at the end attach to it by Left-Arc (Ballesteros
// and Nivre 2013 found this placement helps arc-eager). An averaged perceptron over hashed
// templates of the stack, the buffer, their heads, children, labels, distance and valency picks the
// transition; a second averaged perceptron picks the label of each arc when the arc is made, so
// later decisions read the labels already given. Training follows a dynamic oracle (Goldberg and
// Nivre 2012): the parser learns from its own mistakes' configurations, after the first iteration
// following its own prediction when wrong with probability 0.9. Non-projective training trees are
// projectivized by lifting arcs; parses are always projective. A parser may carry word clusters
// (clusters.h), saved in its file, whose classes of the words near the stack and buffer are
// features too.
//
// Output contract: every word gets a head in [0, n] (1-based, 0 = root) and exactly one word
// heads the sentence with label "root".
//
// Thread safety: a Parser is immutable once built or loaded; Parse() may run on many threads.
#ifndef WHIPCOUNT_SYNTAX_PARSER_H_
#define WHIPCOUNT_SYNTAX_PARSER_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/clusters.h"
#include "syntax/perceptron.h"
#include "whipcount/status.h"

namespace whipcount::syntax {

// The tagged sentence the parser reads: words with the tagger's UPOS and XPOS ids.
struct ParserInput {
  const std::vector<std::string_view>* words = nullptr;
  const std::vector<int>* upos = nullptr;
  const std::vector<int>* xpos = nullptr;
};

class Parser {
 public:
  static constexpr const char* kFileName = "parser.bin";

  Parser(const Parser&) = delete;  // the tables are tens of megabytes
  Parser& operator=(const Parser&) = delete;

  [[nodiscard]] static Result<std::unique_ptr<Parser>> Load(const std::string& path);
  [[nodiscard]] Status Save(const std::string& path) const;

  // The tag sets the parser was trained with (a tagger's must match) and its relation labels.
  const std::vector<std::string>& upos_tags() const { return upos_tags_; }
  const std::vector<std::string>& xpos_tags() const { return xpos_tags_; }
  const std::vector<std::string>& labels() const { return labels_; }
  // The word clusters the parser reads (its own copy, saved in its file; empty when trained
  // without them).
  const WordClusters& clusters() const { return *clusters_; }

  // Parses one sentence. REQUIRES: the three input vectors have the same length, tag ids index
  // upos_tags()/xpos_tags(). On return heads[i] is the 1-based head of word i (0 = root) and
  // labels[i] indexes labels().
  void Parse(const ParserInput& input, std::vector<int>* heads, std::vector<int>* labels) const;

 private:
  friend class ParserTrainer;
  friend class ParserEnsemble;
  Parser() = default;

  std::vector<std::string> upos_tags_;
  std::vector<std::string> xpos_tags_;
  std::vector<std::string> labels_;
  std::shared_ptr<const WordClusters> clusters_ = std::make_shared<WordClusters>();
  int root_label_ = -1;         // "root"
  int fallback_label_ = -1;     // for extra root words the post-pass re-attaches ("parataxis")
  WeightTable transitions_;     // 4 classes: the arc-eager transitions
  SparseWeightTable labeller_;  // one class per label
};

// Trains a Parser one sentence at a time with the dynamic oracle.
class ParserTrainer {
 public:
  // `clusters`, if given, become the parser's own (see Parser::clusters()).
  ParserTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                std::vector<std::string> labels, int transition_row_bits, int label_row_bits,
                std::shared_ptr<const WordClusters> clusters = nullptr);

  // One pass over a sentence. gold_heads are 1-based (0 = root), gold_labels index labels().
  // `explore` lets the parser follow its own wrong transitions (use after the first iteration);
  // `rng` decides when. Returns the number of words given the gold head.
  int Train(const ParserInput& input, const std::vector<int>& gold_heads,
            const std::vector<int>& gold_labels, bool explore, std::mt19937* rng);

  // The averaged model so far.
  std::unique_ptr<Parser> Averaged() const;

 private:
  friend class ParserEnsemble;
  std::unique_ptr<Parser> proto_;  // tag sets and labels; tables are in the trainer
  AveragedTable transitions_;
  AveragedTable labeller_;
};

// The mean of several trainers' averaged weights. Scores are linear in the weights, so the mean
// model scores each decision with the mean of the members' scores: an ensemble of parsers trained
// with different seeds at the cost of one parser at run time.
class ParserEnsemble {
 public:
  // REQUIRES: every trainer added has the same tag sets, labels and table sizes.
  void Add(const ParserTrainer& trainer);
  // REQUIRES: at least one Add().
  std::unique_ptr<Parser> Mean() const;

 private:
  int count_ = 0;
  std::unique_ptr<Parser> proto_;  // tag sets and labels of the first trainer
  WeightTable transitions_;
  WeightTable labeller_;
};

// Rewrites `heads` (1-based, 0 = root) into a projective tree by repeatedly lifting the
// shortest non-projective arc to the head's head. Exposed for tests.
void Projectivize(std::vector<int>* heads);

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_PARSER_H_
