#include "query/query.h"

#include <gtest/gtest.h>

#include "kb/knowledge_base.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace whipcount::query {
namespace {

using store::ArticleRecord;
using store::StanceLine;

StanceLine Line(const std::string& holder, const std::string& target, Stance stance,
                StanceStatus status, ActorKind holder_kind = ActorKind::kUnion) {
  StanceLine line;
  line.holder = holder;
  line.target = target;
  line.stance = stance;
  line.status = status;
  line.holder_kind = holder_kind;
  line.target_kind = ActorKind::kPerson;
  line.evidence = holder + " and " + target;
  return line;
}

ArticleRecord Record(const std::string& id, const char* date, std::vector<StanceLine> stances) {
  ArticleRecord record;
  record.id = id;
  record.text_hash = store::TextHash(id);
  record.source = id;
  record.date = Date::Parse(date);
  for (StanceLine& s : stances) s.doc = id;
  record.stances = std::move(stances);
  return record;
}

// A database with the knowledge base and a February and a June article about the 2016 primary.
class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testutil::TempDir() + "/q.db";
    auto kb = kb::KnowledgeBase::LoadDir(testutil::DataDir() + "/kb");
    ASSERT_OK(kb.status());
    auto opened = store::Store::Open(path_);
    ASSERT_OK(opened.status());
    store::Store& st = **opened;
    ASSERT_OK(st.SyncKnowledgeBase(**kb));
    ASSERT_OK(st.BeginBatch());
    ASSERT_OK(
        st.PutArticle(Record("feb", "2016-02-17",
                             {Line("AFL-CIO", "Hillary Clinton", Stance::kNeutral,
                                   StanceStatus::kCurrent, ActorKind::kFederation),
                              Line("National Nurses United", "Bernie Sanders", Stance::kSupport,
                                   StanceStatus::kCurrent),
                              Line("National Association of Letter Carriers", "Bernie Sanders",
                                   Stance::kSupport, StanceStatus::kCurrent)}),
                      1));
    ASSERT_OK(st.PutArticle(
        Record(
            "june", "2016-06-15",
            {Line("AFL-CIO", "Hillary Clinton", Stance::kSupport, StanceStatus::kPlanned,
                  ActorKind::kFederation),
             Line("National Association of Letter Carriers", "Bernie Sanders", Stance::kSupport,
                  StanceStatus::kPast),
             Line("National Association of Letter Carriers", "Hillary Clinton", Stance::kSupport,
                  StanceStatus::kCurrent),
             Line("Fresh Local 12", "Bernie Sanders", Stance::kSupport, StanceStatus::kCurrent)}),
        1));
    ASSERT_OK(st.CommitBatch());
    opened->reset();  // positions are left stale: Database::Open must rebuild them
    auto db = Database::Open(path_);
    ASSERT_OK(db.status());
    db_ = std::move(db).value();
  }

  std::vector<std::string> Holders(const std::vector<PositionRow>& rows) {
    std::vector<std::string> names;
    for (const auto& p : rows) names.push_back(p.holder.name);
    return names;
  }

  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(QueryTest, FindsByAcronymCaseInsensitively) {
  auto actor = db_->FindActor("nnu");
  ASSERT_OK(actor.status());
  EXPECT_EQ(actor->name, "National Nurses United");
}

TEST_F(QueryTest, FindsActorsCreatedFromArticles) {
  auto actor = db_->FindActor("fresh local 12");
  ASSERT_OK(actor.status());
  EXPECT_EQ(actor->name, "Fresh Local 12");
}

TEST_F(QueryTest, AmbiguousNameResolvesToTheOneWithPositions) {
  auto actor = db_->FindActor("Clinton");  // Hillary and Bill; only Hillary has positions
  ASSERT_OK(actor.status());
  EXPECT_EQ(actor->name, "Hillary Clinton");
}

