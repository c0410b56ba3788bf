// The binary container of the syntax models (tagger.bin, parser.bin), and the byte-level writer and
// reader used to fill and parse its payload.
//
// Layout, all integers little-endian:
//   bytes  0..7   magic, 8 ASCII bytes naming the model kind ("WCTAGGER", "WCPARSER")
//   bytes  8..11  u32 format version (kModelFormatVersion)
//   bytes 12..15  u32 reserved, 0
//   bytes 16..23  u64 payload size P
//   bytes 24..24+P-1  payload
//   last 8 bytes  u64 FNV-1a 64 checksum of the payload
// A file whose size, magic, version or checksum disagrees is refused before its payload is read.
//
// Thread safety: ByteWriter and ByteReader are plain values; use one per thread.
#ifndef WHIPCOUNT_SYNTAX_MODEL_FILE_H_
#define WHIPCOUNT_SYNTAX_MODEL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "whipcount/status.h"

namespace whipcount::syntax {

// Bump when the payload layout or the feature templates change: models trained by an older build
// then fail to load with a clear message instead of silently scoring the wrong features.
// Version 2: a word cluster map in the tagger (after the pass count) and in the parser (after the
// label set), and cluster templates. Version 1 files (no clusters) still load: their payload is
// version 2's without the maps.
// Version 3: the parser's payload always ends with its settings (feature set, beam width, margin,
// labels in the beam); the tagger's has a feature-set number after the pass count and two more
// maps after its clusters (coarse clusters, tag dictionary). Version 2 files still load: a
// version 2 parser may or may not end with the settings (they were added without a bump; builds
// of that time read both), a version 2 tagger reads as one without the new maps.
inline constexpr uint32_t kModelFormatVersion = 3;
inline constexpr uint32_t kOldestModelFormatVersion = 1;
inline constexpr size_t kModelHeaderSize = 24;
inline constexpr size_t kModelTrailerSize = 8;

// FNV-1a, 64-bit, over `data`.
uint64_t Fnv1a64(std::string_view data);

// Appends little-endian values to a growing byte string.
class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void F32(float v);
  // LEB128 unsigned varint.
  void VarU64(uint64_t v);
  // u32 length, then the bytes.
  void String(std::string_view s);
  // u32 count, then each string.
  void StringList(const std::vector<std::string>& list);
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Reads the values ByteWriter wrote. Each read past the end, or of an implausible size, returns a
// Corruption status naming `file` and the payload offset; `what` says which field was being read.
// The reader views `data`, which must outlive it.
class ByteReader {
 public:
  ByteReader(std::string_view data, std::string file) : data_(data), file_(std::move(file)) {}
  [[nodiscard]] Status U8(const char* what, uint8_t* v);
  [[nodiscard]] Status U32(const char* what, uint32_t* v);
  [[nodiscard]] Status U64(const char* what, uint64_t* v);
  [[nodiscard]] Status F32(const char* what, float* v);
  [[nodiscard]] Status VarU64(const char* what, uint64_t* v);
  [[nodiscard]] Status String(const char* what, std::string* s);
  // Refuses lists longer than `max_count`.
  [[nodiscard]] Status StringList(const char* what, size_t max_count,
                                  std::vector<std::string>* list);
  // A Corruption status naming the file, the current payload offset and `what` is wrong.
  Status Error(const std::string& what) const;
  size_t offset() const { return pos_; }
  bool AtEnd() const { return pos_ == data_.size(); }

 private:
  [[nodiscard]] Status Need(const char* what, size_t n);
  std::string_view data_;
  std::string file_;
  size_t pos_ = 0;
};

// Writes header + `payload` + checksum to `path`, replacing it. `magic` must be 8 bytes. Models
// are saved at kModelFormatVersion; `version` exists so that tests can make older files.
[[nodiscard]] Status WriteModelFile(const std::string& path, std::string_view magic,
                                    std::string_view payload,
                                    uint32_t version = kModelFormatVersion);

// Reads `path`, checks its size, magic, version and checksum, and on success stores the payload in
// `*payload` and, if `version` is not null, the file's format version in `*version`. Errors:
// NotFound/IOError when the file cannot be read; Corruption for a truncated file, a wrong magic or
// a checksum mismatch; Unsupported for a version outside [kOldestModelFormatVersion,
// kModelFormatVersion], saying whether the file is newer than the build or too old for it. Every
// message names the file.
[[nodiscard]] Status ReadModelFile(const std::string& path, std::string_view magic,
                                   std::string* payload, uint32_t* version = nullptr);

}  // namespace whipcount::syntax

#endif  // WHIPCOUNT_SYNTAX_MODEL_FILE_H_
