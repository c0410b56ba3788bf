// Tests of `whipcount extract` as a user runs it: the built binary (WHIPCOUNT_BINARY) is started
// with popen on files written for these tests, and its JSON Lines, stderr and exit status are
// checked. Exit statuses: 0 every input read, 1 some input skipped (each named on stderr), 2 a
// usage or set-up error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

struct CliRun {
  int exit_code = -1;
  std::string out;                  // stdout
  std::vector<std::string> errors;  // stderr, one entry a line
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the binary with `args` (each quoted for the shell); `stdin_text`, when given, is piped in.
CliRun RunBinary(const std::vector<std::string>& args, const std::string* stdin_text = nullptr) {
  std::string dir = testutil::TempDir();
  std::string err_path = dir + "/stderr.txt";
  std::string command;
  if (stdin_text != nullptr) {
    std::string in_path = dir + "/stdin.txt";
    std::ofstream(in_path, std::ios::binary) << *stdin_text;
    command.append("cat ").append(Quote(in_path)).append(" | ");
  }
  command.append(Quote(WHIPCOUNT_BINARY));
  for (const std::string& a : args) command.append(" ").append(Quote(a));
  command.append(" 2> ").append(Quote(err_path));
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed: " << command;
    return run;
  }
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream err(ReadAll(err_path));
  for (std::string line; std::getline(err, line);) run.errors.push_back(line);
  return run;
}

// `whipcount --data <data/> extract inputs...`
CliRun Extract(const std::vector<std::string>& inputs) {
  std::vector<std::string> args = {"--data", testutil::DataDir(), "extract"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  return RunBinary(args);
}

// Parses every stdout line; a line that is not a JSON object fails the test.
std::vector<nlohmann::json> Lines(const CliRun& run) {
  std::vector<nlohmann::json> out;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(j.is_object()) << "not a JSON object: " << line;
    out.push_back(j);
  }
  return out;
}

// "doc: holder -> target: stance/status" for every output line.
std::vector<std::string> Stances(const CliRun& run) {
  std::vector<std::string> out;
  for (const nlohmann::json& j : Lines(run)) {
    if (!j.is_object()) continue;
    out.push_back(j.value("doc", "") + ": " + j.value("holder", "") + " -> " +
                  j.value("target", "") + ": " + j.value("stance", "") + "/" +
                  j.value("status", ""));
  }
  return out;
}

// The stderr lines that contain `needle`.
std::vector<std::string> ErrorsNaming(const CliRun& run, const std::string& needle) {
  std::vector<std::string> out;
  for (const std::string& line : run.errors)
    if (line.find(needle) != std::string::npos) out.push_back(line);
  return out;
}

std::string WriteIn(const std::string& dir, const std::string& name, const std::string& content) {
  fs::path p = fs::path(dir) / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

std::string ArticleJson(const std::string& id, const std::string& published,
                        const std::string& text) {
  nlohmann::ordered_json j;
  j["id"] = id;
  j["published"] = published.empty() ? nlohmann::json(nullptr) : nlohmann::json(published);
  j["title"] = nullptr;
  j["url"] = nullptr;
  j["text"] = text;
  return j.dump();
}

constexpr char kWarren[] = "The Sierra Club endorsed Elizabeth Warren on Tuesday.";
constexpr char kBiden[] = "The Teamsters endorsed Joe Biden.";

// --- Inputs of every kind ---------------------------------------------------------------------

TEST(ExtractCli, TextFileGivesJsonLinesWithTheDocumentedFields) {
  std::string path = testutil::WriteTempFile("warren-story.txt", kWarren);
  CliRun run = Extract({path});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.errors, IsEmpty());
  std::vector<nlohmann::json> lines = Lines(run);
  ASSERT_THAT(lines, SizeIs(1));
  const nlohmann::json& j = lines[0];
  for (const char* field : {"doc", "holder", "target", "stance", "status", "act", "holder_kind",
                            "target_kind", "time", "published", "date_inferred", "speaker",
                            "evidence", "evidence_start", "evidence_end", "source"})
    EXPECT_TRUE(j.contains(field)) << field;
  EXPECT_EQ(j["doc"], "warren-story");
  EXPECT_EQ(j["holder"], "Sierra Club");
  EXPECT_EQ(j["target"], "Elizabeth Warren");
  EXPECT_EQ(j["stance"], "support");
  EXPECT_EQ(j["status"], "current");
  EXPECT_EQ(j["act"], "endorse");
  EXPECT_EQ(j["published"], nullptr) << "a text file carries no date";
  EXPECT_EQ(j["evidence"], kWarren);
  EXPECT_EQ(j["evidence_start"], 0);
  EXPECT_EQ(j["evidence_end"], std::string(kWarren).size());
  EXPECT_EQ(j["source"], path);
}

