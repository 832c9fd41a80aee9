// Checks a loaded policy completely and builds its PolicyProgram.
#ifndef MCPGUARD_POLICY_COMPILER_H_
#define MCPGUARD_POLICY_COMPILER_H_

#include <memory>
#include <vector>

#include "mcpguard/policy.h"
#include "policy/loader.h"
#include "policy/program.h"

namespace mcpguard::internal {

// Returns the program, or null when any error was found. Every error and
// warning is appended to *diagnostics with the file, line and column of the
// field at fault (from the loader's SourceMap) and its field path. Never
// stops at the first error.
std::unique_ptr<const PolicyProgram> CompilePolicyProgram(const LoadedPolicy& loaded,
                                                          absl::string_view source_name,
                                                          std::vector<Diagnostic>* diagnostics);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_COMPILER_H_
