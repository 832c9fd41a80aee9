#include "trace_report.h"

#include "absl/strings/str_format.h"

namespace mcpguard::cli {

void PrintTrace(const Verdict& verdict, const std::string& indent, std::ostream& out) {
  for (const TraceStep& step : verdict.trace()) {
    const std::string& rule = step.rule.empty() ? std::string("-") : step.rule;
    // Columns, and no trailing blanks when there is no detail.
    std::string line = absl::StrFormat("%strace: %-28s  %-15s  %s", indent, rule,
                                       TraceOutcomeName(step.outcome), step.detail);
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
}

}  // namespace mcpguard::cli
