#include "store/positions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace whipcount::store {
namespace {

constexpr int64_t kUnion = 1, kFederation = 2, kSanders = 10, kClinton = 11;

Date D(const char* s) { return *Date::Parse(s); }

Observation Obs(int64_t id, const char* article, int64_t holder, int64_t target, Stance stance,
                StanceStatus status, const char* article_date, const char* time = nullptr) {
  Observation o;
  o.stance_id = id;
  o.article = article;
  o.holder = holder;
  o.target = target;
  o.target_kind = ActorKind::kPerson;
  o.stance = stance;
  o.status = status;
  if (article_date) o.article_date = D(article_date);
  if (time) o.time = D(time);
  return o;
}

TEST(Merge, SameStanceFromSeveralArticlesIsOnePosition) {
  MergeResult r = Merge({
      Obs(1, "a", kUnion, kSanders, Stance::kSupport, StanceStatus::kCurrent, "2016-02-01"),
      Obs(2, "b", kUnion, kSanders, Stance::kSupport, StanceStatus::kCurrent, "2016-03-01"),
  });
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_EQ(r.positions[0].articles, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.positions[0].start, D("2016-02-01"));
  EXPECT_TRUE(r.positions[0].open());
}

TEST(Merge, StanceTimeDatesThePositionBeforeArticleDate) {
  MergeResult r = Merge({Obs(1, "a", kFederation, kClinton, Stance::kSupport,
                             StanceStatus::kPlanned, "2016-06-15", "2016-06-16")});
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_EQ(r.positions[0].start, D("2016-06-16"));
  EXPECT_EQ(r.positions[0].status, StanceStatus::kPlanned);
}

TEST(Merge, DifferentStanceSupersedesFromItsDate) {
  MergeResult r = Merge({
      Obs(2, "june", kFederation, kClinton, Stance::kSupport, StanceStatus::kPlanned, "2016-06-15",
          "2016-06-16"),
      Obs(1, "feb", kFederation, kClinton, Stance::kNeutral, StanceStatus::kCurrent, "2016-02-17"),
  });
  ASSERT_EQ(r.positions.size(), 2u);
  EXPECT_EQ(r.positions[0].stance, Stance::kNeutral);
  EXPECT_EQ(r.positions[0].end, D("2016-06-16"));
  EXPECT_EQ(r.positions[0].end_reason, EndReason::kSuperseded);
  EXPECT_EQ(r.positions[0].ended_by, "june");
  ASSERT_EQ(r.switches.size(), 1u);
  EXPECT_EQ(r.switches[0].from, 0u);
  EXPECT_EQ(r.switches[0].to, 1u);
}

TEST(Merge, PastRecordEndsPositionByItsArticleDate) {
  MergeResult r = Merge({
      Obs(1, "feb", kUnion, kSanders, Stance::kSupport, StanceStatus::kCurrent, "2016-02-17"),
      Obs(2, "june", kUnion, kSanders, Stance::kSupport, StanceStatus::kPast, "2016-06-15"),
  });
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_EQ(r.positions[0].end, D("2016-06-15"));
  EXPECT_EQ(r.positions[0].end_reason, EndReason::kEnded);
  EXPECT_TRUE(r.positions[0].InForce(D("2016-03-01")));
  EXPECT_FALSE(r.positions[0].InForce(D("2016-06-20")));
}

TEST(Merge, PastRecordAloneIsClosedWithUnknownStart) {
  MergeResult r = Merge(
      {Obs(1, "june", kUnion, kSanders, Stance::kSupport, StanceStatus::kPast, "2016-06-15")});
  ASSERT_EQ(r.positions.size(), 1u);
  EXPECT_FALSE(r.positions[0].start.has_value());
  EXPECT_TRUE(r.positions[0].InForce(D("2016-01-01")));
  EXPECT_FALSE(r.positions[0].InForce(D("2016-06-15")));
}

TEST(Merge, SupportForRivalEndsDeclaredNeutrality) {
  MergeResult r = Merge({
      Obs(1, "feb", kFederation, kSanders, Stance::kNeutral, StanceStatus::kCurrent, "2016-02-17"),
      Obs(2, "june", kFederation, kClinton, Stance::kSupport, StanceStatus::kCurrent, "2016-06-16"),
  });
  ASSERT_EQ(r.positions.size(), 2u);
  const Position& neutral =
      r.positions[0].stance == Stance::kNeutral ? r.positions[0] : r.positions[1];
  EXPECT_EQ(neutral.end_reason, EndReason::kRival);
  EXPECT_EQ(neutral.end, D("2016-06-16"));
}

TEST(Merge, EndedSupportAndNewSupportMakeOneSwitch) {
  MergeResult r = Merge({
      Obs(1, "june", kUnion, kSanders, Stance::kSupport, StanceStatus::kPast, "2016-06-15"),
      Obs(2, "june", kUnion, kClinton, Stance::kSupport, StanceStatus::kCurrent, "2016-06-15",
          "2016-06-08"),
  });
  ASSERT_EQ(r.switches.size(), 1u);
  EXPECT_EQ(r.positions[r.switches[0].from].target, kSanders);
  EXPECT_EQ(r.positions[r.switches[0].to].target, kClinton);
  EXPECT_EQ(r.switches[0].date, D("2016-06-15"));
}

TEST(Merge, LongStandingSupportElsewhereIsNoSwitch) {
  MergeResult r = Merge({
      Obs(1, "old", kUnion, kClinton, Stance::kSupport, StanceStatus::kCurrent, "2015-01-01"),
      Obs(2, "june", kUnion, kSanders, Stance::kSupport, StanceStatus::kPast, "2016-06-15"),
  });
  EXPECT_TRUE(r.switches.empty());
}

TEST(Merge, DisagreeingSourcesWithinWindowConflict) {
  MergeResult r = Merge({
      Obs(1, "a", kUnion, kSanders, Stance::kSupport, StanceStatus::kCurrent, "2016-03-01"),
      Obs(2, "b", kUnion, kSanders, Stance::kOppose, StanceStatus::kCurrent, "2016-03-03"),
      Obs(3, "c", kUnion, kSanders, Stance::kOppose, StanceStatus::kCurrent, "2016-05-03"),
  });
  ASSERT_EQ(r.conflicts.size(), 1u);
  EXPECT_EQ(r.conflicts[0].stance_a, 1);
  EXPECT_EQ(r.conflicts[0].stance_b, 2);
}

TEST(Merge, ResultDoesNotDependOnInputOrder) {
  std::vector<Observation> obs = {
      Obs(1, "feb", kFederation, kClinton, Stance::kNeutral, StanceStatus::kCurrent, "2016-02-17"),
      Obs(2, "feb", kFederation, kSanders, Stance::kNeutral, StanceStatus::kCurrent, "2016-02-17"),
      Obs(3, "june", kFederation, kClinton, Stance::kSupport, StanceStatus::kPlanned, "2016-06-15",
          "2016-06-16"),
      Obs(4, "june", kUnion, kSanders, Stance::kSupport, StanceStatus::kPast, "2016-06-15"),
      Obs(5, "june", kUnion, kClinton, Stance::kSupport, StanceStatus::kCurrent, "2016-06-15"),
  };
  MergeResult first = Merge(obs);
  std::mt19937 rng(7);
  for (int i = 0; i < 5; ++i) {
    std::shuffle(obs.begin(), obs.end(), rng);
    MergeResult again = Merge(obs);
    ASSERT_EQ(again.positions.size(), first.positions.size());
    for (size_t p = 0; p < first.positions.size(); ++p) {
      EXPECT_EQ(again.positions[p].sources, first.positions[p].sources);
      EXPECT_EQ(again.positions[p].end, first.positions[p].end);
    }
    EXPECT_EQ(again.switches.size(), first.switches.size());
  }
}

}  // namespace
}  // namespace whipcount::store
