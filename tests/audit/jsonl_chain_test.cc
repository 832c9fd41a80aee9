// The JSON Lines sink's hash chain and `VerifyAuditChain`: every kind of
// tampering is caught at the first broken link.
#include <sys/stat.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "audit/audit_file_testing.h"
#include "audit/audit_head.h"
#include "audit/chain_verifier.h"
#include "audit/hash_chain.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "support/temp_dir.h"

namespace mcpguard::internal {
namespace {

using test_support::MustOpenSink;
using test_support::ReadLines;
using test_support::TempDir;
using test_support::TestEvent;
using test_support::WriteLines;
using testing::HasSubstr;

class JsonlChainTest : public testing::Test {
 protected:
  // Writes events [first, first + count) and flushes (head included).
  void WriteEvents(int first, int count, JsonLinesSinkOptions options = {}) {
    if (options.path.empty()) options.path = path_;
    auto sink = MustOpenSink(options);
    ASSERT_NE(sink, nullptr);
    for (int i = first; i < first + count; ++i) ASSERT_TRUE(sink->Write(TestEvent(i)).ok());
    ASSERT_TRUE(sink->Flush().ok());
  }
  ChainReport Verify(const std::vector<std::string>& paths = {}, absl::string_view key = {},
                     const ChainCheck& check = {}) {
    return VerifyAuditChain(paths.empty() ? std::vector<std::string>{path_} : paths, key, check);
  }
  // Rotates every ~1000 bytes; the rotated files oldest first, then the live one.
  std::vector<std::string> WriteRotated(int count, JsonLinesSinkOptions options = {}) {
    options.path = path_;
    options.max_file_bytes = 1000;
    WriteEvents(0, count, options);
    std::vector<std::string> files;
    for (uint64_t first = 0;;) {
      const std::string rotated = absl::StrFormat("%s.%012d", path_, first);
      std::vector<std::string> lines = ReadLines(rotated);
      if (lines.empty()) break;
      files.push_back(rotated);
      first += lines.size();
    }
    files.push_back(path_);
    return files;
  }

  // WriteRotated on a fresh log: the log and its head removed first.
  std::vector<std::string> WriteRotatedAfterReset(int count) {
    std::remove(path_.c_str());
    std::remove(AuditHeadPath(path_).c_str());
    return WriteRotated(count);
  }

  TempDir dir_;
  const std::string path_ = dir_.File("audit.jsonl");
};

TEST(HashChainTest, LineRoundTripsAndLinkCoversPrev) {
  std::string out;
  const std::string hash =
      AppendChainedLine("{\"a\":1}", 7, kChainGenesis, /*key=*/"", &out);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  const std::string line = out.substr(0, out.size() - 1);
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  ASSERT_FALSE(doc.HasParseError()) << line;
  EXPECT_EQ(doc["a"].GetInt(), 1);
  EXPECT_EQ(doc["mcpguard.chain.sequence"].GetUint64(), 7u);
  ChainedLine link;
  std::string problem;
  ASSERT_TRUE(ParseChainedLine(line, &link, &problem)) << problem;
  EXPECT_EQ(link.sequence, 7u);
  EXPECT_EQ(link.prev, kChainGenesis);
  EXPECT_EQ(link.hash, hash);
  EXPECT_EQ(ChainLink("", link.covered), hash);
  EXPECT_THAT(std::string(link.covered), HasSubstr(std::string(kChainGenesis)));
  // A keyed link differs and needs the key.
  std::string keyed;
  EXPECT_NE(AppendChainedLine("{\"a\":1}", 7, kChainGenesis, "k", &keyed), hash);
}

TEST(HashChainTest, EmptyEventObjectGetsNoLeadingComma) {
  std::string out;
  AppendChainedLine("{}", 0, kChainGenesis, "", &out);
  EXPECT_EQ(out.rfind("{\"mcpguard.chain.sequence\":0,", 0), 0u) << out;
  ChainedLine link;
  std::string problem;
  EXPECT_TRUE(ParseChainedLine(out.substr(0, out.size() - 1), &link, &problem)) << problem;
}

TEST(HashChainTest, MalformedLinesAreRejectedWithAReason) {
  ChainedLine link;
  std::string problem;
  EXPECT_FALSE(ParseChainedLine("{\"a\":1}", &link, &problem));
  EXPECT_THAT(problem, HasSubstr("chain members"));
  std::string out;
  AppendChainedLine("{\"a\":1}", 1, kChainGenesis, "", &out);
  std::string line = out.substr(0, out.size() - 1);
  line.replace(line.find("\"mcpguard.chain.prev\":\"") + 25, 1, "X");
  EXPECT_FALSE(ParseChainedLine(line, &link, &problem));
}

TEST_F(JsonlChainTest, IntactLogVerifies) {
  WriteEvents(0, 20);
  ChainReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 20u);
  EXPECT_EQ(report.first_sequence, 0u);
  EXPECT_EQ(report.last_sequence, 19u);
  EXPECT_TRUE(report.warnings.empty()) << report.warnings[0];
}

TEST_F(JsonlChainTest, EditedLineIsCaughtAtThatLine) {
  WriteEvents(0, 10);
  std::vector<std::string> lines = ReadLines(path_);
  const size_t at = lines[4].find("\"n\":4");
  ASSERT_NE(at, std::string::npos);
  lines[4].replace(at, 5, "\"n\":5");
  WriteLines(path_, lines);
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(absl::StrCat(path_, ":5: ")));
  EXPECT_THAT(report.problem, HasSubstr("edited"));
}

