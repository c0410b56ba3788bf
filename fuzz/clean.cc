// Fuzzes the clean stage with the shipped furniture patterns. Input that is not UTF-8 is
// passed over: the readers reject it before the pipeline sees it.
// Beyond not crashing: the cleaned text is valid UTF-8, and each OffsetMap piece points inside
// the raw text in increasing order.
#include <cstdlib>
#include <memory>

#include "clean/cleaner.h"
#include "core/utf8.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  static const clean::Cleaner* cleaner = [] {
    auto c = clean::Cleaner::Load(fuzz::DataDir() + "/patterns/furniture.tsv");
    if (!c.ok()) std::abort();
    return std::move(c).value().release();
  }();
  const std::string_view bytes = fuzz::AsView(data, size);
  if (!core::IsValidUtf8(bytes)) return 0;
  Document doc;
  doc.article.text = std::string(bytes);
  if (!cleaner->Process(doc).ok()) return 0;
  if (!core::IsValidUtf8(doc.text)) std::abort();
  uint32_t last_clean = 0, last_raw = 0;
  for (const OffsetMap::Piece& p : doc.offsets.pieces()) {
    if (p.clean < last_clean || p.raw < last_raw || p.raw > doc.article.text.size() ||
        p.clean > doc.text.size()) {
      std::abort();
    }
    last_clean = p.clean;
    last_raw = p.raw;
  }
  return 0;
}
