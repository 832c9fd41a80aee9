#include "audit/metrics_registry.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_join.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kOther = "_other_";

MetricFamily Meta(const char* name, const char* help, MetricFamily::Type type,
                  std::vector<std::string> labels) {
  MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  family.label_names = std::move(labels);
  if (type == MetricFamily::Type::kHistogram) {
    family.bucket_bounds = {1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4,
                            2.5e-4, 5e-4, 1e-3, 1e-2, 1e-1, 1, 10};
  }
  return family;
}

const char* DirectionLabel(const AuditRecord& record) {
  if (!record.has_direction) return "";
  return record.direction == Direction::kToServer ? "to_server" : "to_client";
}

}  // namespace

MetricsRegistry::MetricsRegistry() {
  using T = MetricFamily::Type;
  families_.resize(kFamilyCount);
  families_[kMessages].meta =
      Meta("mcpguard_messages_total", "Messages checked, by direction, method and decision.",
           T::kCounter, {"direction", "method", "decision"});
  families_[kToolMessages].meta =
      Meta("mcpguard_tool_messages_total", "Tool calls and their results, by tool and decision.",
           T::kCounter, {"tool", "decision"});
  families_[kRuleDecisions].meta =
      Meta("mcpguard_rule_decisions_total",
           "Messages decided by a rule (or scope requirement, or rate limit), by rule id.",
           T::kCounter, {"rule", "decision"});
  families_[kFindings].meta =
      Meta("mcpguard_findings_total", "Findings of the integrity check and the detectors.",
           T::kCounter, {"detector", "category"});
  families_[kEvents].meta =
      Meta("mcpguard_audit_events_total", "Audit events written, by kind.", T::kCounter, {"kind"});
  families_[kCheckDuration].meta =
      Meta("mcpguard_check_duration_seconds", "Time spent in Session::Check.", T::kHistogram,
           {"method", "decision"});
  families_[kToolCheckDuration].meta =
      Meta("mcpguard_tool_check_duration_seconds",
           "Time spent in Session::Check for tool calls and their results, by tool.",
           T::kHistogram, {"tool"});
  families_[kDropped].meta =
      Meta("mcpguard_audit_dropped_total",
           "Audit events lost: queue full under DROP, a failing sink, or after close.",
           T::kCounter, {});
  families_[kSinkErrors].meta =
      Meta("mcpguard_audit_sink_errors_total", "Writes or flushes a sink refused.", T::kCounter,
           {});
}

MetricSeries& MetricsRegistry::SeriesOf(Index family,
                                        std::initializer_list<absl::string_view> label_values) {
  Family& f = families_[family];
  constexpr absl::string_view kSeparator("\0", 1);
  key_.clear();
  for (const absl::string_view* value = label_values.begin(); value != label_values.end();
       ++value) {
    if (value != label_values.begin()) key_.append(kSeparator.data(), kSeparator.size());
    key_.append(value->data(), value->size());
  }
  auto it = f.series.find(absl::string_view(key_));
  if (it != f.series.end()) return it->second;
  std::vector<std::string> values(label_values.begin(), label_values.end());
  if (f.series.size() >= kMaxSeries) {
    for (std::string& value : values) value = std::string(kOther);
    key_ = absl::StrJoin(values, kSeparator);
    it = f.series.find(absl::string_view(key_));
    if (it != f.series.end()) return it->second;
  }
  MetricSeries series;
  series.label_values = std::move(values);
  series.buckets.assign(f.meta.bucket_bounds.size(), 0);
  return f.series.emplace(key_, std::move(series)).first->second;
}

void MetricsRegistry::ObserveDuration(MetricSeries& series, const Family& family,
                                      double seconds) {
  ++series.value;
  series.sum_seconds += seconds;
  for (size_t i = 0; i < family.meta.bucket_bounds.size(); ++i) {
    if (seconds <= family.meta.bucket_bounds[i]) ++series.buckets[i];
  }
}

void MetricsRegistry::Observe(const AuditRecord& record) {
  std::lock_guard<std::mutex> lock(mu_);
  ++SeriesOf(kEvents, {AuditKindName(record.kind)}).value;
  if (record.kind != AuditKind::kMessage) return;
  const absl::string_view decision = DecisionName(record.decision);
  ++SeriesOf(kMessages, {DirectionLabel(record), record.method, decision}).value;
  const double seconds = static_cast<double>(record.duration_ns) * 1e-9;
  ObserveDuration(SeriesOf(kCheckDuration, {record.method, decision}),
                  families_[kCheckDuration], seconds);
  if (record.name_field == AuditName::kTool) {
    ++SeriesOf(kToolMessages, {record.name, decision}).value;
    ObserveDuration(SeriesOf(kToolCheckDuration, {record.name}), families_[kToolCheckDuration],
                    seconds);
  }
  if (!record.rule_id.empty()) ++SeriesOf(kRuleDecisions, {record.rule_id, decision}).value;
  for (const Finding& finding : record.findings) {
    ++SeriesOf(kFindings, {finding.detector, finding.category}).value;
  }
}

void MetricsRegistry::CountDropped(uint64_t events) {
  std::lock_guard<std::mutex> lock(mu_);
  SeriesOf(kDropped, {}).value += events;
}

void MetricsRegistry::CountSinkError() {
  std::lock_guard<std::mutex> lock(mu_);
  ++SeriesOf(kSinkErrors, {}).value;
}

MetricsSnapshot MetricsRegistry::Snapshot() const {
  MetricsSnapshot snapshot;
  std::lock_guard<std::mutex> lock(mu_);
  for (const Family& f : families_) {
    MetricFamily family = f.meta;
    for (const auto& [key, series] : f.series) family.series.push_back(series);
    std::sort(family.series.begin(), family.series.end(),
              [](const MetricSeries& a, const MetricSeries& b) {
                return a.label_values < b.label_values;
              });
    if (family.label_names.empty() && family.series.empty()) {
      family.series.emplace_back();  // Unlabelled counters read 0, not absent.
    }
    snapshot.families.push_back(std::move(family));
  }
  return snapshot;
}

}  // namespace mcpguard::internal
