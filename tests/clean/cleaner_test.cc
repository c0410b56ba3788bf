#include "clean/cleaner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "read/reader.h"
#include "testutil/testutil.h"

namespace whipcount::clean {
namespace {

class CleanerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Cleaner::Load(testutil::DataDir() + "/patterns/furniture.tsv");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    cleaner_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() {
    delete cleaner_;
    cleaner_ = nullptr;
  }

  static Document Clean(const std::string& raw) {
    Document doc;
    doc.article.id = "test";
    doc.article.text = raw;
    EXPECT_OK(cleaner_->Process(doc));
    ExpectOffsetsMapBack(doc);
    return doc;
  }

  // Every byte of the cleaned text is a copy of the raw byte its offset maps to, and the map
  // never goes backwards.
  static void ExpectOffsetsMapBack(const Document& doc) {
    const std::string& raw = doc.article.text;
    uint32_t previous = 0;
    for (uint32_t i = 0; i < doc.text.size(); ++i) {
      uint32_t r = doc.offsets.ToRaw(i);
      ASSERT_LT(r, raw.size()) << "clean offset " << i;
      ASSERT_EQ(doc.text[i], raw[r]) << "clean offset " << i << " -> raw " << r;
      if (i > 0) {
        ASSERT_GT(r, previous) << "clean offset " << i;
      }
      previous = r;
    }
  }

  static Cleaner* cleaner_;
};

Cleaner* CleanerTest::cleaner_ = nullptr;

// --- Loading ----------------------------------------------------------------------------------

TEST(CleanerLoad, BadPatternNamesFileAndLine) {
  std::string path =
      testutil::WriteTempFile("furniture.tsv", "# comment\nad\t^Advertisement$\nbad\t(unclosed\n");
  auto loaded = Cleaner::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(path + ":3: bad pattern"), std::string::npos)
      << loaded.status().message();
}

TEST(CleanerLoad, WrongFieldCountIsAnError) {
  std::string one = testutil::WriteTempFile("one.tsv", "ad\n");
  std::string three = testutil::WriteTempFile("three.tsv", "ad\t^Ad$\textra\n");
  auto a = Cleaner::Load(one);
  auto b = Cleaner::Load(three);
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_NE(a.status().message().find(one + ":1:"), std::string::npos) << a.status().message();
  EXPECT_NE(b.status().message().find(three + ":1: expected 2 fields"), std::string::npos)
      << b.status().message();
}

TEST(CleanerLoad, MissingOrEmptyFileIsAnError) {
  EXPECT_FALSE(Cleaner::Load(testutil::TempDir() + "/none.tsv").ok());
  auto empty = Cleaner::Load(testutil::WriteTempFile("empty.tsv", "# nothing\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no patterns"), std::string::npos);
}

// --- Furniture goes ---------------------------------------------------------------------------

class FurnitureLine : public CleanerTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(FurnitureLine, IsRemovedBetweenStoryParagraphs) {
  const std::string raw = std::string("The union endorsed Clinton on Thursday.\n\n") + GetParam() +
                          "\n\nThe vote was unanimous.";
  Document doc = Clean(raw);
  EXPECT_EQ(doc.text, "The union endorsed Clinton on Thursday.\n\nThe vote was unanimous.")
      << "furniture kept: " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Lines, FurnitureLine,
    ::testing::Values(
        // Browser warnings.
        "IE 11 is not supported. For an optimal experience visit our site on another browser.",
        "Internet Explorer 10 is no longer supported.",
        "Your browser does not support the video tag.",
        "Please enable JavaScript to view this content.",
        // Captions and credits.
        "Image: Senator speaks at a rally",
        "Photo: Delegates cheer on the convention floor. Credit: Jane Roe / Staff",
        "Photograph: John Doe/Reuters",
        "FILE PHOTO: The senator waves to supporters in Des Moines.", "Credit: Getty Images",
        "Supporters cheer at a rally in Ohio on Tuesday. (AP Photo/Jane Roe)Jane Roe / AP",
        "Delegates on the convention floor in Philadelphia. (Jane Roe / Getty Images file)",
        "The governor arrives in Austin on Monday. (Jane Roe / AFP via Getty Images)",
        "A voter at a polling place in Iowa. (Photo: Jane Roe, USA TODAY)",
        "The candidate speaks in Reno. Photograph: Jane Roe/PA",
        "The senator at the Capitol. | AP Photo",
        "Enlarge this image toggle caption Jane Roe/Getty Images Jane Roe/Getty Images",
        "Jane Roe/AP", "Reuters", "Slideshow (3 Images)", "AP Photo/Jane Roe",
        "The candidate on stage in Houston. Jane Roe/Getty Images",
        "Delegates on the floor in Cleveland.John Doe / AP",
        // Links to other stories.
        "Related: Union leaders meet in Washington to weigh an endorsement",
        "RELATED: Five things to know about the caucuses",
        "Read more: Why the federation stayed neutral", "Read More",
        "SEE ALSO: Governor backs challenger in primary",
        "Federation endorses senator for president Read more",
        // Ads.
        "Advertisement", "ADVERTISEMENT", "Advertisement:",
        "This advertisement has not loaded yet, but your article continues below.",
        "Story continues below advertisement", "Story Continued Below",
        // Newsletters and subscriptions.
        "Sign up for The Briefing, our free politics newsletter.",
        "Sign up for our Labor newsletter to get the week's top stories in your inbox.",
        "Get the stories you care about delivered to your inbox.",
        "Subscribe to our podcast on your favorite app.",
        // Share bars.
        "Share this article", "Share on Facebook", "Share on Twitter", "Share",
        "Facebook Twitter Email", "Share this story: http://example.com/x",
        "Follow us on Twitter @example",
        // Bylines, contributors, copyright.
        "By a staff writer", "By Metro Desk | March 2, 2020", "By Jane Roe, CNN",
        "The Associated Press contributed to this report.",
        "Copyright 2018 The Associated Press. All rights reserved.",
        "© 2020 Example Media. All rights reserved.",
        // Rules and separators.
        "___", "* * *"));

