#include "eval_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "message_shape.h"
#include "rapidjson/document.h"
#include "rapidjson/ostreamwrapper.h"
#include "rapidjson/writer.h"
#include "terminal_text.h"

namespace mcpguard::cli {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

const char* KindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kRequest: return "request";
    case MessageKind::kNotification: return "notification";
    case MessageKind::kResponse: return "response";
    case MessageKind::kUnknown: break;
  }
  return "unknown";
}

void WriteString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void WriteStringOrNull(JsonWriter& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    WriteString(w, s);
  }
}

// A message the guard wrote (an error response, a rewritten message) as a
// JSON object, so consumers need not parse a string inside a string; as a
// string if it somehow is not JSON; null when there is none.
void WriteMessage(JsonWriter& w, std::string_view message) {
  if (message.empty()) {
    w.Null();
    return;
  }
  rapidjson::Document doc;
  doc.Parse<kCliParseFlags>(message.data(), message.size());
  if (doc.HasParseError()) {
    WriteString(w, message);
  } else {
    doc.Accept(w);
  }
}

void WriteFinding(JsonWriter& w, const Finding& finding) {
  w.StartObject();
  w.Key("detector");
  WriteString(w, finding.detector);
  w.Key("category");
  WriteString(w, finding.category);
  w.Key("pointer");
  WriteString(w, finding.pointer);
  w.Key("offset");
  w.Uint64(finding.offset);
  w.Key("length");
  w.Uint64(finding.length);
  w.Key("score");
  w.Double(finding.score);
  w.Key("reason");
  WriteString(w, finding.reason);
  w.EndObject();
}

// "aws_access_key (secrets) at /result/content/0/text, bytes 12-32, score 1:
// REASON"; "bytes" is left out for a finding about the whole value.
std::string DescribeFinding(const Finding& finding) {
  std::string out = absl::StrCat(finding.category, " (", finding.detector, ") at ",
                                 finding.pointer.empty() ? "the message" : finding.pointer);
  if (finding.length > 0) {
    absl::StrAppend(&out, ", bytes ", finding.offset, "-", finding.offset + finding.length);
  }
  absl::StrAppend(&out, ", score ", finding.score, ": ", finding.reason);
  return out;
}

std::string Plural(int n, const char* singular, const char* plural) {
  return absl::StrCat(n, " ", n == 1 ? singular : plural);
}

}  // namespace

void PrintTextVerdict(const SessionLine& line, const std::string& label, const Verdict& verdict,
                      std::ostream& out) {
  std::string_view rule = verdict.rule_id().empty() ? "-" : verdict.rule_id();
  std::string reason(verdict.reason());
  if (verdict.audit_only() && verdict.policy_decision() != verdict.decision()) {
    reason = absl::StrCat("audit, policy says ", DecisionName(verdict.policy_decision()), ": ",
                          reason);
  }
  std::string rule_column = absl::StrCat("rule=", absl::string_view(rule.data(), rule.size()));
  // The label, reason and notes carry the message's own text.
  out << absl::StrFormat("%4d  %-9s  %-36s  %-5s  %-30s  %s\n", line.line,
                         DirectionName(line.direction), TerminalSafe(label),
                         DecisionName(verdict.decision()), TerminalSafe(rule_column),
                         TerminalSafe(reason));
  for (const std::string& note : verdict.notes()) out << "      note: " << TerminalSafe(note) << "\n";
  for (const Finding& finding : verdict.findings()) {
    out << "      finding: " << TerminalSafe(DescribeFinding(finding)) << "\n";
  }
  if (verdict.decision() == Decision::kRewrite) {
    out << "      rewritten: " << TerminalSafe(verdict.replacement()) << "\n";
  }
}

void PrintJsonVerdict(const SessionLine& line, const std::string& label, const Verdict& verdict,
                      bool explain, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("line");
  w.Int(line.line);
  w.Key("direction");
  w.String(DirectionName(line.direction));
  w.Key("kind");
  w.String(KindName(verdict.kind()));
  w.Key("method");
  WriteStringOrNull(w, line.shape.method);
  w.Key("tool");
  WriteStringOrNull(w, line.shape.tool);
  w.Key("label");
  WriteString(w, label);
  w.Key("decision");
  w.String(DecisionName(verdict.decision()));
  w.Key("policy_decision");
  w.String(DecisionName(verdict.policy_decision()));
  w.Key("audit_only");
  w.Bool(verdict.audit_only());
  w.Key("rule");
  WriteStringOrNull(w, verdict.rule_id());
  w.Key("reason");
  WriteString(w, verdict.reason());
  w.Key("error_code");
  w.Int(verdict.error_code());
  w.Key("error_response");
  WriteMessage(w, verdict.error_response());
  w.Key("rewritten");
  WriteMessage(w, verdict.decision() == Decision::kRewrite ? verdict.replacement()
                                                           : std::string_view());
  w.Key("notes");
  w.StartArray();
  for (const std::string& note : verdict.notes()) WriteString(w, note);
  w.EndArray();
  w.Key("findings");
  w.StartArray();
  for (const Finding& finding : verdict.findings()) WriteFinding(w, finding);
  w.EndArray();
  w.Key("recorded_rules");
  w.StartArray();
  for (std::string_view rule : verdict.recorded_rules()) WriteString(w, rule);
  w.EndArray();
  w.Key("required_scopes");
  w.StartArray();
  for (const std::string& scope : verdict.required_scopes()) WriteString(w, scope);
  w.EndArray();
  w.Key("retry_after_ms");
  w.Uint64(verdict.retry_after_ms());
  if (explain) {
    w.Key("trace");
    w.StartArray();
    for (const TraceStep& step : verdict.trace()) {
      w.StartObject();
      w.Key("rule");
      WriteStringOrNull(w, step.rule);
      w.Key("outcome");
      w.String(TraceOutcomeName(step.outcome));
      w.Key("detail");
      WriteString(w, step.detail);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  out << "\n";
}

void EvalTally::Add(const Verdict& verdict) {
  ++messages_;
  switch (verdict.decision()) {
    case Decision::kAllow: ++allowed_; break;
    case Decision::kDeny: ++denied_; break;
    case Decision::kAsk: ++asked_; break;
    case Decision::kRewrite: ++rewritten_; break;
  }
  if (verdict.audit_only()) {
    ++audit_messages_;
    if (verdict.policy_decision() == Decision::kDeny) ++audit_denied_;
    if (verdict.policy_decision() == Decision::kAsk) ++audit_asked_;
  }
}

std::string EvalTally::Summary() const {
  std::string out = absl::StrCat(Plural(messages_, "message", "messages"), ": ", allowed_,
                                 " allowed, ", denied_, " denied, ", asked_, " ask");
  if (rewritten_ > 0) absl::StrAppend(&out, ", ", rewritten_, " rewritten");
  if (audit_messages_ > 0) {
    absl::StrAppend(&out, "; audit mode: the policy would have denied ", audit_denied_,
                    " and asked ", audit_asked_);
  }
  if (bad_lines_ > 0) {
    absl::StrAppend(&out, "; ", Plural(bad_lines_, "line", "lines"), " could not be read");
  }
  return out;
}

}  // namespace mcpguard::cli
