// The validation steps of the Check pipeline (docs/validation.md): which
// protocol version a message speaks, MCP params and results, tool arguments
// and structured results, unknown members.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kInitializeMethod = "initialize";
constexpr absl::string_view kToolsListMethod = "tools/list";

// The version named by `object`'s "protocolVersion" member, if mcpguard
// knows it.
std::optional<McpVersion> ProtocolVersionMember(const rapidjson::Value& object) {
  auto member = object.FindMember("protocolVersion");
  if (member == object.MemberEnd() || !member->value.IsString()) return std::nullopt;
  return ParseMcpVersion(
      absl::string_view(member->value.GetString(), member->value.GetStringLength()));
}

// Fills *problem with a tool schema's failure: `issue`'s pointers under
// `base` (where the validated value sits in the message) and the schema's
// name, a string with static storage (MessageProblem::schema is a view).
void SetToolSchemaProblem(int code, absl::string_view base, absl::string_view schema,
                          SchemaIssue issue, MessageProblem* problem) {
  problem->code = code;
  problem->pointer = absl::StrCat(base, issue.instance_pointer);
  problem->schema_pointer = std::move(issue.schema_pointer);
  problem->schema = schema;
}

}  // namespace

bool SessionState::RequestVersion(const Envelope& envelope, McpVersion* version,
                                  MessageProblem* problem) {
  absl::string_view declared = DeclaredProtocolVersion(envelope.params);
  if (declared.empty() && envelope.method == kInitializeMethod && envelope.params != nullptr &&
      envelope.params->IsObject()) {
    // initialize is checked under the version the client asks for, when
    // mcpguard knows it; the server may still answer with another.
    if (std::optional<McpVersion> known = ProtocolVersionMember(*envelope.params)) {
      *version = *known;
      return true;
    }
  }
  if (declared.empty()) {
    *version = negotiated_.value_or(policy_->program().validation().default_version);
    return true;
  }
  std::optional<McpVersion> known = ParseMcpVersion(declared);
  if (!known) {
    problem->code = kInvalidParams;
    problem->pointer = "/params/_meta/io.modelcontextprotocol~1protocolVersion";
    problem->reason = absl::StrCat("protocol version \"", absl::CHexEscape(declared.substr(0, 32)),
                                   "\" is not one mcpguard can check (known: ",
                                   McpVersionList(), ")");
    return false;
  }
  *version = *known;
  return true;
}

SchemaOptions SessionState::ToolSchemaOptions(McpVersion version) const {
  SchemaOptions options;
  // JSON Schema 2020-12 is MCP's default dialect from 2025-11-25; earlier
  // servers wrote draft-07. A schema's own "$schema" wins either way.
  options.default_dialect = version >= McpVersion::k2025_11_25 ? SchemaDialect::kDraft2020_12
                                                                : SchemaDialect::kDraft7;
  const ValidationSettings& validation = policy_->program().validation();
  options.assert_formats = validation.assert_formats;
  if (validation.max_pattern_work != 0) options.max_pattern_work = validation.max_pattern_work;
  return options;
}

std::vector<SchemaIssue>* SessionState::UnknownMemberSink() {
  unknown_.clear();
  return policy_->program().validation().unknown_members == UnknownMemberHandling::kIgnore
             ? nullptr
             : &unknown_;
}

bool SessionState::HandleUnknownMembers(int code, McpVersion version, VerdictBuilder& out,
                                        MessageProblem* problem) {
  if (unknown_.empty()) return true;
  const ValidationSettings& settings = policy_->program().validation();
  if (settings.unknown_members == UnknownMemberHandling::kReject) {
    SchemaIssue& first = unknown_.front();
    problem->code = code;
    problem->pointer = first.instance_pointer;
    problem->schema_pointer = first.schema_pointer;
    problem->schema = McpSchemaName(version);
    problem->reason = absl::StrCat(first.message, " at ", first.instance_pointer,
                                   " (the specification does not declare it)");
    return false;
  }
  for (const SchemaIssue& issue : unknown_) {
    out.add_note(absl::StrCat(issue.message, " at ", issue.instance_pointer,
                              ": not in the specification; allowed"));
  }
  return true;
}

bool SessionState::ValidateRequest(const Envelope& envelope, Direction direction,
                                   McpVersion version, VerdictBuilder& out,
                                   MessageProblem* problem) {
  const ValidationSettings& settings = policy_->program().validation();
  if (!McpValidator::For(version).CheckRequest(envelope, direction,
                                               settings.allow_unknown_methods, problem,
                                               UnknownMemberSink())) {
    return false;
  }
  return HandleUnknownMembers(kInvalidParams, version, out, problem);
}

