#include "html/charset.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "core/utf8.h"

namespace whipcount::html {
namespace {

// Charset declarations come before any content worth the name; browsers look in the first
// 1024 bytes, but pages with long <head> scripts put them later, so look a little further.
constexpr size_t kSniffBytes = 16 * 1024;
// ICU takes 32-bit lengths and the output may be three times the input.
constexpr size_t kMaxBytes = size_t{512} << 20;

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// The charset value after "charset" at `pos` of `text` (lower-cased), or "".
std::string LabelAfter(std::string_view text, size_t pos) {
  pos += std::strlen("charset");
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  if (pos >= text.size() || text[pos] != '=') return "";
  ++pos;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '"' || text[pos] == '\'')) ++pos;
  size_t end = pos;
  while (end < text.size() && IsLabelChar(text[end])) ++end;
  return std::string(text.substr(pos, end - pos));
}

// Appends the UTF-8 form of U+FFFD.
void AppendReplacement(std::string& out) { out += "\xEF\xBF\xBD"; }

// Copies `bytes` into *out, each invalid UTF-8 byte turned into U+FFFD.
void SanitizeUtf8(std::string_view bytes, std::string* out) {
  out->clear();
  out->reserve(bytes.size());
  size_t pos = 0;
  while (pos < bytes.size()) {
    std::string_view rest = bytes.substr(pos);
    size_t bad = 0;
    if (core::IsValidUtf8(rest, &bad)) {
      out->append(rest);
      return;
    }
    out->append(rest.substr(0, bad));
    AppendReplacement(*out);
    pos += bad + 1;
  }
}

// Converts `bytes` in the ICU charset `label` to UTF-8; false when ICU has no such converter.
bool ConvertWithIcu(std::string_view bytes, const char* label, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  // A byte becomes at most one BMP character (3 UTF-8 bytes); multi-byte sequences shrink.
  out->resize(bytes.size() * 3 + 16);
  int32_t n = ucnv_convert("UTF-8", label, out->data(), static_cast<int32_t>(out->size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    out->resize(static_cast<size_t>(n) + 1);
    n = ucnv_convert("UTF-8", label, out->data(), static_cast<int32_t>(out->size()), bytes.data(),
                     static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) {
    out->clear();
    return false;
  }
  out->resize(static_cast<size_t>(n));
  return true;
}

bool IsUtf8Label(const std::string& label) {
  return label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8";
}

// The WHATWG Encoding Standard reads these labels as windows-1252, a superset.
bool IsWindows1252Label(const std::string& label) {
  return label == "iso-8859-1" || label == "iso8859-1" || label == "latin1" || label == "l1" ||
         label == "us-ascii" || label == "ascii" || label == "cp1252" || label == "windows-1252" ||
         label == "x-cp1252" || label == "iso_8859-1";
}

}  // namespace

std::string SniffCharset(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (bytes.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (bytes.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  std::string head = LowerCopy(bytes.substr(0, kSniffBytes));
  std::string_view text(head);
  if (text.substr(0, 5) == "<?xml") {
    size_t close = text.find("?>");
    size_t enc = text.find("encoding", 0);
    if (enc != std::string_view::npos && enc < close) {
      size_t pos = enc + std::strlen("encoding");
      while (pos < text.size() && (text[pos] == ' ' || text[pos] == '=')) ++pos;
      if (pos < text.size() && (text[pos] == '"' || text[pos] == '\'')) ++pos;
      size_t end = pos;
      while (end < text.size() && IsLabelChar(text[end])) ++end;
      if (end > pos) return std::string(text.substr(pos, end - pos));
    }
  }
  size_t pos = 0;
  while ((pos = text.find("<meta", pos)) != std::string_view::npos) {
    size_t end = text.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string_view tag = text.substr(pos, end - pos);
    size_t at = tag.find("charset");
    if (at != std::string_view::npos) {
      std::string label = LabelAfter(tag, at);
      if (!label.empty()) return label;
    }
    pos = end;
  }
  return "";
}

Status DecodeToUtf8(std::string_view bytes, std::string* out, std::string* charset) {
  if (bytes.size() > kMaxBytes) {
    return Status::InvalidInput("page too large to convert (" + std::to_string(bytes.size()) +
                                " bytes)");
  }
  std::string label = SniffCharset(bytes);
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // A label ICU does not know is as good as none: read the page as UTF-8 or windows-1252.
  if (!label.empty() && !IsUtf8Label(label) && !IsWindows1252Label(label)) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open(label.c_str(), &status);
    if (U_FAILURE(status)) label.clear();
    if (converter != nullptr) ucnv_close(converter);
  }
  if (label.empty() || IsUtf8Label(label)) {
    if (core::IsValidUtf8(bytes)) {
      out->assign(bytes);
      *charset = "utf-8";
      return Status::Ok();
    }
    if (label.empty()) {
      // Undeclared and not UTF-8: a legacy page, most likely windows-1252.
      if (ConvertWithIcu(bytes, "windows-1252", out)) {
        *charset = "windows-1252";
        return Status::Ok();
      }
    }
    SanitizeUtf8(bytes, out);
    *charset = "utf-8";
    return Status::Ok();
  }
  if (label == "utf-16le" || label == "utf-16be" || label == "utf-16") {
    if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
      bytes.remove_prefix(2);
    } else {
      // A page that could be read far enough to find its <meta> is ASCII-compatible: the label
      // is wrong (HTML says to read such pages as UTF-8).
      SanitizeUtf8(bytes, out);
      *charset = "utf-8";
      return Status::Ok();
    }
  }
  const std::string icu_label = IsWindows1252Label(label) ? "windows-1252" : label;
  if (!ConvertWithIcu(bytes, icu_label.c_str(), out)) {
    return Status::InvalidInput("cannot convert from charset \"" + label + "\"");
  }
  *charset = icu_label;
  return Status::Ok();
}

}  // namespace whipcount::html
