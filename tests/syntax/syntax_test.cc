// Tests of SyntaxModel with the shipped model in data/models/: the loader's refusals, and the
// parses of the constructions the stance rules read. The sentences are written for this test.
#include "syntax/syntax.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <thread>

#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

namespace fs = std::filesystem;

// data/models, or the folder WHIPCOUNT_MODELS names (to try a candidate model before shipping it).
std::string ModelDir() {
  const char* env = std::getenv("WHIPCOUNT_MODELS");
  return env != nullptr && *env != '\0' ? std::string(env) : testutil::DataDir() + "/models";
}

bool HaveModel() {
  std::error_code ec;
  return fs::exists(ModelDir() + "/" + Tagger::kFileName, ec) &&
         fs::exists(ModelDir() + "/" + Parser::kFileName, ec);
}

#define SKIP_WITHOUT_MODEL()                                                      \
  do {                                                                            \
    if (!HaveModel()) GTEST_SKIP() << "data/models has no tagger.bin/parser.bin"; \
  } while (0)

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A copy of the shipped model folder whose parser.bin is replaced by `edit(bytes)`.
template <typename Edit>
std::string CopyWithEditedParser(Edit edit) {
  const std::string dir = testutil::TempDir();
  fs::copy_file(ModelDir() + "/" + Tagger::kFileName, dir + "/" + Tagger::kFileName);
  WriteAll(dir + "/" + Parser::kFileName, edit(ReadAll(ModelDir() + "/" + Parser::kFileName)));
  return dir;
}

TEST(SyntaxModelLoad, MissingFolderIsNotFound) {
  auto model = SyntaxModel::Load(testutil::TempDir() + "/nothing");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kNotFound);
  EXPECT_NE(model.status().message().find("tagger.bin"), std::string::npos);
}

TEST(SyntaxModelLoad, RefusesFlippedByte) {
  SKIP_WITHOUT_MODEL();
  const std::string dir = CopyWithEditedParser([](std::string bytes) {
    bytes[bytes.size() / 3] ^= 0x04;
    return bytes;
  });
  auto model = SyntaxModel::Load(dir);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kCorruption);
  EXPECT_NE(model.status().message().find(dir + "/parser.bin"), std::string::npos)
      << model.status().ToString();
  EXPECT_NE(model.status().message().find("checksum"), std::string::npos);
}

TEST(SyntaxModelLoad, RefusesTruncatedFile) {
  SKIP_WITHOUT_MODEL();
  const std::string dir =
      CopyWithEditedParser([](std::string bytes) { return bytes.substr(0, bytes.size() - 1000); });
  auto model = SyntaxModel::Load(dir);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kCorruption);
  EXPECT_NE(model.status().message().find(dir + "/parser.bin"), std::string::npos);
  EXPECT_NE(model.status().message().find("truncated"), std::string::npos)
      << model.status().ToString();
}

TEST(SyntaxModelLoad, RefusesOtherFormatVersion) {
  SKIP_WITHOUT_MODEL();
  const std::string dir = CopyWithEditedParser([](std::string bytes) {
    bytes[8] = static_cast<char>(kModelFormatVersion + 7);
    return bytes;
  });
  auto model = SyntaxModel::Load(dir);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(model.status().message().find(dir + "/parser.bin"), std::string::npos);
  EXPECT_NE(model.status().message().find("version"), std::string::npos)
      << model.status().ToString();
}

TEST(SyntaxModelLoad, RefusesTaggerInPlaceOfParser) {
  SKIP_WITHOUT_MODEL();
  const std::string dir = CopyWithEditedParser(
      [](const std::string&) { return ReadAll(ModelDir() + "/" + Tagger::kFileName); });
  auto model = SyntaxModel::Load(dir);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("magic"), std::string::npos) << model.status().ToString();
}

// The shipped model, loaded once for the parse tests; null when data/models lacks it.
const SyntaxModel* SharedModel() {
  static const SyntaxModel* model = [] {
    if (!HaveModel()) return static_cast<SyntaxModel*>(nullptr);
    auto loaded = SyntaxModel::Load(ModelDir());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? std::move(loaded).value().release() : nullptr;
  }();
  return model;
}

std::vector<std::string_view> Words(const std::string& sentence,
                                    std::vector<std::string>* storage) {
  std::istringstream in(sentence);
  storage->clear();
  for (std::string w; in >> w;) storage->push_back(w);
  return std::vector<std::string_view>(storage->begin(), storage->end());
}

