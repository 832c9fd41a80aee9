// Counters and latency histograms of checked messages, as a snapshot and in
// Prometheus text format (AuditLog::metrics keeps them; docs/audit.md lists
// the families).
#ifndef MCPGUARD_METRICS_H_
#define MCPGUARD_METRICS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mcpguard {

// One time series: a counter's value, or a histogram's buckets.
struct MetricSeries {
  std::vector<std::string> label_values;  // In the family's label_names order.
  uint64_t value = 0;                     // Counter value; histogram count.
  // Histograms: cumulative counts per MetricFamily::bucket_bounds, then
  // the sum of the observations in seconds.
  std::vector<uint64_t> buckets;
  double sum_seconds = 0;
};

struct MetricFamily {
  enum class Type { kCounter, kHistogram };
  std::string name;  // "mcpguard_messages_total", ...
  std::string help;
  Type type = Type::kCounter;
  std::vector<std::string> label_names;
  std::vector<double> bucket_bounds;  // Histograms: upper bounds in seconds.
  std::vector<MetricSeries> series;   // Sorted by label values.
};

struct MetricsSnapshot {
  std::vector<MetricFamily> families;

  // The family named `name`, or null.
  const MetricFamily* Find(std::string_view name) const;
  // A counter's value (a histogram's count) for these label values; 0 when
  // the series does not exist.
  uint64_t Value(std::string_view name, const std::vector<std::string>& label_values) const;
};

// The snapshot in the Prometheus text exposition format (version 0.0.4).
std::string RenderPrometheus(const MetricsSnapshot& snapshot);

}  // namespace mcpguard

#endif  // MCPGUARD_METRICS_H_
