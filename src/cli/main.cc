// whipcount: the command-line interface. The only code (with serve/) that prints.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "read/reader.h"
#include "whipcount/pipeline.h"

namespace {

std::string DefaultDataDir() {
  if (const char* env = std::getenv("WHIPCOUNT_DATA"); env && *env) return env;
#ifdef WHIPCOUNT_DEFAULT_DATA_DIR
  return WHIPCOUNT_DEFAULT_DATA_DIR;
#else
  return "data";
#endif
}

// Exit codes: 0 all inputs read, 1 some inputs skipped (each named on stderr), 2 a usage or
// set-up error (bad flags, unreadable data files).
// Writes each sentence with its mentions marked [text => actor] to stderr, for rule debugging.
void Explain(const whipcount::Document& doc) {
  std::string out = "# " + doc.article.id + " date " +
                    (doc.date ? doc.date->ToString() : std::string("unknown")) + "\n";
  size_t m = 0;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    out += std::to_string(s) + ": ";
    const auto& sent = doc.sentences[s];
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
      while (m < doc.mentions.size() && doc.mentions[m].token_end <= t) ++m;
      bool opens = m < doc.mentions.size() && doc.mentions[m].token_begin == t;
      if (opens) out += "[";
      out += doc.TokenText(t);
      if (m < doc.mentions.size() && doc.mentions[m].token_end == t + 1) {
        const auto& men = doc.mentions[m];
        out += " => ";
        out += men.actor >= 0 ? doc.actors[men.actor].name : std::string("?");
        out += " /" + std::string(whipcount::ToString(men.kind)) + "]";
      }
      out += " ";
    }
    out += "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
}

int RunExtract(const std::vector<std::string>& inputs, const whipcount::Options& options,
               bool explain) {
  auto pipeline = whipcount::Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::cerr << "whipcount: " << pipeline.status().message() << "\n";
    return 2;
  }
  size_t skipped = 0, articles = 0, stances = 0;
  std::string out;
  auto on_article = [&](whipcount::Article&& article) {
    std::string source = article.source;
    auto doc = (*pipeline)->Process(std::move(article));
    if (!doc.ok()) {
      ++skipped;
      std::cerr << "whipcount: skipped " << doc.status().message() << "\n";
      return;
    }
    ++articles;
    if (explain) Explain(*doc);
    stances += doc->stances.size();
    out.clear();
    whipcount::AppendStanceJsonl(*doc, out);
    std::fwrite(out.data(), 1, out.size(), stdout);
  };
  auto on_error = [&](const whipcount::read::ReadError& e) {
    ++skipped;
    std::cerr << "whipcount: skipped " << e.source << ": " << e.message << "\n";
  };
  whipcount::read::ReadInputs(inputs, on_article, on_error);
  std::fflush(stdout);
  if (isatty(STDERR_FILENO) || skipped > 0)
    std::cerr << "whipcount: " << articles << " articles, " << stances << " stances"
              << (skipped ? ", " + std::to_string(skipped) + " inputs skipped" : "") << "\n";
  return skipped ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"whipcount: who supports, opposes or stays neutral toward whom, from the news"};
  app.require_subcommand(1);
  whipcount::Options options;
  options.data_dir = DefaultDataDir();
  app.add_option("--data", options.data_dir, "folder with kb/, lexicons/ and patterns/")
      ->capture_default_str();
  app.add_option("--kb", options.kb_files, "your own knowledge-base file (repeatable)");

  std::vector<std::string> inputs;
  auto* extract = app.add_subcommand(
      "extract", "print the stances of articles as JSON Lines (one stance a line)");
  extract->add_option("inputs", inputs,
                      "text files, .json / .jsonl files, folders, or - for standard input")
      ->required();
  bool explain = false;
  extract->add_flag("--explain", explain,
                    "also print each sentence with its actor mentions to stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (extract->parsed()) return RunExtract(inputs, options, explain);
  return 2;
}
