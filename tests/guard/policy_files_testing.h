// Policy files on disk for the reload and watcher tests.
#ifndef MCPGUARD_TESTS_GUARD_POLICY_FILES_TESTING_H_
#define MCPGUARD_TESTS_GUARD_POLICY_FILES_TESTING_H_

#include <memory>
#include <string>

#include "mcpguard/guard.h"
#include "support/temp_dir.h"

namespace mcpguard::testing_files {

using test_support::TempDir;

// Writes `contents` to `path` the way a careful deployer does: a temporary
// file beside it, renamed over it. Fails the test on error.
void WriteFileAtomically(const std::string& path, const std::string& contents);

// A textproto policy named `name` whose only rule gives tools/call of tool
// "t" the effect `effect` ("ALLOW" or "DENY"), rule id = `name`.
std::string ToolPolicy(const std::string& name, const std::string& effect);

// Writes ToolPolicy("allow-t", "ALLOW") to `path` and starts an engine on
// that file. Null, with a test failure, if either step fails.
std::unique_ptr<Engine> EngineOnNewFile(const std::string& path);

}  // namespace mcpguard::testing_files

#endif  // MCPGUARD_TESTS_GUARD_POLICY_FILES_TESTING_H_
