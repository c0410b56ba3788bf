#include "core/utf8.h"

namespace whipcount::core {

char32_t DecodeAt(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = (c >= 0xC2 && c <= 0xDF)   ? 2
              : (c >= 0xE0 && c <= 0xEF) ? 3
              : (c >= 0xF0 && c <= 0xF4) ? 4
                                         : 0;
    bool ok = len != 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

void FoldInto(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
      if (c2 == 0x98 || c2 == 0x99) {  // ‘ ’
        *out += '\'';
        i += 3;
        continue;
      }
      if (c2 == 0x9C || c2 == 0x9D) {  // “ ”
        *out += '"';
        i += 3;
        continue;
      }
    }
    *out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
    ++i;
  }
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  FoldInto(s, &out);
  return out;
}

void EnsureFolded(Document& doc) {
  if (doc.folded_ends.size() == doc.tokens.size()) return;
  doc.folded.clear();
  doc.folded.reserve(doc.text.size());
  doc.folded_ends.clear();
  doc.folded_ends.reserve(doc.tokens.size());
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    FoldInto(doc.TokenText(i), &doc.folded);
    doc.folded_ends.push_back(static_cast<uint32_t>(doc.folded.size()));
  }
}

}  // namespace whipcount::core