TEST(SyntaxModelLoad, ShippedModelLoads) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  EXPECT_EQ(SharedModel()->tagger().tags(kUpos).size(), 17u);
  EXPECT_TRUE(SharedModel()->tagger().has_second_pass());
  // Both files carry their word clusters (data/models/README.md: 512 and 256 classes).
  EXPECT_GT(SharedModel()->tagger().clusters().vocabulary_size(), 10000u);
  EXPECT_GT(SharedModel()->parser().clusters().vocabulary_size(), 10000u);
  EXPECT_NE(SharedModel()->tagger().clusters().Lookup("endorsed"), WordClusters::kUnknown);
}

// One arc the parse must contain: word `dep` hangs from word `head` (1-based, 0 = root) by
// `deprel`.
struct Arc {
  int dep;
  int head;
  // The relation; where UD allows two analyses of the construction, both, split by '|'.
  const char* deprel;
};

bool OneOf(const std::string& deprel, std::string_view alternatives) {
  for (size_t start = 0; start <= alternatives.size();) {
    const size_t bar = std::min(alternatives.find('|', start), alternatives.size());
    if (alternatives.substr(start, bar - start) == deprel) return true;
    start = bar + 1;
  }
  return false;
}

struct Construction {
  const char* name;
  const char* sentence;  // tokens separated by spaces, UD-style
  std::vector<Arc> arcs;
};

void PrintTo(const Construction& c, std::ostream* os) { *os << c.name; }

class ParsesConstruction : public ::testing::TestWithParam<Construction> {};

TEST_P(ParsesConstruction, KeyArcs) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  const Construction& c = GetParam();
  std::vector<std::string> storage;
  const auto words = Words(c.sentence, &storage);
  std::vector<ParsedToken> parsed;
  SharedModel()->Parse(words, &parsed);
  ASSERT_EQ(parsed.size(), words.size());
  std::ostringstream tree;
  for (size_t i = 0; i < parsed.size(); ++i) {
    tree << (i + 1) << ' ' << parsed[i].form << ' ' << parsed[i].upos << ' ' << parsed[i].head
         << ' ' << parsed[i].deprel << '\n';
  }
  for (const Arc& arc : c.arcs) {
    const ParsedToken& token = parsed[arc.dep - 1];
    EXPECT_EQ(token.head, arc.head) << "head of " << token.form << " in\n" << tree.str();
    EXPECT_TRUE(OneOf(token.deprel, arc.deprel))
        << "relation of " << token.form << " is " << token.deprel << ", not " << arc.deprel
        << " in\n"
        << tree.str();
  }
}

// Sentences written for this test, one per construction the stance rules read.
INSTANTIATE_TEST_SUITE_P(
    StanceConstructions, ParsesConstruction,
    ::testing::Values(
        Construction{"Active",
                     "The union endorsed the senator .",
                     {{2, 3, "nsubj"}, {3, 0, "root"}, {5, 3, "obj"}}},
        Construction{
            "PassiveWithAgent",
            "The governor was endorsed by the teachers .",
            {{2, 4, "nsubj:pass"}, {3, 4, "aux:pass"}, {5, 7, "case"}, {7, 4, "obl:agent"}}},
        Construction{"PassiveWithCompoundAgent",
                     "The candidate was backed by the firefighters union .",
                     {{2, 4, "nsubj:pass"}, {8, 4, "obl:agent"}}},
        Construction{
            "PossessiveNominal",
            "The federation 's endorsement of the mayor came Friday .",
            {{2, 4, "nmod:poss"}, {3, 2, "case"}, {4, 8, "nsubj"}, {5, 7, "case"}, {7, 4, "nmod"}}},
        Construction{"EndorsementFrom",
                     "The mayor 's campaign welcomed the endorsement from the nurses .",
                     {{7, 5, "obj"}, {8, 10, "case"}, {10, 7, "nmod"}}},
        Construction{"RelativeClause",
                     "The union , which backed the senator , will meet Tuesday .",
                     {{2, 10, "nsubj"}, {4, 5, "nsubj"}, {5, 2, "acl:relcl"}, {7, 5, "obj"}}},
        Construction{"CoordinatedSubjects",
                     "The nurses and the teachers endorsed her .",
                     {{2, 6, "nsubj"}, {3, 5, "cc"}, {5, 2, "conj"}, {7, 6, "obj"}}},
        Construction{"CoordinatedObjects",
                     "The steelworkers backed Smith and Jones in the primary .",
                     {{2, 3, "nsubj"}, {4, 3, "obj"}, {6, 4, "conj"}}},
        // "is set to": EWT reads "set" as an adjective with a copula (its one example), other
        // UD treebanks as a passive verb; the stance rules read the xcomp chain either way.
        Construction{"Xcomp",
                     "The union is set to endorse the governor .",
                     {{2, 4, "nsubj|nsubj:pass"}, {5, 6, "mark"}, {6, 4, "xcomp"}, {8, 6, "obj"}}},
        Construction{"Negated",
                     "The council did n't endorse the candidate .",
                     {{2, 5, "nsubj"}, {4, 5, "advmod"}, {7, 5, "obj"}}}),
    [](const ::testing::TestParamInfo<Construction>& param_info) { return param_info.param.name; });

