// Whole-pipeline benchmark: extraction of stances from the shared news corpus on one thread,
// next to the JavaScript baseline (compromise) run by the same binary.
//
//   BM_ExtractCorpus      Pipeline::Process + AppendStanceJsonl over every article of
//                         ../shared/corpus/news.jsonl, with the stance rules' parsing on (the
//                         default). Reading the file is not timed.
//   BM_ExtractSurface     the same with Options::syntax off (what parsing costs).
//   BM_CompromiseBaseline ../shared/bench/compromise-baseline.js under node, via popen; its own
//                         timing (text processing only, after reading) is the iteration time.
//
// After the benchmarks, main prints one line with both rates and their ratio, from figures
// measured in this run only. See bench/README.md for the environment variables.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"
#include "whipcount/document.h"
#include "whipcount/pipeline.h"

namespace whipcount::bench {
namespace {

namespace fs = std::filesystem;

// $name if set and non-empty, else `fallback`.
std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

std::string CorpusPath() {
  return EnvOr("WHIPCOUNT_CORPUS",
               std::string(WHIPCOUNT_SOURCE_DIR) + "/../shared/corpus/news.jsonl");
}

std::string BaselineScriptPath() {
  return std::string(WHIPCOUNT_SOURCE_DIR) + "/../shared/bench/compromise-baseline.js";
}

// Peak resident set size of this process so far, in MB (Linux reports ru_maxrss in KiB).
double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Wraps `s` in single quotes for /bin/sh.
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

// The corpus, read once and shared by every benchmark case.
struct Corpus {
  std::vector<Article> articles;
  size_t text_bytes = 0;
  size_t read_errors = 0;
  std::string error;  // non-empty when the corpus could not be used
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const std::string path = CorpusPath();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      c->error = "corpus not found at " + path +
                 (std::getenv("WHIPCOUNT_CORPUS") == nullptr
                      ? " (../shared is absent; set WHIPCOUNT_CORPUS to a JSON Lines file)"
                      : "");
      return c;
    }
    read::ReadInputs(
        {path},
        [c](Article&& article) {
          c->text_bytes += article.text.size();
          c->articles.push_back(std::move(article));
        },
        [c](const read::ReadError&) { ++c->read_errors; });
    if (c->articles.empty()) c->error = "no article could be read from " + path;
    return c;
  }();
  return *corpus;
}

// Rates measured in this run, for the closing comparison line.
std::optional<double> g_extract_mb_per_s;
std::optional<double> g_surface_mb_per_s;
std::optional<double> g_baseline_mb_per_s;

void ExtractCorpus(benchmark::State& state, bool syntax, std::optional<double>* rate) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  Options options;
  options.data_dir = EnvOr("WHIPCOUNT_DATA", std::string(WHIPCOUNT_SOURCE_DIR) + "/data");
  options.syntax = syntax;
  Result<std::unique_ptr<Pipeline>> pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    const std::string message = "Pipeline::Create failed: " + pipeline.status().ToString();
    state.SkipWithError(message.c_str());
    return;
  }

  size_t stances = 0;
  size_t failed = 0;
  size_t output_bytes = 0;
  std::string out;
  double seconds = 0;
  for (auto _ : state) {
    stances = failed = output_bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const Article& article : corpus.articles) {
      Result<Document> doc = (*pipeline)->Process(article);
      if (!doc.ok()) {
        ++failed;
        continue;
      }
      out.clear();
      AppendStanceJsonl(*doc, out);
      stances += doc->stances.size();
      output_bytes += out.size();
      benchmark::DoNotOptimize(out.data());
    }
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  const double iterations = static_cast<double>(state.iterations());
  const double mb = static_cast<double>(corpus.text_bytes) / 1e6;
  state.counters["MB"] = benchmark::Counter(mb * iterations, benchmark::Counter::kIsRate);
  state.counters["articles"] = benchmark::Counter(
      static_cast<double>(corpus.articles.size()) * iterations, benchmark::Counter::kIsRate);
  state.counters["stances"] = static_cast<double>(stances);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["jsonl_MB"] = static_cast<double>(output_bytes) / 1e6;
  state.counters["peak_RSS_MB"] = PeakRssMb();
  state.SetLabel(std::to_string(corpus.articles.size()) + " articles, " +
                 std::to_string(corpus.read_errors) + " unreadable");
  // A path that finds nothing is broken, however fast it is.
  if (stances == 0) {
    state.SkipWithError("0 stances found over the corpus: the pipeline is broken or a stub");
    return;
  }
  if (seconds > 0) *rate = mb * iterations / seconds;
}

void BM_ExtractCorpus(benchmark::State& state) { ExtractCorpus(state, true, &g_extract_mb_per_s); }
void BM_ExtractSurface(benchmark::State& state) {
  ExtractCorpus(state, false, &g_surface_mb_per_s);
}
// One pass over ~50 MB is long enough to time; more passes only repeat it.
BENCHMARK(BM_ExtractCorpus)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_ExtractSurface)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