TEST_F(JsonlChainTest, EditRecomputingTheLinesOwnHashBreaksTheNextLink) {
  WriteEvents(0, 10);
  std::vector<std::string> lines = ReadLines(path_);
  ChainedLine link;
  std::string problem;
  ASSERT_TRUE(ParseChainedLine(lines[3], &link, &problem));
  // Rewrite event 3 and give it a valid hash of its own: the forger
  // without the key can do that much.
  std::string forged;
  AppendChainedLine(TestEvent(333), 3, link.prev, "", &forged);
  lines[3] = forged.substr(0, forged.size() - 1);
  WriteLines(path_, lines);
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(":5: its prev does not match"));
}

TEST_F(JsonlChainTest, DeletedLineIsCaught) {
  WriteEvents(0, 10);
  std::vector<std::string> lines = ReadLines(path_);
  lines.erase(lines.begin() + 6);
  WriteLines(path_, lines);
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(":7: its prev does not match"));
}

TEST_F(JsonlChainTest, ReorderedLinesAreCaught) {
  WriteEvents(0, 10);
  std::vector<std::string> lines = ReadLines(path_);
  std::swap(lines[2], lines[3]);
  WriteLines(path_, lines);
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(":3: its prev does not match"));
}

TEST_F(JsonlChainTest, TruncatedLogIsCaughtByTheHead) {
  WriteEvents(0, 10);
  std::vector<std::string> lines = ReadLines(path_);
  lines.resize(7);
  WriteLines(path_, lines);
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("truncated: the head file says 10 events"));
  // Without the head the cut is invisible, so a missing head is a failure,
  // unless the check is told to do without it.
  ASSERT_EQ(std::remove(AuditHeadPath(path_).c_str()), 0);
  report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("audit.jsonl.head: missing"));
  ChainCheck no_head;
  no_head.head = false;
  report = Verify({}, {}, no_head);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 7u);
}

// Found by an adversarial review: the cut was caught until the writer
// restarted, continued the chain over it and wrote a new head.
TEST_F(JsonlChainTest, ReopeningACutLogFailsInsteadOfHidingTheCut) {
  JsonLinesSinkOptions options;
  options.hmac_key = "s3cret-key";
  WriteEvents(0, 11, options);
  std::vector<std::string> lines = ReadLines(path_);
  lines.resize(7);
  WriteLines(path_, lines);
  options.path = path_;
  auto sink = OpenJsonLinesSink(options);
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(sink.status().message()),
              HasSubstr("ends with sequence 6 but its head file says 11 events"));
  // The log is as the attacker left it, and still reported broken.
  EXPECT_THAT(Verify({}, "s3cret-key").problem, HasSubstr("truncated"));
}

TEST_F(JsonlChainTest, ReopeningWhenTheHeadRecordsAnotherLastEventFails) {
  WriteEvents(0, 5);
  // The last line replaced by a well-formed event of another chain at the
  // same sequence: its own hash verifies, the head's does not match it.
  std::vector<std::string> lines = ReadLines(path_);
  std::string other;
  AppendChainedLine(TestEvent(77), 4, kChainGenesis, "", &other);
  lines.back() = other.substr(0, other.size() - 1);
  WriteLines(path_, lines);
  JsonLinesSinkOptions options;
  options.path = path_;
  auto sink = OpenJsonLinesSink(options);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(std::string(sink.status().message()),
              HasSubstr("not the event the head file records"));
}

