#include "syntax/perceptron.h"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

namespace whipcount::syntax {

void AdviseHugePages(void* p, size_t bytes) {
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0x2545f4914f6cdd1dULL ^ (s.size() * 0x9e3779b97f4a7c15ULL);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + i, 8);
    h = Mix64(h ^ chunk);
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < s.size(); ++k) {
    tail |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
  }
  return Mix64(h ^ tail ^ 0x5bd1e995ULL);
}

namespace {

// The table format shared by WeightTable and SparseWeightTable: u32 row bits, u32 class count,
// f32 scale, u64 count of non-zero cells, then per cell the varint gap from the previous cell's
// flat index and the weight as a little-endian int16 times the scale. Quantizing to 16 bits keeps
// the files small enough to commit; cells that round to zero are dropped.
float QuantizationScale(float max_abs) { return max_abs > 0 ? max_abs / 32767.0f : 1.0f; }

int16_t Quantize(float w, float scale) { return static_cast<int16_t>(std::lround(w / scale)); }

void WriteCells(int row_bits, int num_classes, const std::vector<std::pair<uint64_t, float>>& cells,
                ByteWriter* out) {
  float max_abs = 0;
  for (const auto& cell : cells) max_abs = std::max(max_abs, std::fabs(cell.second));
  const float scale = QuantizationScale(max_abs);
  std::vector<std::pair<uint64_t, int16_t>> quantized;
  for (const auto& cell : cells) {
    const int16_t q = Quantize(cell.second, scale);
    if (q != 0) quantized.emplace_back(cell.first, q);
  }
  out->U32(static_cast<uint32_t>(row_bits));
  out->U32(static_cast<uint32_t>(num_classes));
  out->F32(scale);
  out->U64(quantized.size());
  uint64_t prev = 0;
  for (const auto& [index, q] : quantized) {
    out->VarU64(index - prev);
    const uint16_t bits = static_cast<uint16_t>(q);
    out->U8(static_cast<uint8_t>(bits & 0xff));
    out->U8(static_cast<uint8_t>(bits >> 8));
    prev = index;
  }
}

// Reads what WriteCells wrote: calls start(row_bits, num_classes, count, scale) once the sizes
// are checked, then cell(i, flat_index, q) for each cell in increasing index order; the weight
// is q * scale.
template <typename Start, typename Cell>
Status ReadCells(ByteReader* in, int max_row_bits, int expected_classes, Start start, Cell cell) {
  uint32_t row_bits, num_classes;
  float scale;
  uint64_t nonzero;
  if (Status st = in->U32("table row bits", &row_bits); !st.ok()) return st;
  if (row_bits < 8 || row_bits > static_cast<uint32_t>(max_row_bits)) {
    return in->Error("table has 2^" + std::to_string(row_bits) + " rows, outside 2^8..2^" +
                     std::to_string(max_row_bits));
  }
  if (Status st = in->U32("table class count", &num_classes); !st.ok()) return st;
  if (num_classes != static_cast<uint32_t>(expected_classes) ||
      num_classes > static_cast<uint32_t>(SparseWeightTable::kMaxClasses)) {
    return in->Error("table has " + std::to_string(num_classes) + " classes, but the model names " +
                     std::to_string(expected_classes));
  }
  if (Status st = in->F32("table scale", &scale); !st.ok()) return st;
  if (!std::isfinite(scale) || scale <= 0) return in->Error("table scale is not a positive number");
  if (Status st = in->U64("table weight count", &nonzero); !st.ok()) return st;
  const uint64_t cells = (uint64_t{1} << row_bits) * num_classes;
  if (nonzero > cells || nonzero > 0xffffffffu) {
    return in->Error("table claims " + std::to_string(nonzero) + " weights but has only " +
                     std::to_string(cells) + " cells");
  }
  start(static_cast<int>(row_bits), static_cast<int>(num_classes), nonzero, scale);
  uint64_t index = 0;
  for (uint64_t i = 0; i < nonzero; ++i) {
    uint64_t gap;
    uint8_t lo, hi;
    if (Status st = in->VarU64("table weight index", &gap); !st.ok()) return st;
    if (Status st = in->U8("table weight", &lo); !st.ok()) return st;
    if (Status st = in->U8("table weight", &hi); !st.ok()) return st;
    index += gap;
    if ((i > 0 && gap == 0) || index >= cells) {
      return in->Error("table weight " + std::to_string(i) + " has a bad index");
    }
    const int16_t q = static_cast<int16_t>(static_cast<uint16_t>(lo | (hi << 8)));
    cell(i, index, q);
  }
  return Status::Ok();
}

}  // namespace

