// Reads a policy test file: a mcpguard.v1.PolicyTestSuite
// (proto/mcpguard/v1/policy_test.proto) written as textproto.
#ifndef MCPGUARD_TOOLS_TEST_FILE_H_
#define MCPGUARD_TOOLS_TEST_FILE_H_

#include <string>
#include <vector>

#include "mcpguard/policy.h"
#include "mcpguard/v1/policy_test.pb.h"
#include "policy/loader.h"

namespace mcpguard::cli {

struct TestFile {
  std::string path;
  mcpguard::v1::PolicyTestSuite suite;
  // Field path ("cases[2].checks[0]") -> line and column in the file.
  internal::SourceMap locations;

  // The 1-based line of `field` (or of its closest written parent); 0 when
  // unknown.
  int LineOf(const std::string& field) const { return locations.Find(field).first; }
};

// Reads and parses the file at `path`, then checks what the proto cannot
// say: every case has a unique name and at least one check, every check
// an expectation with a decision, replacements are JSON, claims are named
// once. Appends every problem to *diagnostics (file:line:column, field
// path) and returns false if there is any; *out is then not to be run.
bool LoadTestFile(const std::string& path, TestFile* out, std::vector<Diagnostic>* diagnostics);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_TEST_FILE_H_
