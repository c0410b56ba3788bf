// Tests of Pipeline (include/whipcount/pipeline.h) as a library user sees it: building it from a
// data folder (and failing clearly on a bad one), running articles, sharing one Pipeline between
// threads, and the JSON Lines it writes. Texts are written for these tests.
#include "whipcount/pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "kb/knowledge_base.h"
#include "testutil/pipeline_util.h"
#include "testutil/testutil.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;

// A copy of data/ in a fresh temporary folder. The large, read-only models/ folder is linked,
// not copied.
std::string CopyOfData() {
  std::string dir = testutil::TempDir() + "/data";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(testutil::DataDir())) {
    fs::path to = fs::path(dir) / entry.path().filename();
    if (entry.path().filename() == "models")
      fs::create_directory_symlink(entry.path(), to);
    else
      fs::copy(entry.path(), to, fs::copy_options::recursive);
  }
  return dir;
}

// Replaces line `line` (1-based) of `path` with `replacement`.
void ReplaceLine(const std::string& path, int line, const std::string& replacement) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_LE(static_cast<size_t>(line), lines.size());
  lines[line - 1] = replacement;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const std::string& l : lines) out << l << "\n";
}

// The 1-based number of the first line of `path` that is neither empty nor a comment.
int FirstDataLine(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  int n = 0;
  for (std::string l; std::getline(in, l);) {
    ++n;
    if (!l.empty() && l[0] != '#') return n;
  }
  ADD_FAILURE() << path << " has no data line";
  return 1;
}

Result<std::unique_ptr<Pipeline>> CreateFrom(const std::string& data_dir) {
  Options options;
  options.data_dir = data_dir;
  return Pipeline::Create(options);
}

// --- Create ----------------------------------------------------------------------------------

TEST(PipelineCreate, BuildsFromTheShippedData) {
  auto pipeline = CreateFrom(testutil::DataDir());
  ASSERT_OK(pipeline.status());
  EXPECT_GT((*pipeline)->kb().actors().size(), 100u);
}

TEST(PipelineCreate, MissingDataFolderIsAClearError) {
  std::string missing = testutil::TempDir() + "/no-data-here";
  auto pipeline = CreateFrom(missing);
  ASSERT_FALSE(pipeline.ok());
  EXPECT_THAT(pipeline.status().message(), HasSubstr(missing));
}

struct BrokenRow {
  const char* name;
  const char* file;         // under data/
  const char* replacement;  // written over the file's first data line
};

void PrintTo(const BrokenRow& c, std::ostream* os) { *os << c.file; }

class PipelineCreateBrokenData : public ::testing::TestWithParam<BrokenRow> {};

TEST_P(PipelineCreateBrokenData, FailsNamingTheFileAndLine) {
  const BrokenRow& c = GetParam();
  std::string data = CopyOfData();
  std::string path = data + "/" + c.file;
  int line = FirstDataLine(path);
  ReplaceLine(path, line, c.replacement);
  auto pipeline = CreateFrom(data);
  ASSERT_FALSE(pipeline.ok()) << c.file << " was broken but the pipeline was built";
  std::string file_name = fs::path(c.file).filename().string();
  EXPECT_THAT(pipeline.status().message(), HasSubstr(file_name + ":" + std::to_string(line)))
      << pipeline.status().ToString();
}

const BrokenRow kBrokenRows[] = {
    {"StanceWord", "lexicons/stance_words.tsv", "endorse\tverb\tcheer\tendorse"},
    {"StancePhrase", "lexicons/stance_phrases.tsv", "stand behind\tverb\tsupport\tapplaud"},
    {"StanceCue", "lexicons/stance_cues.tsv", "previously\tsomeday"},
    {"Gender", "lexicons/gender.tsv", "Robin\tboth"},
    {"OrgWord", "lexicons/org_words.tsv", "Guild\tguildhall"},
    {"TooFewFields", "lexicons/stance_words.tsv", "endorse"},
    {"KbActorKind", "kb/13_us_orgs.actors.tsv",
     "democratic-party\tparty-ish\tDemocratic Party\tDemocrats\t\t"},
};

std::string RowName(const ::testing::TestParamInfo<BrokenRow>& row) { return row.param.name; }

INSTANTIATE_TEST_SUITE_P(Rows, PipelineCreateBrokenData, ::testing::ValuesIn(kBrokenRows), RowName);

TEST(PipelineCreate, MissingLexiconFileIsNamed) {
  std::string data = CopyOfData();
  fs::remove(data + "/lexicons/stance_words.tsv");
  auto pipeline = CreateFrom(data);
  ASSERT_FALSE(pipeline.ok());
  EXPECT_THAT(pipeline.status().message(), HasSubstr("stance_words.tsv"));
}

