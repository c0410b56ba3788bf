#include "syntax/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

constexpr char kTwoSentences[] =
    "# sent_id = a\n"
    "# text = They won't go.\n"
    "1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\twon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\two\twill\tAUX\tMD\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "\n";

TEST(ReadConllu, KeepsSyntacticWordsOnly) {
  const std::string path = testutil::WriteTempFile("two.conllu", kTwoSentences);
  auto sentences = ReadConllu(path);
  ASSERT_OK(sentences.status());
  ASSERT_EQ(sentences.value().size(), 2u);
  const ConlluSentence& first = sentences.value()[0];
  ASSERT_EQ(first.words.size(), 5u);  // no "won't" line, no empty node 4.1
  EXPECT_EQ(first.comments.size(), 2u);
  EXPECT_EQ(first.words[1].form, "wo");
  EXPECT_EQ(first.words[3].upos, "VERB");
  EXPECT_EQ(first.words[3].head, 0);
  EXPECT_EQ(first.words[4].head, 4);
  EXPECT_EQ(first.words[4].deprel, "punct");
}

TEST(ReadConllu, ShortLineNamesFileAndLine) {
  const std::string path =
      testutil::WriteTempFile("bad.conllu", "# c\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\n\n");
  auto sentences = ReadConllu(path);
  ASSERT_FALSE(sentences.ok());
  EXPECT_NE(sentences.status().message().find(path + ":2:"), std::string::npos)
      << sentences.status().ToString();
}

TEST(ReadConllu, HeadOutOfRangeIsRefused) {
  const std::string path =
      testutil::WriteTempFile("head.conllu", "1\tHi\thi\tINTJ\tUH\t_\t7\troot\t_\t_\n\n");
  auto sentences = ReadConllu(path);
  ASSERT_FALSE(sentences.ok());
  EXPECT_NE(sentences.status().message().find("out of range"), std::string::npos);
}

TEST(ReadConllu, MissingFileIsNotFound) {
  auto sentences = ReadConllu(testutil::TempDir() + "/absent.conllu");
  ASSERT_FALSE(sentences.ok());
  EXPECT_EQ(sentences.status().code(), Status::Code::kNotFound);
}

TEST(WriteConllu, RoundTrips) {
  const std::string path = testutil::WriteTempFile("two.conllu", kTwoSentences);
  auto sentences = ReadConllu(path);
  ASSERT_OK(sentences.status());
  std::ostringstream out;
  WriteConllu(sentences.value(), out);
  const std::string again_path = testutil::WriteTempFile("again.conllu", out.str());
  auto again = ReadConllu(again_path);
  ASSERT_OK(again.status());
  ASSERT_EQ(again.value().size(), 2u);
  ASSERT_EQ(again.value()[0].words.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(again.value()[0].words[i].form, sentences.value()[0].words[i].form);
    EXPECT_EQ(again.value()[0].words[i].head, sentences.value()[0].words[i].head);
    EXPECT_EQ(again.value()[0].words[i].deprel, sentences.value()[0].words[i].deprel);
  }
}

}  // namespace
}  // namespace whipcount::syntax
