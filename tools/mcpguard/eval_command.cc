// `mcpguard eval`: replays a recorded session through one guard Session and
// prints each verdict. The messages go through Session::Check exactly as a
// host would send them, so requests and their responses are correlated.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "arg_cursor.h"
#include "commands.h"
#include "eval_report.h"
#include "jsonl_reader.h"
#include "mcpguard/guard.h"
#include "message_label.h"
#include "policy_report.h"
#include "principal_flags.h"
#include "trace_report.h"

namespace mcpguard::cli {
namespace {

struct EvalFlags {
  std::string policy;
  std::string messages;  // A path, or "-" for stdin.
  SessionOptions session;
  bool json = false;
  bool explain = false;
  bool help = false;
};

// Fills *flags; on a usage error returns false with *error set.
bool ParseEvalFlags(const std::vector<std::string>& args, EvalFlags* flags, std::string* error) {
  ArgCursor cursor(args);
  std::vector<std::string> positional;
  while (!cursor.done()) {
    if (cursor.TakePositional(&positional)) continue;
    if (cursor.TakeHelp()) {
      flags->help = true;
      return true;
    }
    std::string policy;
    if (cursor.TakeSwitch("json")) {
      flags->json = true;
    } else if (cursor.TakeSwitch("explain")) {
      flags->explain = true;
    } else if (cursor.TakeValue("policy", &policy, error)) {
      if (error->empty() && !flags->policy.empty()) *error = "--policy given twice";
      flags->policy = std::move(policy);
    } else if (TakeSessionFlag(cursor, &flags->session, error)) {
      // Taken; a bad value set *error.
    } else {
      *error = "unknown flag '" + cursor.current() + "'";
    }
    if (!error->empty()) return false;
  }
  if (flags->policy.empty()) {
    *error = "--policy POLICY is required";
  } else if (positional.size() != 1) {
    *error = positional.empty() ? "name the session file (MESSAGES.jsonl, or - for stdin)"
                                : "give exactly one session file";
  } else {
    flags->messages = positional[0];
  }
  return error->empty();
}

int Replay(JsonlReader& reader, Session& session, const EvalFlags& flags, std::ostream& out,
           std::ostream& err) {
  const bool json = flags.json;
  CheckOptions check_options;
  check_options.explain = flags.explain;
  MessageLabeler labeler;
  EvalTally tally;
  SessionLine line;
  std::string error;
  for (;;) {
    JsonlReader::Result result = reader.Next(&line, &error);
    if (result == JsonlReader::Result::kEnd) break;
    if (result == JsonlReader::Result::kBadLine) {
      err << error << "\n";
      tally.AddBadLine();
      continue;
    }
    std::string label = labeler.Label(line);
    Verdict verdict = session.Check(line.message, line.direction, check_options);
    tally.Add(verdict);
    if (json) {
      PrintJsonVerdict(line, label, verdict, flags.explain, out);
    } else {
      PrintTextVerdict(line, label, verdict, out);
      PrintTrace(verdict, "      ", out);
    }
  }
  // With --json, stdout holds only the per-message objects.
  (json ? err : out) << tally.Summary() << "\n";
  if (reader.read_error()) {
    err << "mcpguard eval: read error; the session was not read to its end\n";
    return kExitUsage;
  }
  return tally.bad_lines() > 0 ? kExitUsage : kExitOk;
}

constexpr char kEvalHelpHead[] =
    "Usage: mcpguard eval --policy POLICY [FLAGS] MESSAGES.jsonl\n"
    "\n"
    "Replays a recorded MCP session through one guard session and prints each verdict.\n"
    "MESSAGES.jsonl holds one message per line (- reads stdin), either a bare JSON-RPC\n"
    "message or a wrapper:\n"
    "  {\"direction\": \"to_server\"|\"to_client\", \"message\": {...}}\n"
    "  {\"direction\": \"to_server\"|\"to_client\", \"raw\": \"exact bytes, even not JSON\"}\n"
    "Without a direction, responses travel to_client and everything else to_server.\n"
    "Blank lines and lines starting with # are skipped.\n"
    "\n"
    "Flags:\n"
    "  --policy POLICY      the policy file (required)\n"
    "  --json               one JSON object per message instead of text (with its\n"
    "                       \"findings\" and the \"rewritten\" message); the summary\n"
    "                       then goes to stderr\n"
    "  --explain            add each verdict's explanation: every rule considered and\n"
    "                       what it made of the message (a \"trace\" array in JSON)\n"
    ;

constexpr char kEvalHelpTail[] =
    "\n"
    "Output, one line per message:\n"
    "  LINE  DIRECTION  METHOD[ TOOL]  DECISION  rule=RULE  REASON\n"
    "followed, when there are any, by its notes, its findings (never the text found)\n"
    "and the message to send instead of a rewritten one (as every text here,\n"
    "terminal-safe: backslashes doubled, control characters escaped; --json gives\n"
    "its exact bytes):\n"
    "        note: NOTE\n"
    "        finding: CATEGORY (DETECTOR) at POINTER, bytes A-B, score S: REASON\n"
    "        rewritten: MESSAGE\n"
    "and with --explain by one line per rule considered:\n"
    "        trace: RULE  OUTCOME  DETAIL\n"
    "then a summary: N messages: A allowed, D denied, K ask\n"
    "\n"
    "Exit status: 0 when every line was evaluated (denials are normal output), 1 when\n"
    "the policy does not compile, 2 on usage errors or lines that could not be read.\n";

}  // namespace

std::string EvalHelp() {
  return std::string(kEvalHelpHead) + kSessionFlagsHelp + kEvalHelpTail;
}

int RunEval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  EvalFlags flags;
  std::string error;
  if (!ParseEvalFlags(args, &flags, &error)) {
    err << "mcpguard eval: " << error << "; see 'mcpguard eval --help'\n";
    return kExitUsage;
  }
  if (flags.help) {
    out << EvalHelp();
    return kExitOk;
  }

  PolicyReport report = LoadAndReportPolicy(flags.policy, err);
  if (report.policy == nullptr) {
    err << flags.policy << ": " << DescribePolicyReport(report) << "\n";
    return kExitFailure;
  }
  auto engine = Engine::Create(report.policy);
  if (!engine.ok()) {
    err << "mcpguard eval: " << engine.status().message() << "\n";
    return kExitFailure;
  }
  std::unique_ptr<Session> session = (*engine)->NewSession(flags.session);

  std::ifstream file;
  std::string source_name = flags.messages == "-" ? "<stdin>" : flags.messages;
  if (flags.messages != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(flags.messages, ec)) {
      err << flags.messages << ": is a directory\n";
      return kExitUsage;
    }
    file.open(flags.messages, std::ios::binary);
    if (!file) {
      err << flags.messages << ": cannot read the session file\n";
      return kExitUsage;
    }
  }
  JsonlReader reader(flags.messages == "-" ? std::cin : file, source_name);
  return Replay(reader, *session, flags, out, err);
}

}  // namespace mcpguard::cli
