// End-to-end tests of `whipcount ingest` and the queries, run on the built binary
// (WHIPCOUNT_BINARY): the done-when facts of issue 5 on the seed articles, idempotent re-ingest,
// a kill -9 in the middle of an ingest followed by a rerun, shard-then-merge against direct
// ingest, and bad files in a batch.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite.h"
#include "testutil/testutil.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
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

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::vector<std::string> BaseArgs() { return {WHIPCOUNT_BINARY, "--data", testutil::DataDir()}; }

CliRun RunCli(const std::vector<std::string>& args) {
  static int counter = 0;
  std::string err_path =
      fs::temp_directory_path() / ("whipcount-store-cli-" + std::to_string(getpid()) + "-" +
                                   std::to_string(counter++) + ".err");
  std::string cmd;
  for (const std::string& a : BaseArgs()) cmd += Quote(a) + " ";
  for (const std::string& a : args) cmd += Quote(a) + " ";
  cmd += "2>" + Quote(err_path);
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, got);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = ReadAll(err_path);
  fs::remove(err_path);
  return run;
}

Json RunJson(const std::vector<std::string>& args) {
  CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return Json::parse(run.out, nullptr, false);
}

// Every stored stance, one canonical JSON line each, sorted: equal databases give equal lists.
std::vector<std::string> Content(const std::string& db, const char* what = "stances") {
  CliRun run = RunCli({"export", "--db", db, "--what", what, "--format", "jsonl"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> lines;
  std::istringstream in(run.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string IntegrityCheck(const std::string& db) {
  auto conn = store::Connection::Open(db, false, true);
  if (!conn.ok()) return conn.status().ToString();
  store::Statement st = (*conn)->Prepare("PRAGMA integrity_check");
  return st.Step() ? st.Text(0) : st.status().ToString();
}

int64_t CountRows(const std::string& db, const std::string& sql) {
  auto conn = store::Connection::Open(db, false, true);
  if (!conn.ok()) return -1;
  store::Statement st = (*conn)->Prepare(sql);
  return st.Step() ? st.Int(0) : -1;
}

// Two small articles of our own, so that these tests need no ../shared.
constexpr const char* kArticleA =
    R"({"id":"a1","published":"2016-02-10","text":"National Nurses United endorsed Bernie Sanders on Monday. The nurses union said it would campaign for him."})";
constexpr const char* kArticleB =
    R"({"id":"b1","published":"2016-06-10","text":"The National Association of Letter Carriers endorsed Hillary Clinton on Tuesday. The union had backed Bernie Sanders in the primary."})";

// ---- the seed articles (issue 5, "Done when") ----

class SeedsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testutil::SharedDir().empty()) return;
    db_ = new std::string(fs::temp_directory_path() /
                          ("whipcount-seeds-" + std::to_string(getpid()) + ".db"));
    fs::remove(*db_);
    CliRun run = RunCli({"ingest", testutil::SharedDir() + "/seeds/seeds.jsonl", "--db", *db_});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() {
    if (db_ == nullptr) return;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(*db_ + suffix);
    delete db_;
    db_ = nullptr;
  }
  void SetUp() override { SKIP_WITHOUT_SHARED(); }

  // Positions of a JSON list whose fields match.
  static bool Has(const Json& list, const std::string& holder, const std::string& stance,
                  const std::string& target, const std::string& from_prefix = "",
                  const std::string& status = "") {
    for (const Json& p : list) {
      if (p["holder"] != holder || p["stance"] != stance || p["target"] != target) continue;
      if (!status.empty() && p["status"] != status) continue;
      if (!from_prefix.empty() &&
          (!p["from"].is_string() || p["from"].get<std::string>().rfind(from_prefix, 0) != 0)) {
        continue;
      }
      return true;
    }
    return false;
  }

  static std::string* db_;
};

std::string* SeedsTest::db_ = nullptr;

TEST_F(SeedsTest, TimelineOfAflCio) {
  Json j = RunJson({"timeline", "AFL-CIO", "--db", *db_, "--json"});
  ASSERT_TRUE(j.is_object());
  const Json& positions = j["positions"];
  EXPECT_TRUE(Has(positions, "AFL-CIO", "neutral", "Hillary Clinton", "2016-02")) << j.dump(1);
  EXPECT_TRUE(Has(positions, "AFL-CIO", "neutral", "Bernie Sanders", "2016-02")) << j.dump(1);
  EXPECT_TRUE(Has(positions, "AFL-CIO", "support", "Hillary Clinton", "2016-06", "planned"))
      << j.dump(1);
}

TEST_F(SeedsTest, WhoBacksSandersOnJune20) {
  Json j = RunJson({"who", "Bernie Sanders", "--as-of", "2016-06-20", "--db", *db_, "--json"});
  ASSERT_TRUE(j.is_object());
  std::vector<std::string> holders;
  for (const Json& p : j["holders"]) holders.push_back(p["holder"]);
  for (const char* expected :
       {"National Nurses United", "United Electrical, Radio and Machine Workers of America",
        "International Longshore and Warehouse Union", "National Union of Healthcare Workers"}) {
    EXPECT_NE(std::find(holders.begin(), holders.end(), expected), holders.end())
        << expected << " missing from " << j.dump(1);
  }
  EXPECT_EQ(std::find(holders.begin(), holders.end(), "National Association of Letter Carriers"),
            holders.end());
}

TEST_F(SeedsTest, SwitchesFromSandersToClinton) {
  Json j = RunJson({"switches", "--db", *db_, "--json"});
  ASSERT_TRUE(j.is_array());
  for (const char* holder :
       {"National Association of Letter Carriers", "Communications Workers of America"}) {
    bool found = false;
    for (const Json& s : j) {
      found |= s["holder"] == holder && s["from"]["target"] == "Bernie Sanders" &&
               s["to"]["target"] == "Hillary Clinton";
    }
    EXPECT_TRUE(found) << holder << " has no switch from Sanders to Clinton in " << j.dump(1);
  }
}

TEST_F(SeedsTest, TablesAreReadable) {
  CliRun run = RunCli({"timeline", "AFL-CIO", "--db", *db_});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Timeline of AFL-CIO"), std::string::npos);
  EXPECT_NE(run.out.find("neutral"), std::string::npos);
}

TEST_F(SeedsTest, UnknownNameSuggestsCandidates) {
  CliRun run = RunCli({"timeline", "Bernie Sandres", "--db", *db_});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("Bernie Sanders"), std::string::npos) << run.err;
}

// ---- re-ingest, shards, bad input ----

TEST(StoreCli, ReingestIsIdempotent) {
  std::string dir = testutil::TempDir();
  WriteFile(dir + "/in.jsonl", std::string(kArticleA) + "\n" + kArticleB + "\n");
  std::string db = dir + "/w.db";
  ASSERT_EQ(RunCli({"ingest", dir + "/in.jsonl", "--db", db}).exit_code, 0);
  auto first = Content(db);
  auto first_positions = Content(db, "positions");
  ASSERT_FALSE(first.empty()) << "no stance extracted from the test articles";
  CliRun again = RunCli({"ingest", dir + "/in.jsonl", "--db", db});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("2 unchanged"), std::string::npos) << again.err;
  ASSERT_EQ(RunCli({"ingest", dir + "/in.jsonl", "--db", db, "--force"}).exit_code, 0);
  EXPECT_EQ(Content(db), first);
  EXPECT_EQ(Content(db, "positions"), first_positions);
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM articles"), 2);
}

