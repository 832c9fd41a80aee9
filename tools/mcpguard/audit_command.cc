// `mcpguard audit verify|show`: check the hash chain of JSON Lines audit
// logs, and print their events readably, filtered.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "arg_cursor.h"
#include "audit/chain_verifier.h"
#include "commands.h"
#include "key_file.h"
#include "rapidjson/document.h"
#include "terminal_text.h"

namespace mcpguard::cli {
namespace {

constexpr char kAuditHelp[] =
    "Usage: mcpguard audit verify [--key-file FILE] [--no-head] [--allow-partial]\n"
    "                             [--anchor SEQUENCE:HASH]... LOG...\n"
    "       mcpguard audit show [--session ID] [--decision D] [--rule ID] [--tool NAME]\n"
    "                           [--kind KIND] LOG...\n"
    "\n"
    "verify checks the hash chain of JSON Lines audit logs written by mcpguard's file\n"
    "sink: every line's hash, every link to the line before, the sequence numbers, and\n"
    "(unless --no-head) that the log ends where its head file (LOG.head of the last LOG)\n"
    "says, and (unless --allow-partial) that the chain starts at its first event.\n"
    "Give rotated files oldest first and the live file last, e.g.\n"
    "  mcpguard audit verify audit.jsonl.* audit.jsonl\n"
    "(head files in the list, such as audit.jsonl.head from that glob, are skipped).\n"
    "It prints 'ok: N events, sequence A..B' and 'anchor: B:HASH' (the last event,\n"
    "to keep where the log's writer cannot rewrite it), or the first broken link as\n"
    "FILE:LINE: what.\n"
    "\n"
    "show prints one line per event: time, kind, decision, direction, method, tool or\n"
    "resource, rule, session, user, findings and reason. Filters (all must match):\n"
    "  --session ID    mcp.session.id        --decision allow|deny|ask|rewrite\n"
    "  --rule ID       mcpguard.rule.id      --tool NAME  gen_ai.tool.name\n"
    "  --kind KIND     event.name (MESSAGE, PIN_CHANGE, POLICY_RELOAD, ...)\n"
    "\n"
    "Flags:\n"
    "  --key-file FILE  the HMAC key the log was written with (the file's bytes, less\n"
    "                   one trailing newline)\n"
    "  --no-head        do not compare with the head file (it is missing: lines cut\n"
    "                   off the end go unnoticed)\n"
    "  --allow-partial  accept a chain that starts after its first event (retention\n"
    "                   removed the oldest rotated files)\n"
    "  --anchor SEQUENCE:HASH\n"
    "                   the log must hold event SEQUENCE with this hash (an anchor kept\n"
    "                   elsewhere: catches a log rolled back or replaced with its head);\n"
    "                   repeatable\n"
    "\n"
    "Exit status: 0 the chain verifies (show: every line read), 1 a broken link (show:\n"
    "unreadable lines), 2 usage errors or unreadable files.\n";

// A regular file that can be opened: checked before opening, since a FIFO
// would block the reader and a device feed it without end.
bool IsReadableFile(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), R_OK) == 0;
}

// "SEQUENCE:HASH", the hash as 64 hex digits (either case).
bool ParseAnchor(absl::string_view text, internal::ChainAnchor* anchor, std::string* error) {
  const size_t colon = text.find(':');
  const absl::string_view hash = colon == absl::string_view::npos ? "" : text.substr(colon + 1);
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(text.substr(0, colon), &anchor->sequence) || hash.size() != 64 ||
      !std::all_of(hash.begin(), hash.end(), absl::ascii_isxdigit) ||
      text.substr(0, colon).find_first_not_of("0123456789") != absl::string_view::npos) {
    *error = absl::StrCat("--anchor wants SEQUENCE:HASH (a decimal sequence, 64 hex digits), not '",
                          TerminalSafe(std::string_view(text.data(), text.size())), "'");
    return false;
  }
  anchor->hash = absl::AsciiStrToLower(hash);
  return true;
}

