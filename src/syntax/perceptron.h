// Linear models over hashed features, shared by the tagger and the parser.
//
// A feature is a 64-bit key made by FeatureKey() from a template number and the values it reads
// (word hashes, tag ids, labels). WeightTable keeps one row of per-class weights for each of
// 2^row_bits buckets; a key picks its row by its top bits, so the table size is fixed however many
// distinct features training sees (colliding features share a row). Training keeps an
// AveragedTable and turns it into the averaged WeightTable that is saved and used; tables with
// many classes are used as a SparseWeightTable, which keeps only the non-zero cells.
//
// Thread safety: WeightTable and SparseWeightTable are read-only after construction and may be
// scored from many threads; an AveragedTable is for one training thread.
#ifndef WHIPCOUNT_SYNTAX_PERCEPTRON_H_
#define WHIPCOUNT_SYNTAX_PERCEPTRON_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/model_file.h"
#include "whipcount/status.h"

namespace whipcount::syntax {

// madvise(MADV_HUGEPAGE) over [p, p + bytes), where the platform has it.
void AdviseHugePages(void* p, size_t bytes);

// Allocates blocks of 2 MB or more on 2 MB boundaries and asks the kernel to back them with
// transparent huge pages (madvise; a hint, ignored where unsupported). Scoring reads the weight
// tables, tens of megabytes, at random: with 4 KB pages nearly every read also misses the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding must be implicit

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    AdviseHugePages(p, rounded);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(p);
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

template <typename T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

// A well-mixed 64-bit hash of a byte string (not FNV: feature keys need their top bits uniform).
uint64_t HashBytes(std::string_view s);

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 31;
  x *= 0x7fb5d329728ea185ULL;
  x ^= x >> 27;
  x *= 0x81dadef4bc2dd44dULL;
  x ^= x >> 33;
  return x;
}

// The key of template `tmpl` reading values a, b, c (unused ones left 0). Distinct templates give
// unrelated keys even for equal values.
inline uint64_t FeatureKey(uint64_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0,
                           uint64_t d = 0) {
  uint64_t h = (tmpl + 1) * 0x9e3779b97f4a7c15ULL;
  h = (h ^ a) * 0xbf58476d1ce4e5b9ULL;
  h = ((h << 23) | (h >> 41)) ^ b;
  h *= 0x94d049bb133111ebULL;
  h = ((h << 29) | (h >> 35)) ^ c;
  h *= 0x9e3779b97f4a7c15ULL;
  h = ((h << 31) | (h >> 33)) ^ d;
  return Mix64(h);
}

// Rows of per-class float weights addressed by feature keys.
class WeightTable {
 public:
  WeightTable() = default;
  // A zero table of 2^row_bits rows of `num_classes` weights.
  WeightTable(int row_bits, int num_classes);

  int row_bits() const { return row_bits_; }
  int num_classes() const { return num_classes_; }
  size_t size() const { return weights_.size(); }

  size_t RowIndex(uint64_t key) const { return static_cast<size_t>(key >> shift_); }
  const float* Row(uint64_t key) const { return &weights_[RowIndex(key) * num_classes_]; }

  // scores[c] = sum over keys of the key's weight for class c. `scores` has num_classes() entries.
  void Score(const uint64_t* keys, size_t num_keys, float* scores) const;

  HugeVector<float>& mutable_weights() { return weights_; }
  const HugeVector<float>& weights() const { return weights_; }

  // Appends the table: row_bits, num_classes, then the non-zero weights quantized to 16 bits, as
  // (index gap, value) pairs, so the file holds only what training touched.
  void Serialize(ByteWriter* out) const;
  // Reads what Serialize wrote. Refuses row_bits outside [8, max_row_bits], a class count other
  // than `expected_classes`, and indexes past the table. Weights come back within half a
  // quantization step (max |weight| / 65534) of those saved.
  [[nodiscard]] static Status Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                          WeightTable* table);

 private:
  int row_bits_ = 0;
  int shift_ = 64;
  int num_classes_ = 0;
  HugeVector<float> weights_;
};

// The non-zero cells of a WeightTable in compressed-row form, quantized to 16 bits as in the
// model files. The tagger and the labeller have many classes but training touches only a few per
// feature, so this is several times smaller and faster to score than the dense table. Scores are
// those of the saved model: building one from a dense table quantizes it exactly as saving does.
class SparseWeightTable {
 public:
  // Tables have at most this many classes (the loader refuses more).
  static constexpr int kMaxClasses = 1024;

  SparseWeightTable() = default;
  explicit SparseWeightTable(const WeightTable& dense);

