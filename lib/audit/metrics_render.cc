// MetricsSnapshot lookups and the Prometheus text format.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "mcpguard/metrics.h"

namespace mcpguard {
namespace {

// Label values escape backslash, double quote and newline; help text
// backslash and newline (exposition format 0.0.4).
std::string Escape(std::string_view text, bool quotes) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
  return out;
}

// The shortest %g form that reads back as `value` ("1e-06", "0.25").
std::string Number(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

// {a="x",b="y"} with `extra` (already formatted, e.g. le="0.001") last;
// empty when there is nothing to put in it.
std::string Labels(const MetricFamily& family, const MetricSeries& series,
                   const std::string& extra = {}) {
  std::string out;
  for (size_t i = 0; i < family.label_names.size() && i < series.label_values.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", family.label_names[i], "=\"",
                    Escape(series.label_values[i], true), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&out, out.empty() ? "" : ",", extra);
  return out.empty() ? out : absl::StrCat("{", out, "}");
}

}  // namespace

const MetricFamily* MetricsSnapshot::Find(std::string_view name) const {
  for (const MetricFamily& family : families) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

uint64_t MetricsSnapshot::Value(std::string_view name,
                                const std::vector<std::string>& label_values) const {
  const MetricFamily* family = Find(name);
  if (family == nullptr) return 0;
  for (const MetricSeries& series : family->series) {
    if (series.label_values == label_values) return series.value;
  }
  return 0;
}

std::string RenderPrometheus(const MetricsSnapshot& snapshot) {
  std::string out;
  for (const MetricFamily& family : snapshot.families) {
    const bool histogram = family.type == MetricFamily::Type::kHistogram;
    absl::StrAppend(&out, "# HELP ", family.name, " ", Escape(family.help, false), "\n",
                    "# TYPE ", family.name, histogram ? " histogram\n" : " counter\n");
    for (const MetricSeries& series : family.series) {
      if (!histogram) {
        absl::StrAppend(&out, family.name, Labels(family, series), " ", series.value, "\n");
        continue;
      }
      for (size_t i = 0; i < family.bucket_bounds.size() && i < series.buckets.size(); ++i) {
        absl::StrAppend(&out, family.name, "_bucket",
                        Labels(family, series,
                               absl::StrCat("le=\"", Number(family.bucket_bounds[i]), "\"")),
                        " ", series.buckets[i], "\n");
      }
      absl::StrAppend(&out, family.name, "_bucket", Labels(family, series, "le=\"+Inf\""), " ",
                      series.value, "\n", family.name, "_sum", Labels(family, series), " ",
                      Number(series.sum_seconds), "\n", family.name, "_count",
                      Labels(family, series), " ", series.value, "\n");
    }
  }
  return out;
}

}  // namespace mcpguard
