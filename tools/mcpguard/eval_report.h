// eval's output: one line per checked message, as text or as JSON, and the
// closing summary.
//
// Text:  LINE  DIRECTION  METHOD[ TOOL]  DECISION  rule=ID  REASON
//        (rule=- when no rule decided; in AUDIT mode the reason starts with
//        "audit, policy says deny:"; indented lines follow: each note as
//        "note: ...", each finding as "finding: CATEGORY (DETECTOR) at
//        POINTER, bytes A-B, score S: REASON", a rewritten message as
//        "rewritten: BYTES"; with an explanation, the trace follows, one
//        "trace: RULE  OUTCOME  DETAIL" line per step; trace_report.h).
// JSON:  {"line":7,"direction":"to_server","kind":"request","method":"tools/call",
//         "tool":"read_file","label":"tools/call read_file","decision":"deny","policy_decision":"deny",
//         "audit_only":false,"rule":"deny-path-traversal","reason":"denied by rule",
//         "error_code":-32030,"error_response":{...},"rewritten":null,"notes":[],
//         "findings":[{"detector":"secrets","category":"aws_access_key",
//         "pointer":"/result/content/0/text","offset":12,"length":20,"score":1,
//         "reason":"..."}],"recorded_rules":[],"required_scopes":[],
//         "retry_after_ms":0}
//        ("method"/"tool" are the message's own, null when it has none, as
//        for a response; "label" is the text output's, which names the
//        request a response answers; "rule" null when no rule
//        decided, "error_response" and "rewritten" null when there is none,
//        else the message as an object). Findings never hold the text found.
//        With an explanation, a last member "trace":[{"rule":"deny-etc",
//        "outcome":"matched","detail":"deny"},...] ("rule" null for the
//        default effect).
#ifndef MCPGUARD_TOOLS_EVAL_REPORT_H_
#define MCPGUARD_TOOLS_EVAL_REPORT_H_

#include <ostream>
#include <string>

#include "jsonl_reader.h"
#include "mcpguard/verdict.h"

namespace mcpguard::cli {

void PrintTextVerdict(const SessionLine& line, const std::string& label, const Verdict& verdict,
                      std::ostream& out);

// `explain`: add the "trace" member (Verdict::trace).
void PrintJsonVerdict(const SessionLine& line, const std::string& label, const Verdict& verdict,
                      bool explain, std::ostream& out);

// Counts decisions (what the host must do: in AUDIT mode every message is
// allowed, and the summary also says what the policy would have done).
class EvalTally {
 public:
  void Add(const Verdict& verdict);
  void AddBadLine() { ++bad_lines_; }
  int bad_lines() const { return bad_lines_; }

  // "12 messages: 8 allowed, 3 denied, 1 ask", then, when they apply,
  // "; audit mode: the policy would have denied 3 and asked 1" and
  // "; 1 line could not be read".
  std::string Summary() const;

 private:
  int messages_ = 0;
  int allowed_ = 0;
  int denied_ = 0;
  int asked_ = 0;
  int rewritten_ = 0;
  int audit_messages_ = 0;
  int audit_denied_ = 0;
  int audit_asked_ = 0;
  int bad_lines_ = 0;
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_EVAL_REPORT_H_
