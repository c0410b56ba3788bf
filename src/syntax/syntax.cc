#include "syntax/syntax.h"

#include <time.h>

#include <utility>

namespace whipcount::syntax {

namespace {

// CPU time of the calling thread: speed figures then hold on a machine shared with other work.
double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace

SyntaxModel::SyntaxModel(std::unique_ptr<Tagger> tagger, std::unique_ptr<Parser> parser)
    : tagger_(std::move(tagger)), parser_(std::move(parser)) {}

Result<std::unique_ptr<SyntaxModel>> SyntaxModel::Load(const std::string& dir) {
  const std::string tagger_path = dir + "/" + Tagger::kFileName;
  const std::string parser_path = dir + "/" + Parser::kFileName;
  auto tagger = Tagger::Load(tagger_path);
  if (!tagger.ok()) return tagger.status();
  auto parser = Parser::Load(parser_path);
  if (!parser.ok()) return parser.status();
  if ((*parser)->upos_tags() != (*tagger)->tags(kUpos) ||
      (*parser)->xpos_tags() != (*tagger)->tags(kXpos)) {
    return Status::InvalidInput(parser_path + ": trained on other tag sets than " + tagger_path +
                                " predicts: the two files come from different training runs");
  }
  return std::unique_ptr<SyntaxModel>(
      new SyntaxModel(std::move(tagger).value(), std::move(parser).value()));
}

void SyntaxModel::ParseTagged(const std::vector<std::string_view>& words,
                              const std::vector<int>& upos, const std::vector<int>& xpos,
                              std::vector<int>* heads, std::vector<int>* labels) const {
  ParserInput input;
  input.words = &words;
  input.upos = &upos;
  input.xpos = &xpos;
  parser_->Parse(input, heads, labels);
}

void SyntaxModel::Parse(const std::vector<std::string_view>& words,
                        std::vector<ParsedToken>* out) const {
  out->clear();
  if (words.empty()) return;
  std::vector<int> upos, xpos, heads, labels;
  tagger_->Tag(words, &upos, &xpos);
  ParseTagged(words, upos, xpos, &heads, &labels);
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    ParsedToken& token = (*out)[i];
    token.form.assign(words[i]);
    token.upos = tagger_->tags(kUpos)[upos[i]];
    token.xpos = tagger_->tags(kXpos)[xpos[i]];
    token.head = heads[i];
    token.deprel = parser_->labels()[labels[i]];
  }
}

EvalScores Evaluate(const SyntaxModel& model, const std::vector<ConlluSentence>& sentences) {
  return Evaluate(model.tagger(), model.parser(), sentences);
}

EvalScores Evaluate(const Tagger& tagger, const Parser& parser,
                    const std::vector<ConlluSentence>& sentences) {
  EvalScores scores;
  std::vector<std::string_view> words;
  std::vector<int> upos, xpos, heads, labels;
  const auto& upos_tags = tagger.tags(kUpos);
  const auto& label_names = parser.labels();
  ParserInput input;
  input.words = &words;
  input.upos = &upos;
  input.xpos = &xpos;
  double elapsed = 0;
  for (const auto& sent : sentences) {
    words.clear();
    for (const auto& w : sent.words) words.push_back(w.form);
    const double start = ThreadCpuSeconds();
    tagger.Tag(words, &upos, &xpos);
    parser.Parse(input, &heads, &labels);
    elapsed += ThreadCpuSeconds() - start;
    for (size_t i = 0; i < words.size(); ++i) {
      const ConlluWord& gold = sent.words[i];
      ++scores.words;
      scores.upos_correct += upos_tags[upos[i]] == gold.upos;
      if (heads[i] == gold.head) {
        ++scores.head_correct;
        scores.labelled_correct += label_names[labels[i]] == gold.deprel;
      }
    }
  }
  scores.seconds = elapsed;
  return scores;
}

Result<EvalScores> Evaluate(const SyntaxModel& model, const std::string& conllu_path) {
  auto sentences = ReadConllu(conllu_path);
  if (!sentences.ok()) return sentences.status();
  return Evaluate(model, sentences.value());
}

}  // namespace whipcount::syntax