TEST_F(JsonlChainTest, ReopeningAnEmptiedLogWithoutItsHeadFails) {
  std::vector<std::string> files = WriteRotated(40);
  ASSERT_GE(files.size(), 3u);
  WriteLines(path_, {});
  ASSERT_EQ(std::remove(AuditHeadPath(path_).c_str()), 0);
  JsonLinesSinkOptions options;
  options.path = path_;
  auto sink = OpenJsonLinesSink(options);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(std::string(sink.status().message()),
              HasSubstr("empty, with no head file, but rotated files exist"));
}

TEST_F(JsonlChainTest, TornLastLineIsCaught) {
  WriteEvents(0, 3);
  std::string all = test_support::ReadAll(path_);
  all.resize(all.size() - 10);
  WriteLines(path_, {});
  {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    std::fwrite(all.data(), 1, all.size(), f);
    std::fclose(f);
  }
  ChainReport report = Verify();
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(":3: the last line has no newline"));
  // And the sink refuses to continue a chain over it.
  JsonLinesSinkOptions options;
  options.path = path_;
  auto sink = OpenJsonLinesSink(options);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(std::string(sink.status().message()), HasSubstr("no newline"));
}

TEST_F(JsonlChainTest, ReopeningContinuesTheChain) {
  WriteEvents(0, 5);
  WriteEvents(5, 5);  // A restart.
  ChainReport report = Verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 10u);
  EXPECT_EQ(report.last_sequence, 9u);
}

TEST_F(JsonlChainTest, ReopeningOverAnEditedLastLineFails) {
  WriteEvents(0, 5);
  std::vector<std::string> lines = ReadLines(path_);
  lines.back().replace(lines.back().find("\"n\":4"), 5, "\"n\":9");
  WriteLines(path_, lines);
  JsonLinesSinkOptions options;
  options.path = path_;
  auto sink = OpenJsonLinesSink(options);
  ASSERT_FALSE(sink.ok());
  EXPECT_THAT(std::string(sink.status().message()), HasSubstr("does not verify"));
}

TEST_F(JsonlChainTest, KeyedChainNeedsTheKey) {
  JsonLinesSinkOptions options;
  options.hmac_key = "s3cret-key";
  WriteEvents(0, 5, options);
  EXPECT_TRUE(Verify({}, "s3cret-key").ok);
  ChainReport wrong = Verify({}, "other-key");
  EXPECT_FALSE(wrong.ok);
  EXPECT_THAT(wrong.problem, HasSubstr("key"));
  // A forger without the key cannot rebuild the chain after an edit.
  std::vector<std::string> lines = ReadLines(path_);
  std::string prev(kChainGenesis);
  std::vector<std::string> forged;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string out;
    prev = AppendChainedLine(TestEvent(i == 2 ? 99 : static_cast<int>(i)), i, prev, "", &out);
    forged.push_back(out.substr(0, out.size() - 1));
  }
  WriteLines(path_, forged);
  ChainReport report = Verify({}, "s3cret-key");
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr(":1: "));
}

TEST_F(JsonlChainTest, RotationKeepsTheChainAcrossFiles) {
  JsonLinesSinkOptions options;
  options.path = path_;
  options.max_file_bytes = 1000;  // A few lines per file.
  WriteEvents(0, 40, options);
  std::vector<std::string> files;
  for (uint64_t first = 0;;) {
    const std::string rotated = absl::StrFormat("%s.%012d", path_, first);
    std::vector<std::string> lines = ReadLines(rotated);
    if (lines.empty()) break;
    files.push_back(rotated);
    first += lines.size();
  }
  ASSERT_GE(files.size(), 3u);
  files.push_back(path_);
  ChainReport report = Verify(files);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 40u);
  for (const std::string& file : files) {
    EXPECT_LE(test_support::ReadAll(file).size(), 1000u) << file;
  }
  // The last two files alone: the first events are missing, which only
  // retention excuses.
  std::vector<std::string> tail(files.end() - 2, files.end());
  report = Verify(tail);
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("its first events are missing"));
  ChainCheck partial;
  partial.from_start = false;
  report = Verify(tail, {}, partial);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_THAT(report.warnings, testing::Contains(HasSubstr("not checked")));
  // A rotated file missing from the middle: the link across the gap breaks.
  std::vector<std::string> gap = files;
  gap.erase(gap.begin() + 1);
  EXPECT_FALSE(Verify(gap).ok);
}

