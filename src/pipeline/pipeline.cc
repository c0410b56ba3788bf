#include "whipcount/pipeline.h"

#include <cstdlib>
#include <vector>

#include "clean/cleaner.h"
#include "date/dater.h"
#include "facts/facts.h"
#include "kb/knowledge_base.h"
#include "mentions/mentions.h"
#include "resolve/resolver.h"
#include "segment/segmenter.h"
#include "stances/stances.h"
#include "syntax/syntax.h"

namespace whipcount {

struct Pipeline::Impl {
  std::unique_ptr<kb::KnowledgeBase> kb;
  std::unique_ptr<syntax::SyntaxModel> syntax;  // read by the stances stage
  std::vector<std::unique_ptr<Stage>> stages;
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

const kb::KnowledgeBase& Pipeline::kb() const { return *impl_->kb; }

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const Options& options) {
  std::string data = options.data_dir;
  if (data.empty()) {
    const char* env = std::getenv("WHIPCOUNT_DATA");
    data = env && *env ? env : "data";
  }
  auto impl = std::make_unique<Impl>();
  auto kb = kb::KnowledgeBase::LoadDir(data + "/kb");
  if (!kb.ok()) return kb.status();
  impl->kb = std::move(kb).value();
  for (const auto& file : options.kb_files) {
    Status st = impl->kb->AddFile(file);
    if (!st.ok()) return st;
  }
  auto cleaner = clean::Cleaner::Load(data + "/patterns/furniture.tsv");
  if (!cleaner.ok()) return cleaner.status();
  auto segmenter = segment::Segmenter::Load(data + "/lexicons/abbreviations.txt");
  if (!segmenter.ok()) return segmenter.status();
  auto finder = mentions::MentionFinder::Create(*impl->kb, data + "/lexicons");
  if (!finder.ok()) return finder.status();
  if (options.syntax) {
    auto model = syntax::SyntaxModel::Load(data + "/models");
    if (!model.ok()) return model.status();
    impl->syntax = std::move(model).value();
  }
  auto stance_finder = stances::StanceFinder::Create(data + "/lexicons", impl->syntax.get());
  if (!stance_finder.ok()) return stance_finder.status();
  auto resolver = resolve::Resolver::Create(*impl->kb, data + "/lexicons");
  if (!resolver.ok()) return resolver.status();
  auto fact_finder = facts::FactFinder::Create(data + "/lexicons");
  if (!fact_finder.ok()) return fact_finder.status();

  impl->stages.push_back(std::move(cleaner).value());
  impl->stages.push_back(std::move(segmenter).value());
  impl->stages.push_back(std::make_unique<date::DateStage>());
  impl->stages.push_back(std::move(finder).value());
  impl->stages.push_back(std::move(resolver).value());
  impl->stages.push_back(std::move(fact_finder).value());
  impl->stages.push_back(std::move(stance_finder).value());

  // Each stage's inputs must be assigned by an earlier one.
  uint32_t assigned = kFieldArticle;
  for (const auto& stage : impl->stages) {
    if ((stage->Requires() & assigned) != stage->Requires())
      return Status::Internal("pipeline: stage '" + std::string(stage->Name()) +
                              "' runs before the stage that assigns its input");
    assigned |= stage->Assigns();
  }
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

Status Pipeline::Run(Document& doc) const {
  for (const auto& stage : impl_->stages) {
    Status st = stage->Process(doc);
    if (!st.ok())
      return Status::InvalidInput(doc.article.source + ": " + std::string(stage->Name()) +
                                  ": " + st.message());
  }
  return Status::Ok();
}

Result<Document> Pipeline::Process(Article article) const {
  Document doc;
  doc.article = std::move(article);
  Status st = Run(doc);
  if (!st.ok()) return st;
  return doc;
}

}  // namespace whipcount
