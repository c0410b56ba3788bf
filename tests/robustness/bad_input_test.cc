// The bad-input suite of issue 8: one folder mixing good articles with every kind of bad input
// a crawler drags in, run through `whipcount extract` and `whipcount ingest` (the built
// binary). For each bad input: one clear line on stderr naming the file (and line), the rest of
// the batch goes on (the good articles' stances come out), the exit status is 1, and ingest
// keeps everything stored before. A full disk is simulated with SQLite's max_page_count
// (WHIPCOUNT_TEST_MAX_PAGES, docs/STORE.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "robustness_util.h"
#include "testutil/testutil.h"

namespace whipcount::robustness {
namespace {

namespace fs = std::filesystem;

// A bad input of the batch and what its stderr line must say (after "NAME: ").
struct BadCase {
  const char* name;     // file name (with ":line" for JSON Lines), as printed after the folder
  const char* message;  // a part of the message
};

constexpr BadCase kBadCases[] = {
    {"b_empty.txt", "empty file"},
    {"c_binary.txt", "binary file"},
    {"d_invalid_utf8.txt", "invalid UTF-8 at byte 6"},
    {"e_utf16.txt", "UTF-16"},
    {"e_utf16.jsonl", "UTF-16"},
    {"f_huge_line.txt", "too large for one article"},
    {"f_huge_line.jsonl:1", "too large for one article"},
    {"g_deep.json", "JSON object"},
    {"h_truncated.json", "malformed JSON"},
    {"h_truncated.jsonl:2", "malformed JSON"},
    {"i_stray.jsonl:2", "malformed JSON"},
    {"i_stray.jsonl:3", "invalid UTF-8"},
    {"l_gone.txt", "o such file"},
    {"m_loop.txt", "Too many levels of symbolic links"},
    {"n_unreadable.txt", "Input/output error"},
};

// Good articles of the batch: GoodArticles()[i] sits in file kGoodFiles[i].
constexpr const char* kGoodFiles[] = {
    "a_good.txt",          // plain text
    "f_huge_line.jsonl",   // the line after a 50 MB line
    "g_nested.jsonl",      // a line whose extra field nests 100,000 deep
    "j_unclosed.html",     // unclosed tags and 5 MB attribute values
    "h_truncated.jsonl",   // the line before a truncated one
    "i_stray.jsonl",       // the lines around a stray byte and a bad byte
    "i_stray.jsonl",
    "o_folder.txt",        // a folder with a file's name, holding an article
};

// 50 MB of words without a line break.
std::string HugeLine() {
  static const char* const kWords[] = {"the", "union", "said", "it", "would", "endorse", "a",
                                       "candidate", "for", "senate", "race", "voters", "labor"};
  std::mt19937 rng(8);
  std::string s;
  s.reserve(50u << 20);
  while (s.size() < (50u << 20)) {
    s += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
    s += ' ';
  }
  return s;
}

// Writes the batch folder under `dir`: the bad inputs of kBadCases, the good articles of
// kGoodFiles, and text in other languages. Returns the folder.
std::string WriteBatch(const std::string& dir) {
  const std::string batch = dir + "/batch";
  fs::create_directories(batch + "/o_folder.txt");
  const std::vector<GoodArticle>& good = GoodArticles();
  auto path = [&](const char* name) { return batch + "/" + name; };

  WriteFile(path("a_good.txt"), good[0].text + "\n");
  WriteFile(path("b_empty.txt"), "");
  WriteFile(path("c_binary.txt"), std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0", 12));
  WriteFile(path("d_invalid_utf8.txt"), "Hello \xC3\x28 world, the union said.\n");
  {
    std::string utf16 = "\xFF\xFE";  // UTF-16LE, as Windows tools save "Unicode" text
    for (char c : good[0].text) utf16 += std::string{c, '\0'};
    WriteFile(path("e_utf16.txt"), utf16);
    utf16 = "\xFE\xFF";  // UTF-16BE
    for (char c : JsonLine(good[0]) + "\n") utf16 += std::string{'\0', c};
    WriteFile(path("e_utf16.jsonl"), utf16);
  }
  const std::string huge = HugeLine();
  WriteFile(path("f_huge_line.txt"), huge);
  WriteFile(path("f_huge_line.jsonl"),
            nlohmann::json{{"id", "huge"}, {"text", huge}}.dump() + "\n" + JsonLine(good[1]) +
                "\n");
  WriteFile(path("g_deep.json"), std::string(100000, '[') + std::string(100000, ']'));
  {
    std::string line = JsonLine(good[2]);
    line.insert(line.size() - 1,
                ",\"extra\":" + std::string(100000, '[') + std::string(100000, ']'));
    WriteFile(path("g_nested.jsonl"), line + "\n");
  }
  WriteFile(path("h_truncated.json"), JsonLine(good[0]).substr(0, 40));
  WriteFile(path("h_truncated.jsonl"), JsonLine(good[4]) + "\n" + JsonLine(good[1]).substr(0, 50));
  WriteFile(path("i_stray.jsonl"), JsonLine(good[5]) + "\n" + JsonLine(good[2]) + "\x01\n" +
                                       "\xFF" + JsonLine(good[2]) + "\n" + JsonLine(good[6]) +
                                       "\n");
  {
    const std::string attr(5u << 20, 'x');
    WriteFile(path("j_unclosed.html"),
              "<html><head><title>Unclosed</title><body><div class=\"" + attr +
                  "\"><article><p>" + good[3].text + " <b>Unclosed <i>tags <div data-x=\"" + attr +
                  "\"><p>More about the race and the vote of the council, which met in "
                  "Washington for two days.<p><table><tr><td>cell");
  }
  WriteFile(path("k_other_language.txt"),
            "Le syndicat a annoncé jeudi son soutien à la candidate. « Nous la soutenons », a "
            "déclaré son secrétaire général.\nDie Gewerkschaft unterstützt die Kandidatin.\n"
            "労働組合は候補者への支持を表明した。\n");
  // Vanished: a symbolic link whose file is gone (as a file removed after the folder listing).
  fs::create_symlink("/nonexistent/whipcount/gone.txt", path("l_gone.txt"));
  fs::create_symlink("m_loop.txt", path("m_loop.txt"));
  // Root reads any file whatever its mode; this one fails for root too (EIO at offset 0).
  fs::create_symlink("/proc/self/mem", path("n_unreadable.txt"));
  WriteFile(path("o_folder.txt/p_inside.txt"), good[7].text + "\n");
  return batch + "/";
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// Each bad case of `batch` named exactly once, with its message; the program ended normally
// with exit status 1.
void ExpectReported(const CliRun& run, const std::string& batch) {
  EXPECT_EQ(run.signal, 0);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  for (const BadCase& c : kBadCases) {
    const std::string line = "skipped " + batch + c.name + ": ";
    EXPECT_EQ(Count(run.err, line), 1u) << line << " in:\n" << run.err;
    const size_t at = run.err.find(line);
    if (at == std::string::npos) continue;
    const std::string rest = run.err.substr(at, run.err.find('\n', at) - at);
    EXPECT_NE(rest.find(c.message), std::string::npos) << rest;
  }
  // Nothing else is reported: the good files, the other languages, the folder named x.txt.
  EXPECT_EQ(Count(run.err, "skipped "), std::size(kBadCases)) << run.err;
}

TEST(BadInput, ExtractNamesEachBadInputAndGivesEveryGoodArticlesStances) {
  const std::string batch = WriteBatch(testutil::TempDir());
  const CliRun run = RunWhipcount({"extract", batch});
  ExpectReported(run, batch);
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> stances;
  for (std::string line; std::getline(lines, line);) {
    stances.push_back(nlohmann::json::parse(line, nullptr, false));
    ASSERT_FALSE(stances.back().is_discarded()) << line;
  }
  const std::vector<GoodArticle>& good = GoodArticles();
  for (size_t i = 0; i < std::size(kGoodFiles); ++i) {
    bool found = false;
    for (const nlohmann::json& s : stances) {
      found |= s["holder"] == good[i].holder && s["target"] == good[i].target &&
               s["source"].get<std::string>().find(kGoodFiles[i]) != std::string::npos;
    }
    EXPECT_TRUE(found) << good[i].holder << " -> " << good[i].target << " from " << kGoodFiles[i]
                       << "\n" << run.err;
  }
}

TEST(BadInput, IngestNamesEachBadInputStoresEveryGoodArticleAndKeepsWhatWasStored) {
  const std::string dir = testutil::TempDir();
  const std::string batch = WriteBatch(dir);
  const std::string db = dir + "/w.db";
  WriteFile(dir + "/before.jsonl",
            R"({"id":"before","text":"The Teamsters endorsed Donald Trump on Sunday."})"
            "\n");
  const CliRun before = RunWhipcount({"ingest", dir + "/before.jsonl", "--db", db});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const CliRun run = RunWhipcount({"ingest", batch, "--db", db});
  ExpectReported(run, batch);

  EXPECT_EQ(IntegrityCheck(db), "ok");
  std::vector<std::string> ids = {"before", "k_other_language"};
  for (const GoodArticle& a : GoodArticles()) ids.push_back(a.id);
  ids[2] = "a_good";  // text files and pages take their file's name as id
  ids[5] = "j_unclosed";
  ids[9] = "p_inside";
  for (const std::string& id : ids) {
    EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM articles WHERE id = '" + id + "'"), 1) << id;
  }
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM articles"), static_cast<int64_t>(ids.size()));
  const std::vector<std::string> stances = Export(db, "stances");
  auto has = [&](const std::string& holder, const std::string& target) {
    for (const std::string& line : stances) {
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j["holder"] == holder && j["target"] == target) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("International Brotherhood of Teamsters", "Donald Trump"));
  for (size_t i = 0; i < std::size(kGoodFiles); ++i) {
    EXPECT_TRUE(has(GoodArticles()[i].holder, GoodArticles()[i].target)) << kGoodFiles[i];
  }
}

// A full disk: the store refuses to grow past a few pages. The ingest stops with a message
// naming the problem, exit status 2; what was stored before is intact, and a rerun with room
// stores everything.
TEST(FullDisk, IngestStopsCleanlyAndLosesNothingStored) {
  const std::string dir = testutil::TempDir();
  const std::string db = dir + "/w.db";
  std::string first, more;
  for (const GoodArticle& a : GoodArticles()) first += JsonLine(a) + "\n";
  WriteFile(dir + "/first.jsonl", first);
  CliRun run = RunWhipcount({"ingest", dir + "/first.jsonl", "--db", db});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> stored = Export(db, "stances");
  ASSERT_FALSE(stored.empty());
  const int64_t pages = QueryInt(db, "PRAGMA page_count");
  ASSERT_GT(pages, 0);

  // 400 distinct articles, a few hundred kilobytes: more than 8 free pages hold.
  static const char* const kHolders[] = {"The United Steelworkers", "The Sierra Club",
                                         "The National Education Association",
                                         "The United Auto Workers"};
  static const char* const kTargets[] = {"Joe Biden", "Elizabeth Warren", "Bernie Sanders",
                                         "Hillary Clinton"};
  for (int i = 0; i < 400; ++i) {
    const std::string text = std::string(kHolders[i % 4]) + " endorsed " + kTargets[i / 4 % 4] +
                             " on Tuesday, its statement number " + std::to_string(i) +
                             " said. " + std::string(400, 'x') + " filler paragraph.";
    more += nlohmann::json{{"id", "more-" + std::to_string(i)}, {"text", text}}.dump() + "\n";
  }
  WriteFile(dir + "/more.jsonl", more);
  CliRun full = RunWhipcount({"ingest", dir + "/more.jsonl", "--db", db, "--batch", "10"},
                    {"WHIPCOUNT_TEST_MAX_PAGES=" + std::to_string(pages + 8)});
  EXPECT_EQ(full.signal, 0);
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("full"), std::string::npos) << full.err;
  EXPECT_NE(full.err.find(db), std::string::npos) << "the message names the database: "
                                                  << full.err;
  EXPECT_EQ(IntegrityCheck(db), "ok");
  // What was stored before is all still there (stances of the first articles unchanged).
  std::vector<std::string> after = Export(db, "stances");
  for (const std::string& line : stored) {
    EXPECT_NE(std::find(after.begin(), after.end(), line), after.end()) << line;
  }
  const int64_t partial = QueryInt(db, "SELECT COUNT(*) FROM articles");
  EXPECT_GE(partial, static_cast<int64_t>(GoodArticles().size()));
  EXPECT_LT(partial, static_cast<int64_t>(GoodArticles().size()) + 400);

  CliRun rerun = RunWhipcount({"ingest", dir + "/more.jsonl", "--db", db});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(IntegrityCheck(db), "ok");
  EXPECT_EQ(QueryInt(db, "SELECT COUNT(*) FROM articles"),
            static_cast<int64_t>(GoodArticles().size()) + 400);
}

}  // namespace
}  // namespace whipcount::robustness
