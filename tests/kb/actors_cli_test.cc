// `whipcount actors`, `--kb FILE`, `extract --facts` and `tally --weight members` as a user runs
// them: the built binary (WHIPCOUNT_BINARY) is started with popen, in a fresh folder (so no
// whipcount.db lying around is consulted), on files written for these tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace whipcount {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using Json = nlohmann::json;

struct CliRun {
  int code = -1;
  std::string out, err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q.append("'\\''");
    } else {
      q.push_back(c);
    }
  }
  q.push_back('\'');
  return q;
}

// Runs `whipcount --data <data/> args...` inside `dir`.
CliRun Whipcount(const std::string& dir, const std::vector<std::string>& args) {
  std::string err_path = dir + "/stderr.txt";
  std::string cmd = "cd ";
  cmd.append(Quote(dir)).append(" && ").append(Quote(WHIPCOUNT_BINARY)).append(" --data ");
  cmd.append(Quote(testutil::DataDir()));
  for (const std::string& a : args) cmd.append(" ").append(Quote(a));
  cmd.append(" 2> ").append(Quote(err_path));
  CliRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen failed: " << cmd;
    return run;
  }
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_path);
  std::stringstream ss;
  ss << in.rdbuf();
  run.err = ss.str();
  return run;
}

Json ParseOut(const CliRun& run) {
  Json j = Json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << run.out.substr(0, 300) << "\n" << run.err;
  return j;
}

std::vector<Json> Lines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
  return out;
}

std::vector<std::string> Field(const Json& arr, const char* key) {
  std::vector<std::string> out;
  for (const Json& j : arr) out.push_back(j[key].is_string() ? j[key].get<std::string>() : "");
  return out;
}