bool SessionState::ValidateToolArguments(const rapidjson::Value& params, absl::string_view tool,
                                         VerdictBuilder& out, MessageProblem* problem) {
  const ToolCatalog::Tool* listed = tools_.Find(tool);
  if (listed == nullptr) {
    if (policy_->program().validation().allow_unlisted_tools) {
      out.add_note(absl::StrCat("tool \"", tool, "\" was not listed by the server in this "
                                "session; its arguments were not checked"));
      return true;
    }
    problem->code = kInvalidParams;
    problem->pointer = "/params/name";
    problem->reason = absl::StrCat("tool \"", tool, "\" has not been listed by the server in "
                                   "this session, so its arguments cannot be checked");
    return false;
  }
  if (listed->input->schema == nullptr) {
    problem->code = kInvalidParams;
    problem->pointer = "/params/name";
    problem->reason = absl::StrCat("the server's inputSchema for tool \"", tool,
                                   "\" cannot be used: ", listed->input->error);
    return false;
  }
  static const rapidjson::Value kNoArguments(rapidjson::kObjectType);
  auto arguments = params.FindMember("arguments");
  const rapidjson::Value& value =
      arguments != params.MemberEnd() ? arguments->value : kNoArguments;
  SchemaIssue issue;
  if (listed->input->schema->Validate(value, &issue)) return true;
  const std::string message = std::move(issue.message);
  SetToolSchemaProblem(kInvalidParams, "/params/arguments", "inputSchema", std::move(issue),
                       problem);
  problem->reason = absl::StrCat("invalid arguments for tool \"", tool, "\" at ",
                                 problem->pointer, ": ", message);
  return false;
}

bool SessionState::ValidateResult(const Envelope& envelope, Direction direction,
                                  VerdictBuilder& out, MessageProblem* problem) {
  const ValidationSettings& settings = policy_->program().validation();
  const McpVersion version = static_cast<McpVersion>(taken_.tag & ~kTaskAugmentedTag);
  const rapidjson::Value& result = *envelope.result;
  if (settings.mcp_messages) {
    if (!McpValidator::For(version).CheckResult(taken_.method, result, problem,
                                                UnknownMemberSink()) ||
        !HandleUnknownMembers(kInternalError, version, out, problem)) {
      return false;
    }
  }
  // Only what the server answers teaches the session about the server.
  if (direction != Direction::kToClient) return true;
  if (taken_.method == kInitializeMethod && settings.mcp_messages) {
    const std::optional<McpVersion> known = ProtocolVersionMember(result);
    if (!known) {
      problem->code = kInternalError;
      problem->pointer = "/result/protocolVersion";
      problem->reason = absl::StrCat("the server chose a protocol version mcpguard cannot check "
                                     "(known: ", McpVersionList(), ")");
      return false;
    }
    negotiated_ = *known;
  }
  if (!settings.tool_schemas) return true;
  if (taken_.method == kToolsListMethod) {
    std::vector<std::string> notes;
    tools_.RecordListed(result, engine_->schemas, ToolSchemaOptions(version), &notes);
    for (std::string& note : notes) out.add_note(std::move(note));
    return true;
  }
  if (taken_.method != kToolsCallMethod || !taken_.has_name) return true;
  auto structured = result.FindMember("structuredContent");
  if (structured == result.MemberEnd()) return true;
  const ToolCatalog::Tool* listed = tools_.Find(taken_.name);
  if (listed == nullptr || listed->output == nullptr) return true;
  if (listed->output->schema == nullptr) {
    problem->code = kInternalError;
    problem->pointer = "/result/structuredContent";
    problem->reason = absl::StrCat("the server's outputSchema for tool \"", taken_.name,
                                   "\" cannot be used: ", listed->output->error);
    return false;
  }
  SchemaIssue issue;
  if (listed->output->schema->Validate(structured->value, &issue)) return true;
  const std::string message = std::move(issue.message);
  SetToolSchemaProblem(kInternalError, "/result/structuredContent", "outputSchema",
                       std::move(issue), problem);
  problem->reason = absl::StrCat("structured result of tool \"", taken_.name,
                                 "\" does not match its outputSchema at ", problem->pointer,
                                 ": ", message);
  return false;
}

}  // namespace mcpguard::internal
