#include "syntax/model_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "testutil/testutil.h"

namespace whipcount::syntax {
namespace {

constexpr char kMagic[] = "WCTESTMD";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string WriteSample() {
  const std::string path = testutil::TempDir() + "/sample.bin";
  ByteWriter w;
  w.U32(7);
  w.String("payload text");
  w.VarU64(300);
  w.F32(1.5f);
  EXPECT_OK(WriteModelFile(path, kMagic, w.bytes()));
  return path;
}

TEST(ModelFile, RoundTrips) {
  const std::string path = WriteSample();
  std::string payload;
  ASSERT_OK(ReadModelFile(path, kMagic, &payload));
  ByteReader r(payload, path);
  uint32_t u;
  std::string s;
  uint64_t v;
  float f;
  ASSERT_OK(r.U32("u", &u));
  ASSERT_OK(r.String("s", &s));
  ASSERT_OK(r.VarU64("v", &v));
  ASSERT_OK(r.F32("f", &f));
  EXPECT_EQ(u, 7u);
  EXPECT_EQ(s, "payload text");
  EXPECT_EQ(v, 300u);
  EXPECT_EQ(f, 1.5f);
  EXPECT_TRUE(r.AtEnd());
}

TEST(ModelFile, FlippedByteIsCorruption) {
  const std::string path = WriteSample();
  std::string bytes = ReadAll(path);
  bytes[kModelHeaderSize + 5] ^= 0x40;
  WriteAll(path, bytes);
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find(path), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("checksum"), std::string::npos) << st.ToString();
}

TEST(ModelFile, TruncatedFileIsCorruption) {
  const std::string path = WriteSample();
  std::string bytes = ReadAll(path);
  WriteAll(path, bytes.substr(0, bytes.size() - 3));
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find(path), std::string::npos);
  EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.ToString();
}

TEST(ModelFile, HeaderOnlyFileIsCorruption) {
  const std::string path = WriteSample();
  WriteAll(path, ReadAll(path).substr(0, 10));
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("truncated"), std::string::npos) << st.ToString();
}

TEST(ModelFile, OtherVersionIsUnsupported) {
  const std::string path = WriteSample();
  std::string bytes = ReadAll(path);
  bytes[8] = static_cast<char>(kModelFormatVersion + 1);
  WriteAll(path, bytes);
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  EXPECT_NE(st.message().find(path), std::string::npos);
  EXPECT_NE(st.message().find("version"), std::string::npos) << st.ToString();
}

TEST(ModelFile, NewerVersionSaysSo) {
  // What a build says of a file from a later build: the file's version, the versions it reads,
  // and what to do.
  const std::string path = testutil::TempDir() + "/newer.bin";
  ASSERT_OK(WriteModelFile(path, kMagic, "payload", kModelFormatVersion + 1));
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  const std::string expected =
      path + ": byte 8: model format version " + std::to_string(kModelFormatVersion + 1) +
      " is newer than this build reads (versions " + std::to_string(kOldestModelFormatVersion) +
      " to " + std::to_string(kModelFormatVersion) + ")";
  EXPECT_NE(st.message().find(expected), std::string::npos) << st.ToString();
}

TEST(ModelFile, OlderVersionSaysSo) {
  const std::string path = testutil::TempDir() + "/older.bin";
  ASSERT_OK(WriteModelFile(path, kMagic, "payload", kOldestModelFormatVersion - 1));
  std::string payload;
  Status st = ReadModelFile(path, kMagic, &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kUnsupported);
  EXPECT_NE(st.message().find("is older than this build reads"), std::string::npos)
      << st.ToString();
}

TEST(ModelFile, EveryVersionInRangeIsRead) {
  for (uint32_t v = kOldestModelFormatVersion; v <= kModelFormatVersion; ++v) {
    const std::string path = testutil::TempDir() + "/v.bin";
    ASSERT_OK(WriteModelFile(path, kMagic, "payload", v));
    std::string payload;
    uint32_t version = 0;
    ASSERT_OK(ReadModelFile(path, kMagic, &payload, &version));
    EXPECT_EQ(version, v);
    EXPECT_EQ(payload, "payload");
  }
}

TEST(ModelFile, WrongMagicIsRefused) {
  const std::string path = WriteSample();
  std::string payload;
  Status st = ReadModelFile(path, "WCOTHER!", &payload);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("magic"), std::string::npos) << st.ToString();
}

TEST(ModelFile, MissingFileIsNotFound) {
  std::string payload;
  Status st = ReadModelFile(testutil::TempDir() + "/absent.bin", kMagic, &payload);
  EXPECT_EQ(st.code(), Status::Code::kNotFound);
}

TEST(ByteReader, ReadPastEndNamesFileAndOffset) {
  ByteWriter w;
  w.U32(1);
  ByteReader r(w.bytes(), "m.bin");
  uint64_t v;
  Status st = r.U64("weight count", &v);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("m.bin: payload byte 0"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("weight count"), std::string::npos);
}

}  // namespace
}  // namespace whipcount::syntax
