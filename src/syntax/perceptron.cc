#include "syntax/perceptron.h"

#include <cmath>
#include <cstring>

namespace whipcount::syntax {

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

WeightTable::WeightTable(int row_bits, int num_classes)
    : row_bits_(row_bits),
      shift_(64 - row_bits),
      num_classes_(num_classes),
      weights_((size_t{1} << row_bits) * num_classes, 0.0f) {}

void WeightTable::Score(const uint64_t* keys, size_t num_keys, float* scores) const {
  const int c = num_classes_;
  for (size_t k = 0; k < num_keys; ++k) {
    const float* row = Row(keys[k]);
    for (int j = 0; j < c; ++j) scores[j] += row[j];
  }
}

void WeightTable::Serialize(ByteWriter* out) const {
  out->U32(static_cast<uint32_t>(row_bits_));
  out->U32(static_cast<uint32_t>(num_classes_));
  uint64_t nonzero = 0;
  for (float w : weights_) nonzero += (w != 0.0f);
  out->U64(nonzero);
  uint64_t prev = 0;
  for (size_t i = 0; i < weights_.size(); ++i) {
    if (weights_[i] == 0.0f) continue;
    out->VarU64(i - prev);
    out->F32(weights_[i]);
    prev = i;
  }
}

Status WeightTable::Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                WeightTable* table) {
  uint32_t row_bits, num_classes;
  uint64_t nonzero;
  if (Status st = in->U32("table row bits", &row_bits); !st.ok()) return st;
  if (row_bits < 8 || row_bits > static_cast<uint32_t>(max_row_bits)) {
    return in->Error("table has 2^" + std::to_string(row_bits) + " rows, outside 2^8..2^" +
                     std::to_string(max_row_bits));
  }
  if (Status st = in->U32("table class count", &num_classes); !st.ok()) return st;
  if (num_classes != static_cast<uint32_t>(expected_classes)) {
    return in->Error("table has " + std::to_string(num_classes) + " classes, but the model names " +
                     std::to_string(expected_classes));
  }
  if (Status st = in->U64("table weight count", &nonzero); !st.ok()) return st;
  *table = WeightTable(static_cast<int>(row_bits), static_cast<int>(num_classes));
  auto& w = table->weights_;
  if (nonzero > w.size()) {
    return in->Error("table claims " + std::to_string(nonzero) + " weights but has only " +
                     std::to_string(w.size()) + " cells");
  }
  uint64_t index = 0;
  for (uint64_t i = 0; i < nonzero; ++i) {
    uint64_t gap;
    float value;
    if (Status st = in->VarU64("table weight index", &gap); !st.ok()) return st;
    if (Status st = in->F32("table weight", &value); !st.ok()) return st;
    index += gap;
    if ((i > 0 && gap == 0) || index >= w.size() || !std::isfinite(value)) {
      return in->Error("table weight " + std::to_string(i) + " has a bad index or value");
    }
    w[index] = value;
  }
  return Status::Ok();
}

SparseWeightTable::SparseWeightTable(const WeightTable& dense)
    : row_bits_(dense.row_bits()), shift_(64 - dense.row_bits()), num_classes_(dense.num_classes()) {
  const size_t rows = size_t{1} << row_bits_;
  const auto& w = dense.weights();
  row_start_.assign(rows + 1, 0);
  for (size_t r = 0; r < rows; ++r) {
    row_start_[r] = static_cast<uint32_t>(weights_.size());
    for (int c = 0; c < num_classes_; ++c) {
      const float v = w[r * num_classes_ + c];
      if (v == 0.0f) continue;
      classes_.push_back(static_cast<uint16_t>(c));
      weights_.push_back(v);
    }
  }
  row_start_[rows] = static_cast<uint32_t>(weights_.size());
}

void SparseWeightTable::Serialize(ByteWriter* out) const {
  out->U32(static_cast<uint32_t>(row_bits_));
  out->U32(static_cast<uint32_t>(num_classes_));
  out->U64(weights_.size());
  uint64_t prev = 0;
  const size_t rows = size_t{1} << row_bits_;
  for (size_t r = 0; r < rows; ++r) {
    for (uint32_t e = row_start_[r]; e < row_start_[r + 1]; ++e) {
      const uint64_t index = r * static_cast<uint64_t>(num_classes_) + classes_[e];
      out->VarU64(index - prev);
      out->F32(weights_[e]);
      prev = index;
    }
  }
}

Status SparseWeightTable::Deserialize(ByteReader* in, int max_row_bits, int expected_classes,
                                      SparseWeightTable* table) {
  uint32_t row_bits, num_classes;
  uint64_t nonzero;
  if (Status st = in->U32("table row bits", &row_bits); !st.ok()) return st;
  if (row_bits < 8 || row_bits > static_cast<uint32_t>(max_row_bits)) {
    return in->Error("table has 2^" + std::to_string(row_bits) + " rows, outside 2^8..2^" +
                     std::to_string(max_row_bits));
  }
  if (Status st = in->U32("table class count", &num_classes); !st.ok()) return st;
  if (num_classes != static_cast<uint32_t>(expected_classes) || num_classes > 65535) {
    return in->Error("table has " + std::to_string(num_classes) + " classes, but the model names " +
                     std::to_string(expected_classes));
  }
  if (Status st = in->U64("table weight count", &nonzero); !st.ok()) return st;
  const uint64_t rows = uint64_t{1} << row_bits;
  const uint64_t cells = rows * num_classes;
  if (nonzero > cells || nonzero > 0xffffffffu) {
    return in->Error("table claims " + std::to_string(nonzero) + " weights but has only " +
                     std::to_string(cells) + " cells");
  }
  table->row_bits_ = static_cast<int>(row_bits);
  table->shift_ = 64 - static_cast<int>(row_bits);
  table->num_classes_ = static_cast<int>(num_classes);
  table->row_start_.assign(rows + 1, 0);
  table->classes_.clear();
  table->weights_.clear();
  table->classes_.reserve(nonzero);
  table->weights_.reserve(nonzero);
  uint64_t index = 0;
  uint64_t next_row = 0;  // rows before this one have their start set
  for (uint64_t i = 0; i < nonzero; ++i) {
    uint64_t gap;
    float value;
    if (Status st = in->VarU64("table weight index", &gap); !st.ok()) return st;
    if (Status st = in->F32("table weight", &value); !st.ok()) return st;
    index += gap;
    if ((i > 0 && gap == 0) || index >= cells || !std::isfinite(value)) {
      return in->Error("table weight " + std::to_string(i) + " has a bad index or value");
    }
    const uint64_t row = index / num_classes;
    while (next_row <= row) table->row_start_[next_row++] = static_cast<uint32_t>(i);
    table->classes_.push_back(static_cast<uint16_t>(index % num_classes));
    table->weights_.push_back(value);
  }
  while (next_row <= rows) table->row_start_[next_row++] = static_cast<uint32_t>(nonzero);
  return Status::Ok();
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
