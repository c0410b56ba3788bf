// whipcount parse: CoNLL-U for the sentences of articles.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "clean/cleaner.h"
#include "cli/parse_command.h"
#include "read/reader.h"
#include "segment/segmenter.h"
#include "syntax/syntax.h"

namespace whipcount::cli {
namespace {

// CoNLL-U forbids spaces inside a FORM; a token never holds one, but be safe.
std::string Field(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == ' ' || c == '\t' || c == '\n') c = '_';
  return out.empty() ? "_" : out;
}

int RunParse(const std::vector<std::string>& inputs, const Options& options) {
  const std::string& data = options.data_dir;
  auto cleaner = clean::Cleaner::Load(data + "/patterns/furniture.tsv");
  auto segmenter = segment::Segmenter::Load(data + "/lexicons/abbreviations.txt");
  auto model = syntax::SyntaxModel::Load(data + "/models");
  for (const Status* st : {&cleaner.status(), &segmenter.status(), &model.status()}) {
    if (!st->ok()) {
      std::cerr << "whipcount: " << st->message() << "\n";
      return 2;
    }
  }
  size_t skipped = 0;
  std::string out;
  std::vector<std::string_view> words;
  std::vector<syntax::ParsedToken> parsed;
  auto on_article = [&](Article&& article) {
    Document doc;
    doc.article = std::move(article);
    Status st = (*cleaner)->Process(doc);
    if (st.ok()) st = (*segmenter)->Process(doc);
    if (!st.ok()) {
      ++skipped;
      std::cerr << "whipcount: skipped " << doc.article.source << ": " << st.message() << "\n";
      return;
    }
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      words.clear();
      for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) words.push_back(doc.TokenText(t));
      (*model)->Parse(words, &parsed);
      out.clear();
      out += "# sent_id = " + doc.article.id + "-" + std::to_string(s + 1) + "\n";
      std::string text(doc.SentenceText(s));
      for (char& c : text)
        if (c == '\n') c = ' ';
      out += "# text = " + text + "\n";
      for (size_t i = 0; i < parsed.size(); ++i) {
        const auto& p = parsed[i];
        out += std::to_string(i + 1) + "\t" + Field(p.form) + "\t_\t" + Field(p.upos) + "\t" +
               Field(p.xpos) + "\t_\t" + std::to_string(p.head) + "\t" + Field(p.deprel) +
               "\t_\t_\n";
      }
      out += "\n";
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  };
  auto on_error = [&](const read::ReadError& e) {
    ++skipped;
    std::cerr << "whipcount: skipped " << e.source << ": " << e.message << "\n";
  };
  read::ReadInputs(inputs, on_article, on_error);
  std::fflush(stdout);
  return skipped ? 1 : 0;
}

}  // namespace

Command AddParseCommand(CLI::App& app, GlobalOptions& global) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand(
      "parse", "print the sentences of articles tagged and parsed, as CoNLL-U");
  sub->add_option("inputs", *inputs, "articles, as for extract; - for standard input")
      ->required();
  return {sub, [inputs, &global] { return RunParse(*inputs, global.pipeline); }};
}

}  // namespace whipcount::cli
