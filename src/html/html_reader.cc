#include "html/html_reader.h"

#include <gumbo.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html/charset.h"
#include "html/html_internal.h"

namespace whipcount::html {
namespace {

using internal::Page;

// --- Dates ------------------------------------------------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `len` digits at s[pos]; false when they are not all digits.
bool Digits(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!IsDigit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// The month of an English month name or its three-letter abbreviation at the start of `word`
// (the form of RFC 822 and HTTP dates), else 0.
int MonthOf(std::string_view word) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  char w[3];
  for (int i = 0; i < 3; ++i) w[i] = static_cast<char>(word[i] | 0x20);
  for (int m = 0; m < 12; ++m)
    if (std::memcmp(w, kMonths[m], 3) == 0) return m + 1;
  return 0;
}

// A calendar date from a metadata value: ISO 8601 ("2019-11-19", "2019-11-19T08:03:00Z"),
// "2019/11/19", "20191119", or a written date with an English month ("Tue, 19 Nov 2019
// 08:03:00 GMT", "November 19, 2019").
std::optional<Date> ParseMetaDate(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string_view::npos) return std::nullopt;
  s.remove_prefix(b);
  Date d;
  if (Digits(s, 0, 4, &d.year)) {
    if (s.size() >= 10 && (s[4] == '-' || s[4] == '/' || s[4] == '.') && s[7] == s[4] &&
        Digits(s, 5, 2, &d.month) && Digits(s, 8, 2, &d.day) && d.valid()) {
      return d;
    }
    if (Digits(s, 4, 2, &d.month) && Digits(s, 6, 2, &d.day) && (s.size() == 8 || !IsDigit(s[8])) &&
        d.valid()) {
      return d;
    }
    return std::nullopt;
  }
  // Written dates: a month word, a day (1-31) and a year (4 digits), in either order.
  int month = 0, day = 0, year = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsDigit(s[i]) && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')) ++i;
    size_t j = i;
    if (i < s.size() && IsDigit(s[i])) {
      while (j < s.size() && IsDigit(s[j])) ++j;
      int v = 0;
      // Runs longer than a year are neither day nor year, and would overflow `v` (fuzz/read_html).
      if (j - i <= 4) Digits(s, i, j - i, &v);
      const bool clock = (j < s.size() && s[j] == ':') || (i > 0 && s[i - 1] == ':');
      if (clock) {
        // hours, minutes, seconds: not a day
      } else if (j - i == 4 && year == 0) {
        year = v;
      } else if (j - i <= 2 && day == 0 && v >= 1 && v <= 31) {
        day = v;
      }
    } else {
      while (j < s.size() && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')) ++j;
      if (month == 0) month = MonthOf(s.substr(i, j - i));
    }
    if (j == i) ++j;
    i = j;
    if (month && day && year) break;
  }
  d = Date{year, month, day};
  if (month && day && year && d.valid()) return d;
  return std::nullopt;
}

// --- JSON-LD ----------------------------------------------------------------------------------

struct LinkedData {
  std::string headline;
  std::string published;
  std::string url;
  std::string body;
};

bool IsArticleType(const nlohmann::json& type) {
  auto one = [](const std::string& t) {
    return t.size() >= 7 &&
           (t.find("Article") != std::string::npos || t.find("BlogPosting") != std::string::npos ||
            t == "Report" || t == "NewsArticle");
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type)
      if (t.is_string() && one(t.get<std::string>())) return true;
  }
  return false;
}

std::string StringOf(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    auto it = j.find("@id");
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  if (j.is_array() && !j.empty()) return StringOf(j.front());
  return "";
}

// Fills `out` from the first objects under `j` (depth first) of an article type, or of any
// type when `any_type`.
void VisitLinkedData(const nlohmann::json& j, int depth, bool any_type, LinkedData* out) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& item : j) VisitLinkedData(item, depth + 1, any_type, out);
    return;
  }
  if (!j.is_object()) return;
  auto type = j.find("@type");
  if (any_type || (type != j.end() && IsArticleType(*type))) {
    auto take = [&](const char* key, std::string* field) {
      auto it = j.find(key);
      if (it != j.end() && field->empty()) *field = StringOf(*it);
    };
    take("headline", &out->headline);
    take("datePublished", &out->published);
    take("articleBody", &out->body);
    take("url", &out->url);
    if (out->url.empty()) take("mainEntityOfPage", &out->url);
  }
  for (const auto& [key, value] : j.items()) {
    if (value.is_array() || value.is_object()) VisitLinkedData(value, depth + 1, any_type, out);
  }
}

