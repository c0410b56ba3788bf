// Helpers shared by the read stage's files; not part of the stage's interface.
// Thread safety: pure functions.
#ifndef WHIPCOUNT_READ_READ_INTERNAL_H_
#define WHIPCOUNT_READ_READ_INTERNAL_H_

#include <string>
#include <string_view>

#include "whipcount/document.h"
#include "whipcount/status.h"

namespace whipcount::read::internal {

// Like ParseArticleJson, but the error message says only what is wrong, without naming the
// source (the caller puts the source into ReadError::source). `source` still fills
// Article::source. REQUIRES: `json` is valid UTF-8 (the caller checks it, so that the message
// can give the byte offset in the caller's terms).
Result<Article> ParseArticleObject(std::string_view json, const std::string& source,
                                   const std::string& fallback_id);

// Turns every "\r\n" in `text` into "\n", in place. Lone '\r' bytes are kept.
void NormalizeLineEnds(std::string& text);

// Checks an article's text after decoding: not empty or blank, no NUL, not over
// kMaxArticleBytes. Returns the problem, or "" when the text is usable. `what` names the text
// in the message ("file", "\"text\"").
std::string CheckText(std::string_view text, std::string_view what);

}  // namespace whipcount::read::internal

#endif  // WHIPCOUNT_READ_READ_INTERNAL_H_