TEST(ExtractCli, JsonArticleKeepsItsIdAndDate) {
  std::string path =
      testutil::WriteTempFile("a.json", ArticleJson("warren-2020", "2020-02-10", kWarren));
  CliRun run = Extract({path});
  EXPECT_EQ(run.exit_code, 0);
  std::vector<nlohmann::json> lines = Lines(run);
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_EQ(lines[0]["doc"], "warren-2020");
  EXPECT_EQ(lines[0]["published"], "2020-02-10");
  EXPECT_EQ(lines[0]["time"], "2020-02-04");
}

TEST(ExtractCli, JsonLinesGiveOneArticleALine) {
  std::string path =
      testutil::WriteTempFile("batch.jsonl", ArticleJson("w", "2020-02-10", kWarren) + "\n" +
                                                 ArticleJson("b", "2020-02-10", kBiden) + "\n");
  CliRun run = Extract({path});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(Stances(run),
              AllOf(Contains("w: Sierra Club -> Elizabeth Warren: support/current"),
                    Contains("b: International Brotherhood of Teamsters -> Joe Biden: "
                             "support/current")));
}

TEST(ExtractCli, FolderIsReadWithItsSubfolders) {
  std::string dir = testutil::TempDir();
  WriteIn(dir, "warren.txt", kWarren);
  WriteIn(dir, "more/biden.json", ArticleJson("biden", "2020-02-10", kBiden));
  CliRun run = Extract({dir});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(Stances(run),
              AllOf(Contains("warren: Sierra Club -> Elizabeth Warren: support/current"),
                    Contains("biden: International Brotherhood of Teamsters -> Joe Biden: "
                             "support/current")));
}

TEST(ExtractCli, DashReadsStandardInput) {
  std::string text = kBiden;
  CliRun run = RunBinary({"--data", testutil::DataDir(), "extract", "-"}, &text);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(Stances(run),
              Contains(HasSubstr("International Brotherhood of Teamsters -> Joe Biden")));
}

TEST(ExtractCli, ArticleWithoutStancesPrintsNothing) {
  std::string path = testutil::WriteTempFile("weather.txt", "It rained in Denver on Monday.");
  CliRun run = Extract({path});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.errors, IsEmpty());
}

TEST(ExtractCli, ExplainWritesMentionsToStderr) {
  std::string path = testutil::WriteTempFile("warren.txt", kWarren);
  CliRun run = RunBinary({"--data", testutil::DataDir(), "extract", "--explain", path});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(Lines(run), SizeIs(1));
  EXPECT_THAT(run.errors, Contains(HasSubstr("Sierra Club")));
}

// --- Bad inputs: each is named once on stderr, the rest of the batch goes on -------------------

struct BadInput {
  const char* name;
  const char* file;
  std::string content;
  const char* named_as;  // what the stderr line must hold: the file, and the line when JSONL
};

void PrintTo(const BadInput& c, std::ostream* os) { *os << c.file; }

class ExtractCliBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(ExtractCliBadInput, IsNamedOnceAndTheBatchGoesOn) {
  const BadInput& c = GetParam();
  std::string dir = testutil::TempDir();
  std::string before = WriteIn(dir, "before.txt", kWarren);
  std::string bad = WriteIn(dir, c.file, c.content);
  std::string after = WriteIn(dir, "after.txt", kBiden);
  CliRun run = Extract({before, bad, after});
  EXPECT_EQ(run.exit_code, 1);
  std::vector<std::string> named = ErrorsNaming(run, c.named_as);
  EXPECT_THAT(named, SizeIs(1)) << ::testing::PrintToString(run.errors);
  // The good inputs on both sides are still read.
  EXPECT_THAT(Stances(run),
              AllOf(Contains("before: Sierra Club -> Elizabeth Warren: support/current"),
                    Contains("after: International Brotherhood of Teamsters -> Joe Biden: "
                             "support/current")));
}

const BadInput kBadInputs[] = {
    {"EmptyFile", "empty.txt", "", "empty.txt"},
    {"BinaryFile", "blob.txt",
     std::string("\x7f"
                 "ELF\x02\x01\x01\x00\x00\x00\x00",
                 11),
     "blob.txt"},
    {"InvalidUtf8", "latin1.txt", "The union endorsed Jos\xe9 Mart\xednez.\n", "latin1.txt"},
    {"TruncatedUtf8", "cut.txt", "The union endorsed Elizabeth Warren \xe2\x80", "cut.txt"},
    {"MalformedJsonLine", "batch.jsonl",
     ArticleJson("ok1", "2020-02-10", "The Sierra Club met.") +
         "\n{\"id\": \"x\", \"text\": \"cut\n" +
         ArticleJson("ok2", "2020-02-10", "The Teamsters met.") + "\n",
     "batch.jsonl:2"},
    {"JsonWithoutText", "notext.json", "{\"id\": \"n\", \"published\": null}", "notext.json"},
};

