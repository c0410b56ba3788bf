#include "syntax/tagger.h"

#include <algorithm>

#include "syntax/model_file.h"

namespace whipcount::syntax {

namespace {

constexpr char kMagic[] = "WCTAGGER";
constexpr int kMaxRowBits = 24;
constexpr size_t kMaxTags = 1000;
constexpr int kMaxTagsPerColumn = 1000;
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
};

char ShapeClass(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
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
  bool has_clusters = false;  // the tagger has a cluster map: cluster templates are on
};

namespace {

void HashSentence(const std::vector<std::string_view>& words, const WordClusters& clusters,
                  TaggerWords* tw) {
  tw->size = static_cast<int>(words.size());
  tw->has_clusters = !clusters.empty();
  tw->words.assign(words.size() + 2 * kPad, WordHashes());
  static const WordHashes kBefore = [] {
    WordHashes h = HashWord("<s>");
    h.cluster = kPadCluster;
    return h;
  }();
  static const WordHashes kAfter = [] {
    WordHashes h = HashWord("</s>");
    h.cluster = kPadCluster;
    return h;
  }();
  for (int k = 0; k < kPad; ++k) {
    tw->words[k] = kBefore;
    tw->words[words.size() + kPad + k] = kAfter;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    WordHashes& h = tw->words[i + kPad];
    h = HashWord(words[i]);
    const int cls = clusters.Lookup(words[i]);
    if (cls != WordClusters::kUnknown) h.cluster = static_cast<uint64_t>(cls);
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

// Fills `keys` with the features of word i given the two previous tags, and the first pass's
// tags when `first` is not null; returns how many.
constexpr int kMaxTaggerFeatures = 64;
int TaggerFeatures(const TaggerWords& tw, int i, uint64_t t1, uint64_t t2, const FirstPass* first,
                   uint64_t* keys) {
  const WordHashes& w = tw.words[i + kPad];
  const WordHashes& p1 = tw.words[i + kPad - 1];
  const WordHashes& p2 = tw.words[i + kPad - 2];
  const WordHashes& n1 = tw.words[i + kPad + 1];
  const WordHashes& n2 = tw.words[i + kPad + 2];
  const uint64_t first_word = i == 0 ? 1 : 0;
  int k = 0;
  keys[k++] = FeatureKey(0, 0);
  keys[k++] = FeatureKey(1, w.form);
  keys[k++] = FeatureKey(2, w.lower);
  for (int s = 0; s < 4; ++s) keys[k++] = FeatureKey(3 + s, w.suffix[s]);
  for (int s = 0; s < 3; ++s) keys[k++] = FeatureKey(7 + s, w.prefix[s]);
  keys[k++] = FeatureKey(10, w.shape);
  keys[k++] = FeatureKey(11, w.flags, first_word);
  keys[k++] = FeatureKey(12, t1);
  keys[k++] = FeatureKey(13, t1, t2);
  keys[k++] = FeatureKey(14, t1, w.lower);
  keys[k++] = FeatureKey(15, t1, w.suffix[2]);
  keys[k++] = FeatureKey(16, p1.lower);
  keys[k++] = FeatureKey(17, p1.suffix[2]);
  keys[k++] = FeatureKey(18, p2.lower);
  keys[k++] = FeatureKey(19, n1.lower);
  keys[k++] = FeatureKey(20, n1.suffix[2]);
  keys[k++] = FeatureKey(21, n1.shape);
  keys[k++] = FeatureKey(22, n2.lower);
  keys[k++] = FeatureKey(23, p1.lower, w.lower);
  keys[k++] = FeatureKey(24, w.lower, n1.lower);
  keys[k++] = FeatureKey(25, t1, n1.lower);
  keys[k++] = FeatureKey(26, p1.shape, w.shape, n1.shape);
  keys[k++] = FeatureKey(27, t2);
  keys[k++] = FeatureKey(28, w.form, first_word);
  keys[k++] = FeatureKey(29, n1.suffix[1], n2.suffix[1]);
  keys[k++] = FeatureKey(30, t1, w.shape);
  keys[k++] = FeatureKey(31, p1.lower, n1.lower);
  keys[k++] = FeatureKey(32, n1.form);
  if (tw.has_clusters) {
    keys[k++] = FeatureKey(33, w.cluster);
    keys[k++] = FeatureKey(34, p1.cluster);
    keys[k++] = FeatureKey(35, n1.cluster);
    keys[k++] = FeatureKey(36, n2.cluster);
    keys[k++] = FeatureKey(37, t1, w.cluster);
    keys[k++] = FeatureKey(38, w.cluster, n1.cluster);
    keys[k++] = FeatureKey(39, p1.cluster, w.cluster);
  }
  if (first != nullptr) {
    const uint64_t x0 = first->Xpos(i), x1 = first->Xpos(i + 1), x2 = first->Xpos(i + 2);
    keys[k++] = FeatureKey(40, x0);
    keys[k++] = FeatureKey(41, first->Upos(i));
    keys[k++] = FeatureKey(42, x1);
    keys[k++] = FeatureKey(43, x1, x2);
    keys[k++] = FeatureKey(44, first->Xpos(i - 1), x1);
    keys[k++] = FeatureKey(45, w.lower, x1);
    keys[k++] = FeatureKey(46, x0, x1);
    keys[k++] = FeatureKey(47, w.suffix[2], x1);
    keys[k++] = FeatureKey(48, t1, x0, x1);
    keys[k++] = FeatureKey(49, w.lower, x0);
    keys[k++] = FeatureKey(50, first->Upos(i + 1), first->Upos(i + 2));
    if (tw.has_clusters) keys[k++] = FeatureKey(51, w.cluster, x1);
  }
  return k;
}

// Greedy left-to-right decoding of one column with `table` (dense or sparse).
template <typename Table>
void TagColumnWith(const TaggerWords& tw, const Table& table, const FirstPass* first,
                   std::vector<int>* out);

int Argmax(const float* scores, int n) {
  int best = 0;
  for (int c = 1; c < n; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

template <typename Table>
void TagColumnWith(const TaggerWords& tw, const Table& table, const FirstPass* first,
                   std::vector<int>* out) {
  const int num_tags = table.num_classes();
  out->assign(tw.size, 0);
  uint64_t keys[kMaxTaggerFeatures];
  float scores[kMaxTagsPerColumn];
  for (int i = 0; i < tw.size; ++i) {
    const uint64_t t1 = i >= 1 ? static_cast<uint64_t>((*out)[i - 1]) : kStartTag;
    const uint64_t t2 = i >= 2 ? static_cast<uint64_t>((*out)[i - 2]) : kStartTag;
    const int n = TaggerFeatures(tw, i, t1, t2, first, keys);
    std::fill(scores, scores + num_tags, 0.0f);
    table.Score(keys, n, scores);
    (*out)[i] = Argmax(scores, num_tags);
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
  std::vector<int> xpos_scratch;
  if (xpos == nullptr) xpos = &xpos_scratch;  // the second pass reads the first's XPOS
  TaggerWords tw;
  HashSentence(words, *clusters_, &tw);
  TagColumnWith(tw, tables_[kUpos], nullptr, upos);
  TagColumnWith(tw, tables_[kXpos], nullptr, xpos);
  if (!has_second_pass_) return;
  const std::vector<int> first_upos = *upos, first_xpos = *xpos;
  FirstPass first{&first_upos, &first_xpos};
  TagColumnWith(tw, second_[kUpos], &first, upos);
  TagColumnWith(tw, second_[kXpos], &first, xpos);
}

std::unique_ptr<Tagger> Tagger::Stack(std::unique_ptr<Tagger> first,
                                      std::unique_ptr<Tagger> second) {
  for (int c = 0; c < kNumTagColumns; ++c) first->second_[c] = std::move(second->tables_[c]);
  first->has_second_pass_ = true;
  return first;
}

Status Tagger::Save(const std::string& path) const {
  ByteWriter out;
  for (int c = 0; c < kNumTagColumns; ++c) out.StringList(tags_[c]);
  out.U8(has_second_pass_ ? 2 : 1);
  clusters_->Serialize(&out);
  for (int c = 0; c < kNumTagColumns; ++c) tables_[c].Serialize(&out);
  if (has_second_pass_) {
    for (int c = 0; c < kNumTagColumns; ++c) second_[c].Serialize(&out);
  }
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
  auto clusters = std::make_shared<WordClusters>();
  if (version >= 2) {
    if (Status st = WordClusters::Deserialize(&in, clusters.get()); !st.ok()) return st;
  }
  tagger->clusters_ = std::move(clusters);
  for (int pass = 0; pass < passes; ++pass) {
    for (int c = 0; c < kNumTagColumns; ++c) {
      SparseWeightTable* table = pass == 0 ? &tagger->tables_[c] : &tagger->second_[c];
      if (Status st = SparseWeightTable::Deserialize(
              &in, kMaxRowBits, static_cast<int>(tagger->tags_[c].size()), table);
          !st.ok()) {
        return st;
      }
    }
  }
  if (!in.AtEnd()) return in.Error("unexpected bytes after the last table");
  return tagger;
}

TaggerTrainer::TaggerTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                             int row_bits, std::shared_ptr<const WordClusters> clusters)
    : clusters_(clusters ? std::move(clusters) : std::make_shared<WordClusters>()),
      tables_{AveragedTable(row_bits, static_cast<int>(upos_tags.size())),
              AveragedTable(row_bits, static_cast<int>(xpos_tags.size()))} {
  tags_[kUpos] = std::move(upos_tags);
  tags_[kXpos] = std::move(xpos_tags);
}

int TaggerTrainer::Train(const std::vector<std::string_view>& words,
                         const std::vector<int>& gold_upos, const std::vector<int>& gold_xpos,
                         const std::vector<int>* first_upos, const std::vector<int>* first_xpos) {
  FirstPass first_pass{first_upos, first_xpos};
  const FirstPass* first = first_upos != nullptr ? &first_pass : nullptr;
  TaggerWords tw;
  HashSentence(words, *clusters_, &tw);
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
  tagger->clusters_ = clusters_;
  for (int c = 0; c < kNumTagColumns; ++c) {
    tagger->tags_[c] = tags_[c];
    tagger->tables_[c] = SparseWeightTable(tables_[c].Averaged());
  }
  return tagger;
}

void TaggerEnsemble::Add(const TaggerTrainer& trainer) {
  for (int c = 0; c < kNumTagColumns; ++c) {
    WeightTable averaged = trainer.tables_[c].Averaged();
    if (count_ == 0) {
      clusters_ = trainer.clusters_;
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
  tagger->clusters_ = clusters_;
  const float scale = 1.0f / static_cast<float>(count_);
  for (int c = 0; c < kNumTagColumns; ++c) {
    tagger->tags_[c] = tags_[c];
    WeightTable mean = sums_[c];
    for (float& w : mean.mutable_weights()) w *= scale;
    tagger->tables_[c] = SparseWeightTable(mean);
  }
  return tagger;
}

}  // namespace whipcount::syntax
