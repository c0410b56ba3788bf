// FactFinder: the stage that reads what an article states about its actors, beside stances:
// membership figures ("X, which represents more than 12 million workers", "the 1.6
// million-member union", "X's 700,000 members"), offices ("CWA President Chris Shelton",
// "Shelton, president of the CWA", "the union's president, Jane Doe") and affiliations
// ("another AFL-CIO member", "an AFL-CIO affiliate", "X, part of the AFL-CIO"). Patterns are
// read over resolved mentions; their words come from data/lexicons/facts.tsv (FORMAT.md there).
// It writes Document::facts, and gives a person stated to hold an office the organization they
// speak for (DocActor::org) when resolution left it unknown, which the stances stage reads.
// Thread safety: immutable after Create; one instance serves all threads.
#ifndef WHIPCOUNT_FACTS_FACTS_H_
#define WHIPCOUNT_FACTS_FACTS_H_

#include <memory>
#include <string>

#include "whipcount/stage.h"

namespace whipcount::facts {

class FactFinder : public Stage {
 public:
  // Reads lexicon_dir/facts.tsv. Errors name the file and line.
  static Result<std::unique_ptr<FactFinder>> Create(const std::string& lexicon_dir);
  ~FactFinder() override;
  FactFinder(const FactFinder&) = delete;
  FactFinder& operator=(const FactFinder&) = delete;

  std::string_view Name() const override { return "facts"; }
  uint32_t Requires() const override {
    return kFieldTokens | kFieldSentences | kFieldMentions | kFieldActors;
  }
  // Document::facts has no field bit of its own; DocActor::org is refined.
  uint32_t Assigns() const override { return kFieldActors; }
  Status Process(Document& doc) const override;

  struct Lexicon;  // the words of facts.tsv, by class (facts.cc)

 private:
  explicit FactFinder(std::unique_ptr<Lexicon> lexicon);
  std::unique_ptr<Lexicon> lex_;
};

// Appends one JSON line per fact of `doc` to `out`, each with "type":"fact" (the form
// `extract --facts` prints and ingest reads back; README, "extract --facts").
void AppendFactJsonl(const Document& doc, std::string& out);

}  // namespace whipcount::facts

#endif  // WHIPCOUNT_FACTS_FACTS_H_
