#include "mcpguard/pin_store.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/temp_dir.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

const std::string kA(64, 'a');
const std::string kB(64, 'b');

std::optional<std::string> MustGet(PinStore& store, std::string_view server, std::string_view tool) {
  auto got = store.Get(server, tool);
  EXPECT_TRUE(got.ok()) << got.status();
  return got.ok() ? *got : std::nullopt;
}

TEST(MemoryPinStore, TheFirstPinStays) {
  std::shared_ptr<PinStore> store = NewMemoryPinStore();
  EXPECT_EQ(MustGet(*store, "s", "t"), std::nullopt);
  EXPECT_EQ(*store->PinIfAbsent("s", "t", kA), kA);
  EXPECT_EQ(*store->PinIfAbsent("s", "t", kB), kA);  // Not replaced.
  EXPECT_EQ(MustGet(*store, "s", "t"), kA);
  EXPECT_EQ(MustGet(*store, "other", "t"), std::nullopt);  // Per server.
  EXPECT_EQ(MustGet(*store, "s", "t2"), std::nullopt);
}

TEST(MemoryPinStore, ServerAndToolCannotBleedIntoEachOther) {
  std::shared_ptr<PinStore> store = NewMemoryPinStore();
  ASSERT_TRUE(store->PinIfAbsent("ab", "c", kA).ok());
  EXPECT_EQ(MustGet(*store, "a", "bc"), std::nullopt);
}

TEST(MemoryPinStore, RefusesWhatIsNotADigest) {
  std::shared_ptr<PinStore> store = NewMemoryPinStore();
  EXPECT_EQ(store->PinIfAbsent("s", "t", "ABC").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MustGet(*store, "s", "t"), std::nullopt);
}

// A review listed ever new tools: the store grew without end. Past its
// bound a new pin is an error (so the tool is not trusted), old pins stay.
TEST(MemoryPinStore, IsBoundedAndRefusesPastIt) {
  std::shared_ptr<PinStore> store = NewMemoryPinStore();
  int pinned = 0;
  absl::Status refused;
  for (int i = 0; i < 200000 && refused.ok(); ++i) {
    absl::StatusOr<std::string> pin = store->PinIfAbsent("s", absl::StrCat("tool", i), kA);
    if (pin.ok()) ++pinned; else refused = pin.status();
  }
  EXPECT_EQ(pinned, 100000);
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(*store->PinIfAbsent("s", "tool7", kB), kA);  // Pinned before: still answered.
}

class FilePinStoreTest : public testing::Test {
 protected:
  std::shared_ptr<PinStore> Open() {
    auto store = OpenFilePinStore(path_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *store : nullptr;
  }
  std::string FileText() const {
    std::ifstream in(path_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  test_support::TempDir dir_;
  const std::string path_ = dir_.File("pins.json");
};

// Found by an adversarial review: a pin file others could write kept its
// mode, so anyone on the machine could approve a rug pull. Writing a pin
// takes their write permission away.
TEST_F(FilePinStoreTest, AFileOthersMayWriteIsMadePrivateWhenPinsAreWritten) {
  std::ofstream(path_) << "{\"format\":\"mcpguard-pins-v1\",\"pins\":[]}\n";
  ASSERT_EQ(chmod(path_.c_str(), 0666), 0);
  std::shared_ptr<PinStore> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PinIfAbsent("fs", "read_file", kA).ok());
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(MustGet(*store, "fs", "read_file"), kA);
}

TEST_F(FilePinStoreTest, AMissingFileIsEmptyAndTheFirstPinCreatesItPrivately) {
  std::shared_ptr<PinStore> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(std::filesystem::exists(path_));
  EXPECT_EQ(MustGet(*store, "fs", "read_file"), std::nullopt);
  EXPECT_EQ(*store->PinIfAbsent("fs", "read_file", kA), kA);
  EXPECT_THAT(FileText(), HasSubstr(R"("server":"fs","tool":"read_file","sha256":")" + kA));
  struct stat st;
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(FilePinStoreTest, PinsSurviveARestart) {
  ASSERT_TRUE(Open()->PinIfAbsent("fs", "read_file", kA).ok());
  ASSERT_TRUE(Open()->PinIfAbsent("fs", "write_file", kB).ok());
  std::shared_ptr<PinStore> reopened = Open();
  EXPECT_EQ(MustGet(*reopened, "fs", "read_file"), kA);
  EXPECT_EQ(MustGet(*reopened, "fs", "write_file"), kB);
  EXPECT_EQ(*reopened->PinIfAbsent("fs", "read_file", kB), kA);
}

TEST_F(FilePinStoreTest, TwoStoresOnOneFileLoseNothingAndAgreeOnTheFirstPin) {
  std::shared_ptr<PinStore> first = Open();
  std::shared_ptr<PinStore> second = Open();  // As another process would.
  ASSERT_TRUE(first->PinIfAbsent("fs", "a", kA).ok());
  // The second store has not seen "a": it finds the first store's pin on disk.
  EXPECT_EQ(*second->PinIfAbsent("fs", "a", kB), kA);
  ASSERT_TRUE(second->PinIfAbsent("fs", "b", kB).ok());
  ASSERT_TRUE(first->PinIfAbsent("fs", "c", kA).ok());  // Merges "b" before writing.
  std::shared_ptr<PinStore> third = Open();
  EXPECT_EQ(MustGet(*third, "fs", "a"), kA);
  EXPECT_EQ(MustGet(*third, "fs", "b"), kB);
  EXPECT_EQ(MustGet(*third, "fs", "c"), kA);
}

TEST_F(FilePinStoreTest, ACorruptFileIsAnErrorNeverAnEmptyStore) {
  { std::ofstream(path_) << R"({"format":"mcpguard-pins-v1","pins":[{"server":"fs",)"; }
  auto store = OpenFilePinStore(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(store.status().message()), HasSubstr(path_));
}

TEST_F(FilePinStoreTest, AFileCorruptedAfterOpeningFailsTheNextPin) {
  std::shared_ptr<PinStore> store = Open();
  ASSERT_TRUE(store->PinIfAbsent("fs", "a", kA).ok());
  { std::ofstream(path_) << "garbage"; }
  const auto pinned = store->PinIfAbsent("fs", "b", kB);
  EXPECT_FALSE(pinned.ok());
  EXPECT_EQ(FileText(), "garbage");  // Not overwritten: the damage is left to inspect.
  EXPECT_EQ(MustGet(*store, "fs", "a"), kA);
  EXPECT_EQ(MustGet(*store, "fs", "b"), std::nullopt);
}

TEST_F(FilePinStoreTest, ADirectoryIsNotAPinFile) {
  std::filesystem::create_directories(path_);
  EXPECT_FALSE(OpenFilePinStore(path_).ok());
}

}  // namespace
}  // namespace mcpguard
