// whipcount-train-syntax: trains the tagger and parser of src/syntax on a CoNLL-U treebank, or
// evaluates a trained model folder on one.
//
//   whipcount-train-syntax --train FILE [--also-train FILE ...] --dev FILE --out DIR [--seed N]
//       [--iterations N] [--tagger-iterations N] [--folds N] [--tagger-ensemble N] [--ensemble N]
//       [--tagger-bits N] [--parser-bits N] [--label-bits N]
//       [--tag-cache FILE [--reuse-tagger DIR]] [--clusters FILE.tsv]
//       [--parser-clusters FILE.tsv] [--beam N] [--decode-beam N] [--beam-margin X]
//       [--label-branch N] [--coarse-clusters FILE.tsv] [--tag-dictionary N
//       [--dictionary-share X]] [--tagger-only 1] [--keep-means 1]
//   whipcount-train-syntax --eval FILE --model DIR [--write-conllu OUT] [--decode-beam N]
//       [--beam-margin X] [--label-branch N]
//   whipcount-train-syntax --make-clusters OUT.tsv --text FILE.jsonl --train FILE
//       [--classes N] [--min-count N] [--cluster-iterations N]
//
// Defaults: --seed 1 --iterations 15 (parser) --tagger-iterations 8 --folds 5
// --tagger-ensemble 3 --ensemble 3
// --tagger-bits 20 --parser-bits 22 --label-bits 19 (tables of 2^bits rows) --beam 1.
//
// --beam N (N > 1) trains each parser as a structured perceptron with a beam of N (max-violation
// updates) instead of greedily with the dynamic oracle. The parser file keeps its decoding
// settings: --decode-beam (default: the training beam), --beam-margin (drop beam items scoring
// more than this below the best; default 0, none) and --label-branch (0: labels picked after the
// beam's ranking, the default; 1 or 2: that many labels per arc compete in the beam, the labeller
// then trained globally too). With --eval the same flags override the file's settings.
//
// Training is deterministic for a given seed and set of flags: sentences are shuffled with a
// std::mt19937 seeded from --seed, by our own Fisher-Yates (std::shuffle differs between standard
// libraries). The second tagging pass and the parser train on tags predicted by first-pass taggers
// that did not see the sentence (--folds-way jackknifing), so that they learn to live with the
// tagger's errors. Each tagging pass is the mean of --tagger-ensemble taggers, and the parser the
// mean of --ensemble parsers, trained on different shuffles.
// --tag-cache and --reuse-tagger skip the tagger for parser experiments; --tagger-only 1 is the
// other way round: it stops once tagger.bin (and the tag cache) are written. --keep-means 1
// also saves the mean of the first k parsers as parser-mean<k>.bin for each k < --ensemble.
// --coarse-clusters gives the tagger a second, coarser clustering to read as well, and
// --tag-dictionary N a tag dictionary of the training words seen N times or more (the tags a
// word has in at least --dictionary-share of its occurrences, default 0.05; each jackknifing
// tagger builds its own from the sentences it trains on). Both are off by default.
// --also-train adds another treebank's sentences to the training data (repeatable): the shipped
// model trains on train and dev once the settings were chosen on dev, so that its dev scores
// printed while training no longer mean anything.
// --clusters gives word clusters (written by --make-clusters) for the tagger and, unless
// --parser-clusters gives others, the parser; each model file keeps its own copy. A reused tagger
// keeps the clusters it was trained with.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "syntax/clusters.h"
#include "syntax/conllu.h"
#include "syntax/parser.h"
#include "syntax/syntax.h"
#include "syntax/tagger.h"