TEST(PipelineCreate, UsersKbFileAddsActors) {
  std::string file =
      testutil::WriteTempFile("local.actors.tsv",
                              "id\tkind\tname\taliases\tmembers\tmembers_year\n"
                              "harbor-valley-lc\tunion\tHarbor Valley Labor Council\tHVLC\t\t\n");
  Options options;
  options.data_dir = testutil::DataDir();
  options.kb_files = {file};
  auto pipeline = Pipeline::Create(options);
  ASSERT_OK(pipeline.status());
  Document doc;
  doc.article.id = "local";
  doc.article.published = Date::Parse("2020-02-10");
  doc.article.text = "HVLC endorsed Maria Tran for mayor.";
  ASSERT_OK((*pipeline)->Run(doc));
  EXPECT_THAT(testutil::StanceStrings(doc),
              Contains("Harbor Valley Labor Council -> Maria Tran: support/current"));
}

TEST(PipelineCreate, BadUsersKbFileIsNamed) {
  std::string file = testutil::WriteTempFile("broken.actors.tsv",
                                             "id\tkind\tname\taliases\tmembers\tmembers_year\n"
                                             "x\tnot-a-kind\tX Group\t\t\t\n");
  Options options;
  options.data_dir = testutil::DataDir();
  options.kb_files = {file};
  auto pipeline = Pipeline::Create(options);
  ASSERT_FALSE(pipeline.ok());
  EXPECT_THAT(pipeline.status().message(), HasSubstr("broken.actors.tsv:2"));
}

// --- Run and Process ---------------------------------------------------------------------------

TEST(Pipeline, ProcessFillsEveryStage) {
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  Article article;
  article.id = "a1";
  article.source = "a1.txt";
  article.published = Date::Parse("2020-02-10");
  article.text = "The Sierra Club endorsed Elizabeth Warren on Tuesday. She thanked the group.";
  auto doc = pipeline->Process(article);
  ASSERT_OK(doc.status());
  EXPECT_EQ(doc->article.id, "a1");
  EXPECT_FALSE(doc->text.empty());
  EXPECT_EQ(doc->sentences.size(), 2u);
  EXPECT_FALSE(doc->tokens.empty());
  ASSERT_TRUE(doc->date.has_value());
  EXPECT_EQ(doc->date->ToString(), "2020-02-10");
  EXPECT_FALSE(doc->date_inferred);
  EXPECT_FALSE(doc->mentions.empty());
  EXPECT_FALSE(doc->actors.empty());
  EXPECT_THAT(testutil::StanceStrings(*doc),
              Contains("Sierra Club -> Elizabeth Warren: support/current"));
}

TEST(Pipeline, DateIsInferredFromTheTextWhenNotPublished) {
  Document doc = testutil::RunText(
      "WASHINGTON, Tuesday, March 3, 2020 — The Sierra Club endorsed Elizabeth Warren.");
  ASSERT_TRUE(doc.date.has_value());
  EXPECT_EQ(doc.date->ToString(), "2020-03-03");
  EXPECT_TRUE(doc.date_inferred);
}

TEST(Pipeline, EmptyArticleHasNoStances) {
  Document doc = testutil::RunText("", "2020-02-10");
  EXPECT_TRUE(doc.stances.empty());
}

TEST(Pipeline, PageFurnitureIsNotStory) {
  Document doc = testutil::RunText(
      "Photo credit: Teamsters endorse Joe Biden\nThe Sierra Club met in Denver on Monday.",
      "2020-02-10");
  EXPECT_THAT(testutil::StanceStrings(doc), ::testing::IsEmpty()) << doc.text;
}

TEST(Pipeline, RunningTwiceGivesTheSameResult) {
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  Document doc = testutil::RunText(
      "The Teamsters and the Sierra Club endorsed Bernie Sanders. The union is a longtime Sanders "
      "ally.",
      "2020-02-10");
  std::vector<std::string> first = testutil::StanceStrings(doc);
  ASSERT_OK(pipeline->Run(doc));
  EXPECT_EQ(testutil::StanceStrings(doc), first);
}

// --- Threads -----------------------------------------------------------------------------------

// Short articles of different shapes; each thread runs all of them several times.
const char* const kThreadTexts[] = {
    "The Service Employees International Union endorsed Pete Buttigieg on Tuesday.",
    "Amy Klobuchar won the backing of the American Federation of Teachers this week.",
    "The Teamsters, the American Federation of Teachers and the United Steelworkers endorsed "
    "Bernie Sanders. The Sierra Club, a longtime Warren ally, sent volunteers to Iowa.",
    "\"We support Joe Biden because he listens,\" said Lorena Ortiz, a spokeswoman for the "
    "National Education Association.",
    "The National Education Association declined to endorse Joe Biden or Bernie Sanders.",
    "The Teamsters campaigned against Proposition 22. The union hired more support staff.",
    "Maria Tran leads the Pinecrest Teachers Association, which endorsed her on Monday.",
    "The United Steelworkers had previously backed Bernie Sanders, and the union is expected to "
    "endorse Joe Biden next week.",
};

