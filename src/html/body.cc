// The article body of a parsed page. The tree is flattened into text blocks; each block-level
// element is scored by the article-like text under it against the furniture text under it
// (links, menus, short labels); the best element's paragraphs, less furniture inside it, are
// the body.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "html/html_internal.h"

namespace whipcount::html::internal {
namespace {

// --- Tags -------------------------------------------------------------------------------------

// Subtrees never shown as article text.
bool IsSkippedTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// Elements that start a new block of text; everything else flows inline.
bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_UNKNOWN:  // custom elements (<amp-img>, <ps-paragraph>) are mostly boxes
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
      return 1;
    case GUMBO_TAG_H2:
      return 2;
    case GUMBO_TAG_H3:
      return 3;
    case GUMBO_TAG_H4:
      return 4;
    case GUMBO_TAG_H5:
      return 5;
    case GUMBO_TAG_H6:
      return 6;
    default:
      return 0;
  }
}

bool IsParagraphTag(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_BLOCKQUOTE || tag == GUMBO_TAG_PRE ||
         tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD;
}

// --- Attributes -------------------------------------------------------------------------------

std::string_view Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr == nullptr ? std::string_view() : std::string_view(attr->value);
}

bool HasAttr(const GumboNode* node, const char* name) {
  return gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool ContainsNoSpace(std::string_view haystack, std::string_view needle) {
  // Case-insensitive search ignoring spaces in `haystack` ("display: none" == "display:none").
  std::string squeezed;
  squeezed.reserve(haystack.size());
  for (char c : haystack)
    if (c != ' ' && c != '\t' && c != '\n') squeezed += Lower(c);
  return squeezed.find(needle) != std::string::npos;
}

// Shown to no one: the hidden attribute, aria-hidden, or an inline style that hides it.
bool IsHidden(const GumboNode* node) {
  if (HasAttr(node, "hidden")) return true;
  if (Attr(node, "aria-hidden") == "true") return true;
  std::string_view style = Attr(node, "style");
  if (!style.empty() &&
      (ContainsNoSpace(style, "display:none") || ContainsNoSpace(style, "visibility:hidden"))) {
    return true;
  }
  return false;
}

// Words of class and id values: split at anything not a letter or digit and at lower-to-upper
// case changes ("articleBody" -> "article", "body"), lower-cased.
void SplitNameWords(std::string_view value, std::vector<std::string>* words) {
  std::string word;
  char prev = 0;
  for (char c : value) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool upper = c >= 'A' && c <= 'Z';
    if (!alnum || (upper && prev >= 'a' && prev <= 'z')) {
      if (!word.empty()) words->push_back(word);
      word.clear();
    }
    if (alnum) word += Lower(c);
    prev = c;
  }
  if (!word.empty()) words->push_back(word);
}

// Structural vocabulary of page templates (class and id words), not language data: the same
// words name the same page parts on sites in any language, which is why they live here rather
// than in data/.
const std::unordered_set<std::string>& FurnitureWords() {
  static const auto* words =
      new std::unordered_set<std::string>{"comment",     "comments",      "share",
                                          "sharing",     "sharebar",      "social",
                                          "related",     "promo",         "promos",
                                          "ad",          "ads",           "advert",
                                          "adverts",     "advertisement", "advertising",
                                          "sponsor",     "sponsored",     "sidebar",
                                          "footer",      "nav",           "navbar",
                                          "navigation",  "menu",          "breadcrumb",
                                          "breadcrumbs", "newsletter",    "newsletters",
                                          "subscribe",   "subscription",  "signup",
                                          "popup",       "modal",         "cookie",
                                          "cookies",     "banner",        "widget",
                                          "widgets",     "recommended",   "recommendations",
                                          "recirc",      "trending",      "popular",
                                          "outbrain",    "taboola",       "tags",
                                          "byline",      "bylines",       "author",
                                          "authors",     "caption",       "captions",
                                          "credit",      "credits",       "meta",
                                          "toolbar",     "masthead",      "disclaimer",
                                          "pagination",  "pager",         "login",
                                          "rail",        "teaser",        "teasers",
                                          "overlay",     "gallery",       "slideshow",
                                          "carousel",    "dateline",      "timestamp",
                                          "skip",        "follow",        "donate",
                                          "mostread",    "readmore",      "complementary"};
  return *words;
}