namespace {

using whipcount::Status;
using whipcount::syntax::ConlluSentence;
using whipcount::syntax::EvalScores;
using whipcount::syntax::Parser;
using whipcount::syntax::ParserEnsemble;
using whipcount::syntax::ParserInput;
using whipcount::syntax::ParserTrainer;
using whipcount::syntax::SyntaxModel;
using whipcount::syntax::Tagger;
using whipcount::syntax::TaggerEnsemble;
using whipcount::syntax::TaggerTrainer;

struct Flags {
  std::string train, dev, out, eval, model, write_conllu;
  std::vector<std::string> also_train;  // more training treebanks, read after --train
  std::string reuse_tagger;  // a folder whose tagger.bin to reuse instead of training one
  std::string tag_cache;     // where the jackknifed training tags are written, or read on reuse
  std::string make_clusters;  // induce word clusters into this text file, then stop
  std::string text;           // JSON Lines articles ("text" field) for --make-clusters
  std::string clusters;         // word clusters (text file) the tagger reads, and the parser
  std::string parser_clusters;  // other word clusters for the parser
  std::string coarse_clusters;  // coarser word clusters the tagger reads too
  int tag_dictionary = 0;       // minimum count of a tag dictionary word; 0: no dictionary
  double dictionary_share = 0.05;  // share of a word's occurrences a dictionary tag needs
  int tagger_only = 0;          // 1: stop after the tagger (and the tag cache)
  int keep_means = 0;           // 1: also save the means of the first k < --ensemble parsers
  int classes = 256;
  int min_count = 3;
  int cluster_iterations = 10;
  uint32_t seed = 1;
  int iterations = 15;
  int tagger_iterations = 8;
  int folds = 5;
  int ensemble = 3;
  int tagger_ensemble = 3;
  int tagger_bits = 20;
  int parser_bits = 22;
  int label_bits = 19;
  int beam = 1;              // training beam: 1 = greedy with the dynamic oracle
  int decode_beam = -1;      // decoding beam (dev scores, --eval); -1: --beam, or the default
  double beam_margin = -1;   // decoding margin; < 0: the default
  int label_branch = -1;     // labels per arc in the beam (train and decode); -1: the default
};

// A treebank with words, tag ids and label ids resolved once.
struct Corpus {
  std::vector<std::vector<std::string_view>> words;
  std::vector<std::vector<int>> upos, xpos, heads, labels;
  std::shared_ptr<const whipcount::syntax::WordClusters> cluster_map;  // null: no clusters
  std::shared_ptr<const whipcount::syntax::WordClusters> coarse_map;   // the tagger's coarse ones
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Usage() {
  std::fprintf(
      stderr,
      "usage: whipcount-train-syntax --train FILE [--also-train FILE ...] --dev FILE --out DIR\n"
      "           [--seed N] [--iterations N] [--tagger-iterations N] [--folds N]\n"
      "           [--tagger-bits N] [--parser-bits N] [--label-bits N]\n"
      "           [--tagger-ensemble N] [--ensemble N] [--tag-cache FILE [--reuse-tagger DIR]]\n"
      "           [--clusters FILE.tsv] [--parser-clusters FILE.tsv]\n"
      "           [--beam N] [--decode-beam N] [--beam-margin X] [--label-branch N]\n"
      "           [--coarse-clusters FILE.tsv] [--tag-dictionary N [--dictionary-share X]]\n"
      "           [--tagger-only 1] [--keep-means 1]\n"
      "       whipcount-train-syntax --eval FILE --model DIR [--write-conllu OUT]\n"
      "           [--decode-beam N] [--beam-margin X] [--label-branch N]\n"
      "       whipcount-train-syntax --make-clusters OUT.tsv --text FILE.jsonl [--train FILE]\n"
      "           [--classes N] [--min-count N] [--cluster-iterations N]\n");
  return 2;
}

bool ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "flag %s needs a value\n", arg.c_str());
      return false;
    }
    const std::string value = argv[++i];
    auto number = [&](int lo, int hi, int* out) {
      char* end = nullptr;
      const long v = std::strtol(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || v < lo || v > hi) {
        std::fprintf(stderr, "%s: '%s' is not a number in [%d, %d]\n", arg.c_str(), value.c_str(),
                     lo, hi);
        return false;
      }
      *out = static_cast<int>(v);
      return true;
    };
    int seed = 0;
    if (arg == "--train")
      flags->train = value;
    else if (arg == "--also-train")
      flags->also_train.push_back(value);
    else if (arg == "--dev")
      flags->dev = value;
    else if (arg == "--out")
      flags->out = value;
    else if (arg == "--eval")
      flags->eval = value;
    else if (arg == "--model")
      flags->model = value;
    else if (arg == "--write-conllu")
      flags->write_conllu = value;
    else if (arg == "--reuse-tagger")
      flags->reuse_tagger = value;
    else if (arg == "--tag-cache")
      flags->tag_cache = value;
    else if (arg == "--make-clusters")
      flags->make_clusters = value;
    else if (arg == "--text")
      flags->text = value;
    else if (arg == "--clusters")
      flags->clusters = value;
    else if (arg == "--parser-clusters")
      flags->parser_clusters = value;
    else if (arg == "--coarse-clusters")
      flags->coarse_clusters = value;
    else if (arg == "--tag-dictionary") {
      if (!number(0, 1000000, &flags->tag_dictionary)) return false;
    } else if (arg == "--keep-means") {
      if (!number(0, 1, &flags->keep_means)) return false;
    } else if (arg == "--tagger-only") {
      if (!number(0, 1, &flags->tagger_only)) return false;
    } else if (arg == "--dictionary-share") {
      char* end = nullptr;
      flags->dictionary_share = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !(flags->dictionary_share >= 0) ||
          flags->dictionary_share > 1) {
        std::fprintf(stderr, "--dictionary-share: '%s' is not a number in [0, 1]\n",
                     value.c_str());
        return false;
      }
    }
    else if (arg == "--classes") {
      if (!number(2, whipcount::syntax::WordClusters::kMaxClasses, &flags->classes)) return false;
    } else if (arg == "--min-count") {
      if (!number(1, 1000000, &flags->min_count)) return false;
    } else if (arg == "--cluster-iterations") {
      if (!number(1, 1000, &flags->cluster_iterations)) return false;
    }
    else if (arg == "--seed") {
      if (!number(0, 1 << 30, &seed)) return false;
      flags->seed = static_cast<uint32_t>(seed);
    } else if (arg == "--iterations") {
      if (!number(1, 1000, &flags->iterations)) return false;
    } else if (arg == "--tagger-iterations") {
      if (!number(1, 1000, &flags->tagger_iterations)) return false;
    } else if (arg == "--tagger-ensemble") {
      if (!number(1, 20, &flags->tagger_ensemble)) return false;
    } else if (arg == "--ensemble") {
      if (!number(1, 20, &flags->ensemble)) return false;
    } else if (arg == "--folds") {
      if (!number(0, 50, &flags->folds)) return false;
    } else if (arg == "--tagger-bits") {
      if (!number(10, 24, &flags->tagger_bits)) return false;
    } else if (arg == "--parser-bits") {
      if (!number(10, 24, &flags->parser_bits)) return false;
    } else if (arg == "--label-bits") {
      if (!number(10, 24, &flags->label_bits)) return false;
    } else if (arg == "--beam") {
      if (!number(1, Parser::kMaxBeamWidth, &flags->beam)) return false;
    } else if (arg == "--decode-beam") {
      if (!number(1, Parser::kMaxBeamWidth, &flags->decode_beam)) return false;
    } else if (arg == "--label-branch") {
      if (!number(0, 2, &flags->label_branch)) return false;
    } else if (arg == "--beam-margin") {
      char* end = nullptr;
      flags->beam_margin = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !(flags->beam_margin >= 0)) {
        std::fprintf(stderr, "--beam-margin: '%s' is not a number >= 0\n", value.c_str());
        return false;
      }
    } else {
      std::fprintf(stderr, "unknown flag %s\n", arg.c_str());
      return false;
    }
  }
  return true;
}

