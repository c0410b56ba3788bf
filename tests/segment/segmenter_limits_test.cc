// Limits of the segment stage on hostile input (issue 8): text without sentence ends is cut
// into sentences of at most 400 tokens, so that later stages, whose work per sentence grows
// faster than its length, stay fast on a megabyte-long line (a 2 MB line took 136 s to extract
// before the cut, 7 s after).
#include <gtest/gtest.h>

#include <string>

#include "segment/segmenter.h"
#include "testutil/testutil.h"

namespace whipcount::segment {
namespace {

TEST(SegmenterLimits, LineWithoutSentenceEndsIsCutEvery400Tokens) {
  auto segmenter = Segmenter::Load(testutil::DataDir() + "/lexicons/abbreviations.txt");
  ASSERT_OK(segmenter.status());
  Document doc;
  for (int i = 0; i < 5000; ++i) doc.text += i % 7 == 0 ? "union " : "said the ";
  ASSERT_OK((*segmenter)->Process(doc));
  ASSERT_GT(doc.tokens.size(), 8000u);
  ASSERT_GE(doc.sentences.size(), doc.tokens.size() / 400);
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    EXPECT_EQ(s.token_begin, next);
    EXPECT_LE(s.token_end - s.token_begin, 400u);
    next = s.token_end;
  }
  EXPECT_EQ(next, doc.tokens.size());
}

TEST(SegmenterLimits, OrdinarySentencesAreNotCut) {
  auto segmenter = Segmenter::Load(testutil::DataDir() + "/lexicons/abbreviations.txt");
  ASSERT_OK(segmenter.status());
  Document doc;
  for (int i = 0; i < 300; ++i) doc.text += "The union endorsed her on Tuesday, its leaders said. ";
  ASSERT_OK((*segmenter)->Process(doc));
  EXPECT_EQ(doc.sentences.size(), 300u);
}

}  // namespace
}  // namespace whipcount::segment
