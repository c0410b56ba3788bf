// WordClusters: distributional word classes induced from raw text, read as features by the tagger
// and the parser so that words rare or absent in the treebank borrow what the treebank taught
// about words that occur in the same contexts ("Steele" with other surnames, "fund-raiser" with
// other nouns).
//
// The classes come from the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney
// 1998): every word of the vocabulary sits in one of C classes, and words are moved one at a time
// to the class that most raises the likelihood of a class bigram model of the text, until few
// words move. Words are case-sensitive with digits folded to 0 ("1984" and "2016" are one word).
//
// Thread safety: a built WordClusters is immutable; Lookup() may run on many threads.
#ifndef WHIPCOUNT_SYNTAX_CLUSTERS_H_
#define WHIPCOUNT_SYNTAX_CLUSTERS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/model_file.h"
#include "whipcount/status.h"

namespace whipcount::syntax {

class WordClusters {
 public:
  // Returned by Lookup() for a word outside the vocabulary (and by an empty map for every word).
  static constexpr int kUnknown = -1;
  static constexpr int kMaxClasses = 4096;

  WordClusters() = default;

  // The class of `word` in [0, num_classes()), or kUnknown.
  int Lookup(std::string_view word) const;
  // Lookup() for each word.
  void LookupAll(const std::vector<std::string_view>& words, std::vector<int>* out) const;

  int num_classes() const { return num_classes_; }
  size_t vocabulary_size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // A hash of the whole map, 0 for an empty one (tells two maps apart, e.g. in tests and logs).
  uint64_t Fingerprint() const;

  // Appends the map: u32 classes, u64 words, then per word (in key order) its u64 key and the
  // varint class. An empty map writes zero classes and zero words.
  void Serialize(ByteWriter* out) const;
  // Reads what Serialize wrote; refuses more than kMaxClasses classes, class ids out of range,
  // and duplicate or unordered keys, with a Corruption status naming the file.
  [[nodiscard]] static Status Deserialize(ByteReader* in, WordClusters* out);

  // Reads a map from text, one "class<TAB>word" line per word (see WriteClusterText); errors
  // name the file and line.
  [[nodiscard]] static Result<WordClusters> ReadText(const std::string& path);

  // Builds a map from (word, class) pairs. REQUIRES: classes in [0, num_classes).
  static WordClusters FromPairs(const std::vector<std::pair<std::string, int>>& pairs,
                                int num_classes);

  // The key a word is stored under: a hash of the word with its digits folded to 0; never 0.
  static uint64_t Key(std::string_view word);

 private:
  void Insert(uint64_t key, int cls);
  void Reserve(size_t words);

  int num_classes_ = 0;
  size_t size_ = 0;
  // Open addressing, power-of-two capacity, key 0 marks an empty slot (Key() never returns 0).
  std::vector<uint64_t> keys_;
  std::vector<uint16_t> classes_;
};

// Options of InduceClusters.
struct ClusterOptions {
  int num_classes = 256;
  int min_count = 3;    // rarer words are left out of the vocabulary (their bigrams still count,
                        // as one shared "rare word")
  int iterations = 10;  // passes over the vocabulary; stops earlier when under 0.1% of words move
};

// Induces classes from `sentences` (tokens, UD-style) and returns each vocabulary word with its
// class, most frequent words first (WordClusters::FromPairs makes the map). Deterministic: the
// result depends only on the sentences and the options. `progress`, if set, is called after each
// pass with the pass number, the words moved and the log-likelihood.
std::vector<std::pair<std::string, int>> InduceClusters(
    const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options,
    const std::function<void(int, size_t, double)>& progress = nullptr);

// Writes (word, class) pairs as "class<TAB>word" lines, in the order given.
[[nodiscard]] Status WriteClusterText(const std::string& path,
                                      const std::vector<std::pair<std::string, int>>& pairs);

// Splits raw text into UD-like tokens, one vector per line: whitespace-separated pieces, with
// leading and trailing punctuation split off and the clitics 's n't 're 've 'll 'm 'd split from
// their words (curly apostrophes too). Approximate, but close to the treebank's tokens.
void TokenizeRawText(std::string_view text, std::vector<std::vector<std::string>>* lines);

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_CLUSTERS_H_
