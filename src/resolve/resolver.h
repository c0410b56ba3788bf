// Resolver: ties each mention to an actor of the article (Document::actors), creating actors
// for names no file knows. Names go to knowledge-base candidates (preferring one the article
// already named), misspellings to a near spelling in the knowledge base or the article, surnames
// and acronyms to an actor named before, descriptions to their knowledge-base referent on the
// article's date or to the nearest earlier actor of their kind, pronouns to the nearest earlier
// actor that fits, and first-person words in quotations to the speaker or the speaker's group.
// Mentions that fit nothing stay unresolved (actor -1).
// Thread safety: immutable after construction; one instance serves all threads.
#ifndef WHIPCOUNT_RESOLVE_RESOLVER_H_
#define WHIPCOUNT_RESOLVE_RESOLVER_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/string_set.h"
#include "kb/knowledge_base.h"
#include "whipcount/stage.h"

namespace whipcount::resolve {

class Resolver : public Stage {
 public:
  // Loads lexicon_dir/gender.tsv, reporting_verbs.txt and titles.txt. `kb` must outlive the
  // resolver.
  static Result<std::unique_ptr<Resolver>> Create(const kb::KnowledgeBase& kb,
                                                  const std::string& lexicon_dir);

  std::string_view Name() const override { return "resolve"; }
  uint32_t Requires() const override { return kFieldMentions | kFieldDate | kFieldSentences; }
  uint32_t Assigns() const override { return kFieldActors; }
  Status Process(Document& doc) const override;

 private:
  Resolver(const kb::KnowledgeBase& kb, std::unordered_map<std::string, char> gender,
           core::StringSet reporting, core::StringSet titles);
  const kb::KnowledgeBase& kb_;
  // The dates over which each knowledge-base actor is described as a nominee.
  std::unordered_map<int32_t, std::vector<kb::DateRange>> nominee_;
  // Each knowledge-base actor's descriptions (indexes into KnowledgeBase::descriptions()).
  std::unordered_map<int32_t, std::vector<size_t>> descriptions_of_;
  std::unordered_map<std::string, char> gender_;  // first name or title -> 'm' / 'f'
  core::StringSet reporting_;                     // "said", "wrote", ...
  core::StringSet titles_;                        // folded: "president", "sen.", ...
};

}  // namespace whipcount::resolve

#endif  // WHIPCOUNT_RESOLVE_RESOLVER_H_