WeightTable::WeightTable(int row_bits, int num_classes)
    : row_bits_(row_bits),
      shift_(64 - row_bits),
      num_classes_(num_classes),
      weights_((size_t{1} << row_bits) * num_classes, 0.0f) {}

void WeightTable::Score(const uint64_t* keys, size_t num_keys, float* scores) const {
  const int c = num_classes_;
  // The rows are scattered over tens of megabytes: ask for all of them before reading any, so
  // the cache misses overlap instead of queueing.
  for (size_t k = 0; k < num_keys; ++k) __builtin_prefetch(Row(keys[k]));
  for (size_t k = 0; k < num_keys; ++k) {
    const float* row = Row(keys[k]);
    for (int j = 0; j < c; ++j) scores[j] += row[j];
  }
}

void WeightTable::Serialize(ByteWriter* out) const {
  std::vector<std::pair<uint64_t, float>> cells;
  for (size_t i = 0; i < weights_.size(); ++i) {
    if (weights_[i] != 0.0f) cells.emplace_back(i, weights_[i]);
  }
  WriteCells(row_bits_, num_classes_, cells, out);
}

Status WeightTable::Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                WeightTable* table) {
  float table_scale = 1.0f;
  return ReadCells(
      in, max_row_bits, expected_classes,
      [&](int row_bits, int num_classes, uint64_t, float scale) {
        *table = WeightTable(row_bits, num_classes);
        table_scale = scale;
      },
      [&](uint64_t, uint64_t index, int16_t q) {
        table->weights_[index] = static_cast<float>(q) * table_scale;
      });
}

SparseWeightTable::SparseWeightTable(const WeightTable& dense)
    : row_bits_(dense.row_bits()),
      shift_(64 - dense.row_bits()),
      num_classes_(dense.num_classes()) {
  const size_t rows = size_t{1} << row_bits_;
  const auto& w = dense.weights();
  float max_abs = 0;
  for (float v : w) max_abs = std::max(max_abs, std::fabs(v));
  scale_ = QuantizationScale(max_abs);
  row_start_.assign(rows + 1, 0);
  for (size_t r = 0; r < rows; ++r) {
    row_start_[r] = static_cast<uint32_t>(cells_.size());
    for (int c = 0; c < num_classes_; ++c) {
      const float v = w[r * num_classes_ + c];
      if (v == 0.0f) continue;
      const int16_t q = Quantize(v, scale_);
      if (q != 0) cells_.push_back(Cell{static_cast<uint16_t>(c), q});
    }
  }
  row_start_[rows] = static_cast<uint32_t>(cells_.size());
}

void SparseWeightTable::Score(const uint64_t* keys, size_t num_keys, float* scores) const {
  // Each key costs two dependent cache misses, the row offset and then the row. Issue each kind
  // for a batch of keys before reading any, so that the misses overlap instead of queueing.
  constexpr size_t kBatch = 64;
  uint32_t begin[kBatch], end[kBatch];
  int32_t sums[kMaxClasses];
  std::fill(sums, sums + num_classes_, 0);
  for (size_t first = 0; first < num_keys; first += kBatch) {
    const size_t n = std::min(kBatch, num_keys - first);
    const uint64_t* batch = keys + first;
    for (size_t k = 0; k < n; ++k) __builtin_prefetch(&row_start_[batch[k] >> shift_]);
    for (size_t k = 0; k < n; ++k) {
      const size_t row = static_cast<size_t>(batch[k] >> shift_);
      begin[k] = row_start_[row];
      end[k] = row_start_[row + 1];
      // A row of a many-class table spans several cache lines: ask for all of them.
      const char* from = reinterpret_cast<const char*>(cells_.data() + begin[k]);
      const char* last = reinterpret_cast<const char*>(cells_.data() + end[k]);
      for (const char* line = from; line < last; line += 64) __builtin_prefetch(line);
    }
    for (size_t k = 0; k < n; ++k) {
      for (const Cell* cell = cells_.data() + begin[k]; cell < cells_.data() + end[k]; ++cell) {
        sums[cell->cls] += cell->q;
      }
    }
  }
  for (int c = 0; c < num_classes_; ++c) scores[c] += static_cast<float>(sums[c]) * scale_;
}

