// The `facts` table: a database written before it existed (schema version 1) is migrated when
// opened, and an article's facts are stored with their source and replaced with the article.
#include <gtest/gtest.h>

#include <string>

#include "store/schema.h"
#include "store/store.h"
#include "testutil/testutil.h"

namespace whipcount::store {
namespace {

int64_t Count(Connection& conn, const std::string& sql) {
  Statement st = conn.Prepare(sql);
  return st.Step() ? st.Int(0) : -1;
}

ArticleRecord Article(int64_t number) {
  ArticleRecord r;
  r.id = "a1";
  r.text_hash = std::to_string(number);
  r.source = "a1.txt";
  FactLine f;
  f.doc = "a1";
  f.holder = "Harbor Pilots Brotherhood";
  f.holder_kind = ActorKind::kUnion;
  f.kind = "members";
  f.value = std::to_string(number);
  f.number = number;
  f.sentence = "The Harbor Pilots Brotherhood has ";
  f.sentence.append(std::to_string(number)).append(" members.");
  f.evidence_start = 4;
  f.evidence_end = 40;
  r.facts.push_back(f);
  return r;
}

TEST(FactsTable, OlderDatabaseIsMigrated) {
  const std::string path = testutil::TempDir() + "/old.db";
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    // Turn it back into a version-1 file: no facts table.
    ASSERT_TRUE((*store)->conn().Exec("DROP TABLE facts; PRAGMA user_version=1").ok());
  }
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<int> version = SchemaVersion((*store)->conn());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, kSchemaVersion);
  EXPECT_EQ(Count((*store)->conn(), "SELECT COUNT(*) FROM facts"), 0);
}

TEST(FactsTable, FactsAreStoredWithSourceAndReplacedWithTheArticle) {
  auto store = Store::Open(testutil::TempDir() + "/w.db");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Store& s = **store;
  ASSERT_TRUE(s.BeginBatch().ok());
  ASSERT_TRUE(s.PutArticle(Article(3500), 1).ok());
  ASSERT_TRUE(s.CommitBatch().ok());
  Connection& c = s.conn();
  EXPECT_EQ(Count(c, "SELECT number FROM facts WHERE article = 'a1' AND kind = 'members'"), 3500);
  EXPECT_EQ(Count(c, "SELECT evidence_end FROM facts"), 40);
  EXPECT_EQ(Count(c, "SELECT COUNT(*) FROM facts f JOIN actors a ON a.id = f.holder "
                     "WHERE a.name = 'Harbor Pilots Brotherhood'"),
            1);
  // The article again, with another figure: the old fact goes with the old version.
  ASSERT_TRUE(s.BeginBatch().ok());
  ASSERT_TRUE(s.PutArticle(Article(3600), 2).ok());
  ASSERT_TRUE(s.CommitBatch().ok());
  EXPECT_EQ(Count(c, "SELECT COUNT(*) FROM facts"), 1);
  EXPECT_EQ(Count(c, "SELECT number FROM facts"), 3600);
}

}  // namespace
}  // namespace whipcount::store