int Verify(ArgCursor& cursor, std::ostream& out, std::ostream& err) {
  std::string key_file;
  internal::ChainCheck check;
  std::vector<std::string> paths;
  std::string error;
  while (!cursor.done()) {
    if (cursor.TakeValue("key-file", &key_file, &error)) continue;
    if (std::string anchor; cursor.TakeValue("anchor", &anchor, &error)) {
      if (!error.empty() || !ParseAnchor(anchor, &check.anchors.emplace_back(), &error)) break;
      continue;
    }
    if (cursor.TakeSwitch("no-head")) {
      check.head = false;
      continue;
    }
    if (cursor.TakeSwitch("allow-partial")) {
      check.from_start = false;
      continue;
    }
    if (cursor.TakePositional(&paths)) continue;
    error = absl::StrCat("unknown flag ", cursor.current());
    break;
  }
  // The head file is read through its log; `audit.jsonl.*` lists it too.
  std::vector<std::string> logs;
  for (std::string& path : paths) {
    if (!absl::EndsWith(path, ".head")) logs.push_back(std::move(path));
  }
  if (!error.empty() || logs.empty()) {
    err << "mcpguard audit verify: " << (error.empty() ? "no LOG given" : error)
        << " (see 'mcpguard audit --help')\n";
    return kExitUsage;
  }
  std::string key;
  if (!key_file.empty() && !ReadKeyFile(key_file, &key, &error)) {
    err << TerminalSafe(key_file) << ": error: " << error << "\n";
    return kExitUsage;
  }
  for (const std::string& log : logs) {
    if (!IsReadableFile(log)) {
      err << TerminalSafe(log) << ": error: cannot read the log (missing, or not a regular "
          << "file)\n";
      return kExitUsage;
    }
  }
  internal::ChainReport report = internal::VerifyAuditChain(logs, key, check);
  // File names and problems may hold whatever bytes an attacker chose.
  for (const std::string& warning : report.warnings) {
    err << "warning: " << TerminalSafe(warning) << "\n";
  }
  if (!report.ok) {
    out << "BROKEN: " << TerminalSafe(report.problem) << "\n";
    return kExitFailure;
  }
  out << "ok: " << report.events << " events";
  if (report.events > 0) {
    out << ", sequence " << report.first_sequence << ".." << report.last_sequence;
  }
  out << (key.empty() ? ", SHA-256 chain" : ", HMAC-SHA256 chain");
  if (report.anchors_matched > 0) {
    out << ", " << report.anchors_matched << (report.anchors_matched == 1 ? " anchor" : " anchors")
        << " matched";
  }
  out << "\n";
  if (report.events > 0) out << "anchor: " << report.last_sequence << ":" << report.last_hash << "\n";
  return kExitOk;
}