TEST(SyntaxModelParse, TagsWords) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  std::vector<std::string> storage;
  std::vector<ParsedToken> parsed;
  SharedModel()->Parse(Words("The governor was endorsed by the teachers .", &storage), &parsed);
  ASSERT_EQ(parsed.size(), 8u);
  EXPECT_EQ(parsed[1].upos, "NOUN");
  EXPECT_EQ(parsed[2].upos, "AUX");
  EXPECT_EQ(parsed[3].upos, "VERB");
  EXPECT_EQ(parsed[3].xpos, "VBN");
  EXPECT_EQ(parsed[4].upos, "ADP");
  EXPECT_EQ(parsed[7].upos, "PUNCT");
}

TEST(SyntaxModelParse, EmptySentenceGivesNothing) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  std::vector<ParsedToken> parsed(3);
  SharedModel()->Parse({}, &parsed);
  EXPECT_TRUE(parsed.empty());
}

TEST(SyntaxModelParse, OneRootAndNoCycles) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  // Headline-like fragments without a verb still get one root.
  for (const char* sentence : {"Unions , nurses , teachers", "Sanders ! Sanders !", "Friday ."}) {
    std::vector<std::string> storage;
    std::vector<ParsedToken> parsed;
    SharedModel()->Parse(Words(sentence, &storage), &parsed);
    int roots = 0;
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (parsed[i].head == 0) {
        ++roots;
        EXPECT_EQ(parsed[i].deprel, "root");
      }
      int steps = 0;
      for (int h = static_cast<int>(i) + 1; h != 0; h = parsed[h - 1].head) {
        ASSERT_LE(++steps, static_cast<int>(parsed.size())) << sentence;
      }
    }
    EXPECT_EQ(roots, 1) << sentence;
  }
}

TEST(SyntaxModelParse, ConcurrentParsesMatchSerialOnes) {
  SKIP_WITHOUT_MODEL();
  ASSERT_NE(SharedModel(), nullptr);
  const std::vector<std::string> sentences = {
      "The union endorsed the senator .", "The governor was endorsed by the teachers .",
      "The nurses and the teachers endorsed her .", "The union is set to endorse the governor ."};
  std::vector<std::vector<ParsedToken>> serial(sentences.size());
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::vector<std::string> storage;
    SharedModel()->Parse(Words(sentences[i], &storage), &serial[i]);
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < sentences.size(); ++i) {
          std::vector<std::string> storage;
          std::vector<ParsedToken> parsed;
          SharedModel()->Parse(Words(sentences[i], &storage), &parsed);
          for (size_t k = 0; k < parsed.size(); ++k) {
            mismatches[t] +=
                parsed[k].head != serial[i][k].head || parsed[k].deprel != serial[i][k].deprel;
          }
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0);
}

// The shipped model's accuracy on the EWT test set stays near what data/models/README.md
// reports. (The shipped model was trained on train and dev, so dev would tell nothing.)
TEST(SyntaxModelEvaluate, TestScoresHold) {
  SKIP_WITHOUT_MODEL();
  SKIP_WITHOUT_SHARED();
  ASSERT_NE(SharedModel(), nullptr);
  auto scores =
      Evaluate(*SharedModel(), testutil::SharedDir() + "/corpus/ud/en_ewt-ud-test.conllu");
  ASSERT_OK(scores.status());
  EXPECT_EQ(scores.value().words, 25094);
  EXPECT_GE(scores.value().upos(), 95.8);  // README: 95.90
  EXPECT_GE(scores.value().uas(), 87.5);   // README: 87.66
  EXPECT_GE(scores.value().las(), 84.5);   // README: 84.69; the goal is 84
  // The shipped parser decodes with the beam it was trained for (README: beam 6, margin 150).
  EXPECT_GT(SharedModel()->parser().beam_width(), 1);
}

}  // namespace
}  // namespace whipcount::syntax
