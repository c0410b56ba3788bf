#include "store/store.h"

#include <gtest/gtest.h>

#include "kb/knowledge_base.h"
#include "testutil/testutil.h"

namespace whipcount::store {
namespace {

StanceLine Line(const std::string& doc, const std::string& holder, const std::string& target,
                Stance stance = Stance::kSupport) {
  StanceLine line;
  line.doc = doc;
  line.holder = holder;
  line.target = target;
  line.stance = stance;
  line.holder_kind = ActorKind::kUnion;
  line.target_kind = ActorKind::kPerson;
  line.evidence = holder + " backs " + target;
  return line;
}

ArticleRecord Record(const std::string& id, const std::string& text,
                     std::vector<StanceLine> stances) {
  ArticleRecord record;
  record.id = id;
  record.text_hash = TextHash(text);
  record.source = id + ".txt";
  record.date = Date::Parse("2016-06-15");
  record.stances = std::move(stances);
  return record;
}

int64_t Count(Store& store, const char* table) {
  Statement st = store.conn().Prepare(std::string("SELECT COUNT(*) FROM ") + table);
  return st.Step() ? st.Int(0) : -1;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(testutil::TempDir() + "/t.db");
    ASSERT_OK(opened.status());
    store_ = std::move(opened).value();
  }
  void Put(const ArticleRecord& record) {
    ASSERT_OK(store_->BeginBatch());
    ASSERT_OK(store_->PutArticle(record, 1));
    ASSERT_OK(store_->CommitBatch());
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, SameIdReplacesRecords) {
  Put(Record("a", "text one", {Line("a", "NNU", "Sanders"), Line("a", "UE", "Sanders")}));
  Put(Record("a", "text two", {Line("a", "NNU", "Sanders")}));
  EXPECT_EQ(Count(*store_, "articles"), 1);
  EXPECT_EQ(Count(*store_, "stances"), 1);
}

TEST_F(StoreTest, SameTextUnderAnotherIdReplacesRecords) {
  Put(Record("a", "same text", {Line("a", "NNU", "Sanders")}));
  Put(Record("b", "same text", {Line("b", "NNU", "Sanders")}));
  EXPECT_EQ(Count(*store_, "articles"), 1);
  EXPECT_EQ(Count(*store_, "stances"), 1);
}

TEST_F(StoreTest, ActorsAreSharedByName) {
  Put(Record("a", "one", {Line("a", "NNU", "Sanders")}));
  Put(Record("b", "two", {Line("b", "UE", "Sanders")}));
  EXPECT_EQ(Count(*store_, "actors"), 3);
}

TEST_F(StoreTest, RollbackLeavesNothing) {
  ASSERT_OK(store_->BeginBatch());
  ASSERT_OK(store_->PutArticle(Record("a", "one", {Line("a", "NNU", "Sanders")}), 1));
  store_->RollbackBatch();
  EXPECT_EQ(Count(*store_, "articles"), 0);
  EXPECT_EQ(Count(*store_, "stances"), 0);
  Put(Record("b", "two", {Line("b", "NNU", "Sanders")}));  // the actor cache was reset
  EXPECT_EQ(Count(*store_, "stances"), 1);
}

TEST_F(StoreTest, RebuildMergesAcrossArticlesAndClearsStaleFlag) {
  Put(Record("a", "one", {Line("a", "NNU", "Sanders")}));
  Put(Record("b", "two", {Line("b", "NNU", "Sanders")}));
  auto stale = store_->PositionsStale();
  ASSERT_OK(stale.status());
  EXPECT_TRUE(*stale);
  ASSERT_OK(store_->RebuildPositions());
  EXPECT_EQ(Count(*store_, "positions"), 1);
  EXPECT_EQ(Count(*store_, "position_sources"), 2);
  stale = store_->PositionsStale();
  ASSERT_OK(stale.status());
  EXPECT_FALSE(*stale);
}

TEST_F(StoreTest, KnowledgeBaseSyncFoldsArticleActorOfSameName) {
  auto kb = kb::KnowledgeBase::LoadDir(testutil::DataDir() + "/kb");
  ASSERT_OK(kb.status());
  ASSERT_FALSE((*kb)->actors().empty());
  const std::string name = (*kb)->actors()[0].name;
  Put(Record("a", "one", {Line("a", name, "Somebody Unknown")}));
  ASSERT_OK(store_->SyncKnowledgeBase(**kb));
  Statement st =
      store_->conn().Prepare("SELECT a.kb_id FROM stances s JOIN actors a ON a.id = s.holder");
  ASSERT_TRUE(st.Step());
  EXPECT_EQ(st.OptText(0), (*kb)->actors()[0].id);
  Statement count = store_->conn().Prepare("SELECT COUNT(*) FROM actors WHERE name = ?1");
  count.Bind(1, name);
  ASSERT_TRUE(count.Step());
  EXPECT_EQ(count.Int(0), 1);
}

TEST(Store, RefusesNewerSchema) {
  std::string path = testutil::TempDir() + "/new.db";
  {
    auto conn = Connection::Open(path, true, false);
    ASSERT_OK(conn.status());
    ASSERT_OK((*conn)->Exec("PRAGMA user_version=99"));
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer"), std::string::npos);
}

}  // namespace
}  // namespace whipcount::store
