// One JSON article object (eval format and JSON Lines): id, url, published, title, text.
//
// Most lines of a news crawl are flat objects of strings, and nlohmann-json builds every string
// one byte at a time, which makes it the bottleneck of reading a large .jsonl file. So a small
// parser for flat objects runs first; whenever it meets anything outside that shape (a nested
// value, a lone surrogate, a syntax error) it gives up and nlohmann-json decides, so there is
// one authority on what is valid JSON and on the error messages.
#include "read/reader.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "read/read_internal.h"

namespace whipcount::read {
namespace {

// The fields the reader keeps, as found in the object.
struct Fields {
  std::optional<std::string> id;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> published;
  std::optional<std::string> text;
  bool has_text = false;  // the key is present, whatever its type
  std::string text_type;  // JSON type name of a non-string "text"
};

enum class Key { kOther, kId, kUrl, kTitle, kPublished, kText };

Key KeyOf(std::string_view key) {
  if (key == "text") return Key::kText;
  if (key == "id") return Key::kId;
  if (key == "url") return Key::kUrl;
  if (key == "title") return Key::kTitle;
  if (key == "published") return Key::kPublished;
  return Key::kOther;
}

std::optional<std::string>* Slot(Fields& fields, Key key) {
  switch (key) {
    case Key::kId:
      return &fields.id;
    case Key::kUrl:
      return &fields.url;
    case Key::kTitle:
      return &fields.title;
    case Key::kPublished:
      return &fields.published;
    case Key::kText:
      return &fields.text;
    case Key::kOther:
      break;
  }
  return nullptr;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Parses a flat object of scalars. Parse() returns false when the input is not such an object,
// or not valid JSON; the caller then asks nlohmann-json.
class FlatObjectParser {
 public:
  explicit FlatObjectParser(std::string_view json) : s_(json) {}

  bool Parse(Fields& fields) {
    SkipSpace();
    if (!Eat('{')) return false;
    SkipSpace();
    if (Eat('}')) return AtEnd();
    std::string key;
    std::string value;
    while (true) {
      SkipSpace();
      key.clear();
      if (!ParseString(&key)) return false;
      SkipSpace();
      if (!Eat(':')) return false;
      SkipSpace();
      if (!ParseValue(KeyOf(key), fields, value)) return false;
      SkipSpace();
      if (Eat(',')) continue;
      if (Eat('}')) return AtEnd();
      return false;
    }
  }

 private:
  bool AtEnd() {
    SkipSpace();
    return i_ == s_.size();
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void SkipSpace() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool ParseValue(Key key, Fields& fields, std::string& scratch) {
    if (i_ >= s_.size()) return false;
    std::optional<std::string>* slot = Slot(fields, key);
    if (key == Key::kText) fields.has_text = true;
    char c = s_[i_];
    if (c == '"') {
      if (slot == nullptr) return ParseString(nullptr);
      scratch.clear();
      if (!ParseString(&scratch)) return false;
      *slot = std::move(scratch);
      return true;
    }
    std::string_view type;
    if (c == 'n') {
      if (!Literal("null")) return false;
      type = "null";
    } else if (c == 't' || c == 'f') {
      if (!Literal(c == 't' ? "true" : "false")) return false;
      type = "boolean";
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      if (!Number()) return false;
      type = "number";
      if (key == Key::kId) return false;  // nlohmann-json spells numbers canonically
    } else {
      return false;  // objects and arrays: the full parser handles them
    }
    if (slot != nullptr) slot->reset();
    if (key == Key::kText) fields.text_type = std::string(type);
    return true;
  }

  // Parses the string starting at s_[i_] == '"'; appends its decoded bytes to `out` if not null.
  bool ParseString(std::string* out) {
    if (!Eat('"')) return false;
    const size_t n = s_.size();
    while (true) {
      size_t j = i_;
      while (j < n) {
        unsigned char c = static_cast<unsigned char>(s_[j]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++j;
      }
      if (out != nullptr) out->append(s_.data() + i_, j - i_);
      i_ = j;
      if (i_ >= n) return false;
      char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') return false;  // a raw control character
      if (i_ >= n) return false;
      char e = s_[i_++];
      char plain = 0;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          plain = e;
          break;
        case 'b':
          plain = '\b';
          break;
        case 'f':
          plain = '\f';
          break;
        case 'n':
          plain = '\n';
          break;
        case 'r':
          plain = '\r';
          break;
        case 't':
          plain = '\t';
          break;
        case 'u': {
          char32_t cp = 0;
          if (!Hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t low = 0;
            if (!Eat('\\') || !Eat('u') || !Hex4(low) || low < 0xDC00 || low > 0xDFFF) {
              return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          if (out != nullptr) AppendUtf8(cp, *out);
          continue;
        }
        default:
          return false;
      }
      if (out != nullptr) *out += plain;
    }
  }

  // Skips a number without exponent, following JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?
  bool Number() {
    auto digits = [&]() {
      size_t start = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ > start;
    };
    Eat('-');
    if (Eat('0')) {
      // no more integer digits after a leading zero
    } else if (!digits()) {
      return false;
    }
    if (Eat('.') && !digits()) return false;
    // An exponent can overflow a double, which nlohmann-json rejects; leave those to it.
    return i_ >= s_.size() || (s_[i_] != 'e' && s_[i_] != 'E');
  }

  bool Hex4(char32_t& cp) {
    if (i_ + 4 > s_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      int v = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (v < 0) return false;
      cp = (cp << 4) | static_cast<char32_t>(v);
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// nlohmann-json's message without its "[json.exception...] parse error at line 1, column N: "
// prefix; the byte offset is given separately.
std::string DescribeParseError(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  size_t column = what.find("column");
  size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
  if (colon != std::string::npos) what = what.substr(colon + 2);
  // The library quotes everything it read of the value ("; last read: '...'"), which can be a
  // whole article: keep its last few characters, enough to find the spot.
  constexpr size_t kQuoted = 40;
  const std::string mark = "; last read: '";
  if (size_t at = what.find(mark); at != std::string::npos) {
    std::string quoted = what.substr(at + mark.size());
    if (!quoted.empty() && quoted.back() == '\'') quoted.pop_back();
    if (quoted.size() > kQuoted) {
      size_t cut = quoted.size() - kQuoted;
      while (cut < quoted.size() && (static_cast<unsigned char>(quoted[cut]) & 0xC0) == 0x80) ++cut;
      quoted = "..." + quoted.substr(cut);
    }
    what = what.substr(0, at) + mark + quoted + "'";
  }
  return "malformed JSON at byte " + std::to_string(e.byte > 0 ? e.byte - 1 : 0) + ": " + what;
}

std::optional<std::string> ScalarText(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  return std::nullopt;
}

// The slow, authoritative path.
Status ParseWithLibrary(std::string_view json, Fields& fields) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json.begin(), json.end());
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidInput(DescribeParseError(e));
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidInput(std::string("malformed JSON: ") + e.what());
  }
  if (!j.is_object()) {
    return Status::InvalidInput(std::string("expected a JSON object, got ") + j.type_name());
  }
  if (auto it = j.find("id"); it != j.end()) {
    if (it->is_string()) {
      fields.id = it->get<std::string>();
    } else if (it->is_number()) {
      fields.id = it->dump();
    }
  }
  if (auto it = j.find("url"); it != j.end()) fields.url = ScalarText(*it);
  if (auto it = j.find("title"); it != j.end()) fields.title = ScalarText(*it);
  if (auto it = j.find("published"); it != j.end()) fields.published = ScalarText(*it);
  if (auto it = j.find("text"); it != j.end()) {
    fields.has_text = true;
    fields.text = ScalarText(*it);
    if (!it->is_string()) fields.text_type = it->type_name();
  }
  return Status::Ok();
}

}  // namespace

namespace internal {

void NormalizeLineEnds(std::string& text) {
  size_t r = text.find('\r');
  if (r == std::string::npos) return;
  size_t out = r;
  for (size_t i = r; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    text[out++] = text[i];
  }
  text.resize(out);
}

std::string CheckText(std::string_view text, std::string_view what) {
  if (text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    return "empty " + std::string(what);
  }
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return "binary data: NUL byte at offset " + std::to_string(nul) + " of " + std::string(what);
  }
  if (text.size() > kMaxArticleBytes) {
    return std::string(what) + " too large for one article (" + std::to_string(text.size()) +
           " bytes; the limit is " + std::to_string(kMaxArticleBytes >> 20) + " MiB)";
  }
  return "";
}

Result<Article> ParseArticleObject(std::string_view json, const std::string& source,
                                   const std::string& fallback_id) {
  Fields fields;
  if (!FlatObjectParser(json).Parse(fields)) {
    fields = Fields();
    Status st = ParseWithLibrary(json, fields);
    if (!st.ok()) return st;
  }
  if (!fields.has_text) return Status::InvalidInput("missing \"text\"");
  if (!fields.text) {
    return Status::InvalidInput("\"text\" is " + fields.text_type + ", not a string");
  }
  if (std::string problem = CheckText(*fields.text, "\"text\""); !problem.empty()) {
    return Status::InvalidInput(problem);
  }
  Article article;
  article.id = fields.id && !fields.id->empty() ? std::move(*fields.id) : fallback_id;
  article.source = source;
  if (fields.url) article.url = std::move(*fields.url);
  if (fields.title) article.title = std::move(*fields.title);
  if (fields.published) article.published = Date::Parse(*fields.published);
  article.text = std::move(*fields.text);
  NormalizeLineEnds(article.text);
  return article;
}

}  // namespace internal

Result<Article> ParseArticleJson(std::string_view json, const std::string& source,
                                 const std::string& fallback_id) {
  size_t bad = 0;
  if (!core::IsValidUtf8(json, &bad)) {
    return Status::InvalidInput(source + ": invalid UTF-8 at byte " + std::to_string(bad));
  }
  Result<Article> article = internal::ParseArticleObject(json, source, fallback_id);
  if (!article.ok()) return Status::InvalidInput(source + ": " + article.status().message());
  return article;
}

}  // namespace whipcount::read
