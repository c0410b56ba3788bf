// Resolution through the knowledge base, on sentences written for these tests: descriptions
// valid over date ranges (one description naming different people in different years),
// acronyms and short names. Each text runs through the real pipeline and data/.
#include <gtest/gtest.h>

#include <string>

#include "testutil/pipeline_util.h"
#include "testutil/testutil.h"

namespace whipcount {
namespace {

// The actor the first mention spelled `span` (matched case-insensitively on its words) names;
// "?" when unresolved, "<no mention>" when there is none.
std::string ActorOf(const Document& doc, std::string_view span) {
  for (const Mention& m : doc.mentions) {
    std::string_view text = doc.SpanText(m.token_begin, m.token_end);
    if (text.size() < span.size()) continue;
    // The mention ends with the span ("the Vermont senator" -> mention "Vermont senator").
    if (text.substr(text.size() - span.size()) != span) continue;
    return m.actor < 0 ? "?" : doc.actors[m.actor].name;
  }
  return "<no mention>";
}

struct Case {
  const char* name;
  const char* text;
  const char* date;
  const char* span;
  const char* actor;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.span << " in: " << c.text; }

class KbResolveTest : public ::testing::TestWithParam<Case> {};

TEST_P(KbResolveTest, NamesTheActor) {
  const Case& c = GetParam();
  Document doc = testutil::RunText(c.text, c.date);
  EXPECT_EQ(ActorOf(doc, c.span), c.actor) << c.text << " (" << c.date << ")";
}

const Case kCases[] = {
    // One description, different people in different years.
    {"VicePresident2010", "The vice president spoke to a union hall in Toledo.", "2010-03-02",
     "vice president", "Joe Biden"},
    {"VicePresident2018", "The vice president spoke to a union hall in Toledo.", "2018-03-02",
     "vice president", "Mike Pence"},
    {"VicePresident2022", "The vice president spoke to a union hall in Toledo.", "2022-03-02",
     "vice president", "Kamala Harris"},
    {"FormerVicePresident2019", "The former vice president rallied in Nashua.", "2019-09-14",
     "former vice president", "Joe Biden"},
    {"FormerVicePresident2023", "The former vice president rallied in Nashua.", "2023-09-14",
     "former vice president", "Mike Pence"},
    {"PresumptiveNominee2016", "The presumptive Democratic nominee thanked her volunteers.",
     "2016-06-20", "presumptive Democratic nominee", "Hillary Clinton"},
    {"PresumptiveNominee2020", "The presumptive Democratic nominee thanked his volunteers.",
     "2020-06-20", "presumptive Democratic nominee", "Joe Biden"},
    {"VermontSenator", "The Vermont senator drew a large crowd at the rally.", "2016-02-01",
     "Vermont senator", "Bernie Sanders"},
    // Acronyms.
    {"AcronymCwa", "CWA members voted on Tuesday.", "2016-04-01", "CWA",
     "Communications Workers of America"},
    {"AcronymAfscme", "AFSCME said it would keep out of the primary.", "2019-05-01", "AFSCME",
     "American Federation of State, County and Municipal Employees"},
    {"AcronymNnu", "NNU sent nurses to knock on doors.", "2016-01-20", "NNU",
     "National Nurses United"},
    // Short names.
    {"ShortTeamsters", "The Teamsters held a rally outside the plant.", "2020-02-10", "Teamsters",
     "International Brotherhood of Teamsters"},
    {"ShortNursesUnion", "The nurses union held a rally in Oakland.", "2016-01-20",
     "nurses union", "National Nurses United"},
    {"ShortAutoworkers", "The autoworkers held a rally in Flint.", "2023-09-20", "autoworkers",
     "United Auto Workers"},
    {"ShortSteelworkers", "The Steelworkers held a rally in Pittsburgh.", "2016-03-20",
     "Steelworkers", "United Steelworkers"},
};

std::string CaseName(const ::testing::TestParamInfo<Case>& p) { return p.param.name; }

INSTANTIATE_TEST_SUITE_P(Kb, KbResolveTest, ::testing::ValuesIn(kCases), CaseName);

}  // namespace
}  // namespace whipcount