TEST(ActorsCli, AcronymLookupShowsTheKnowledgeBase) {
  std::string dir = testutil::TempDir();
  CliRun run = Whipcount(dir, {"actors", "cwa", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  Json j = ParseOut(run);
  EXPECT_EQ(j["matched_by"], "name");
  ASSERT_FALSE(j["actors"].empty());
  const Json& a = j["actors"][0];
  EXPECT_EQ(a["id"], "cwa");
  EXPECT_EQ(a["name"], "Communications Workers of America");
  EXPECT_EQ(a["kind"], "union");
  EXPECT_THAT(a["aliases"].get<std::vector<std::string>>(), Contains("CWA"));
  EXPECT_GT(a["members"].get<int64_t>(), 0);
  EXPECT_GE(a["members_year"].get<int>(), 2000);
  EXPECT_THAT(Field(a["affiliations"], "parent_id"), Contains("afl-cio"));
  EXPECT_THAT(Field(a["people"], "person"), Contains("Chris Shelton"));
  EXPECT_TRUE(a["database"].is_null());  // no database in this folder
}

TEST(ActorsCli, FullNameAnyCaseAndDescriptionsWithDates) {
  std::string dir = testutil::TempDir();
  Json by_name = ParseOut(Whipcount(dir, {"actors", "COMMUNICATIONS workers of america", "--json"}));
  EXPECT_EQ(by_name["actors"][0]["id"], "cwa");
  Json by_description = ParseOut(Whipcount(dir, {"actors", "the Vermont senator", "--json"}));
  EXPECT_EQ(by_description["matched_by"], "description");
  ASSERT_FALSE(by_description["actors"].empty());
  const Json& sanders = by_description["actors"][0];
  EXPECT_EQ(sanders["name"], "Bernie Sanders");
  bool dated = false;
  for (const Json& d : sanders["descriptions"])
    if (d["phrase"] == "vermont senator" && d["from"].is_string()) dated = true;
  EXPECT_TRUE(dated) << sanders["descriptions"].dump();
}

TEST(ActorsCli, NoMatchListsClosestNamesAndExitsOne) {
  std::string dir = testutil::TempDir();
  CliRun run = Whipcount(dir, {"actors", "Teamstrs", "--json"});
  EXPECT_EQ(run.code, 1);
  Json j = ParseOut(run);
  EXPECT_TRUE(j["actors"].empty());
  EXPECT_THAT(j["closest"].get<std::vector<std::string>>(),
              Contains("International Brotherhood of Teamsters"));
  EXPECT_THAT(run.err, HasSubstr("no actor named \"Teamstrs\""));
  CliRun text = Whipcount(dir, {"actors", "Teamsters"});
  EXPECT_EQ(text.code, 0);
  EXPECT_THAT(text.out, HasSubstr("International Brotherhood of Teamsters"));
}

TEST(ActorsCli, ListPrintsEveryActor) {
  std::string dir = testutil::TempDir();
  CliRun run = Whipcount(dir, {"actors", "--list", "--json"});
  ASSERT_EQ(run.code, 0) << run.err;
  Json j = ParseOut(run);
  ASSERT_TRUE(j.is_array());
  EXPECT_GE(j.size(), 300u);
  bool afl_cio = false;
  for (const Json& a : j) {
    ASSERT_TRUE(a["id"].is_string());
    ASSERT_TRUE(a["name"].is_string());
    ASSERT_TRUE(a["kind"].is_string());
    if (a["id"] == "afl-cio") {
      afl_cio = true;
      EXPECT_GE(a["affiliates"].size(), 50u);
      EXPECT_GT(a["members"].get<int64_t>(), 1000000);
    }
  }
  EXPECT_TRUE(afl_cio);
}

TEST(ActorsCli, UserFileAddsAnActorThatExtractionUses) {
  std::string dir = testutil::TempDir();
  const std::string kb = dir + "/mine.actors.tsv";
  std::ofstream(kb) << "# test actors\nid\tkind\tname\taliases\tmembers\tmembers_year\n"
                    << "lakeshore-bakers\tunion\tLakeshore Bakers Guild Local 9\tBakers Guild | LBG"
                    << "\t4200\t2021\n";
  CliRun found = Whipcount(dir, {"--kb", kb, "actors", "lbg", "--json"});
  ASSERT_EQ(found.code, 0) << found.err;
  Json j = ParseOut(found);
  EXPECT_EQ(j["actors"][0]["id"], "lakeshore-bakers");
  EXPECT_EQ(j["actors"][0]["members"], 4200);
  EXPECT_THAT(j["actors"][0]["kb_source"].get<std::string>(), HasSubstr("mine.actors.tsv:3"));

  std::ofstream(dir + "/a.txt") << "The Bakers Guild endorsed Joe Biden on Monday.\n";
  CliRun extract = Whipcount(dir, {"--kb", kb, "extract", dir + "/a.txt"});
  ASSERT_EQ(extract.code, 0) << extract.err;
  std::vector<Json> lines = Lines(extract.out);
  ASSERT_EQ(lines.size(), 1u) << extract.out;
  EXPECT_EQ(lines[0]["holder"], "Lakeshore Bakers Guild Local 9");
  EXPECT_EQ(lines[0]["holder_kind"], "union");
  EXPECT_EQ(lines[0]["target"], "Joe Biden");
}

TEST(ActorsCli, BadUserFileNamesFileAndLine) {
  std::string dir = testutil::TempDir();
  const std::string kb = dir + "/bad.actors.tsv";
  std::ofstream(kb) << "id\tkind\tname\taliases\tmembers\tmembers_year\n"
                    << "x-union\twizard\tX Union\t\t\t\n";
  CliRun run = Whipcount(dir, {"--kb", kb, "actors", "X Union"});
  EXPECT_EQ(run.code, 2);
  EXPECT_THAT(run.err, HasSubstr("bad.actors.tsv:2"));
}

TEST(ActorsCli, FactsAreStoredAndWeighTheTally) {
  std::string dir = testutil::TempDir();
  std::ofstream(dir + "/a.txt")
      << "The Harbor Pilots Brotherhood, which represents about 3,500 workers, endorsed Joe "
         "Biden on Monday. The Communications Workers of America endorsed Joe Biden as well.\n";
  CliRun plain = Whipcount(dir, {"extract", dir + "/a.txt"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  for (const Json& line : Lines(plain.out)) EXPECT_FALSE(line.contains("type")) << line.dump();
  CliRun with_facts = Whipcount(dir, {"extract", "--facts", dir + "/a.txt"});
  ASSERT_EQ(with_facts.code, 0) << with_facts.err;
  std::vector<Json> facts;
  for (const Json& line : Lines(with_facts.out))
    if (line.value("type", "") == "fact") facts.push_back(line);
  ASSERT_EQ(facts.size(), 1u) << with_facts.out;
  EXPECT_EQ(facts[0]["holder"], "Harbor Pilots Brotherhood");
  EXPECT_EQ(facts[0]["kind"], "members");
  EXPECT_EQ(facts[0]["number"], 3500);

  const std::string db = dir + "/w.db";
  CliRun ingest = Whipcount(dir, {"ingest", "--db", db, dir + "/a.txt"});
  ASSERT_EQ(ingest.code, 0) << ingest.err;
  Json actor = ParseOut(Whipcount(dir, {"actors", "Harbor Pilots Brotherhood", "--db", db,
                                        "--json"}));
  EXPECT_EQ(actor["matched_by"], "database");
  ASSERT_FALSE(actor["actors"].empty());
  const Json& d = actor["actors"][0]["database"];
  EXPECT_EQ(d["positions_as_holder"], 1);
  ASSERT_EQ(d["facts"].size(), 1u);
  EXPECT_EQ(d["facts"][0]["value"], "3500");
  EXPECT_EQ(d["facts"][0]["article"], "a");
  EXPECT_THAT(d["facts"][0]["sentence"].get<std::string>(), HasSubstr("3,500 workers"));

  Json tally = ParseOut(Whipcount(dir, {"tally", "--db", db, "--weight", "members", "--json"}));
  ASSERT_FALSE(tally.empty());
  const Json& biden = tally[0];
  EXPECT_EQ(biden["target"], "Joe Biden");
  std::map<std::string, std::string> from;
  for (const Json& f : biden["member_figures"]) from[f["holder"]] = f["from"];
  EXPECT_EQ(from["Harbor Pilots Brotherhood"], "article");
  EXPECT_EQ(from["Communications Workers of America"], "kb");
  EXPECT_GT(biden["members"].get<int64_t>(), 3500);
}

}  // namespace
}  // namespace whipcount
