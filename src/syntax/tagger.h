// Tagger: a greedy left-to-right averaged-perceptron part-of-speech tagger over hashed features
// (the word, its lowercase form, prefixes, suffixes, shape, the words around it, and the tags it
// has already given to the words before it).
//
// It predicts two columns: UPOS, the universal tag the API returns, and XPOS, the treebank's
// finer Penn tag, which tells the parser what UPOS merges (VBN from VBD, TO from ADP, WDT from
// DET). Each column has its own weights and reads its own previous tags.
//
// Tagging runs in two passes. A left-to-right tagger cannot see the tags of the words to its
// right, so a second pass re-tags the sentence reading the first pass's tags on both sides. The
// second pass is trained on first-pass tags of sentences the first pass did not train on
// (jackknifing), so it learns how far to trust them. Each pass may be the mean of several
// taggers trained on different shuffles (TaggerEnsemble).
//
// A tagger may carry word clusters induced from raw text (clusters.h): the cluster of each word
// and of its neighbours are then features too, which helps most on words the treebank lacks.
//
// Cost: the features are grouped by what they read (the words alone, the first pass's tags, the
// column's own previous tags), and the four column passes share one table, so each group is
// looked up once for all the columns that read it (see tagger.cc).
//
// Thread safety: a Tagger is immutable once built or loaded; Tag() may run on many threads (each
// thread keeps its own scratch space, reused from call to call).
#ifndef WHIPCOUNT_SYNTAX_TAGGER_H_
#define WHIPCOUNT_SYNTAX_TAGGER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/clusters.h"
#include "syntax/perceptron.h"
#include "whipcount/status.h"

namespace whipcount::syntax {

// The column indexes of a Tagger.
enum TagColumn : int { kUpos = 0, kXpos = 1, kNumTagColumns = 2 };

// Per-sentence hashes of each word's surface features, shared by the two columns.
struct TaggerWords;

// The word maps a tagger reads besides the words themselves; each one's templates are on when it
// is not empty, and each is saved in the tagger's file.
struct TaggerMaps {
  // Word clusters induced from raw text (clusters.h); the parser of the same model may read the
  // same ones.
  std::shared_ptr<const WordClusters> clusters = std::make_shared<WordClusters>();
  // A second, coarser clustering of the same text: a word's fine class may be too rare in the
  // treebank to have learnt much, its coarse one less so.
  std::shared_ptr<const WordClusters> coarse_clusters = std::make_shared<WordClusters>();
  // The tag dictionary: each frequent training word (lowercased) and its ambiguity class, a
  // number standing for the set of XPOS tags the treebank gives it (see MakeTagDictionary).
  std::shared_ptr<const WordClusters> tag_dictionary = std::make_shared<WordClusters>();
};

// A tag dictionary for TaggerMaps from the XPOS ids `tags[s][i]` of words `words[s][i]`, over the
// sentences s with use[s]: every word seen at least `min_count` times (lowercased) gets the set
// of tags it has at least twice and in at least `min_share` of its occurrences; words sharing a
// set share a class. Deterministic: the classes are numbered in the order of their sets.
WordClusters MakeTagDictionary(const std::vector<std::vector<std::string_view>>& words,
                               const std::vector<std::vector<int>>& tags,
                               const std::vector<bool>& use, int min_count, double min_share);

class Tagger {
 public:
  // The file name of the tagger inside a model folder.
  static constexpr const char* kFileName = "tagger.bin";

  Tagger(const Tagger&) = delete;  // the tables are tens of megabytes
  Tagger& operator=(const Tagger&) = delete;

  // Loads `path`; errors name the file (see ReadModelFile for the container checks).
  [[nodiscard]] static Result<std::unique_ptr<Tagger>> Load(const std::string& path);
  [[nodiscard]] Status Save(const std::string& path) const;

  const std::vector<std::string>& tags(TagColumn column) const { return tags_[column]; }
  // The id of `tag` in `column`, or -1.
  int TagId(TagColumn column, std::string_view tag) const;

  // Tags `words`; (*upos)[i] and (*xpos)[i] are ids into tags(kUpos) and tags(kXpos).
  // `xpos` may be null when only UPOS is wanted.
  void Tag(const std::vector<std::string_view>& words, std::vector<int>* upos,
           std::vector<int>* xpos) const;

  bool has_second_pass() const { return has_second_pass_; }

  // The word clusters the tagger reads (empty for a tagger trained without them); the parser of
  // the same model reads them too.
  const WordClusters& clusters() const { return *maps_.clusters; }
  const TaggerMaps& maps() const { return maps_; }

  // A two-pass tagger from a first-pass tagger and a second pass trained on its output.
  // REQUIRES: neither has a second pass already; both have the same tag sets.
  static std::unique_ptr<Tagger> Stack(std::unique_ptr<Tagger> first,
                                       std::unique_ptr<Tagger> second);

 private:
  friend class TaggerTrainer;
  friend class TaggerEnsemble;
  Tagger() = default;

  std::vector<std::string> tags_[kNumTagColumns];
  TaggerMaps maps_;
  bool has_second_pass_ = false;
  // The weights of each column of each pass as one table, so that a feature both columns and
  // both passes read is looked up once: segments first-pass UPOS, first-pass XPOS, then, with a
  // second pass, second-pass UPOS and XPOS.
  MergedSparseTable table_;
};

// Trains a Tagger one sentence at a time. Deterministic: the result depends only on the order of
// the sentences given.
class TaggerTrainer {
 public:
  // `clusters`, if given, are read as features and carried by the taggers this trainer makes.
  TaggerTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                int row_bits, std::shared_ptr<const WordClusters> clusters = nullptr);
  // The same with all the maps; null ones are empty.
  TaggerTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                int row_bits, TaggerMaps maps);

  // One perceptron pass over a sentence: tags it with the current weights, feeding each column's
  // own predictions forward, and updates every wrong decision. Gold ids index the tag sets.
  // A second-pass trainer also gets the first pass's tags of the sentence (from a first pass
  // that did not train on it); a first-pass trainer gets null. Returns the number of correct UPOS
  // decisions.
  int Train(const std::vector<std::string_view>& words, const std::vector<int>& gold_upos,
            const std::vector<int>& gold_xpos, const std::vector<int>* first_upos = nullptr,
            const std::vector<int>* first_xpos = nullptr);

  // The averaged model so far, as a one-pass tagger (see Tagger::Stack).
  std::unique_ptr<Tagger> Averaged() const;

 private:
  friend class TaggerEnsemble;
  TaggerMaps maps_;
  std::vector<std::string> tags_[kNumTagColumns];
  AveragedTable tables_[kNumTagColumns];
};

// The mean of several trainers' averaged weights: since scores are linear in the weights, a
// tagger that scores each word with the mean of the members' scores, at the cost of one.
class TaggerEnsemble {
 public:
  // REQUIRES: every trainer added has the same tag sets and table sizes.
  void Add(const TaggerTrainer& trainer);
  // The mean as a one-pass tagger. REQUIRES: at least one Add().
  std::unique_ptr<Tagger> Mean() const;

 private:
  int count_ = 0;
  TaggerMaps maps_;
  std::vector<std::string> tags_[kNumTagColumns];
  WeightTable sums_[kNumTagColumns];
};

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_TAGGER_H_