// What compromise-baseline.js prints: "compromise MB_PER_S ARTICLES MB SECONDS ENTITIES".
struct BaselineRun {
  double mb_per_s = 0;
  double articles = 0;
  double mb = 0;
  double seconds = 0;
  double entities = 0;
};

void BM_CompromiseBaseline(benchmark::State& state) {
  const std::string script = BaselineScriptPath();
  const std::string corpus = CorpusPath();
  std::error_code ec;
  if (!fs::is_regular_file(script, ec) || !fs::is_regular_file(corpus, ec)) {
    state.SkipWithError(
        "baseline skipped: ../shared/bench/compromise-baseline.js or the corpus "
        "is absent");
    return;
  }
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    state.SkipWithError("baseline skipped: node is not installed");
    return;
  }
  // NODE_PATH as given, else the folder scripts/bench installs compromise into.
  const std::string node_path =
      EnvOr("NODE_PATH", std::string(WHIPCOUNT_BINARY_DIR) + "/node/node_modules");
  if (!fs::is_directory(fs::path(node_path) / "compromise", ec)) {
    const std::string message =
        "baseline skipped: compromise not found under " + node_path +
        " (run scripts/bench, or npm install --prefix DIR compromise@14 and set "
        "NODE_PATH=DIR/node_modules)";
    state.SkipWithError(message.c_str());
    return;
  }
  // The script reads at most this many MB of text (its own default is 5).
  const std::string max_mb = EnvOr("WHIPCOUNT_BASELINE_MB", "5");
  const std::string command = "NODE_PATH=" + ShellQuote(node_path) + " node " + ShellQuote(script) +
                              " " + ShellQuote(corpus) + " " + ShellQuote(max_mb) + " 2>&1";

  BaselineRun run;
  for (auto _ : state) {
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
      state.SkipWithError("baseline skipped: popen failed");
      break;
    }
    std::string output;
    char buffer[4096];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, n);
    const int rc = pclose(pipe);
    bool parsed = false;
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
      std::istringstream fields(line);
      std::string tag;
      if (fields >> tag && tag == "compromise" &&
          fields >> run.mb_per_s >> run.articles >> run.mb >> run.seconds >> run.entities) {
        parsed = true;
      }
    }
    if (rc != 0 || !parsed || run.seconds <= 0) {
      const std::string message =
          "baseline failed (exit " + std::to_string(rc) + "): " + output.substr(0, 300);
      state.SkipWithError(message.c_str());
      break;
    }
    state.SetIterationTime(run.seconds);
  }
  if (state.error_occurred()) return;

  const double iterations = static_cast<double>(state.iterations());
  state.counters["MB"] = benchmark::Counter(run.mb * iterations, benchmark::Counter::kIsRate);
  state.counters["articles"] =
      benchmark::Counter(run.articles * iterations, benchmark::Counter::kIsRate);
  state.counters["entities"] = run.entities;
  if (run.entities == 0) {
    state.SkipWithError("baseline found 0 entities");
    return;
  }
  g_baseline_mb_per_s = run.mb_per_s;
}
// Node's start-up and file reading are outside the script's own timer, so the iteration time is
// the one it reports (manual time).
BENCHMARK(BM_CompromiseBaseline)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

// The closing comparison, or why it cannot be made.
void PrintComparison() {
  auto fmt = [](double v) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), v >= 1 ? "%.1f" : "%.3g", v);
    return std::string(buf);
  };
  if (g_extract_mb_per_s && g_baseline_mb_per_s && *g_baseline_mb_per_s > 0) {
    std::printf("extract %s MB/s vs compromise %s MB/s: ratio %.0fx\n",
                fmt(*g_extract_mb_per_s).c_str(), fmt(*g_baseline_mb_per_s).c_str(),
                *g_extract_mb_per_s / *g_baseline_mb_per_s);
  } else if (g_extract_mb_per_s) {
    std::printf("extract %s MB/s (no compromise figure in this run: no ratio)\n",
                fmt(*g_extract_mb_per_s).c_str());
  } else if (g_baseline_mb_per_s) {
    std::printf("compromise %s MB/s (no extract figure in this run: no ratio)\n",
                fmt(*g_baseline_mb_per_s).c_str());
  }
  if (g_extract_mb_per_s && g_surface_mb_per_s && *g_extract_mb_per_s > 0) {
    std::printf("extract with parsing %s MB/s vs surface rules only %s MB/s: parsing costs %.0f%%\n",
                fmt(*g_extract_mb_per_s).c_str(), fmt(*g_surface_mb_per_s).c_str(),
                100.0 * (*g_surface_mb_per_s / *g_extract_mb_per_s - 1.0));
  }
  std::fflush(stdout);
}

}  // namespace
}  // namespace whipcount::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  whipcount::bench::PrintComparison();
  benchmark::Shutdown();
  return 0;
}
