// Differential test against the official TypeScript SDK
// (@modelcontextprotocol/sdk, pinned in package.json): its zod schemas and
// mcpguard's 2025-11-25 definitions must agree on every message of a
// generated corpus (tests/validate/sdk/generate_messages.mjs: a valid seed
// for each request, notification and result, and systematic mutations of
// each). Every disagreement is a bug in one of them: a reviewed one goes in
// kKnownDisagreements with the side that is wrong and why (docs/validation.md
// gives the evidence); any other fails the test.
//
// "Valid" for mcpguard is CheckRequest/CheckResult returning true: members
// its definitions do not declare are non-fatal findings, like zod's
// stripping of unknown keys. Skipped when node or the SDK is not installed
// (tools/setup.sh installs both).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "mcpguard/direction.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "validate/envelope.h"
#include "validate/mcp_validator.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {
namespace {

enum class WrongSide { kSdk, kMcpguard };

// A reviewed disagreement. `pattern` is a message name in which '*' matches
// any run of characters. A disagreement is explained by the first entry
// whose pattern matches its name and whose `sdk_valid` is the SDK's verdict
// (mcpguard's is the opposite). An entry that explains no disagreement fails
// the test, so the table stays true. docs/validation.md has the evidence.
struct KnownDisagreement {
  const char* pattern;
  bool sdk_valid;
  WrongSide wrong;
  const char* why;
};

constexpr KnownDisagreement kKnownDisagreements[] = {
    // AssertObjectSchema is z.custom(v => typeof v === 'object'), so arrays
    // pass where the spec has an object.
    {"*/array:*/capabilities/*", true, WrongSide::kSdk, "capability objects take arrays"},
    {"CreateMessageRequest/array:/params/metadata", true, WrongSide::kSdk,
     "CreateMessageRequest.metadata takes arrays"},
    {"*/array:*Schema/properties/*", true, WrongSide::kSdk,
     "Tool inputSchema/outputSchema property schemas take arrays"},
    // z.number() where the spec has "integer".
    {"*/fraction:*/ttl", true, WrongSide::kSdk, "Task and TaskMetadata ttl is a number"},
    {"*/fraction:*/pollInterval", true, WrongSide::kSdk, "Task pollInterval is a number"},
    {"*/fraction:*/size", true, WrongSide::kSdk, "Resource size is a number"},
    {"ElicitRequest.form/fraction:*/m*", true, WrongSide::kSdk,
     "StringSchema min/maxLength and multi-select min/maxItems are numbers"},
    {"CallToolResult.*/drop:/result/content", true, WrongSide::kSdk,
     "CallToolResult.content defaults to []; the spec requires it"},
    {"CreateMessage*.tool_result/drop:*/content/0/content", true, WrongSide::kSdk,
     "ToolResultContent.content defaults to []; the spec requires it"},
    {"ElicitResult.accept/null:/result/content", true, WrongSide::kSdk,
     "ElicitResult.content: null is preprocessed to absent; the spec wants an object"},
    {"EmptyResult.*/extra:/result", false, WrongSide::kSdk,
     "EmptyResultSchema is strict; the spec's Result allows any member"},
    {"*:*/annotations/lastModified", false, WrongSide::kSdk,
     "lastModified must be an RFC 3339 date-time in zod; the spec has a plain string"},
    {"*/bogus:*/data", false, WrongSide::kMcpguard,
     "not base64: mcpguard keeps format \"byte\" an annotation"},
    {"*/bogus:*/blob", false, WrongSide::kMcpguard,
     "not base64: mcpguard keeps format \"byte\" an annotation"},
    {"ElicitRequest.url/*:/params/url", false, WrongSide::kMcpguard,
     "not a URL: mcpguard keeps format \"uri\" an annotation"},
    {"ListRootsResult/*:/result/roots/0/uri", false, WrongSide::kMcpguard,
     "Root.uri must start with file:// (spec prose), not in the schema"},
    {"GetTaskPayloadResult.*/*related-task*", false, WrongSide::kMcpguard,
     "_meta related-task must be {taskId} (spec prose); the schema leaves _meta open"},
};

// Glob match with '*' only.
bool Matches(absl::string_view pattern, absl::string_view name) {
  size_t star = pattern.find('*');
  if (star == absl::string_view::npos) return pattern == name;
  if (!absl::StartsWith(name, pattern.substr(0, star))) return false;
  pattern.remove_prefix(star + 1);
  name.remove_prefix(star);
  for (size_t i = 0; i <= name.size(); ++i) {
    if (Matches(pattern, name.substr(i))) return true;
  }
  return false;
}

std::string FindOnPath(absl::string_view program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':', absl::SkipEmpty())) {
    std::string candidate = absl::StrCat(dir, "/", program);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

std::string ShellQuote(absl::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

// Runs `command` and returns its standard output; false if it failed.
bool RunCommand(const std::string& command, std::string* out) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return false;
  char buffer[1 << 16];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out->append(buffer, n);
  return pclose(pipe) == 0;
}

struct McpguardVerdict {
  bool valid = true;
  std::string problem;  // "code pointer: reason" when invalid.
};

McpguardVerdict Check(absl::string_view kind, Direction direction, absl::string_view method,
                      const rapidjson::Value& message) {
  McpguardVerdict verdict;
  Envelope envelope;
  EnvelopeError envelope_error;
  if (!ParseEnvelope(message, &envelope, &envelope_error)) {
    verdict.valid = false;
    verdict.problem = absl::StrCat("envelope ", envelope_error.code, " ",
                                   envelope_error.pointer, ": ", envelope_error.message);
    return verdict;
  }
  const McpValidator& validator = McpValidator::For(McpVersion::k2025_11_25);
  MessageProblem problem;
  std::vector<SchemaIssue> unknown;  // Non-fatal; exercised, not compared.
  if (kind == "result") {
    if (envelope.kind != MessageKind::kResponse || envelope.result == nullptr) {
      verdict.valid = false;
      verdict.problem = "not a result response";
      return verdict;
    }
    verdict.valid = validator.CheckResult(method, *envelope.result, &problem, &unknown);
  } else {
    verdict.valid =
        validator.CheckRequest(envelope, direction, /*allow_unknown=*/false, &problem, &unknown);
  }
  if (!verdict.valid) {
    verdict.problem = absl::StrCat(problem.code, " ", problem.pointer, " (",
                                   problem.schema_pointer, "): ", problem.reason);
  }
  return verdict;
}

// The index of the entry that explains a disagreement on `name` where the
// SDK said `sdk_valid`, or the table's size if none does.
size_t Explain(absl::string_view name, bool sdk_valid) {
  size_t i = 0;
  while (i < std::size(kKnownDisagreements) &&
         !(kKnownDisagreements[i].sdk_valid == sdk_valid &&
           Matches(kKnownDisagreements[i].pattern, name))) {
    ++i;
  }
  return i;
}

absl::string_view Member(const rapidjson::Value& line, const char* name) {
  auto it = line.FindMember(name);
  if (it == line.MemberEnd() || !it->value.IsString()) return {};
  return absl::string_view(it->value.GetString(), it->value.GetStringLength());
}

TEST(SdkDifferential, SdkAndMcpguardAgreeOn2025_11_25Corpus) {
  const char* env_source = std::getenv("MCPGUARD_SOURCE_DIR");
  const std::string source = env_source != nullptr ? env_source : MCPGUARD_SOURCE_DIR;
  const std::string node = FindOnPath("node");
  const std::string sdk = source + "/node_modules/@modelcontextprotocol/sdk/package.json";
  if (node.empty()) GTEST_SKIP() << "node is not on PATH";
  if (access(sdk.c_str(), R_OK) != 0) {
    GTEST_SKIP() << "the TypeScript SDK is not installed (" << sdk
                 << " missing; run npm ci in " << source << ")";
  }
  const std::string generator = source + "/tests/validate/sdk/generate_messages.mjs";
  std::string output;
  ASSERT_TRUE(RunCommand(ShellQuote(node) + " " + ShellQuote(generator), &output))
      << "the generator failed: " << generator;

  std::vector<int> explained(std::size(kKnownDisagreements), 0);
  int messages = 0, sdk_valid_count = 0, agreements = 0, known = 0;
  for (absl::string_view text : absl::StrSplit(output, '\n', absl::SkipEmpty())) {
    rapidjson::Document line;
    line.Parse(text.data(), text.size());
    ASSERT_FALSE(line.HasParseError()) << "generator line " << messages + 1;
    ASSERT_TRUE(line.IsObject() && line.HasMember("message") && line.HasMember("sdk_valid") &&
                line["sdk_valid"].IsBool());
    ++messages;
    const std::string name(Member(line, "name"));
    const absl::string_view kind = Member(line, "kind");
    const Direction direction =
        Member(line, "direction") == "to_client" ? Direction::kToClient : Direction::kToServer;
    const bool sdk_valid = line["sdk_valid"].GetBool();
    sdk_valid_count += sdk_valid ? 1 : 0;
    const McpguardVerdict ours = Check(kind, direction, Member(line, "method"), line["message"]);
    if (ours.valid == sdk_valid) {
      ++agreements;
      continue;
    }
    const size_t entry = Explain(name, sdk_valid);
    if (entry < std::size(kKnownDisagreements)) {
      ++known;
      ++explained[entry];
      continue;
    }
    ADD_FAILURE() << "disagreement on " << name << " (" << Member(line, "direction") << " "
                  << kind << " " << Member(line, "method") << ")\n"
                  << "  sdk: " << (sdk_valid ? "valid" : "invalid") << " "
                  << Member(line, "sdk_error") << "\n"
                  << "  mcpguard: " << (ours.valid ? "valid" : "invalid") << " " << ours.problem
                  << "\n  line: " << text.substr(0, 600);
  }
  std::cout << "SDK differential: " << messages << " messages, " << sdk_valid_count
            << " valid and " << messages - sdk_valid_count << " invalid per the SDK, "
            << agreements << " agreements, " << known << " known disagreements\n";
  for (size_t i = 0; i < std::size(kKnownDisagreements); ++i) {
    const KnownDisagreement& k = kKnownDisagreements[i];
    std::cout << "  " << explained[i] << "  " << k.pattern << "  ("
              << (k.wrong == WrongSide::kSdk ? "SDK" : "mcpguard") << "): " << k.why << "\n";
    EXPECT_GT(explained[i], 0) << "known disagreement " << k.pattern
                               << " no longer occurs; remove it from the table";
  }
  EXPECT_GT(messages, 1000) << "the corpus is unexpectedly small";
  EXPECT_GT(sdk_valid_count, 0);
  EXPECT_LT(sdk_valid_count, messages);
}

}  // namespace
}  // namespace mcpguard::internal