TEST(StoreCli, ShardThenMergeEqualsDirectIngest) {
  std::string dir = testutil::TempDir();
  WriteFile(dir + "/shard1.jsonl", std::string(kArticleA) + "\n");
  WriteFile(dir + "/shard2.jsonl", std::string(kArticleB) + "\n");
  std::string direct = dir + "/direct.db", merged = dir + "/merged.db";
  ASSERT_EQ(
      RunCli({"ingest", dir + "/shard1.jsonl", dir + "/shard2.jsonl", "--db", direct}).exit_code,
      0);
  for (const char* shard : {"shard1", "shard2"}) {
    CliRun extract = RunCli({"extract", dir + "/" + shard + ".jsonl"});
    ASSERT_EQ(extract.exit_code, 0) << extract.err;
    WriteFile(dir + "/" + shard + ".stances.jsonl", extract.out);
  }
  CliRun run = RunCli(
      {"ingest", dir + "/shard1.stances.jsonl", dir + "/shard2.stances.jsonl", "--db", merged});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_FALSE(Content(direct).empty());
  EXPECT_EQ(Content(merged), Content(direct));
  EXPECT_EQ(Content(merged, "positions"), Content(direct, "positions"));
  Json a = RunJson({"switches", "--db", direct, "--json"});
  Json b = RunJson({"switches", "--db", merged, "--json"});
  EXPECT_EQ(a, b);
}

