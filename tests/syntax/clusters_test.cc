// Tests of the word clusters (clusters.h) and of how the model files carry them: induction puts
// words of the same contexts together, the map survives saving, damaged maps are refused, each
// model file keeps its own map, and files of format version 1 (before clusters) still load.
#include "syntax/clusters.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>

#include "syntax/parser.h"
#include "syntax/syntax.h"
#include "syntax/tagger.h"
#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

// Sentences where the nouns share their contexts, as do the verbs and the determiners.
std::vector<std::vector<std::string>> ToyCorpus() {
  const std::vector<std::string> dets = {"the", "a", "this"};
  const std::vector<std::string> nouns = {"union", "senator", "mayor", "council", "governor"};
  const std::vector<std::string> verbs = {"backs", "opposes", "endorses", "praises"};
  std::vector<std::vector<std::string>> corpus;
  std::mt19937 rng(5);
  for (int i = 0; i < 400; ++i) {
    corpus.push_back({dets[rng() % dets.size()], nouns[rng() % nouns.size()],
                      verbs[rng() % verbs.size()], dets[rng() % dets.size()],
                      nouns[rng() % nouns.size()], "."});
  }
  return corpus;
}

int ClassOf(const std::vector<std::pair<std::string, int>>& pairs, const std::string& word) {
  for (const auto& [w, c] : pairs) {
    if (w == word) return c;
  }
  return -1;
}

TEST(InduceClusters, GroupsWordsOfTheSameContexts) {
  ClusterOptions options;
  options.num_classes = 4;
  options.min_count = 1;
  options.iterations = 20;
  const auto pairs = InduceClusters(ToyCorpus(), options);
  ASSERT_EQ(pairs.size(), 13u);  // 3 determiners, 5 nouns, 4 verbs, "."
  // Nouns and determiners each share their class with nobody else. Verbs may be split (the
  // sentence-final "." also follows nouns), but never share a class with a noun or determiner.
  const int noun = ClassOf(pairs, "union");
  const int det = ClassOf(pairs, "the");
  for (const char* w : {"senator", "mayor", "council", "governor"}) {
    EXPECT_EQ(ClassOf(pairs, w), noun) << w;
  }
  for (const char* w : {"a", "this"}) EXPECT_EQ(ClassOf(pairs, w), det) << w;
  EXPECT_NE(noun, det);
  for (const char* w : {"backs", "opposes", "endorses", "praises"}) {
    EXPECT_NE(ClassOf(pairs, w), noun) << w;
    EXPECT_NE(ClassOf(pairs, w), det) << w;
  }
  // Deterministic.
  EXPECT_EQ(InduceClusters(ToyCorpus(), options), pairs);
}

TEST(InduceClusters, LeavesRareWordsOut) {
  auto corpus = ToyCorpus();
  corpus.push_back({"the", "zeppelin", "backs", "a", "union", "."});
  ClusterOptions options;
  options.num_classes = 4;
  options.min_count = 2;
  const auto pairs = InduceClusters(corpus, options);
  EXPECT_EQ(ClassOf(pairs, "zeppelin"), -1);
  EXPECT_NE(ClassOf(pairs, "union"), -1);
}

TEST(WordClusters, LookupFoldsDigitsAndKeepsCase) {
  const WordClusters map = WordClusters::FromPairs({{"2016", 3}, {"Union", 1}, {"union", 2}}, 4);
  EXPECT_EQ(map.Lookup("1984"), 3);
  EXPECT_EQ(map.Lookup("Union"), 1);
  EXPECT_EQ(map.Lookup("union"), 2);
  EXPECT_EQ(map.Lookup("UNION"), WordClusters::kUnknown);
  EXPECT_EQ(map.Lookup("198"), WordClusters::kUnknown);
  EXPECT_EQ(map.vocabulary_size(), 3u);
  EXPECT_EQ(WordClusters().Lookup("union"), WordClusters::kUnknown);
  EXPECT_EQ(WordClusters().Fingerprint(), 0u);
  EXPECT_NE(map.Fingerprint(), 0u);
}

TEST(WordClusters, SerializeRoundTrips) {
  const WordClusters map = WordClusters::FromPairs({{"a", 0}, {"b", 1}, {"c", 1}}, 2);
  ByteWriter out;
  map.Serialize(&out);
  ByteReader in(out.bytes(), "m.bin");
  WordClusters back;
  ASSERT_OK(WordClusters::Deserialize(&in, &back));
  EXPECT_TRUE(in.AtEnd());
  EXPECT_EQ(back.Lookup("a"), 0);
  EXPECT_EQ(back.Lookup("c"), 1);
  EXPECT_EQ(back.Fingerprint(), map.Fingerprint());
  // Insertion order does not change the saved form.
  EXPECT_EQ(WordClusters::FromPairs({{"c", 1}, {"a", 0}, {"b", 1}}, 2).Fingerprint(),
            map.Fingerprint());
}

