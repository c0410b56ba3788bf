#include "read/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testutil/testutil.h"

namespace whipcount::read {
namespace {

namespace fs = std::filesystem;

// Everything one ReadInputs call handed over.
struct Outcome {
  std::vector<Article> articles;
  std::vector<ReadError> errors;
  ReadStats stats;
};

Outcome Read(const std::vector<std::string>& paths) {
  Outcome out;
  out.stats = ReadInputs(
      paths, [&](Article&& article) { out.articles.push_back(std::move(article)); },
      [&](const ReadError& error) { out.errors.push_back(error); });
  return out;
}

Outcome ReadOne(const std::string& name, const std::string& content) {
  return Read({testutil::WriteTempFile(name, content)});
}

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string ArticleLine(const std::string& id, const std::string& text) {
  return R"({"id": ")" + id + R"(", "published": null, "title": null, "url": null, "text": ")" +
         text + "\"}";
}

// --- Plain text -------------------------------------------------------------------------------

TEST(ReaderText, FileStemIsIdAndPathIsSource) {
  std::string path = testutil::WriteTempFile("union-news.txt", "The union endorsed her.\n");
  Outcome out = Read({path});
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(out.articles[0].id, "union-news");
  EXPECT_EQ(out.articles[0].source, path);
  EXPECT_EQ(out.articles[0].text, "The union endorsed her.\n");
  EXPECT_FALSE(out.articles[0].published.has_value());
  EXPECT_EQ(out.stats.articles, 1u);
  EXPECT_EQ(out.stats.errors, 0u);
}

TEST(ReaderText, AnyOtherExtensionIsText) {
  Outcome md = ReadOne("story.md", "Story.");
  Outcome bare = ReadOne("README", "Story.");
  ASSERT_EQ(md.articles.size(), 1u);
  ASSERT_EQ(bare.articles.size(), 1u);
  EXPECT_EQ(md.articles[0].id, "story");
  EXPECT_EQ(bare.articles[0].id, "README");
}

TEST(ReaderText, CrlfBecomesLf) {
  Outcome out = ReadOne("crlf.txt", "Headline\r\n\r\nBody one.\r\nBody two.\r\n");
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].text, "Headline\n\nBody one.\nBody two.\n");
}

TEST(ReaderText, Utf8ByteOrderMarkIsStripped) {
  Outcome out = ReadOne("bom.txt", "\xEF\xBB\xBFStory text.");
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].text, "Story text.");
}

// Each bad file gives one error naming the file, and no article.
struct BadFileCase {
  const char* name;
  std::string file_name;
  std::string content;
  std::string message_part;
};

class ReaderBadFile : public ::testing::TestWithParam<BadFileCase> {};