void SparseWeightTable::Serialize(ByteWriter* out) const {
  std::vector<std::pair<uint64_t, float>> cells;
  const size_t rows = size_t{1} << row_bits_;
  for (size_t r = 0; r < rows; ++r) {
    for (uint32_t e = row_start_[r]; e < row_start_[r + 1]; ++e) {
      cells.emplace_back(r * static_cast<uint64_t>(num_classes_) + cells_[e].cls,
                         static_cast<float>(cells_[e].q) * scale_);
    }
  }
  WriteCells(row_bits_, num_classes_, cells, out);
}

Status SparseWeightTable::Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                      SparseWeightTable* table) {
  uint64_t rows = 0, next_row = 0, count = 0;
  Status st = ReadCells(
      in, max_row_bits, expected_classes,
      [&](int row_bits, int num_classes, uint64_t nonzero, float scale) {
        table->row_bits_ = row_bits;
        table->shift_ = 64 - row_bits;
        table->num_classes_ = num_classes;
        table->scale_ = scale;
        rows = uint64_t{1} << row_bits;
        table->row_start_.assign(rows + 1, 0);
        table->cells_.clear();
        table->cells_.reserve(nonzero);
      },
      [&](uint64_t i, uint64_t index, int16_t q) {
        const uint64_t num_classes = static_cast<uint64_t>(table->num_classes_);
        const uint64_t row = index / num_classes;
        while (next_row <= row) table->row_start_[next_row++] = static_cast<uint32_t>(i);
        table->cells_.push_back(Cell{static_cast<uint16_t>(index % num_classes), q});
        count = i + 1;
      });
  if (!st.ok()) return st;
  while (next_row <= rows) table->row_start_[next_row++] = static_cast<uint32_t>(count);
  return Status::Ok();
}

MergedSparseTable::MergedSparseTable(const std::vector<const SparseWeightTable*>& parts)
    : num_segments_(static_cast<int>(parts.size())),
      row_bits_(parts.front()->row_bits_),
      shift_(64 - parts.front()->row_bits_) {
  size_t total_cells = 0;
  for (int s = 0; s < num_segments_; ++s) {
    begin_[s + 1] = begin_[s] + parts[s]->num_classes_;
    scale_[s] = parts[s]->scale_;
    total_cells += parts[s]->cells_.size();
  }
  for (int s = num_segments_ + 1; s <= kMaxSegments; ++s) begin_[s] = begin_[num_segments_];
  const size_t rows = size_t{1} << row_bits_;
  rows_.assign(rows, Row{0, {0, 0, 0, 0}});
  cells_.reserve(total_cells);
  for (size_t r = 0; r < rows; ++r) {
    Row& row = rows_[r];
    row.start = static_cast<uint32_t>(cells_.size());
    for (int s = 0; s < kMaxSegments; ++s) {
      if (s < num_segments_) {
        const SparseWeightTable& part = *parts[s];
        for (uint32_t e = part.row_start_[r]; e < part.row_start_[r + 1]; ++e) {
          cells_.push_back(
              Cell{static_cast<uint16_t>(part.cells_[e].cls + begin_[s]), part.cells_[e].q});
        }
      }
      // At most one cell per class, so the row is shorter than kMaxClasses.
      row.end[s] = static_cast<uint8_t>(cells_.size() - row.start);
    }
  }
}