std::vector<std::string> SortedSet(const std::vector<ConlluSentence>& sentences,
                                   std::string whipcount::syntax::ConlluWord::*field) {
  std::set<std::string> set;
  for (const auto& sent : sentences) {
    for (const auto& w : sent.words) set.insert(w.*field);
  }
  return {set.begin(), set.end()};
}

int IndexOf(const std::vector<std::string>& list, const std::string& s) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == s) return static_cast<int>(i);
  }
  return -1;
}

Corpus Resolve(const std::vector<ConlluSentence>& sentences, const std::vector<std::string>& upos,
               const std::vector<std::string>& xpos, const std::vector<std::string>& labels) {
  Corpus c;
  for (const auto& sent : sentences) {
    std::vector<std::string_view> words;
    std::vector<int> u, x, h, l;
    for (const auto& w : sent.words) {
      words.push_back(w.form);
      u.push_back(std::max(0, IndexOf(upos, w.upos)));
      x.push_back(std::max(0, IndexOf(xpos, w.xpos)));
      h.push_back(w.head);
      l.push_back(std::max(0, IndexOf(labels, w.deprel)));
    }
    c.words.push_back(std::move(words));
    c.upos.push_back(std::move(u));
    c.xpos.push_back(std::move(x));
    c.heads.push_back(std::move(h));
    c.labels.push_back(std::move(l));
  }
  return c;
}

// A permutation of 0..n-1 drawn with `rng`, the same on every platform.
std::vector<size_t> Shuffled(size_t n, std::mt19937* rng) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[(*rng)() % i]);
  return order;
}

