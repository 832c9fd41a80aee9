// Reading and rewriting audit log files in tests.
#ifndef MCPGUARD_TESTS_AUDIT_AUDIT_FILE_TESTING_H_
#define MCPGUARD_TESTS_AUDIT_AUDIT_FILE_TESTING_H_

#include <memory>
#include <string>
#include <vector>

#include "mcpguard/audit.h"

namespace mcpguard::test_support {

// The file's lines, without newlines.
std::vector<std::string> ReadLines(const std::string& path);
// Replaces the file with `lines`, each followed by a newline.
void WriteLines(const std::string& path, const std::vector<std::string>& lines);
// Everything in the file.
std::string ReadAll(const std::string& path);

// A JSON Lines sink at `path` that must open.
std::unique_ptr<AuditSink> MustOpenSink(JsonLinesSinkOptions options);

// A small event object: {"event.name":"MESSAGE","n":<n>}.
std::string TestEvent(int n);

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_AUDIT_AUDIT_FILE_TESTING_H_
