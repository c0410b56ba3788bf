#include "syntax/parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "syntax/model_file.h"
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

// One word has head 0, labelled root (and, when asked, no other word is); following heads from
// any word reaches the root without a cycle.
void ExpectOneRootedTree(const std::vector<int>& heads, const std::vector<int>& labels,
                         bool root_label_only_at_root) {
  int roots = 0;
  for (size_t i = 0; i < heads.size(); ++i) {
    if (heads[i] == 0) {
      ++roots;
      EXPECT_EQ(labels[i], kRoot);
    } else if (root_label_only_at_root) {
      EXPECT_NE(labels[i], kRoot);
    }
    int steps = 0;
    for (int h = static_cast<int>(i) + 1; h != 0; h = heads[h - 1]) {
      ASSERT_LE(++steps, static_cast<int>(heads.size()));
    }
  }
  EXPECT_EQ(roots, 1);
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
  ExpectOneRootedTree(heads, labels, /*root_label_only_at_root=*/false);
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

// Beam training (global perceptron, max-violation updates), with labels chosen after the ranking
// (label_branch 0) or competing in the beam (1, 2).
std::unique_ptr<Parser> TrainTinyBeam(int width, int label_branch) {
  ParserTrainer trainer(kTags, kTags, kLabels, 12, 12);
  for (int it = 0; it < 10; ++it) {
    for (const auto& ex : Examples()) {
      ParserInput input{&ex.words, &ex.tags, &ex.tags};
      trainer.TrainBeam(input, ex.heads, ex.labels, width, label_branch);
    }
  }
  auto parser = trainer.Averaged();
  parser->SetBeam(width, 0.0f, label_branch);
  return parser;
}

TEST(ParserBeam, LearnsItsTrainingTrees) {
  for (int label_branch : {0, 1, 2}) {
    for (int width : {2, 4}) {
      auto parser = TrainTinyBeam(width, label_branch);
      for (const auto& ex : Examples()) {
        ParserInput input{&ex.words, &ex.tags, &ex.tags};
        std::vector<int> heads, labels;
        parser->Parse(input, &heads, &labels);
        EXPECT_EQ(heads, ex.heads) << "width " << width << " label_branch " << label_branch;
        EXPECT_EQ(labels, ex.labels) << "width " << width << " label_branch " << label_branch;
      }
    }
  }
}

TEST(ParserBeam, WidthOneIsGreedy) {
  auto parser = TrainTiny();
  parser->SetBeam(1, 0.0f);
  const Example& ex = Examples()[2];
  ParserInput input{&ex.words, &ex.tags, &ex.tags};
  std::vector<int> greedy_heads, greedy_labels;
  parser->Parse(input, &greedy_heads, &greedy_labels);
  // A greedily trained parser still parses its training trees under a beam.
  parser->SetBeam(4, 0.0f);
  std::vector<int> heads, labels;
  parser->Parse(input, &heads, &labels);
  EXPECT_EQ(greedy_heads, ex.heads);
  EXPECT_EQ(heads, ex.heads);
  EXPECT_EQ(labels, ex.labels);
}

TEST(ParserBeam, SetBeamClampsAndReports) {
  auto parser = TrainTiny();
  parser->SetBeam(0, -1.0f, 7);
  EXPECT_EQ(parser->beam_width(), 1);
  EXPECT_EQ(parser->label_branch(), 2);
  parser->SetBeam(1000, 5.0f, -3);
  EXPECT_EQ(parser->beam_width(), Parser::kMaxBeamWidth);
  EXPECT_EQ(parser->beam_margin(), 5.0f);
  EXPECT_EQ(parser->label_branch(), 0);
}

TEST(ParserBeam, OutputIsOneRootedTree) {
  // Untrained: every score is 0, so the beam keeps ties; the output must still be one tree. A
  // margin and labels in the beam must not change that.
  for (int label_branch : {0, 2}) {
    for (float margin : {0.0f, 0.5f}) {
      ParserTrainer trainer(kTags, kTags, kLabels, 10, 10);
      auto parser = trainer.Averaged();
      parser->SetBeam(4, margin, label_branch);
      const Example& ex = Examples()[2];
      ParserInput input{&ex.words, &ex.tags, &ex.tags};
      std::vector<int> heads, labels;
      parser->Parse(input, &heads, &labels);
      ASSERT_EQ(heads.size(), ex.words.size());
      ExpectOneRootedTree(heads, labels, /*root_label_only_at_root=*/true);
    }
  }
}

TEST(ParserBeam, TrainingIsDeterministic) {
  const std::string a = testutil::TempDir() + "/beam_a.bin";
  const std::string b = testutil::TempDir() + "/beam_b.bin";
  ASSERT_OK(TrainTinyBeam(4, 2)->Save(a));
  ASSERT_OK(TrainTinyBeam(4, 2)->Save(b));
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(read(a), read(b));
}

// The last 16 bytes of a parser payload are its settings: feature set, beam width, margin and
// labels in the beam.
std::string PayloadOf(const std::string& path) {
  std::string payload;
  EXPECT_OK(ReadModelFile(path, "WCPARSER", &payload));
  return payload;
}

TEST(ParserBeam, SaveLoadKeepsSettings) {
  auto parser = TrainTinyBeam(4, 2);
  parser->SetBeam(6, 12.5f, 1);
  const std::string path = testutil::TempDir() + "/beam.bin";
  ASSERT_OK(parser->Save(path));
  auto loaded = Parser::Load(path);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded.value()->beam_width(), 6);
  EXPECT_EQ(loaded.value()->beam_margin(), 12.5f);
  EXPECT_EQ(loaded.value()->label_branch(), 1);
}

