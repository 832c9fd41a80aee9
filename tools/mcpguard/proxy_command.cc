// `mcpguard proxy`: runs an MCP server as a child process and guards the
// stdio connection between it and the client that started the proxy.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "arg_cursor.h"
#include "child_process.h"
#include "commands.h"
#include "mcpguard/audit.h"
#include "mcpguard/guard.h"
#include "mcpguard/pin_store.h"
#include "mcpguard/policy_watcher.h"
#include "metrics_endpoint.h"
#include "policy/loader.h"
#include "policy/program.h"
#include "policy_report.h"
#include "key_file.h"
#include "terminal_text.h"
#include "principal_flags.h"
#include "stdio_proxy.h"

namespace mcpguard::cli {
namespace {

struct ProxyFlags {
  std::string policy;
  std::string audit;
  std::string audit_key_file;
  std::string pins;  // A pin file (OpenFilePinStore); empty: pins in memory.
  int64_t audit_max_bytes = -1;  // -1: the sink's default.
  int metrics_port = -1;
  int64_t max_line_bytes = -1;  // -1: the policy's limits.max_message_bytes.
  int64_t watch_ms = 0;         // 0: no PolicyWatcher.
  SessionOptions session;
  StdioProxyOptions proxy;
  bool verbose = false;
  bool help = false;
  std::vector<std::string> server;
};

bool TakeNumber(ArgCursor& cursor, const char* name, int64_t min, int64_t max, int64_t* value,
                std::string* error) {
  std::string text;
  if (!cursor.TakeValue(name, &text, error)) return false;
  if (error->empty() && (!absl::SimpleAtoi(text, value) || *value < min || *value > max)) {
    *error = absl::StrCat("--", name, " takes a whole number from ", min, " to ", max);
  }
  return true;
}

bool ParseProxyFlags(const std::vector<std::string>& args, ProxyFlags* flags,
                     std::string* error) {
  ArgCursor cursor(args);
  while (!cursor.done() && flags->server.empty()) {
    if (cursor.TakePositional(&flags->server)) continue;
    if (cursor.TakeHelp()) {
      flags->help = true;
      return true;
    }
    std::string value;
    int64_t number = 0;
    if (cursor.TakeSwitch("verbose")) {
      flags->verbose = true;
    } else if (cursor.TakeValue("policy", &value, error)) {
      if (error->empty() && !flags->policy.empty()) *error = "--policy given twice";
      flags->policy = std::move(value);
    } else if (cursor.TakeValue("audit", &value, error)) {
      if (error->empty() && !flags->audit.empty()) *error = "--audit given twice";
      flags->audit = std::move(value);
    } else if (cursor.TakeValue("audit-key-file", &value, error)) {
      if (error->empty() && !flags->audit_key_file.empty()) {
        *error = "--audit-key-file given twice";
      }
      flags->audit_key_file = std::move(value);
    } else if (cursor.TakeValue("pins", &value, error)) {
      if (error->empty() && !flags->pins.empty()) *error = "--pins given twice";
      flags->pins = std::move(value);
    } else if (TakeNumber(cursor, "audit-max-bytes", 0, int64_t{1} << 50, &number, error)) {
      flags->audit_max_bytes = number;
    } else if (TakeNumber(cursor, "metrics-port", 0, 65535, &number, error)) {
      flags->metrics_port = static_cast<int>(number);
    } else if (TakeNumber(cursor, "max-line-bytes", 1024, int64_t{1} << 40, &number, error)) {
      flags->max_line_bytes = number;
    } else if (TakeNumber(cursor, "request-timeout-ms", 0, int64_t{24} * 3600 * 1000, &number,
                          error)) {
      flags->proxy.request_timeout = std::chrono::milliseconds(number);
    } else if (TakeNumber(cursor, "grace-ms", 0, 3600 * 1000, &number, error)) {
      flags->proxy.shutdown_grace = std::chrono::milliseconds(number);
    } else if (TakeNumber(cursor, "watch-ms", 1, 3600 * 1000, &number, error)) {
      flags->watch_ms = number;
    } else if (TakeSessionFlag(cursor, &flags->session, error)) {
      // Taken; a bad value set *error.
    } else {
      *error = "unknown flag '" + cursor.current() + "'";
    }
    if (!error->empty()) return false;
  }
  // Everything from the server command on is the server's, flags included.
  while (!cursor.done()) flags->server.push_back(cursor.Take());
  if (flags->policy.empty()) {
    *error = "--policy POLICY is required";
  } else if (flags->audit.empty() &&
             (!flags->audit_key_file.empty() || flags->audit_max_bytes >= 0)) {
    *error = "--audit-key-file and --audit-max-bytes need --audit FILE";
  } else if (flags->server.empty()) {
    *error = "name the server command (after --)";
  }
  return error->empty();
}

// Says on stderr how a reload of the policy file went; `cause` is what
// started it ("SIGHUP", "--watch-ms").
void ReportReload(const char* cause, const std::string& policy, const absl::Status& status,
                  const std::vector<Diagnostic>& diagnostics) {
  const std::string name = TerminalSafe(policy);
  std::string text;
  if (status.ok()) {
    text = absl::StrCat("mcpguard proxy: ", cause, ": reloaded ", name, "\n");
    for (const Diagnostic& d : diagnostics) absl::StrAppend(&text, TerminalSafe(d.ToString()), "\n");
  } else {
    text = absl::StrCat("mcpguard proxy: ", cause, ": ", name,
                        " not reloaded; the policy in force stays:\n",
                        TerminalSafe(std::string(status.message())), "\n");
  }
  std::cerr << text;  // One write, not interleaved with the other reporter's.
}

// SIGHUP: reloads the policy file (Engine::Reload refuses an empty one, a
// policy being written in place), or says why the policy in force stays.
void ReloadPolicy(Engine* engine, const std::string& policy) {
  std::vector<Diagnostic> diagnostics;
  const absl::Status status = engine->Reload(policy, &diagnostics);
  ReportReload("SIGHUP", policy, status, diagnostics);
}

// Waits for the signals the proxy blocks: SIGHUP reloads the policy, the
// others go to the server, whose exit then ends the proxy. Once the server
// has exited they end the proxy itself (after the audit log is closed):
// the proxy may be stuck answering a client that does not read (found by
// an adversarial review: only SIGKILL ended it).
void HandleSignals(sigset_t signals, Engine* engine, std::string policy, ChildProcess* server,
                   std::shared_ptr<AuditLog> audit) {
  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      ReloadPolicy(engine, policy);
      continue;
    }
    if (server->Signal(signal)) continue;
    std::cerr << "mcpguard proxy: signal " << signal << " after the server exited: exiting\n";
    if (audit != nullptr) audit->Close();
    std::_Exit(128 + signal);
  }
}

