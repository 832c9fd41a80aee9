#include "integrity/pin_file.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

using testing::HasSubstr;

const std::string kA(64, 'a');
const std::string kB(64, 'b');

TEST(PinFile, FormatsSortedOnePinPerLineAndReadsItBack) {
  const std::string text = FormatPinFile({{"srv", "z", kA}, {"", "x", kB}, {"srv", "a", kB}});
  EXPECT_EQ(text, "{\"format\":\"mcpguard-pins-v1\",\"pins\":[\n"
                  "{\"server\":\"\",\"tool\":\"x\",\"sha256\":\"" + kB + "\"},\n"
                  "{\"server\":\"srv\",\"tool\":\"a\",\"sha256\":\"" + kB + "\"},\n"
                  "{\"server\":\"srv\",\"tool\":\"z\",\"sha256\":\"" + kA + "\"}]}\n");
  std::vector<PinEntry> pins;
  ASSERT_TRUE(ParsePinFile(text, "pins.json", &pins).ok());
  ASSERT_EQ(pins.size(), 3u);
  EXPECT_EQ(pins[2].server, "srv");
  EXPECT_EQ(pins[2].tool, "z");
  EXPECT_EQ(pins[2].sha256, kA);
}

TEST(PinFile, NamesWithQuotesAndControlsRoundTrip) {
  const std::string odd = "a\"b\\c\n\x01";
  std::vector<PinEntry> pins;
  ASSERT_TRUE(ParsePinFile(FormatPinFile({{odd, odd, kA}}), "p", &pins).ok());
  ASSERT_EQ(pins.size(), 1u);
  EXPECT_EQ(pins[0].server, odd);
  EXPECT_EQ(pins[0].tool, odd);
}

TEST(PinFile, AnEmptyListIsValid) {
  std::vector<PinEntry> pins = {{"x", "y", kA}};
  ASSERT_TRUE(ParsePinFile(FormatPinFile({}), "p", &pins).ok());
  EXPECT_TRUE(pins.empty());
}

struct BadFile {
  const char* name;
  std::string text;
  const char* message;
};

class PinFileErrorTest : public testing::TestWithParam<BadFile> {};

TEST_P(PinFileErrorTest, IsRefusedWithThePlace) {
  std::vector<PinEntry> pins;
  const absl::Status status = ParsePinFile(GetParam().text, "pins.json", &pins);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr(GetParam().message));
  EXPECT_THAT(std::string(status.message()), HasSubstr("pins.json: "));
}

const std::string kPin = R"({"server":"s","tool":"t","sha256":")" + kA + R"("})";

INSTANTIATE_TEST_SUITE_P(
    All, PinFileErrorTest,
    testing::Values(
        BadFile{"Empty", "", "not a pin file"},
        BadFile{"Truncated", R"({"format":"mcpguard-pins-v1","pins":[)" + kPin, "not a pin file"},
        BadFile{"NotAnObject", "[]", "/: must be an object"},
        BadFile{"WrongFormat", R"({"format":"other","pins":[]})", "/format: must be"},
        BadFile{"NoFormat", R"({"pins":[]})", "/format: must be"},
        BadFile{"UnknownTopMember", R"({"format":"mcpguard-pins-v1","pins":[],"x":1})", "/x: unknown member"},
        BadFile{"PinsNotArray", R"({"format":"mcpguard-pins-v1","pins":{}})", "/pins: must be an array"},
        BadFile{"PinNotObject", R"({"format":"mcpguard-pins-v1","pins":[1]})", "/pins/0: must be an object"},
        BadFile{"MissingDigest", R"({"format":"mcpguard-pins-v1","pins":[{"server":"s","tool":"t"}]})", "/pins/0: needs"},
        BadFile{"UnknownPinMember", R"({"format":"mcpguard-pins-v1","pins":[{"server":"s","tool":"t","sha":"x"}]})", "/pins/0/sha: unknown member"},
        BadFile{"NumberDigest", R"({"format":"mcpguard-pins-v1","pins":[{"server":"s","tool":"t","sha256":1}]})", "/pins/0/sha256: must be a string"},
        BadFile{"ShortDigest", R"({"format":"mcpguard-pins-v1","pins":[{"server":"s","tool":"t","sha256":"abc"}]})", "/pins/0/sha256: must be 64 lowercase hex"},
        BadFile{"EmptyTool", R"({"format":"mcpguard-pins-v1","pins":[{"server":"s","tool":"","sha256":")" + kA + R"("}]})", "/pins/0/tool: must not be empty"},
        BadFile{"TwicePinned", R"({"format":"mcpguard-pins-v1","pins":[)" + kPin + "," + kPin + "]}", "/pins/1: pins a tool already pinned"},
        BadFile{"DuplicateKey", R"({"format":"mcpguard-pins-v1","format":"mcpguard-pins-v1","pins":[]})", "duplicate key"}),
    [](const testing::TestParamInfo<BadFile>& param) { return std::string(param.param.name); });

}  // namespace
}  // namespace mcpguard::internal
