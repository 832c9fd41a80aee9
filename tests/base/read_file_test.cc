// ReadRegularFile: the bytes of a regular file, or a precise error; never
// part of a file as if it were whole.
#include "base/read_file.h"

#include <sys/stat.h>

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/temp_dir.h"

namespace mcpguard::internal {
namespace {

using test_support::TempDir;
using testing::HasSubstr;

TEST(ReadRegularFile, ReadsTheWholeFile) {
  TempDir dir;
  const std::string path = dir.File("policy.textproto");
  std::string bytes(200000, 'x');  // Several reads.
  bytes[199999] = '\0';
  std::ofstream(path, std::ios::binary) << bytes;
  absl::StatusOr<std::string> read = ReadRegularFile(path, 1 << 20);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);
  // Exactly at the limit is fine, one byte over is not.
  EXPECT_TRUE(ReadRegularFile(path, bytes.size()).ok());
  absl::StatusOr<std::string> over = ReadRegularFile(path, bytes.size() - 1);
  EXPECT_EQ(over.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(over.status().message(), HasSubstr("larger than 199999 bytes"));
}

TEST(ReadRegularFile, RefusesWhatIsNotARegularFile) {
  TempDir dir;
  EXPECT_EQ(ReadRegularFile(dir.File("missing"), 100).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadRegularFile(dir.path(), 100).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // A FIFO with no writer: refused at once, not waited on.
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(ReadRegularFile(fifo, 100).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReadRegularFile("/dev/zero", 100).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// Found by an adversarial review of the C API: std::ifstream's `<< rdbuf()`
// ends quietly at a read error, so a policy cut short by EIO was compiled
// as if whole (a later DENY rule lost). /proc/self/mem is a regular file
// whose first read fails (EIO: address 0 is not mapped).
TEST(ReadRegularFile, AReadErrorIsDataLossNotAShorterFile) {
  absl::StatusOr<std::string> read = ReadRegularFile("/proc/self/mem", 1 << 20);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << read.status();
  EXPECT_THAT(read.status().message(), HasSubstr("/proc/self/mem: read error after 0 bytes"));
}

}  // namespace
}  // namespace mcpguard::internal
