#include "segment/segmenter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "testutil/testutil.h"

namespace whipcount::segment {
namespace {

class SegmenterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Segmenter::Load(testutil::DataDir() + "/lexicons/abbreviations.txt");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    segmenter_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() {
    delete segmenter_;
    segmenter_ = nullptr;
  }

  static Document Run(const std::string& text) {
    Document doc;
    doc.text = text;
    EXPECT_OK(segmenter_->Process(doc));
    return doc;
  }
  // Tokens joined by " | ".
  static std::string Tokens(const std::string& text) {
    Document doc = Run(text);
    std::string out;
    for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
      if (i > 0) out += " | ";
      out += doc.TokenText(i);
    }
    return out;
  }
  static std::vector<std::string> Sentences(const std::string& text) {
    Document doc = Run(text);
    std::vector<std::string> out;
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) out.emplace_back(doc.SentenceText(s));
    return out;
  }

  static const Segmenter* segmenter_;
};
const Segmenter* SegmenterTest::segmenter_ = nullptr;

// Checks what every segmentation must satisfy: tokens in order, inside the text, not empty,
// without whitespace at their edges; sentences tiling the tokens, spanning first to last token.
void ExpectWellFormed(const Document& doc) {
  uint32_t prev_end = 0;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& token = doc.tokens[i];
    ASSERT_LT(token.begin, token.end) << "token " << i;
    ASSERT_LE(prev_end, token.begin) << "token " << i;
    ASSERT_LE(token.end, doc.text.size()) << "token " << i;
    std::string_view t = doc.TokenText(i);
    ASSERT_NE(t.front(), ' ');
    ASSERT_NE(t.back(), ' ');
    ASSERT_EQ(t.find('\n'), std::string_view::npos) << "token " << i << ": " << t;
    prev_end = token.end;
  }
  uint32_t next_token = 0;
  uint32_t prev_paragraph = 0;
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    ASSERT_EQ(sent.token_begin, next_token) << "sentence " << s;
    ASSERT_LT(sent.token_begin, sent.token_end) << "sentence " << s;
    ASSERT_EQ(sent.begin, doc.tokens[sent.token_begin].begin);
    ASSERT_EQ(sent.end, doc.tokens[sent.token_end - 1].end);
    ASSERT_GE(sent.paragraph, prev_paragraph);
    ASSERT_EQ(doc.SentenceText(s).find('\n'), std::string_view::npos) << "sentence " << s;
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t)
      ASSERT_EQ(doc.tokens[t].sentence, s) << "token " << t;
    next_token = sent.token_end;
    prev_paragraph = sent.paragraph;
  }
  ASSERT_EQ(next_token, doc.tokens.size());
}

// ---------------------------------------------------------------------------------------------
// Sentence breaks, from a table.

struct SentenceCase {
  const char* name;
  const char* text;
  std::vector<std::string> sentences;
};

class SentenceBreakTest : public SegmenterTest,
                          public ::testing::WithParamInterface<SentenceCase> {};

TEST_P(SentenceBreakTest, Splits) {
  const SentenceCase& c = GetParam();
  EXPECT_EQ(Sentences(c.text), c.sentences);
  ExpectWellFormed(Run(c.text));
}