LinkedData ReadLinkedData(const std::vector<std::string>& scripts) {
  LinkedData out;
  LinkedData any;  // from objects of any type, for what no article object gives
  for (std::string script : scripts) {
    // Raw line breaks and tabs inside strings are common and invalid JSON; outside strings
    // they are white space either way.
    for (char& c : script)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    nlohmann::json j = nlohmann::json::parse(script, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;
    VisitLinkedData(j, 0, /*any_type=*/false, &out);
    VisitLinkedData(j, 0, /*any_type=*/true, &any);
  }
  if (out.published.empty()) out.published = any.published;
  return out;
}

// --- Metadata ---------------------------------------------------------------------------------

std::string_view MetaValue(const Page& page, std::string_view key) {
  for (const auto& [k, v] : page.meta.meta)
    if (k == key) return v;
  return {};
}

bool IsHttpUrl(std::string_view s) {
  return s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://";
}

// `s` without white space at either end and with each inner run of it made one space.
std::string Trimmed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string PickTitle(const Page& page, const LinkedData& ld) {
  for (std::string_view key : {"og:title", "twitter:title"}) {
    std::string v = Trimmed(MetaValue(page, key));
    if (!v.empty()) return v;
  }
  if (!ld.headline.empty()) return Trimmed(ld.headline);
  for (const std::string& h1 : page.meta.h1)
    if (!h1.empty()) return h1;
  return Trimmed(page.meta.html_title);
}

std::string PickUrl(const Page& page, const LinkedData& ld) {
  if (IsHttpUrl(page.meta.canonical)) return Trimmed(page.meta.canonical);
  std::string og = Trimmed(MetaValue(page, "og:url"));
  if (IsHttpUrl(og)) return og;
  if (IsHttpUrl(ld.url)) return Trimmed(ld.url);
  return Trimmed(page.meta.canonical);
}

std::optional<Date> PickPublished(const Page& page, const LinkedData& ld) {
  static constexpr std::string_view kFirst[] = {"article:published_time", "datepublished",
                                                "article:published", "og:published_time",
                                                "published_time"};
  for (std::string_view key : kFirst)
    if (auto d = ParseMetaDate(MetaValue(page, key))) return d;
  if (auto d = ParseMetaDate(ld.published)) return d;
  static constexpr std::string_view kMore[] = {"pubdate",
                                               "publishdate",
                                               "publish-date",
                                               "publish_date",
                                               "dc.date.issued",
                                               "dcterms.issued",
                                               "dc.date",
                                               "dcterms.created",
                                               "sailthru.date",
                                               "parsely-pub-date",
                                               "date",
                                               "article.published",
                                               "cxenseparse:recs:publishtime",
                                               "originalpublicationdate",
                                               "displaydate"};
  for (std::string_view key : kMore)
    if (auto d = ParseMetaDate(MetaValue(page, key))) return d;
  for (const std::string& t : page.meta.time_datetimes)
    if (auto d = ParseMetaDate(t)) return d;
  return std::nullopt;
}

// JSON-LD articleBody instead of the text found in the page, only when the page's text looks
// like a fragment of it: on these pages the tree's paragraphs are the better text (articleBody
// often runs paragraphs together, or is cut to a teaser), but when the tree gave little or
// nothing the publisher's own copy is the article.
bool UseLinkedBody(const std::string& ld_body, const std::string& dom_body) {
  if (ld_body.size() < 500 || ld_body.size() < 2 * dom_body.size()) return false;
  if (ld_body.find("</") != std::string::npos) return false;  // markup, not text
  return dom_body.empty() || internal::ShingleContainment(dom_body, ld_body) >= 0.5;
}

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  size_t first = bytes.find_first_not_of(" \t\r\n\f\v");
  return first != std::string_view::npos && bytes[first] == '<';
}

Result<Article> ReadHtmlPage(std::string_view bytes, const std::string& source,
                             const std::string& fallback_id) {
  if (bytes.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    return Status::InvalidInput(source + ": empty file");
  }
  const bool utf16 = bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  if (!utf16) {
    if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
      return Status::InvalidInput(source + ": binary file (NUL byte at offset " +
                                  std::to_string(nul) + ")");
    }
  }
  std::string utf8, charset;
  if (Status st = DecodeToUtf8(bytes, &utf8, &charset); !st.ok()) {
    return Status::InvalidInput(source + ": " + st.message());
  }

  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // parse errors are not reported; recording them only costs time
  std::string lean;
  internal::DropScriptBodies(utf8, &lean);
  utf8.clear();
  utf8.shrink_to_fit();
  GumboOutput* output = gumbo_parse_with_options(&options, lean.data(), lean.size());
  if (output == nullptr) return Status::Internal(source + ": HTML parser failed");
  Page page;
  internal::CollectPage(output->document, &page);

  LinkedData ld = ReadLinkedData(page.meta.json_ld);
  Article article;
  article.id = fallback_id;
  article.source = source;
  article.title = PickTitle(page, ld);
  article.url = PickUrl(page, ld);
  article.published = PickPublished(page, ld);
  article.text = internal::ExtractBody(page);
  gumbo_destroy_output(&options, output);  // Page::elems point into the tree until here
  if (UseLinkedBody(ld.body, article.text)) article.text = Trimmed(ld.body);
  return article;
}

}  // namespace whipcount::html
