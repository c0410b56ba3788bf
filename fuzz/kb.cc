// Fuzzes the knowledge-base loader (kb::KnowledgeBase::AddFile, the path of users' --kb
// files). The first byte picks the file kind (actors, descriptions, affiliations, roles); the
// rest is the file, added to a small knowledge base of two actors so that rows can refer to
// known ids. Then lookups run over what loaded.
// Beyond not crashing: a file that fails leaves the knowledge base as it was.
#include <cstdlib>
#include <string>

#include "fuzz_util.h"
#include "kb/knowledge_base.h"

namespace {

constexpr const char* kKinds[] = {"fuzz.actors.tsv", "fuzz.descriptions.tsv",
                                  "fuzz.affiliations.tsv", "fuzz.roles.tsv"};

constexpr const char* kBase =
    "# two actors for the fuzzed rows to refer to\n"
    "id\tkind\tname\taliases\tmembers\tmembers_year\n"
    "afl-cio\tfederation\tAFL-CIO\tAFL CIO | American Federation of Labor\t12500000\t2016\n"
    "cwa\tunion\tCommunications Workers of America\tCWA\t700000\t2016\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whipcount;
  if (size == 0) return 0;
  static const std::string base_path = fuzz::WriteScratch("00_base.actors.tsv", kBase);
  kb::KnowledgeBase kb;
  if (!kb.AddFile(base_path).ok()) std::abort();
  const size_t actors = kb.actors().size();
  const std::string path =
      fuzz::WriteScratch(kKinds[data[0] % 4], fuzz::AsView(data + 1, size - 1));
  Status st = kb.AddFile(path);
  if (!st.ok()) {
    if (kb.actors().size() != actors || !kb.descriptions().empty() || !kb.affiliations().empty() ||
        !kb.roles().empty() || st.message().find(path) == std::string::npos) {
      std::abort();
    }
    return 0;
  }
  const std::string_view rest = fuzz::AsView(data + 1, size - 1);
  const std::string_view probe = rest.substr(0, 40);
  (void)kb.FindByName(probe);
  (void)kb.FindFuzzy(probe, 2);
  (void)kb.FindByDescription(probe, Date::Parse("2016-06-16"));
  kb.ForEachName([&](const std::string& norm, int32_t actor) {
    if (actor < 0 || static_cast<size_t>(actor) >= kb.actors().size()) std::abort();
    (void)kb.FindByName(norm);
  });
  for (size_t i = 0; i < kb.actors().size(); ++i) {
    (void)kb.AffiliatesOf(static_cast<int32_t>(i), std::nullopt);
    (void)kb.RolesOf(static_cast<int32_t>(i));
  }
  return 0;
}