const SentenceCase kSentenceCases[] = {
    {"PlainPeriods",
     "The vote was close. Members met on Monday.",
     {"The vote was close.", "Members met on Monday."}},
    {"TitleSen",
     "Sen. Ada Quill of Ohio spoke first. Then the board voted.",
     {"Sen. Ada Quill of Ohio spoke first.", "Then the board voted."}},
    {"TitlesMrsGov",
     "Mrs. Lane met Gov. Ortiz in Reno. They talked for an hour.",
     {"Mrs. Lane met Gov. Ortiz in Reno.", "They talked for an hour."}},
    {"TitlePlural", "Reps. Hale and Moss wrote the bill.", {"Reps. Hale and Moss wrote the bill."}},
    {"DottedCityInside",
     "The union, based in Washington, D.C., backs the plan.",
     {"The union, based in Washington, D.C., backs the plan."}},
    {"AcronymBeforeName",
     "The U.S. Chamber of Commerce disagreed.",
     {"The U.S. Chamber of Commerce disagreed."}},
    {"AcronymBeforeTitle",
     "She called U.S. Rep. Tom Vale on Friday.",
     {"She called U.S. Rep. Tom Vale on Friday."}},
    {"AcronymEndsBeforeStarter",
     "The firm moved to the U.S. The move cost jobs.",
     {"The firm moved to the U.S.", "The move cost jobs."}},
    {"CityEndsBeforeStarter",
     "The rally was held in D.C. It drew thousands.",
     {"The rally was held in D.C.", "It drew thousands."}},
    {"Suffix", "Luis Grant Jr. signed the letter.", {"Luis Grant Jr. signed the letter."}},
    {"SuffixEndsBeforeStarter",
     "The letter came from Luis Grant Jr. He signed it.",
     {"The letter came from Luis Grant Jr.", "He signed it."}},
    {"NumberAbbreviation",
     "The measure is No. 2 on the ballot.",
     {"The measure is No. 2 on the ballot."}},
    {"PropositionAbbreviation",
     "The group endorsed Prop. 22 over the summer.",
     {"The group endorsed Prop. 22 over the summer."}},
    {"NoAsWord", "She said no. Nobody asked again.", {"She said no.", "Nobody asked again."}},
    {"MiddleInitial",
     "Former president Harold T. Marsh spoke.",
     {"Former president Harold T. Marsh spoke."}},
    {"FirstInitial",
     "The letter was signed by R. Okafor and others.",
     {"The letter was signed by R. Okafor and others."}},
    {"MonthAbbreviation",
     "The caucus is on Feb. 22 in Reno.",
     {"The caucus is on Feb. 22 in Reno."}},
    {"Company", "Acme Corp. Chief Ana Ruiz agreed.", {"Acme Corp. Chief Ana Ruiz agreed."}},
    {"QuoteWithAttribution",
     "\"We stand with her,\" the chairman said.",
     {"\"We stand with her,\" the chairman said."}},
    {"CurlyQuoteWithAttribution",
     "\u201cWe stand with her,\u201d the chairman said.",
     {"\u201cWe stand with her,\u201d the chairman said."}},
    {"PeriodInsideQuote",
     "He said \"it is over.\" Then he left.",
     {"He said \"it is over.\"", "Then he left."}},
    {"CurlyPeriodInsideQuote",
     "He said \u201cit is over.\u201d Then he left.",
     {"He said \u201cit is over.\u201d", "Then he left."}},
    {"QuestionInQuoteLowercase", "\"Why now?\" she asked.", {"\"Why now?\" she asked."}},
    {"TwoSentencesInQuote",
     "\u201cWe lost. We move on,\u201d she said.",
     {"\u201cWe lost.", "We move on,\u201d she said."}},
    {"NextStartsWithQuote",
     "The vote ended. \u201cWe won,\u201d he said.",
     {"The vote ended.", "\u201cWe won,\u201d he said."}},
    {"Exclamation", "Vote now! The polls close at 8.", {"Vote now!", "The polls close at 8."}},
    {"ParenthesisClosesSentence",
     "He won (barely.) Then came the recount.",
     {"He won (barely.)", "Then came the recount."}},
    {"NumberStartsSentence",
     "Turnout rose. 12 precincts ran out of ballots.",
     {"Turnout rose.", "12 precincts ran out of ballots."}},
    {"DecimalNotABreak", "It grew 3.6 percent.", {"It grew 3.6 percent."}},
    {"LowercaseAfterPeriodNoBreak", "See p. five for more.", {"See p. five for more."}},
    {"LineBreakAlwaysEnds",
     "Headline without period\nThe story begins here.",
     {"Headline without period", "The story begins here."}},
    {"LineBreakAfterTitle", "Meet Sen.\nWarren arrived.", {"Meet Sen.", "Warren arrived."}},
    {"MissingSpaceAfterPeriod",
     "The bill died.The sponsor quit.",
     {"The bill died.", "The sponsor quit."}},
    {"Ellipsis", "We waited... Nothing happened.", {"We waited...", "Nothing happened."}},
    {"StateAbbreviationEndsBeforeName",
     "She lives in Fresno, Calif. Dukes lives in Ogden, Utah.",
     {"She lives in Fresno, Calif.", "Dukes lives in Ogden, Utah."}},
    {"StateAbbreviationWithComma",
     "He met voters in Fresno, Calif., on Monday.",
     {"He met voters in Fresno, Calif., on Monday."}},
    {"PartyStateTag",
     "Rep. Ann Lo, R-N.Y., and Sen. Jo Kim, D-Va., agreed.",
     {"Rep. Ann Lo, R-N.Y., and Sen. Jo Kim, D-Va., agreed."}},
    {"EtceteraEndsBeforeCapital",
     "They sold hats, pins, etc. Sales were good.",
     {"They sold hats, pins, etc.", "Sales were good."}},
    {"TimeAbbreviation",
     "Polls open at 7 a.m. and close at 8 p.m. The count follows.",
     {"Polls open at 7 a.m. and close at 8 p.m.", "The count follows."}},
};

