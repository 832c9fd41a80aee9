#include "audit/packed_record.h"

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

AuditRecord FullRecord(uint32_t seed) {
  std::mt19937 random(seed);
  auto text = [&random](const char* stem) {
    // Sometimes empty, sometimes long enough to leave the slot's inline
    // bytes, sometimes with NUL and non-ASCII bytes.
    switch (random() % 4) {
      case 0: return std::string();
      case 1: return std::string(PackedBytes::kInlineBytes + random() % 500, 'x');
      case 2: return absl::StrCat(stem, std::string("\0\xC3\xA9", 3));
      default: return absl::StrCat(stem, random());
    }
  };
  AuditRecord r;
  r.kind = static_cast<AuditKind>(1 + random() % 8);
  r.fail_closed = random() % 2;
  r.time_unix_ns = static_cast<int64_t>(random()) * 1000003;
  r.duration_ns = random();
  r.session_id = text("session");
  r.subject = text("alice");
  for (uint32_t i = random() % 3; i > 0; --i) {
    r.claims.emplace_back(text("claim"), std::vector<std::string>{text("v1"), text("v2")});
  }
  r.server_id = text("fs");
  r.policy_name = text("policy");
  r.policy_hash = std::string(64, 'a');
  r.has_direction = random() % 2;
  r.direction = random() % 2 ? Direction::kToServer : Direction::kToClient;
  r.jsonrpc_id = text("id");
  r.method = text("tools/call");
  r.name_field = static_cast<AuditName>(random() % 4);
  r.name = text("read_file");
  r.decision = static_cast<Decision>(random() % 4);
  r.policy_decision = static_cast<Decision>(random() % 4);
  r.audit_mode = random() % 2;
  r.rule_id = text("rule");
  r.reason = text("because");
  r.error_code = -static_cast<int>(random() % 40000);
  for (uint32_t i = random() % 3; i > 0; --i) {
    Finding f;
    f.category = text("secret");
    f.detector = text("secrets");
    f.pointer = text("/params/arguments/key");
    f.offset = random();
    f.length = random();
    f.reason = text("an AWS key");
    f.score = 0.25 * (random() % 5);
    r.findings.push_back(f);
  }
  for (uint32_t i = random() % 3; i > 0; --i) r.notes.push_back(text("note"));
  r.retry_after_ms = random();
  r.evicted = random() % 2;
  r.message_size = random();
  r.arguments = static_cast<AuditArguments>(random() % 3);
  r.arguments_source = text("{\"a\":1}");
  r.arguments_only = random() % 2;
  r.previous_policy_hash = text("old");
  for (uint32_t i = random() % 3; i > 0; --i) r.diagnostics.push_back(text("p.textproto:1:2"));
  return r;
}

void ExpectSame(const AuditRecord& a, const AuditRecord& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.fail_closed, b.fail_closed);
  EXPECT_EQ(a.time_unix_ns, b.time_unix_ns);
  EXPECT_EQ(a.duration_ns, b.duration_ns);
  EXPECT_EQ(a.session_id, b.session_id);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.claims, b.claims);
  EXPECT_EQ(a.server_id, b.server_id);
  EXPECT_EQ(a.policy_name, b.policy_name);
  EXPECT_EQ(a.policy_hash, b.policy_hash);
  EXPECT_EQ(a.has_direction, b.has_direction);
  EXPECT_EQ(a.direction, b.direction);
  EXPECT_EQ(a.jsonrpc_id, b.jsonrpc_id);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.name_field, b.name_field);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.decision, b.decision);
  EXPECT_EQ(a.policy_decision, b.policy_decision);
  EXPECT_EQ(a.audit_mode, b.audit_mode);
  EXPECT_EQ(a.rule_id, b.rule_id);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.error_code, b.error_code);
  ASSERT_EQ(a.findings.size(), b.findings.size());
  for (size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].category, b.findings[i].category);
    EXPECT_EQ(a.findings[i].detector, b.findings[i].detector);
    EXPECT_EQ(a.findings[i].pointer, b.findings[i].pointer);
    EXPECT_EQ(a.findings[i].offset, b.findings[i].offset);
    EXPECT_EQ(a.findings[i].length, b.findings[i].length);
    EXPECT_EQ(a.findings[i].reason, b.findings[i].reason);
    EXPECT_EQ(a.findings[i].score, b.findings[i].score);
  }
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_EQ(a.retry_after_ms, b.retry_after_ms);
  EXPECT_EQ(a.evicted, b.evicted);
  EXPECT_EQ(a.message_size, b.message_size);
  EXPECT_EQ(a.arguments, b.arguments);
  EXPECT_EQ(a.arguments_source, b.arguments_source);
  EXPECT_EQ(a.arguments_only, b.arguments_only);
  EXPECT_EQ(a.previous_policy_hash, b.previous_policy_hash);
  EXPECT_EQ(a.diagnostics, b.diagnostics);
}

TEST(PackedRecord, EveryFieldSurvivesPackingIntoAReusedSlot) {
  // One slot and one unpacked record reused throughout, as the queue and
  // the audit thread reuse theirs: nothing of an earlier record may leak
  // into a later one.
  PackedRecord slot;
  AuditRecord unpacked;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(seed);
    const AuditRecord record = FullRecord(seed);
    PackRecord(record, nullptr, &slot);
    ASSERT_TRUE(UnpackRecord(slot, &unpacked));
    ExpectSame(record, unpacked);
  }
}

TEST(PackedRecord, AContextSuppliesTheSessionAndPolicyTexts) {
  AuditContext context;
  context.session_id = "session-42";
  context.subject = "alice";
  context.claims = {{"tenant", {"acme"}}};
  context.server_id = "fs";
  context.policy_name = "p";
  context.policy_hash = std::string(64, 'b');
  AuditRecord record = FullRecord(7);
  PackedRecord slot;
  PackRecord(record, &context, &slot);
  AuditRecord unpacked;
  ASSERT_TRUE(UnpackRecord(slot, &unpacked));
  record.session_id = context.session_id;
  record.subject = context.subject;
  record.claims = context.claims;
  record.server_id = context.server_id;
  record.policy_name = context.policy_name;
  record.policy_hash = context.policy_hash;
  ExpectSame(record, unpacked);
}

TEST(PackedRecord, BytesThatDoNotMatchTheHeaderAreRefused) {
  AuditRecord record = FullRecord(3);
  record.notes = {"a", "b"};
  PackedRecord slot;
  PackRecord(record, nullptr, &slot);
  AuditRecord unpacked;
  slot.header.notes = 3;  // One note more than was written.
  EXPECT_FALSE(UnpackRecord(slot, &unpacked));
  slot.header.notes = 1;  // One fewer: bytes left over.
  EXPECT_FALSE(UnpackRecord(slot, &unpacked));
  slot.header.notes = 1u << 30;  // Absurd: refused before allocating.
  EXPECT_FALSE(UnpackRecord(slot, &unpacked));
}

TEST(PackedBytes, GrowsPastItsInlineRoomAndKeepsWhatWasWritten) {
  PackedBytes bytes;
  bytes.clear();
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    const std::string piece = absl::StrCat(i, ";");
    char* at = bytes.Extend(piece.size());
    std::copy(piece.begin(), piece.end(), at);
    expected += piece;
    ASSERT_EQ(bytes.view(), expected);
  }
  EXPECT_GT(bytes.size(), PackedBytes::kInlineBytes);
  // Cleared, it starts again inline.
  bytes.clear();
  std::copy_n("xy", 2, bytes.Extend(2));
  EXPECT_EQ(bytes.view(), "xy");
}

}  // namespace
}  // namespace mcpguard::internal
