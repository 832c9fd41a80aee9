// AuditLog's queue and thread: overflow under DROP and FAIL_CLOSED, sinks
// that block or fail, loss always counted and reported in the next event.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "audit/audit_log_state.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/audit.h"
#include "rapidjson/document.h"
#include "support/holding_sink.h"

namespace mcpguard::internal {
namespace {

using testing::HasSubstr;

using test_support::HoldingSink;

// A tools/call MESSAGE record numbered by its rule id.
AuditRecord Message(int n, bool fail_closed = false) {
  AuditRecord r;
  r.kind = AuditKind::kMessage;
  r.fail_closed = fail_closed;
  r.has_direction = true;
  r.method = "tools/call";
  r.name_field = AuditName::kTool;
  r.name = "read_file";
  r.decision = r.policy_decision = Decision::kAllow;
  r.rule_id = absl::StrCat("r", n);
  r.duration_ns = 3000;
  return r;
}

uint64_t Member(const std::string& event, const char* key) {
  rapidjson::Document doc;
  doc.Parse(event.c_str());
  if (doc.HasParseError() || !doc.HasMember(key)) return 0;
  return doc[key].GetUint64();
}

std::string RuleOf(const std::string& event) {
  rapidjson::Document doc;
  doc.Parse(event.c_str());
  return doc.HasMember("mcpguard.rule.id") ? doc["mcpguard.rule.id"].GetString() : "";
}

class AuditLogTest : public testing::Test {
 protected:
  void Start(size_t capacity) {
    AuditLogOptions options;
    options.sinks.push_back(sink_);
    options.queue_capacity = capacity;
    auto log = AuditLog::Create(options);
    ASSERT_TRUE(log.ok()) << log.status();
    log_ = *std::move(log);
  }
  AuditLogState& state() { return log_->state(); }

