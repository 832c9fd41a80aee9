// `mcpguard fmt [--in-place] POLICY...`: print a policy in canonical
// textproto, or rewrite a textproto policy file in it.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "arg_cursor.h"
#include "base/atomic_write.h"
#include "base/read_file.h"
#include "commands.h"
#include "policy_format.h"

namespace mcpguard::cli {
namespace {

constexpr char kFmtHelp[] =
    "Usage: mcpguard fmt [--in-place] POLICY...\n"
    "\n"
    "Prints each policy (textproto, JSON or binary, by file name as 'check' reads them)\n"
    "as canonical textproto on stdout: fields in schema order, two-space indents, one\n"
    "field per line. Only parsing is needed; a policy that does not compile still\n"
    "formats (run 'mcpguard check' for that).\n"
    "\n"
    "The canonical form has NO COMMENTS: a textproto policy's comments are dropped\n"
    "(a warning on stderr says so).\n"
    "\n"
    "Flags:\n"
    "  --in-place   rewrite each textproto file instead of printing it, atomically and\n"
    "               only when it parses; prints POLICY: formatted | unchanged. JSON and\n"
    "               binary files are refused (redirect the output to a new file).\n"
    "\n"
    "Parse errors go to stderr as FILE:LINE:COLUMN: error: MESSAGE [FIELD].\n"
    "Exit status: 0 when every policy parsed (and was written), 1 otherwise, 2 on usage\n"
    "errors.\n";

const char* FormatName(PolicyFormat format) {
  switch (format) {
    case PolicyFormat::kJson: return "JSON";
    case PolicyFormat::kBinary: return "binary";
    default: return "textproto";
  }
}

// Reads `path` whole; false (with the reason on `err`) if it cannot.
bool ReadPolicyBytes(const std::string& path, std::string* bytes, std::ostream& err) {
  // As LoadPolicyFile reads it: whole, or an error (fmt --in-place must
  // never rewrite a file from part of it).
  absl::StatusOr<std::string> contents = internal::ReadRegularFile(path, size_t{64} << 20);
  if (!contents.ok()) {
    if (absl::IsNotFound(contents.status())) {
      err << path << ": error: no such policy file\n";
    } else if (absl::IsFailedPrecondition(contents.status())) {
      err << path << ": error: not a regular file\n";
    } else {
      err << "error: " << contents.status().message() << "\n";
    }
    return false;
  }
  *bytes = *std::move(contents);
  return true;
}

// Formats one file; returns its exit status.
int FormatFile(const std::string& path, bool in_place, std::ostream& out, std::ostream& err) {
  std::string bytes;
  if (!ReadPolicyBytes(path, &bytes, err)) return kExitFailure;
  std::vector<Diagnostic> diagnostics;
  FormattedPolicy formatted;
  const bool ok = FormatPolicy(bytes, path, &formatted, &diagnostics);
  for (const Diagnostic& d : diagnostics) err << d.ToString() << "\n";
  if (!ok) return kExitFailure;
  if (in_place && formatted.source_format != PolicyFormat::kTextproto) {
    err << path << ": error: --in-place rewrites textproto files only; this one is "
        << FormatName(formatted.source_format)
        << " (redirect the output into a .textproto file instead)\n";
    return kExitFailure;
  }
  if (formatted.dropped_comments) {
    err << path << ": warning: the canonical form has no comments; this file's are "
        << (in_place ? "dropped from it" : "left out") << "\n";
  }
  if (!in_place) {
    out << formatted.text;
    return kExitOk;
  }
  if (formatted.text == bytes) {
    out << path << ": unchanged\n";
    return kExitOk;
  }
  absl::Status written = internal::ReplaceFileAtomically(path, formatted.text);
  if (!written.ok()) {
    err << "error: " << written.message() << "\n";
    return kExitFailure;
  }
  out << path << ": formatted\n";
  return kExitOk;
}

}  // namespace

std::string FmtHelp() { return kFmtHelp; }

int RunFmt(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgCursor cursor(args);
  std::vector<std::string> paths;
  bool in_place = false;
  while (!cursor.done()) {
    if (cursor.TakePositional(&paths)) continue;
    if (cursor.TakeHelp()) {
      out << FmtHelp();
      return kExitOk;
    }
    if (cursor.TakeSwitch("in-place")) {
      in_place = true;
      continue;
    }
    err << "mcpguard fmt: unknown flag '" << cursor.current()
        << "'; see 'mcpguard fmt --help'\n";
    return kExitUsage;
  }
  if (paths.empty()) {
    err << "mcpguard fmt: name at least one policy file; see 'mcpguard fmt --help'\n";
    return kExitUsage;
  }
  int status = kExitOk;
  for (const std::string& path : paths) {
    if (FormatFile(path, in_place, out, err) != kExitOk) status = kExitFailure;
  }
  return status;
}

}  // namespace mcpguard::cli
