#include "syntax/tagger.h"

#include <algorithm>
#include <map>

#include "syntax/model_file.h"

namespace whipcount::syntax {

namespace {

constexpr char kMagic[] = "WCTAGGER";
// The feature templates of a version 3 file (files of versions 1 and 2 have the same ones, less
// those of the maps they lack).
constexpr uint32_t kFeatureSet = 1;
constexpr int kMaxRowBits = 24;
constexpr size_t kMaxTags = 1000;
// Words beyond the sentence on either side, and the "tag" before the first word.
constexpr int kPad = 2;
constexpr uint64_t kStartTag = 1u << 20;
// The cluster "ids" of words outside the cluster vocabulary and of the padding.
constexpr uint64_t kNoCluster = 1u << 19;
constexpr uint64_t kPadCluster = (1u << 19) + 1;

struct WordHashes {
  uint64_t form = 0;
  uint64_t lower = 0;
  uint64_t prefix[3] = {0, 0, 0};
  uint64_t suffix[4] = {0, 0, 0, 0};
  uint64_t shape = 0;
  uint64_t flags = 0;
  uint64_t cluster = kNoCluster;
  uint64_t coarse = kNoCluster;     // class in TaggerMaps::coarse_clusters
  uint64_t ambiguity = kNoCluster;  // class in TaggerMaps::tag_dictionary
};

char ShapeClass(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
}

void LowerCase(std::string_view word, std::string* out) {
  out->assign(word);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

WordHashes HashWord(std::string_view word) {
  WordHashes h;
  std::string lower(word);
  bool has_upper = false, has_digit = false, has_hyphen = false, all_upper = true;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
      has_upper = true;
    } else if (c >= 'a' && c <= 'z') {
      all_upper = false;
    }
    if (c >= '0' && c <= '9') has_digit = true;
    if (c == '-') has_hyphen = true;
  }
  h.form = HashBytes(word);
  h.lower = HashBytes(lower);
  for (size_t k = 0; k < 3; ++k) {
    h.prefix[k] = HashBytes(std::string_view(lower).substr(0, std::min(lower.size(), k + 1)));
  }
  for (size_t k = 0; k < 4; ++k) {
    const size_t len = std::min(lower.size(), k + 1);
    h.suffix[k] = HashBytes(std::string_view(lower).substr(lower.size() - len));
  }
  // The shape with runs collapsed: "Obama" -> "Xx", "AFL-CIO" -> "X-X", "2016" -> "d".
  std::string shape;
  for (unsigned char c : word) {
    char s = ShapeClass(c);
    if (shape.empty() || shape.back() != s) shape.push_back(s);
  }
  h.shape = HashBytes(shape);
  h.flags = (has_upper ? 1 : 0) | (has_digit ? 2 : 0) | (has_hyphen ? 4 : 0) |
            (has_upper && all_upper ? 8 : 0);
  return h;
}

}  // namespace

struct TaggerWords {
  // words[i + kPad] describes word i; kPad sentinels on each side.
  std::vector<WordHashes> words;
  int size = 0;
  bool has_clusters = false;    // the tagger has a cluster map: cluster templates are on
  bool has_coarse = false;      // the same for the coarse clusters
  bool has_dictionary = false;  // and the tag dictionary
};

