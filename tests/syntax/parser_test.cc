#include "syntax/parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

// Tag and label sets of the tiny training sets below.
const std::vector<std::string> kTags = {"DET", "NOUN", "VERB", "ADP", "PUNCT"};
const std::vector<std::string> kLabels = {"case", "det", "nsubj", "obj", "obl", "punct", "root"};
enum { DET, NOUN, VERB, ADP, PUNCT };
enum { kCase, kDet, kNsubj, kObj, kObl, kPunct, kRoot };

struct Example {
  std::vector<std::string_view> words;
  std::vector<int> tags;
  std::vector<int> heads;
  std::vector<int> labels;
};

const std::vector<Example>& Examples() {
  static const auto* examples = new std::vector<Example>{
      // the union endorsed the senator .
      {{"the", "union", "endorsed", "the", "senator", "."},
       {DET, NOUN, VERB, DET, NOUN, PUNCT},
       {2, 3, 0, 5, 3, 3},
       {kDet, kNsubj, kRoot, kDet, kObj, kPunct}},
      // nurses voted in the spring .
      {{"nurses", "voted", "in", "the", "spring", "."},
       {NOUN, VERB, ADP, DET, NOUN, PUNCT},
       {2, 0, 5, 5, 2, 2},
       {kNsubj, kRoot, kCase, kDet, kObl, kPunct}},
      // the mayor thanked unions in the city .
      {{"the", "mayor", "thanked", "unions", "in", "the", "city", "."},
       {DET, NOUN, VERB, NOUN, ADP, DET, NOUN, PUNCT},
       {2, 3, 0, 3, 7, 7, 3, 3},
       {kDet, kNsubj, kRoot, kObj, kCase, kDet, kObl, kPunct}},
  };
  return *examples;
}

void TrainOn(ParserTrainer* trainer, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int it = 0; it < 10; ++it) {
    for (const auto& ex : Examples()) {
      ParserInput input{&ex.words, &ex.tags, &ex.tags};
      trainer->Train(input, ex.heads, ex.labels, it > 0, &rng);
    }
  }
}

std::unique_ptr<Parser> TrainTiny() {
  ParserTrainer trainer(kTags, kTags, kLabels, 12, 12);
  TrainOn(&trainer, 1);
  return trainer.Averaged();
}

TEST(Parser, LearnsItsTrainingTrees) {
  auto parser = TrainTiny();
  for (const auto& ex : Examples()) {
    ParserInput input{&ex.words, &ex.tags, &ex.tags};
    std::vector<int> heads, labels;
    parser->Parse(input, &heads, &labels);
    EXPECT_EQ(heads, ex.heads);
    EXPECT_EQ(labels, ex.labels);
  }
}

TEST(ParserEnsemble, MeanOfTwoParsesTheTrainingTrees) {
  ParserTrainer a(kTags, kTags, kLabels, 12, 12), b(kTags, kTags, kLabels, 12, 12);
  TrainOn(&a, 1);
  TrainOn(&b, 2);
  ParserEnsemble ensemble;
  ensemble.Add(a);
  ensemble.Add(b);
  auto parser = ensemble.Mean();
  for (const auto& ex : Examples()) {
    ParserInput input{&ex.words, &ex.tags, &ex.tags};
    std::vector<int> heads, labels;
    parser->Parse(input, &heads, &labels);
    EXPECT_EQ(heads, ex.heads);
    EXPECT_EQ(labels, ex.labels);
  }
}

TEST(Parser, OutputIsOneRootedTree) {
  // An untrained parser scores everything 0: its output must still be a tree with one root.
  ParserTrainer trainer(kTags, kTags, kLabels, 10, 10);
  auto parser = trainer.Averaged();
  const Example& ex = Examples()[2];
  ParserInput input{&ex.words, &ex.tags, &ex.tags};
  std::vector<int> heads, labels;
  parser->Parse(input, &heads, &labels);
  ASSERT_EQ(heads.size(), ex.words.size());
  int roots = 0;
  for (size_t i = 0; i < heads.size(); ++i) {
    if (heads[i] == 0) {
      ++roots;
      EXPECT_EQ(labels[i], kRoot);
    }
    // Following heads from any word reaches the root without a cycle.
    int steps = 0;
    for (int h = static_cast<int>(i) + 1; h != 0; h = heads[h - 1]) {
      ASSERT_LE(++steps, static_cast<int>(heads.size()));
    }
  }
  EXPECT_EQ(roots, 1);
}

TEST(Parser, SaveLoadKeepsParses) {
  auto parser = TrainTiny();
  const std::string path = testutil::TempDir() + "/parser.bin";
  ASSERT_OK(parser->Save(path));
  auto loaded = Parser::Load(path);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded.value()->labels(), kLabels);
  const Example& ex = Examples()[0];
  ParserInput input{&ex.words, &ex.tags, &ex.tags};
  std::vector<int> heads, labels;
  loaded.value()->Parse(input, &heads, &labels);
  EXPECT_EQ(heads, ex.heads);
}

TEST(Parser, LoadRefusesFlippedByte) {
  const std::string path = testutil::TempDir() + "/parser.bin";
  ASSERT_OK(TrainTiny()->Save(path));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  bytes[bytes.size() - 20] ^= 0x10;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  auto loaded = Parser::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos) << loaded.status().ToString();
}

TEST(Projectivize, LiftsTheNonProjectiveArc) {
  // 4 -> 2 spans word 3, which 4 does not dominate (3 is the root); 2 moves up to 4's head, 3.
  // 3 -> 1 spans word 2, which 3 dominates through 4, so it stays.
  std::vector<int> heads = {3, 4, 0, 3};
  Projectivize(&heads);
  EXPECT_EQ(heads, (std::vector<int>{3, 3, 0, 3}));
}

TEST(Projectivize, LiftsToTheRoot) {
  // 2 -> 6 spans the root word 4, which 2 does not dominate; 6 moves up to 2's head, word 4.
  std::vector<int> heads = {2, 4, 4, 0, 4, 2};
  Projectivize(&heads);
  EXPECT_EQ(heads, (std::vector<int>{2, 4, 4, 0, 4, 4}));
}

TEST(Projectivize, LeavesProjectiveTreesAlone) {
  std::vector<int> heads = {2, 3, 0, 5, 3, 3};
  const std::vector<int> before = heads;
  Projectivize(&heads);
  EXPECT_EQ(heads, before);
}

}  // namespace
}  // namespace whipcount::syntax
