#include "testutil/testutil.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <unistd.h>

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

std::string TempDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "test";
  fs::path p = fs::temp_directory_path() /
               ("whipcount-" + std::to_string(::getpid()) + "-" + name + "-" +
                std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::string WriteTempFile(const std::string& name, const std::string& content) {
  fs::path p = fs::path(TempDir()) / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

}  // namespace whipcount::testutil