const std::unordered_set<std::string>& ArticleWords() {
  static const auto* words = new std::unordered_set<std::string>{
      "article",    "content",  "story",       "body",      "entry",   "post",
      "text",       "main",     "blog",        "prose",     "copy",    "paragraph",
      "paragraphs", "richtext", "articlebody", "storybody", "postbody"};
  return *words;
}

int8_t HintOf(const GumboNode* node) {
  std::string_view itemprop = Attr(node, "itemprop");
  if (itemprop == "articleBody" || itemprop == "articlebody") return 3;
  std::string_view role = Attr(node, "role");
  if (role == "navigation" || role == "complementary" || role == "contentinfo" ||
      role == "banner" || role == "dialog" || role == "alert" || role == "menu") {
    return -2;
  }
  std::vector<std::string> words;
  SplitNameWords(Attr(node, "class"), &words);
  SplitNameWords(Attr(node, "id"), &words);
  bool furniture = false, article = false;
  for (const std::string& w : words) {
    if (FurnitureWords().count(w)) furniture = true;
    if (ArticleWords().count(w)) article = true;
  }
  GumboTag tag = node->v.element.tag;
  if (furniture || tag == GUMBO_TAG_HEADER) return -1;
  if (article || role == "main" || role == "article" || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN) {
    return 1;
  }
  return 0;
}

// --- Text -------------------------------------------------------------------------------------

// Appends `text` to `out`, collapsing runs of white space (no-break spaces included) to one
// space; `*space` carries a pending space across calls.
void AppendCollapsed(std::string_view text, std::string* out, bool* space) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      *space = true;
      continue;
    }
    if (*space && !out->empty() && out->back() != '\n') out->push_back(' ');
    *space = false;
    out->push_back(static_cast<char>(c));
  }
}

// Code points of `s` that are not ASCII white space.
uint32_t CountChars(std::string_view s) {
  uint32_t n = 0;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80 && c != ' ' && c != '\n') ++n;
  }
  return n;
}

void TrimInPlace(std::string* s) {
  size_t b = s->find_first_not_of(" \n");
  if (b == std::string::npos) {
    s->clear();
    return;
  }
  size_t e = s->find_last_not_of(" \n");
  *s = s->substr(b, e - b + 1);
}

// Text of all text nodes under `node`, white space collapsed (for <title>, <h1>).
std::string NodeText(const GumboNode* node) {
  std::string out;
  bool space = false;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      AppendCollapsed(n->v.text.text, &out, &space);
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i > 0; --i)
        stack.push_back(static_cast<const GumboNode*>(kids.data[i - 1]));
    }
  }
  TrimInPlace(&out);
  return out;
}

// Markup shown as text: what a <noscript> in <head> turns into ("<img src=...>").
bool LooksLikeMarkup(std::string_view text) {
  if (text.size() < 3 || text.front() != '<' || text.back() != '>') return false;
  char c = Lower(text[1]);
  return (c >= 'a' && c <= 'z') || c == '/' || c == '!';
}

// Whether an element has block-level children (an inline wrapper around paragraphs).
bool HoldsBlocks(const GumboNode* node) {
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (kid->type == GUMBO_NODE_ELEMENT && IsBlockTag(kid->v.element.tag)) return true;
  }
  return false;
}

// --- The walk ---------------------------------------------------------------------------------

class Collector {
 public:
  explicit Collector(Page* page) : page_(page) {}