TEST_P(ReaderBadFile, ReportsOneErrorNamingTheFile) {
  const BadFileCase& c = GetParam();
  std::string path = testutil::WriteTempFile(c.file_name, c.content);
  Outcome out = Read({path});
  EXPECT_TRUE(out.articles.empty());
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].source, path);
  EXPECT_NE(out.errors[0].message.find(c.message_part), std::string::npos) << out.errors[0].message;
  EXPECT_EQ(out.stats.errors, 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, ReaderBadFile,
    ::testing::Values(
        BadFileCase{"EmptyText", "empty.txt", "", "empty file"},
        BadFileCase{"BlankText", "blank.txt", " \n\t\n", "empty file"},
        BadFileCase{"BinaryText", "photo.txt", std::string("JFIF\0\x10\x20", 7), "binary file"},
        BadFileCase{"InvalidUtf8Text", "latin1.txt", "caf\xE9 au lait", "invalid UTF-8 at byte 3"},
        BadFileCase{"Utf16Text", "wide.txt", std::string("\xFF\xFEH\0i\0", 6),
                    "unsupported encoding: UTF-16"},
        BadFileCase{"EmptyJson", "empty.json", "", "empty file"},
        BadFileCase{"BinaryJson", "blob.json", std::string("{\0}", 3), "binary file"},
        BadFileCase{"InvalidUtf8Json", "bad.json", "{\"text\": \"x\xC3\"}",
                    "invalid UTF-8 at byte 11"},
        BadFileCase{"MalformedJson", "broken.json", "{\"text\": \"cut off", "malformed JSON"},
        BadFileCase{"JsonArray", "list.json", "[1, 2]", "expected a JSON object"},
        BadFileCase{"JsonWithoutText", "notext.json", R"({"id": "a", "title": "T"})",
                    "missing \"text\""},
        BadFileCase{"JsonTextNumber", "num.json", R"({"text": 42})", "\"text\" is number"},
        BadFileCase{"JsonTextNull", "null.json", R"({"text": null})", "\"text\" is null"},
        BadFileCase{"JsonTextObject", "obj.json", R"({"text": {"body": "x"}})",
                    "\"text\" is object"},
        BadFileCase{"JsonTextEmpty", "blanktext.json", R"({"text": "  "})", "empty \"text\""},
        BadFileCase{"EmptyJsonLines", "empty.jsonl", "", "empty file"},
        BadFileCase{"BlankJsonLines", "blank.jsonl", "\n\n  \n", "empty file"},
        BadFileCase{"BinaryJsonLines", "blob.jsonl", std::string("{\"a\0", 4), "binary file"},
        BadFileCase{"Utf16JsonLines", "wide.jsonl", std::string("\xFE\xFF\0{", 4),
                    "unsupported encoding: UTF-16"}),
    [](const ::testing::TestParamInfo<BadFileCase>& param) { return param.param.name; });

TEST(ReaderErrors, MissingFileIsReportedAndBatchGoesOn) {
  std::string good = testutil::WriteTempFile("good.txt", "Story.");
  std::string missing = testutil::TempDir() + "/nowhere.txt";
  Outcome out = Read({missing, good});
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].source, missing);
  EXPECT_NE(out.errors[0].message.find("no such file"), std::string::npos);
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].id, "good");
}

TEST(ReaderErrors, UnreadableFileIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  std::string path = testutil::WriteTempFile("secret.txt", "Story.");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  Outcome out = Read({path});
  EXPECT_TRUE(out.articles.empty());
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].message.find("cannot open"), std::string::npos);
}

TEST(ReaderErrors, UnreadableFolderIsReported) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any folder";
  fs::path dir = testutil::TempDir();
  WriteFile(dir / "locked" / "a.txt", "Story.");
  ASSERT_EQ(::chmod((dir / "locked").c_str(), 0), 0);
  Outcome out = Read({(dir / "locked").string()});
  ::chmod((dir / "locked").c_str(), 0755);
  EXPECT_TRUE(out.articles.empty());
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].message.find("cannot read folder"), std::string::npos);
}

TEST(ReaderErrors, ReadFailureIsReported) {
  // Opening succeeds but every read fails (EIO), even for root.
  const std::string path = "/proc/self/mem";
  if (!fs::exists(path)) GTEST_SKIP() << "no /proc";
  Outcome out = Read({path});
  EXPECT_TRUE(out.articles.empty());
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].source, path);
  EXPECT_NE(out.errors[0].message.find("read error"), std::string::npos) << out.errors[0].message;
}

// --- JSON (the eval format) -------------------------------------------------------------------

TEST(ReaderJson, EvalArticleFormat) {
  std::string path = testutil::WriteTempFile(
      "dev99.json",
      R"({"id": "dev99", "published": "2016-06-15", "title": "Labor backs Clinton",)"
      R"( "url": "https://example.com/a", "text": "The AFL-CIO is set to endorse Hillary)"
      R"( Clinton Thursday.\n\nMore text \u2014 here."})");
  Outcome out = Read({path});
  ASSERT_TRUE(out.errors.empty()) << out.errors[0].message;
  ASSERT_EQ(out.articles.size(), 1u);
  const Article& a = out.articles[0];
  EXPECT_EQ(a.id, "dev99");
  EXPECT_EQ(a.source, path);
  EXPECT_EQ(a.title, "Labor backs Clinton");
  EXPECT_EQ(a.url, "https://example.com/a");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(a.published->ToString(), "2016-06-15");
  EXPECT_EQ(a.text,
            "The AFL-CIO is set to endorse Hillary Clinton Thursday.\n\nMore text \xE2\x80\x94 "
            "here.");
}