INSTANTIATE_TEST_SUITE_P(Table, SentenceBreakTest, ::testing::ValuesIn(kSentenceCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// ---------------------------------------------------------------------------------------------
// Tokens, from a table.

struct TokenCase {
  const char* name;
  const char* text;
  const char* tokens;  // joined by " | "
};

class TokenizeTest : public SegmenterTest, public ::testing::WithParamInterface<TokenCase> {};

TEST_P(TokenizeTest, Splits) {
  const TokenCase& c = GetParam();
  EXPECT_EQ(Tokens(c.text), c.tokens);
  ExpectWellFormed(Run(c.text));
}

const TokenCase kTokenCases[] = {
    {"Punctuation", "Yes; no: maybe (again), [now]!",
     "Yes | ; | no | : | maybe | ( | again | ) | , | [ | now | ] | !"},
    {"AsciiQuotes", "\"Fine,\" she said.", "\" | Fine | , | \" | she | said | ."},
    {"CurlyQuotes", "\u201cFine,\u201d she said \u2018no\u2019.",
     "\u201c | Fine | , | \u201d | she | said | \u2018 | no | \u2019 | ."},
    {"Dashes", "one \u2014 two \u2013 three -- four",
     "one | \u2014 | two | \u2013 | three | -- | four"},
    {"NegationClitics", "won't can't don't isn't", "wo | n't | ca | n't | do | n't | is | n't"},
    {"CurlyNegationClitics", "won\u2019t don\u2019t", "wo | n\u2019t | do | n\u2019t"},
    {"OtherClitics", "she's they're we've I'll he'd I'm",
     "she | 's | they | 're | we | 've | I | 'll | he | 'd | I | 'm"},
    {"CurlyPossessive", "Obama\u2019s plan", "Obama | \u2019s | plan"},
    {"UpperCaseClitic", "DON'T IT'S", "DO | N'T | IT | 'S"},
    {"PluralPossessive", "Sanders' campaign", "Sanders | ' | campaign"},
    {"CurlyPluralPossessive", "Sanders\u2019 campaign", "Sanders | \u2019 | campaign"},
    {"ApostropheInName", "O'Brien's vote", "O'Brien | 's | vote"},
    {"AbbreviationPossessive", "the U.S.\u2019s role and D.C.'s",
     "the | U.S. | \u2019s | role | and | D.C. | 's"},
    {"YearPossessive", "2016's race", "2016 | 's | race"},
    {"Cannot", "We cannot wait", "We | can | not | wait"},
    {"HyphenatedNames", "AFL-CIO backs Argüello-Kline's re-election",
     "AFL-CIO | backs | Argüello-Kline | 's | re-election"},
    {"HyphenatedNumber", "a 60,000-member union", "a | 60,000-member | union"},
    {"Numbers", "12,000 workers, 3.6 million, 1,250,000",
     "12,000 | workers | , | 3.6 | million | , | 1,250,000"},
    {"CommaBetweenYears", "in 2015,2016", "in | 2015 | , | 2016"},
    {"Money", "$3.6 million", "$ | 3.6 | million"},
    {"Percent", "100% sure", "100 | % | sure"},
    {"Time", "at 9:30 on 6/7/2016", "at | 9:30 | on | 6/7/2016"},
    {"Abbreviations", "Sen. Lee of D.C. and the U.S. House",
     "Sen. | Lee | of | D.C. | and | the | U.S. | House"},
    {"AbbreviationThenComma", "Washington, D.C., today", "Washington | , | D.C. | , | today"},
    {"AcronymHyphen", "a U.S.-backed plan", "a | U.S.-backed | plan"},
    {"SentenceFinalPeriod", "It ended.", "It | ended | ."},
    {"NumberAbbreviation", "No. 7", "No. | 7"},
    {"NoAsWord", "He said no.", "He | said | no | ."},
    {"Initials", "George W. Bush", "George | W. | Bush"},
    {"Url", "see https://example.org/a?b=c. Then", "see | https://example.org/a?b=c | . | Then"},
    {"UrlInParens", "(www.example.com/x)", "( | www.example.com/x | )"},
    {"Email", "write press@example.org today", "write | press@example.org | today"},
    {"Domain", "MoveOn.org said", "MoveOn.org | said"},
    {"DomainWithPath", "MoveOn.org/petition now", "MoveOn.org/petition | now"},
    {"Ampersand", "AT&T and R&D & more", "AT&T | and | R&D | & | more"},
    {"Hashtag", "#FeelTheBern @user", "#FeelTheBern | @user"},
    {"Ellipsis", "well... and \u2026 so", "well | ... | and | \u2026 | so"},
    {"NonAsciiLetters", "Pérez and Müller", "Pérez | and | Müller"},
    {"NonBreakingSpace", "ten\u00a0thousand", "ten | thousand"},
    {"PartyStateTags", "R-N.Y., D-Va., said", "R-N.Y. | , | D-Va. | , | said"},
    {"AddressWithCapitals", "mail Jane.Doe@example.org now", "mail | Jane.Doe@example.org | now"},
    {"AbbreviationBeforePeriod", "Acme Inc.. Next", "Acme | Inc. | . | Next"},
    {"SymbolRuns", "==== *** $$$", "==== | *** | $$$"},
    {"UrlInBrackets", "[http://example.org/x_(y)]", "[ | http://example.org/x_(y) | ]"},
    {"QuestionExclamation", "Really?! Yes.", "Really | ?! | Yes | ."},
};

INSTANTIATE_TEST_SUITE_P(Table, TokenizeTest, ::testing::ValuesIn(kTokenCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

// ---------------------------------------------------------------------------------------------
// Single behaviours.

TEST_F(SegmenterTest, ParagraphIncrementsAtEachLineBreak) {
  Document doc = Run("First line. Still first.\n\nSecond paragraph.\nThird one.\n");
  ExpectWellFormed(doc);
  ASSERT_EQ(doc.sentences.size(), 4u);
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[1].paragraph, 0u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);  // a blank line counts once
  EXPECT_EQ(doc.sentences[3].paragraph, 2u);
}

// A dateline opens a paragraph's first sentence only; its tokens are counted, not dropped.
TEST_F(SegmenterTest, DatelineTokensOpenAParagraph) {
  Document doc = Run(
      "COLUMBUS, Ohio (AP) \u2014 The union voted. BOSTON \u2014 not here.\n\n"
      "SEIU President Mary Kay Henry - who spoke - left.\n\nWASHINGTON -- Votes came.");
  ExpectWellFormed(doc);
  ASSERT_EQ(doc.sentences.size(), 4u);
  EXPECT_EQ(doc.sentences[0].dateline_tokens, 7u);  // COLUMBUS , Ohio ( AP ) —
  EXPECT_EQ(doc.TokenText(doc.sentences[0].BodyBegin()), "The");
  EXPECT_EQ(doc.sentences[1].dateline_tokens, 0u);  // not a paragraph's first sentence
  EXPECT_EQ(doc.sentences[2].dateline_tokens, 0u);  // mixed case beyond a state or agency
  EXPECT_EQ(doc.sentences[3].dateline_tokens, 2u);
}

// Every stage compares words through Document::Folded; the segmenter fills it.
TEST_F(SegmenterTest, FoldsEveryTokenOnce) {
  Document doc = Run("The AFL-CIO\u2019s Board \u201cBACKED\u201d Clinton.");
  ASSERT_EQ(doc.folded_ends.size(), doc.tokens.size());
  std::string out;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) out += std::string(doc.Folded(i)) + "|";
  EXPECT_EQ(out, "the|afl-cio|'s|board|\"|backed|\"|clinton|.|");
  // A document whose tokens were built by hand is folded on demand, and only once.
  Document hand;
  hand.text = "Sen. SANDERS";
  hand.tokens = {{0, 4, 0}, {5, 12, 0}};
  core::EnsureFolded(hand);
  core::EnsureFolded(hand);
  ASSERT_EQ(hand.folded_ends.size(), 2u);
  EXPECT_EQ(hand.Folded(0), "sen.");
  EXPECT_EQ(hand.Folded(1), "sanders");
}

TEST_F(SegmenterTest, OffsetsAreExactBytes) {
  const std::string text = "  Ça va,  “Müller’s” plan.\n\nNext.";
  Document doc = Run(text);
  ExpectWellFormed(doc);
  ASSERT_EQ(doc.tokens.size(), 11u);
  EXPECT_EQ(doc.tokens[0].begin, 2u);
  EXPECT_EQ(doc.TokenText(0), "Ça");
  EXPECT_EQ(doc.TokenText(3), "“");
  EXPECT_EQ(doc.TokenText(4), "Müller");
  EXPECT_EQ(doc.TokenText(5), "’s");
  EXPECT_EQ(doc.tokens[5].begin, text.find("’s"));
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.sentences[0].begin, 2u);
  EXPECT_EQ(doc.sentences[0].end, text.find('\n'));
  EXPECT_EQ(doc.SentenceText(1), "Next.");
  EXPECT_EQ(doc.sentences[1].end, text.size());
}

TEST_F(SegmenterTest, EmptyAndBlankTextGiveNothing) {
  for (const char* text : {"", "   ", "\n\n \n"}) {
    Document doc = Run(text);
    EXPECT_TRUE(doc.tokens.empty()) << '"' << text << '"';
    EXPECT_TRUE(doc.sentences.empty()) << '"' << text << '"';
  }
}

TEST_F(SegmenterTest, ProcessReplacesEarlierSegmentation) {
  Document doc = Run("One. Two.");
  ASSERT_OK(segmenter_->Process(doc));
  EXPECT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.tokens.size(), 4u);
}