namespace {

void HashSentence(const std::vector<std::string_view>& words, const TaggerMaps& maps,
                  TaggerWords* tw) {
  tw->size = static_cast<int>(words.size());
  tw->has_clusters = !maps.clusters->empty();
  tw->has_coarse = !maps.coarse_clusters->empty();
  tw->has_dictionary = !maps.tag_dictionary->empty();
  tw->words.resize(words.size() + 2 * kPad);
  static const WordHashes kBefore = [] {
    WordHashes h = HashWord("<s>");
    h.cluster = h.coarse = h.ambiguity = kPadCluster;
    return h;
  }();
  static const WordHashes kAfter = [] {
    WordHashes h = HashWord("</s>");
    h.cluster = h.coarse = h.ambiguity = kPadCluster;
    return h;
  }();
  for (int k = 0; k < kPad; ++k) {
    tw->words[k] = kBefore;
    tw->words[words.size() + kPad + k] = kAfter;
  }
  thread_local std::string lower;
  for (size_t i = 0; i < words.size(); ++i) {
    WordHashes& h = tw->words[i + kPad];
    h = HashWord(words[i]);
    if (tw->has_clusters) {
      const int cls = maps.clusters->Lookup(words[i]);
      if (cls != WordClusters::kUnknown) h.cluster = static_cast<uint64_t>(cls);
    }
    if (tw->has_coarse) {
      const int cls = maps.coarse_clusters->Lookup(words[i]);
      if (cls != WordClusters::kUnknown) h.coarse = static_cast<uint64_t>(cls);
    }
    if (tw->has_dictionary) {
      LowerCase(words[i], &lower);
      const int cls = maps.tag_dictionary->Lookup(lower);
      if (cls != WordClusters::kUnknown) h.ambiguity = static_cast<uint64_t>(cls);
    }
  }
}

// The first pass's tags of a sentence, read by the second pass.
struct FirstPass {
  const std::vector<int>* upos = nullptr;
  const std::vector<int>* xpos = nullptr;
  uint64_t Upos(int i) const { return At(*upos, i); }
  uint64_t Xpos(int i) const { return At(*xpos, i); }
  static uint64_t At(const std::vector<int>& tags, int i) {
    if (i < 0) return kStartTag;
    if (i >= static_cast<int>(tags.size())) return kStartTag + 1;
    return static_cast<uint64_t>(tags[i]);
  }
};

// The features of word i fall in three groups by what they read, so that tagging computes each
// group only as often as its inputs change: WordFeatures read the words alone (the same for every
// column and pass), FirstPassFeatures the first pass's tags too (the same for both columns of the
// second pass), and TagFeatures the tags the current column has just given (recomputed for each
// word of each column). A column scores a word with the union of the three. The template numbers
// are those of the files: changing one changes what a saved tagger means.
constexpr int kMaxTaggerFeatures = 80;

int WordFeatures(const TaggerWords& tw, int i, uint64_t* keys) {
  const WordHashes& w = tw.words[i + kPad];
  const WordHashes& p1 = tw.words[i + kPad - 1];
  const WordHashes& p2 = tw.words[i + kPad - 2];
  const WordHashes& n1 = tw.words[i + kPad + 1];
  const WordHashes& n2 = tw.words[i + kPad + 2];
  const uint64_t first_word = i == 0 ? 1 : 0;
  int k = 0;
  keys[k++] = FeatureKey(1, w.form);
  keys[k++] = FeatureKey(2, w.lower);
  for (int s = 0; s < 4; ++s) keys[k++] = FeatureKey(3 + s, w.suffix[s]);
  for (int s = 0; s < 3; ++s) keys[k++] = FeatureKey(7 + s, w.prefix[s]);
  keys[k++] = FeatureKey(10, w.shape);
  keys[k++] = FeatureKey(11, w.flags, first_word);
  keys[k++] = FeatureKey(16, p1.lower);
  keys[k++] = FeatureKey(17, p1.suffix[2]);
  keys[k++] = FeatureKey(18, p2.lower);
  keys[k++] = FeatureKey(19, n1.lower);
  keys[k++] = FeatureKey(20, n1.suffix[2]);
  keys[k++] = FeatureKey(21, n1.shape);
  keys[k++] = FeatureKey(22, n2.lower);
  keys[k++] = FeatureKey(23, p1.lower, w.lower);
  keys[k++] = FeatureKey(24, w.lower, n1.lower);
  keys[k++] = FeatureKey(26, p1.shape, w.shape, n1.shape);
  keys[k++] = FeatureKey(28, w.form, first_word);
  keys[k++] = FeatureKey(29, n1.suffix[1], n2.suffix[1]);
  keys[k++] = FeatureKey(31, p1.lower, n1.lower);
  keys[k++] = FeatureKey(32, n1.form);
  if (tw.has_clusters) {
    keys[k++] = FeatureKey(33, w.cluster);
    keys[k++] = FeatureKey(34, p1.cluster);
    keys[k++] = FeatureKey(35, n1.cluster);
    keys[k++] = FeatureKey(36, n2.cluster);
    keys[k++] = FeatureKey(38, w.cluster, n1.cluster);
    keys[k++] = FeatureKey(39, p1.cluster, w.cluster);
  }
  if (tw.has_dictionary) {
    keys[k++] = FeatureKey(52, w.ambiguity);
    keys[k++] = FeatureKey(54, w.ambiguity, n1.ambiguity);
    keys[k++] = FeatureKey(55, p1.ambiguity, w.ambiguity);
    keys[k++] = FeatureKey(56, w.ambiguity, w.suffix[2]);
  }
  if (tw.has_coarse) {
    keys[k++] = FeatureKey(57, w.coarse);
    keys[k++] = FeatureKey(58, p1.coarse);
    keys[k++] = FeatureKey(59, n1.coarse);
    keys[k++] = FeatureKey(60, w.coarse, n1.coarse);
  }
  return k;
}

// REQUIRES: first is not null (second pass only).
int FirstPassFeatures(const TaggerWords& tw, int i, const FirstPass& first, uint64_t* keys) {
  const WordHashes& w = tw.words[i + kPad];
  const uint64_t x0 = first.Xpos(i), x1 = first.Xpos(i + 1), x2 = first.Xpos(i + 2);
  int k = 0;
  keys[k++] = FeatureKey(40, x0);
  keys[k++] = FeatureKey(41, first.Upos(i));
  keys[k++] = FeatureKey(42, x1);
  keys[k++] = FeatureKey(43, x1, x2);
  keys[k++] = FeatureKey(44, first.Xpos(i - 1), x1);
  keys[k++] = FeatureKey(45, w.lower, x1);
  keys[k++] = FeatureKey(46, x0, x1);
  keys[k++] = FeatureKey(47, w.suffix[2], x1);
  keys[k++] = FeatureKey(49, w.lower, x0);
  keys[k++] = FeatureKey(50, first.Upos(i + 1), first.Upos(i + 2));
  if (tw.has_clusters) keys[k++] = FeatureKey(51, w.cluster, x1);
  return k;
}

// t1 and t2 are the column's tags of the two words before i; `first` is null in the first pass.
int TagFeatures(const TaggerWords& tw, int i, uint64_t t1, uint64_t t2, const FirstPass* first,
                uint64_t* keys) {
  const WordHashes& w = tw.words[i + kPad];
  const WordHashes& n1 = tw.words[i + kPad + 1];
  int k = 0;
  keys[k++] = FeatureKey(12, t1);
  keys[k++] = FeatureKey(13, t1, t2);
  keys[k++] = FeatureKey(14, t1, w.lower);
  keys[k++] = FeatureKey(15, t1, w.suffix[2]);
  keys[k++] = FeatureKey(25, t1, n1.lower);
  keys[k++] = FeatureKey(27, t2);
  keys[k++] = FeatureKey(30, t1, w.shape);
  if (tw.has_clusters) keys[k++] = FeatureKey(37, t1, w.cluster);
  if (tw.has_dictionary) keys[k++] = FeatureKey(53, t1, w.ambiguity);
  if (first != nullptr) keys[k++] = FeatureKey(48, t1, first->Xpos(i), first->Xpos(i + 1));
  return k;
}

// The bias, a feature every word has: tagging adds its weights once per sentence.
uint64_t BiasFeature() { return FeatureKey(0, 0); }

// All the features of word i (training scores them all at once).
int TaggerFeatures(const TaggerWords& tw, int i, uint64_t t1, uint64_t t2, const FirstPass* first,
                   uint64_t* keys) {
  keys[0] = BiasFeature();
  int k = 1 + WordFeatures(tw, i, keys + 1);
  if (first != nullptr) k += FirstPassFeatures(tw, i, *first, keys + k);
  return k + TagFeatures(tw, i, t1, t2, first, keys + k);
}

int Argmax(const float* scores, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

// The segments of Tagger::table_: each column of each pass.
constexpr int kFirstUpos = 0, kFirstXpos = 1, kSecondUpos = 2, kSecondXpos = 3;

// Scratch space of Tagger::Tag, kept per thread so that a warm tagger allocates nothing.
struct TagScratch {
  TaggerWords tw;
  // fixed[i * classes + c]: the raw sum of the word's WordFeatures (and, once the first pass is
  // done, FirstPassFeatures) for merged class c.
  std::vector<int32_t> fixed;
  std::vector<int> first_upos, first_xpos, xpos;
};

// Greedy left-to-right decoding of segment `segment` of `table` over tw: each word's score is its
// fixed part plus its TagFeatures.
void DecodeColumn(const MergedSparseTable& table, int segment, const TaggerWords& tw,
                  const int32_t* fixed, const FirstPass* first, std::vector<int>* out) {
  const int classes = table.num_classes();
  const int begin = table.segment_begin(segment);
  const int num_tags = table.segment_classes(segment);
  out->resize(tw.size);
  uint64_t keys[kMaxTaggerFeatures];
  int32_t sums[SparseWeightTable::kMaxClasses];
  for (int i = 0; i < tw.size; ++i) {
    const uint64_t t1 = i >= 1 ? static_cast<uint64_t>((*out)[i - 1]) : kStartTag;
    const uint64_t t2 = i >= 2 ? static_cast<uint64_t>((*out)[i - 2]) : kStartTag;
    const int n = TagFeatures(tw, i, t1, t2, first, keys);
    const int32_t* word_fixed = fixed + static_cast<size_t>(i) * classes + begin;
    std::copy(word_fixed, word_fixed + num_tags, sums);
    table.AccumulateSegment(keys, n, segment, sums);
    int best = 0;
    for (int c = 1; c < num_tags; ++c) {
      if (sums[c] > sums[best]) best = c;
    }
    (*out)[i] = best;
  }
}

}  // namespace

int Tagger::TagId(TagColumn column, std::string_view tag) const {
  const auto& tags = tags_[column];
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == tag) return static_cast<int>(i);
  }
  return -1;
}

