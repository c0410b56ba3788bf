// MentionFinder: finds the spans of a Document that name or refer to actors, in sentence and
// token order: names the knowledge base knows (longest match, acronyms case-sensitive), runs of
// capitalised words it does not know (kind guessed from their words and any title before them),
// acronyms, definite descriptions ("the Vermont senator", "the union") and pronouns. It does not
// decide which actor a mention refers to beyond listing knowledge-base candidates: that is the
// resolver's job. Word lists come from data/lexicons/ (see FORMAT.md there).
// Thread safety: immutable after Create; one instance serves all threads. The KnowledgeBase
// must outlive the finder.
#ifndef WHIPCOUNT_MENTIONS_MENTIONS_H_
#define WHIPCOUNT_MENTIONS_MENTIONS_H_

#include <memory>
#include <string>
#include <string_view>

#include "kb/knowledge_base.h"
#include "whipcount/stage.h"

namespace whipcount::mentions {

// Lower-cased token with typographic apostrophes folded; used by later stages as well.
std::string FoldToken(std::string_view token);
// True when the token's first character is an upper-case letter (ASCII or Latin-1 range).
bool IsCapitalized(std::string_view token);

class MentionFinder : public Stage {
 public:
  static Result<std::unique_ptr<MentionFinder>> Create(const kb::KnowledgeBase& kb,
                                                       const std::string& lexicon_dir);
  ~MentionFinder() override;
  MentionFinder(const MentionFinder&) = delete;
  MentionFinder& operator=(const MentionFinder&) = delete;

  std::string_view Name() const override { return "mentions"; }
  uint32_t Requires() const override { return kFieldTokens | kFieldSentences | kFieldDate; }
  uint32_t Assigns() const override { return kFieldMentions; }
  Status Process(Document& doc) const override;

 private:
  struct Impl;
  explicit MentionFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::mentions

#endif  // WHIPCOUNT_MENTIONS_MENTIONS_H_
