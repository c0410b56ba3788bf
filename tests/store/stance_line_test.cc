#include "store/stance_line.h"

#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace whipcount::store {
namespace {

constexpr const char* kLine =
    R"({"doc":"d1","holder":"AFL-CIO","target":"Hillary Clinton","stance":"support",)"
    R"("status":"planned","act":"endorse","holder_kind":"federation","target_kind":"person",)"
    R"("time":"2016-06-16","published":"2016-06-15","date_inferred":false,"speaker":null,)"
    R"("evidence":"set to endorse","evidence_start":3,"evidence_end":17,"source":"f:1","rule":"verb"})";

TEST(StanceLine, ParsesExtractOutput) {
  Result<StanceLine> line = ParseStanceLine(kLine);
  ASSERT_OK(line.status());
  EXPECT_EQ(line->doc, "d1");
  EXPECT_EQ(line->status, StanceStatus::kPlanned);
  EXPECT_EQ(line->holder_kind, ActorKind::kFederation);
  EXPECT_EQ(line->time, Date::Parse("2016-06-16"));
  EXPECT_FALSE(line->speaker.has_value());
  EXPECT_EQ(line->evidence_end, 17);
}

TEST(StanceLine, DetectedByKeysNotArticle) {
  EXPECT_TRUE(LooksLikeStanceLine(kLine));
  EXPECT_FALSE(LooksLikeStanceLine(R"({"id":"x","text":"holder target stance"})"));
  EXPECT_FALSE(LooksLikeStanceLine("not json"));
}

TEST(StanceLine, UnknownStanceValueIsAnError) {
  Result<StanceLine> line =
      ParseStanceLine(R"({"doc":"d","holder":"a","target":"b","stance":"adore"})");
  ASSERT_FALSE(line.ok());
  EXPECT_NE(line.status().message().find("stance"), std::string::npos);
}

TEST(StanceLine, MissingDocIsAnError) {
  EXPECT_FALSE(ParseStanceLine(R"({"holder":"a","target":"b","stance":"support"})").ok());
}

}  // namespace
}  // namespace whipcount::store
