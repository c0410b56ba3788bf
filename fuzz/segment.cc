// Fuzzes the segment stage (after the clean stage, as in the pipeline) with the shipped
// abbreviations. Input that is not UTF-8 is passed over (the readers reject it).
// Beyond not crashing: tokens are non-empty, in order, inside the text and on code point
// boundaries; sentences tile the tokens in order and each token names its sentence.
#include <cstdlib>
#include <memory>

#include "clean/cleaner.h"
#include "core/utf8.h"
#include "fuzz_util.h"
#include "segment/segmenter.h"

namespace {

bool IsBoundary(const std::string& s, uint32_t i) {
  return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  static const clean::Cleaner* cleaner = [] {
    auto c = clean::Cleaner::Load(fuzz::DataDir() + "/patterns/furniture.tsv");
    if (!c.ok()) std::abort();
    return std::move(c).value().release();
  }();
  static const segment::Segmenter* segmenter = [] {
    auto s = segment::Segmenter::Load(fuzz::DataDir() + "/lexicons/abbreviations.txt");
    if (!s.ok()) std::abort();
    return std::move(s).value().release();
  }();
  const std::string_view bytes = fuzz::AsView(data, size);
  if (!core::IsValidUtf8(bytes)) return 0;
  Document doc;
  doc.article.text = std::string(bytes);
  if (!cleaner->Process(doc).ok()) return 0;
  if (!segmenter->Process(doc).ok()) return 0;
  uint32_t prev_end = 0;
  for (const Token& t : doc.tokens) {
    if (t.begin >= t.end || t.begin < prev_end || t.end > doc.text.size() ||
        !IsBoundary(doc.text, t.begin) || !IsBoundary(doc.text, t.end) ||
        t.sentence >= doc.sentences.size()) {
      std::abort();
    }
    prev_end = t.end;
  }
  uint32_t next_token = 0;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    if (sent.token_begin != next_token || sent.token_end < sent.token_begin ||
        sent.token_end > doc.tokens.size() || sent.begin > sent.end ||
        sent.end > doc.text.size()) {
      std::abort();
    }
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
      if (doc.tokens[t].sentence != s) std::abort();
    }
    next_token = sent.token_end;
  }
  if (next_token != doc.tokens.size()) std::abort();
  return 0;
}