  void Run(const GumboNode* root) {
    struct Frame {
      const GumboNode* node;
      unsigned next_child;
      int32_t elem;          // elem this frame opened, or -1
      bool link;             // this frame opened an <a href>
      bool skipped;          // this frame opened a subtree not shown (walked for metadata only)
      bool article = false;  // this frame opened an <article>
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0, -1, false, false});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboNode* node = frame.node;
      const GumboVector* kids = nullptr;
      if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        kids = &node->v.element.children;
      } else if (node->type == GUMBO_NODE_DOCUMENT) {
        kids = &node->v.document.children;
      }
      if (kids == nullptr || frame.next_child >= kids->length) {
        // Leaving the node.
        if (frame.elem >= 0) {
          Flush();
          current_.pop_back();
        }
        if (frame.link) --link_depth_;
        if (frame.skipped) --skip_depth_;
        if (frame.article) --articles_open_;
        stack.pop_back();
        continue;
      }
      const GumboNode* child = static_cast<const GumboNode*>(kids->data[frame.next_child++]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          if (skip_depth_ == 0) AddText(child->v.text.text);
          break;
        case GUMBO_NODE_ELEMENT: {
          GumboTag tag = child->v.element.tag;
          CollectMeta(child, tag);
          Frame next{child, 0, -1, false, false};
          // Inline furniture (a caption or credit <span>) goes at once: no prose hides there.
          const bool inline_furniture =
              !IsBlockTag(tag) && tag != GUMBO_TAG_A && HintOf(child) < 0 && !HoldsBlocks(child);
          if (skip_depth_ > 0 || IsSkippedTag(tag) || IsHidden(child) || inline_furniture) {
            // Only <head> and the like hold metadata; scripts and styles hold one text node.
            next.skipped = true;
            ++skip_depth_;
            stack.push_back(next);
            break;
          }
          if (tag == GUMBO_TAG_BR) {
            AddBreak();
            break;
          }
          if (IsBlockTag(tag) || stack.size() == 1) {
            Flush();
            Elem elem;
            elem.node = child;
            elem.parent = current_.empty() ? -1 : current_.back();
            elem.hint = HintOf(child);
            // An <article> inside another is a comment or another story (HTML's own meaning).
            if (tag == GUMBO_TAG_ARTICLE) {
              if (articles_open_ > 0) elem.hint = -1;
              ++articles_open_;
              next.article = true;
            }
            next.elem = static_cast<int32_t>(page_->elems.size());
            page_->elems.push_back(elem);
            current_.push_back(next.elem);
          } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
            space_ = true;  // a table row reads as one line, its cells apart
          } else if (tag == GUMBO_TAG_A && HasAttr(child, "href")) {
            next.link = true;
            ++link_depth_;
          }
          stack.push_back(next);
          break;
        }
        default:
          break;  // comments, templates' contents
      }
    }
    Flush();
  }

 private:
  void CollectMeta(const GumboNode* node, GumboTag tag) {
    PageMeta& meta = page_->meta;
    switch (tag) {
      case GUMBO_TAG_TITLE:
        if (meta.html_title.empty()) meta.html_title = NodeText(node);
        break;
      case GUMBO_TAG_H1:
        meta.h1.push_back(NodeText(node));
        break;
      case GUMBO_TAG_META: {
        std::string_view value = Attr(node, "content");
        if (value.empty()) value = Attr(node, "datetime");
        if (value.empty()) break;
        // One tag may name its value several ways: property, name, and itemprop (which may
        // list several properties).
        std::string keys = std::string(Attr(node, "property")) + ' ' +
                           std::string(Attr(node, "name")) + ' ' +
                           std::string(Attr(node, "itemprop"));
        std::string key;
        for (size_t i = 0; i <= keys.size(); ++i) {
          if (i == keys.size() || keys[i] == ' ') {
            if (!key.empty()) meta.meta.emplace_back(key, std::string(value));
            key.clear();
          } else {
            key += Lower(keys[i]);
          }
        }
        break;
      }
      case GUMBO_TAG_LINK: {
        std::string rel(Attr(node, "rel"));
        for (char& c : rel) c = Lower(c);
        if (rel == "canonical" && meta.canonical.empty()) meta.canonical = Attr(node, "href");
        break;
      }
      case GUMBO_TAG_SCRIPT: {
        std::string type(Attr(node, "type"));
        for (char& c : type) c = Lower(c);
        if (type == "application/ld+json") {
          std::string text;
          const GumboVector& kids = node->v.element.children;
          for (unsigned i = 0; i < kids.length; ++i) {
            const GumboNode* kid = static_cast<const GumboNode*>(kids.data[i]);
            if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA ||
                kid->type == GUMBO_NODE_WHITESPACE) {
              text += kid->v.text.text;
            }
          }
          meta.json_ld.push_back(std::move(text));
        }
        break;
      }
      case GUMBO_TAG_TIME: {
        std::string_view datetime = Attr(node, "datetime");
        if (!datetime.empty()) meta.time_datetimes.emplace_back(datetime);
        break;
      }
      default:
        break;
    }
  }

  void AddText(std::string_view text) {
    size_t before = buffer_.size();
    AppendCollapsed(text, &buffer_, &space_);
    if (link_depth_ > 0) link_chars_ += CountChars(std::string_view(buffer_).substr(before));
  }

  void AddBreak() {
    if (!buffer_.empty() && buffer_.back() != '\n') buffer_.push_back('\n');
    space_ = false;
  }

  void Flush() {
    TrimInPlace(&buffer_);
    if (LooksLikeMarkup(buffer_)) buffer_.clear();
    if (!buffer_.empty() && !current_.empty()) {
      Block block;
      block.elem = current_.back();
      block.chars = CountChars(buffer_);
      block.link_chars = std::min(link_chars_, block.chars);
      GumboTag tag = page_->elems[block.elem].node->v.element.tag;
      block.heading = static_cast<uint8_t>(HeadingLevel(tag));
      block.paragraph = IsParagraphTag(tag);
      block.text = std::move(buffer_);
      page_->blocks.push_back(std::move(block));
    }
    buffer_.clear();
    space_ = false;
    link_chars_ = 0;
  }

  Page* page_;
  std::vector<int32_t> current_;  // open block-level elems, innermost last
  std::string buffer_;            // text of the block being assembled
  bool space_ = false;
  uint32_t link_chars_ = 0;
  int link_depth_ = 0;
  int skip_depth_ = 0;  // open subtrees not shown
  int articles_open_ = 0;
};