// Trains a tagger on the sentences whose index passes `use`.
// The UPOS accuracy of `tagger` on `sentences`.
double DevUpos(const Tagger& tagger, const std::vector<ConlluSentence>& sentences) {
  int64_t correct = 0, total = 0;
  std::vector<int> u, x;
  for (const auto& sent : sentences) {
    std::vector<std::string_view> words;
    for (const auto& w : sent.words) words.push_back(w.form);
    tagger.Tag(words, &u, &x);
    for (size_t k = 0; k < words.size(); ++k) {
      correct += tagger.tags(whipcount::syntax::kUpos)[u[k]] == sent.words[k].upos;
      ++total;
    }
  }
  return 100.0 * correct / std::max<int64_t>(1, total);
}

// Trains `members` taggers on the sentences whose index passes `use`, each with its own shuffles,
// and returns their mean. With `first_pass`, trains a second pass reading those first-pass tags of
// the training data. With `dev`, prints dev accuracy as it goes.
template <typename Use>
std::unique_ptr<Tagger> TrainTagger(const Flags& flags, const Corpus& train,
                                    const std::vector<std::string>& upos,
                                    const std::vector<std::string>& xpos, uint32_t seed,
                                    int members, const Corpus* first_pass, Use use,
                                    const std::vector<ConlluSentence>* dev) {
  whipcount::syntax::TaggerMaps maps;
  if (train.cluster_map) maps.clusters = train.cluster_map;
  if (train.coarse_map) maps.coarse_clusters = train.coarse_map;
  if (flags.tag_dictionary > 0) {
    // From the sentences this tagger trains on only: a jackknifing tagger must not know the tags
    // of the fold it tags.
    std::vector<bool> used(train.words.size());
    for (size_t i = 0; i < used.size(); ++i) used[i] = use(i);
    maps.tag_dictionary = std::make_shared<const whipcount::syntax::WordClusters>(
        whipcount::syntax::MakeTagDictionary(train.words, train.xpos, used, flags.tag_dictionary,
                                             flags.dictionary_share));
  }
  TaggerEnsemble ensemble;
  for (int member = 0; member < members; ++member) {
    TaggerTrainer trainer(upos, xpos, flags.tagger_bits, maps);
    std::mt19937 rng(seed + 7777u * static_cast<uint32_t>(member));
    for (int it = 1; it <= flags.tagger_iterations; ++it) {
      const auto start = std::chrono::steady_clock::now();
      int64_t correct = 0, total = 0;
      for (size_t i : Shuffled(train.words.size(), &rng)) {
        if (!use(i)) continue;
        if (first_pass != nullptr) {
          correct += trainer.Train(train.words[i], train.upos[i], train.xpos[i],
                                   &first_pass->upos[i], &first_pass->xpos[i]);
        } else {
          correct += trainer.Train(train.words[i], train.upos[i], train.xpos[i]);
        }
        total += static_cast<int64_t>(train.words[i].size());
      }
      if (dev != nullptr && (it == flags.tagger_iterations || member == 0)) {
        std::printf("tagger %s%d iteration %d: train UPOS %.2f  dev UPOS %.2f  (%.1fs)\n",
                    first_pass != nullptr ? "pass 2, " : "", member + 1, it,
                    100.0 * correct / std::max<int64_t>(1, total),
                    first_pass != nullptr ? 0.0 : DevUpos(*trainer.Averaged(), *dev),
                    Seconds(start));
        std::fflush(stdout);
      }
    }
    ensemble.Add(trainer);
  }
  auto tagger = ensemble.Mean();
  if (dev != nullptr && first_pass == nullptr) {
    std::printf("first-pass tagger, mean of %d: dev UPOS %.2f\n", members, DevUpos(*tagger, *dev));
  }
  return tagger;
}

