// The public entry points of mcpguard/policy.h: load, compile, and the
// CompiledPolicy wrapper around a PolicyProgram.
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/read_file.h"
#include "mcpguard/policy.h"
#include "policy/compiler.h"
#include "policy/loader.h"
#include "policy/program.h"

namespace mcpguard {
CompiledPolicy::CompiledPolicy(std::unique_ptr<const internal::PolicyProgram> program)
    : program_(std::move(program)) {}

CompiledPolicy::~CompiledPolicy() = default;

std::string_view CompiledPolicy::name() const { return program_->name(); }
size_t CompiledPolicy::rule_count() const { return program_->rules().size(); }
bool CompiledPolicy::audit_mode() const { return program_->audit_mode(); }
std::string_view CompiledPolicy::hash() const { return program_->hash(); }

absl::StatusOr<std::shared_ptr<const CompiledPolicy>> CompilePolicy(
    std::string_view bytes, const PolicyLoadOptions& options,
    std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> local;
  std::vector<Diagnostic>& diags = diagnostics != nullptr ? *diagnostics : local;
  size_t first = diags.size();
  internal::LoadedPolicy loaded;
  absl::string_view input(bytes.data(), bytes.size());
  std::unique_ptr<const internal::PolicyProgram> program;
  if (internal::LoadPolicy(input, options.format, options.source_name, &loaded, &diags)) {
    program = internal::CompilePolicyProgram(loaded, options.source_name, &diags);
  }
  if (program == nullptr) {
    std::vector<std::string> lines;
    for (size_t i = first; i < diags.size(); ++i) {
      if (diags[i].severity == Diagnostic::Severity::kError) lines.push_back(diags[i].ToString());
    }
    if (lines.empty()) lines.push_back(absl::StrCat(options.source_name, ": invalid policy"));
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }
  return std::make_shared<const CompiledPolicy>(std::move(program));
}

absl::StatusOr<std::shared_ptr<const CompiledPolicy>> LoadPolicyFile(
    const std::string& path, std::vector<Diagnostic>* diagnostics) {
  absl::StatusOr<std::string> contents = internal::ReadPolicyFile(path);
  if (!contents.ok()) return contents.status();
  return internal::CompilePolicyFileBytes(path, *contents, diagnostics);
}

namespace internal {

absl::StatusOr<std::shared_ptr<const CompiledPolicy>> CompilePolicyFileBytes(
    const std::string& path, absl::string_view bytes, std::vector<Diagnostic>* diagnostics) {
  PolicyLoadOptions options;
  options.source_name = path;
  options.format = PolicyFormatForPath(path);
  return CompilePolicy(std::string_view(bytes.data(), bytes.size()), options, diagnostics);
}

absl::StatusOr<std::string> ReadPolicyFile(const std::string& path) {
  // A directory (read as empty) or a file cut short by a read error would
  // load a policy other than the one meant: both are errors.
  absl::StatusOr<std::string> contents = ReadRegularFile(path, kMaxPolicyFileBytes);
  if (contents.ok()) return contents;
  switch (contents.status().code()) {
    case absl::StatusCode::kNotFound:
      return absl::NotFoundError(absl::StrCat(path, ": no such policy file"));
    case absl::StatusCode::kFailedPrecondition: return contents.status();
    default: return absl::DataLossError(contents.status().message());
  }
}

}  // namespace internal
}  // namespace mcpguard
