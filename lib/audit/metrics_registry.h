// The counters and histograms behind AuditLog::metrics: updated by the audit
// thread from the events it writes, read as snapshots from any thread.
//
// Design note: updating from the audit thread keeps Check free of shared
// counters (no cache line bouncing between checking threads). Label values
// come from messages (tool names, methods), so each family holds at most
// kMaxSeries series; later label sets count under "_other_".
#ifndef MCPGUARD_AUDIT_METRICS_REGISTRY_H_
#define MCPGUARD_AUDIT_METRICS_REGISTRY_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "audit/audit_record.h"
#include "mcpguard/metrics.h"

namespace mcpguard::internal {

class MetricsRegistry {
 public:
  static constexpr size_t kMaxSeries = 1000;

  MetricsRegistry();

  // One event written (or lost, for the counts of the audit itself).
  void Observe(const AuditRecord& record);
  void CountDropped(uint64_t events);
  void CountSinkError();

  MetricsSnapshot Snapshot() const;

 private:
  struct Family {
    MetricFamily meta;  // Without series.
    absl::flat_hash_map<std::string, MetricSeries> series;  // By joined label values.
  };
  // Families, in the order Snapshot lists them.
  enum Index : size_t {
    kMessages,
    kToolMessages,
    kRuleDecisions,
    kFindings,
    kEvents,
    kCheckDuration,
    kToolCheckDuration,
    kDropped,
    kSinkErrors,
    kFamilyCount,
  };
  // The series of `label_values` in `family`, created on first use. A
  // series that exists is found without allocating: its key is joined into
  // key_ (kept between calls) and looked up as a view.
  MetricSeries& SeriesOf(Index family, std::initializer_list<absl::string_view> label_values)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ObserveDuration(MetricSeries& series, const Family& family, double seconds);

  mutable std::mutex mu_;
  std::vector<Family> families_ ABSL_GUARDED_BY(mu_);
  std::string key_ ABSL_GUARDED_BY(mu_);  // SeriesOf's scratch.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_METRICS_REGISTRY_H_
