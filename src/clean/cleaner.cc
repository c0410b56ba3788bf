// The clean stage. Works line by line in two steps: first every line is judged story text or
// furniture (all furniture patterns are compiled into one RE2::Set, so a line is scanned once by
// one DFA whatever the number of patterns), then the kept lines are copied into Document::text
// with the OffsetMap pieces that lead back to Article::text.
#include "clean/cleaner.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/tsv.h"

namespace whipcount::clean {
namespace {

// The DFA of the combined set needs more than RE2's 8 MiB default to stay cached over long
// inputs; without it, matching falls back to a much slower engine.
constexpr int64_t kSetMaxMem = int64_t{64} << 20;

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Trims ASCII white space and no-break spaces (U+00A0, common in scraped text) at both ends.
std::string_view Trim(std::string_view s) {
  while (true) {
    if (!s.empty() && IsSpaceByte(s.front())) {
      s.remove_prefix(1);
    } else if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && IsSpaceByte(s.back())) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s[s.size() - 2] == '\xC2' && s.back() == '\xA0') {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

// A line with some non-space content: [begin, end) is that content, trimmed, in the raw text.
struct Line {
  uint32_t begin;
  uint32_t end;
  bool furniture;
};

size_t CountNewlines(std::string_view raw, uint32_t begin, uint32_t end) {
  size_t n = 0;
  for (uint32_t i = begin; i < end; ++i) n += raw[i] == '\n';
  return n;
}

// Builds the cleaned text from the judged lines. Kept lines keep their bytes and the white space
// before them; where furniture was cut out, the wider of the two gaps around it (the one holding
// more line breaks) is kept, so a paragraph break survives the cut. Leading and trailing
// furniture leaves no gap behind.
void Assemble(std::string_view raw, const std::vector<Line>& lines, std::string& text,
              OffsetMap& offsets) {
  text.clear();
  text.reserve(raw.size());
  constexpr uint32_t kNoRun = std::numeric_limits<uint32_t>::max();
  uint32_t run_end = kNoRun;  // raw offset just past the last copied byte
  auto copy = [&](uint32_t begin, uint32_t end) {
    if (begin >= end) return;
    if (begin != run_end) offsets.Add(static_cast<uint32_t>(text.size()), begin);
    text.append(raw.data() + begin, end - begin);
    run_end = end;
  };

  const Line* last_kept = nullptr;
  const Line* first_cut = nullptr;  // first furniture line after last_kept
  const Line* last_cut = nullptr;   // last furniture line seen
  for (const Line& line : lines) {
    if (line.furniture) {
      if (first_cut == nullptr) first_cut = &line;
      last_cut = &line;
      continue;
    }
    if (last_kept == nullptr) {
      // The first story line: keep leading white space only when nothing was cut before it.
      copy(last_cut == nullptr ? 0 : line.begin, line.end);
    } else if (first_cut == nullptr) {
      copy(last_kept->end, line.end);
    } else {
      uint32_t before_begin = last_kept->end, before_end = first_cut->begin;
      uint32_t after_begin = last_cut->end, after_end = line.begin;
      if (CountNewlines(raw, before_begin, before_end) >
          CountNewlines(raw, after_begin, after_end)) {
        copy(before_begin, before_end);
        copy(line.begin, line.end);
      } else {
        copy(after_begin, line.end);
      }
    }
    last_kept = &line;
    first_cut = nullptr;
  }
  if (last_kept != nullptr && first_cut == nullptr) {
    copy(last_kept->end, static_cast<uint32_t>(raw.size()));  // trailing white space
  }
}

}  // namespace

struct Cleaner::Impl {
  explicit Impl(const RE2::Options& options) : patterns(options, RE2::UNANCHORED) {}

  RE2::Set patterns;
  size_t size = 0;  // number of patterns added

  // True when a pattern matches `line`. When the DFA runs out of memory (only on pathological
  // input, given kSetMaxMem) the line is kept and *out_of_memory is set: losing story text
  // would be worse than keeping a caption.
  bool IsFurniture(std::string_view line, bool* out_of_memory) const {
    RE2::Set::ErrorInfo error;
    if (patterns.Match(re2::StringPiece(line.data(), line.size()), nullptr, &error)) return true;
    if (error.kind == RE2::Set::kOutOfMemory) *out_of_memory = true;
    return false;
  }
};

Cleaner::Cleaner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Cleaner::~Cleaner() = default;

Result<std::unique_ptr<Cleaner>> Cleaner::Load(const std::string& path) {
  auto rows = core::ReadTsv(path, 2);
  if (!rows.ok()) return rows.status();
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kSetMaxMem);
  auto impl = std::make_unique<Impl>(options);
  for (const core::TsvRow& row : *rows) {
    const std::string where = path + ":" + std::to_string(row.line) + ": ";
    if (row.fields.size() > 2) {
      return Status::InvalidInput(where + "expected 2 fields (kind, pattern), got " +
                                  std::to_string(row.fields.size()) +
                                  "; write a TAB inside a pattern as \\t");
    }
    if (row.fields[0].empty() || row.fields[1].empty()) {
      return Status::InvalidInput(where + "empty kind or pattern");
    }
    std::string error;
    if (impl->patterns.Add(row.fields[1], &error) < 0) {
      return Status::InvalidInput(where + "bad pattern: " + error);
    }
    ++impl->size;
  }
  if (impl->size == 0) return Status::InvalidInput(path + ": no patterns");
  if (!impl->patterns.Compile()) {
    return Status::Internal(path + ": patterns do not fit in memory when combined");
  }
  return std::unique_ptr<Cleaner>(new Cleaner(std::move(impl)));
}

Status Cleaner::Process(Document& doc) const {
  std::string_view raw = doc.article.text;
  if (raw.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidInput(doc.article.source + ": text too large to clean (" +
                                std::to_string(raw.size()) + " bytes)");
  }
  // Step 1: judge each non-blank line.
  std::vector<Line> lines;
  bool out_of_memory = false;
  lines.reserve(raw.size() / 128 + 4);
  size_t pos = 0;
  while (pos < raw.size()) {
    const void* nl = std::memchr(raw.data() + pos, '\n', raw.size() - pos);
    size_t end = nl == nullptr ? raw.size() : static_cast<const char*>(nl) - raw.data();
    std::string_view content = Trim(raw.substr(pos, end - pos));
    if (!content.empty()) {
      uint32_t begin = static_cast<uint32_t>(content.data() - raw.data());
      lines.push_back({begin, static_cast<uint32_t>(begin + content.size()),
                       impl_->IsFurniture(content, &out_of_memory)});
    }
    pos = end + 1;
  }
  if (out_of_memory) {
    doc.diagnostics.push_back(
        {"clean: furniture patterns ran out of memory on some lines; they were kept"});
  }
  // Step 2: copy the story lines.
  OffsetMap offsets;
  Assemble(raw, lines, doc.text, offsets);
  doc.offsets = std::move(offsets);
  return Status::Ok();
}

}  // namespace whipcount::clean
