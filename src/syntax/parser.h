// Parser: a transition-based labelled dependency parser, greedy or with a beam.
//
// Transitions are arc-eager (Shift, Right-Arc, Left-Arc, Reduce) with the artificial root placed
// after the last word, so words still on the stack at the end attach to it by Left-Arc (Ballesteros
// and Nivre 2013 found this placement helps arc-eager). A linear model over hashed templates of
// the stack, the buffer, their heads, children, labels, distance, valency and sentence neighbours
// scores the transitions; a second linear model picks the label of each arc when the arc is made,
// so later decisions read the labels already given. A parser may carry word clusters
// (clusters.h), saved in its file, whose classes of the words near the stack and buffer are
// features too.
//
// Two ways to train the transition model. ParserTrainer::Train is the greedy one: a local
// averaged perceptron following a dynamic oracle (Goldberg and Nivre 2012), which learns from
// its own mistakes' configurations. ParserTrainer::TrainBeam is the global one: a structured
// perceptron whose beam search over whole transition sequences is updated at the point of
// maximum violation (Huang et al. 2012); such a parser is meant to decode with a beam too, whose
// width and score margin are saved in its file (SetBeam). Non-projective training trees are
// projectivized by lifting arcs; parses are always projective.
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

  // Decoding: a beam of at most `width` partial parses (1 = greedy), keeping only those whose
  // score is within `margin` of the best (margin <= 0: no such cut). `label_branch` (0, 1 or 2)
  // is how many labels of each arc enter the beam, their scores added to the transition's; 0
  // labels each kept arc after the ranking (see ParserTrainer::TrainBeam). The settings are saved
  // with the parser; files without them (before beam search) load as greedy. Not thread-safe:
  // set before sharing.
  static constexpr int kMaxBeamWidth = 64;
  static constexpr int kDefaultLabelBranch = 0;
  void SetBeam(int width, float margin, int label_branch = kDefaultLabelBranch);
  int beam_width() const { return beam_width_; }
  float beam_margin() const { return beam_margin_; }
  int label_branch() const { return label_branch_; }

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
  // The feature templates the weights belong to: 1 for files saved before the settings trailer,
  // 2 adds the sentence neighbours of s0 and n0. New parsers use the latest.
  int feature_set_ = 2;
  int beam_width_ = 1;
  float beam_margin_ = 0.0f;
  int label_branch_ = kDefaultLabelBranch;
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

  // One pass over a sentence as a global (structured) perceptron: beam search of `width` with
  // the current weights against the static-oracle transition sequence, updating on the prefix
  // where the best wrong item most outscores the gold one ("max-violation", Huang et al. 2012).
  // With `label_branch` 0 the labeller learns locally along the gold sequence, on gold states;
  // with 1 or 2 the best one or two labels of each arc compete in the beam (scores added to the
  // transitions') and the labeller takes part in the same global updates. Returns the number of
  // words the beam's best parse gives the gold head.
  int TrainBeam(const ParserInput& input, const std::vector<int>& gold_heads,
                const std::vector<int>& gold_labels, int width, int label_branch = 0);

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
