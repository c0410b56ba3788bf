// Fuzzes the JSON and JSON Lines readers: the bytes are read as one article object
// (read::ParseArticleJson), as a .json file and as a .jsonl file through read::ReadInputs.
// Beyond not crashing: every article that comes out has valid UTF-8, non-blank text; every
// error names the file (the .jsonl errors also the line).
#include <cstdlib>
#include <string>

#include "core/utf8.h"
#include "fuzz_util.h"
#include "read/reader.h"

namespace {

void CheckArticle(const whipcount::Article& a) {
  using whipcount::core::IsValidUtf8;
  if (a.text.empty() || !IsValidUtf8(a.text) || !IsValidUtf8(a.id) || !IsValidUtf8(a.title) ||
      !IsValidUtf8(a.url) || a.id.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  const std::string_view bytes = fuzz::AsView(data, size);
  if (core::IsValidUtf8(bytes)) {
    Result<Article> article = read::ParseArticleJson(bytes, "fuzz", "fallback");
    if (article.ok()) CheckArticle(*article);
  }
  for (const char* name : {"article.json", "articles.jsonl"}) {
    const std::string path = fuzz::WriteScratch(name, bytes);
    read::ReadInputs(
        {path}, [&](Article&& a) { CheckArticle(a); },
        [&](const read::ReadError& e) {
          if (e.source.compare(0, path.size(), path) != 0 || e.message.empty()) std::abort();
        });
  }
  return 0;
}
