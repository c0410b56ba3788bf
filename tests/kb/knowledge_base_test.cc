#include "kb/knowledge_base.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace whipcount::kb {
namespace {

Date D(int y, int m, int d) { return Date{y, m, d}; }

// The real data/kb folder, loaded once for all the tests that only read it.
const KnowledgeBase& RealKb() {
  static const KnowledgeBase* kb = [] {
    auto loaded = KnowledgeBase::LoadDir(testutil::DataDir() + "/kb");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? std::move(loaded).value().release() : new KnowledgeBase();
  }();
  return *kb;
}

// The id of the single actor `name` resolves to, or "" (with a failure) when it is not exactly one.
std::string IdOfName(const KnowledgeBase& kb, std::string_view name) {
  std::vector<int32_t> hits = kb.FindByName(name);
  if (hits.size() != 1) {
    ADD_FAILURE() << "'" << name << "' resolves to " << hits.size() << " actors";
    return "";
  }
  return kb.actors()[hits[0]].id;
}

std::vector<std::string> Ids(const KnowledgeBase& kb, const std::vector<int32_t>& hits) {
  std::vector<std::string> out;
  for (int32_t i : hits) out.push_back(kb.actors()[i].id);
  return out;
}

bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Writes `files` (name, content) into a fresh folder and returns the folder.
std::string WriteDir(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string dir = testutil::TempDir();
  for (const auto& [name, content] : files) {
    std::ofstream(dir + "/" + name, std::ios::binary) << content;
  }
  return dir;
}

constexpr char kActorsHeader[] = "id\tkind\tname\taliases\tmembers\tmembers_year\n";

TEST(NormalizeName, FoldsCasePunctuationPossessiveAndArticle) {
  EXPECT_EQ(NormalizeName("The AFL-CIO's"), "afl cio");
  EXPECT_EQ(NormalizeName("  O\xE2\x80\x99Rourke  "), "o rourke");
  EXPECT_EQ(NormalizeName("Beto O'Rourke's"), "beto o rourke");
  EXPECT_EQ(NormalizeName("AT&T"), "at&t");
  EXPECT_EQ(NormalizeName("Theatre Guild"), "theatre guild");
  EXPECT_EQ(NormalizeName("the"), "the");
  EXPECT_EQ(NormalizeName("Workers' Union"), "workers union");
  EXPECT_EQ(NormalizeName("\xC3\x89QUITY"), "\xC3\xA9quity");  // Latin-1 capitals lower-cased
}

TEST(DateRange, OpenEndsAndUnknownDates) {
  DateRange range{D(2016, 6, 7), D(2016, 7, 26)};
  EXPECT_TRUE(range.Contains(D(2016, 6, 7)));
  EXPECT_TRUE(range.Contains(D(2016, 7, 26)));
  EXPECT_FALSE(range.Contains(D(2016, 6, 6)));
  EXPECT_FALSE(range.Contains(D(2016, 7, 27)));
  EXPECT_TRUE(range.Contains(std::nullopt));
  EXPECT_TRUE(DateRange{}.Contains(D(1900, 1, 1)));
}

TEST(KnowledgeBase, LoadsRealDataQuickly) {
  auto start = std::chrono::steady_clock::now();
  auto kb = KnowledgeBase::LoadDir(testutil::DataDir() + "/kb");
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  size_t names = 0;
  (*kb)->ForEachName([&](const std::string&, int32_t) { ++names; });
  std::printf("[kb] %zu actors, %zu names, %zu descriptions, %zu affiliations, %zu roles "
              "loaded in %.1f ms\n",
              (*kb)->actors().size(), names, (*kb)->descriptions().size(),
              (*kb)->affiliations().size(), (*kb)->roles().size(), elapsed.count());
  EXPECT_GE((*kb)->actors().size(), 400u);
  EXPECT_LT(elapsed.count(), 50.0);
}

TEST(KnowledgeBase, EveryActorHasKindNameAndSource) {
  const KnowledgeBase& kb = RealKb();
  for (const KbActor& actor : kb.actors()) {
    EXPECT_NE(actor.kind, ActorKind::kUnknown) << actor.id;
    EXPECT_FALSE(actor.name.empty()) << actor.id;
    EXPECT_NE(actor.source.find(".actors.tsv:"), std::string::npos) << actor.source;
    if (actor.members > 0) {
      EXPECT_GE(actor.members_year, 2000) << actor.id;
    }
  }
}

TEST(KnowledgeBase, ResolvesAcronymsAndShortNames) {
  const KnowledgeBase& kb = RealKb();
  EXPECT_EQ(IdOfName(kb, "CWA"), "cwa");
  EXPECT_EQ(IdOfName(kb, "the AFL-CIO's"), "afl-cio");
  EXPECT_EQ(IdOfName(kb, "American Federation of Labor and Congress of Industrial Organizations"),
            "afl-cio");
  EXPECT_EQ(IdOfName(kb, "Teamsters"), "teamsters");
  EXPECT_EQ(IdOfName(kb, "Steelworkers"), "usw");
  EXPECT_EQ(IdOfName(kb, "Machinists"), "iam");
  EXPECT_EQ(IdOfName(kb, "Letter Carriers"), "nalc");
  EXPECT_EQ(IdOfName(kb, "Electrical Workers"), "ibew");
  EXPECT_EQ(IdOfName(kb, "NNU"), "nnu");
  EXPECT_EQ(IdOfName(kb, "Culinary Union"), "culinary-226");
  EXPECT_EQ(IdOfName(kb, "Usdaw"), "usdaw");
  EXPECT_EQ(IdOfName(kb, "Ontario PCs"), "ontario-pc");
  EXPECT_EQ(IdOfName(kb, "Voice to Parliament"), "voice-referendum");
  EXPECT_EQ(IdOfName(kb, "Prop. 22"), "prop-22-2020");
  EXPECT_EQ(IdOfName(kb, "New York Times editorial board"), "nyt");
}

TEST(KnowledgeBase, ResolvesPeopleByFullNameVariantAndSurname) {
  const KnowledgeBase& kb = RealKb();
  EXPECT_EQ(IdOfName(kb, "Bernard Sanders"), "bernie-sanders");
  EXPECT_EQ(IdOfName(kb, "Hillary Rodham Clinton"), "hillary-clinton");
  EXPECT_EQ(IdOfName(kb, "Ocasio-Cortez"), "alexandria-ocasio-cortez");
  EXPECT_EQ(IdOfName(kb, "Corbyn"), "jeremy-corbyn");
  std::vector<std::string> clintons = Ids(kb, kb.FindByName("Clinton"));
  EXPECT_TRUE(Contains(clintons, "hillary-clinton"));
  EXPECT_TRUE(Contains(clintons, "bill-clinton"));
}

TEST(KnowledgeBase, SharedNameListsCanonicalOwnerThenLoadOrder) {
  const KnowledgeBase& kb = RealKb();
  // Canonical name of the British union, alias of the American one.
  std::vector<std::string> equity = Ids(kb, kb.FindByName("Equity"));
  ASSERT_EQ(equity.size(), 2u);
  EXPECT_EQ(equity[0], "equity-uk");
  EXPECT_EQ(equity[1], "actors-equity");
  // An alias of both: US files load before Australian ones.
  std::vector<std::string> twu = Ids(kb, kb.FindByName("Transport Workers Union"));
  ASSERT_EQ(twu.size(), 2u);
  EXPECT_EQ(twu[0], "twu");
  EXPECT_EQ(Ids(kb, kb.FindByName("Tories"))[0], "conservatives-uk");
}

// The first digit of a file's name is its actors' region; a name without one has none.
TEST(KnowledgeBase, RegionComesFromTheFileNamesFirstDigit) {
  const KnowledgeBase& kb = RealKb();
  EXPECT_EQ(kb.actors()[*kb.FindById("greens-au")].region, 4);
  EXPECT_EQ(kb.actors()[*kb.FindById("green-party-ew")].region, 2);
  EXPECT_EQ(kb.actors()[*kb.FindById("twu")].region, 1);
  KnowledgeBase mine;
  ASSERT_OK(mine.AddFile(testutil::WriteTempFile(
      "mine.actors.tsv", std::string("# a user's own actors\n") + kActorsHeader +
                             "riverside-teachers\tunion\tRiverside Teachers Guild\t\t\t\n")));
  EXPECT_EQ(mine.actors()[0].region, -1);
}

TEST(KnowledgeBase, OrdinaryWordsAreNotAliases) {
  // Capitalized at the start of a sentence these would be taken for actors: a month, a
  // direction, a city, a party adjective, and acronyms with a commoner meaning in labor news.
  const KnowledgeBase& kb = RealKb();
  for (const char* word : {"May", "West", "Flint", "Jordan", "Democratic", "Post", "Times",
                           "Mail", "Star", "Australian", "Atlantic", "State", "Age",
                           "Economist", "Nation", "CBA", "TPA", "IRA", "Union", "Labor Day"}) {
    EXPECT_TRUE(kb.FindByName(word).empty()) << word;
  }
}

TEST(KnowledgeBase, DescriptionValidOnlyInRange) {
  const KnowledgeBase& kb = RealKb();
  auto nominee = [&](Date when) {
    return Ids(kb, kb.FindByDescription("the presumptive Democratic nominee", when));
  };
  EXPECT_EQ(nominee(D(2016, 6, 20)), std::vector<std::string>{"hillary-clinton"});
  EXPECT_EQ(nominee(D(2020, 5, 1)), std::vector<std::string>{"joe-biden"});
  EXPECT_TRUE(nominee(D(2016, 2, 17)).empty());
  EXPECT_TRUE(nominee(D(2016, 8, 15)).empty());
  EXPECT_EQ(Ids(kb, kb.FindByDescription("The Vermont senator", D(2016, 2, 17))),
            std::vector<std::string>{"bernie-sanders"});
  EXPECT_TRUE(kb.FindByDescription("Vermont senator", D(2005, 1, 1)).empty());
  EXPECT_EQ(Ids(kb, kb.FindByDescription("the former vice president", D(2019, 9, 1))),
            std::vector<std::string>{"joe-biden"});
  EXPECT_EQ(Ids(kb, kb.FindByDescription("Labour leader", D(2016, 9, 1))),
            std::vector<std::string>{"jeremy-corbyn"});
  EXPECT_EQ(Ids(kb, kb.FindByDescription("Labour leader", D(2021, 1, 1))),
            std::vector<std::string>{"keir-starmer"});
  EXPECT_EQ(Ids(kb, kb.FindByDescription("the nurses union", D(2016, 6, 15))),
            std::vector<std::string>{"nnu"});
}

TEST(KnowledgeBase, DescriptionWithUnknownDateMatchesEveryHolder) {
  const KnowledgeBase& kb = RealKb();
  std::vector<std::string> ids = Ids(kb, kb.FindByDescription("vice president", std::nullopt));
  EXPECT_TRUE(Contains(ids, "joe-biden"));
  EXPECT_TRUE(Contains(ids, "mike-pence"));
  EXPECT_TRUE(Contains(ids, "kamala-harris"));
}

TEST(KnowledgeBase, FuzzyFindsMisspellings) {
  const KnowledgeBase& kb = RealKb();
  std::vector<std::string> afl = Ids(kb, kb.FindFuzzy("ALF-CIO", 1));
  ASSERT_FALSE(afl.empty());
  EXPECT_EQ(afl[0], "afl-cio");
  std::vector<std::string> cwa = Ids(kb, kb.FindFuzzy("Communications Workers of American", 2));
  ASSERT_FALSE(cwa.empty());
  EXPECT_EQ(cwa[0], "cwa");
  EXPECT_EQ(Ids(kb, kb.FindFuzzy("Bernie Sandres", 2))[0], "bernie-sanders");
}

TEST(KnowledgeBase, FuzzyNeverMatchesShortNames) {
  const KnowledgeBase& kb = RealKb();
  EXPECT_TRUE(kb.FindFuzzy("CWB", 1).empty());
  EXPECT_TRUE(kb.FindFuzzy("SEIV", 1).empty());
  EXPECT_TRUE(kb.FindFuzzy("Unitee", 0).empty());
}

// Plain optimal-string-alignment distance, the slow way, to check the pruned search against.
int NaiveDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

TEST(KnowledgeBase, FuzzyAgreesWithExhaustiveSearch) {
  const KnowledgeBase& kb = RealKb();
  const std::vector<std::string> queries = {
      "Amalgamated Trnasit Union", "Natonal Nurses Untied", "Kamela Haris", "Teamster",
      "Jeremy Corbin",             "Progresive Conservatives", "Unifor Canda", "Labour Partyy"};
  for (const std::string& query : queries) {
    for (int max_edits = 1; max_edits <= 3; ++max_edits) {
      std::vector<int32_t> want;
      std::string norm = NormalizeName(query);
      kb.ForEachName([&](const std::string& name, int32_t actor) {
        if (name.size() >= 6 && NaiveDistance(norm, name) <= max_edits &&
            std::find(want.begin(), want.end(), actor) == want.end()) {
          want.push_back(actor);
        }
      });
      std::vector<int32_t> got = kb.FindFuzzy(query, max_edits);
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want) << query << " within " << max_edits;
    }
  }
}