  int row_bits() const { return row_bits_; }
  int num_classes() const { return num_classes_; }
  size_t nonzero() const { return cells_.size(); }

  // scores[c] += the weights of every key for class c. `scores` has num_classes() entries.
  void Score(const uint64_t* keys, size_t num_keys, float* scores) const;

  // The same format as WeightTable::Serialize, so either kind reads what the other wrote.
  void Serialize(ByteWriter* out) const;
  [[nodiscard]] static Status Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                          SparseWeightTable* table);

 private:
  friend class MergedSparseTable;
  // One non-zero weight: its class and its value in units of scale_. Packed in 4 bytes so that a
  // row is one short stream to read.
  struct Cell {
    uint16_t cls;
    int16_t q;
  };
  int row_bits_ = 0;
  int shift_ = 64;
  int num_classes_ = 0;
  float scale_ = 1.0f;
  HugeVector<uint32_t> row_start_;  // 2^row_bits + 1 offsets into cells_
  HugeVector<Cell> cells_;
};

// Several SparseWeightTables of the same row count ("segments") stored as one: the cells a key
// has in every segment sit side by side in one row, segment after segment. The tagger's columns
// (UPOS and XPOS of each pass) read mostly the same keys, so one row lookup then serves all of
// them where separate tables cost a cache miss each.
//
// Scores come as raw sums of quantized weights (int32, in units of the segment's scale()): they
// add exactly whatever order or grouping the keys are summed in, and a segment's argmax over
// them is its argmax over the weights, since the scale is positive.
class MergedSparseTable {
 public:
  static constexpr int kMaxSegments = 4;
  // A row holds at most one cell per class, and its segments' bounds are kept in bytes.
  static constexpr int kMaxClasses = 255;

  MergedSparseTable() = default;
  // REQUIRES: 1 to kMaxSegments parts, all with the same row_bits, at most kMaxClasses classes
  // in all.
  explicit MergedSparseTable(const std::vector<const SparseWeightTable*>& parts);

  int num_segments() const { return num_segments_; }
  // All segments' classes; segment s holds [segment_begin(s), segment_begin(s + 1)).
  int num_classes() const { return begin_[num_segments_]; }
  int segment_begin(int s) const { return begin_[s]; }
  int segment_classes(int s) const { return begin_[s + 1] - begin_[s]; }
  // The weight of a raw sum of segment s: sum * scale(s).
  float scale(int s) const { return scale_[s]; }

  // sums[c] += the quantized weights of every key for merged class c, in every segment. `sums`
  // has num_classes() entries.
  void Accumulate(const uint64_t* keys, size_t num_keys, int32_t* sums) const;
  // The same for segment s only: sums[j] gets class j of the segment (segment_classes(s)
  // entries).
  void AccumulateSegment(const uint64_t* keys, size_t num_keys, int segment, int32_t* sums) const;

  // Segment s as a table of its own, equal to the part it was built from (for saving).
  SparseWeightTable Segment(int s) const;

 private:
  using Cell = SparseWeightTable::Cell;
  // Where a row's cells are: from cells_[start], segment s ending at start + end[s] (and
  // beginning where segment s - 1 ends). One 8-byte read finds any segment of the row.
  struct Row {
    uint32_t start;
    uint8_t end[kMaxSegments];
  };
  template <typename Fn>
  void ForEachRow(const uint64_t* keys, size_t num_keys, int segment, Fn fn) const;

  int num_segments_ = 0;
  int row_bits_ = 0;
  int shift_ = 64;
  int begin_[kMaxSegments + 1] = {0, 0, 0, 0, 0};
  float scale_[kMaxSegments] = {1, 1, 1, 1};
  HugeVector<Row> rows_;    // 2^row_bits entries
  HugeVector<Cell> cells_;  // classes are merged classes
};

// A WeightTable under perceptron training, keeping what averaging needs: each update at step t
// adds delta to the weight and t*delta to an accumulator, and the average over T steps is
// weight - accumulator/T (the averaged perceptron without per-weight timestamps).
class AveragedTable {
 public:
  AveragedTable(int row_bits, int num_classes);

  const WeightTable& current() const { return current_; }
  // Adds `delta` to class `cls` of every key's row.
  void Update(const uint64_t* keys, size_t num_keys, int cls, float delta);
  // Advances the step counter; call once per training instance.
  void Tick() { ++step_; }
  // The averaged weights.
  WeightTable Averaged() const;

 private:
  WeightTable current_;
  std::vector<double> accumulated_;
  int64_t step_ = 1;
};

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_PERCEPTRON_H_
