#include "date/dater.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "testutil/testutil.h"

namespace whipcount::date {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

std::string Show(const std::optional<Date>& d) { return d ? d->ToString() : "unknown"; }

// ---------------------------------------------------------------------------------------------
// ResolveTime, from a table. The anchor is Thursday 2016-06-09.

constexpr const char* kAnchor = "2016-06-09";

struct ResolveCase {
  const char* name;
  const char* text;
  bool prefer_past;
  const char* expected;  // "unknown" for nullopt
};

class ResolveTimeTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTimeTest, Resolves) {
  const ResolveCase& c = GetParam();
  EXPECT_EQ(Show(ResolveTime(c.text, D(kAnchor), c.prefer_past)), c.expected) << c.text;
}

const ResolveCase kResolveCases[] = {
    // Weekdays in both directions; the anchor's own weekday is the anchor.
    {"WeekdayPast", "the board voted on Monday", true, "2016-06-06"},
    {"WeekdayFuture", "the board votes on Monday", false, "2016-06-13"},
    {"SameWeekdayPast", "it met Thursday", true, "2016-06-09"},
    {"SameWeekdayFuture", "it meets Thursday", false, "2016-06-09"},
    {"WeekdayNightPast", "speaking Wednesday night", true, "2016-06-08"},
    {"WeekdayNightFuture", "will speak Wednesday night", false, "2016-06-15"},
    {"SundayPast", "on Sunday", true, "2016-06-05"},
    {"LastWeekday", "last Thursday", false, "2016-06-02"},
    {"LastOtherWeekday", "last Friday", false, "2016-06-03"},
    {"NextWeekday", "next Thursday", true, "2016-06-16"},
    {"NextOtherWeekday", "next Monday", true, "2016-06-13"},
    // Days, weeks, months, years relative to the anchor.
    {"Today", "said today", true, "2016-06-09"},
    {"Tonight", "will speak tonight", false, "2016-06-09"},
    {"Yesterday", "Yesterday the union said", true, "2016-06-08"},
    {"Tomorrow", "votes tomorrow", false, "2016-06-10"},
    {"LastNight", "said last night", true, "2016-06-08"},
    {"LastWeek", "endorsed her last week", true, "2016-06-02"},
    {"ThisWeek", "meets this week", false, "2016-06-09"},
    {"NextWeek", "meets next week", false, "2016-06-16"},
    {"LastMonth", "backed him last month", true, "2016-05-01"},
    {"NextMonth", "votes next month", false, "2016-07-01"},
    {"LastYear", "had endorsed him last year", true, "2015-01-01"},
    {"DaysAgo", "three days ago", true, "2016-06-06"},
    {"WeeksAgo", "endorsed 3 weeks ago", true, "2016-05-19"},
    {"MonthsAgo", "two months ago", true, "2016-04-01"},
    {"EarlierThisYear", "earlier this year", true, "unknown"},
    {"ThisMonth", "later this month", false, "unknown"},
    // Months and dates.
    {"MonthYear", "in June 2023", true, "2023-06-01"},
    {"FullDate", "on June 9, 2012", false, "2012-06-09"},
    {"FullDateNoComma", "on June 9 2012", false, "2012-06-09"},
    {"FullDateOrdinal", "on June 9th, 2012", false, "2012-06-09"},
    {"AbbreviatedFullDate", "Sept. 14, 2015", false, "2015-09-14"},
    {"DayMonthYear", "on 7 June 2015", false, "2015-06-07"},
    {"IsoDate", "filed 2015-11-03 in court", false, "2015-11-03"},
    {"WeekdayBeforeFullDate", "Tuesday, June 7, 2011", true, "2011-06-07"},
    {"MonthDayPast", "on Jan. 5", true, "2016-01-05"},
    {"MonthDayFuture", "on Jan. 5", false, "2017-01-05"},
    {"MonthDayLaterInYearPast", "before the Nov. 8 election", true, "2015-11-08"},
    {"MonthDayLaterInYearFuture", "before the Nov. 8 election", false, "2016-11-08"},
    {"MonthDayIsAnchor", "on June 9", true, "2016-06-09"},
    {"InMonthPast", "in March", true, "2016-03-01"},
    {"InMonthFuture", "in March", false, "2017-03-01"},
    {"InLaterMonthPast", "in August", true, "2015-08-01"},
    {"InLaterMonthFuture", "in August", false, "2016-08-01"},
    {"SinceMonth", "has backed her since April", true, "2016-04-01"},
    {"MidMonth", "by mid-June", true, "2016-06-01"},
    {"InYear", "endorsed Obama in 2012", true, "2012-01-01"},
    {"InAnchorYear", "in 2016", true, "unknown"},
    // Words that look like months but are not.
    {"MayModal", "the union may back her", true, "unknown"},
    {"MayModalCapitalized", "May I ask who you back?", true, "unknown"},
    {"InMayWithoutDay", "a vote in May", true, "unknown"},
    {"MayWithDay", "on May 5", true, "2016-05-05"},
    {"MayWithYear", "in May 2014", true, "2014-05-01"},
    {"LowercaseMarch", "a march on the capitol", true, "unknown"},
    {"MarchAsEventName", "the March on Washington drew crowds", true, "unknown"},
    {"MonthBeforeClock", "June 3:30", true, "unknown"},
    {"MonthInsideName", "Mayté Ruiz spoke", true, "unknown"},
    {"Nothing", "the federation stays neutral", true, "unknown"},
    // The first expression wins.
    {"FirstExpressionWins", "Tuesday, after the vote last week", true, "2016-06-07"},
};