// --- Scoring ----------------------------------------------------------------------------------

// Blocks shorter than this (in characters) are labels, not prose.
constexpr uint32_t kShortBlock = 30;
// How far up from a prose block to look for the box of a teaser (headline link + summary).
constexpr int kTeaserBoxDepth = 3;
// Teaser summaries are a sentence or two; fewer than this many boxes are not a list.
constexpr uint32_t kTeaserChars = 400;
constexpr size_t kMinTeasers = 3;
// The least prose (in RateBlock's units: characters with bonuses) an article holds.
constexpr double kMinArticleGood = 200;

bool EndsSentence(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty()) return false;
  char c = text.back();
  if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == ')') return true;
  // ” ’ … and the CJK full stop end in these bytes.
  return text.size() >= 3 && (text.substr(text.size() - 3) == "\xE2\x80\x9D" ||
                              text.substr(text.size() - 3) == "\xE2\x80\x99" ||
                              text.substr(text.size() - 3) == "\xE2\x80\xA6" ||
                              text.substr(text.size() - 3) == "\xE3\x80\x82");
}

double LinkDensity(const Block& block) {
  return block.chars == 0 ? 1.0 : static_cast<double>(block.link_chars) / block.chars;
}

// How much a block looks like article prose, and how much like furniture.
void RateBlock(const Block& block, double* good, double* bad) {
  *good = 0;
  *bad = 0;
  if (block.heading > 0) return;  // headings say little either way
  double density = LinkDensity(block);
  if (density > 0.5) {
    *bad = block.chars;
    return;
  }
  if (block.chars < kShortBlock) {
    *bad = 0.3 * block.chars;
    return;
  }
  double prose = block.chars - block.link_chars;
  if (EndsSentence(block.text)) prose *= 1.2;
  if (block.paragraph) prose *= 1.2;
  *good = prose;
  *bad = block.link_chars;
}

}  // namespace

