#include "syntax/perceptron.h"

#include <gtest/gtest.h>

#include <vector>

#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

TEST(FeatureKey, TemplatesSeparateEqualValues) {
  EXPECT_NE(FeatureKey(1, 42), FeatureKey(2, 42));
  EXPECT_NE(FeatureKey(1, 1, 2), FeatureKey(1, 2, 1));
  EXPECT_EQ(FeatureKey(3, 5, 6), FeatureKey(3, 5, 6));
}

TEST(AveragedTable, AveragesOverSteps) {
  AveragedTable table(8, 2);
  const uint64_t key = FeatureKey(0, 1);
  table.Update(&key, 1, 0, 1.0f);  // at step 1
  table.Tick();
  table.Tick();
  table.Update(&key, 1, 1, 2.0f);  // at step 3
  table.Tick();
  table.Tick();
  const WeightTable avg = table.Averaged();
  float scores[2] = {0, 0};
  avg.Score(&key, 1, scores);
  // The counter ends at 5: class 0 is 1 - (1*1)/5, class 1 is 2 - (3*2)/5.
  EXPECT_NEAR(scores[0], 0.8f, 1e-6);
  EXPECT_NEAR(scores[1], 0.8f, 1e-6);
}

TEST(WeightTable, SerializeRoundTripsNonZeroWeights) {
  WeightTable table(8, 3);
  table.mutable_weights()[5] = 1.25f;
  table.mutable_weights()[700] = -3.0f;
  ByteWriter out;
  table.Serialize(&out);
  ByteReader in(out.bytes(), "t.bin");
  WeightTable back;
  ASSERT_OK(WeightTable::Deserialize(&in, 20, 3, &back));
  EXPECT_TRUE(in.AtEnd());
  ASSERT_EQ(back.weights().size(), table.weights().size());
  for (size_t i = 0; i < table.weights().size(); ++i) {
    EXPECT_NEAR(back.weights()[i], table.weights()[i], 3.0f / 65534) << i;
  }
}

TEST(SparseWeightTable, ScoresLikeTheDenseTable) {
  WeightTable dense(8, 4);
  for (size_t i = 0; i < dense.size(); i += 7) dense.mutable_weights()[i] = 0.5f * (i % 5) - 1.0f;
  const SparseWeightTable sparse(dense);
  const uint64_t keys[3] = {FeatureKey(1, 2), FeatureKey(3, 4), FeatureKey(5, 6)};
  float a[4] = {0, 0, 0, 0}, b[4] = {0, 0, 0, 0};
  dense.Score(keys, 3, a);
  sparse.Score(keys, 3, b);
  // The sparse table holds 16-bit weights: each differs by at most half a step (max |w| / 65534).
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(a[c], b[c], 3 * 1.0 / 65534 + 1e-6);
  // And it reads the dense table's file.
  ByteWriter out;
  dense.Serialize(&out);
  ByteReader in(out.bytes(), "t.bin");
  SparseWeightTable loaded;
  ASSERT_OK(SparseWeightTable::Deserialize(&in, 20, 4, &loaded));
  float c[4] = {0, 0, 0, 0};
  loaded.Score(keys, 3, c);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(a[k], c[k], 1e-3);
}

// Two sparse tables of the same rows with different class counts and scales.
struct TwoTables {
  SparseWeightTable a, b;
  TwoTables() {
    WeightTable da(8, 3), db(8, 5);
    for (size_t i = 0; i < da.size(); i += 5) da.mutable_weights()[i] = 0.25f * (i % 7) - 0.5f;
    for (size_t i = 0; i < db.size(); i += 3) db.mutable_weights()[i] = 2.0f * (i % 4) - 3.0f;
    a = SparseWeightTable(da);
    b = SparseWeightTable(db);
  }
};

TEST(MergedSparseTable, ScoresLikeItsParts) {
  const TwoTables t;
  const MergedSparseTable merged({&t.a, &t.b});
  ASSERT_EQ(merged.num_segments(), 2);
  ASSERT_EQ(merged.num_classes(), 8);
  EXPECT_EQ(merged.segment_begin(1), 3);
  EXPECT_EQ(merged.segment_classes(1), 5);
  std::vector<uint64_t> keys;
  for (int k = 0; k < 100; ++k) keys.push_back(FeatureKey(7, static_cast<uint64_t>(k)));
  float a[3] = {0, 0, 0}, b[5] = {0, 0, 0, 0, 0};
  t.a.Score(keys.data(), keys.size(), a);
  t.b.Score(keys.data(), keys.size(), b);
  int32_t all[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  merged.Accumulate(keys.data(), keys.size(), all);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(static_cast<float>(all[c]) * merged.scale(0), a[c]);
  for (int c = 0; c < 5; ++c) EXPECT_EQ(static_cast<float>(all[3 + c]) * merged.scale(1), b[c]);
  // One segment alone, and split over two calls: the same sums.
  int32_t second[5] = {0, 0, 0, 0, 0};
  merged.AccumulateSegment(keys.data(), 40, 1, second);
  merged.AccumulateSegment(keys.data() + 40, keys.size() - 40, 1, second);
  for (int c = 0; c < 5; ++c) EXPECT_EQ(second[c], all[3 + c]);
}

TEST(MergedSparseTable, SegmentsComeBackAsTheyWent) {
  const TwoTables t;
  const MergedSparseTable merged({&t.a, &t.b});
  for (int s = 0; s < 2; ++s) {
    ByteWriter part, back;
    (s == 0 ? t.a : t.b).Serialize(&part);
    merged.Segment(s).Serialize(&back);
    EXPECT_EQ(part.bytes(), back.bytes()) << s;
  }
}

TEST(WeightTable, DeserializeRefusesClassCountMismatch) {
  WeightTable table(8, 3);
  ByteWriter out;
  table.Serialize(&out);
  ByteReader in(out.bytes(), "t.bin");
  WeightTable back;
  Status st = WeightTable::Deserialize(&in, 20, 4, &back);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("3 classes"), std::string::npos) << st.ToString();
}

}  // namespace
}  // namespace whipcount::syntax