void Tagger::Tag(const std::vector<std::string_view>& words, std::vector<int>* upos,
                 std::vector<int>* xpos) const {
  thread_local TagScratch scratch;
  if (xpos == nullptr) xpos = &scratch.xpos;  // the second pass reads the first's XPOS
  if (words.empty()) {
    upos->clear();
    xpos->clear();
    return;
  }
  TaggerWords& tw = scratch.tw;
  HashSentence(words, maps_, &tw);
  const int classes = table_.num_classes();
  std::vector<int32_t>& fixed = scratch.fixed;
  fixed.resize(static_cast<size_t>(tw.size) * classes);
  // The bias row is the longest (a weight for nearly every class) and the same for every word.
  int32_t bias[MergedSparseTable::kMaxClasses] = {};
  const uint64_t bias_key = BiasFeature();
  table_.Accumulate(&bias_key, 1, bias);
  // One lookup of each word feature serves every column of both passes.
  uint64_t keys[kMaxTaggerFeatures];
  for (int i = 0; i < tw.size; ++i) {
    int32_t* word_fixed = &fixed[static_cast<size_t>(i) * classes];
    std::copy(bias, bias + classes, word_fixed);
    const int n = WordFeatures(tw, i, keys);
    table_.Accumulate(keys, n, word_fixed);
  }
  if (!has_second_pass_) {
    DecodeColumn(table_, kFirstUpos, tw, fixed.data(), nullptr, upos);
    DecodeColumn(table_, kFirstXpos, tw, fixed.data(), nullptr, xpos);
    return;
  }
  DecodeColumn(table_, kFirstUpos, tw, fixed.data(), nullptr, &scratch.first_upos);
  DecodeColumn(table_, kFirstXpos, tw, fixed.data(), nullptr, &scratch.first_xpos);
  FirstPass first{&scratch.first_upos, &scratch.first_xpos};
  // The first pass's columns are done, so adding to their classes here is harmless.
  for (int i = 0; i < tw.size; ++i) {
    const int n = FirstPassFeatures(tw, i, first, keys);
    table_.Accumulate(keys, n, &fixed[static_cast<size_t>(i) * classes]);
  }
  DecodeColumn(table_, kSecondUpos, tw, fixed.data(), &first, upos);
  DecodeColumn(table_, kSecondXpos, tw, fixed.data(), &first, xpos);
}

