#include "validate/mcp_validator.h"

#include <array>
#include <memory>
#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mcpguard/verdict.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kProtocolVersionKey = "io.modelcontextprotocol/protocolVersion";

const char* SenderName(McpSender sender) {
  switch (sender) {
    case McpSender::kClient:
      return "the client";
    case McpSender::kServer:
      return "the server";
    case McpSender::kEither:
      return "either side";
  }
  return "?";
}

bool SenderMayUse(McpSender sender, Direction direction) {
  switch (sender) {
    case McpSender::kClient:
      return direction == Direction::kToServer;
    case McpSender::kServer:
      return direction == Direction::kToClient;
    case McpSender::kEither:
      return true;
  }
  return false;
}

// Moves `issues` into `unknown`, their pointers made relative to the
// message by `prefix`.
void ReportUnknown(absl::string_view prefix, std::vector<SchemaIssue>& issues,
                   std::vector<SchemaIssue>* unknown) {
  if (unknown == nullptr) return;
  for (SchemaIssue& issue : issues) {
    issue.instance_pointer = absl::StrCat(prefix, issue.instance_pointer);
    unknown->push_back(std::move(issue));
  }
}

// Fills *problem from a failed validation of the member at `prefix`.
void Fail(int code, absl::string_view what, absl::string_view prefix, absl::string_view schema,
          SchemaIssue& issue, MessageProblem* problem) {
  problem->schema = schema;
  problem->code = code;
  problem->pointer = absl::StrCat(prefix, issue.instance_pointer);
  problem->schema_pointer = std::move(issue.schema_pointer);
  problem->reason = absl::StrCat(what, " ", problem->pointer.empty() ? "/" : problem->pointer, ": ",
                                 issue.message);
}

}  // namespace

const McpValidator& McpValidator::For(McpVersion version) {
  constexpr size_t kVersions = static_cast<size_t>(kLatestMcpVersion) + 1;
  static std::array<std::unique_ptr<McpValidator>, kVersions> validators;
  static std::array<std::once_flag, kVersions> once;
  const size_t index = static_cast<size_t>(version);
  std::call_once(once[index], [&] { validators[index].reset(new McpValidator(version)); });
  return *validators[index];
}

McpValidator::McpValidator(McpVersion version)
    : version_(version), schema_(McpCompiledSchema(version)) {
  for (const McpMethodSpec& spec : McpMethods(version)) {
    Method method;
    method.spec = &spec;
    {
      // A method without params of its own still takes the generic ones
      // (_meta).
      absl::string_view def =
          spec.params_def.empty() ? McpGenericParamsDef(spec.kind) : spec.params_def;
      std::optional<CompiledSchema::Node> node = schema_.Find(def);
      method.has_params = node.has_value();
      if (node) method.params = *node;
    }
    if (!spec.result_def.empty()) {
      std::optional<CompiledSchema::Node> node = schema_.Find(spec.result_def);
      method.has_result = node.has_value();
      if (node) method.result = *node;
    }
    methods_.emplace(spec.method, method);
  }
}

const McpMethodSpec* McpValidator::Find(absl::string_view method) const {
  auto it = methods_.find(method);
  return it == methods_.end() ? nullptr : it->second.spec;
}

bool McpValidator::CheckRequest(const Envelope& envelope, Direction direction, bool allow_unknown,
                                MessageProblem* problem, std::vector<SchemaIssue>* unknown) const {
  auto it = methods_.find(envelope.method);
  if (it == methods_.end()) {
    if (allow_unknown) return true;
    problem->code = kMethodNotFound;
    problem->pointer = "/method";
    problem->reason = absl::StrCat("MCP ", McpVersionName(version_), " defines no method \"",
                                   envelope.method, "\"");
    return false;
  }
  const Method& method = it->second;
  const McpMethodSpec& spec = *method.spec;
  const bool is_request = envelope.kind == MessageKind::kRequest;
  if (is_request != (spec.kind == MessageKind::kRequest)) {
    problem->code = is_request ? kMethodNotFound : kInvalidRequest;
    problem->pointer = is_request ? "/method" : "/id";
    problem->reason =
        absl::StrCat("\"", spec.method, "\" is a ", is_request ? "notification" : "request",
                     is_request ? ", not a request" : " and needs an id");
    return false;
  }
  if (!SenderMayUse(spec.sender, direction)) {
    problem->code = kMethodNotFound;
    problem->pointer = "/method";
    problem->reason =
        absl::StrCat("\"", spec.method, "\" is sent by ", SenderName(spec.sender), ", not by the ",
                     direction == Direction::kToServer ? "client" : "server");
    return false;
  }
  if (envelope.params == nullptr) {
    if (!spec.params_required) return true;
    problem->code = kInvalidParams;
    problem->pointer = "/params";
    problem->reason = absl::StrCat("\"", spec.method, "\" needs params");
    return false;
  }
  if (!method.has_params) {
    // The definitions name no schema here (a bug the tests catch): fail
    // closed rather than pass params unchecked.
    problem->code = kInternalError;
    problem->pointer = "/params";
    problem->reason =
        absl::StrCat("mcpguard has no definition for the params of \"", spec.method, "\"");
    return false;
  }
  SchemaIssue issue;
  std::vector<SchemaIssue> found;
  if (!schema_.Validate(method.params, *envelope.params, &issue,
                        unknown != nullptr ? &found : nullptr)) {
    Fail(kInvalidParams, "invalid params:", "/params", McpSchemaName(version_), issue, problem);
    return false;
  }
  ReportUnknown("/params", found, unknown);
  return true;
}

bool McpValidator::CheckResult(absl::string_view method_name, const rapidjson::Value& result,
                               MessageProblem* problem, std::vector<SchemaIssue>* unknown) const {
  auto it = methods_.find(method_name);
  if (it == methods_.end() || !it->second.has_result) return true;
  SchemaIssue issue;
  std::vector<SchemaIssue> found;
  if (!schema_.Validate(it->second.result, result, &issue, unknown != nullptr ? &found : nullptr)) {
    Fail(kInternalError, absl::StrCat("invalid result for ", method_name, ":"), "/result",
         McpSchemaName(version_), issue,
         problem);
    return false;
  }
  ReportUnknown("/result", found, unknown);
  return true;
}

absl::string_view DeclaredProtocolVersion(const rapidjson::Value* params) {
  if (params == nullptr || !params->IsObject()) return {};
  auto meta = params->FindMember("_meta");
  if (meta == params->MemberEnd() || !meta->value.IsObject()) return {};
  auto version = meta->value.FindMember(
      rapidjson::StringRef(kProtocolVersionKey.data(), kProtocolVersionKey.size()));
  if (version == meta->value.MemberEnd() || !version->value.IsString()) return {};
  return absl::string_view(version->value.GetString(), version->value.GetStringLength());
}

}  // namespace mcpguard::internal