TEST(ReaderJson, NullFieldsLeaveThemUnknown) {
  Outcome out = ReadOne("seed.json", ArticleLine("seed-1", "Story."));
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].id, "seed-1");
  EXPECT_TRUE(out.articles[0].title.empty());
  EXPECT_TRUE(out.articles[0].url.empty());
  EXPECT_FALSE(out.articles[0].published.has_value());
}

TEST(ReaderJson, BadDateIsUnknownWithoutError) {
  Outcome out = ReadOne("a.json", R"({"published": "June 15, 2016", "text": "Story."})");
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_FALSE(out.articles[0].published.has_value());
  Outcome impossible = ReadOne("b.json", R"({"published": "2016-02-30", "text": "Story."})");
  ASSERT_EQ(impossible.articles.size(), 1u);
  EXPECT_FALSE(impossible.articles[0].published.has_value());
}

TEST(ReaderJson, MissingIdFallsBackToFileStem) {
  Outcome out = ReadOne("no-id.json", R"({"text": "Story."})");
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].id, "no-id");
}

TEST(ReaderJson, NestedValuesAndEscapesMatchTheFullParser) {
  // The nested "meta" sends the object down nlohmann-json's path; the same object without it
  // goes down the fast path. Both must decode the text alike.
  const std::string text_json = R"(Caf\u00e9 \ud83d\ude00 \"quoted\" tab\there\\ slash\/ end)";
  Outcome slow = ReadOne(
      "slow.json", R"({"id": 7, "meta": {"tags": ["a", 1.5e3]}, "text": ")" + text_json + "\"}");
  Outcome fast =
      ReadOne("fast.json", R"({"id": "7", "n": -1.5e3, "ok": true, "text": ")" + text_json + "\"}");
  ASSERT_EQ(slow.articles.size(), 1u);
  ASSERT_EQ(fast.articles.size(), 1u);
  EXPECT_EQ(slow.articles[0].id, "7");
  EXPECT_EQ(fast.articles[0].id, "7");
  EXPECT_EQ(fast.articles[0].text,
            "Caf\xC3\xA9 \xF0\x9F\x98\x80 \"quoted\" tab\there\\ slash/ end");
  EXPECT_EQ(slow.articles[0].text, fast.articles[0].text);
}

TEST(ReaderJson, LoneSurrogateIsMalformed) {
  Outcome out = ReadOne("lone.json", R"({"text": "a \ud83d b"})");
  EXPECT_TRUE(out.articles.empty());
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].message.find("malformed JSON"), std::string::npos);
}

TEST(ReaderJson, MalformedLongStringIsQuotedShort) {
  // A string cut off mid-article: the message shows where, not the whole article.
  std::string text(20000, 'w');
  Result<Article> bad = ParseArticleJson("{\"text\": \"" + text + "\n", "feed.jsonl:9", "f");
  ASSERT_FALSE(bad.ok());
  const std::string& message = bad.status().message();
  EXPECT_NE(message.find("malformed JSON"), std::string::npos) << message;
  EXPECT_NE(message.find("feed.jsonl:9"), std::string::npos) << message;
  EXPECT_LT(message.size(), 300u) << message;
}