TEST(StoreCli, BadFilesAreReportedAndSkipped) {
  std::string dir = testutil::TempDir();
  WriteFile(dir + "/good.jsonl", std::string(kArticleA) + "\n{broken json\n" + kArticleB + "\n");
  WriteFile(dir + "/binary.txt", std::string("\x7f"
                                             "ELF\0\0\0\x01",
                                             8));
  WriteFile(dir + "/empty.txt", "");
  WriteFile(dir + "/bad.stances.jsonl", R"({"doc":"x","holder":"A","target":"B","stance":"adore"})"
                                        "\n");
  std::string db = dir + "/w.db";
  CliRun run = RunCli({"ingest", dir + "/good.jsonl", dir + "/binary.txt", dir + "/empty.txt",
                       dir + "/missing.jsonl", dir + "/bad.stances.jsonl", "--db", db});
  EXPECT_EQ(run.exit_code, 1);
  for (const char* named :
       {"good.jsonl:2", "binary.txt", "empty.txt", "missing.jsonl", "bad.stances.jsonl:1"}) {
    EXPECT_NE(run.err.find(named), std::string::npos) << named << " not reported in " << run.err;
  }
  EXPECT_EQ(CountRows(db, "SELECT COUNT(*) FROM articles"), 2);
  EXPECT_EQ(IntegrityCheck(db), "ok");
}

TEST(StoreCli, QueryWithoutDatabaseSaysSo) {
  CliRun run = RunCli({"who", "Bernie Sanders", "--db", testutil::TempDir() + "/none.db"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("ingest"), std::string::npos) << run.err;
}

// ---- kill -9 in the middle of an ingest ----

// Starts the binary with `args` in a child process; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  std::vector<std::string> all = BaseArgs();
  all.insert(all.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

TEST(StoreCli, KillDuringIngestThenRerunLosesAndDuplicatesNothing) {
  SKIP_WITHOUT_SHARED();
  // A slice of the news corpus: big enough for several transactions, small enough for seconds.
  constexpr int kArticles = 600;
  std::string dir = testutil::TempDir();
  {
    std::ifstream in(testutil::SharedDir() + "/corpus/news.jsonl");
    std::ofstream out(dir + "/slice.jsonl");
    std::string line;
    for (int i = 0; i < kArticles && std::getline(in, line); ++i) out << line << "\n";
  }
  const std::string input = dir + "/slice.jsonl";
  const std::string reference = dir + "/reference.db", killed = dir + "/killed.db";
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(RunCli({"ingest", input, "--db", reference, "--batch", "20"}).exit_code, 0);
  auto took = std::chrono::steady_clock::now() - start;

  pid_t pid = Spawn({"ingest", input, "--db", killed, "--batch", "20"});
  ASSERT_GT(pid, 0);
  // Kill while it writes: once its write-ahead log exists (the database is open; loading the
  // models comes first and takes a good part of `took`), a quarter of the whole run later.
  for (int i = 0; i < 2000 && !std::filesystem::exists(killed + "-wal"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(took / 4);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(IntegrityCheck(killed), "ok");
  const int64_t stored_before = CountRows(killed, "SELECT COUNT(*) FROM articles");
  EXPECT_LE(stored_before, kArticles);
  RecordProperty("articles_stored_when_killed", std::to_string(stored_before));

  CliRun rerun = RunCli({"ingest", input, "--db", killed, "--batch", "20"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(IntegrityCheck(killed), "ok");
  EXPECT_EQ(CountRows(killed, "SELECT COUNT(*) FROM articles"),
            CountRows(reference, "SELECT COUNT(*) FROM articles"));
  EXPECT_EQ(CountRows(killed,
                      "SELECT COUNT(*) FROM (SELECT article, seq FROM stances "
                      "GROUP BY article, seq HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(Content(killed), Content(reference));
  EXPECT_EQ(Content(killed, "positions"), Content(reference, "positions"));
}

}  // namespace
}  // namespace whipcount
