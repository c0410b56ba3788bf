// Helpers shared by the fuzz targets: where data/ is, and a scratch folder for inputs that only
// a path can carry (the readers and the knowledge-base loader take files, not bytes).
// Thread safety: libFuzzer calls a target from one thread; so do these helpers.
#ifndef WHIPCOUNT_FUZZ_FUZZ_UTIL_H_
#define WHIPCOUNT_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace whipcount::fuzz {

// $WHIPCOUNT_DATA when set, else the source tree's data/ folder.
std::string DataDir();

// Writes `bytes` to a file called `name` in a folder private to this process (made on first
// use, removed at exit) and returns its path. A later call with the same name overwrites it.
std::string WriteScratch(const std::string& name, std::string_view bytes);

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace whipcount::fuzz

#endif  // WHIPCOUNT_FUZZ_FUZZ_UTIL_H_