TEST(ParserBeam, Version2FileWithoutSettingsLoadsGreedy) {
  // Version 2 files saved before the settings existed end after the labeller table.
  auto parser = TrainTinyBeam(4, 0);
  const std::string path = testutil::TempDir() + "/old.bin";
  ASSERT_OK(parser->Save(path));
  std::string payload = PayloadOf(path);
  payload.resize(payload.size() - 16);
  ASSERT_OK(WriteModelFile(path, "WCPARSER", payload, 2));
  auto loaded = Parser::Load(path);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded.value()->beam_width(), 1);
  EXPECT_EQ(loaded.value()->label_branch(), 0);
}

TEST(ParserBeam, Version2FileWithSettingsKeepsThem) {
  // The settings were added to version 2 files before the version was raised: such files (the
  // models shipped then) still load with their settings.
  auto parser = TrainTinyBeam(4, 0);
  parser->SetBeam(6, 150.0f, 0);
  const std::string path = testutil::TempDir() + "/v2.bin";
  ASSERT_OK(parser->Save(path));
  ASSERT_OK(WriteModelFile(path, "WCPARSER", PayloadOf(path), 2));
  auto loaded = Parser::Load(path);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded.value()->beam_width(), 6);
  EXPECT_EQ(loaded.value()->beam_margin(), 150.0f);
}

TEST(ParserBeam, Version3FileWithoutSettingsIsRefused) {
  auto parser = TrainTinyBeam(4, 0);
  const std::string path = testutil::TempDir() + "/v3.bin";
  ASSERT_OK(parser->Save(path));
  std::string payload = PayloadOf(path);
  payload.resize(payload.size() - 16);
  ASSERT_OK(WriteModelFile(path, "WCPARSER", payload));
  auto loaded = Parser::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("feature set"), std::string::npos)
      << loaded.status().ToString();
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
}

TEST(ParserBeam, LoadRefusesBadSettings) {
  auto parser = TrainTinyBeam(4, 0);
  const std::string path = testutil::TempDir() + "/bad.bin";
  ASSERT_OK(parser->Save(path));
  const std::string payload = PayloadOf(path);
  struct Case {
    size_t from_end;  // where the u32 sits, counted from the payload's end
    uint32_t value;
    const char* message;
  };
  for (const Case& c : {Case{16, 99, "feature set"}, Case{12, 0, "beam width"},
                        Case{12, 1000, "beam width"}, Case{4, 3, "labels in the beam"}}) {
    std::string bad = payload;
    for (int k = 0; k < 4; ++k) {
      bad[bad.size() - c.from_end + k] = static_cast<char>((c.value >> (8 * k)) & 0xff);
    }
    ASSERT_OK(WriteModelFile(path, "WCPARSER", bad));
    auto loaded = Parser::Load(path);
    ASSERT_FALSE(loaded.ok()) << c.message;
    EXPECT_NE(loaded.status().message().find(c.message), std::string::npos)
        << loaded.status().ToString();
    EXPECT_NE(loaded.status().message().find(path), std::string::npos)
        << loaded.status().ToString();
  }
  // Bytes after the settings are refused too.
  ASSERT_OK(WriteModelFile(path, "WCPARSER", payload + "x"));
  EXPECT_FALSE(Parser::Load(path).ok());
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
