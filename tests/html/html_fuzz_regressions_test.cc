// Inputs that fuzz/read_html found to break the html stage (issue 8), each kept as a test. They
// fail loudly under scripts/sanitize (UndefinedBehaviorSanitizer) when the bug comes back; the
// expectations also hold in an ordinary build.
#include <gtest/gtest.h>

#include <string>

#include "html/html_reader.h"
#include "testutil/testutil.h"

namespace whipcount::html {
namespace {

std::string Page(const std::string& date) {
  std::string body;
  for (int i = 0; i < 3; ++i) {
    body += "<p>The federation said on Thursday that paragraph " + std::to_string(i) +
            " of its statement explains why its members will back the candidate in the coming "
            "primary, and why the decision took so long.</p>";
  }
  return "<html><head><meta property=\"article:published_time\" content=\"" + date +
         "\"></head><body><article>" + body + "</article></body></html>";
}

// A run of digits in a written date overflowed an int (signed overflow: undefined behaviour).
TEST(HtmlFuzzRegressions, LongDigitRunInWrittenDateIsIgnored) {
  Result<Article> article =
      ReadHtmlPage(Page("ed 00000000000000000000000000004825938999276907178 June 5, 2016"),
                   "page.html", "page");
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  ASSERT_TRUE(article->published.has_value());
  EXPECT_EQ(article->published->ToString(), "2016-06-05");

  article = ReadHtmlPage(Page("2ed 99999999999999999999"), "page.html", "page");
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_FALSE(article->published.has_value());
}

}  // namespace
}  // namespace whipcount::html
