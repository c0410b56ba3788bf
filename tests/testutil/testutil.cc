#include "testutil/testutil.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

namespace whipcount::testutil {

namespace fs = std::filesystem;

std::string SourceDir() {
#ifdef WHIPCOUNT_SOURCE_DIR
  return WHIPCOUNT_SOURCE_DIR;
#else
  return ".";
#endif
}

std::string DataDir() { return SourceDir() + "/data"; }

std::string SharedDir() {
  fs::path p = fs::path(SourceDir()) / ".." / "shared";
  std::error_code ec;
  if (fs::is_directory(p / "eval", ec)) return fs::weakly_canonical(p, ec).string();
  return "";
}

namespace {

// The folders TempDir made, removed when the test program exits (ctest runs many programs a
// day; each left its folders in /tmp before).
struct TempDirs {
  std::mutex mu;
  std::vector<fs::path> made;
  ~TempDirs() {
    std::error_code ec;
    for (const fs::path& p : made) fs::remove_all(p, ec);
  }
};
TempDirs& Made() {
  static TempDirs dirs;
  return dirs;
}

}  // namespace

std::string TempDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  fs::path p = fs::temp_directory_path() / ("whipcount-" + std::to_string(::getpid()) + "-" + name +
                                            "-" + std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  {
    TempDirs& dirs = Made();
    std::lock_guard<std::mutex> lock(dirs.mu);
    // Remove the top folder made here (a parameterised test's name holds a '/').
    fs::path top = fs::temp_directory_path() /
                   p.lexically_relative(fs::temp_directory_path()).begin()->string();
    dirs.made.push_back(top);
  }
  return p.string();
}

std::string WriteTempFile(const std::string& name, const std::string& content) {
  fs::path p = fs::path(TempDir()) / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

}  // namespace whipcount::testutil
