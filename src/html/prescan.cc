// A scan over the raw page before parsing: drops what the body and metadata never read.
#include <cstring>
#include <string>
#include <string_view>

#include "html/html_internal.h"

namespace whipcount::html::internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether html[pos..] starts with the lower-case `word`, ignoring case.
bool StartsWithNoCase(std::string_view html, size_t pos, std::string_view word) {
  if (pos + word.size() > html.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (Lower(html[pos + i]) != word[i]) return false;
  return true;
}

// The end (one past '>') of the tag opening at `pos`, skipping quoted attribute values;
// npos when the page ends first.
size_t TagEnd(std::string_view html, size_t pos) {
  char quote = 0;
  for (size_t i = pos + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // Only quotes that open an attribute value ("=" before them) count.
      size_t j = i;
      while (j > pos && (html[j - 1] == ' ' || html[j - 1] == '\t' || html[j - 1] == '\n')) --j;
      if (j > pos && html[j - 1] == '=') quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Where the end tag "</name" (any case) begins at or after `from`; npos if never.
size_t FindEndTag(std::string_view html, size_t from, std::string_view name) {
  while (from < html.size()) {
    const void* hit = std::memchr(html.data() + from, '<', html.size() - from);
    if (hit == nullptr) return std::string_view::npos;
    size_t at = static_cast<size_t>(static_cast<const char*>(hit) - html.data());
    if (at + 1 < html.size() && html[at + 1] == '/' && StartsWithNoCase(html, at + 2, name)) {
      size_t after = at + 2 + name.size();
      if (after >= html.size() || !IsLetter(html[after])) return at;
    }
    from = at + 1;
  }
  return std::string_view::npos;
}

// The lower-case name of the element whose start tag begins at `pos` (after '<'), if it is
// one whose content is raw text; else "".
std::string_view RawTextElement(std::string_view html, size_t pos) {
  static constexpr std::string_view kNames[] = {"script", "style", "title", "textarea", "xmp"};
  for (std::string_view name : kNames) {
    if (StartsWithNoCase(html, pos + 1, name)) {
      size_t after = pos + 1 + name.size();
      if (after < html.size() && !IsLetter(html[after]) && html[after] != '-') return name;
    }
  }
  return {};
}

bool ContainsNoCase(std::string_view text, std::string_view word) {
  for (size_t i = 0; i + word.size() <= text.size(); ++i)
    if (StartsWithNoCase(text, i, word)) return true;
  return false;
}

}  // namespace

void DropScriptBodies(std::string_view html, std::string* out) {
  out->clear();
  out->reserve(html.size());
  size_t copied = 0;  // html[0, copied) is in *out, less what was dropped
  size_t pos = 0;
  while (pos < html.size()) {
    const void* hit = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (hit == nullptr) break;
    pos = static_cast<size_t>(static_cast<const char*>(hit) - html.data());
    if (html.compare(pos, 4, "<!--") == 0) {
      size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    if (pos + 1 >= html.size() || !IsLetter(html[pos + 1])) {
      ++pos;
      continue;
    }
    size_t tag_end = TagEnd(html, pos);
    if (tag_end == std::string_view::npos) break;
    std::string_view name = RawTextElement(html, pos);
    if (name.empty()) {
      pos = tag_end;
      continue;
    }
    size_t close = FindEndTag(html, tag_end, name);
    if (close == std::string_view::npos) break;
    const bool drop =
        name == "style" ||
        (name == "script" && !ContainsNoCase(html.substr(pos, tag_end - pos), "ld+json"));
    if (drop) {
      out->append(html.substr(copied, tag_end - copied));
      copied = close;
    }
    pos = close + 2;
  }
  out->append(html.substr(copied));
}

}  // namespace whipcount::html::internal