TEST(WordClusters, DeserializeRefusesClassOutOfRange) {
  ByteWriter out;
  out.U32(2);  // classes
  out.U64(1);  // words
  out.U64(12345);
  out.VarU64(7);  // class 7 of 2
  ByteReader in(out.bytes(), "m.bin");
  WordClusters back;
  Status st = WordClusters::Deserialize(&in, &back);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("m.bin"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("out of range"), std::string::npos) << st.ToString();
}

TEST(WordClusters, DeserializeRefusesUnorderedKeysAndTruncation) {
  {
    ByteWriter out;
    out.U32(2);
    out.U64(2);
    out.U64(500);
    out.VarU64(0);
    out.U64(400);  // keys must rise
    out.VarU64(1);
    ByteReader in(out.bytes(), "m.bin");
    WordClusters back;
    Status st = WordClusters::Deserialize(&in, &back);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("order"), std::string::npos) << st.ToString();
  }
  ByteWriter out;
  out.U32(2);
  out.U64(5);  // five words announced, none follow
  ByteReader in(out.bytes(), "m.bin");
  WordClusters back;
  Status st = WordClusters::Deserialize(&in, &back);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
}

TEST(WordClusters, TextRoundTripsAndBadLinesNameTheLine) {
  const std::string path = testutil::TempDir() + "/clusters.tsv";
  ASSERT_OK(WriteClusterText(path, {{"union", 1}, {"senator", 1}, {"backs", 0}}));
  auto map = WordClusters::ReadText(path);
  ASSERT_OK(map.status());
  EXPECT_EQ(map->num_classes(), 2);
  EXPECT_EQ(map->Lookup("senator"), 1);
  EXPECT_EQ(map->Lookup("backs"), 0);

  std::ofstream(path, std::ios::trunc) << "0\tunion\nseven\tsenator\n";
  auto bad = WordClusters::ReadText(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(path + ": line 2"), std::string::npos)
      << bad.status().ToString();
  EXPECT_EQ(WordClusters::ReadText(testutil::TempDir() + "/absent.tsv").status().code(),
            Status::Code::kNotFound);
}

TEST(TokenizeRawText, SplitsPunctuationAndClitics) {
  std::vector<std::vector<std::string>> lines;
  TokenizeRawText(
      "\xe2\x80\x9cWe don't back it,\xe2\x80\x9d said Mr. Lee's aide (in the U.S.).\n\nOK", &lines);
  ASSERT_EQ(lines.size(), 2u);
  const std::vector<std::string> expected = {
      "\xe2\x80\x9c", "We",   "do",   "n't", "back", "it",   ",",
      "\xe2\x80\x9d", "said", "Mr.",  "Lee", "'s",   "aide", "(",
      "in",           "the",  "U.S.", ")",   "."};
  EXPECT_EQ(lines[0], expected);
  EXPECT_EQ(lines[1], std::vector<std::string>{"OK"});
}

const std::vector<std::string> kTags = {"DET", "NOUN", "VERB"};
const std::vector<std::string> kLabels = {"det", "nsubj", "obj", "root"};

// A tiny tagger and parser trained with the given clusters (null: none), saved in a fresh folder.
std::string SaveTinyModel(const std::shared_ptr<const WordClusters>& tagger_clusters,
                          const std::shared_ptr<const WordClusters>& parser_clusters) {
  const std::vector<std::string_view> words = {"the", "union", "backs", "the", "senator"};
  const std::vector<int> t = {0, 1, 2, 0, 1}, heads = {2, 3, 0, 5, 3}, rels = {0, 1, 3, 0, 2};
  TaggerTrainer tagger(kTags, kTags, 10, tagger_clusters);
  ParserTrainer parser(kTags, kTags, kLabels, 10, 10, parser_clusters);
  std::mt19937 rng(1);
  for (int it = 0; it < 5; ++it) {
    tagger.Train(words, t, t);
    ParserInput input{&words, &t, &t};
    parser.Train(input, heads, rels, it > 0, &rng);
  }
  const std::string dir = testutil::TempDir();
  EXPECT_OK(tagger.Averaged()->Save(dir + "/" + Tagger::kFileName));
  EXPECT_OK(parser.Averaged()->Save(dir + "/" + Parser::kFileName));
  return dir;
}

