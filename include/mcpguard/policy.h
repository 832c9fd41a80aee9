// Loading and compiling a policy.
//
// A policy is a mcpguard.v1.Policy protobuf message (proto/mcpguard/v1/
// policy.proto) written as textproto, JSON or binary. Compiling checks it
// completely (unknown fields, duplicate rule ids, empty targets, bad regexes,
// bad JSON Pointers, ...) and produces an immutable CompiledPolicy that any
// number of threads may use at once. A policy that fails to compile is never
// half in force.
#ifndef MCPGUARD_POLICY_H_
#define MCPGUARD_POLICY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace mcpguard {

namespace internal {
class PolicyProgram;
}  // namespace internal

enum class PolicyFormat {
  kAuto,       // JSON if the first non-blank byte is '{', else textproto.
  kTextproto,
  kJson,       // The proto3 JSON mapping.
  kBinary,     // Wire format.
};

// One problem found while loading or compiling a policy.
struct Diagnostic {
  // kError: the policy is not put in force. kWarning: it is, but something
  // in it is almost certainly a mistake (a rule that can never match, or
  // never decides). kNote: advice about a pattern that is often meant but
  // deserves a second look.
  enum class Severity { kError, kWarning, kNote };
  Severity severity = Severity::kError;
  std::string file;   // The source name given to the loader.
  int line = 0;       // 1-based; 0 when unknown (binary input).
  int column = 0;     // 1-based; 0 when unknown.
  std::string field;  // Field path, e.g. "rules[2].condition.field.pointer".
  std::string message;

  // "file:line:column: error: message [field]" ("warning:", "note:"; line
  // and column omitted when unknown), the form compilers use so editors can
  // jump to it.
  std::string ToString() const;
};

struct PolicyLoadOptions {
  PolicyFormat format = PolicyFormat::kAuto;
  // Used in diagnostics. Default "<policy>".
  std::string source_name = "<policy>";
};

// An immutable, compiled policy. Thread-safe: all methods are const and may be
// called concurrently. Share it as std::shared_ptr<const CompiledPolicy>; a
// Session pins the snapshot it is using for the whole of one Check.
class CompiledPolicy {
 public:
  explicit CompiledPolicy(std::unique_ptr<const internal::PolicyProgram> program);
  ~CompiledPolicy();
  // Heavy and immutable: shared by pointer, never copied.
  CompiledPolicy(const CompiledPolicy&) = delete;
  CompiledPolicy& operator=(const CompiledPolicy&) = delete;

  // The policy's `name` field.
  std::string_view name() const;
  // Number of rules.
  size_t rule_count() const;
  // True when the policy is in AUDIT mode (decides, reports, never blocks).
  bool audit_mode() const;
  // Lowercase hex SHA-256 of the policy's canonical binary form; identifies
  // exactly which policy made a decision.
  std::string_view hash() const;

  // For the library's own layers.
  const internal::PolicyProgram& program() const { return *program_; }

 private:
  std::unique_ptr<const internal::PolicyProgram> program_;
};

// Parses and compiles `bytes`. On failure returns InvalidArgument whose
// message lists every error, one per line, in Diagnostic::ToString() form.
// When `diagnostics` is not null, every error, warning and note is appended
// to it (on success too: warnings and notes, from the lint described in
// docs/policy.md). Never throws, never aborts on bad input.
absl::StatusOr<std::shared_ptr<const CompiledPolicy>> CompilePolicy(
    std::string_view bytes, const PolicyLoadOptions& options = {},
    std::vector<Diagnostic>* diagnostics = nullptr);

// The largest policy file LoadPolicyFile reads: far above any policy
// written by hand or generated (10,000 rules take a few megabytes), so that
// a mistaken path cannot fill memory.
inline constexpr size_t kMaxPolicyFileBytes = size_t{64} << 20;

// Reads the file at `path` and compiles it. The format comes from the
// extension (.textproto/.txtpb/.pbtxt, .json, .binpb/.pb), else kAuto. The
// file name is the diagnostics' source name. NotFound when there is no such
// file, FailedPrecondition when it is not a regular file, DataLoss when it
// cannot be read whole (a read error part-way, no permission, over 64 MiB):
// never a policy compiled from part of the file.
absl::StatusOr<std::shared_ptr<const CompiledPolicy>> LoadPolicyFile(
    const std::string& path, std::vector<Diagnostic>* diagnostics = nullptr);

}  // namespace mcpguard

#endif  // MCPGUARD_POLICY_H_
