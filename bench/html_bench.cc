// html stage benchmark: article extraction from the real news pages of ../shared/corpus/html
// on one thread, next to gumbo's parse alone run by the same binary.
//
//   BM_ReadHtmlPages  html::ReadHtmlPage over every page (charset, parse, metadata, body).
//   BM_GumboParseOnly gumbo_parse_with_options + gumbo_destroy_output over the same raw pages:
//                     what a reader that hands gumbo the whole page pays before doing anything
//                     (the reader drops script and style bodies first, so it can beat this).
//
// Times are CPU time of the one thread (the machine may be shared). Reading the files is not
// timed. Counters: MB (10^6 bytes of HTML per second), pages (per
// second), text_chars (characters of body text found per pass; 0 fails the case). After the
// benchmarks, main prints one line with both rates and their ratio.
// WHIPCOUNT_HTML_PAGES=folder runs another folder of pages.
#include <benchmark/benchmark.h>
#include <gumbo.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "html/html_reader.h"

namespace whipcount::bench {
namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> pages;
  size_t bytes = 0;
  std::string error;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const char* env = std::getenv("WHIPCOUNT_HTML_PAGES");
    fs::path dir = (env != nullptr && *env != '\0') ? fs::path(env)
                                                    : fs::path(WHIPCOUNT_SOURCE_DIR) / ".." /
                                                          "shared" / "corpus" / "html" / "pages";
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".html") files.push_back(it->path());
    if (ec || files.empty()) {
      c->error = "no .html pages in " + dir.string() + " (set WHIPCOUNT_HTML_PAGES)";
      return c;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      c->pages.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      c->bytes += c->pages.back().size();
    }
    return c;
  }();
  return *corpus;
}

struct Rate {
  double mb_per_s = 0;
  double pages_per_s = 0;
};
std::optional<Rate> g_reader_rate, g_parse_rate;

void SetRates(benchmark::State& state, const Corpus& corpus) {
  const double passes = static_cast<double>(state.iterations());
  state.counters["MB"] =
      benchmark::Counter(corpus.bytes / 1e6 * passes, benchmark::Counter::kIsRate);
  state.counters["pages"] =
      benchmark::Counter(corpus.pages.size() * passes, benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(corpus.bytes * passes));
}

void BM_ReadHtmlPages(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  size_t text_chars = 0, failed = 0, empty = 0;
  for (auto _ : state) {
    text_chars = failed = empty = 0;
    for (size_t i = 0; i < corpus.pages.size(); ++i) {
      Result<Article> article = html::ReadHtmlPage(corpus.pages[i], "page", "page");
      if (!article.ok()) {
        ++failed;
        continue;
      }
      text_chars += article->text.size();
      empty += article->text.empty();
      benchmark::DoNotOptimize(article->text.data());
    }
  }
  SetRates(state, corpus);
  state.counters["text_chars"] = static_cast<double>(text_chars);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["empty"] = static_cast<double>(empty);
  if (text_chars == 0) {
    state.SkipWithError("no body text found in any page: the reader is broken or a stub");
  }
}
BENCHMARK(BM_ReadHtmlPages)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_GumboParseOnly(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!corpus.error.empty()) {
    state.SkipWithError(corpus.error.c_str());
    return;
  }
  size_t nodes = 0;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // as the reader parses
  for (auto _ : state) {
    nodes = 0;
    for (const std::string& page : corpus.pages) {
      GumboOutput* output = gumbo_parse_with_options(&options, page.data(), page.size());
      nodes += output->root->v.element.children.length;
      gumbo_destroy_output(&options, output);
    }
  }
  SetRates(state, corpus);
  if (nodes == 0) state.SkipWithError("gumbo built no tree");
}
BENCHMARK(BM_GumboParseOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Collects each case's MB/s for the summary line.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      auto mb = run.counters.find("MB");
      auto pages = run.counters.find("pages");
      if (mb == run.counters.end() || pages == run.counters.end()) continue;
      Rate rate{mb->second.value, pages->second.value};
      if (run.benchmark_name().find("ReadHtmlPages") != std::string::npos) g_reader_rate = rate;
      if (run.benchmark_name().find("GumboParseOnly") != std::string::npos) g_parse_rate = rate;
    }
  }
};

}  // namespace
}  // namespace whipcount::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  whipcount::bench::SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  using whipcount::bench::g_parse_rate;
  using whipcount::bench::g_reader_rate;
  if (g_reader_rate) {
    std::printf("html: %.1f MB/s, %.0f pages/s of HTML on one thread", g_reader_rate->mb_per_s,
                g_reader_rate->pages_per_s);
    if (g_parse_rate && g_parse_rate->mb_per_s > 0) {
      std::printf("; gumbo parsing the raw pages alone %.1f MB/s (reader / parse = %.2fx)",
                  g_parse_rate->mb_per_s, g_reader_rate->mb_per_s / g_parse_rate->mb_per_s);
    }
    std::printf("\n");
  }
  return 0;
}
