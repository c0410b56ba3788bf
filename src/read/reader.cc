// Reading of input paths: files by format, folders walked in sorted order, and stdin.
// Large JSON Lines files are streamed in fixed-size chunks: only the current chunk and the line
// being assembled are held, never the whole file.
#include "read/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "html/html_reader.h"
#include "read/read_internal.h"

namespace whipcount::read {
namespace {

namespace fs = std::filesystem;

constexpr size_t kChunkBytes = size_t{1} << 20;
// Deeper folder trees than this are almost surely a loop the canonical-path check missed.
constexpr int kMaxFolderDepth = 64;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The sinks of one ReadInputs call, with its counts.
class Batch {
 public:
  Batch(const ArticleSink& on_article, const ErrorSink& on_error)
      : on_article_(on_article), on_error_(on_error) {}

  void Emit(Article&& article) {
    ++stats_.articles;
    if (on_article_) on_article_(std::move(article));
  }
  void Fail(std::string source, std::string message) {
    ++stats_.errors;
    if (on_error_) on_error_(ReadError{std::move(source), std::move(message)});
  }
  const ReadStats& stats() const { return stats_; }

 private:
  const ArticleSink& on_article_;
  const ErrorSink& on_error_;
  ReadStats stats_;
};

enum class Format { kText, kJson, kJsonLines, kHtml };

Format FormatOf(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (ext == ".json") return Format::kJson;
  if (ext == ".jsonl") return Format::kJsonLines;
  if (ext == ".html" || ext == ".htm") return Format::kHtml;
  return Format::kText;
}

std::string ErrnoMessage(int err) { return std::strerror(err); }

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Problems visible in a file's first bytes. Strips a UTF-8 byte order mark from `data`'s view
// by returning its length in *bom. Returns "" when the encoding is acceptable.
std::string CheckEncoding(std::string_view head, size_t* bom) {
  *bom = 0;
  if (head.substr(0, 3) == kUtf8Bom) {
    *bom = 3;
    return "";
  }
  if (head.size() >= 2) {
    unsigned char b0 = static_cast<unsigned char>(head[0]);
    unsigned char b1 = static_cast<unsigned char>(head[1]);
    if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      return "unsupported encoding: UTF-16 (byte order mark); convert the file to UTF-8";
    }
  }
  return "";
}

std::string Limit(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Reads all of `file` into `out`, appending, up to about `limit` bytes. Returns "" or the error.
std::string ReadStream(std::FILE* file, std::string& out, size_t limit) {
  while (true) {
    size_t old = out.size();
    out.resize(old + kChunkBytes);
    size_t got = std::fread(out.data() + old, 1, kChunkBytes, file);
    out.resize(old + got);
    if (got < kChunkBytes) {
      if (std::ferror(file)) return "read error: " + ErrnoMessage(errno);
      return "";
    }
    if (out.size() > limit) return "too large (over " + Limit(limit) + ")";
  }
}

// Checks shared by whole-file formats; strips a BOM. Returns "" or the problem.
std::string CheckWholeFile(std::string& data) {
  if (data.empty()) return "empty file";
  size_t bom = 0;
  if (std::string problem = CheckEncoding(data, &bom); !problem.empty()) return problem;
  if (size_t nul = data.find('\0'); nul != std::string::npos) {
    return "binary file (NUL byte at offset " + std::to_string(nul) + ")";
  }
  size_t bad = 0;
  if (!core::IsValidUtf8(data, &bad)) return "invalid UTF-8 at byte " + std::to_string(bad);
  data.erase(0, bom);
  if (IsBlank(data)) return "empty file (only white space)";
  return "";
}

void ReadTextData(std::string data, const std::string& source, const std::string& id,
                  Batch& batch) {
  if (data.size() > kMaxArticleBytes) {
    batch.Fail(source, "too large for one article (" + std::to_string(data.size()) +
                           " bytes; the limit is " + Limit(kMaxArticleBytes) + ")");
    return;
  }
  if (std::string problem = CheckWholeFile(data); !problem.empty()) {
    batch.Fail(source, std::move(problem));
    return;
  }
  internal::NormalizeLineEnds(data);
  Article article;
  article.id = id;
  article.source = source;
  article.text = std::move(data);
  batch.Emit(std::move(article));
}

void ReadJsonData(std::string data, const std::string& source, const std::string& id,
                  Batch& batch) {
  if (std::string problem = CheckWholeFile(data); !problem.empty()) {
    batch.Fail(source, std::move(problem));
    return;
  }
  Result<Article> article = internal::ParseArticleObject(data, source, id);
  if (!article.ok()) {
    batch.Fail(source, article.status().message());
    return;
  }
  batch.Emit(std::move(article).value());
}

// Reads a web page through the html stage. A page without article text (an index or error
// page) is reported and skipped like any other unusable input.
void ReadHtmlData(const std::string& data, const std::string& source, const std::string& id,
                  Batch& batch) {
  if (data.empty()) {
    batch.Fail(source, "empty file");
    return;
  }
  Result<Article> article = html::ReadHtmlPage(data, source, id);
  if (!article.ok()) {
    // The html stage's messages start with the source; the sink carries it separately.
    std::string message = article.status().message();
    if (message.compare(0, source.size() + 2, source + ": ") == 0) {
      message.erase(0, source.size() + 2);
    }
    batch.Fail(source, std::move(message));
    return;
  }
  if (article->text.empty()) {
    batch.Fail(source, "no article text found (not an article page?)");
    return;
  }
  if (article->text.size() > kMaxArticleBytes) {
    batch.Fail(source, "article text too large (" + std::to_string(article->text.size()) +
                           " bytes; the limit is " + Limit(kMaxArticleBytes) + ")");
    return;
  }
  batch.Emit(std::move(article).value());
}

// Streams JSON Lines from `file`; `buffer` holds bytes already read from it (stdin's sniffed
// head), possibly none. `path` names the input in sources, `stem` makes ids for id-less lines.
void ReadJsonLines(std::FILE* file, std::string buffer, const std::string& path,
                   const std::string& stem, Batch& batch) {
  size_t line_no = 0;
  size_t begin = 0;  // start of the first unprocessed line in buffer
  size_t scan = 0;   // where to look for the next '\n' (bytes before it have none)
  bool eof = false;
  bool skipping = false;  // inside an over-long line being discarded
  size_t lines_with_content = 0;

  auto process = [&](std::string_view line) {
    ++line_no;
    if (skipping) {
      skipping = false;
      return;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line)) return;
    ++lines_with_content;
    std::string source = path + ":" + std::to_string(line_no);
    size_t bad = 0;
    if (!core::IsValidUtf8(line, &bad)) {
      batch.Fail(source, "invalid UTF-8 at byte " + std::to_string(bad) + " of the line");
      return;
    }
    Result<Article> article =
        internal::ParseArticleObject(line, source, stem + "-" + std::to_string(line_no));
    if (!article.ok()) {
      batch.Fail(std::move(source), article.status().message());
      return;
    }
    batch.Emit(std::move(article).value());
  };

  // Appends the next chunk of `file` to `buffer`; false after reporting a read error.
  auto read_chunk = [&]() {
    size_t old = buffer.size();
    buffer.resize(old + kChunkBytes);
    size_t got = std::fread(buffer.data() + old, 1, kChunkBytes, file);
    buffer.resize(old + got);
    if (got < kChunkBytes) {
      if (std::ferror(file)) {
        batch.Fail(path,
                   "read error after line " + std::to_string(line_no) + ": " + ErrnoMessage(errno));
        return false;
      }
      eof = true;
    }
    return true;
  };

  if (buffer.empty() && !read_chunk()) return;
  if (buffer.empty()) {
    batch.Fail(path, "empty file");
    return;
  }
  size_t bom = 0;
  if (std::string problem = CheckEncoding(buffer, &bom); !problem.empty()) {
    batch.Fail(path, std::move(problem));
    return;
  }
  // A NUL in the first chunk means a binary file; reporting it once beats one error a "line".
  if (size_t nul = buffer.find('\0'); nul != std::string::npos) {
    batch.Fail(path, "binary file (NUL byte at offset " + std::to_string(nul) + ")");
    return;
  }
  begin = scan = bom;

  while (true) {
    // Hand over every complete line held.
    const char* base = buffer.data();
    const size_t size = buffer.size();
    while (scan < size) {
      const void* nl = std::memchr(base + scan, '\n', size - scan);
      if (nl == nullptr) {
        scan = size;
        break;
      }
      size_t end = static_cast<size_t>(static_cast<const char*>(nl) - base);
      process(std::string_view(base + begin, end - begin));
      begin = scan = end + 1;
    }
    if (eof) {
      if (begin < size) process(std::string_view(base + begin, size - begin));
      break;
    }
    if (size - begin > kMaxPageBytes) {
      // Drop what is held of a line too long to be an article; the rest of it goes when its
      // '\n' arrives.
      if (!skipping) {
        batch.Fail(path + ":" + std::to_string(line_no + 1),
                   "line too long (over " + Limit(kMaxPageBytes) + ")");
      }
      skipping = true;
      begin = size;
    }
    // Keep the partial last line and read the next chunk after it.
    buffer.erase(0, begin);
    scan -= begin;
    begin = 0;
    if (!read_chunk()) return;
  }
  if (lines_with_content == 0) batch.Fail(path, "empty file (no JSON lines)");
}

// Reads one file, choosing the format by extension.
void ReadFile(const fs::path& path, Batch& batch) {
  const std::string source = path.string();
  const Format format = FormatOf(path);
  std::FILE* file = std::fopen(source.c_str(), "rb");
  if (file == nullptr) {
    batch.Fail(source, "cannot open: " + ErrnoMessage(errno));
    return;
  }
  const std::string stem = path.stem().string();
  if (format == Format::kJsonLines) {
    ReadJsonLines(file, std::string(), source, stem, batch);
    std::fclose(file);
    return;
  }
  std::string data;
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  // A text file is the article; pages and JSON carry more than their text.
  const size_t limit = format == Format::kText ? kMaxArticleBytes : kMaxPageBytes;
  if (!ec && size > limit) {
    std::fclose(file);
    batch.Fail(source, std::string(format == Format::kText ? "too large for one article ("
                                                           : "too large (") +
                           std::to_string(size) + " bytes; the limit is " + Limit(limit) + ")");
    return;
  }
  if (!ec) data.reserve(static_cast<size_t>(size) + 1);
  std::string problem = ReadStream(file, data, limit);
  std::fclose(file);
  if (!problem.empty()) {
    batch.Fail(source, std::move(problem));
    return;
  }
  if (format == Format::kHtml) {
    ReadHtmlData(data, source, stem, batch);
  } else if (format == Format::kJson) {
    ReadJsonData(std::move(data), source, stem, batch);
  } else {
    ReadTextData(std::move(data), source, stem, batch);
  }
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// Walks `dir` depth-first, entries of each folder in name order, skipping hidden entries.
void ReadFolder(const fs::path& dir, int depth, std::set<fs::path>& visited, Batch& batch) {
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (ec) {
    batch.Fail(dir.string(), "cannot read folder: " + ec.message());
    return;
  }
  if (!visited.insert(canonical).second) return;  // a symbolic link back up the tree
  if (depth > kMaxFolderDepth) {
    batch.Fail(dir.string(), "folder tree deeper than " + std::to_string(kMaxFolderDepth));
    return;
  }
  std::vector<fs::path> entries;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (!IsHidden(it->path())) entries.push_back(it->path());
  }
  if (ec) {
    batch.Fail(dir.string(), "cannot read folder: " + ec.message());
    return;
  }
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    fs::file_status status = fs::status(entry, ec);
    if (ec) {
      batch.Fail(entry.string(), "cannot read: " + ec.message());
    } else if (fs::is_directory(status)) {
      ReadFolder(entry, depth + 1, visited, batch);
    } else if (fs::is_regular_file(status)) {
      ReadFile(entry, batch);
    }
    // Sockets, pipes and devices inside a folder are not articles; they are passed over.
  }
}

