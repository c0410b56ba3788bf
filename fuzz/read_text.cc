// Fuzzes the plain-text reader: the bytes become a .txt file read through read::ReadInputs.
// Beyond not crashing: an article that comes out is valid UTF-8, not blank, without NUL bytes;
// an input that does not come out is reported once, naming the file.
#include <cstdlib>
#include <string>

#include "core/utf8.h"
#include "fuzz_util.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  const std::string path = fuzz::WriteScratch("article.txt", fuzz::AsView(data, size));
  size_t articles = 0, errors = 0;
  read::ReadStats stats = read::ReadInputs(
      {path},
      [&](Article&& a) {
        ++articles;
        if (a.text.empty() || !core::IsValidUtf8(a.text) ||
            a.text.find('\0') != std::string::npos || a.id != "article") {
          std::abort();
        }
      },
      [&](const read::ReadError& e) {
        ++errors;
        if (e.source != path || e.message.empty()) std::abort();
      });
  if (articles + errors != 1 || stats.articles != articles || stats.errors != errors) std::abort();
  return 0;
}
