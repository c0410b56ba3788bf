// syntax benchmark: tagging + dependency parsing speed on one thread, over the sentences of
// ../shared/corpus/ud/en_ewt-ud-test.conllu given as the treebank's own words (gold tokens).
//
//   BM_TagAndParse  SyntaxModel::Parse on every sentence: tagger, parser, strings out, i.e. what
//                   the pipeline pays per sentence. The goal is >= 50,000 tokens/s.
//   BM_TagOnly      Tagger::Tag on the same sentences: the baseline, tagging alone. It is not a
//                   competing parser; the ratio says how much the parser adds on top of the
//                   tagging every parse needs anyway (tag+parse time / tagging time).
//
// Times are CPU time of the one thread (the machine may be shared). Loading the model and reading
// the treebank are not timed. Counters: tokens (per second), sentences (per second), and UPOS /
// UAS / LAS in percent against the treebank, so that a model that is faster because it parses
// worse shows it; a UAS under 50 fails the case (a broken or stub model).
//
// Environment: WHIPCOUNT_MODELS (default <repo>/data/models) picks the model folder,
// WHIPCOUNT_UD_TEST (default <repo>/../shared/corpus/ud/en_ewt-ud-test.conllu) the sentences.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"
#include "syntax/syntax.h"

namespace whipcount::bench {
namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::string(v) : fallback;
}

struct Setup {
  std::unique_ptr<syntax::SyntaxModel> model;
  std::vector<syntax::ConlluSentence> gold;
  std::vector<std::vector<std::string_view>> words;  // views into gold
  size_t tokens = 0;
  std::string error;  // non-empty: the cases skip with this message
};

const Setup& LoadSetup() {
  static const Setup* setup = [] {
    auto* s = new Setup;
    const std::string models = EnvOr("WHIPCOUNT_MODELS", WHIPCOUNT_SOURCE_DIR "/data/models");
    const std::string test = EnvOr(
        "WHIPCOUNT_UD_TEST", WHIPCOUNT_SOURCE_DIR "/../shared/corpus/ud/en_ewt-ud-test.conllu");
    auto sentences = syntax::ReadConllu(test);
    if (!sentences.ok()) {
      s->error = "no test sentences (" + sentences.status().ToString() +
                 "); set WHIPCOUNT_UD_TEST to a CoNLL-U file";
      return s;
    }
    auto model = syntax::SyntaxModel::Load(models);
    if (!model.ok()) {
      s->error = "no model: " + model.status().ToString() + " (set WHIPCOUNT_MODELS)";
      return s;
    }
    s->model = std::move(model).value();
    s->gold = std::move(sentences).value();
    for (const auto& sent : s->gold) {
      std::vector<std::string_view> w;
      for (const auto& word : sent.words) w.push_back(word.form);
      s->tokens += w.size();
      s->words.push_back(std::move(w));
    }
    if (s->tokens == 0) s->error = test + ": no words";
    return s;
  }();
  return *setup;
}

std::optional<double> g_parse_rate, g_tag_rate;

void SetRates(benchmark::State& state, const Setup& setup) {
  const double passes = static_cast<double>(state.iterations());
  state.counters["tokens"] =
      benchmark::Counter(static_cast<double>(setup.tokens) * passes, benchmark::Counter::kIsRate);
  state.counters["sentences"] = benchmark::Counter(
      static_cast<double>(setup.words.size()) * passes, benchmark::Counter::kIsRate);
}

void BM_TagAndParse(benchmark::State& state) {
  const Setup& setup = LoadSetup();
  if (!setup.error.empty()) {
    state.SkipWithError(setup.error.c_str());
    return;
  }
  std::vector<syntax::ParsedToken> out;
  size_t upos_ok = 0, head_ok = 0, labelled_ok = 0;
  for (auto _ : state) {
    upos_ok = head_ok = labelled_ok = 0;
    for (size_t i = 0; i < setup.words.size(); ++i) {
      setup.model->Parse(setup.words[i], &out);
      const auto& gold = setup.gold[i].words;
      for (size_t k = 0; k < out.size() && k < gold.size(); ++k) {
        upos_ok += out[k].upos == gold[k].upos;
        if (out[k].head != gold[k].head) continue;
        ++head_ok;
        labelled_ok += out[k].deprel == gold[k].deprel;
      }
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetRates(state, setup);
  const double words = static_cast<double>(setup.tokens);
  state.counters["UPOS"] = 100.0 * static_cast<double>(upos_ok) / words;
  state.counters["UAS"] = 100.0 * static_cast<double>(head_ok) / words;
  state.counters["LAS"] = 100.0 * static_cast<double>(labelled_ok) / words;
  if (100.0 * static_cast<double>(head_ok) / words < 50.0) {
    state.SkipWithError("UAS under 50: the model is broken or a stub");
  }
}
BENCHMARK(BM_TagAndParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_TagOnly(benchmark::State& state) {
  const Setup& setup = LoadSetup();
  if (!setup.error.empty()) {
    state.SkipWithError(setup.error.c_str());
    return;
  }
  std::vector<int> upos, xpos;
  size_t upos_ok = 0;
  const syntax::Tagger& tagger = setup.model->tagger();
  for (auto _ : state) {
    upos_ok = 0;
    for (size_t i = 0; i < setup.words.size(); ++i) {
      tagger.Tag(setup.words[i], &upos, &xpos);
      const auto& gold = setup.gold[i].words;
      for (size_t k = 0; k < upos.size() && k < gold.size(); ++k) {
        upos_ok += tagger.tags(syntax::kUpos)[upos[k]] == gold[k].upos;
      }
      benchmark::DoNotOptimize(upos.data());
    }
  }
  SetRates(state, setup);
  state.counters["UPOS"] =
      100.0 * static_cast<double>(upos_ok) / static_cast<double>(setup.tokens);
}
BENCHMARK(BM_TagOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);

// Collects each case's tokens/s for the summary line.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      auto tokens = run.counters.find("tokens");
      if (tokens == run.counters.end()) continue;
      if (run.benchmark_name().find("TagAndParse") != std::string::npos) {
        g_parse_rate = tokens->second.value;
      }
      if (run.benchmark_name().find("TagOnly") != std::string::npos) {
        g_tag_rate = tokens->second.value;
      }
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
  using whipcount::bench::g_tag_rate;
  if (g_parse_rate) {
    std::printf("syntax: tag+parse %.0f tokens/s on one thread (goal 50000: %s)", *g_parse_rate,
                *g_parse_rate >= 50000 ? "met" : "NOT met");
    if (g_tag_rate && *g_parse_rate > 0) {
      std::printf("; baseline tagging alone %.0f tokens/s (tag+parse takes %.2fx its time)",
                  *g_tag_rate, *g_tag_rate / *g_parse_rate);
    }
    std::printf("\n");
  } else {
    std::printf("syntax: the tag+parse case was skipped or filtered out; no speed figure\n");
  }
  return 0;
}