std::unique_ptr<Tagger> Tagger::Stack(std::unique_ptr<Tagger> first,
                                      std::unique_ptr<Tagger> second) {
  const SparseWeightTable parts[4] = {
      first->table_.Segment(kFirstUpos), first->table_.Segment(kFirstXpos),
      second->table_.Segment(kFirstUpos), second->table_.Segment(kFirstXpos)};
  first->table_ = MergedSparseTable({&parts[0], &parts[1], &parts[2], &parts[3]});
  first->has_second_pass_ = true;
  return first;
}

Status Tagger::Save(const std::string& path) const {
  ByteWriter out;
  for (int c = 0; c < kNumTagColumns; ++c) out.StringList(tags_[c]);
  out.U8(has_second_pass_ ? 2 : 1);
  out.U32(kFeatureSet);
  maps_.clusters->Serialize(&out);
  maps_.coarse_clusters->Serialize(&out);
  maps_.tag_dictionary->Serialize(&out);
  for (int s = 0; s < table_.num_segments(); ++s) table_.Segment(s).Serialize(&out);
  return WriteModelFile(path, kMagic, out.bytes());
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  std::string payload;
  uint32_t version = 0;
  if (Status st = ReadModelFile(path, kMagic, &payload, &version); !st.ok()) return st;
  ByteReader in(payload, path);
  std::unique_ptr<Tagger> tagger(new Tagger());
  for (int c = 0; c < kNumTagColumns; ++c) {
    if (Status st = in.StringList("tag set", kMaxTags, &tagger->tags_[c]); !st.ok()) return st;
    if (tagger->tags_[c].empty()) return in.Error("empty tag set");
  }
  uint8_t passes;
  if (Status st = in.U8("pass count", &passes); !st.ok()) return st;
  if (passes != 1 && passes != 2) return in.Error("pass count must be 1 or 2");
  tagger->has_second_pass_ = passes == 2;
  if (version >= 3) {
    // Version 3 numbers the templates, so that a later change to them can be refused cleanly.
    uint32_t feature_set;
    if (Status st = in.U32("feature set", &feature_set); !st.ok()) return st;
    if (feature_set != kFeatureSet) {
      return in.Error("tagger feature set " + std::to_string(feature_set) +
                      ", but this build knows set " + std::to_string(kFeatureSet));
    }
  }
  if (version >= 2) {
    auto clusters = std::make_shared<WordClusters>();
    if (Status st = WordClusters::Deserialize(&in, clusters.get()); !st.ok()) return st;
    tagger->maps_.clusters = std::move(clusters);
  }
  if (version >= 3) {
    auto coarse = std::make_shared<WordClusters>();
    auto dictionary = std::make_shared<WordClusters>();
    if (Status st = WordClusters::Deserialize(&in, coarse.get()); !st.ok()) return st;
    if (Status st = WordClusters::Deserialize(&in, dictionary.get()); !st.ok()) return st;
    tagger->maps_.coarse_clusters = std::move(coarse);
    tagger->maps_.tag_dictionary = std::move(dictionary);
  }
  SparseWeightTable parts[2 * kNumTagColumns];
  std::vector<const SparseWeightTable*> segments;
  for (int pass = 0; pass < passes; ++pass) {
    for (int c = 0; c < kNumTagColumns; ++c) {
      SparseWeightTable* table = &parts[pass * kNumTagColumns + c];
      if (Status st = SparseWeightTable::Deserialize(
              &in, kMaxRowBits, static_cast<int>(tagger->tags_[c].size()), table);
          !st.ok()) {
        return st;
      }
      if (table->row_bits() != parts[0].row_bits()) {
        return in.Error("tables of different row counts");
      }
      segments.push_back(table);
    }
  }
  if (!in.AtEnd()) return in.Error("unexpected bytes after the last table");
  int classes = 0;
  for (const SparseWeightTable* table : segments) classes += table->num_classes();
  if (classes > MergedSparseTable::kMaxClasses) {
    return in.Error("the tag sets have " + std::to_string(classes) + " tags in all (passes " +
                    "included), more than " + std::to_string(MergedSparseTable::kMaxClasses));
  }
  tagger->table_ = MergedSparseTable(segments);
  return tagger;
}