TEST(ReaderJson, ParseArticleJsonNamesItsSource) {
  Result<Article> bad = ParseArticleJson(R"({"title": "x"})", "feed.jsonl:4", "feed-4");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidInput);
  EXPECT_NE(bad.status().message().find("feed.jsonl:4: missing \"text\""), std::string::npos)
      << bad.status().message();
  Result<Article> good = ParseArticleJson(R"({"text": "Story."})", "feed.jsonl:5", "feed-5");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->id, "feed-5");
  EXPECT_EQ(good->source, "feed.jsonl:5");
  Result<Article> invalid = ParseArticleJson("{\"text\": \"\xFF\"}", "x", "x");
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("invalid UTF-8 at byte 10"), std::string::npos);
}

// --- JSON Lines -------------------------------------------------------------------------------

TEST(ReaderJsonLines, BadMiddleLineIsReportedAndReadingGoesOn) {
  std::string path = testutil::WriteTempFile("feed.jsonl", ArticleLine("a", "First.") +
                                                               "\n{\"id\": \"b\", \"text\": \n" +
                                                               ArticleLine("c", "Third.") + "\n");
  Outcome out = Read({path});
  ASSERT_EQ(out.articles.size(), 2u);
  EXPECT_EQ(out.articles[0].id, "a");
  EXPECT_EQ(out.articles[0].source, path + ":1");
  EXPECT_EQ(out.articles[1].id, "c");
  EXPECT_EQ(out.articles[1].source, path + ":3");
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].source, path + ":2");
  EXPECT_NE(out.errors[0].message.find("malformed JSON"), std::string::npos);
}

TEST(ReaderJsonLines, EachBadLineNamesItsLine) {
  std::string path = testutil::WriteTempFile(
      "mixed.jsonl", std::string(R"({"id": "x"})") + "\n" + R"({"text": 3})" + "\n" +
                         "{\"text\": \"caf\xE9\"}\n" + "[]\n" + ArticleLine("ok", "Fine.") + "\n");
  Outcome out = Read({path});
  ASSERT_EQ(out.articles.size(), 1u);
  EXPECT_EQ(out.articles[0].id, "ok");
  ASSERT_EQ(out.errors.size(), 4u);
  EXPECT_EQ(out.errors[0].source, path + ":1");
  EXPECT_EQ(out.errors[0].message, "missing \"text\"");
  EXPECT_EQ(out.errors[1].source, path + ":2");
  EXPECT_EQ(out.errors[1].message, "\"text\" is number, not a string");
  EXPECT_EQ(out.errors[2].source, path + ":3");
  EXPECT_EQ(out.errors[2].message, "invalid UTF-8 at byte 13 of the line");
  EXPECT_EQ(out.errors[3].source, path + ":4");
  EXPECT_NE(out.errors[3].message.find("expected a JSON object"), std::string::npos);
}

TEST(ReaderJsonLines, BlankLinesCrlfBomAndMissingFinalNewline) {
  std::string path =
      testutil::WriteTempFile("crlf.jsonl", "\xEF\xBB\xBF" + ArticleLine("a", "One.\\r\\nTwo.") +
                                                "\r\n\r\n   \r\n" + ArticleLine("b", "Three."));
  Outcome out = Read({path});
  ASSERT_TRUE(out.errors.empty()) << out.errors[0].message;
  ASSERT_EQ(out.articles.size(), 2u);
  EXPECT_EQ(out.articles[0].id, "a");
  EXPECT_EQ(out.articles[0].text, "One.\nTwo.");
  EXPECT_EQ(out.articles[1].id, "b");
  EXPECT_EQ(out.articles[1].source, path + ":4");
}

TEST(ReaderJsonLines, MissingIdUsesStemAndLine) {
  Outcome out = ReadOne("crawl.jsonl", "{\"text\": \"A.\"}\n{\"text\": \"B.\"}\n");
  ASSERT_EQ(out.articles.size(), 2u);
  EXPECT_EQ(out.articles[0].id, "crawl-1");
  EXPECT_EQ(out.articles[1].id, "crawl-2");
}

