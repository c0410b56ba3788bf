// Fuzzes the HTML reader (html::ReadHtmlPage: charset sniffing and conversion, gumbo's parse,
// body scoring, title, date and URL) and the stdin sniffer html::LooksLikeHtml.
// Beyond not crashing: a page that reads gives valid UTF-8 text, title and URL.
#include <cstdlib>

#include "core/utf8.h"
#include "fuzz_util.h"
#include "html/html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  const std::string_view bytes = fuzz::AsView(data, size);
  (void)html::LooksLikeHtml(bytes);
  Result<Article> article = html::ReadHtmlPage(bytes, "page.html", "page");
  if (article.ok()) {
    if (!core::IsValidUtf8(article->text) || !core::IsValidUtf8(article->title) ||
        !core::IsValidUtf8(article->url) || article->id != "page") {
      std::abort();
    }
  } else if (article.status().message().empty()) {
    std::abort();
  }
  return 0;
}