  std::shared_ptr<HoldingSink> sink_ = std::make_shared<HoldingSink>();
  std::shared_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, EventsArriveInOrderWithIdsAndMetrics) {
  Start(64);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(state().SubmitRecord(false, Message(i)));
  log_->Flush();
  std::vector<std::string> events = sink_->events();
  ASSERT_EQ(events.size(), 10u);
  std::string previous_id;
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(RuleOf(events[i]), absl::StrCat("r", i));
    rapidjson::Document doc;
    doc.Parse(events[i].c_str());
    const std::string id = doc["log.record.uid"].GetString();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_GT(id, previous_id);
    previous_id = id;
  }
  const AuditStats stats = log_->stats();
  EXPECT_EQ(stats.queued, 10u);
  EXPECT_EQ(stats.written, 10u);
  EXPECT_EQ(stats.dropped, 0u);
  const MetricsSnapshot metrics = log_->metrics();
  EXPECT_EQ(metrics.Value("mcpguard_messages_total", {"to_server", "tools/call", "allow"}), 10u);
  EXPECT_EQ(metrics.Value("mcpguard_tool_messages_total", {"read_file", "allow"}), 10u);
  EXPECT_EQ(metrics.Value("mcpguard_rule_decisions_total", {"r3", "allow"}), 1u);
  EXPECT_EQ(metrics.Value("mcpguard_check_duration_seconds", {"tools/call", "allow"}), 10u);
  EXPECT_EQ(metrics.Value("mcpguard_audit_events_total", {"MESSAGE"}), 10u);
}

TEST_F(AuditLogTest, BlockedSinkNeverBlocksSubmitAndDropsAreReportedNext) {
  Start(4);
  sink_->Block();
  ASSERT_TRUE(state().SubmitRecord(false, Message(0)));
  ASSERT_TRUE(sink_->AwaitWrites(1));  // The audit thread holds event 0 in the sink.
  int queued = 1;
  int dropped = 0;
  for (int i = 1; i < 50; ++i) {
    if (state().SubmitRecord(false, Message(i))) {
      ++queued;
    } else {
      ++dropped;
    }
  }
  // The capacity counts the event being written: event 0 in the sink,
  // three behind it.
  EXPECT_EQ(queued, 4);
  EXPECT_EQ(dropped, 46);
  sink_->Release();
  log_->Flush();
  std::vector<std::string> events = sink_->events();
  ASSERT_EQ(events.size(), 4u);
  uint64_t reported = 0;
  for (const std::string& event : events) reported += Member(event, "mcpguard.audit.dropped");
  EXPECT_EQ(reported, 46u);
  EXPECT_EQ(Member(events[1], "mcpguard.audit.dropped"), 46u);  // The first written after.
  const AuditStats stats = log_->stats();
  EXPECT_EQ(stats.dropped, 46u);
  EXPECT_EQ(stats.refused, 0u);
  EXPECT_EQ(log_->metrics().Value("mcpguard_audit_dropped_total", {}), 46u);
}

TEST_F(AuditLogTest, FailClosedRefusesWhenFull) {
  Start(2);
  sink_->Block();
  ASSERT_TRUE(state().SubmitRecord(true, Message(0, true)));
  ASSERT_TRUE(sink_->AwaitWrites(1));
  EXPECT_TRUE(state().SubmitRecord(true, Message(1, true)));
  EXPECT_FALSE(state().SubmitRecord(true, Message(2, true)));
  EXPECT_EQ(log_->stats().refused, 1u);
  EXPECT_EQ(log_->stats().dropped, 0u);
  sink_->Release();
  log_->Flush();
  EXPECT_EQ(sink_->events().size(), 2u);
}

TEST_F(AuditLogTest, FailingSinkUnderDropLosesCountedEvents) {
  Start(64);
  sink_->FailNext(3);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(state().SubmitRecord(false, Message(i)));
  log_->Flush();
  std::vector<std::string> events = sink_->events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(RuleOf(events[0]), "r3");
  EXPECT_EQ(Member(events[0], "mcpguard.audit.dropped"), 3u);
  EXPECT_EQ(Member(events[1], "mcpguard.audit.dropped"), 0u);
  const AuditStats stats = log_->stats();
  EXPECT_EQ(stats.written, 2u);
  EXPECT_EQ(stats.dropped, 3u);
  EXPECT_EQ(stats.sink_errors, 3u);
  EXPECT_EQ(log_->metrics().Value("mcpguard_audit_sink_errors_total", {}), 3u);
}

TEST_F(AuditLogTest, FailingSinkUnderFailClosedIsRetriedNothingLost) {
  Start(64);
  sink_->FailNext(3);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(state().SubmitRecord(true, Message(i, true)));
  // Retries are 20 ms apart; wait for all five without a timed assertion.
  for (int round = 0; round < 500 && sink_->events().size() < 5; ++round) log_->Flush();
  std::vector<std::string> events = sink_->events();
  ASSERT_EQ(events.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(RuleOf(events[i]), absl::StrCat("r", i));
    EXPECT_EQ(Member(events[i], "mcpguard.audit.dropped"), 0u);
  }
  const AuditStats stats = log_->stats();
  EXPECT_EQ(stats.written, 5u);
  EXPECT_EQ(stats.dropped, 0u);
  EXPECT_EQ(stats.sink_errors, 3u);
}

TEST_F(AuditLogTest, EventsAfterCloseAreCountedNotLost) {
  Start(8);
  ASSERT_TRUE(state().SubmitRecord(false, Message(0)));
  log_->Close();
  EXPECT_EQ(sink_->events().size(), 1u);
  EXPECT_FALSE(state().SubmitRecord(false, Message(1)));
  EXPECT_EQ(log_->stats().dropped, 1u);
  log_->Close();  // Idempotent.
}

TEST(AuditLogCreateTest, RejectsBadOptions) {
  AuditLogOptions null_sink;
  null_sink.sinks.push_back(nullptr);
  EXPECT_FALSE(AuditLog::Create(null_sink).ok());
  AuditLogOptions no_queue;
  no_queue.queue_capacity = 0;
  EXPECT_FALSE(AuditLog::Create(no_queue).ok());
  AuditLogOptions no_interval;
  no_interval.flush_interval = std::chrono::milliseconds(0);
  EXPECT_FALSE(AuditLog::Create(no_interval).ok());
  EXPECT_EQ(NewCallbackSink(nullptr), nullptr);
}

TEST(PrometheusTest, RendersCountersAndHistograms) {
  auto log = AuditLog::Create({});
  ASSERT_TRUE(log.ok());
  AuditRecord r = Message(1);
  r.method = "tools/\"call\"\n";
  r.duration_ns = 2000;  // 2 us
  ASSERT_TRUE((*log)->state().SubmitRecord(false, r));
  (*log)->Flush();
  const std::string text = RenderPrometheus((*log)->metrics());
  EXPECT_THAT(text, HasSubstr("# TYPE mcpguard_messages_total counter\n"));
  EXPECT_THAT(text, HasSubstr(
      "mcpguard_messages_total{direction=\"to_server\",method=\"tools/\\\"call\\\"\\n\","
      "decision=\"allow\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE mcpguard_check_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("le=\"1e-06\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("le=\"2.5e-06\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("le=\"+Inf\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("mcpguard_audit_dropped_total 0\n"));
}

TEST(MetricsRegistryTest, LabelSetsAreBounded) {
  MetricsRegistry registry;
  AuditRecord r;
  r.kind = AuditKind::kMessage;
  r.name_field = AuditName::kTool;
  r.method = "tools/call";
  for (size_t i = 0; i < MetricsRegistry::kMaxSeries + 50; ++i) {
    r.name = absl::StrCat("tool", i);
    registry.Observe(r);
  }
  const MetricsSnapshot snapshot = registry.Snapshot();
  const MetricFamily* tools = snapshot.Find("mcpguard_tool_messages_total");
  ASSERT_NE(tools, nullptr);
  EXPECT_EQ(tools->series.size(), MetricsRegistry::kMaxSeries + 1);
  EXPECT_EQ(snapshot.Value("mcpguard_tool_messages_total", {"_other_", "_other_"}), 50u);
}

}  // namespace
}  // namespace mcpguard::internal
