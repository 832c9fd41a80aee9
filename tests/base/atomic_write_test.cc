#include "base/atomic_write.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/temp_dir.h"

namespace mcpguard::internal {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

mode_t Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

class AtomicWriteTest : public testing::Test {
 protected:
  std::string Path(const std::string& name) const { return dir_.File(name); }
  // Files in the directory, so a test can see that no temporary file is left.
  int FileCount() const {
    int n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_.path())) ++n;
    return n;
  }

  test_support::TempDir dir_;
};

TEST_F(AtomicWriteTest, MissingFileIsNotFoundWithoutACreateMode) {
  const absl::Status status = ReplaceFileAtomically(Path("absent"), "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_EQ(FileCount(), 0);
}

TEST_F(AtomicWriteTest, CreatesAMissingFileWithTheCreateMode) {
  ASSERT_TRUE(ReplaceFileAtomically(Path("new"), "hello", 0600).ok());
  EXPECT_EQ(Read(Path("new")), "hello");
  EXPECT_EQ(Mode(Path("new")), 0600u);
  EXPECT_EQ(FileCount(), 1);
}

TEST_F(AtomicWriteTest, ReplacingKeepsTheFilesPermissions) {
  { std::ofstream(Path("f")) << "old"; }
  ASSERT_EQ(::chmod(Path("f").c_str(), 0640), 0);
  ASSERT_TRUE(ReplaceFileAtomically(Path("f"), "new", 0600).ok());
  EXPECT_EQ(Read(Path("f")), "new");
  EXPECT_EQ(Mode(Path("f")), 0640u);
  EXPECT_EQ(FileCount(), 1);
}

TEST_F(AtomicWriteTest, ThroughASymlinkTheTargetIsReplaced) {
  { std::ofstream(Path("target")) << "old"; }
  std::filesystem::create_symlink(Path("target"), Path("link"));
  ASSERT_TRUE(ReplaceFileAtomically(Path("link"), "new").ok());
  EXPECT_TRUE(std::filesystem::is_symlink(Path("link")));
  EXPECT_EQ(Read(Path("target")), "new");
}

TEST_F(AtomicWriteTest, ADanglingSymlinkIsNotFollowedIntoANewFile) {
  std::filesystem::create_symlink(Path("nowhere"), Path("link"));
  EXPECT_FALSE(ReplaceFileAtomically(Path("link"), "x", 0600).ok());
  EXPECT_FALSE(std::filesystem::exists(Path("nowhere")));
}

TEST_F(AtomicWriteTest, ATemporaryFileThatCannotBeCreatedIsAnError) {
  // No such directory: the temporary file cannot be made beside the target.
  const absl::Status status = ReplaceFileAtomically(Path("missing/f"), "new", 0600);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(std::string(status.message()), testing::HasSubstr("cannot create a temporary file"));
  EXPECT_EQ(FileCount(), 0);
}

}  // namespace
}  // namespace mcpguard::internal