std::string BadName(const ::testing::TestParamInfo<BadInput>& bad) { return bad.param.name; }

INSTANTIATE_TEST_SUITE_P(Inputs, ExtractCliBadInput, ::testing::ValuesIn(kBadInputs), BadName);

TEST(ExtractCli, GoodLinesAroundAMalformedJsonLineAreRead) {
  std::string path = testutil::WriteTempFile(
      "mixed.jsonl", ArticleJson("first", "2020-02-10", kWarren) + "\nnot json at all\n" +
                         ArticleJson("third", "2020-02-10", kBiden) + "\n");
  CliRun run = Extract({path});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(ErrorsNaming(run, "mixed.jsonl:2"), SizeIs(1));
  EXPECT_THAT(ErrorsNaming(run, "mixed.jsonl:1"), IsEmpty());
  EXPECT_THAT(ErrorsNaming(run, "mixed.jsonl:3"), IsEmpty());
  EXPECT_THAT(Stances(run), AllOf(Contains(HasSubstr("first: ")), Contains(HasSubstr("third: "))));
}

TEST(ExtractCli, MissingInputIsNamed) {
  std::string missing = testutil::TempDir() + "/no-such-story.txt";
  std::string good = testutil::WriteTempFile("good.txt", kBiden);
  CliRun run = Extract({missing, good});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(ErrorsNaming(run, "no-such-story.txt"), SizeIs(1));
  EXPECT_THAT(Lines(run), SizeIs(1));
}

// --- Set-up errors -----------------------------------------------------------------------------

TEST(ExtractCli, MissingDataFolderExitsWithTwoAndSaysWhere) {
  std::string data = testutil::TempDir() + "/not-a-data-folder";
  std::string good = testutil::WriteTempFile("good.txt", kBiden);
  CliRun run = RunBinary({"--data", data, "extract", good});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.errors, Contains(HasSubstr("not-a-data-folder")));
}

TEST(ExtractCli, BrokenDataFileExitsWithTwoNamingTheFile) {
  std::string data = testutil::TempDir() + "/data";
  fs::create_directories(data);
  for (const auto& entry : fs::directory_iterator(testutil::DataDir())) {
    fs::path to = fs::path(data) / entry.path().filename();
    if (entry.path().filename() == "models")  // large and read-only: linked, not copied
      fs::create_directory_symlink(entry.path(), to);
    else
      fs::copy(entry.path(), to, fs::copy_options::recursive);
  }
  std::ofstream(data + "/lexicons/stance_cues.tsv", std::ios::app) << "previously\tsomeday\n";
  std::string good = testutil::WriteTempFile("good.txt", kBiden);
  CliRun run = RunBinary({"--data", data, "extract", good});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.errors, Contains(HasSubstr("stance_cues.tsv:")));
}

TEST(ExtractCli, NoInputIsAUsageError) {
  CliRun run = RunBinary({"--data", testutil::DataDir(), "extract"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_FALSE(run.errors.empty());
}

TEST(ExtractCli, UnknownFlagIsAUsageError) {
  std::string good = testutil::WriteTempFile("good.txt", kBiden);
  CliRun run = RunBinary({"--data", testutil::DataDir(), "extract", "--no-such-flag", good});
  EXPECT_EQ(run.exit_code, 2);
}

// --- The seed articles ------------------------------------------------------------------------

TEST(ExtractCli, SeedsGiveTheFederationsPlannedEndorsement) {
  SKIP_WITHOUT_SHARED();
  std::string seeds = testutil::SharedDir() + "/eval/seeds/articles";
  if (!fs::is_directory(seeds)) GTEST_SKIP() << seeds << " is absent";
  CliRun run = Extract({seeds});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.errors, IsEmpty());
  std::vector<std::string> found;
  std::vector<std::string> docs;
  for (const nlohmann::json& j : Lines(run)) {
    found.push_back(j.value("holder", "") + " -> " + j.value("target", "") + " " +
                    j.value("stance", "") + " " + j.value("status", ""));
    docs.push_back(j.value("doc", ""));
  }
  EXPECT_THAT(found, Contains("AFL-CIO -> Hillary Clinton support planned"));
  // Both seed articles are read and each yields stances.
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  EXPECT_THAT(docs, SizeIs(2));
}

}  // namespace
}  // namespace whipcount
