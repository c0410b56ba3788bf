// Helpers for tests that run text through the real whipcount Pipeline (the shipped data/ folder)
// and look at what comes out: the Document, and its stances rendered as short strings that read
// like the sentences they come from ("Sierra Club -> Elizabeth Warren: support/current").
// Thread safety: SharedPipeline() may be called from any thread; the Pipeline it returns is
// immutable and serves concurrent RunText calls.
#ifndef WHIPCOUNT_TESTS_TESTUTIL_PIPELINE_UTIL_H_
#define WHIPCOUNT_TESTS_TESTUTIL_PIPELINE_UTIL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/document.h"
#include "whipcount/pipeline.h"

namespace whipcount::testutil {

// The Pipeline built from Options{data_dir = DataDir()}, built on first use and kept for the life
// of the test binary. Returns nullptr, after adding a test failure that quotes the Status, when
// the data files cannot be loaded.
const Pipeline* SharedPipeline();

// Runs `text` through SharedPipeline() as one article (id "test", source "test") published on
// `published` (unknown when nullopt). A failing run adds a test failure and returns the Document
// as far as it got. `published` is "YYYY-MM-DD" in the string overload; a malformed one fails.
Document RunText(std::string_view text, std::optional<Date> published = std::nullopt);
Document RunText(std::string_view text, std::string_view published);

// "holder -> target: stance/status", with the actors' names as the Document has them.
// REQUIRES: `stance` belongs to `doc`.
std::string StanceString(const Document& doc, const StanceRecord& stance);
// StanceString of every stance of `doc`, in the Document's order.
std::vector<std::string> StanceStrings(const Document& doc);
// The same with the act appended: "holder -> target: stance/status/act".
std::vector<std::string> StanceStringsWithAct(const Document& doc);

}  // namespace whipcount::testutil

#endif  // WHIPCOUNT_TESTS_TESTUTIL_PIPELINE_UTIL_H_