TEST_F(CleanerTest, CaptionWithStoryTextAndCreditGoesWhole) {
  Document doc = Clean(
      "Headline\n\nClinton greets supporters in New York after the union endorsed her. (AP "
      "Photo/Jane Roe)\n\nStory.");
  EXPECT_EQ(doc.text, "Headline\n\nStory.");
}

// --- Story stays ------------------------------------------------------------------------------

class StoryLine : public CleanerTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(StoryLine, IsKeptUnchanged) {
  const std::string raw = std::string("Headline without a period\n\n") + GetParam() + "\n";
  Document doc = Clean(raw);
  EXPECT_EQ(doc.text, raw) << "story removed: " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Lines, StoryLine,
    ::testing::Values(
        "The Washington Post endorsed Hillary Clinton on Friday.",
        "The New York Times and USA Today both backed the challenger.",
        "A Suffolk University/USA Today poll released this week showed a tight race.",
        "Reuters reported that the union would endorse Biden.",
        "The union has the support of Reuters/Ipsos respondents, a survey found.",
        "\"I will vote for him,\" she told the newspaper. (Bloomberg)",
        "The local's health fund employs dozens of clerical and support staff.",
        "The plan's cost figures were backed up by actuaries the union hired.",
        "By the time of Tuesday's vote, a string of affiliates had already lined up.",
        "By contrast, the governor endorsed Trump in February.",
        "More than 40 unions have endorsed the senator.",
        "Related issues, such as trade, also divided the federation.",
        "Advertising spending by the campaign doubled in October.",
        "Share of voters backing the measure rose to 52 percent.",
        "Sign-up drives by the union registered thousands of new voters.",
        "She said the voter photo ID law was unfair and opposed it.",
        "Photographers crowded the stage as the senator accepted the endorsement.",
        "Credit Cruz with standing his ground on the ethanol subsidy.",
        "Follow the money, the senator told supporters, and you will see who backs whom.",
        "Watch what they do, not what they say, the union president said of the candidates.",
        "IE 11 users make up a small share of the site's readers, the company said.",
        "“Get out and vote,” Obama said at a briefing on Monday.",
        "Join the union, she told reporters at the morning briefing.",
        "The executive committee will vote on an endorsement, according to an email obtained "
        "by The Huffington Post.",
        "AFL-CIO formally backs Biden, vows battleground push against Trump"));

TEST_F(CleanerTest, NothingToCutLeavesTextIdentical) {
  const std::string raw = "  Headline\n\nFirst paragraph.\nSecond line.\n\n\nThird.\n\n";
  Document doc = Clean(raw);
  EXPECT_EQ(doc.text, raw);
  for (uint32_t i = 0; i < raw.size(); ++i) EXPECT_EQ(doc.offsets.ToRaw(i), i);
}

TEST_F(CleanerTest, ParagraphBreakSurvivesTheCut) {
  EXPECT_EQ(Clean("One.\n\nAdvertisement\nTwo.").text, "One.\n\nTwo.");
  EXPECT_EQ(Clean("One.\nAdvertisement\n\nTwo.").text, "One.\n\nTwo.");
  EXPECT_EQ(Clean("One.\nAdvertisement\nTwo.").text, "One.\nTwo.");
}

TEST_F(CleanerTest, LeadingAndTrailingFurnitureLeaveNoGap) {
  Document doc = Clean(
      "IE 11 is not supported. For an optimal experience visit our site on another browser.\n\n"
      "Headline\n\nStory.\n\nSign up for our Politics newsletter.\n");
  EXPECT_EQ(doc.text, "Headline\n\nStory.");
  EXPECT_EQ(doc.offsets.ToRaw(0), doc.article.text.find("Headline"));
}

TEST_F(CleanerTest, CrlfLinesAreJudgedWithoutTheirCarriageReturn) {
  Document doc = Clean("One.\r\nAdvertisement\r\nTwo.\r\n");
  EXPECT_EQ(doc.text, "One.\r\nTwo.\r\n");
}