void CollectPage(const GumboNode* root, Page* page) {
  Collector collector(page);
  collector.Run(root);
}

namespace {

// Sums each block's rating into every elem above it. Blocks flagged in `as_furniture` count
// all their text as furniture.
void SumRatings(const Page& page, const std::vector<bool>* as_furniture, std::vector<double>* good,
                std::vector<double>* bad) {
  good->assign(page.elems.size(), 0.0);
  bad->assign(page.elems.size(), 0.0);
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& block = page.blocks[i];
    double g = 0, b = 0;
    RateBlock(block, &g, &b);
    if (as_furniture != nullptr && (*as_furniture)[i]) {
      b += g;
      g = 0;
    }
    for (int32_t e = block.elem; e >= 0; e = page.elems[e].parent) {
      (*good)[e] += g;
      (*bad)[e] += b;
    }
  }
}

// Elems that are furniture, with all their subtrees: named so (class, id, role, nested
// <article>), unless they hold half the page's prose (then they are misnamed:
// "article-share-target"). A quotation is the story's own even in a box named for the network
// it came from. Elems come parent first, so one pass marks whole subtrees.
std::vector<bool> MarkFurniture(const Page& page, const std::vector<double>& good) {
  const double total_good = good[0];
  std::vector<bool> furniture(page.elems.size(), false);
  for (size_t e = 0; e < page.elems.size(); ++e) {
    const Elem& elem = page.elems[e];
    const bool named = elem.hint < 0 && good[e] < 0.5 * total_good;
    const bool quote = elem.node->v.element.tag == GUMBO_TAG_BLOCKQUOTE;
    furniture[e] = named || (elem.parent >= 0 && furniture[elem.parent] && !quote);
  }
  return furniture;
}

bool IsLinkedLine(const Block& block) { return block.chars >= 15 && LinkDensity(block) > 0.8; }

// Blocks that are teasers of other stories: they read like prose, but each sits in a small
// box after a linked headline, with little else; and there is a list of them (one such box
// may be the article itself).
std::vector<bool> MarkTeasers(const Page& page) {
  const size_t n = page.elems.size();
  std::vector<uint32_t> prose(n, 0), linked(n, 0);
  std::vector<int32_t> first_linked(n, -1);
  std::vector<bool> is_prose(page.blocks.size(), false);
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& block = page.blocks[i];
    double g = 0, b = 0;
    RateBlock(block, &g, &b);
    is_prose[i] = g > 0;
    const bool is_linked = IsLinkedLine(block);
    for (int32_t e = block.elem; e >= 0; e = page.elems[e].parent) {
      prose[e] += is_prose[i];
      linked[e] += is_linked;
      if (first_linked[e] < 0 && is_linked) first_linked[e] = static_cast<int32_t>(i);
    }
  }
  auto is_teaser = [&](size_t i) {
    const Block& block = page.blocks[i];
    if (!is_prose[i] || block.chars > kTeaserChars) return false;
    int32_t e = block.elem;
    for (int up = 0; up < kTeaserBoxDepth && e >= 0; ++up, e = page.elems[e].parent) {
      if (linked[e] > 0) {
        return prose[e] <= 2 && linked[e] <= 3 && first_linked[e] < static_cast<int32_t>(i);
      }
    }
    return false;
  };
  std::vector<bool> teaser(page.blocks.size(), false);
  size_t teasers = 0;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    teaser[i] = is_teaser(i);
    teasers += teaser[i];
  }
  if (teasers < kMinTeasers) std::fill(teaser.begin(), teaser.end(), false);
  return teaser;
}