void ReadStdin(Batch& batch) {
  const std::string source = "-";
  std::string head;
  // Sniff the first bytes: enough to see past leading white space and a BOM.
  while (true) {
    size_t old = head.size();
    head.resize(old + 4096);
    size_t got = std::fread(head.data() + old, 1, 4096, stdin);
    head.resize(old + got);
    if (got == 0) {
      if (std::ferror(stdin)) {
        batch.Fail(source, "read error: " + ErrnoMessage(errno));
        return;
      }
      break;
    }
    std::string_view body(head);
    if (body.substr(0, 3) == kUtf8Bom) body.remove_prefix(3);
    if (!IsBlank(body)) break;
  }
  std::string_view body(head);
  if (body.substr(0, 3) == kUtf8Bom) body.remove_prefix(3);
  size_t first = body.find_first_not_of(" \t\r\n\f\v");
  if (first != std::string_view::npos && body[first] == '{') {
    ReadJsonLines(stdin, std::move(head), source, "stdin", batch);
    return;
  }
  const bool html = first != std::string_view::npos && body[first] == '<';
  std::string problem = ReadStream(stdin, head, kMaxPageBytes);  // `body` dangles from here on
  if (!problem.empty()) {
    batch.Fail(source, std::move(problem));
    return;
  }
  if (html) {
    ReadHtmlData(head, source, "stdin", batch);
    return;
  }
  ReadTextData(std::move(head), source, "stdin", batch);
}

}  // namespace

ReadStats ReadInputs(const std::vector<std::string>& paths, const ArticleSink& on_article,
                     const ErrorSink& on_error) {
  Batch batch(on_article, on_error);
  for (const std::string& input : paths) {
    if (input == "-") {
      ReadStdin(batch);
      continue;
    }
    fs::path path(input);
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
      batch.Fail(input, "no such file or folder");
    } else if (ec) {
      batch.Fail(input, "cannot read: " + ec.message());
    } else if (fs::is_directory(status)) {
      std::set<fs::path> visited;
      ReadFolder(path, 0, visited, batch);
    } else if (fs::is_regular_file(status)) {
      ReadFile(path, batch);
    } else {
      // Named pipes given by name (e.g. <(cat a.jsonl)) are streams worth reading.
      if (fs::is_fifo(status) || fs::is_character_file(status)) {
        ReadFile(path, batch);
      } else {
        batch.Fail(input, "not a file or folder");
      }
    }
  }
  return batch.stats();
}

}  // namespace whipcount::read