std::unique_ptr<Tagger> TrainTaggers(const Flags& flags, const Corpus& train,
                                     const std::vector<std::string>& upos,
                                     const std::vector<std::string>& xpos,
                                     const std::vector<std::string>& labels,
                                     const std::vector<ConlluSentence>& dev_sents,
                                     std::vector<std::vector<int>>* jack_upos,
                                     std::vector<std::vector<int>>* jack_xpos) {
  // The first tagging pass, on all the training data.
  std::unique_ptr<Tagger> first = TrainTagger(
      flags, train, upos, xpos, flags.seed, flags.tagger_ensemble, nullptr,
      [](size_t) { return true; }, &dev_sents);

  // Jackknifed first-pass tags of the training data: the second pass and the parser train on
  // them, so both learn from tags as good as the tagger gives on unseen text.
  std::vector<std::vector<int>>& train_upos = *jack_upos;
  std::vector<std::vector<int>>& train_xpos = *jack_xpos;
  for (int fold = 0; fold < flags.folds; ++fold) {
    const auto fold_start = std::chrono::steady_clock::now();
    auto in_fold = [&](size_t i) { return static_cast<int>(i % flags.folds) == fold; };
    auto fold_tagger = TrainTagger(
        flags, train, upos, xpos, flags.seed + 1 + fold, 1, nullptr,
        [&](size_t i) { return !in_fold(i); }, nullptr);
    int64_t correct = 0, total = 0;
    for (size_t i = 0; i < train.words.size(); ++i) {
      if (!in_fold(i)) continue;
      fold_tagger->Tag(train.words[i], &train_upos[i], &train_xpos[i]);
      for (size_t k = 0; k < train_upos[i].size(); ++k)
        correct += train_upos[i][k] == train.upos[i][k];
      total += static_cast<int64_t>(train.words[i].size());
    }
    std::printf("jackknife fold %d/%d: held-out UPOS %.2f  (%.1fs)\n", fold + 1, flags.folds,
                100.0 * correct / std::max<int64_t>(1, total), Seconds(fold_start));
    std::fflush(stdout);
  }

  // The second pass, reading the first pass's tags on both sides of each word.
  std::unique_ptr<Tagger> tagger = std::move(first);
  if (flags.folds > 1) {
    const Corpus* jackknifed = nullptr;
    Corpus first_tags;
    first_tags.upos = train_upos;
    first_tags.xpos = train_xpos;
    jackknifed = &first_tags;
    auto second = TrainTagger(
        flags, train, upos, xpos, flags.seed + 100, flags.tagger_ensemble, jackknifed,
        [](size_t) { return true; }, nullptr);
    tagger = Tagger::Stack(std::move(tagger), std::move(second));
    const EvalScores dev = whipcount::syntax::Evaluate(
        *tagger, *ParserTrainer(upos, xpos, labels, 10, 10).Averaged(), dev_sents);
    std::printf("two-pass tagger: dev UPOS %.2f\n", dev.upos());
  }
  return tagger;
}

// The jackknifed tags as text, one sentence a line: UPOS ids, "|", XPOS ids.
bool WriteTagCache(const std::string& path, const std::vector<std::vector<int>>& upos,
                   const std::vector<std::vector<int>>& xpos) {
  std::ofstream out(path);
  for (size_t i = 0; i < upos.size(); ++i) {
    for (int t : upos[i]) out << t << ' ';
    out << '|';
    for (int t : xpos[i]) out << ' ' << t;
    out << '\n';
  }
  if (!out) std::fprintf(stderr, "%s: write failed\n", path.c_str());
  return static_cast<bool>(out);
}

bool ReadTagCache(const std::string& path, std::vector<std::vector<int>>* upos,
                  std::vector<std::vector<int>>* xpos) {
  std::ifstream in(path);
  std::string line;
  for (size_t i = 0; i < upos->size(); ++i) {
    if (!std::getline(in, line)) {
      std::fprintf(stderr, "%s: line %zu: missing (does it match --train?)\n", path.c_str(), i + 1);
      return false;
    }
    std::istringstream fields(line);
    for (auto* column : {&(*upos)[i], &(*xpos)[i]}) {
      for (int& t : *column) {
        if (!(fields >> t)) {
          std::fprintf(stderr, "%s: line %zu: bad tags\n", path.c_str(), i + 1);
          return false;
        }
      }
      std::string bar;
      fields >> bar;
    }
  }
  return true;
}

void PrintScores(const char* what, const EvalScores& s) {
  std::printf("%s: words %lld  UPOS %.2f  UAS %.2f  LAS %.2f  (%.0f words/s tag+parse)\n", what,
              static_cast<long long>(s.words), s.upos(), s.uas(), s.las(), s.words_per_second());
  std::fflush(stdout);
}

// Applies the decoding flags to `parser`: --decode-beam (else --beam when training with a beam)
// and --beam-margin; unset flags keep the parser's defaults.
void ApplyBeam(const Flags& flags, Parser* parser) {
  int width = flags.decode_beam > 0 ? flags.decode_beam : parser->beam_width();
  if (flags.decode_beam <= 0 && flags.beam > 1) width = flags.beam;
  const float margin =
      flags.beam_margin >= 0 ? static_cast<float>(flags.beam_margin) : parser->beam_margin();
  parser->SetBeam(width, margin,
                  flags.label_branch >= 0 ? flags.label_branch : parser->label_branch());
}