INSTANTIATE_TEST_SUITE_P(Table, ResolveTimeTest, ::testing::ValuesIn(kResolveCases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(ResolveTime, InvalidAnchorGivesNothing) {
  EXPECT_EQ(ResolveTime("yesterday", Date{}, true), std::nullopt);
}

TEST(ResolveTime, LeapDayTakesNearestLeapYear) {
  EXPECT_EQ(Show(ResolveTime("on Feb. 29", D("2019-06-01"), true)), "2016-02-29");
  EXPECT_EQ(Show(ResolveTime("on Feb. 29", D("2019-06-01"), false)), "2020-02-29");
}

TEST(ResolveTime, LastMonthInJanuaryIsDecember) {
  EXPECT_EQ(Show(ResolveTime("last month", D("2016-01-20"), true)), "2015-12-01");
}

// ---------------------------------------------------------------------------------------------
// DateStage.

Document Doc(const std::string& text, std::optional<Date> published = std::nullopt) {
  Document doc;
  doc.article.published = published;
  doc.text = text;
  return doc;
}

std::optional<Date> Infer(const std::string& text) {
  Document doc = Doc(text);
  EXPECT_OK(DateStage().Process(doc));
  EXPECT_EQ(doc.date_inferred, doc.date.has_value());
  return doc.date;
}

TEST(DateStage, PublishedMetadataWins) {
  Document doc = Doc("The council met on March 2, 2011.", D("2016-06-09"));
  ASSERT_OK(DateStage().Process(doc));
  EXPECT_EQ(Show(doc.date), "2016-06-09");
  EXPECT_FALSE(doc.date_inferred);
}

TEST(DateStage, InfersFromExplicitDateWithItsWeekday) {
  Document doc =
      Doc("The council met on Wednesday, March 2, 2011, in Denver.\nIt voted to back the plan.");
  ASSERT_OK(DateStage().Process(doc));
  EXPECT_EQ(Show(doc.date), "2011-03-02");
  EXPECT_TRUE(doc.date_inferred);
}

TEST(DateStage, BareWeekdayLaterConfirmsDate) {
  // 2020-02-03 was a Monday.
  EXPECT_EQ(Show(Infer("The count from Feb. 3, 2020 stayed unclear.\n"
                       "On Monday the party released the results.")),
            "2020-02-03");
}

TEST(DateStage, LatestConfirmedExplicitDate) {
  // 2019-02-13 was a Wednesday.
  EXPECT_EQ(Show(Infer("A letter dated Jan. 4, 2019, came first. A reply sent Feb. 13, 2019, "
                       "repeated it. The first talks were on 3 December 2018.\n"
                       "The two sides met again Wednesday.")),
            "2019-02-13");
}

TEST(DateStage, UnconfirmedDateIsUnknown) {
  // A full date whose weekday the text never names may be history: no article date.
  EXPECT_EQ(Show(Infer("The council met on March 2, 2011, in Denver.\nIt voted Thursday.")),
            "unknown");
}

TEST(DateStage, WeekdayOfExplicitDateKeepsIt) {
  EXPECT_EQ(Show(Infer("On Monday, Feb. 3, 2020, voters met. They met again Monday night.")),
            "2020-02-03");
}

TEST(DateStage, WeekdayBeforeDateParagraphDoesNotConfirm) {
  EXPECT_EQ(Show(Infer("The board met Monday.\nIts statement was dated Feb. 3, 2020.")), "unknown");
}

TEST(DateStage, LaterYearShowsDateIsHistory) {
  EXPECT_EQ(Show(Infer("On Monday, Feb. 3, 2014, the union met.\nIt now looks to 2020.")),
            "unknown");
}

TEST(DateStage, NextYearDoesNotVeto) {
  EXPECT_EQ(Show(Infer("On Monday, Feb. 3, 2020, the union met.\nIt looks to 2021 already.")),
            "2020-02-03");
}

TEST(DateStage, DatelineBeatsLaterDates) {
  EXPECT_EQ(Show(Infer("By Ana Ruiz\nUpdated March 1, 2016\nThe convention opens July 25, 2016, "
                       "and the union will decide on Thursday.")),
            "2016-03-01");
}

TEST(DateStage, DatelineWithLittleElse) {
  EXPECT_EQ(Show(Infer("Union weighs its choice\nBy Ana Ruiz | 2018-10-02\nThe union met.")),
            "2018-10-02");
}

TEST(DateStage, CaptionIsNoDateline) {
  EXPECT_EQ(Show(Infer("Headline\nA rally in Reno, Nev., June 5, 2016. (Photo: A. Lee)\nText.")),
            "unknown");
}

TEST(DateStage, ShortSentenceIsNoDateline) {
  EXPECT_EQ(Show(Infer("The count from Feb. 3, 2020 stayed unclear.\nOn Thursday it ended.")),
            "unknown");
}

TEST(DateStage, NoDateIsUnknown) {
  EXPECT_EQ(Show(Infer("The union backed her on Thursday and will campaign in June.")), "unknown");
}

TEST(DateStage, MonthDayWithYearElsewhereIsNotEnough) {
  EXPECT_EQ(Show(Infer("In 2016 the union stayed out of the race.\n"
                       "Before the Feb. 22 caucuses, it met the candidates.")),
            "unknown");
}

TEST(DateStage, EmptyTextIsUnknown) { EXPECT_EQ(Show(Infer("")), "unknown"); }

TEST(DateStage, ProcessClearsStaleInference) {
  Document doc = Doc("No dates here.");
  doc.date = D("2000-01-01");
  doc.date_inferred = true;
  ASSERT_OK(DateStage().Process(doc));
  EXPECT_EQ(doc.date, std::nullopt);
  EXPECT_FALSE(doc.date_inferred);
}

TEST(CalendarName, CapitalisedFullMonthAndWeekdayNamesOnly) {
  EXPECT_TRUE(IsCalendarName("June"));
  EXPECT_TRUE(IsCalendarName("MONDAY"));
  EXPECT_TRUE(IsCalendarName("May"));
  EXPECT_FALSE(IsCalendarName("may"));
  EXPECT_FALSE(IsCalendarName("Jan"));
  EXPECT_FALSE(IsCalendarName("Mondays"));
}

}  // namespace
}  // namespace whipcount::date
