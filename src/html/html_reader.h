// The html stage: reads a web page (raw HTML bytes as saved or crawled) into an Article: the
// article body as plain text (paragraphs joined by "\n\n", without navigation, ads, share bars,
// related-story lists, captions and comments), the title, the published date and the canonical
// URL. The page's encoding is found from its byte order mark or <meta> charset (else UTF-8)
// and converted to UTF-8 with ICU. Parsing is gumbo's HTML5 parser, so broken markup is read
// the way a browser reads it.
// Thread safety: the functions keep no state; any number of threads may call them at once.
#ifndef WHIPCOUNT_HTML_HTML_READER_H_
#define WHIPCOUNT_HTML_HTML_READER_H_

#include <string>
#include <string_view>

#include "whipcount/document.h"
#include "whipcount/status.h"

namespace whipcount::html {

// Reads one page. `source` fills Article::source and names the page in messages; `fallback_id`
// becomes Article::id (pages carry no id of their own).
// On success: Article::text is the body, or "" when the page holds no article (an index page,
// an error page); the caller decides how to report that. Article::title is the page's own
// headline (og:title, JSON-LD headline, <h1>, <title>, in that order), Article::url its
// canonical URL (<link rel=canonical>, og:url, JSON-LD url), Article::published the date in
// its metadata (article:published_time and like <meta> tags, JSON-LD datePublished, <time
// datetime>), else unset.
// Errors (InvalidInput, message naming `source`): empty or blank input, binary data (a NUL
// byte outside UTF-16), bytes ICU cannot convert.
Result<Article> ReadHtmlPage(std::string_view bytes, const std::string& source,
                             const std::string& fallback_id);

// True when `bytes` look like the start of an HTML page (after white space and a BOM: '<'),
// for choosing a reader for standard input.
bool LooksLikeHtml(std::string_view bytes);

}  // namespace whipcount::html

#endif  // WHIPCOUNT_HTML_HTML_READER_H_