// Calls fn(first, last) with the cells of each key's row in `segment` (-1: all of the row), after
// asking for the rows of a batch of keys at once: each key costs two dependent cache misses (the
// row entry, then the cells), and issuing each kind for the whole batch first lets the misses
// overlap instead of queueing.
template <typename Fn>
void MergedSparseTable::ForEachRow(const uint64_t* keys, size_t num_keys, int segment,
                                   Fn fn) const {
  constexpr size_t kBatch = 64;
  uint32_t begin[kBatch], end[kBatch];
  const int last_segment = segment < 0 ? kMaxSegments - 1 : segment;
  for (size_t first = 0; first < num_keys; first += kBatch) {
    const size_t n = std::min(kBatch, num_keys - first);
    const uint64_t* batch = keys + first;
    for (size_t k = 0; k < n; ++k) __builtin_prefetch(&rows_[batch[k] >> shift_]);
    for (size_t k = 0; k < n; ++k) {
      const Row& row = rows_[batch[k] >> shift_];
      begin[k] = row.start + (segment > 0 ? row.end[segment - 1] : 0);
      end[k] = row.start + row.end[last_segment];
      // A long row spans several cache lines: ask for all of them.
      const char* from = reinterpret_cast<const char*>(cells_.data() + begin[k]);
      const char* last = reinterpret_cast<const char*>(cells_.data() + end[k]);
      for (const char* line = from; line < last; line += 64) __builtin_prefetch(line);
    }
    for (size_t k = 0; k < n; ++k) fn(cells_.data() + begin[k], cells_.data() + end[k]);
  }
}

void MergedSparseTable::Accumulate(const uint64_t* keys, size_t num_keys, int32_t* sums) const {
  ForEachRow(keys, num_keys, -1, [sums](const Cell* cell, const Cell* last) {
    for (; cell < last; ++cell) sums[cell->cls] += cell->q;
  });
}

void MergedSparseTable::AccumulateSegment(const uint64_t* keys, size_t num_keys, int segment,
                                          int32_t* sums) const {
  int32_t* shifted = sums - begin_[segment];  // merged class c lands in sums[c - begin]
  ForEachRow(keys, num_keys, segment, [shifted](const Cell* cell, const Cell* last) {
    for (; cell < last; ++cell) shifted[cell->cls] += cell->q;
  });
}

SparseWeightTable MergedSparseTable::Segment(int s) const {
  SparseWeightTable part;
  part.row_bits_ = row_bits_;
  part.shift_ = shift_;
  part.num_classes_ = segment_classes(s);
  part.scale_ = scale_[s];
  const size_t rows = size_t{1} << row_bits_;
  part.row_start_.assign(rows + 1, 0);
  for (size_t r = 0; r < rows; ++r) {
    part.row_start_[r] = static_cast<uint32_t>(part.cells_.size());
    const Row& row = rows_[r];
    for (uint32_t e = row.start + (s > 0 ? row.end[s - 1] : 0); e < row.start + row.end[s]; ++e) {
      part.cells_.push_back(Cell{static_cast<uint16_t>(cells_[e].cls - begin_[s]), cells_[e].q});
    }
  }
  part.row_start_[rows] = static_cast<uint32_t>(part.cells_.size());
  return part;
}

AveragedTable::AveragedTable(int row_bits, int num_classes)
    : current_(row_bits, num_classes), accumulated_(current_.size(), 0.0) {}

void AveragedTable::Update(const uint64_t* keys, size_t num_keys, int cls, float delta) {
  auto& w = current_.mutable_weights();
  const size_t c = static_cast<size_t>(current_.num_classes());
  const double scaled = static_cast<double>(step_) * delta;
  for (size_t k = 0; k < num_keys; ++k) {
    const size_t cell = current_.RowIndex(keys[k]) * c + static_cast<size_t>(cls);
    w[cell] += delta;
    accumulated_[cell] += scaled;
  }
}

WeightTable AveragedTable::Averaged() const {
  WeightTable avg = current_;
  auto& w = avg.mutable_weights();
  const double steps = static_cast<double>(step_);
  for (size_t i = 0; i < w.size(); ++i) {
    if (accumulated_[i] == 0.0 && w[i] == 0.0f) continue;
    w[i] = static_cast<float>(static_cast<double>(w[i]) - accumulated_[i] / steps);
  }
  return avg;
}

}  // namespace whipcount::syntax