int Train(const Flags& flags) {
  const auto start = std::chrono::steady_clock::now();
  auto train_sents = whipcount::syntax::ReadConllu(flags.train);
  if (!train_sents.ok()) {
    std::fprintf(stderr, "%s\n", train_sents.status().ToString().c_str());
    return 1;
  }
  for (const std::string& path : flags.also_train) {
    auto more = whipcount::syntax::ReadConllu(path);
    if (!more.ok()) {
      std::fprintf(stderr, "%s\n", more.status().ToString().c_str());
      return 1;
    }
    std::printf("training also on %zu sentences of %s\n", more.value().size(), path.c_str());
    for (auto& sent : more.value()) train_sents.value().push_back(std::move(sent));
  }
  auto dev_sents = whipcount::syntax::ReadConllu(flags.dev);
  if (!dev_sents.ok()) {
    std::fprintf(stderr, "%s\n", dev_sents.status().ToString().c_str());
    return 1;
  }
  using whipcount::syntax::ConlluWord;
  const auto upos = SortedSet(train_sents.value(), &ConlluWord::upos);
  const auto xpos = SortedSet(train_sents.value(), &ConlluWord::xpos);
  const auto labels = SortedSet(train_sents.value(), &ConlluWord::deprel);
  std::printf("train: %zu sentences, %zu UPOS, %zu XPOS, %zu labels; seed %u\n",
              train_sents.value().size(), upos.size(), xpos.size(), labels.size(), flags.seed);
  Corpus train = Resolve(train_sents.value(), upos, xpos, labels);
  using ClusterMap = std::shared_ptr<const whipcount::syntax::WordClusters>;
  auto read_clusters = [](const std::string& path, ClusterMap* out) {
    if (path.empty()) return true;
    auto map = whipcount::syntax::WordClusters::ReadText(path);
    if (!map.ok()) {
      std::fprintf(stderr, "%s\n", map.status().ToString().c_str());
      return false;
    }
    *out = std::make_shared<const whipcount::syntax::WordClusters>(std::move(map).value());
    std::printf("clusters: %zu words in %d classes from %s\n", (*out)->vocabulary_size(),
                (*out)->num_classes(), path.c_str());
    return true;
  };
  ClusterMap parser_clusters;
  if (!read_clusters(flags.clusters, &train.cluster_map)) return 1;
  if (!read_clusters(flags.coarse_clusters, &train.coarse_map)) return 1;
  if (!flags.parser_clusters.empty()) {
    if (!read_clusters(flags.parser_clusters, &parser_clusters)) return 1;
  } else {
    parser_clusters = train.cluster_map;
  }

  std::error_code ec;
  std::filesystem::create_directories(flags.out, ec);
  if (ec) {
    std::fprintf(stderr, "%s: cannot create folder: %s\n", flags.out.c_str(), ec.message().c_str());
    return 1;
  }

  std::vector<std::vector<int>> train_upos = train.upos, train_xpos = train.xpos;
  std::unique_ptr<Tagger> tagger;
  if (!flags.reuse_tagger.empty()) {
    // Parser experiments: the tagger and its jackknifed tags from an earlier run.
    auto loaded = Tagger::Load(flags.reuse_tagger + "/" + Tagger::kFileName);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return 1;
    }
    tagger = std::move(loaded).value();
    if (!ReadTagCache(flags.tag_cache, &train_upos, &train_xpos)) return 1;
  } else {
    tagger =
        TrainTaggers(flags, train, upos, xpos, labels, dev_sents.value(), &train_upos, &train_xpos);
    if (!flags.tag_cache.empty() && !WriteTagCache(flags.tag_cache, train_upos, train_xpos)) {
      return 1;
    }
  }
  if (Status st = tagger->Save(flags.out + "/" + Tagger::kFileName); !st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  if (flags.tagger_only) {
    std::printf("wrote %s/%s; training took %.1fs\n", flags.out.c_str(), Tagger::kFileName,
                Seconds(start));
    return 0;
  }

  // --ensemble parsers, each trained with its own shuffles, averaged into one.
  ParserEnsemble ensemble;
  std::unique_ptr<Parser> parser;
  for (int member = 0; member < flags.ensemble; ++member) {
    ParserTrainer trainer(upos, xpos, labels, flags.parser_bits, flags.label_bits,
                          parser_clusters);
    std::mt19937 rng((flags.seed + 1000u * static_cast<uint32_t>(member)) * 7919u + 17u);
    for (int it = 1; it <= flags.iterations; ++it) {
      const auto it_start = std::chrono::steady_clock::now();
      int64_t correct = 0, total = 0;
      for (size_t i : Shuffled(train.words.size(), &rng)) {
        ParserInput input;
        input.words = &train.words[i];
        input.upos = &train_upos[i];
        input.xpos = &train_xpos[i];
        if (flags.beam > 1) {
          correct += trainer.TrainBeam(input, train.heads[i], train.labels[i], flags.beam,
                                       flags.label_branch >= 0 ? flags.label_branch
                                                               : Parser::kDefaultLabelBranch);
        } else {
          correct += trainer.Train(input, train.heads[i], train.labels[i], it > 1, &rng);
        }
        total += static_cast<int64_t>(train.words[i].size());
      }
      const double train_seconds = Seconds(it_start);
      if (it < flags.iterations && it % 5 != 0) {
        std::printf("parser %d iteration %d: train UAS %.2f (%.1fs)\n", member + 1, it,
                    100.0 * correct / std::max<int64_t>(1, total), train_seconds);
        continue;
      }
      parser = trainer.Averaged();
      ApplyBeam(flags, parser.get());
      const EvalScores dev = whipcount::syntax::Evaluate(*tagger, *parser, dev_sents.value());
      std::printf(
          "parser %d iteration %d: train UAS %.2f (%.1fs)  dev UPOS %.2f  UAS %.2f  LAS %.2f\n",
          member + 1, it, 100.0 * correct / std::max<int64_t>(1, total), train_seconds, dev.upos(),
          dev.uas(), dev.las());
      std::fflush(stdout);
    }
    ensemble.Add(trainer);
    if (flags.ensemble > 1) {
      parser = ensemble.Mean();
      ApplyBeam(flags, parser.get());
      const EvalScores dev = whipcount::syntax::Evaluate(*tagger, *parser, dev_sents.value());
      std::printf("ensemble of %d: dev UAS %.2f  LAS %.2f\n", member + 1, dev.uas(), dev.las());
      std::fflush(stdout);
      if (flags.keep_means && member + 1 < flags.ensemble) {
        // The smaller means too, so that one run compares ensemble sizes.
        const std::string path =
            flags.out + "/parser-mean" + std::to_string(member + 1) + ".bin";
        if (Status st = parser->Save(path); !st.ok()) {
          std::fprintf(stderr, "%s\n", st.ToString().c_str());
          return 1;
        }
      }
    }
  }
  if (Status st = parser->Save(flags.out + "/" + Parser::kFileName); !st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("wrote %s/%s and %s/%s; training took %.1fs\n", flags.out.c_str(), Tagger::kFileName,
              flags.out.c_str(), Parser::kFileName, Seconds(start));
  return 0;
}

// Induces word clusters from the articles of --text and the words of --train, and writes them.
int MakeClusters(const Flags& flags) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<std::string>> lines;
  std::ifstream in(flags.text);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", flags.text.c_str());
    return 1;
  }
  std::string line;
  size_t articles = 0, bad = 0;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("text") ||
        !doc["text"].is_string()) {
      if (bad++ < 5) {
        std::fprintf(stderr, "%s: line %zu: not a JSON object with a \"text\" string; skipped\n",
                     flags.text.c_str(), number);
      }
      continue;
    }
    whipcount::syntax::TokenizeRawText(doc["text"].get<std::string>(), &lines);
    ++articles;
  }
  if (!flags.train.empty()) {
    auto sentences = whipcount::syntax::ReadConllu(flags.train);
    if (!sentences.ok()) {
      std::fprintf(stderr, "%s\n", sentences.status().ToString().c_str());
      return 1;
    }
    for (const auto& sent : sentences.value()) {
      std::vector<std::string> words;
      for (const auto& w : sent.words) words.push_back(w.form);
      lines.push_back(std::move(words));
    }
  }
  size_t tokens = 0;
  for (const auto& l : lines) tokens += l.size();
  std::printf("clusters: %zu articles (%zu bad lines), %zu lines, %zu tokens (%.1fs)\n", articles,
              bad, lines.size(), tokens, Seconds(start));
  std::fflush(stdout);
  whipcount::syntax::ClusterOptions options;
  options.num_classes = flags.classes;
  options.min_count = flags.min_count;
  options.iterations = flags.cluster_iterations;
  const auto pairs = whipcount::syntax::InduceClusters(
      lines, options, [&](int pass, size_t moved, double ll) {
        std::printf("clusters pass %d: %zu words moved, log-likelihood %.6g (%.1fs)\n", pass,
                    moved, ll, Seconds(start));
        std::fflush(stdout);
      });
  if (Status st = whipcount::syntax::WriteClusterText(flags.make_clusters, pairs); !st.ok()) {
    std::fprintf(stderr, "%s\n", st.ToString().c_str());
    return 1;
  }
  std::printf("wrote %zu words in %d classes to %s (%.1fs)\n", pairs.size(), flags.classes,
              flags.make_clusters.c_str(), Seconds(start));
  return 0;
}

