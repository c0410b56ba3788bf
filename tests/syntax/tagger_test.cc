#include "syntax/tagger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "syntax/model_file.h"
#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

const std::vector<std::string> kUposTags = {"DET", "NOUN", "VERB"};
const std::vector<std::string> kXposTags = {"DT", "NN", "VBZ"};

struct Example {
  std::vector<std::string_view> words;
  std::vector<int> tags;  // the same ids in both columns
};

const std::vector<Example>& Examples() {
  static const auto* examples = new std::vector<Example>{
      {{"the", "union", "votes"}, {0, 1, 2}},
      {{"a", "senator", "speaks"}, {0, 1, 2}},
      {{"the", "federation", "endorses", "a", "mayor"}, {0, 1, 2, 0, 1}},
  };
  return *examples;
}

void TrainOn(TaggerTrainer* trainer) {
  for (int it = 0; it < 5; ++it) {
    for (const auto& ex : Examples()) trainer->Train(ex.words, ex.tags, ex.tags);
  }
}

std::unique_ptr<Tagger> TrainTiny() {
  TaggerTrainer trainer(kUposTags, kXposTags, 12);
  TrainOn(&trainer);
  return trainer.Averaged();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(Tagger, LearnsItsTrainingSentences) {
  auto tagger = TrainTiny();
  for (const auto& ex : Examples()) {
    std::vector<int> upos, xpos;
    tagger->Tag(ex.words, &upos, &xpos);
    EXPECT_EQ(upos, ex.tags);
    EXPECT_EQ(xpos, ex.tags);
  }
}

TEST(TaggerEnsemble, MeanOfTwoTagsLikeItsMembers) {
  TaggerTrainer a(kUposTags, kXposTags, 12), b(kUposTags, kXposTags, 12);
  TrainOn(&a);
  TrainOn(&b);
  TaggerEnsemble ensemble;
  ensemble.Add(a);
  ensemble.Add(b);
  auto tagger = ensemble.Mean();
  for (const auto& ex : Examples()) {
    std::vector<int> upos, xpos;
    tagger->Tag(ex.words, &upos, &xpos);
    EXPECT_EQ(upos, ex.tags);
    EXPECT_EQ(xpos, ex.tags);
  }
}

TEST(Tagger, SaveLoadKeepsPredictions) {
  auto tagger = TrainTiny();
  const std::string path = testutil::TempDir() + "/tagger.bin";
  ASSERT_OK(tagger->Save(path));
  auto loaded = Tagger::Load(path);
  ASSERT_OK(loaded.status());
  EXPECT_EQ(loaded.value()->tags(kUpos), kUposTags);
  EXPECT_EQ(loaded.value()->tags(kXpos), kXposTags);
  const std::vector<std::string_view> words = {"a", "union", "endorses", "the", "senator"};
  std::vector<int> a, b;
  tagger->Tag(words, &a, nullptr);
  loaded.value()->Tag(words, &b, nullptr);
  EXPECT_EQ(a, b);
}

TEST(Tagger, LoadRefusesFlippedByte) {
  const std::string path = testutil::TempDir() + "/tagger.bin";
  ASSERT_OK(TrainTiny()->Save(path));
  std::string bytes = ReadAll(path);
  bytes[bytes.size() / 2] ^= 0x01;
  WriteAll(path, bytes);
  auto loaded = Tagger::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
  EXPECT_NE(loaded.status().message().find("checksum"), std::string::npos)
      << loaded.status().ToString();
}

TEST(Tagger, LoadRefusesTruncatedFile) {
  const std::string path = testutil::TempDir() + "/tagger.bin";
  ASSERT_OK(TrainTiny()->Save(path));
  const std::string bytes = ReadAll(path);
  WriteAll(path, bytes.substr(0, bytes.size() / 2));
  auto loaded = Tagger::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(path), std::string::npos);
  EXPECT_NE(loaded.status().message().find("truncated"), std::string::npos)
      << loaded.status().ToString();
}

TEST(Tagger, LoadRefusesParserFile) {
  // A file of the right container but another model kind: the magic tells them apart.
  const std::string path = testutil::TempDir() + "/tagger.bin";
  ASSERT_OK(WriteModelFile(path, "WCPARSER", "x"));
  auto loaded = Tagger::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("magic"), std::string::npos)
      << loaded.status().ToString();
}

TEST(Tagger, LoadRefusesWellFormedFileWithBadPayload) {
  // The checksum matches but the payload announces more tags than it holds.
  const std::string path = testutil::TempDir() + "/tagger.bin";
  ByteWriter w;
  w.U32(3);
  w.String("DET");
  ASSERT_OK(WriteModelFile(path, "WCTAGGER", w.bytes()));
  auto loaded = Tagger::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(loaded.status().message().find("ends early"), std::string::npos)
      << loaded.status().ToString();
}

}  // namespace
}  // namespace whipcount::syntax
