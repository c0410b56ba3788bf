// Golden end-to-end tests: each folder tests/golden/<case>/ holds an input (a file or folder named
// input.*, possibly a symbolic link to inputs kept elsewhere in the repository) and
// expected.jsonl, the canonical output of `whipcount extract` on it. The test runs the built
// binary (WHIPCOUNT_BINARY) and compares; on a difference it lists the lines lost and gained.
//
// Canonical output: each stance as a JSON object with only doc, holder, target, stance, status,
// act, evidence_start and evidence_end (fields that debugging aids such as "rule" or "source" may
// not disturb), one a line, lines sorted.
//
// When the change is intended, `tools/update_golden.sh --update` rewrites expected.jsonl (it sets
// WHIPCOUNT_UPDATE_GOLDEN=1 for this test); review the diff before committing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
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

fs::path GoldenDir() { return fs::path(testutil::SourceDir()) / "tests" / "golden"; }

// Case folders: those holding an input.* entry. Sorted, so test names are stable.
std::vector<std::string> Cases() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(GoldenDir(), ec)) {
    if (!entry.is_directory()) continue;
    bool has_input = false;
    for (const auto& file : fs::directory_iterator(entry.path(), ec))
      if (file.path().filename().string().rfind("input", 0) == 0) has_input = true;
    if (has_input) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The case's input: the one entry whose name starts with "input".
std::string InputOf(const fs::path& dir) {
  std::vector<std::string> inputs;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().rfind("input", 0) == 0)
      inputs.push_back(entry.path().string());
  EXPECT_EQ(inputs.size(), 1u) << dir << " must hold exactly one input.* file or folder";
  return inputs.empty() ? "" : inputs[0];
}

std::vector<std::string> ReadLines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> Canonical(const std::string& jsonl) {
  std::vector<std::string> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      ADD_FAILURE() << "output line is not a JSON object: " << line;
      continue;
    }
    nlohmann::ordered_json c;
    for (const char* field :
         {"doc", "holder", "target", "stance", "status", "act", "evidence_start", "evidence_end"})
      c[field] = j.contains(field) ? j[field] : nlohmann::json(nullptr);
    out.push_back(c.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, ExtractOutputMatchesExpected) {
  fs::path dir = GoldenDir() / GetParam();
  std::string input = InputOf(dir);
  ASSERT_FALSE(input.empty());
  std::string command;
  command.append(Quote(WHIPCOUNT_BINARY))
      .append(" --data ")
      .append(Quote(testutil::DataDir()))
      .append(" extract ")
      .append(Quote(input));
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr) << command;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  int status = pclose(pipe);
  ASSERT_EQ(status, 0) << command << " failed";
  std::vector<std::string> actual = Canonical(out);

  fs::path expected_path = dir / "expected.jsonl";
  const char* update = std::getenv("WHIPCOUNT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream file(expected_path, std::ios::binary | std::ios::trunc);
    for (const std::string& line : actual) file << line << "\n";
    std::printf("rewrote %s (%zu lines)\n", expected_path.string().c_str(), actual.size());
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << expected_path.string() << " is missing: tools/update_golden.sh --update writes it";
  std::vector<std::string> expected = ReadLines(expected_path);
  std::sort(expected.begin(), expected.end());
  if (actual == expected) return;
  std::vector<std::string> lost, gained;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(lost));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(gained));
  std::string diff;
  for (const std::string& line : lost) diff += "- " + line + "\n";
  for (const std::string& line : gained) diff += "+ " + line + "\n";
  ADD_FAILURE() << expected_path.string() << ": " << lost.size() << " lines lost (-), "
                << gained.size() << " gained (+):\n"
                << diff << "If the change is intended: tools/update_golden.sh --update";
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& c) {
  std::string name = c.param;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, ::testing::ValuesIn(Cases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(GoldenTest);

}  // namespace
}  // namespace whipcount
