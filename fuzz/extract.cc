// Fuzzes the whole extraction of one article, as `whipcount extract` runs it: the bytes are
// written as a file (a .jsonl line when they start with '{', a web page when they start with
// '<', else plain text), read by read::ReadInputs, run through the Pipeline built from the
// shipped data/, and printed as stance JSON Lines.
// Beyond not crashing: each stance's actors and evidence lie inside the Document.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "read/reader.h"
#include "whipcount/pipeline.h"

namespace {

const whipcount::Pipeline* pipeline = nullptr;

}  // namespace

// Loading the data and the syntax models takes seconds under the sanitizers: done before the
// first input, so that it does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  whipcount::Options options;
  options.data_dir = whipcount::fuzz::DataDir();
  auto p = whipcount::Pipeline::Create(options);
  if (!p.ok()) {
    std::fprintf(stderr, "fuzz_extract: %s\n", p.status().ToString().c_str());
    std::abort();
  }
  pipeline = std::move(p).value().release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  const std::string_view bytes = fuzz::AsView(data, size);
  const char* name = "article.txt";
  if (!bytes.empty() && bytes[0] == '{') name = "article.jsonl";
  if (!bytes.empty() && bytes[0] == '<') name = "article.html";
  const std::string path = fuzz::WriteScratch(name, bytes);
  std::string out;
  read::ReadInputs(
      {path},
      [&](Article&& article) {
        Result<Document> doc = pipeline->Process(std::move(article));
        if (!doc.ok()) return;
        const int32_t actors = static_cast<int32_t>(doc->actors.size());
        for (const StanceRecord& s : doc->stances) {
          if (s.holder < 0 || s.holder >= actors || s.target < 0 || s.target >= actors ||
              s.speaker >= actors || s.sentence >= doc->sentences.size() ||
              s.evidence_begin > s.evidence_end || s.evidence_end > doc->text.size()) {
            std::abort();
          }
        }
        out.clear();
        AppendStanceJsonl(*doc, out);
      },
      nullptr);
  return 0;
}
