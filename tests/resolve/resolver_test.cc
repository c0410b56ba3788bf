// Tests of the resolver: which actor each mention of a text is tied to. The text runs through the
// real pipeline (its stages before the resolver build the resolver's input; the stance stage
// after it changes neither mentions nor actors), with the shipped knowledge base. Each case is
// text written for these tests, the span of one mention, and the actor it must name. Cases the
// resolver gets wrong today are DISABLED_.
#include "resolve/resolver.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "kb/knowledge_base.h"
#include "testutil/pipeline_util.h"
#include "testutil/testutil.h"

namespace whipcount::resolve {
namespace {

using ::testing::HasSubstr;

// The name of the actor that the `nth` mention spelled `span` is tied to; "?" when it is left
// unresolved, "<no mention>" when there is no such mention.
std::string ActorOf(const Document& doc, std::string_view span, int nth = 0) {
  for (const Mention& mention : doc.mentions) {
    if (doc.SpanText(mention.token_begin, mention.token_end) != span) continue;
    if (nth-- > 0) continue;
    if (mention.actor < 0) return "?";
    return doc.actors[mention.actor].name;
  }
  return "<no mention>";
}

struct ResolveCase {
  const char* name;
  const char* text;
  const char* date;   // published, "YYYY-MM-DD"
  const char* span;   // the mention looked at
  int nth;            // which of the mentions so spelled (0 = first)
  const char* actor;  // the actor's name, or "?" for unresolved
};

void PrintTo(const ResolveCase& c, std::ostream* os) { *os << c.span << " in: " << c.text; }
std::string CaseName(const ::testing::TestParamInfo<ResolveCase>& info) { return info.param.name; }

class ResolveCaseTest : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveCaseTest, TiesTheMentionToItsActor) {
  const ResolveCase& c = GetParam();
  Document doc = testutil::RunText(c.text, c.date);
  EXPECT_EQ(ActorOf(doc, c.span, c.nth), c.actor) << c.text;
}

const ResolveCase kResolveCases[] = {
    {"AliasToCanonicalName", "The Teamsters met in Las Vegas.", "2020-02-10", "Teamsters", 0,
     "International Brotherhood of Teamsters"},
    {"AcronymAfterTheName",
     "The Communications Workers of America (CWA) met on Monday. CWA members voted.", "2020-02-10",
     "CWA", 1, "Communications Workers of America"},
    {"AcronymAlone", "SEIU members marched downtown.", "2020-02-10", "SEIU", 0,
     "Service Employees International Union"},
    {"TheNomineeIsTheNomineeOnTheDate",
     "Donald Trump accepted the nomination. Scott Walker urged Republicans to back the nominee.",
     "2016-07-21", "nominee", 0, "Donald Trump"},
    {"UnionNamedByItsMembersTrade",
     "The International Association of Fire Fighters met. The Teamsters met too. The "
     "firefighters voted.",
     "2024-10-03", "firefighters", 0, "International Association of Fire Fighters"},
    {"PredicateNamesItsSubject",
     "Joe Biden spoke. Hillary Clinton was the nominee in 2016.", "2024-10-03", "nominee", 0,
     "Hillary Clinton"},
    {"TheEventualNomineeIsNobodyYet",
     "Donald Trump spoke. Marco Rubio pledged to support the eventual nominee.", "2016-05-10",
     "eventual nominee", 0, "?"},
    {"TheNomineeOfTheNamedParty",
     "Donald Trump spoke. Hillary Clinton spoke. John Kasich failed to honor a pledge to support "
     "the Republican nominee.",
     "2016-07-13", "Republican nominee", 0, "Donald Trump"},
    {"ExactCaseFirstAmongSharedNames",
     "The IBEW, which campaigned against the PCs in 2018, endorsed Doug Ford.", "2022-05-18",
     "PCs", 0, "Progressive Conservative Party of Ontario"},
    {"HeReportedAfterADayIsTheSubject",
     "Senator John McCain of Arizona, who had stuck with Donald Trump, said Saturday that he was "
     "withdrawing his support.",
     "2016-10-09", "he", 0, "John McCain"},
    {"HeAfterAnAppositionIsTheSubject",
     "Gov. Mike Pence, Donald Trump's running mate, said he was offended.", "2016-10-09", "he", 0,
     "Mike Pence"},
    {"SpeakerIsNotWhomTheQuoteNames",
     "John McCain spoke on Saturday. \"I will not vote for Donald Trump,\" he said.",
     "2016-10-09", "he", 0, "John McCain"},
    {"TheProposalLongAfterTheOnlyReferendum",
     "Australians will vote on the Indigenous Voice to Parliament. Anthony Albanese set the date. "
     "Peter Dutton spoke. The unions held rallies. The Business Council of Australia has endorsed "
     "the proposal.",
     "2023-08-30", "proposal", 0, "Indigenous Voice to Parliament"},
    {"ItsNomineeIsThePartysNominee",
     "Donald Trump spoke in Ohio. Mike Pence spoke too. The Republican National Committee stood "
     "by its nominee.",
     "2016-10-09", "nominee", 0, "Donald Trump"},
    {"DescriptionBeforeItsName",
     "Roy Moore denied the report. The Republican leader, Senator Mitch McConnell, spoke.",
     "2017-11-11", "Republican leader", 0, "Mitch McConnell"},
    {"TransposedLettersInAnAcronym", "ALF-CIO leaders met in Philadelphia.", "2016-06-20",
     "ALF-CIO", 0, "AFL-CIO"},
    {"SurnameAfterTheFullName", "Elizabeth Warren met Joe Biden in Iowa, and Warren spoke first.",
     "2020-02-10", "Warren", 0, "Elizabeth Warren"},
    {"DescriptionValidOnTheArticleDate2016", "The presumptive Democratic nominee spoke.",
     "2016-06-20", "presumptive Democratic nominee", 0, "Hillary Clinton"},
    {"DescriptionValidOnTheArticleDate2020", "The presumptive Democratic nominee spoke.",
     "2020-06-20", "presumptive Democratic nominee", 0, "Joe Biden"},
    {"DescriptionOfAPerson", "The Vermont senator spoke in Iowa.", "2020-02-10", "Vermont senator",
     0, "Bernie Sanders"},
    {"DescriptionOfTheNearestActorOfItsKind",
     "The Communications Workers of America met on Monday. The union voted.", "2020-02-10", "union",
     0, "Communications Workers of America"},
    {"FederationAfterATitledUnionLeader",
     "The AFL-CIO met. CWA President Chris Shelton said the federation should wait.", "2016-06-20",
     "federation", 0, "AFL-CIO"},
    {"DescriptionWithNothingToReferTo", "The federation met on Monday.", "2020-06-20", "federation",
     0, "?"},
    {"SheToTheWomanNamed", "Elizabeth Warren met Joe Biden, and Warren said she liked him.",
     "2020-02-10", "she", 0, "Elizabeth Warren"},
    {"ObjectPronounInARelativeClauseMayNameTheMainSubject",
     "Joe Biden spoke on Monday. Bernie Sanders keeps the backing of the Teamsters, which "
     "endorsed him in March.",
     "2020-02-10", "him", 0, "Bernie Sanders"},
    {"HeOpeningWhatTheSubjectReports",
     "Bernie Sanders dropped his support for Joe Biden, saying that he could no longer back him.",
     "2020-02-10", "he", 0, "Bernie Sanders"},
    {"HeReportedByARelativeClausesHead",
     "Bernie Sanders met Joe Biden, who said he would stay in the race.", "2020-02-10", "he", 0,
     "Joe Biden"},
    {"HisInAParticipleAfterTheMainClause",
     "Barack Obama endorsed Joe Biden, throwing his support behind the former senator.",
     "2020-04-14", "his", 0, "Barack Obama"},
    {"BranchOfAnOrganizationIsItsAffiliateNamedForThePlace",
     "The Ohio chapter of the AFL-CIO met in Columbus.", "2020-02-10", "AFL-CIO", 0,
     "Ohio AFL-CIO"},
    {"TheSenatorIsThePersonWhoHoldsTheOffice",
     "Sen. Cory Booker met Maria Tran, and Tran praised the senator's plan.", "2020-02-10",
     "senator", 0, "Cory Booker"},
    {"HimToTheManNamed", "Elizabeth Warren met Joe Biden, and Warren said she liked him.",
     "2020-02-10", "him", 0, "Joe Biden"},
    {"SheToTheNearestWoman",
     "Elizabeth Warren spoke in Iowa on Monday. Maria Tran, who leads the Pinecrest Teachers "
     "Association, met reporters. She said the vote was close.",
     "2020-02-10", "She", 0, "Maria Tran"},
    {"ItToAnOrganization", "The Teamsters met in Las Vegas. It voted on Monday.", "2020-02-10",
     "It", 0, "International Brotherhood of Teamsters"},
    {"QuotedIToTheSpeaker",
     "Maria Tran leads the Pinecrest Teachers Association. \"I am proud of our members,\" Tran "
     "said.",
     "2020-02-10", "I", 0, "Maria Tran"},
    {"QuotedOurToTheSpeakersOrganization",
     "Maria Tran leads the Pinecrest Teachers Association. \"I am proud of our members,\" Tran "
     "said.",
     "2020-02-10", "our", 0, "Pinecrest Teachers Association"},
    {"QuotedWeToTheOrganizationTheSpeakerSpeaksFor",
     "\"We are ready,\" said Lorena Ortiz, a spokeswoman for the National Education "
     "Association.",
     "2020-02-10", "We", 0, "National Education Association"},
    {"UnknownNameBecomesAnActor", "Maria Tran leads the Pinecrest Teachers Association.",
     "2020-02-10", "Pinecrest Teachers Association", 0, "Pinecrest Teachers Association"},
    {"SurnameOfAnUnknownPerson",
     "Maria Tran leads the Pinecrest Teachers Association, and Tran will run.", "2020-02-10",
     "Tran", 0, "Maria Tran"},
    // A number the knowledge base does not hold makes a new ballot measure, not a near spelling
    // of another one (Missouri's Proposition A is one edit from "Proposition 9").
    {"UnknownPropositionIsNoMisspelling", "Voters will decide Proposition 9 in November.",
     "2020-02-10", "Proposition 9", 0, "Proposition 9"},
    {"TwoDigitPropositionIsNoMisspelling", "Voters will decide Proposition 14 in November.",
     "2020-02-10", "Proposition 14", 0, "Proposition 14"},
    // A ballot measure has no officers: "its president" is the organization's.
    {"ItsPresidentIsTheOrganizations",
     "The Sierra Club campaigned for Proposition 14, and its president, Maria Tran, spoke.",
     "2020-02-10", "its", 0, "Sierra Club"},
    {"ItsBackersMayBeTheMeasures",
     "The Sierra Club opposed Proposition 14, but its backers raised more money.", "2020-02-10",
     "its", 0, "Proposition 14"},
    // A name several countries' parties share goes to the country the article's other names are
    // from; with nothing else to go on, to the knowledge base's first.
    {"SharedNameTakesTheArticlesCountry",
     "Anthony Albanese and the Labor Party back the Voice, but the Greens are split.",
     "2023-08-30", "Greens", 0, "Australian Greens"},
    {"SharedNameInAnotherCountry", "Keir Starmer met Unison, and the Greens were split.",
     "2020-02-10", "Greens", 0, "Green Party of England and Wales"},
    {"SharedAliasOfAProvincialParty",
     "Andrea Horwath and the Ontario NDP met the Toronto Star, and the PCs held a rally.",
     "2022-05-17", "PCs", 0, "Progressive Conservative Party of Ontario"},
};

INSTANTIATE_TEST_SUITE_P(Cases, ResolveCaseTest, ::testing::ValuesIn(kResolveCases), CaseName);

const ResolveCase kResolveGaps[] = {
    // A common word of an invented name is no alias of a foreign party: the whole name is one
    // new actor. Today "Labor" resolves to the Australian Labor Party in a US article.
    {"LaborInsideAnInventedName", "The Harbor Valley Labor Council met on Monday.", "2020-02-10",
     "Harbor Valley Labor Council", 0, "Harbor Valley Labor Council"},
};

INSTANTIATE_TEST_SUITE_P(DISABLED_Gaps, ResolveCaseTest, ::testing::ValuesIn(kResolveGaps),
                         CaseName);

// --- Actors ----------------------------------------------------------------------------------

TEST(Resolver, EachActorIsListedOnce) {
  Document doc = testutil::RunText(
      "The Teamsters met. The International Brotherhood of Teamsters voted, and the Teamsters "
      "union adjourned. Elizabeth Warren thanked the Teamsters; Warren left.",
      "2020-02-10");
  std::set<std::string> names;
  for (const DocActor& actor : doc.actors)
    EXPECT_TRUE(names.insert(actor.name).second) << "listed twice: " << actor.name;
}

TEST(Resolver, KnowledgeBaseActorsCarryTheirIndexAndKind) {
  Document doc = testutil::RunText("The Sierra Club met Elizabeth Warren.", "2020-02-10");
  const kb::KnowledgeBase& kb = testutil::SharedPipeline()->kb();
  bool saw_club = false;
  for (const DocActor& actor : doc.actors) {
    if (actor.name != "Sierra Club") continue;
    saw_club = true;
    ASSERT_GE(actor.kb_index, 0);
    EXPECT_EQ(kb.actors()[actor.kb_index].name, "Sierra Club");
    EXPECT_EQ(actor.kind, kb.actors()[actor.kb_index].kind);
  }
  EXPECT_TRUE(saw_club);
}

TEST(Resolver, ActorsFoundOnlyInTheTextHaveNoKnowledgeBaseIndex) {
  Document doc =
      testutil::RunText("Maria Tran leads the Pinecrest Teachers Association.", "2020-02-10");
  int found = 0;
  for (const DocActor& actor : doc.actors) {
    if (actor.name == "Maria Tran") {
      ++found;
      EXPECT_EQ(actor.kb_index, -1);
      EXPECT_EQ(actor.kind, ActorKind::kPerson);
    }
    if (actor.name == "Pinecrest Teachers Association") {
      ++found;
      EXPECT_EQ(actor.kb_index, -1);
      EXPECT_TRUE(IsOrganization(actor.kind)) << ToString(actor.kind);
    }
  }
  EXPECT_EQ(found, 2);
}

TEST(Resolver, ResolvedMentionsPointIntoTheActors) {
  Document doc = testutil::RunText(
      "The AFL-CIO met. CWA President Chris Shelton said the federation should wait. He left.",
      "2016-06-20");
  ASSERT_FALSE(doc.mentions.empty());
  for (const Mention& mention : doc.mentions) {
    EXPECT_GE(mention.actor, -1);
    EXPECT_LT(mention.actor, static_cast<int32_t>(doc.actors.size()));
  }
}

// --- Create ----------------------------------------------------------------------------------

TEST(ResolverCreate, BadGenderNamesFileAndLine) {
  namespace fs = std::filesystem;
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  std::string dir = testutil::TempDir() + "/lexicons";
  fs::copy(testutil::DataDir() + "/lexicons", dir, fs::copy_options::recursive);
  std::ofstream(dir + "/gender.tsv", std::ios::trunc) << "# word\tgender\nMaria\tf\nRobin\tx\n";
  auto resolver = Resolver::Create(pipeline->kb(), dir);
  ASSERT_FALSE(resolver.ok());
  EXPECT_THAT(resolver.status().message(), HasSubstr("gender.tsv:3"));
}

TEST(ResolverCreate, MissingTitlesIsAnError) {
  namespace fs = std::filesystem;
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  std::string dir = testutil::TempDir() + "/lexicons";
  fs::copy(testutil::DataDir() + "/lexicons", dir, fs::copy_options::recursive);
  fs::remove(dir + "/titles.txt");
  auto resolver = Resolver::Create(pipeline->kb(), dir);
  ASSERT_FALSE(resolver.ok());
  EXPECT_THAT(resolver.status().message(), HasSubstr("titles.txt"));
}

TEST(ResolverCreate, MissingReportingVerbsIsAnError) {
  namespace fs = std::filesystem;
  const Pipeline* pipeline = testutil::SharedPipeline();
  ASSERT_NE(pipeline, nullptr);
  std::string dir = testutil::TempDir() + "/lexicons";
  fs::copy(testutil::DataDir() + "/lexicons", dir, fs::copy_options::recursive);
  fs::remove(dir + "/reporting_verbs.txt");
  auto resolver = Resolver::Create(pipeline->kb(), dir);
  ASSERT_FALSE(resolver.ok());
  EXPECT_THAT(resolver.status().message(), HasSubstr("reporting_verbs.txt"));
}

}  // namespace
}  // namespace whipcount::resolve