TEST(KnowledgeBase, FuzzyIsFastEnoughForPerMentionCalls) {
  const KnowledgeBase& kb = RealKb();
  const std::vector<std::string> queries = {"Internatonal Brotherhood of Teamster",
                                            "Amalgamated Transit Onion", "Elizabth Warren",
                                            "Shawn Fane", "Unknown Person Name"};
  auto start = std::chrono::steady_clock::now();
  size_t found = 0;
  for (int round = 0; round < 200; ++round) {
    for (const std::string& q : queries) found += kb.FindFuzzy(q, 2).size();
  }
  auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  std::printf("[kb] 1000 fuzzy lookups in %.1f ms\n", elapsed.count());
  EXPECT_GE(found, 800u);
  EXPECT_LT(elapsed.count(), 1000.0);
}

TEST(KnowledgeBase, AffiliationsFollowDates) {
  const KnowledgeBase& kb = RealKb();
  int32_t afl = *kb.FindById("afl-cio");
  int32_t ufcw = *kb.FindById("ufcw");
  int32_t seiu = *kb.FindById("seiu");
  EXPECT_TRUE(kb.IsAffiliated(ufcw, afl, D(2004, 1, 1)));
  EXPECT_FALSE(kb.IsAffiliated(ufcw, afl, D(2010, 1, 1)));
  EXPECT_TRUE(kb.IsAffiliated(ufcw, afl, D(2016, 6, 15)));
  EXPECT_FALSE(kb.IsAffiliated(seiu, afl, D(2016, 6, 15)));
  EXPECT_TRUE(kb.IsAffiliated(*kb.FindById("cwa"), afl, D(2016, 6, 15)));
  std::vector<std::string> affiliates = Ids(kb, kb.AffiliatesOf(afl, D(2016, 6, 15)));
  EXPECT_TRUE(Contains(affiliates, "nnu"));
  EXPECT_TRUE(Contains(affiliates, "unite-here"));
  EXPECT_FALSE(Contains(affiliates, "teamsters"));
  EXPECT_FALSE(Contains(affiliates, "culinary-226"));  // via UNITE HERE, not directly
  EXPECT_TRUE(kb.IsAffiliated(*kb.FindById("culinary-226"), *kb.FindById("unite-here"),
                              D(2016, 2, 17)));
}

