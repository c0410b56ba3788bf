// Helpers shared by the tests: status matchers and paths to the source tree and ../shared.
#ifndef WHIPCOUNT_TESTS_TESTUTIL_H_
#define WHIPCOUNT_TESTS_TESTUTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "whipcount/status.h"

#define ASSERT_OK(expr)                                        \
  do {                                                         \
    const auto& _st = (expr);                                  \
    ASSERT_TRUE(_st.ok()) << #expr << ": " << _st.ToString();  \
  } while (0)
#define EXPECT_OK(expr)                                        \
  do {                                                         \
    const auto& _st = (expr);                                  \
    EXPECT_TRUE(_st.ok()) << #expr << ": " << _st.ToString();  \
  } while (0)

namespace whipcount::testutil {

// The repository's root and its data/ folder.
std::string SourceDir();
std::string DataDir();
// ../shared beside the repository, or "" when it is absent (a user's fresh clone).
std::string SharedDir();
// Writes `content` to a fresh file under a per-test temporary folder (see TempDir); returns
// its path.
std::string WriteTempFile(const std::string& name, const std::string& content);
// A fresh empty temporary folder, removed (with what it holds) when the test program exits.
std::string TempDir();

}  // namespace whipcount::testutil

// Skips the current test, saying why, when ../shared is not beside the repository.
#define SKIP_WITHOUT_SHARED()                                                      \
  do {                                                                             \
    if (::whipcount::testutil::SharedDir().empty())                                \
      GTEST_SKIP() << "../shared is absent (fresh clone): test needs shared data"; \
  } while (0)

#endif  // WHIPCOUNT_TESTS_TESTUTIL_H_
