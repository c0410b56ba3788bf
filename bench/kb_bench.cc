// kb_bench: time to load the whole knowledge base (every data/kb/*.tsv file into
// kb::KnowledgeBase with its lookup structures), against two baselines measured in the same run:
//   BM_ReadKbBytes        only reading the same files' bytes into memory (the floor: I/O);
//   BM_ParseEquivalentJson nlohmann-parsing a JSON document holding the same rows (one array of
//                          strings per TSV row, built once before timing), i.e. what loading
//                          would cost with a general JSON parser and no indexes at all.
// After the benchmarks, main prints the mean load time in ms, whether it meets the 50 ms goal,
// and the ratios against both baselines (bench/README.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "kb/knowledge_base.h"

namespace whipcount::bench {
namespace {

namespace fs = std::filesystem;

std::string KbDir() { return std::string(WHIPCOUNT_SOURCE_DIR) + "/data/kb"; }

std::vector<std::string> KbFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(KbDir(), ec))
    if (e.path().extension() == ".tsv") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Seconds per iteration of each case, for the summary line (0 when it did not run).
double g_load = 0, g_read = 0, g_json = 0;

void BM_LoadKnowledgeBase(benchmark::State& state) {
  size_t actors = 0;
  double total = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    auto kb = kb::KnowledgeBase::LoadDir(KbDir());
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!kb.ok()) {
      state.SkipWithError(kb.status().ToString().c_str());
      return;
    }
    actors = (*kb)->actors().size();
    benchmark::DoNotOptimize(actors);
  }
  if (actors == 0) {
    state.SkipWithError("no actors loaded");
    return;
  }
  state.counters["actors"] = static_cast<double>(actors);
  g_load = total / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LoadKnowledgeBase)->Unit(benchmark::kMillisecond);

void BM_ReadKbBytes(benchmark::State& state) {
  const std::vector<std::string> files = KbFiles();
  size_t bytes = 0;
  double total = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    bytes = 0;
    for (const std::string& f : files) bytes += ReadFile(f).size();
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    benchmark::DoNotOptimize(bytes);
  }
  if (bytes == 0) {
    state.SkipWithError("no knowledge-base files found");
    return;
  }
  state.counters["KB"] = static_cast<double>(bytes) / 1e3;
  g_read = total / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReadKbBytes)->Unit(benchmark::kMillisecond);

void BM_ParseEquivalentJson(benchmark::State& state) {
  // The same rows as JSON: {"file": [[field, ...], ...], ...}, comments and blanks left out.
  nlohmann::json doc = nlohmann::json::object();
  for (const std::string& f : KbFiles()) {
    nlohmann::json rows = nlohmann::json::array();
    std::istringstream in(ReadFile(f));
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      nlohmann::json row = nlohmann::json::array();
      size_t start = 0;
      while (true) {
        size_t tab = line.find('\t', start);
        row.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      rows.push_back(std::move(row));
    }
    doc[fs::path(f).filename().string()] = std::move(rows);
  }
  const std::string text = doc.dump();
  size_t n = 0;
  double total = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    nlohmann::json parsed = nlohmann::json::parse(text);
    n = parsed.size();
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    benchmark::DoNotOptimize(n);
  }
  if (n == 0) {
    state.SkipWithError("no knowledge-base files found");
    return;
  }
  state.counters["json_KB"] = static_cast<double>(text.size()) / 1e3;
  g_json = total / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ParseEquivalentJson)->Unit(benchmark::kMillisecond);

void PrintSummary() {
  if (g_load <= 0) {
    std::printf("kb load: not measured (case skipped or filtered out)\n");
    return;
  }
  std::printf("kb load %.2f ms (goal < 50 ms: %s)", g_load * 1e3, g_load < 0.050 ? "met" : "MISSED");
  if (g_read > 0) std::printf("; %.1fx reading the files' bytes (%.3f ms)", g_load / g_read, g_read * 1e3);
  if (g_json > 0)
    std::printf("; %.2fx nlohmann-parsing the same rows as JSON (%.2f ms)", g_load / g_json,
                g_json * 1e3);
  std::printf("\n");
}

}  // namespace
}  // namespace whipcount::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  whipcount::bench::PrintSummary();
  benchmark::Shutdown();
  return 0;
}
