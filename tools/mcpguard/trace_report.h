// A verdict's explanation (Verdict::trace, from CheckOptions::explain) as
// text lines, for `eval --explain` and `test`'s failures:
//   INDENTtrace: RULE                          OUTCOME          DETAIL
// (RULE "-" for the default-effect step).
#ifndef MCPGUARD_TOOLS_TRACE_REPORT_H_
#define MCPGUARD_TOOLS_TRACE_REPORT_H_

#include <ostream>
#include <string>

#include "mcpguard/verdict.h"

namespace mcpguard::cli {

// One line per step, each starting with `indent`. Nothing when the trace
// is empty.
void PrintTrace(const Verdict& verdict, const std::string& indent, std::ostream& out);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_TRACE_REPORT_H_