TEST(KnowledgeBase, RolesOfPerson) {
  const KnowledgeBase& kb = RealKb();
  std::vector<KbRole> roles = kb.RolesOf(*kb.FindById("richard-trumka"));
  bool president = false;
  for (const KbRole& role : roles) {
    if (role.title == "President" && kb.actors()[role.org].id == "afl-cio") {
      president = role.valid.Contains(D(2016, 6, 15)) && !role.valid.Contains(D(2022, 1, 1));
    }
  }
  EXPECT_TRUE(president);
}

TEST(KnowledgeBase, AddFileExtendsLoadedData) {
  auto kb = KnowledgeBase::LoadDir(testutil::DataDir() + "/kb");
  ASSERT_TRUE(kb.ok());
  std::string actors = testutil::WriteTempFile(
      "mine.actors.tsv", std::string("# a user's own actors\n") + kActorsHeader +
                             "riverside-teachers\tunion\tRiverside Teachers Guild\tRTG | "
                             "Riverside Guild\t4200\t2023\n");
  ASSERT_OK((*kb)->AddFile(actors));
  std::string affiliations = testutil::WriteTempFile(
      "mine.affiliations.tsv",
      "member\tparent\tfrom\tto\nriverside-teachers\taft\t2019-04\t\n");
  ASSERT_OK((*kb)->AddFile(affiliations));
  EXPECT_EQ(IdOfName(**kb, "Riverside Guild"), "riverside-teachers");
  int32_t guild = *(*kb)->FindById("riverside-teachers");
  EXPECT_EQ((*kb)->actors()[guild].members, 4200);
  EXPECT_FALSE((*kb)->IsAffiliated(guild, *(*kb)->FindById("aft"), D(2019, 3, 31)));
  EXPECT_TRUE((*kb)->IsAffiliated(guild, *(*kb)->FindById("aft"), D(2019, 4, 1)));
}