int Eval(const Flags& flags) {
  auto model = SyntaxModel::Load(flags.model);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  if (flags.decode_beam > 0 || flags.beam > 1 || flags.beam_margin >= 0 ||
      flags.label_branch >= 0) {
    // The same files again, decoded with the beam the flags ask for.
    auto tagger = Tagger::Load(flags.model + "/" + Tagger::kFileName);
    auto parser = Parser::Load(flags.model + "/" + Parser::kFileName);
    if (!tagger.ok() || !parser.ok()) {
      std::fprintf(stderr, "%s: cannot reload\n", flags.model.c_str());
      return 1;
    }
    ApplyBeam(flags, parser.value().get());
    model = std::make_unique<SyntaxModel>(std::move(tagger).value(), std::move(parser).value());
  }
  std::printf("beam %d, margin %g, labels in beam %d\n", model.value()->parser().beam_width(),
              static_cast<double>(model.value()->parser().beam_margin()),
              model.value()->parser().label_branch());
  auto sentences = whipcount::syntax::ReadConllu(flags.eval);
  if (!sentences.ok()) {
    std::fprintf(stderr, "%s\n", sentences.status().ToString().c_str());
    return 1;
  }
  const EvalScores scores = whipcount::syntax::Evaluate(*model.value(), sentences.value());
  PrintScores(flags.eval.c_str(), scores);
  {
    // The parser alone, on the treebank's own tags: how much the tagger's errors cost.
    const SyntaxModel& m = *model.value();
    int64_t words = 0, heads_ok = 0, labelled_ok = 0;
    std::vector<int> heads, labels;
    for (const auto& sent : sentences.value()) {
      std::vector<std::string_view> words_of;
      std::vector<int> u, x;
      for (const auto& w : sent.words) {
        words_of.push_back(w.form);
        u.push_back(std::max(0, m.tagger().TagId(whipcount::syntax::kUpos, w.upos)));
        x.push_back(std::max(0, m.tagger().TagId(whipcount::syntax::kXpos, w.xpos)));
      }
      m.ParseTagged(words_of, u, x, &heads, &labels);
      for (size_t i = 0; i < heads.size(); ++i) {
        ++words;
        if (heads[i] != sent.words[i].head) continue;
        ++heads_ok;
        labelled_ok += m.parser().labels()[labels[i]] == sent.words[i].deprel;
      }
    }
    std::printf("with gold tags: UAS %.2f  LAS %.2f\n",
                100.0 * heads_ok / std::max<int64_t>(1, words),
                100.0 * labelled_ok / std::max<int64_t>(1, words));
  }
  if (!flags.write_conllu.empty()) {
    std::vector<ConlluSentence> parsed = sentences.value();
    std::vector<whipcount::syntax::ParsedToken> tokens;
    for (auto& sent : parsed) {
      std::vector<std::string_view> words;
      for (const auto& w : sent.words) words.push_back(w.form);
      model.value()->Parse(words, &tokens);
      for (size_t i = 0; i < tokens.size(); ++i) {
        sent.words[i].upos = tokens[i].upos;
        sent.words[i].xpos = tokens[i].xpos;
        sent.words[i].head = tokens[i].head;
        sent.words[i].deprel = tokens[i].deprel;
      }
    }
    std::ofstream out(flags.write_conllu);
    whipcount::syntax::WriteConllu(parsed, out);
    if (!out) {
      std::fprintf(stderr, "%s: write failed\n", flags.write_conllu.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  if (!ParseFlags(argc, argv, &flags)) return Usage();
  if (!flags.make_clusters.empty() && !flags.text.empty()) return MakeClusters(flags);
  if (!flags.eval.empty() && !flags.model.empty()) return Eval(flags);
  if (!flags.train.empty() && !flags.dev.empty() && !flags.out.empty()) return Train(flags);
  return Usage();
}
