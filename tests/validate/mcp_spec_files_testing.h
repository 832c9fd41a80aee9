// Test support: locating and reading the published MCP schemas and examples
// (reference data outside the repository, found through MCPGUARD_SPEC_DIR).
#ifndef MCPGUARD_TESTS_VALIDATE_MCP_SPEC_FILES_TESTING_H_
#define MCPGUARD_TESTS_VALIDATE_MCP_SPEC_FILES_TESTING_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal::testing_spec {

// The value of MCPGUARD_SPEC_DIR, or nullopt when it is unset or empty.
std::optional<std::string> SpecDir();

// Parses the JSON file at `path` into *doc. False (with *error) when the
// file cannot be read or is not JSON.
bool ReadJsonFile(const std::string& path, rapidjson::Document* doc, std::string* error);

// <spec_dir>/<version>/schema.json
std::string OfficialSchemaPath(const std::string& spec_dir, McpVersion version);

// Sorted names of the entries of directory `dir` (files and directories,
// without "." and ".."); empty when it cannot be read.
std::vector<std::string> ListDir(const std::string& dir);

// The official schema's definitions object ("definitions" in draft-07
// files, "$defs" in 2020-12 ones), or null.
const rapidjson::Value* OfficialDefs(const rapidjson::Document& schema);

// "#/definitions/Tool" or "#/$defs/Tool" -> "Tool"; "" for anything else.
std::string RefName(absl::string_view ref);

// "v2025_06_18": a GoogleTest parameter name for a version.
std::string VersionTestName(const ::testing::TestParamInfo<McpVersion>& param);

}  // namespace mcpguard::internal::testing_spec

#endif  // MCPGUARD_TESTS_VALIDATE_MCP_SPEC_FILES_TESTING_H_
