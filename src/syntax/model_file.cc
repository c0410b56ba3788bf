#include "syntax/model_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace whipcount::syntax {

namespace {

std::string Hex(uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

uint64_t LoadU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

uint32_t LoadU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

}  // namespace

uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

void ByteWriter::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void ByteWriter::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void ByteWriter::F32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  U32(bits);
}

void ByteWriter::VarU64(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void ByteWriter::String(std::string_view s) {
  U32(static_cast<uint32_t>(s.size()));
  out_.append(s);
}

void ByteWriter::StringList(const std::vector<std::string>& list) {
  U32(static_cast<uint32_t>(list.size()));
  for (const auto& s : list) String(s);
}

Status ByteReader::Error(const std::string& what) const {
  return Status::Corruption(file_ + ": payload byte " + std::to_string(pos_) + ": " + what);
}

Status ByteReader::Need(const char* what, size_t n) {
  if (data_.size() - pos_ < n) {
    return Error(std::string("payload ends early while reading ") + what);
  }
  return Status::Ok();
}

Status ByteReader::U8(const char* what, uint8_t* v) {
  if (Status st = Need(what, 1); !st.ok()) return st;
  *v = static_cast<uint8_t>(data_[pos_++]);
  return Status::Ok();
}

Status ByteReader::U32(const char* what, uint32_t* v) {
  if (Status st = Need(what, 4); !st.ok()) return st;
  *v = LoadU32(data_.data() + pos_);
  pos_ += 4;
  return Status::Ok();
}

Status ByteReader::U64(const char* what, uint64_t* v) {
  if (Status st = Need(what, 8); !st.ok()) return st;
  *v = LoadU64(data_.data() + pos_);
  pos_ += 8;
  return Status::Ok();
}

Status ByteReader::F32(const char* what, float* v) {
  uint32_t bits;
  if (Status st = U32(what, &bits); !st.ok()) return st;
  std::memcpy(v, &bits, sizeof bits);
  return Status::Ok();
}

Status ByteReader::VarU64(const char* what, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t byte;
    if (Status st = U8(what, &byte); !st.ok()) return st;
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return Status::Ok();
    }
  }
  return Error(std::string("varint longer than 10 bytes in ") + what);
}

Status ByteReader::String(const char* what, std::string* s) {
  uint32_t len;
  if (Status st = U32(what, &len); !st.ok()) return st;
  if (Status st = Need(what, len); !st.ok()) return st;
  s->assign(data_.substr(pos_, len));
  pos_ += len;
  return Status::Ok();
}

Status ByteReader::StringList(const char* what, size_t max_count, std::vector<std::string>* list) {
  uint32_t count;
  if (Status st = U32(what, &count); !st.ok()) return st;
  if (count > max_count) {
    return Error(std::string(what) + " has " + std::to_string(count) + " entries (at most " +
                 std::to_string(max_count) + " expected)");
  }
  list->assign(count, std::string());
  for (auto& s : *list) {
    if (Status st = String(what, &s); !st.ok()) return st;
  }
  return Status::Ok();
}

Status WriteModelFile(const std::string& path, std::string_view magic, std::string_view payload,
                      uint32_t version) {
  if (magic.size() != 8) return Status::Internal("model magic must be 8 bytes");
  ByteWriter header;
  for (char c : magic) header.U8(static_cast<uint8_t>(c));
  header.U32(version);
  header.U32(0);
  header.U64(payload.size());
  ByteWriter trailer;
  trailer.U64(Fnv1a64(payload));
  // Write to a temporary name and rename, so a crash never leaves a half-written model in place.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp + ": cannot open for writing");
    out.write(header.bytes().data(), static_cast<std::streamsize>(header.bytes().size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.write(trailer.bytes().data(), static_cast<std::streamsize>(trailer.bytes().size()));
    out.flush();
    if (!out) return Status::IOError(tmp + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IOError(path + ": cannot rename from " + tmp + ": " + ec.message());
  return Status::Ok();
}

Status ReadModelFile(const std::string& path, std::string_view magic, std::string* payload,
                     uint32_t* version_out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such model file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open model file");
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IOError(path + ": read failed");

  if (data.size() < kModelHeaderSize + kModelTrailerSize) {
    return Status::Corruption(
        path + ": truncated: " + std::to_string(data.size()) + " bytes, shorter than the " +
        std::to_string(kModelHeaderSize + kModelTrailerSize) + "-byte header and checksum");
  }
  if (std::string_view(data).substr(0, 8) != magic) {
    return Status::Corruption(path + ": byte 0: bad magic: not a whipcount " + std::string(magic) +
                              " model file");
  }
  const uint32_t version = LoadU32(data.data() + 8);
  if (version > kModelFormatVersion) {
    return Status::Unsupported(path + ": byte 8: model format version " + std::to_string(version) +
                               " is newer than this build reads (versions " +
                               std::to_string(kOldestModelFormatVersion) + " to " +
                               std::to_string(kModelFormatVersion) +
                               "): use a build as new as the file, or retrain with this build's "
                               "whipcount-train-syntax");
  }
  if (version < kOldestModelFormatVersion) {
    return Status::Unsupported(
        path + ": byte 8: model format version " + std::to_string(version) +
        " is older than this build reads (versions " + std::to_string(kOldestModelFormatVersion) +
        " to " + std::to_string(kModelFormatVersion) + "): retrain with whipcount-train-syntax");
  }
  if (version_out != nullptr) *version_out = version;
  const uint64_t payload_size = LoadU64(data.data() + 16);
  const uint64_t expected = kModelHeaderSize + payload_size + kModelTrailerSize;
  if (payload_size > data.size() || expected != data.size()) {
    return Status::Corruption(path + ": byte 16: header announces a " +
                              std::to_string(payload_size) + "-byte payload (file of " +
                              std::to_string(expected) + " bytes), but the file has " +
                              std::to_string(data.size()) + " bytes: truncated or padded");
  }
  std::string_view body = std::string_view(data).substr(kModelHeaderSize, payload_size);
  const uint64_t stored = LoadU64(data.data() + kModelHeaderSize + payload_size);
  const uint64_t computed = Fnv1a64(body);
  if (stored != computed) {
    return Status::Corruption(path + ": checksum mismatch (stored " + Hex(stored) + ", computed " +
                              Hex(computed) + "): the file is corrupt");
  }
  payload->assign(body);
  return Status::Ok();
}

}  // namespace whipcount::syntax