TaggerTrainer::TaggerTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                             int row_bits, std::shared_ptr<const WordClusters> clusters)
    : TaggerTrainer(std::move(upos_tags), std::move(xpos_tags), row_bits,
                    TaggerMaps{clusters ? std::move(clusters) : std::make_shared<WordClusters>()}) {
}

TaggerTrainer::TaggerTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                             int row_bits, TaggerMaps maps)
    : maps_(std::move(maps)),
      tables_{AveragedTable(row_bits, static_cast<int>(upos_tags.size())),
              AveragedTable(row_bits, static_cast<int>(xpos_tags.size()))} {
  for (auto* map : {&maps_.clusters, &maps_.coarse_clusters, &maps_.tag_dictionary}) {
    if (*map == nullptr) *map = std::make_shared<WordClusters>();
  }
  tags_[kUpos] = std::move(upos_tags);
  tags_[kXpos] = std::move(xpos_tags);
}

int TaggerTrainer::Train(const std::vector<std::string_view>& words,
                         const std::vector<int>& gold_upos, const std::vector<int>& gold_xpos,
                         const std::vector<int>* first_upos, const std::vector<int>* first_xpos) {
  FirstPass first_pass{first_upos, first_xpos};
  const FirstPass* first = first_upos != nullptr ? &first_pass : nullptr;
  TaggerWords tw;
  HashSentence(words, maps_, &tw);
  uint64_t keys[kMaxTaggerFeatures];
  int upos_correct = 0;
  for (int c = 0; c < kNumTagColumns; ++c) {
    const std::vector<int>& gold = c == kUpos ? gold_upos : gold_xpos;
    AveragedTable& table = tables_[c];
    const int num_tags = table.current().num_classes();
    std::vector<float> scores(num_tags);
    std::vector<int> predicted(words.size(), 0);
    for (int i = 0; i < tw.size; ++i) {
      const uint64_t t1 = i >= 1 ? static_cast<uint64_t>(predicted[i - 1]) : kStartTag;
      const uint64_t t2 = i >= 2 ? static_cast<uint64_t>(predicted[i - 2]) : kStartTag;
      const int n = TaggerFeatures(tw, i, t1, t2, first, keys);
      std::fill(scores.begin(), scores.end(), 0.0f);
      table.current().Score(keys, n, scores.data());
      const int guess = Argmax(scores.data(), num_tags);
      if (guess != gold[i]) {
        table.Update(keys, n, gold[i], 1.0f);
        table.Update(keys, n, guess, -1.0f);
      } else if (c == kUpos) {
        ++upos_correct;
      }
      table.Tick();
      predicted[i] = guess;
    }
  }
  return upos_correct;
}

