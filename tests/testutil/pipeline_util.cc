#include "testutil/pipeline_util.h"

#include <gtest/gtest.h>

#include <memory>
#include <utility>

#include "testutil/testutil.h"

namespace whipcount::testutil {

const Pipeline* SharedPipeline() {
  // Built once (thread-safe static initialisation) and never freed: tests of one binary share it.
  static const Pipeline* pipeline = []() -> const Pipeline* {
    Options options;
    options.data_dir = DataDir();
    auto created = Pipeline::Create(options);
    if (!created.ok()) {
      ADD_FAILURE() << "Pipeline::Create(" << options.data_dir
                    << "): " << created.status().ToString();
      return nullptr;
    }
    return std::move(created).value().release();
  }();
  if (pipeline == nullptr) ADD_FAILURE() << "the shared Pipeline could not be built";
  return pipeline;
}

Document RunText(std::string_view text, std::optional<Date> published) {
  Document doc;
  doc.article.id = "test";
  doc.article.source = "test";
  doc.article.published = published;
  doc.article.text = std::string(text);
  const Pipeline* pipeline = SharedPipeline();
  if (pipeline == nullptr) return doc;
  Status st = pipeline->Run(doc);
  EXPECT_TRUE(st.ok()) << "Pipeline::Run: " << st.ToString();
  return doc;
}

Document RunText(std::string_view text, std::string_view published) {
  std::optional<Date> date = Date::Parse(published);
  EXPECT_TRUE(date.has_value()) << "bad test date '" << published << "'";
  return RunText(text, date);
}

std::string StanceString(const Document& doc, const StanceRecord& stance) {
  auto name = [&](int32_t actor) -> std::string {
    if (actor < 0 || static_cast<size_t>(actor) >= doc.actors.size()) return "?";
    return doc.actors[actor].name;
  };
  return name(stance.holder) + " -> " + name(stance.target) + ": " +
         std::string(ToString(stance.stance)) + "/" + std::string(ToString(stance.status));
}

std::vector<std::string> StanceStrings(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.stances.size());
  for (const StanceRecord& stance : doc.stances) out.push_back(StanceString(doc, stance));
  return out;
}

std::vector<std::string> StanceStringsWithAct(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.stances.size());
  for (const StanceRecord& stance : doc.stances)
    out.push_back(StanceString(doc, stance) + "/" + std::string(ToString(stance.act)));
  return out;
}

}  // namespace whipcount::testutil