void LogVerdict(std::string_view line, const Verdict& verdict) {
  std::string text = absl::StrCat("mcpguard proxy: ", DirectionName(verdict.direction()), " ",
                                  DecisionName(verdict.decision()));
  if (!verdict.rule_id().empty()) text.append(" rule=").append(TerminalSafe(verdict.rule_id()));
  text.append(" ").append(TerminalSafe(verdict.reason()));
  absl::StrAppend(&text, " (", line.size(), " bytes)\n");
  std::cerr << text;
}

constexpr char kProxyHelpHead[] =
    "Usage: mcpguard proxy --policy POLICY [FLAGS] [--] SERVER_COMMAND [ARGS...]\n"
    "\n"
    "Starts SERVER_COMMAND and guards the stdio MCP connection between it and the\n"
    "client that started the proxy: every newline-delimited JSON-RPC message is\n"
    "checked in the direction it travels. A refused request is answered with the\n"
    "verdict's JSON-RPC error and never forwarded; a refused response is replaced by\n"
    "the error; a rewritten message (a filtered tools/list, a redacted result) is\n"
    "forwarded as rewritten. Nobody approves ASK verdicts here: they are refused.\n"
    "The server's stderr is the proxy's.\n"
    "\n"
    "Flags:\n"
    "  --policy POLICY      the policy file (required); SIGHUP reloads it (a policy that\n"
    "                       does not compile, or an empty file, leaves the old one in\n"
    "                       force); replace it by renaming a new file over it, since a\n"
    "                       file caught half-written may compile to another policy\n"
    "  --watch-ms MS        also look at the policy file every MS and reload it once its\n"
    "                       bytes read the same at two looks (so a file rewritten in\n"
    "                       place is read when its writer is done, unless it pauses\n"
    "                       for MS); default: no watching, only SIGHUP\n"
    "  --pins FILE          keep tool pins (the policy's integrity) in FILE, so a\n"
    "                       definition that changed between runs is caught; default:\n"
    "                       in memory, for this run only\n"
    "  --audit FILE         append an audit event per message to FILE (hash-chained\n"
    "                       JSON Lines; check it with 'mcpguard audit verify FILE')\n"
    "  --audit-key-file KEY chain the audit log with HMAC-SHA256 under the key in KEY\n"
    "                       (its bytes, less one trailing newline): nobody without\n"
    "                       it can rebuild the chain after an edit\n"
    "  --audit-max-bytes N  rotate the audit log past N bytes (FILE.<first sequence>);\n"
    "                       default 64 MiB, 0 never\n"
    "  --metrics-port PORT  serve Prometheus metrics at http://127.0.0.1:PORT/metrics\n"
    "                       (loopback only; 0 picks a free port, printed on stderr)\n"
    "  --max-line-bytes N   refuse longer messages (-32700) before reading them whole;\n"
    "                       default the policy's limits.max_message_bytes (4 MiB)\n"
    "  --request-timeout-ms MS\n"
    "                       answer a request the server has not answered in MS with a\n"
    "                       -32001 error (and cancel it at the server); default 0: never\n"
    "  --grace-ms MS        after the client's EOF, how long the server has to exit\n"
    "                       before SIGTERM, and again before SIGKILL; default 5000\n"
    "  --verbose            one line per message on stderr: direction, decision, rule\n";

