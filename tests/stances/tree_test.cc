// The tree rules of src/stances: SentenceTree's view of a parse, and the stances that only a
// parse gives (a passive agent far from its verb, "her" as an object rather than a possessive,
// a list that goes on past what the word order joins). Each pipeline case is also run with
// syntax off, to show the surface rules alone miss it. Sentences are written for these tests.
#include "stances/tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "testutil/pipeline_util.h"
#include "testutil/testutil.h"
#include "whipcount/pipeline.h"

namespace whipcount::stances {
namespace {

using ::testing::Contains;
using ::testing::Not;

const syntax::SyntaxModel& Model() {
  static std::unique_ptr<syntax::SyntaxModel> model = [] {
    auto m = syntax::SyntaxModel::Load(testutil::DataDir() + "/models");
    EXPECT_TRUE(m.ok()) << m.status().message();
    return m.ok() ? std::move(m).value() : nullptr;
  }();
  return *model;
}

// A pipeline with the tree rules switched off.
const Pipeline& SurfacePipeline() {
  static std::unique_ptr<Pipeline> pipeline = [] {
    Options options;
    options.data_dir = testutil::DataDir();
    options.syntax = false;
    auto p = Pipeline::Create(options);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return std::move(p).value();
  }();
  return *pipeline;
}

std::vector<std::string> Surface(const std::string& text) {
  Article article;
  article.id = "test";
  article.source = "test";
  article.text = text;
  article.published = Date::Parse("2020-03-03");
  auto doc = SurfacePipeline().Process(article);
  EXPECT_TRUE(doc.ok());
  return doc.ok() ? testutil::StanceStrings(*doc) : std::vector<std::string>{};
}

std::vector<std::string> WithTrees(const std::string& text) {
  return testutil::StanceStrings(testutil::RunText(text, "2020-03-03"));
}

TEST(SentenceTreeTest, AddressesTheParseByDocumentTokens) {
  // A first sentence, so that the parsed one does not start at token 0.
  Document doc =
      testutil::RunText("Polls opened early.\n\nThe union endorsed the mayor on Monday.");
  ASSERT_EQ(doc.sentences.size(), 2u);
  SentenceTree tree(Model(), doc, 1);
  uint32_t b = doc.sentences[1].token_begin;
  uint32_t endorsed = b + 2, union_ = b + 1, mayor = b + 4;
  ASSERT_EQ(doc.TokenText(endorsed), "endorsed");
  EXPECT_EQ(tree.Head(endorsed), SentenceTree::kNone);
  EXPECT_EQ(tree.Rel(endorsed), "root");
  EXPECT_EQ(tree.Child(endorsed, "nsubj"), static_cast<int>(union_));
  EXPECT_EQ(tree.Child(endorsed, "obj"), static_cast<int>(mayor));
  EXPECT_EQ(tree.Head(b), static_cast<int>(union_));  // "The"
  EXPECT_TRUE(tree.RelIs(b, "det"));
  EXPECT_TRUE(tree.Dominates(endorsed, b));
  EXPECT_FALSE(tree.Dominates(union_, mayor));
  EXPECT_EQ(tree.SpanHead(b, b + 2), static_cast<int>(union_));  // "The union"
  // Outside the sentence: no head, no relation, no children.
  EXPECT_FALSE(tree.Contains(0));
  EXPECT_EQ(tree.Head(0), SentenceTree::kNone);
  EXPECT_EQ(tree.Rel(0), "");
  EXPECT_TRUE(tree.Children(0).empty());
  EXPECT_EQ(tree.SpanHead(0, 2), SentenceTree::kNone);
}

TEST(SentenceTreeTest, TagsFirstAndParsesOnTheFirstQuestionAboutHeads) {
  Document doc = testutil::RunText("The union endorsed her campaign, and voters backed her twice.");
  SentenceTree tree(Model(), doc, 0);
  uint32_t b = doc.sentences[0].token_begin;
  ASSERT_EQ(doc.TokenText(b + 3), "her");
  ASSERT_EQ(doc.TokenText(b + 9), "her");
  EXPECT_EQ(tree.Xpos(b + 3), "PRP$");
  EXPECT_EQ(tree.Xpos(b + 9), "PRP");
  EXPECT_EQ(tree.Upos(b + 2), "VERB");
  EXPECT_FALSE(tree.parsed());  // tags alone did not need the parser
  EXPECT_EQ(tree.Rel(b + 3), "nmod:poss");
  EXPECT_TRUE(tree.parsed());
  EXPECT_EQ(tree.Xpos(doc.sentences[0].token_end), "");  // outside the sentence
}

TEST(TreeRulesTest, PassiveAgentAfterATimePhrase) {
  const std::string text =
      "Joe Biden is running for the nomination.\n\nBiden was endorsed on Monday by the Teamsters.";
  const std::string want = "International Brotherhood of Teamsters -> Joe Biden: support/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Not(Contains(want)));
}

TEST(TreeRulesTest, HerAsObjectBeforeAnAdverb) {
  const std::string text =
      "Hillary Clinton won the nomination.\n\nThe Dallas Morning News endorsed her twice this "
      "month.";
  const std::string want = "The Dallas Morning News -> Hillary Clinton: support/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Not(Contains(want)));
}

TEST(TreeRulesTest, HerAsPossessiveStaysPossessive) {
  // "her campaign" names Clinton's campaign: the stance is toward Clinton either way.
  const std::string text =
      "Hillary Clinton won the nomination.\n\nThe Teamsters endorsed her campaign on Monday.";
  EXPECT_THAT(
      WithTrees(text),
      Contains("International Brotherhood of Teamsters -> Hillary Clinton: support/current"));
}

TEST(TreeRulesTest, ListContinuesPastACommonNoun) {
  const std::string text =
      "Jeremy Corbyn leads the party.\n\nHe is also supported by the Fire Brigades Union, the "
      "bakers' union and the Communication Workers Union.";
  const std::string want = "Communication Workers Union -> Jeremy Corbyn: support/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(WithTrees(text), Contains("Fire Brigades Union -> Jeremy Corbyn: support/current"));
}

TEST(TreeRulesTest, ListSetOffByIncludingAfterItsHead) {
  // Titles hide the later items from the word order; the tree joins them to the first.
  const std::string text =
      "Roy Moore is running.\n\nTop Democrats, including Joe Biden, Vermont Sen. Bernie Sanders "
      "and Senate Minority Leader Chuck Schumer, have said Moore should drop out of the race.";
  EXPECT_THAT(WithTrees(text), Contains("Chuck Schumer -> Roy Moore: oppose/current"));
  EXPECT_THAT(WithTrees(text), Contains("Bernie Sanders -> Roy Moore: oppose/current"));
}

TEST(TreeRulesTest, ClausesAreNoListOfSubjects) {
  // The tree joins the two clauses; only a list a preposition opens is read through it.
  const std::string text =
      "Joe Biden is running.\n\nEven as Amy Klobuchar gains additional support, Joe Biden and "
      "Vermont Sen. Bernie Sanders are gaining new backers.";
  EXPECT_THAT(WithTrees(text), Not(Contains("Amy Klobuchar -> Bernie Sanders: support/current")));
  EXPECT_THAT(WithTrees(text), Not(Contains("Amy Klobuchar -> Joe Biden: support/current")));
}

TEST(TreeRulesTest, SubjectSharedByCoordinatedVerbs) {
  // "her staff" stands between the verb and its subject in the word order.
  const std::string text =
      "Joe Biden is running.\n\nElizabeth Warren took the stage, thanked her staff and then "
      "endorsed Biden.";
  const std::string want = "Elizabeth Warren -> Joe Biden: support/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Not(Contains(want)));
}

TEST(TreeRulesTest, NeutralityTakesTheSharedSubjectToo) {
  // A list of verbs with one subject; the last one declares no endorsement.
  const std::string text =
      "Joe Biden is running.\n\nElizabeth Warren addressed the convention on Monday, praised "
      "Biden's record, and then pointedly declined to endorse him.";
  const std::string want = "Elizabeth Warren -> Joe Biden: neutral/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Not(Contains(want)));
}

TEST(TreeRulesTest, DatelineIsLeftOutOfTheParse) {
  // "BOSTON —" opens the story: the place is no subject; Warren is, shared by three verbs.
  const std::string text =
      "Joe Biden is running.\n\nBOSTON — Elizabeth Warren addressed the crowd on Monday, "
      "praised Biden's record, and then pointedly declined to endorse him.";
  EXPECT_THAT(WithTrees(text), Contains("Elizabeth Warren -> Joe Biden: neutral/current"));
}

TEST(TreeRulesTest, NameAfterAClauseOpeningWordIsItsSubject) {
  // "After" opens a clause here, not a prepositional phrase: Warren endorses, not the crowd.
  const std::string text =
      "Joe Biden is running.\n\nAfter Elizabeth Warren met with Biden in Boston and endorsed "
      "him, Bernie Sanders spoke.";
  EXPECT_THAT(WithTrees(text), Contains("Elizabeth Warren -> Joe Biden: support/current"));
  EXPECT_THAT(WithTrees(text), Not(Contains("Bernie Sanders -> Joe Biden: support/current")));
}

TEST(TreeRulesTest, SubjectAfterSinceIsNoObject) {
  // Word order alone: the name after "since" is a subject, not an earlier verb's object.
  const std::string text =
      "The news was expected since Sen. Elizabeth Warren left the race in March and, a few days "
      "later, endorsed Joe Biden.";
  const std::string want = "Elizabeth Warren -> Joe Biden: support/current";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Contains(want));
}

TEST(TreeRulesTest, PlannedStanceAfterButSharesTheSubject) {
  // The parser may read "plans" as a noun; "plans to endorse" still shares the AFL-CIO.
  const std::string text =
      "Joe Biden is running.\n\nThe AFL-CIO has stayed neutral in the primary but plans to "
      "endorse Biden after the convention.";
  const std::string want = "AFL-CIO -> Joe Biden: support/planned";
  EXPECT_THAT(WithTrees(text), Contains(want));
  EXPECT_THAT(Surface(text), Not(Contains(want)));
}

TEST(TreeRulesTest, VerbWithItsOwnSubjectTakesNoSharedOne) {
  // "the Teamsters" is the subject of "endorsed"; the AFL-CIO only met.
  const std::string text =
      "Joe Biden is running.\n\nThe AFL-CIO met on Monday, and the Teamsters endorsed Biden.";
  EXPECT_THAT(WithTrees(text), Not(Contains("AFL-CIO -> Joe Biden: support/current")));
}

}  // namespace
}  // namespace whipcount::stances