TEST(ReaderJsonLines, LinesLongerThanTheReadChunk) {
  // 3 MiB of text per line crosses the 1 MiB read chunks several times.
  std::string big(3 << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 100) big[i] = ' ';
  std::string path = testutil::WriteTempFile(
      "big.jsonl",
      ArticleLine("a", big) + "\n" + ArticleLine("b", "Small.") + "\n" + ArticleLine("c", big));
  Outcome out = Read({path});
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.articles.size(), 3u);
  EXPECT_EQ(out.articles[0].text, big);
  EXPECT_EQ(out.articles[1].text, "Small.");
  EXPECT_EQ(out.articles[2].text, big);
}

// --- Folders ----------------------------------------------------------------------------------

// HTML pages go through the HTML reader; these two hold no article, so each is reported.
TEST(ReaderFolder, WalksSortedRecursiveSkippingHidden) {
  fs::path dir = testutil::TempDir();
  WriteFile(dir / "b.txt", "B.");
  WriteFile(dir / "a.json", R"({"id": "a", "text": "A."})");
  WriteFile(dir / "sub" / "c.txt", "C.");
  WriteFile(dir / "sub" / "d.jsonl", ArticleLine("d1", "D1.") + "\n" + ArticleLine("d2", "D2."));
  WriteFile(dir / ".hidden.txt", "Hidden.");
  WriteFile(dir / ".git" / "HEAD", "ref: refs/heads/main");
  WriteFile(dir / "page.html", "<html><body>Later.</body></html>");
  WriteFile(dir / "old.HTM", "<p>Later.</p>");
  WriteFile(dir / "bad.txt", std::string("\0\0", 2));
  Outcome out = Read({dir.string()});
  std::vector<std::string> ids;
  for (const Article& a : out.articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "d1", "d2"}));
  ASSERT_EQ(out.errors.size(), 3u);
  EXPECT_EQ(out.errors[0].source, (dir / "bad.txt").string());
  EXPECT_EQ(out.errors[1].source, (dir / "old.HTM").string());
  EXPECT_EQ(out.errors[2].source, (dir / "page.html").string());
  EXPECT_NE(out.errors[1].message.find("no article text found"), std::string::npos);
  EXPECT_NE(out.errors[2].message.find("no article text found"), std::string::npos);
}

TEST(ReaderFolder, SymlinkLoopIsWalkedOnce) {
  fs::path dir = testutil::TempDir();
  WriteFile(dir / "a.txt", "A.");
  std::error_code ec;
  fs::create_directory_symlink(dir, dir / "loop", ec);
  if (ec) GTEST_SKIP() << "cannot make a symbolic link here";
  Outcome out = Read({dir.string()});
  EXPECT_EQ(out.articles.size(), 1u);
  EXPECT_TRUE(out.errors.empty());
}

// --- Shared data ------------------------------------------------------------------------------

TEST(ReaderShared, EvalSeedArticles) {
  SKIP_WITHOUT_SHARED();
  Outcome out = Read({testutil::SharedDir() + "/eval/seeds/articles"});
  EXPECT_TRUE(out.errors.empty());
  ASSERT_EQ(out.articles.size(), 2u);
  EXPECT_EQ(out.articles[0].id, "000_3e062a3695a775bd");
  EXPECT_NE(out.articles[0].text.find("The AFL-CIO is set to endorse"), std::string::npos);
}

TEST(ReaderShared, NewsCorpusStreamsEveryLine) {
  SKIP_WITHOUT_SHARED();
  std::string path = testutil::SharedDir() + "/corpus/news.jsonl";
  if (!fs::exists(path)) GTEST_SKIP() << "no corpus";
  size_t count = 0;
  size_t dated = 0;
  ReadStats stats = ReadInputs(
      {path},
      [&](Article&& a) {
        ++count;
        dated += a.published.has_value();
      },
      nullptr);
  EXPECT_EQ(stats.errors, 0u);
  EXPECT_EQ(count, 7392u);
  EXPECT_EQ(dated, 7392u);
}

}  // namespace
}  // namespace whipcount::read
