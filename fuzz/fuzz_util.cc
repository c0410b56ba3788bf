#include "fuzz_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace whipcount::fuzz {
namespace {

std::string* scratch_dir = nullptr;

void RemoveScratch() {
  if (scratch_dir == nullptr) return;
  std::error_code ec;
  std::filesystem::remove_all(*scratch_dir, ec);
}

const std::string& ScratchDir() {
  if (scratch_dir == nullptr) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "whipcount-fuzz-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      std::perror("whipcount fuzz: mkdtemp");
      std::abort();
    }
    scratch_dir = new std::string(tmpl);
    std::atexit(RemoveScratch);
  }
  return *scratch_dir;
}

}  // namespace

std::string DataDir() {
  const char* env = std::getenv("WHIPCOUNT_DATA");
  if (env != nullptr && *env != '\0') return env;
  return std::string(WHIPCOUNT_SOURCE_DIR) + "/data";
}

std::string WriteScratch(const std::string& name, std::string_view bytes) {
  std::string path = ScratchDir() + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(("whipcount fuzz: " + path).c_str());
    std::abort();
  }
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    std::perror(("whipcount fuzz: " + path).c_str());
    std::abort();
  }
  std::fclose(f);
  return path;
}

}  // namespace whipcount::fuzz
