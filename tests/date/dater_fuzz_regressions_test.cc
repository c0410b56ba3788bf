// Inputs that fuzz/extract found to break the date stage (issue 8), each kept as a test. They
// fail loudly under scripts/sanitize (UndefinedBehaviorSanitizer) when the bug comes back; the
// expectations also hold in an ordinary build.
#include <gtest/gtest.h>

#include <string>

#include "date/dater.h"
#include "testutil/testutil.h"

namespace whipcount::date {
namespace {

// A long run of digits where a day could stand overflowed an int (undefined behaviour).
TEST(DateFuzzRegressions, LongDigitRunIsNoDay) {
  for (const char* text :
       {"The union met on Wednesday, March 88888888888888888888888888, 2011, in Denver.",
        "The AFL-CIO backed Joe Biden, as have the SEIU 88888888888888888888888888 and the CWA."}) {
    Document doc;
    doc.text = text;
    ASSERT_OK(DateStage().Process(doc));
    EXPECT_FALSE(doc.date.has_value()) << text;
  }
}

}  // namespace
}  // namespace whipcount::date
