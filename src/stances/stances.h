// StanceFinder: reads the stances each sentence states, from its stance words and phrases
// (data/lexicons/stance_words.tsv, stance_phrases.tsv), the cue words around them
// (stance_cues.tsv) and the resolved actor mentions. It covers active and passive verbs,
// nominal stances ("X's endorsement of Y", "won the backing of X"), agent nouns ("a staunch Y
// ally"), appositive and relative clauses ("X, which backed Y"), coordinated holders and
// targets, negation (a declared neutrality, spread to the candidates of the race the article
// names), planned and past status, quoted speech through the speaker, and stances that follow
// one just reported ("X followed suit", "as have X and Y"). Sentences that look like headlines
// of other stories yield nothing.
// Where the word order leaves a question open, the sentence is parsed (src/syntax) and the rules
// read the tree: a passive's agent and subject anywhere in the clause ("Y was endorsed on Monday
// by X", "Backed by X, Y ..."), "her" as object or possessive ("endorsed her earlier"), the
// subject a verb shares with the verb it is coordinated with or controlled by ("X took the
// stage, thanked her staff and endorsed Y"), and lists that go on past what the word order
// joins ("A, the bakers' union and B"). Other tree
// readings (subjects across appositions, noun complements) were tried and left out: with the
// current parser they added errors on the dev articles and cost speed.
// Thread safety: immutable after Create; one instance serves all threads.
#ifndef WHIPCOUNT_STANCES_STANCES_H_
#define WHIPCOUNT_STANCES_STANCES_H_

#include <memory>
#include <string>

#include "whipcount/stage.h"

namespace whipcount::syntax {
class SyntaxModel;
}

namespace whipcount::stances {

class StanceFinder : public Stage {
 public:
  // Reads the stance lexicons of `lexicon_dir`. `model` (not owned; it must outlive the finder)
  // parses sentences for the tree rules; null keeps to the surface rules.
  static Result<std::unique_ptr<StanceFinder>> Create(const std::string& lexicon_dir,
                                                      const syntax::SyntaxModel* model = nullptr);
  ~StanceFinder() override;
  StanceFinder(const StanceFinder&) = delete;
  StanceFinder& operator=(const StanceFinder&) = delete;

  std::string_view Name() const override { return "stances"; }
  uint32_t Requires() const override {
    return kFieldTokens | kFieldSentences | kFieldMentions | kFieldActors | kFieldDate;
  }
  uint32_t Assigns() const override { return kFieldStances; }
  Status Process(Document& doc) const override;

 private:
  struct Impl;
  explicit StanceFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::stances

#endif  // WHIPCOUNT_STANCES_STANCES_H_