constexpr char kProxyHelpTail[] =
    "\n"
    "SIGINT, SIGTERM and SIGQUIT are passed to the server; after it exited they end\n"
    "the proxy (128 + N). When the server exits, or closes its stdout (it is then\n"
    "stopped as after the client's EOF), the client's unanswered requests get a\n"
    "-32603 error and the proxy exits with the server's status (128 + N if signal N\n"
    "killed it).\n"
    "\n"
    "Exit status: the server's; 1 when the policy does not compile, 2 on usage errors\n"
    "or when the server or the audit log cannot be started.\n";

}  // namespace

std::string ProxyHelp() { return std::string(kProxyHelpHead) + kSessionFlagsHelp + kProxyHelpTail; }

int RunProxy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ProxyFlags flags;
  std::string error;
  if (!ParseProxyFlags(args, &flags, &error)) {
    err << "mcpguard proxy: " << error << "; see 'mcpguard proxy --help'\n";
    return kExitUsage;
  }
  if (flags.help) {
    out << ProxyHelp();
    return kExitOk;
  }
  // Blocked before any thread starts (the audit thread, the metrics
  // server), so that every thread inherits the mask and only HandleSignals
  // takes them; the child unblocks them. A closed pipe is a failed write,
  // not a signal.
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&signals, signal);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  std::string loaded_bytes;  // What the policy in force was compiled from.
  PolicyReport report = LoadAndReportPolicy(flags.policy, err, &loaded_bytes);
  if (report.policy == nullptr) {
    err << flags.policy << ": " << DescribePolicyReport(report) << "\n";
    return kExitFailure;
  }

  EngineOptions engine_options;
  if (!flags.pins.empty()) {
    auto pins = OpenFilePinStore(flags.pins);
    if (!pins.ok()) {
      // The status names the file.
      err << "mcpguard proxy: " << TerminalSafe(std::string(pins.status().message())) << "\n";
      return kExitUsage;
    }
    engine_options.pin_store = *std::move(pins);
  }
  if (!flags.audit.empty() || flags.metrics_port >= 0) {
    AuditLogOptions audit_options;
    if (!flags.audit.empty()) {
      JsonLinesSinkOptions sink_options;
      sink_options.path = flags.audit;
      if (flags.audit_max_bytes >= 0) {
        sink_options.max_file_bytes = static_cast<uint64_t>(flags.audit_max_bytes);
      }
      std::string key_error;
      if (!flags.audit_key_file.empty() &&
          !ReadKeyFile(flags.audit_key_file, &sink_options.hmac_key, &key_error)) {
        err << "mcpguard proxy: " << TerminalSafe(flags.audit_key_file) << ": " << key_error
            << "\n";
        return kExitUsage;
      }
      auto sink = OpenJsonLinesSink(std::move(sink_options));
      if (!sink.ok()) {
        // The status names the file.
        err << "mcpguard proxy: " << TerminalSafe(std::string(sink.status().message())) << "\n";
        return kExitUsage;
      }
      audit_options.sinks.push_back(*std::move(sink));
    }
    auto audit = AuditLog::Create(std::move(audit_options));
    if (!audit.ok()) {
      err << "mcpguard proxy: audit log: " << audit.status().message() << "\n";
      return kExitUsage;
    }
    engine_options.audit = *std::move(audit);
  }
  std::shared_ptr<AuditLog> audit = engine_options.audit;
  auto engine = Engine::Create(report.policy, std::move(engine_options));
  if (!engine.ok()) {
    err << "mcpguard proxy: " << engine.status().message() << "\n";
    return kExitFailure;
  }
  std::unique_ptr<Session> session = (*engine)->NewSession(flags.session);

  if (flags.metrics_port >= 0) {
    auto port = ServeMetrics(audit, flags.metrics_port);
    if (!port.ok()) {
      err << "mcpguard proxy: metrics: " << port.status().message() << "\n";
      return kExitUsage;
    }
    err << "mcpguard proxy: metrics at http://127.0.0.1:" << *port << "/metrics\n";
  }

  std::unique_ptr<PolicyWatcher> watcher;
  if (flags.watch_ms > 0) {
    auto started = PolicyWatcher::Start(
        engine->get(), flags.policy, std::chrono::milliseconds(flags.watch_ms),
        [policy = flags.policy](const absl::Status& status,
                                const std::vector<Diagnostic>& diagnostics) {
          ReportReload("--watch-ms", policy, status, diagnostics);
        });
    if (!started.ok()) {
      err << "mcpguard proxy: --watch-ms: " << started.status().message() << "\n";
      return kExitUsage;
    }
    watcher = *std::move(started);
    // The watcher takes the file as it finds it to be the one in force: a
    // change between the load above and its start would never be loaded
    // (a script that starts the proxy and then replaces the policy). Any
    // difference in the bytes is reloaded, and reported, a failure too.
    absl::StatusOr<std::string> now = internal::ReadPolicyFile(flags.policy);
    if (!now.ok() || *now != loaded_bytes) {
      std::vector<Diagnostic> diagnostics;
      const absl::Status status = (*engine)->Reload(flags.policy, &diagnostics);
      ReportReload("--watch-ms", flags.policy, status, diagnostics);
    }
  }

  auto server = ChildProcess::Spawn(flags.server);
  if (!server.ok()) {
    err << "mcpguard proxy: " << server.status().message() << "\n";
    return kExitUsage;
  }
  std::thread(HandleSignals, signals, engine->get(), flags.policy, server->get(), audit).detach();

  if (flags.verbose) flags.proxy.on_verdict = LogVerdict;
  Engine* guard = engine->get();
  flags.proxy.max_pending = [guard] { return guard->policy()->program().max_in_flight(); };
  if (flags.max_line_bytes < 0) {
    flags.proxy.max_line_bytes = [guard] {
      return guard->policy()->program().json_limits().max_bytes;
    };
  } else {
    flags.proxy.max_line_bytes = [bytes = static_cast<size_t>(flags.max_line_bytes)] {
      return bytes;
    };
  }
  int status = RunStdioProxy(*session, **server, STDIN_FILENO, STDOUT_FILENO, flags.proxy);
  if (audit != nullptr) audit->Close();
  out.flush();
  err.flush();
  // Threads may still be blocked reading the client or serving metrics:
  // end here rather than run destructors under them.
  std::_Exit(status);
}

}  // namespace mcpguard::cli