// Everything a run decides, as one string per article.
std::string Summary(const Document& doc) {
  std::string out;
  for (const std::string& s : testutil::StanceStrings(doc)) out += s + "\n";
  out += "actors:";
  for (const DocActor& actor : doc.actors) out += " " + actor.name;
  out += "\nmentions: " + std::to_string(doc.mentions.size());
  return out;
}

TEST(PipelineThreads, TwoThreadsGetTheSameResultsAsOne) {
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  constexpr size_t kTexts = std::size(kThreadTexts);
  constexpr int kRounds = 50;
  std::vector<std::string> expected;
  for (const char* text : kThreadTexts)
    expected.push_back(Summary(testutil::RunText(text, "2020-02-10")));
  std::vector<std::vector<std::string>> got(2);
  std::vector<std::string> errors(2);
  auto work = [&](int t) {
    for (int round = 0; round < kRounds; ++round) {
      for (size_t i = 0; i < kTexts; ++i) {
        // The two threads walk the articles in opposite orders, so they overlap on different ones.
        size_t k = t == 0 ? i : kTexts - 1 - i;
        Article article;
        article.id = std::to_string(k);
        article.published = Date::Parse("2020-02-10");
        article.text = kThreadTexts[k];
        auto doc = pipeline->Process(article);
        if (!doc.ok()) {
          errors[t] = doc.status().ToString();
          return;
        }
        if (round == kRounds - 1 || Summary(*doc) != expected[k])
          got[t].push_back(std::to_string(k) + "\n" + Summary(*doc));
      }
    }
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  for (int t = 0; t < 2; ++t) {
    EXPECT_EQ(errors[t], "");
    // Only the last round is recorded when every earlier one agreed.
    ASSERT_EQ(got[t].size(), kTexts) << "thread " << t << " saw results differ from one thread's";
    for (const std::string& g : got[t]) {
      size_t k = std::stoul(g.substr(0, g.find('\n')));
      EXPECT_EQ(g.substr(g.find('\n') + 1), expected[k]) << "thread " << t << ", article " << k;
    }
  }
}

// --- AppendStanceJsonl ------------------------------------------------------------------------

TEST(AppendStanceJsonl, OneObjectPerStanceWithTheDocumentedFields) {
  Document doc = testutil::RunText(
      "The Sierra Club endorsed Elizabeth Warren and Bernie Sanders on Tuesday.", "2020-02-10");
  std::string out;
  AppendStanceJsonl(doc, out);
  std::istringstream lines(out);
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    ++n;
    nlohmann::json j = nlohmann::json::parse(line);
    for (const char* field : {"doc", "holder", "target", "stance", "status", "act", "holder_kind",
                              "target_kind", "time", "published", "date_inferred", "speaker",
                              "evidence", "evidence_start", "evidence_end", "source"})
      EXPECT_TRUE(j.contains(field)) << field << " missing from " << line;
    EXPECT_EQ(j["doc"], "test");
    EXPECT_EQ(j["holder"], "Sierra Club");
    EXPECT_EQ(j["stance"], "support");
    EXPECT_EQ(j["published"], "2020-02-10");
    EXPECT_EQ(j["time"], "2020-02-04");
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ(static_cast<size_t>(n), doc.stances.size());
}

// Offsets count code points of the article's raw text, so that any language can slice it; the
// cleaner's removals and multi-byte characters before the evidence must not shift them.
TEST(AppendStanceJsonl, EvidenceOffsetsCountCodePointsOfTheRawText) {
  const std::string raw =
      "Photo credit: Ana Müller\n\nDENVER — The café workers met.\n\nAdvertisement\n\n"
      "The Sierra Club endorsed Elizabeth Warren on Tuesday.";
  Document doc = testutil::RunText(raw, "2020-02-10");
  std::string out;
  AppendStanceJsonl(doc, out);
  ASSERT_FALSE(out.empty());
  nlohmann::json j = nlohmann::json::parse(out.substr(0, out.find('\n')));
  std::u32string raw32;
  // Decode UTF-8 (the text above is valid) to slice by code points.
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = raw[i];
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (raw[i + k] & 0x3F);
    raw32.push_back(cp);
    i += len;
  }
  size_t start = j["evidence_start"], end = j["evidence_end"];
  ASSERT_LE(start, end);
  ASSERT_LE(end, raw32.size());
  std::u32string want32 = U"The Sierra Club endorsed Elizabeth Warren on Tuesday.";
  EXPECT_TRUE(raw32.substr(start, end - start) == want32)
      << "start " << start << " end " << end << " evidence " << j["evidence"];
  EXPECT_EQ(j["evidence"], "The Sierra Club endorsed Elizabeth Warren on Tuesday.");
}

TEST(AppendStanceJsonl, AppendsAndWritesNothingWithoutStances) {
  Document doc = testutil::RunText("It rained in Denver on Monday.", "2020-02-10");
  std::string out = "kept\n";
  AppendStanceJsonl(doc, out);
  EXPECT_EQ(out, "kept\n");
}

}  // namespace
}  // namespace whipcount