TEST_F(CleanerTest, EmptyAndAllFurnitureTextsCleanToEmpty) {
  EXPECT_EQ(Clean("").text, "");
  EXPECT_EQ(Clean("Advertisement\n\nShare this article\n").text, "");
}

TEST_F(CleanerTest, OffsetsFindEveryKeptSentence) {
  const std::string raw =
      "IE 11 is not supported. For an optimal experience visit our site on another browser.\n\n"
      "Major Labor Group to Endorse Clinton\n\n"
      "The AFL-CIO is set to endorse Hillary Clinton Thursday.\n"
      "Image: Hillary Clinton\n"
      "Clinton greets supporters. (AP Photo/Jane Roe)Jane Roe / AP\n\n"
      "The executive committee will vote on Thursday.\n\n"
      "Related: Clinton and Obama Team Up Against Trump\n\n"
      "“Our endorsement stands as long as Bernie Sanders does,” said the spokesperson.\n";
  Document doc = Clean(raw);
  for (const char* sentence :
       {"Major Labor Group to Endorse Clinton", "The AFL-CIO is set to endorse Hillary Clinton",
        "The executive committee will vote", "Our endorsement stands as long as"}) {
    size_t clean_at = doc.text.find(sentence);
    ASSERT_NE(clean_at, std::string::npos) << sentence;
    uint32_t raw_at = doc.offsets.ToRaw(static_cast<uint32_t>(clean_at));
    EXPECT_EQ(raw.substr(raw_at, std::string(sentence).size()), sentence);
  }
  EXPECT_EQ(doc.text.find("Image:"), std::string::npos);
  EXPECT_EQ(doc.text.find("Related:"), std::string::npos);
}

TEST_F(CleanerTest, ProcessIsRepeatable) {
  Document doc;
  doc.article.text = "Story.\n\nAdvertisement\n\nMore story.";
  ASSERT_OK(cleaner_->Process(doc));
  std::string first = doc.text;
  size_t pieces = doc.offsets.pieces().size();
  ASSERT_OK(cleaner_->Process(doc));
  EXPECT_EQ(doc.text, first);
  EXPECT_EQ(doc.offsets.pieces().size(), pieces);
}

// --- Shared eval articles ---------------------------------------------------------------------

std::vector<Document> ReadAndClean(const std::vector<std::string>& paths, const Cleaner& cleaner) {
  std::vector<Document> docs;
  read::ReadStats stats = read::ReadInputs(
      paths,
      [&](Article&& article) {
        Document doc;
        doc.article = std::move(article);
        EXPECT_OK(cleaner.Process(doc));
        docs.push_back(std::move(doc));
      },
      [](const read::ReadError& error) { ADD_FAILURE() << error.source << ": " << error.message; });
  EXPECT_EQ(stats.errors, 0u);
  return docs;
}

TEST_F(CleanerTest, SeedArticlesLoseTheirFurnitureAndKeepTheStory) {
  SKIP_WITHOUT_SHARED();
  std::vector<Document> docs =
      ReadAndClean({testutil::SharedDir() + "/eval/seeds/articles"}, *cleaner_);
  ASSERT_EQ(docs.size(), 2u);
  std::string all;
  for (const Document& doc : docs) {
    ExpectOffsetsMapBack(doc);
    all += doc.text + "\n";
  }
  for (const char* furniture : {"IE 11", "Image:", "AP Photo", "Related:", "Julio Cortez / AP"}) {
    EXPECT_EQ(all.find(furniture), std::string::npos) << furniture;
  }
  for (const char* story :
       {"The AFL-CIO is set to endorse", "Major Labor Group to Endorse Clinton",
        "The most significant holdout is National Nurses United",
        "The AFL-CIO is expected to back the Democrat in the general election."}) {
    EXPECT_NE(all.find(story), std::string::npos) << story;
  }
}

TEST_F(CleanerTest, DevArticlesLoseTheirFurniture) {
  SKIP_WITHOUT_SHARED();
  // dev15-dev20 are held out to measure how the patterns generalise: never read them here.
  std::vector<std::string> paths;
  for (int i = 1; i <= 14; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/dev%02d.json", i);
    paths.push_back(testutil::SharedDir() + "/eval/dev/articles" + name);
  }
  std::vector<Document> docs = ReadAndClean(paths, *cleaner_);
  ASSERT_EQ(docs.size(), 14u);
  for (const Document& doc : docs) {
    ExpectOffsetsMapBack(doc);
    for (const char* furniture : {"IE 11", "Image:", "Getty Images", "Photograph:", "Related:",
                                  "\nAdvertisement\n", "Sign up for", "Credit:"}) {
      EXPECT_EQ(doc.text.find(furniture), std::string::npos) << doc.article.id << ": " << furniture;
    }
    // A cleaned article loses little: furniture is a few lines, never whole paragraphs of story.
    EXPECT_GT(doc.text.size(), doc.article.text.size() * 85 / 100) << doc.article.id;
  }
}

}  // namespace
}  // namespace whipcount::clean
