// Small UTF-8 helpers shared by every stage. Thread safety: pure functions.
#ifndef WHIPCOUNT_CORE_UTF8_H_
#define WHIPCOUNT_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "whipcount/document.h"

namespace whipcount::core {

// True when `s` is well-formed UTF-8. On false, *bad_offset (if given) is the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);
// Number of code points in `s` (counting each lead byte); used to turn byte offsets into
// character offsets for output.
size_t CountCodePoints(std::string_view s);
// ASCII lower-casing; other bytes unchanged. Typographic apostrophes and quotes become ASCII.
std::string Fold(std::string_view s);
// Appends Fold(s) to *out.
void FoldInto(std::string_view s, std::string* out);
// Fills doc.folded / doc.folded_ends (see Document::Folded) unless they already hold one entry
// per token. Stages call it on entry, so a Document built without the segmenter works too.
void EnsureFolded(Document& doc);
// Decodes the code point at s[i], advancing i; U+FFFD on malformed input.
char32_t DecodeAt(std::string_view s, size_t& i);

}  // namespace whipcount::core

#endif  // WHIPCOUNT_CORE_UTF8_H_
