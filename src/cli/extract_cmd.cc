// whipcount extract: stances of articles as JSON Lines.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "facts/facts.h"
#include "read/reader.h"
#include "whipcount/pipeline.h"

namespace whipcount::cli {
namespace {

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
               bool explain, bool with_facts) {
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
    if (with_facts) whipcount::facts::AppendFactJsonl(*doc, out);
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

Command AddExtractCommand(CLI::App& app, GlobalOptions& global) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto explain = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "extract", "print the stances of articles as JSON Lines (one stance a line)");
  sub->add_option("inputs", *inputs,
                  "text files, .json / .jsonl files, folders, or - for standard input")
      ->required();
  sub->add_flag("--explain", *explain,
                "also print each sentence with its actor mentions to stderr");
  auto with_facts = std::make_shared<bool>(false);
  sub->add_flag("--facts", *with_facts,
                "also print what articles state about actors (members, roles, affiliations), "
                "one line each with \"type\":\"fact\", after the article's stances");
  return {sub, [inputs, explain, with_facts, &global] {
            return RunExtract(*inputs, global.pipeline, *explain, *with_facts);
          }};
}

}  // namespace whipcount::cli
