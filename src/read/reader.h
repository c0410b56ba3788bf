// Readers: turn input files into Articles. Formats: plain text (one article a file, the file
// name stem is its id), JSON (one article object a file: id, url, published, title, text),
// JSON Lines (one such object a line), HTML pages (.html, .htm: the article the html stage
// finds in them; a page without one is reported as "no article text found"); folders are
// walked in sorted order; "-" is standard input (JSON Lines when its first byte is '{', an
// HTML page when it is '<', else one text).
// Bad input (unreadable, binary, empty, invalid UTF-8, malformed JSON, too large) is reported
// through the error sink with the file (and line) and skipped; the rest goes on.
// Thread safety: the functions keep no state; sinks are called on the calling thread.
#ifndef WHIPCOUNT_READ_READER_H_
#define WHIPCOUNT_READ_READER_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/document.h"
#include "whipcount/status.h"

namespace whipcount::read {

// The largest article text read, in bytes: far above any news story (rarely over 100 KB), and
// low enough that a mistaken input (a log, a dump, a 50 MB line) is refused at once instead of
// being extracted for minutes. Larger texts are reported ("too large") and skipped.
inline constexpr size_t kMaxArticleBytes = size_t{8} << 20;
// The largest web page, .json file or JSON line read, in bytes: markup, scripts and escapes
// come on top of the text.
inline constexpr size_t kMaxPageBytes = size_t{64} << 20;

struct ReadError {
  std::string source;   // "path" or "path:line"
  std::string message;  // what is wrong, e.g. "invalid UTF-8 at byte 1234"
};

using ArticleSink = std::function<void(Article&&)>;
using ErrorSink = std::function<void(const ReadError&)>;

struct ReadStats {
  size_t articles = 0;
  size_t errors = 0;
};

// Reads every article from `paths` in order, calling `on_article` for each and `on_error` for
// each input that is skipped.
ReadStats ReadInputs(const std::vector<std::string>& paths, const ArticleSink& on_article,
                     const ErrorSink& on_error);

// Parses one JSON article object (the JSON Lines / eval format). `source` names it in messages;
// `fallback_id` is used when the object has no id.
Result<Article> ParseArticleJson(std::string_view json, const std::string& source,
                                 const std::string& fallback_id);

}  // namespace whipcount::read

#endif  // WHIPCOUNT_READ_READER_H_
