// Crash safety (issue 8): `whipcount ingest` is killed with SIGKILL at random moments (seeded,
// so a failure can be replayed) many times over one batch of a few hundred articles, and rerun
// after each kill. After every kill the database must pass PRAGMA integrity_check and hold only
// whole articles (each stored article with all its stances, none twice); after the last rerun
// it must equal a clean ingest of the same batch (stances and positions exports).
// WHIPCOUNT_KILLS sets the number of kills (default 32; the sanitizer builds use fewer).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "robustness_util.h"
#include "store/sqlite.h"
#include "testutil/testutil.h"

namespace whipcount::robustness {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kArticles = 300;

// The batch: the first kArticles lines of ../shared/corpus/news.jsonl when it is there, else
// articles made from templates (the same every run).
std::string WriteBatch(const std::string& dir) {
  const std::string path = dir + "/batch.jsonl";
  std::ofstream out(path);
  const std::string shared = testutil::SharedDir();
  std::ifstream corpus(shared.empty() ? std::string() : shared + "/corpus/news.jsonl");
  int n = 0;
  for (std::string line; n < kArticles && corpus && std::getline(corpus, line); ++n) {
    out << line << "\n";
  }
  if (n > 0) return path;
  static const char* const kHolders[] = {
      "The United Steelworkers", "The Sierra Club", "The National Education Association",
      "The United Auto Workers", "The Service Employees International Union",
      "The International Brotherhood of Electrical Workers", "The Teamsters"};
  static const char* const kTargets[] = {"Joe Biden", "Elizabeth Warren", "Bernie Sanders",
                                         "Hillary Clinton", "Donald Trump"};
  static const char* const kVerbs[] = {"endorsed", "backed", "opposed", "rejected"};
  std::mt19937 rng(5);
  for (; n < kArticles; ++n) {
    std::string text;
    for (int s = 0; s < 6; ++s) {
      text += std::string(kHolders[rng() % 7]) + " " + kVerbs[rng() % 4] + " " +
              kTargets[rng() % 5] + " on " + std::to_string(1 + rng() % 28) +
              " March, the group said in statement " + std::to_string(n * 10 + s) + ". ";
    }
    out << nlohmann::json{{"id", "gen-" + std::to_string(n)},
                          {"published", "2020-03-" + std::to_string(10 + n % 19)},
                          {"text", text}}
               .dump()
        << "\n";
  }
  return path;
}

// Problems with `db` as a partial copy of `ref`: articles stored with a different number of
// stances than the clean ingest gave them, and stances stored twice. "" when there are none.
std::string PartialProblems(const std::string& db, const std::string& ref) {
  auto conn = store::Connection::Open(db, false, true);
  if (!conn.ok()) return conn.status().ToString();
  store::Connection& c = **conn;
  if (Status st = c.Exec("ATTACH DATABASE '" + ref + "' AS ref"); !st.ok()) return st.ToString();
  store::Statement torn = c.Prepare(
      "SELECT a.id FROM articles a WHERE (SELECT COUNT(*) FROM stances s WHERE s.article = "
      "a.id) != (SELECT COUNT(*) FROM ref.stances r WHERE r.article = a.id) OR a.id NOT IN "
      "(SELECT id FROM ref.articles) LIMIT 1");
  if (torn.Step()) return "article " + torn.Text(0) + " is not as a clean ingest stores it";
  if (!torn.status().ok()) return torn.status().ToString();
  store::Statement twice = c.Prepare(
      "SELECT article, seq FROM stances GROUP BY article, seq HAVING COUNT(*) > 1 LIMIT 1");
  if (twice.Step()) return "stance " + twice.Text(0) + "#" + twice.Text(1) + " stored twice";
  return twice.status().ok() ? "" : twice.status().ToString();
}

// `lines` (an Export) without database row ids ("stance_id"), which depend on the order
// rows were written in, not on what is stored; sorted again.
std::vector<std::string> WithoutRowIds(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("sources")) {
      for (nlohmann::json& source : j["sources"]) source.erase("stance_id");
    }
    out.push_back(j.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(KillTest, IngestKilledAtRandomThenRerunLosesAndDuplicatesNothing) {
  const char* env = std::getenv("WHIPCOUNT_KILLS");
  const int kills = env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 32;
  const std::string dir = testutil::TempDir();
  const std::string batch = WriteBatch(dir);
  const std::string ref = dir + "/ref.db", db = dir + "/killed.db";
  // Small transactions, so that kills land between and inside many of them.
  const std::vector<std::string> ingest = {"ingest", batch, "--db", db, "--batch", "5"};

  const auto start = Clock::now();
  CliRun clean = RunWhipcount({"ingest", batch, "--db", ref, "--batch", "5"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const auto clean_time = Clock::now() - start;
  const int64_t articles = QueryInt(ref, "SELECT COUNT(*) FROM articles");
  ASSERT_GT(articles, 100);

  std::mt19937 rng(20240808);
  Clock::duration run_time = clean_time;
  int killed_while_running = 0;
  bool finished = false;  // the last run ended before its kill: nothing left to resume
  for (int k = 0; k < kills; ++k) {
    // A third of the runs re-extract everything (--force), so that kills also land while
    // stored articles are being replaced; the others resume where the last run stopped. After
    // a run that finished, resuming would have nothing to do: that one forces.
    std::vector<std::string> args = ingest;
    const bool forced = rng() % 3 == 0 || finished;
    if (forced) args.push_back("--force");
    const pid_t pid = Spawn(args);
    ASSERT_GT(pid, 0);
    // Anywhere from start-up to the length of a full run.
    const auto delay = std::chrono::duration_cast<Clock::duration>(
        run_time * (std::uniform_real_distribution<double>(0.02, 1.0)(rng)));
    const auto spawned = Clock::now();
    int status = 0;
    bool exited = false;
    while (Clock::now() - spawned < delay) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    killed_while_running += WIFSIGNALED(status);
    finished = !WIFSIGNALED(status);
    // A full run that ended before its kill says how long one takes now: the clean run may
    // have been slowed by other work on the machine, and kills timed by it land after the run.
    if (exited && forced) run_time = Clock::now() - spawned;
    if (!std::filesystem::exists(db)) continue;  // killed before it made the file
    ASSERT_EQ(IntegrityCheck(db), "ok") << "after kill " << k;
    if (QueryInt(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'articles'") <= 0) continue;
    ASSERT_EQ(PartialProblems(db, ref), "") << "after kill " << k;
    ASSERT_LE(QueryInt(db, "SELECT COUNT(*) FROM articles"), articles) << "after kill " << k;
  }
  std::printf("kill test: %d kills (%d while ingest was running) over %lld articles\n", kills,
              killed_while_running, static_cast<long long>(articles));
  RecordProperty("kills", kills);
  RecordProperty("kills_while_running", killed_while_running);
  EXPECT_GE(killed_while_running, kills / 2) << "most kills should land during a run";

  CliRun rerun = RunWhipcount(ingest);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(IntegrityCheck(db), "ok");
  EXPECT_EQ(PartialProblems(db, ref), "");
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM articles"), articles);
  EXPECT_EQ(Export(db, "stances"), Export(ref, "stances"));
  EXPECT_EQ(WithoutRowIds(Export(db, "positions")), WithoutRowIds(Export(ref, "positions")));
}

}  // namespace
}  // namespace whipcount::robustness