// The head file cannot show a rollback: the log and its head replaced
// together by an older pair verify clean. An anchor the sink handed out
// (on_head), kept elsewhere, catches it.
TEST_F(JsonlChainTest, AnchorsFromTheSinkCatchARollback) {
  std::vector<ChainAnchor> anchors;
  JsonLinesSinkOptions options;
  options.hmac_key = "s3cret-key";
  options.on_head = [&](uint64_t sequence, std::string_view hash) {
    anchors.push_back({sequence, std::string(hash)});
  };
  WriteEvents(0, 5, options);
  ASSERT_EQ(anchors.size(), 1u);
  EXPECT_EQ(anchors[0].sequence, 4u);
  const std::string older_log = test_support::ReadAll(path_);
  const std::string older_head = test_support::ReadAll(AuditHeadPath(path_));
  WriteEvents(5, 3, options);
  ASSERT_EQ(anchors.size(), 2u);
  EXPECT_EQ(anchors[1].sequence, 7u);
  // The anchors are the log's own events.
  ChainCheck check;
  check.anchors = anchors;
  ChainReport report = Verify({}, "s3cret-key", check);
  ASSERT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.anchors_matched, 2u);
  EXPECT_EQ(report.last_hash, anchors[1].hash);
  // Rolled back: the older pair verifies on its own...
  {
    FILE* log = std::fopen(path_.c_str(), "w");
    std::fputs(older_log.c_str(), log);
    std::fclose(log);
    FILE* head = std::fopen(AuditHeadPath(path_).c_str(), "w");
    std::fputs(older_head.c_str(), head);
    std::fclose(head);
  }
  EXPECT_TRUE(Verify({}, "s3cret-key").ok);
  // ...but not against the later anchor.
  report = Verify({}, "s3cret-key", check);
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("the anchor at sequence 7 is past the log's end (last "
                                        "sequence 4): the log was rolled back or cut"));
}

TEST_F(JsonlChainTest, AnAnchorCatchesAnotherChainAndMustBeInTheFilesGiven) {
  WriteEvents(0, 6);
  const std::vector<std::string> lines = ReadLines(path_);
  ChainedLine link;
  std::string problem;
  ASSERT_TRUE(ParseChainedLine(lines[3], &link, &problem)) << problem;
  ChainCheck check;
  check.anchors.push_back({3, std::string(link.hash)});
  EXPECT_TRUE(Verify({}, {}, check).ok);
  // Another whole chain of the same length (same key, here none) in its
  // place: its event 3 is not the anchored one.
  std::remove(path_.c_str());
  std::remove(AuditHeadPath(path_).c_str());
  WriteEvents(100, 6);
  ChainReport report = Verify({}, {}, check);
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("audit.jsonl:4: differs from the anchor recorded for "
                                        "sequence 3 (the log was replaced by another chain)"));
  // An anchor before the first file given cannot be checked: that fails
  // too, naming what to add.
  std::vector<std::string> files = WriteRotatedAfterReset(40);
  ASSERT_GE(files.size(), 3u);
  const std::vector<std::string> tail(files.end() - 1, files.end());
  ChainCheck early;
  early.from_start = false;
  early.anchors.push_back({0, std::string(64, '0')});
  report = Verify(tail, {}, early);
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("after the anchor at sequence 0 (give the rotated files "
                                        "that hold it)"));
}

TEST_F(JsonlChainTest, RenamedRotatedFileIsCaught) {
  std::vector<std::string> files = WriteRotated(40);
  ASSERT_GE(files.size(), 3u);
  // The second rotated file renamed to the first one's name, the first gone.
  ASSERT_EQ(std::rename(files[1].c_str(), files[0].c_str()), 0);
  std::vector<std::string> renamed(files.begin() + 1, files.end());
  renamed[0] = files[0];
  ChainCheck partial;
  partial.from_start = false;
  ChainReport report = Verify(renamed, {}, partial);
  EXPECT_FALSE(report.ok);
  EXPECT_THAT(report.problem, HasSubstr("the file's name says its first event is sequence 0"));
}

TEST_F(JsonlChainTest, OnlyRegularFilesAreRead) {
  WriteEvents(0, 3);
  EXPECT_THAT(Verify({dir_.path()}).problem, HasSubstr("not a regular file"));
  const std::string fifo = dir_.File("fifo.jsonl");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ChainCheck no_head;
  no_head.head = false;
  EXPECT_THAT(Verify({fifo}, {}, no_head).problem, HasSubstr("not a regular file"));
  // A FIFO in the head's place: refused, not read (which would block).
  ASSERT_EQ(std::remove(AuditHeadPath(path_).c_str()), 0);
  ASSERT_EQ(mkfifo(AuditHeadPath(path_).c_str(), 0600), 0);
  EXPECT_THAT(Verify().problem, HasSubstr("audit.jsonl.head: not a regular file"));
}

}  // namespace
}  // namespace mcpguard::internal
