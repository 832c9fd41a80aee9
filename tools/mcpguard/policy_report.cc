#include "policy_report.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "policy/loader.h"
#include "terminal_text.h"

namespace mcpguard::cli {
namespace {

std::string Count(int n, const char* noun) {
  return absl::StrCat(n, " ", noun, n == 1 ? "" : "s");
}

}  // namespace

PolicyReport LoadAndReportPolicy(const std::string& path, std::ostream& err,
                                 std::string* bytes) {
  PolicyReport report;
  std::vector<Diagnostic> diagnostics;
  // As LoadPolicyFile, keeping the bytes compiled.
  absl::StatusOr<std::string> text = internal::ReadPolicyFile(path);
  absl::StatusOr<std::shared_ptr<const CompiledPolicy>> policy =
      text.ok() ? internal::CompilePolicyFileBytes(path, *text, &diagnostics)
                : absl::StatusOr<std::shared_ptr<const CompiledPolicy>>(text.status());
  if (text.ok() && bytes != nullptr) *bytes = *std::move(text);
  for (const Diagnostic& d : diagnostics) {
    // Policy text (a rule id, a pattern) reaches the terminal escaped.
    err << TerminalSafe(d.ToString()) << "\n";
    switch (d.severity) {
      case Diagnostic::Severity::kError: ++report.errors; break;
      case Diagnostic::Severity::kWarning: ++report.warnings; break;
      case Diagnostic::Severity::kNote: ++report.notes; break;
    }
  }
  if (!policy.ok()) {
    // Diagnostics already say why; a status alone (unreadable file) does not.
    if (report.errors == 0) {
      err << TerminalSafe(std::string(policy.status().message())) << "\n";
      report.errors = 1;
    }
    return report;
  }
  if (*policy == nullptr) {  // Not expected from the library; never trust it.
    err << path << ": error: the loader returned no policy\n";
    report.errors = std::max(report.errors, 1);
    return report;
  }
  report.policy = *std::move(policy);
  return report;
}

std::string DescribePolicyReport(const PolicyReport& report) {
  if (report.policy == nullptr) {
    std::string out =
        absl::StrCat(Count(report.errors, "error"), ", ", Count(report.warnings, "warning"));
    if (report.notes > 0) absl::StrAppend(&out, ", ", Count(report.notes, "note"));
    return out;
  }
  std::string_view hash = report.policy->hash();
  int rules = static_cast<int>(report.policy->rule_count());
  std::string out = absl::StrCat("ok (", Count(rules, "rule"), ", sha256 ",
                                 absl::string_view(hash.data(), hash.size()));
  if (report.warnings > 0) absl::StrAppend(&out, ", ", Count(report.warnings, "warning"));
  if (report.notes > 0) absl::StrAppend(&out, ", ", Count(report.notes, "note"));
  out += ")";
  return out;
}

}  // namespace mcpguard::cli