std::unique_ptr<Tagger> TaggerTrainer::Averaged() const {
  std::unique_ptr<Tagger> tagger(new Tagger());
  tagger->maps_ = maps_;
  SparseWeightTable parts[kNumTagColumns];
  for (int c = 0; c < kNumTagColumns; ++c) {
    tagger->tags_[c] = tags_[c];
    parts[c] = SparseWeightTable(tables_[c].Averaged());
  }
  tagger->table_ = MergedSparseTable({&parts[kUpos], &parts[kXpos]});
  return tagger;
}

void TaggerEnsemble::Add(const TaggerTrainer& trainer) {
  for (int c = 0; c < kNumTagColumns; ++c) {
    WeightTable averaged = trainer.tables_[c].Averaged();
    if (count_ == 0) {
      maps_ = trainer.maps_;
      tags_[c] = trainer.tags_[c];
      sums_[c] = std::move(averaged);
      continue;
    }
    auto& sum = sums_[c].mutable_weights();
    const auto& add = averaged.weights();
    for (size_t i = 0; i < sum.size(); ++i) sum[i] += add[i];
  }
  ++count_;
}

std::unique_ptr<Tagger> TaggerEnsemble::Mean() const {
  std::unique_ptr<Tagger> tagger(new Tagger());
  tagger->maps_ = maps_;
  const float scale = 1.0f / static_cast<float>(count_);
  SparseWeightTable parts[kNumTagColumns];
  for (int c = 0; c < kNumTagColumns; ++c) {
    tagger->tags_[c] = tags_[c];
    WeightTable mean = sums_[c];
    for (float& w : mean.mutable_weights()) w *= scale;
    parts[c] = SparseWeightTable(mean);
  }
  tagger->table_ = MergedSparseTable({&parts[kUpos], &parts[kXpos]});
  return tagger;
}

WordClusters MakeTagDictionary(const std::vector<std::vector<std::string_view>>& words,
                               const std::vector<std::vector<int>>& tags,
                               const std::vector<bool>& use, int min_count, double min_share) {
  // Tag counts per lowercased word; std::map keeps the result independent of hashing.
  std::map<std::string, std::map<int, int>> counts;
  std::string lower;
  for (size_t s = 0; s < words.size(); ++s) {
    if (!use[s]) continue;
    for (size_t i = 0; i < words[s].size(); ++i) {
      LowerCase(words[s][i], &lower);
      ++counts[lower][tags[s][i]];
    }
  }
  std::map<uint64_t, std::vector<std::string>> by_set;  // tag set (bit mask) -> words
  for (const auto& [word, tag_counts] : counts) {
    int total = 0;
    for (const auto& [tag, count] : tag_counts) total += count;
    if (total < min_count) continue;
    uint64_t set = 0;
    for (const auto& [tag, count] : tag_counts) {
      if (count >= 2 && count >= min_share * total) set |= uint64_t{1} << (tag & 63);
    }
    if (set != 0) by_set[set].push_back(word);
  }
  std::vector<std::pair<std::string, int>> pairs;
  int cls = 0;
  for (const auto& [set, set_words] : by_set) {
    for (const auto& word : set_words) pairs.emplace_back(word, cls);
    ++cls;
  }
  return WordClusters::FromPairs(pairs, std::max(cls, 1));
}

}  // namespace whipcount::syntax
