// Tests of the facts stage: what sentences written for these tests state about their actors
// (membership figures, offices, affiliations), read through the real pipeline and the shipped
// data/, plus the lexicon loader's error messages and the JSON lines `extract --facts` prints.
#include "facts/facts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testutil/pipeline_util.h"
#include "testutil/testutil.h"

namespace whipcount::facts {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// "holder | kind | value | object" for every fact of `text`.
std::vector<std::string> FactsOf(std::string_view text, std::string_view date = "2019-05-01") {
  Document doc = testutil::RunText(text, date);
  std::vector<std::string> out;
  for (const FactRecord& f : doc.facts) {
    std::string s = doc.actors[f.holder].name + " | " + std::string(FactKindName(f.kind)) + " | " +
                    f.value;
    if (f.object >= 0) s += " | " + doc.actors[f.object].name;
    if (f.approximate) s += " | approx";
    out.push_back(s);
  }
  return out;
}

TEST(Members, RelativeClauseWithHedgeAndScale) {
  EXPECT_THAT(FactsOf("The Service Employees International Union, which represents more than 2 "
                      "million workers, met on Tuesday."),
              Contains("Service Employees International Union | members | 2000000 | approx"));
}

TEST(Members, CompoundAdjectiveOnADescription) {
  EXPECT_THAT(FactsOf("The Teamsters held a vote. The 1.3 million-member union chose to wait."),
              Contains("International Brotherhood of Teamsters | members | 1300000"));
}

TEST(Members, PossessiveFigure) {
  EXPECT_THAT(FactsOf("The United Steelworkers' 850,000 members will be asked first."),
              Contains("United Steelworkers | members | 850000"));
}

TEST(Members, VerbAfterTheName) {
  EXPECT_THAT(FactsOf("The National Education Association has about 3 million members."),
              Contains("National Education Association | members | 3000000 | approx"));
}

TEST(Members, WithPhraseInApposition) {
  EXPECT_THAT(FactsOf("The Communications Workers of America, with 700,000 members, was silent."),
              Contains("Communications Workers of America | members | 700000"));
}

TEST(Members, FiguresThatCountNoMembersAreNotFacts) {
  EXPECT_THAT(FactsOf("The Teamsters spent 2 million dollars on ads in Ohio."), IsEmpty());
  // A person is not given a membership.
  EXPECT_THAT(FactsOf("Bernie Sanders has 12 million followers and 300 staff members."),
              IsEmpty());
}

TEST(Roles, TitleBetweenOrganizationAndPerson) {
  EXPECT_THAT(FactsOf("Teamsters General President Sean O'Brien spoke in Detroit."),
              Contains("Sean O'Brien | role | General President | International Brotherhood of "
                       "Teamsters"));
}

TEST(Roles, AppositionWithPreposition) {
  EXPECT_THAT(FactsOf("Randi Weingarten, president of the American Federation of Teachers, "
                      "spoke first."),
              Contains("Randi Weingarten | role | president | American Federation of Teachers"));
}

TEST(Roles, PossessiveOrganizationBeforeTitle) {
  EXPECT_THAT(FactsOf("Joan Example, the United Auto Workers' spokeswoman, declined to comment."),
              Contains("Joan Example | role | spokeswoman | United Auto Workers"));
  EXPECT_THAT(FactsOf("The National Nurses United board met. The union's executive director, "
                      "Linda Kowalczyk, said it would wait."),
              Contains("Linda Kowalczyk | role | executive director | National Nurses United"));
}

TEST(Roles, StatedOfficeGivesThePersonTheirOrganization) {
  Document doc = testutil::RunText(
      "Robert Whitfield, the political director of the Utility Workers Union of America, spoke.",
      "2019-05-01");
  bool found = false;
  for (const DocActor& a : doc.actors) {
    if (a.name != "Robert Whitfield") continue;
    found = true;
    ASSERT_GE(a.org, 0);
    EXPECT_EQ(doc.actors[a.org].name, "Utility Workers Union of America");
  }
  EXPECT_TRUE(found);
}

TEST(Affiliations, AnotherParentMember) {
  EXPECT_THAT(FactsOf("The Amalgamated Transit Union, another AFL-CIO member, voted later."),
              Contains("Amalgamated Transit Union | affiliation | AFL-CIO | AFL-CIO"));
  EXPECT_THAT(FactsOf("The United Steelworkers, an AFL-CIO affiliate, stayed out of it."),
              Contains("United Steelworkers | affiliation | AFL-CIO | AFL-CIO"));
}

TEST(Affiliations, LinkPhrases) {
  EXPECT_THAT(FactsOf("The Utility Workers Union of America, part of the AFL-CIO, voted."),
              Contains("Utility Workers Union of America | affiliation | AFL-CIO | AFL-CIO"));
  EXPECT_THAT(FactsOf("Unison, which is affiliated with the TUC, held a ballot.", "2019-05-01"),
              Contains(HasSubstr("| affiliation | Trades Union Congress")));
}

TEST(Affiliations, ParentBeforeMember) {
  EXPECT_THAT(FactsOf("The AFL-CIO affiliate CWA voted on Monday."),
              Contains(HasSubstr("| affiliation | AFL-CIO | AFL-CIO")));
}

TEST(Affiliations, APersonIsNotAnAffiliate) {
  EXPECT_THAT(FactsOf("Bernie Sanders, a member of the Senate, spoke to the AFL-CIO."),
              Not(Contains(HasSubstr("affiliation"))));
}

TEST(Json, FactLinesCarryTypeEvidenceAndOffsets) {
  const std::string text =
      "Intro line.\n\nThe Communications Workers of America, which represents about 700,000 "
      "workers, met.";
  Document doc = testutil::RunText(text, "2019-05-01");
  ASSERT_FALSE(doc.facts.empty());
  std::string out;
  AppendFactJsonl(doc, out);
  auto j = nlohmann::json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(j["type"], "fact");
  EXPECT_EQ(j["kind"], "members");
  EXPECT_EQ(j["number"], 700000);
  EXPECT_EQ(j["approximate"], true);
  std::string evidence = j["evidence"];
  EXPECT_EQ(text.substr(j["evidence_start"].get<size_t>(),
                        j["evidence_end"].get<size_t>() - j["evidence_start"].get<size_t>()),
            evidence);
  EXPECT_THAT(evidence, HasSubstr("700,000 workers"));
  EXPECT_THAT(j["sentence"].get<std::string>(), HasSubstr("met."));
}

TEST(Lexicon, BadRowsNameFileAndLine) {
  std::string dir = testutil::TempDir();
  {
    std::ofstream(dir + "/facts.tsv") << "# c\tp\nmember_noun\tmembers\nnot_a_class\tx\n";
  }
  auto bad = FactFinder::Create(dir);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("facts.tsv:3: unknown class 'not_a_class'"));
  {
    std::ofstream(dir + "/facts.tsv") << "scale\tmillion\tlots\n";
  }
  auto bad_scale = FactFinder::Create(dir);
  ASSERT_FALSE(bad_scale.ok());
  EXPECT_THAT(bad_scale.status().message(), HasSubstr("facts.tsv:1: scale value 'lots'"));
  auto missing = FactFinder::Create(dir + "/nowhere");
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace whipcount::facts