TEST_F(QueryTest, UnknownNameListsClosestCandidates) {
  auto actor = db_->FindActor("Bernie Sandres");
  ASSERT_FALSE(actor.ok());
  EXPECT_EQ(actor.status().code(), Status::Code::kNotFound);
  EXPECT_NE(actor.status().message().find("Bernie Sanders"), std::string::npos)
      << actor.status().message();
}

TEST_F(QueryTest, WhoAsOfDateExcludesEndedSupport) {
  auto sanders = db_->FindActor("Bernie Sanders");
  ASSERT_OK(sanders.status());
  auto march = db_->Who(sanders->id, Date::Parse("2016-03-01"), Stance::kSupport);
  ASSERT_OK(march.status());
  EXPECT_EQ(Holders(*march), (std::vector<std::string>{"National Association of Letter Carriers",
                                                       "National Nurses United"}));
  auto june = db_->Who(sanders->id, Date::Parse("2016-06-20"), Stance::kSupport);
  ASSERT_OK(june.status());
  EXPECT_EQ(Holders(*june), (std::vector<std::string>{"Fresh Local 12", "National Nurses United"}));
}

TEST_F(QueryTest, TimelineInDateOrder) {
  auto afl = db_->FindActor("AFL-CIO");
  ASSERT_OK(afl.status());
  auto rows = db_->Timeline(afl->id);
  ASSERT_OK(rows.status());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].stance, "neutral");
  EXPECT_EQ((*rows)[0].end_reason, "superseded");
  EXPECT_EQ((*rows)[1].stance, "support");
  EXPECT_EQ((*rows)[1].status, "planned");
}

TEST_F(QueryTest, SwitchesFromSandersToClinton) {
  auto rows = db_->Switches(std::nullopt);
  ASSERT_OK(rows.status());
  bool letter_carriers = false;
  for (const auto& s : *rows) {
    if (s.from.holder.name == "National Association of Letter Carriers") {
      letter_carriers = true;
      EXPECT_EQ(s.from.target.name, "Bernie Sanders");
      EXPECT_EQ(s.to.target.name, "Hillary Clinton");
    }
  }
  EXPECT_TRUE(letter_carriers);
  auto later = db_->Switches(Date::Parse("2016-07-01"));
  ASSERT_OK(later.status());
  EXPECT_TRUE(later->empty());
}

TEST_F(QueryTest, TallyCountsAndWeighsByMembers) {
  auto rows = db_->Tally(Date::Parse("2016-06-20"), /*by_members=*/true);
  ASSERT_OK(rows.status());
  ASSERT_FALSE(rows->empty());
  const TallyRow* sanders = nullptr;
  for (const auto& r : *rows) {
    if (r.target.name == "Bernie Sanders") sanders = &r;
  }
  ASSERT_NE(sanders, nullptr);
  EXPECT_EQ(sanders->supporters, 2);
  EXPECT_GT(sanders->members, 0);  // National Nurses United's membership from the KB
}

TEST_F(QueryTest, AffiliatesListTheFederationsMembers) {
  auto afl = db_->FindActor("AFL-CIO");
  ASSERT_OK(afl.status());
  auto result = db_->Affiliates(afl->id, Date::Parse("2016-06-20"));
  ASSERT_OK(result.status());
  EXPECT_FALSE(result->affiliates.empty());
  bool nalc = false;
  for (const auto& a : result->affiliates) {
    if (a.member.name == "National Association of Letter Carriers") {
      nalc = true;
      ASSERT_EQ(a.positions.size(), 1u);
      EXPECT_EQ(a.positions[0].target.name, "Hillary Clinton");
    }
  }
  EXPECT_TRUE(nalc);
}

TEST_F(QueryTest, ExportRoundTripsExtractFields) {
  int n = 0;
  ASSERT_OK(db_->ExportStances([&](const nlohmann::ordered_json& j) {
    ++n;
    EXPECT_TRUE(j.contains("holder") && j.contains("published") && j.contains("evidence"));
  }));
  EXPECT_EQ(n, 7);
}

}  // namespace
}  // namespace whipcount::query