// The container of the article: the elem with the most prose net of furniture text, never
// furniture itself, with a bonus for names that say "article body". -1 when even the best
// holds less prose than a short paragraph (an index or error page).
int32_t PickContainer(const Page& page, const std::vector<double>& good,
                      const std::vector<double>& bad, const std::vector<bool>& furniture) {
  int32_t best = -1;
  double best_score = 0;
  for (size_t e = 0; e < page.elems.size(); ++e) {
    if (furniture[e]) continue;
    double score = good[e] - bad[e];
    const int8_t hint = page.elems[e].hint;
    if (hint > 0) score *= hint >= 3 ? 1.5 : 1.05;
    if (score > best_score) {
      best_score = score;
      best = static_cast<int32_t>(e);
    }
  }
  if (best >= 0 && good[best] < kMinArticleGood) return -1;
  return best;
}

bool IsProse(const Block& block) {
  double g = 0, b = 0;
  RateBlock(block, &g, &b);
  return g > 0;
}

// The blocks of the article under `best`, in order: all but furniture, teasers, the headline
// and lists of links; then labels, dates and headings before the first paragraph or after the
// last ("Related Articles", "Comments") go too, since a story starts and ends with prose.
std::vector<size_t> ArticleBlocks(const Page& page, int32_t best,
                                  const std::vector<bool>& furniture,
                                  const std::vector<bool>& teaser) {
  const size_t n = page.elems.size();
  std::vector<bool> inside(n, false);
  for (size_t e = static_cast<size_t>(best); e < n; ++e) {
    const int32_t parent = page.elems[e].parent;
    inside[e] = static_cast<int32_t>(e) == best || (parent >= best && inside[parent]);
  }
  std::vector<size_t> kept;
  for (size_t i = 0; i < page.blocks.size(); ++i) {
    const Block& block = page.blocks[i];
    if (!inside[block.elem] || furniture[block.elem] || teaser[i]) continue;
    if (block.heading == 1) continue;  // the headline is the title, not the body
    // A sentence whose words mostly link somewhere is still prose.
    const double density = LinkDensity(block);
    if (density > 0.5 && !(block.paragraph && EndsSentence(block.text) && density < 0.9)) {
      continue;
    }
    kept.push_back(i);
  }
  size_t begin = 0, end = kept.size();
  while (begin < end && !IsProse(page.blocks[kept[begin]])) ++begin;
  while (end > begin && !IsProse(page.blocks[kept[end - 1]])) --end;
  return std::vector<size_t>(kept.begin() + begin, kept.begin() + end);
}

}  // namespace

std::string ExtractBody(const Page& page) {
  if (page.elems.empty() || page.blocks.empty()) return "";
  // Compute: ratings as the page looks, furniture and teasers, ratings without them.
  std::vector<double> good, bad;
  SumRatings(page, nullptr, &good, &bad);
  const std::vector<bool> furniture = MarkFurniture(page, good);
  std::vector<bool> discounted = MarkTeasers(page);
  const std::vector<bool> teaser = discounted;
  for (size_t i = 0; i < page.blocks.size(); ++i)
    if (furniture[page.blocks[i].elem]) discounted[i] = true;
  SumRatings(page, &discounted, &good, &bad);
  const int32_t best = PickContainer(page, good, bad, furniture);
  if (best < 0) return "";
  // Apply: the container's article blocks, one paragraph each.
  std::string out;
  for (size_t i : ArticleBlocks(page, best, furniture, teaser)) {
    if (!out.empty()) out += "\n\n";
    out += page.blocks[i].text;
  }
  return out;
}

double ShingleContainment(std::string_view a, std::string_view b) {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    std::string w;
    for (char ch : s) {
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
        if (!w.empty()) out.push_back(std::move(w));
        w.clear();
      } else {
        w += Lower(ch);
      }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
  };
  auto shingles = [](const std::vector<std::string>& w) {
    std::unordered_set<std::string> out;
    for (size_t i = 0; i + 4 <= w.size(); ++i)
      out.insert(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2] + ' ' + w[i + 3]);
    return out;
  };
  std::unordered_set<std::string> sa = shingles(words(a));
  if (sa.empty()) return 0;
  std::unordered_set<std::string> sb = shingles(words(b));
  size_t shared = 0;
  for (const std::string& s : sa) shared += sb.count(s);
  return static_cast<double>(shared) / sa.size();
}

}  // namespace whipcount::html::internal