TEST_F(SegmenterTest, InvalidUtf8DoesNotBreakInvariants) {
  std::string text = "Bad \xC3 byte \xFF\xFE here. Then \xE2\x80 more.";
  Document doc = Run(text);
  ExpectWellFormed(doc);
  EXPECT_EQ(doc.sentences.size(), 2u);
}

TEST(SegmenterLoad, MissingFileIsNotFound) {
  auto loaded = Segmenter::Load("/nonexistent/abbreviations.txt");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kNotFound);
}

TEST(SegmenterLoad, BadLineNamesFileAndLine) {
  std::string path = testutil::WriteTempFile("abbreviations.txt", "# c\n[titles]\nMr.\n[bogus]\n");
  auto loaded = Segmenter::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kCorruption);
  EXPECT_NE(loaded.status().message().find(path + ":4:"), std::string::npos)
      << loaded.status().message();
}

TEST(SegmenterLoad, AbbreviationWithoutPeriodIsRejected) {
  std::string path = testutil::WriteTempFile("abbreviations.txt", "[titles]\nMr\n");
  auto loaded = Segmenter::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(":2:"), std::string::npos);
}

TEST(SegmenterLoad, UserLexiconAddsAbbreviation) {
  std::string path = testutil::WriteTempFile("abbreviations.txt", "[titles]\nAssemblywoman.\n");
  auto loaded = Segmenter::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Document doc;
  doc.text = "Assemblywoman. Ruiz spoke.";
  ASSERT_OK(loaded.value()->Process(doc));
  EXPECT_EQ(doc.sentences.size(), 1u);
}