TEST(KnowledgeBase, BadFileKeepsNothing) {
  KnowledgeBase kb;
  std::string path = testutil::WriteTempFile(
      "half.actors.tsv", std::string(kActorsHeader) +
                             "good-one\tunion\tGood Workers Union\t\t\t\n"
                             "bad-one\tguild\tBad Workers Union\t\t\t\n");
  Status st = kb.AddFile(path);
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(kb.actors().empty());
  EXPECT_TRUE(kb.FindByName("Good Workers Union").empty());
}

struct BadRow {
  const char* file;
  const char* content;
  int line;
  const char* what;
};

class KnowledgeBaseBadRow : public ::testing::TestWithParam<BadRow> {};

TEST_P(KnowledgeBaseBadRow, ErrorNamesFileAndLine) {
  const BadRow& row = GetParam();
  KnowledgeBase kb;
  std::string base = testutil::WriteTempFile(
      "base.actors.tsv", std::string(kActorsHeader) + "harbor-union\tunion\tHarbor Union\t\t\t\n");
  ASSERT_OK(kb.AddFile(base));
  std::string path = testutil::WriteTempFile(row.file, row.content);
  Status st = kb.AddFile(path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  std::string want = path + ":" + std::to_string(row.line) + ": ";
  EXPECT_EQ(st.message().rfind(want, 0), 0u) << st.message();
  EXPECT_NE(st.message().find(row.what), std::string::npos) << st.message();
  EXPECT_EQ(kb.actors().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, KnowledgeBaseBadRow,
    ::testing::Values(
        BadRow{"cols.actors.tsv",
               "# comment\nid\tkind\tname\taliases\tmembers\tmembers_year\n\n"
               "lake-union\tunion\tLake Union\n",
               4, "columns"},
        BadRow{"kind.actors.tsv",
               "id\tkind\tname\taliases\tmembers\tmembers_year\nlake-union\tguild\tLake Union\t\t\t\n",
               2, "bad kind"},
        BadRow{"members.actors.tsv",
               "id\tkind\tname\taliases\tmembers\tmembers_year\n"
               "lake-union\tunion\tLake Union\t\tmany\t2020\n",
               2, "members"},
        BadRow{"dup.actors.tsv",
               "id\tkind\tname\taliases\tmembers\tmembers_year\n"
               "harbor-union\tunion\tHarbor Union Again\t\t\t\n",
               2, "base.actors.tsv:2"},
        BadRow{"date.descriptions.tsv",
               "actor\tphrase\tfrom\tto\nharbor-union\tdockside union\t2016-13\t\n", 2,
               "bad date"},
        BadRow{"order.affiliations.tsv",
               "member\tparent\tfrom\tto\nharbor-union\tharbor-union\t\t\n", 2, "itself"},
        BadRow{"unknown.affiliations.tsv",
               "member\tparent\tfrom\tto\nharbor-union\tno-such-federation\t2001\t\n", 2,
               "unknown actor id 'no-such-federation'"},
        BadRow{"range.roles.tsv",
               "person\ttitle\torg\tfrom\tto\nharbor-union\tPresident\tharbor-union\t2020\t2019\n",
               2, "before it starts"},
        BadRow{"header.roles.tsv", "person\ttitle\torganization\tfrom\tto\n", 1, "header"}));

TEST(KnowledgeBase, DuplicateIdInsideOneFileNamesBothLines) {
  KnowledgeBase kb;
  std::string path = testutil::WriteTempFile(
      "twice.actors.tsv", std::string(kActorsHeader) + "lake-union\tunion\tLake Union\t\t\t\n" +
                              "lake-union\tunion\tLake Union Two\t\t\t\n");
  Status st = kb.AddFile(path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind(path + ":3: ", 0), 0u) << st.message();
  EXPECT_NE(st.message().find(path + ":2"), std::string::npos) << st.message();
}

TEST(KnowledgeBase, LoadDirReadsActorsBeforeOtherFiles) {
  // "a.affiliations.tsv" sorts before "z.actors.tsv" but must still see its ids.
  std::string dir = WriteDir({
      {"a.affiliations.tsv", "member\tparent\tfrom\tto\nlake-local\tlake-union\t2001\t2003-06\n"},
      {"z.actors.tsv", std::string(kActorsHeader) + "lake-union\tunion\tLake Union\t\t\t\n" +
                           "lake-local\tunion\tLake Local 9\tLocal 9\t\t\n"},
  });
  auto kb = KnowledgeBase::LoadDir(dir);
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  ASSERT_EQ((*kb)->affiliations().size(), 1u);
  const DateRange& valid = (*kb)->affiliations()[0].valid;
  EXPECT_EQ(*valid.from, D(2001, 1, 1));
  EXPECT_EQ(*valid.to, D(2003, 6, 30));
}

TEST(KnowledgeBase, LoadDirRejectsUnknownSuffixAndMissingDir) {
  std::string dir = WriteDir({{"notes.tsv", "x\ty\n"}});
  auto kb = KnowledgeBase::LoadDir(dir);
  ASSERT_FALSE(kb.ok());
  EXPECT_NE(kb.status().message().find("notes.tsv"), std::string::npos);
  auto missing = KnowledgeBase::LoadDir(dir + "/absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kIOError);
}

TEST(KnowledgeBase, ForEachNameVisitsNormalizedNames) {
  const KnowledgeBase& kb = RealKb();
  int32_t cwa = *kb.FindById("cwa");
  std::vector<std::string> names;
  kb.ForEachName([&](const std::string& name, int32_t actor) {
    if (actor == cwa) names.push_back(name);
  });
  EXPECT_TRUE(Contains(names, "communications workers of america"));
  EXPECT_TRUE(Contains(names, "cwa"));
}

}  // namespace
}  // namespace whipcount::kb
