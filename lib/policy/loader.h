// Reads a policy's bytes (textproto, JSON, binary) into the proto, recording
// where every field came from so that later errors can name a line.
#ifndef MCPGUARD_POLICY_LOADER_H_
#define MCPGUARD_POLICY_LOADER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mcpguard/policy.h"
#include "mcpguard/v1/policy.pb.h"

namespace mcpguard::internal {

// Field path -> (line, column), both 1-based. Paths use proto field names and
// bracketed indexes for repeated fields: "rules[2].target.methods[0]",
// "rules[0].condition.all.conditions[1].field.pointer".
class SourceMap {
 public:
  void Add(std::string field_path, int line, int column);
  // The location of `field_path`, or of its longest recorded prefix (so a
  // problem inside a field without its own entry points at the enclosing
  // one). {0, 0} when nothing is known (binary input).
  std::pair<int, int> Find(absl::string_view field_path) const;
  bool empty() const { return locations_.empty(); }

 private:
  absl::flat_hash_map<std::string, std::pair<int, int>> locations_;
};

struct LoadedPolicy {
  mcpguard::v1::Policy policy;
  SourceMap locations;
};

// Parses `bytes` in `format` (kAuto: JSON when the first non-blank byte is
// '{', else textproto). Syntax errors, unknown fields, wrong types, unknown
// enum names and bad UTF-8 are appended to *diagnostics with file (=
// source_name), line, column and field path, and make it return false. It
// collects as many errors as the underlying parser reports, not just the
// first. Semantic checks (duplicate ids, regexes, ...) are the compiler's.
//
// Per format (details in textproto_loader.h and json_loader.h):
// - Textproto: protobuf's messages at protobuf's line:column (a tab moves
//   the column to the next multiple of 8); every unknown field is reported,
//   other syntax errors stop the parse. Strings must be valid UTF-8.
// - JSON: every unknown key, mistyped value, unknown enum name, repeated key
//   and clashing oneof member, at line:column in bytes, with the field path.
// - Binary: no locations; one "not a valid binary mcpguard.v1.Policy" error,
//   or one error per message that carries unknown fields.
// An empty textproto is a valid, empty policy. On failure out->policy is left
// empty (never half-parsed); out->locations keeps what was found.
// The format a policy file's name implies: .json JSON, .binpb/.pb binary,
// .textproto/.txtpb/.pbtxt textproto, anything else kAuto.
PolicyFormat PolicyFormatForPath(absl::string_view path);

// Reads a policy file whole, with LoadPolicyFile's errors: NotFound,
// FailedPrecondition (not a regular file), DataLoss (unreadable, cut short,
// over kMaxPolicyFileBytes).
absl::StatusOr<std::string> ReadPolicyFile(const std::string& path);

// Compiles the bytes of the policy file at `path` as LoadPolicyFile does:
// the format from the extension, the path as the diagnostics' source name.
absl::StatusOr<std::shared_ptr<const CompiledPolicy>> CompilePolicyFileBytes(
    const std::string& path, absl::string_view bytes, std::vector<Diagnostic>* diagnostics);

// kJson or kTextproto for kAuto input, as LoadPolicy resolves it; other
// formats unchanged.
PolicyFormat ResolvePolicyFormat(absl::string_view bytes, PolicyFormat format);

bool LoadPolicy(absl::string_view bytes, PolicyFormat format,
                absl::string_view source_name, LoadedPolicy* out,
                std::vector<Diagnostic>* diagnostics);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_LOADER_H_