std::string Text(const rapidjson::Value& event, const char* key) {
  auto it = event.FindMember(key);
  if (it == event.MemberEnd()) return std::string();
  if (it->value.IsString()) return it->value.GetString();
  if (it->value.IsUint64()) return absl::StrCat(it->value.GetUint64());
  if (it->value.IsInt64()) return absl::StrCat(it->value.GetInt64());
  return std::string();
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

struct ShowFilter {
  std::string session, decision, rule, tool, kind;
  bool Matches(const rapidjson::Value& event) const {
    return (session.empty() || Text(event, "mcp.session.id") == session) &&
           (decision.empty() || Lower(Text(event, "mcpguard.decision")) == Lower(decision)) &&
           (rule.empty() || Text(event, "mcpguard.rule.id") == rule) &&
           (tool.empty() || Text(event, "gen_ai.tool.name") == tool) &&
           (kind.empty() || Text(event, "event.name") == kind);
  }
};

void PrintEvent(const rapidjson::Value& e, std::ostream& out) {
  std::string target = Text(e, "gen_ai.tool.name");
  if (target.empty()) target = Text(e, "mcp.resource.uri");
  if (target.empty()) target = Text(e, "gen_ai.prompt.name");
  out << TerminalSafe(Text(e, "timestamp")) << "  " << TerminalSafe(Text(e, "event.name"));
  // Every text may be what a client or server chose (a tool name with
  // escape sequences): printed terminal-safe.
  auto field = [&](const char* label, const std::string& value) {
    if (!value.empty()) out << "  " << label << TerminalSafe(value);
  };
  field("", Lower(Text(e, "mcpguard.decision")));
  field("", Lower(Text(e, "mcpguard.direction")));
  field("", Text(e, "mcp.method.name"));
  field("", target);
  field("rule=", Text(e, "mcpguard.rule.id"));
  field("session=", Text(e, "mcp.session.id"));
  field("user=", Text(e, "user.id"));
  field("policy=", Text(e, "mcpguard.policy.hash").substr(0, 12));
  auto findings = e.FindMember("mcpguard.findings");
  if (findings != e.MemberEnd() && findings->value.IsArray()) {
    out << "  findings=";
    bool first = true;
    for (const rapidjson::Value& finding : findings->value.GetArray()) {
      out << (first ? "" : ",") << TerminalSafe(Text(finding, "detector")) << "/"
          << TerminalSafe(Text(finding, "category"));
      first = false;
    }
  }
  field("dropped-before=", Text(e, "mcpguard.audit.dropped"));
  const std::string reason = Text(e, "mcpguard.reason");
  if (!reason.empty()) {
    out << "  \"" << absl::StrReplaceAll(TerminalSafe(reason), {{"\"", "\\\""}}) << "\"";
  }
  out << "\n";
}

int Show(ArgCursor& cursor, std::ostream& out, std::ostream& err) {
  ShowFilter filter;
  std::vector<std::string> logs;
  std::string error;
  while (!cursor.done()) {
    if (cursor.TakeValue("session", &filter.session, &error) ||
        cursor.TakeValue("decision", &filter.decision, &error) ||
        cursor.TakeValue("rule", &filter.rule, &error) ||
        cursor.TakeValue("tool", &filter.tool, &error) ||
        cursor.TakeValue("kind", &filter.kind, &error)) {
      continue;
    }
    if (cursor.TakePositional(&logs)) continue;
    error = absl::StrCat("unknown flag ", cursor.current());
    break;
  }
  if (!error.empty() || logs.empty()) {
    err << "mcpguard audit show: " << (error.empty() ? "no LOG given" : error)
        << " (see 'mcpguard audit --help')\n";
    return kExitUsage;
  }
  int status = kExitOk;
  for (const std::string& log : logs) {
    std::ifstream in;
    if (IsReadableFile(log)) in.open(log, std::ios::binary);
    if (!in.is_open()) {
      err << TerminalSafe(log) << ": error: cannot read the log (missing, or not a regular "
          << "file)\n";
      return kExitUsage;
    }
    std::string line;
    int number = 1;
    for (; std::getline(in, line); ++number) {
      rapidjson::Document event;
      event.Parse(line.c_str(), line.size());
      if (event.HasParseError() || !event.IsObject()) {
        err << TerminalSafe(log) << ":" << number << ": error: not a JSON object\n";
        status = kExitFailure;
        continue;
      }
      if (filter.Matches(event)) PrintEvent(event, out);
    }
    if (in.bad()) {
      err << TerminalSafe(log) << ":" << number << ": error: cannot be read to its end\n";
      status = kExitFailure;
    }
  }
  return status;
}

}  // namespace

std::string AuditHelp() { return kAuditHelp; }

int RunAudit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgCursor cursor(args);
  if (args.empty()) {
    err << kAuditHelp;
    return kExitUsage;
  }
  if (cursor.TakeHelp()) {
    out << kAuditHelp;
    return kExitOk;
  }
  const std::string verb = cursor.Take();
  if (verb == "verify") return Verify(cursor, out, err);
  if (verb == "show") return Show(cursor, out, err);
  err << "mcpguard audit: unknown subcommand '" << verb << "' (verify, show)\n";
  return kExitUsage;
}

}  // namespace mcpguard::cli
