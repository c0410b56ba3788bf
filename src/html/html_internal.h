// Helpers shared by the html stage's files; not part of the stage's interface.
// Thread safety: pure functions over a parsed page that the caller owns.
#ifndef WHIPCOUNT_HTML_HTML_INTERNAL_H_
#define WHIPCOUNT_HTML_HTML_INTERNAL_H_

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whipcount::html::internal {

// What the page says about itself outside the body text: <title>, <meta> tags, canonical
// link, JSON-LD, <time> elements. Filled by one walk over the tree.
struct PageMeta {
  std::string html_title;       // <title>
  std::vector<std::string> h1;  // text of each <h1>, in order
  // (key, value) of each <meta>: key is the lower-cased property, name or itemprop.
  std::vector<std::pair<std::string, std::string>> meta;
  std::string canonical;                    // <link rel="canonical" href>
  std::vector<std::string> json_ld;         // contents of each <script type="application/ld+json">
  std::vector<std::string> time_datetimes;  // datetime of each <time>, in order
};

// A run of text the page shows as one block (a paragraph, heading, list item, or the loose
// text of a container), white space collapsed.
struct Block {
  int32_t elem = -1;  // index into Page::elems of the block-level element holding it
  std::string text;
  uint32_t chars = 0;       // code points, white space excluded
  uint32_t link_chars = 0;  // of those, inside <a href>
  uint8_t heading = 0;      // 1-6 for <h1>..<h6>, else 0
  bool paragraph = false;   // held by <p>, <blockquote>, <pre> or <li>
};

// A block-level element the page shows (hidden and furniture elements are left out).
struct Elem {
  const GumboNode* node = nullptr;  // valid while the parser's output lives
  int32_t parent = -1;              // index into Page::elems, -1 for the top
  int8_t hint = 0;  // from class, id, role, itemprop, tag: <0 furniture, >0 article body
};

struct Page {
  PageMeta meta;
  std::vector<Elem> elems;
  std::vector<Block> blocks;  // in document order
};

// Copies `html` into *out without the contents of <script> and <style> elements (JSON-LD
// scripts are kept), which the parser would otherwise tokenize only for them to be skipped:
// on news pages they are half the bytes. Comments and the raw text of <title>, <textarea>
// and <xmp> are passed over whole, and tags are read with their quoted attribute values, so
// a "<script" inside any of them is not taken for a tag. An element left open at the end is
// copied as it is.
void DropScriptBodies(std::string_view html, std::string* out);

// Walks the tree under `root` (the document node) once, filling `page`.
void CollectPage(const GumboNode* root, Page* page);

// The article body of `page`: the paragraphs of the best-scoring container joined by "\n\n",
// or "" when the page holds no article-like text.
std::string ExtractBody(const Page& page);

// Word-shingle overlap of two texts, |A ∩ B| / |A|, for checking one text against another
// (4-word shingles of the lower-cased, white-space separated words). 0 when `a` has none.
double ShingleContainment(std::string_view a, std::string_view b);

}  // namespace whipcount::html::internal

#endif  // WHIPCOUNT_HTML_HTML_INTERNAL_H_