TEST(SyntaxModelClusters, EachFileKeepsItsOwnClusters) {
  auto fine = std::make_shared<const WordClusters>(
      WordClusters::FromPairs({{"union", 0}, {"senator", 1}, {"backs", 2}, {"the", 3}}, 4));
  auto coarse = std::make_shared<const WordClusters>(
      WordClusters::FromPairs({{"union", 0}, {"senator", 0}, {"backs", 1}, {"the", 1}}, 2));
  const std::string dir = SaveTinyModel(fine, coarse);
  auto model = SyntaxModel::Load(dir);
  ASSERT_OK(model.status());
  EXPECT_EQ(model.value()->tagger().clusters().Fingerprint(), fine->Fingerprint());
  EXPECT_EQ(model.value()->parser().clusters().Fingerprint(), coarse->Fingerprint());
  std::vector<ParsedToken> out;
  model.value()->Parse({"the", "senator", "backs", "the", "union"}, &out);
  ASSERT_EQ(out.size(), 5u);
  int roots = 0;
  for (const auto& tok : out) roots += tok.head == 0;
  EXPECT_EQ(roots, 1);
}

TEST(SyntaxModelClusters, RefusesDamagedClusterMap) {
  auto clusters = std::make_shared<const WordClusters>(
      WordClusters::FromPairs({{"union", 0}, {"senator", 0}, {"backs", 1}, {"the", 1}}, 2));
  const std::string dir = SaveTinyModel(nullptr, clusters);
  // Raise the map's class count to beyond the limit, keeping the checksum right so that the
  // payload check, not the container's, has to catch it.
  const std::string path = dir + "/" + Parser::kFileName;
  std::string payload;
  ASSERT_OK(ReadModelFile(path, "WCPARSER", &payload));
  ByteWriter head;
  head.StringList(kTags);
  head.StringList(kTags);
  head.StringList(kLabels);
  const size_t at = head.bytes().size();
  payload[at + 2] = 0x7f;  // u32 class count, little-endian: now far above kMaxClasses
  ASSERT_OK(WriteModelFile(path, "WCPARSER", payload));
  auto model = SyntaxModel::Load(dir);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kCorruption);
  EXPECT_NE(model.status().message().find(path), std::string::npos) << model.status().ToString();
  EXPECT_NE(model.status().message().find("classes"), std::string::npos)
      << model.status().ToString();
}

// Format version 1 (before clusters) had no cluster map in either file; such files still load,
// as models without clusters.
TEST(SyntaxModelClusters, LoadsVersion1Files) {
  const std::string dir = SaveTinyModel(nullptr, nullptr);
  // What version 1 lacks: in the tagger, the feature-set number (4 bytes, version 3) and the
  // three maps after the tag lists and pass count; in the parser, the map after the label list.
  // An empty map is 12 bytes. (The parser's settings at the end are optional before version 3.)
  ByteWriter tagger_head, parser_head;
  tagger_head.StringList(kTags);
  tagger_head.StringList(kTags);
  tagger_head.U8(1);
  parser_head.StringList(kTags);
  parser_head.StringList(kTags);
  parser_head.StringList(kLabels);
  struct Edit {
    std::string file, magic;
    size_t at, bytes;
  };
  for (const Edit& e : {Edit{Tagger::kFileName, "WCTAGGER", tagger_head.bytes().size(), 4 + 36},
                        Edit{Parser::kFileName, "WCPARSER", parser_head.bytes().size(), 12}}) {
    const std::string path = dir + "/" + e.file;
    std::string payload;
    ASSERT_OK(ReadModelFile(path, e.magic, &payload));
    payload.erase(e.at, e.bytes);
    ASSERT_OK(WriteModelFile(path, e.magic, payload));
    std::string bytes;
    {
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    bytes[8] = 1;  // the version lies outside the checksummed payload
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    uint32_t version = 0;
    ASSERT_OK(ReadModelFile(path, e.magic, &payload, &version));
    EXPECT_EQ(version, 1u);
  }
  auto model = SyntaxModel::Load(dir);
  ASSERT_OK(model.status());
  EXPECT_TRUE(model.value()->tagger().clusters().empty());
  EXPECT_TRUE(model.value()->parser().clusters().empty());
  std::vector<ParsedToken> out;
  model.value()->Parse({"the", "union", "backs", "the", "senator"}, &out);
  EXPECT_EQ(out.size(), 5u);
}

}  // namespace
}  // namespace whipcount::syntax
