// The evaluation floor: runs the built `whipcount extract` (WHIPCOUNT_BINARY) over the annotated
// articles of ../shared/eval, scores it with ../shared/eval/score.py, and fails when an F1 or a
// status accuracy falls more than kTolerance below its floor in tests/eval/floors.json. The sets
// are those of scripts/eval: the seeds, dev01-dev14 ("studied") and dev15-dev20 ("unseen", whose
// misses are never printed: those articles are not to be studied).
// Skips, saying why, when ../shared or python3 is absent. Raise the floors as the rules improve.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "testutil/testutil.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;

// How far below its floor a figure may fall before the test fails.
constexpr double kTolerance = 0.02;

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `command` through the shell; returns its stdout, or nullopt when it exits non-zero.
std::optional<std::string> Capture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  if (pclose(pipe) != 0) return std::nullopt;
  return out;
}

struct EvalSet {
  const char* name;      // key in floors.json
  const char* articles;  // folder under ../shared/eval
  const char* gold;      // folder under ../shared/eval
  int first_dev = 0;     // for dev: the range of devNN kept, inclusive; 0 = every file
  int last_dev = 0;
};

void PrintTo(const EvalSet& set, std::ostream* os) { *os << set.name; }

class EvalFloorTest : public ::testing::TestWithParam<EvalSet> {};

TEST_P(EvalFloorTest, ScoresAtLeastTheFloor) {
  SKIP_WITHOUT_SHARED();
  const EvalSet& set = GetParam();
  fs::path eval = fs::path(testutil::SharedDir()) / "eval";
  fs::path articles = eval / set.articles;
  fs::path gold = eval / set.gold;
  if (!fs::is_directory(articles) || !fs::is_directory(gold))
    GTEST_SKIP() << articles << " or " << gold << " is absent";
  if (std::system("python3 --version > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 is not installed: score.py cannot run";

  // The floors.
  std::ifstream floors_file(fs::path(testutil::SourceDir()) / "tests" / "eval" / "floors.json");
  nlohmann::json floors = nlohmann::json::parse(floors_file, nullptr, false);
  ASSERT_TRUE(floors.is_object()) << "tests/eval/floors.json is missing or not JSON";
  ASSERT_TRUE(floors.contains(set.name)) << "floors.json has no \"" << set.name << "\"";
  double f1_floor = floors[set.name].value("f1", 0.0);
  double status_floor = floors[set.name].value("status", 0.0);

  // The gold of this set, alone in a folder (dev is split by article number).
  fs::path tmp = testutil::TempDir();
  fs::path gold_dir = tmp / "gold";
  fs::create_directories(gold_dir);
  int kept = 0;
  for (const auto& entry : fs::directory_iterator(gold)) {
    std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".json") continue;
    if (set.first_dev > 0) {
      if (stem.rfind("dev", 0) != 0) continue;
      int n = std::atoi(stem.c_str() + 3);
      if (n < set.first_dev || n > set.last_dev) continue;
    }
    fs::copy_file(entry.path(), gold_dir / entry.path().filename());
    ++kept;
  }
  ASSERT_GT(kept, 0) << "no gold files for " << set.name;

  // The system's output over every article of the folder.
  fs::path system_out = tmp / "system.jsonl";
  std::string extract;
  extract.append(Quote(WHIPCOUNT_BINARY))
      .append(" --data ")
      .append(Quote(testutil::DataDir()))
      .append(" extract ")
      .append(Quote(articles.string()))
      .append(" > ")
      .append(Quote(system_out.string()));
  ASSERT_EQ(std::system(extract.c_str()), 0) << extract;

  std::string score;
  score.append("python3 ")
      .append(Quote((eval / "score.py").string()))
      .append(" ")
      .append(Quote(system_out.string()))
      .append(" ")
      .append(Quote(gold_dir.string()))
      .append(" --json");
  std::optional<std::string> scored = Capture(score);
  ASSERT_TRUE(scored.has_value()) << score << " failed";
  nlohmann::json result = nlohmann::json::parse(*scored, nullptr, false);
  ASSERT_TRUE(result.is_object()) << "score.py printed no JSON object";
  double f1 = result.value("f1", 0.0);
  double status = result.value("status_accuracy", 0.0);

  // Only the totals are printed; per-document results (the misses) stay out of the log.
  std::printf("%s: f1 %.3f (floor %.3f), status accuracy %.3f (floor %.3f), tp %d fp %d fn %d\n",
              set.name, f1, f1_floor, status, status_floor, result.value("tp", 0),
              result.value("fp", 0), result.value("fn", 0));
  EXPECT_GE(f1, f1_floor - kTolerance) << set.name << ": F1 fell below its floor";
  EXPECT_GE(status, status_floor - kTolerance)
      << set.name << ": status accuracy fell below its floor";
}

const EvalSet kSets[] = {
    {"seeds", "seeds/articles", "seeds/gold", 0, 0},
    {"studied", "dev/articles", "dev/gold", 1, 14},
    {"unseen", "dev/articles", "dev/gold", 15, 20},
};

std::string SetName(const ::testing::TestParamInfo<EvalSet>& set) { return set.param.name; }

INSTANTIATE_TEST_SUITE_P(Sets, EvalFloorTest, ::testing::ValuesIn(kSets), SetName);

}  // namespace
}  // namespace whipcount
