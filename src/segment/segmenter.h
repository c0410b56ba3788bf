// Segmenter: splits Document::text into sentences and tokens. News abbreviations (Sen., Mrs.,
// Gov., D.C., U.S., Jr., No. 2, initials) do not end a sentence; a line break always does;
// a quotation followed by its attribution ("...," said X.) stays one sentence; a run of more
// than 400 tokens without a sentence end is cut every 400 tokens. Tokens follow the
// Universal Dependencies English convention (clitics n't 's 're 'll split off, punctuation and
// quotes are tokens of their own, hyphenated names such as AFL-CIO stay whole).
// Abbreviations come from a data file (data/lexicons/abbreviations.txt).
// Thread safety: immutable after Load; one instance serves all threads.
#ifndef WHIPCOUNT_SEGMENT_SEGMENTER_H_
#define WHIPCOUNT_SEGMENT_SEGMENTER_H_

#include <memory>
#include <string>

#include "whipcount/stage.h"

namespace whipcount::segment {

class Segmenter : public Stage {
 public:
  static Result<std::unique_ptr<Segmenter>> Load(const std::string& abbreviations_path);
  ~Segmenter() override;
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  std::string_view Name() const override { return "segment"; }
  uint32_t Requires() const override { return kFieldText; }
  uint32_t Assigns() const override { return kFieldTokens | kFieldSentences; }
  Status Process(Document& doc) const override;

 private:
  struct Impl;
  explicit Segmenter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::segment

#endif  // WHIPCOUNT_SEGMENT_SEGMENTER_H_