// Runs over the shared news corpus: checks the invariants on every article and prints the
// throughput (not asserted: machines differ).
TEST_F(SegmenterTest, CorpusInvariantsAndThroughput) {
  SKIP_WITHOUT_SHARED();
  std::ifstream in(testutil::SharedDir() + "/corpus/news.jsonl");
  ASSERT_TRUE(in);
  std::vector<std::string> texts;
  std::string line;
  size_t bytes = 0;
  while (std::getline(in, line)) {
    auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!json.is_object() || !json.contains("text") || !json["text"].is_string()) continue;
    texts.push_back(json["text"].get<std::string>());
    bytes += texts.back().size();
  }
  ASSERT_FALSE(texts.empty());
  Document doc;
  size_t tokens = 0, sentences = 0;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& text : texts) {
    doc.text = text;
    ASSERT_OK(segmenter_->Process(doc));
    tokens += doc.tokens.size();
    sentences += doc.sentences.size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const std::string& text : texts) {
    doc.text = text;
    ASSERT_OK(segmenter_->Process(doc));
    ExpectWellFormed(doc);
    if (HasFatalFailure()) return;
  }
  std::printf("[ segment  ] %zu articles, %.1f MB, %zu tokens, %zu sentences, %.1f MB/s\n",
              texts.size(), bytes / 1e6, tokens, sentences, bytes / 1e6 / seconds);
}

}  // namespace
}  // namespace whipcount::segment
