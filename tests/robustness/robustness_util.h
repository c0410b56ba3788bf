// Helpers for the robustness tests, which run the built `whipcount` binary (WHIPCOUNT_BINARY)
// as a user would, on files written into temporary folders, and look at its exit status, its
// output and the database it leaves.
// Thread safety: the functions may be called from one test thread at a time.
#ifndef WHIPCOUNT_TESTS_ROBUSTNESS_ROBUSTNESS_UTIL_H_
#define WHIPCOUNT_TESTS_ROBUSTNESS_ROBUSTNESS_UTIL_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace whipcount::robustness {

struct CliRun {
  int exit_code = -1;  // -1 when the process did not exit normally (a signal)
  int signal = 0;      // the signal that ended it, or 0
  std::string out;
  std::string err;
};

// Runs `whipcount --data DATA args...` to completion with `env` ("NAME=value") added to the
// environment; captures stdout and stderr.
CliRun RunWhipcount(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// Starts the same command in a child process with stdout and stderr sent to /dev/null;
// returns its pid (the caller waits for it).
pid_t Spawn(const std::vector<std::string>& args);

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);

// "ok", or what PRAGMA integrity_check (or opening the file) said.
std::string IntegrityCheck(const std::string& db);
// The first column of the first row of `sql` on `db`; -1 on error.
int64_t QueryInt(const std::string& db, const std::string& sql);
// `whipcount export --what WHAT --format jsonl` of `db`, one line per record, sorted: equal
// databases give equal lists.
std::vector<std::string> Export(const std::string& db, const std::string& what);

// Articles of our own that give known stances, as JSON objects (one line each) and as plain
// text, so that the tests need no ../shared. Each has a distinct id and text.
struct GoodArticle {
  std::string id;
  std::string text;
  std::string holder;  // one stance its text states, as `extract` names it
  std::string target;
};
const std::vector<GoodArticle>& GoodArticles();
// One JSON Lines line (no '\n') for `a`, with a published date.
std::string JsonLine(const GoodArticle& a);

}  // namespace whipcount::robustness

#endif  // WHIPCOUNT_TESTS_ROBUSTNESS_ROBUSTNESS_UTIL_H_
