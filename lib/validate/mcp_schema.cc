#include "validate/mcp_schema.h"

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "validate/mcp_defs.h"
#include "validate/schema_builder.h"

namespace mcpguard::internal {
namespace {

constexpr size_t kVersions = 4;

size_t Index(McpVersion v) { return static_cast<size_t>(v); }

rapidjson::Document BuildDocument(McpVersion v) {
  schema_builder::SchemaDefs defs;
  mcp_defs::AddBaseDefs(v, &defs);
  mcp_defs::AddLifecycleDefs(v, &defs);
  mcp_defs::AddContentDefs(v, &defs);
  mcp_defs::AddToolDefs(v, &defs);
  mcp_defs::AddResourceDefs(v, &defs);
  mcp_defs::AddPromptDefs(v, &defs);
  mcp_defs::AddClientFeatureDefs(v, &defs);
  mcp_defs::AddTaskDefs(v, &defs);
  mcp_defs::AddMessageUnionDefs(v, &defs);
  return defs.ToDocument();
}

// --- The method table.

constexpr McpVersion k0618 = McpVersion::k2025_06_18;
constexpr McpVersion k1125 = McpVersion::k2025_11_25;
constexpr McpVersion k0728 = McpVersion::k2026_07_28;

struct MethodTable {
  std::vector<McpMethodSpec> methods;
  absl::flat_hash_map<absl::string_view, size_t> by_name;
};

McpMethodSpec Request(absl::string_view method, McpSender sender, absl::string_view params_def,
                      bool params_required, absl::string_view result_def,
                      absl::string_view message_def) {
  return McpMethodSpec{
      method, MessageKind::kRequest, sender, params_def, params_required, result_def, message_def};
}

McpMethodSpec Notification(absl::string_view method, McpSender sender, absl::string_view params_def,
                           bool params_required, absl::string_view message_def) {
  return McpMethodSpec{
      method, MessageKind::kNotification, sender, params_def, params_required, "", message_def};
}

std::vector<McpMethodSpec> BuildMethods(McpVersion v) {
  constexpr McpSender kClient = McpSender::kClient;
  constexpr McpSender kServer = McpSender::kServer;
  constexpr McpSender kEither = McpSender::kEither;
  const bool stateless = v >= k0728;
  const bool tasks = v == k1125;
  std::vector<McpMethodSpec> m;

  // Lifecycle.
  if (stateless) {
    m.push_back(Request("server/discover", kClient, "/$defs/RequestParams", true,
                        "/$defs/DiscoverResult", "/$defs/DiscoverRequest"));
  } else {
    m.push_back(Request("initialize", kClient, "/$defs/InitializeRequestParams", true,
                        "/$defs/InitializeResult", "/$defs/InitializeRequest"));
    m.push_back(Notification("notifications/initialized", kClient, "", false,
                             "/$defs/InitializedNotification"));
    m.push_back(Request("ping", kEither, "", false, "/$defs/EmptyResult", "/$defs/PingRequest"));
  }
  m.push_back(Notification("notifications/cancelled", kEither, "/$defs/CancelledNotificationParams",
                           true, "/$defs/CancelledNotification"));
  m.push_back(Notification("notifications/progress", stateless ? kServer : kEither,
                           "/$defs/ProgressNotificationParams", true,
                           "/$defs/ProgressNotification"));

  // Tools.
  m.push_back(Request("tools/list", kClient, "/$defs/PaginatedRequestParams", stateless,
                      "/$defs/ListToolsResult", "/$defs/ListToolsRequest"));
  m.push_back(Request("tools/call", kClient, "/$defs/CallToolRequestParams", true,
                      stateless ? "/$defs/CallToolResultResponse/properties/result"
                      : tasks   ? "/$defs/CallToolResultOrTask"
                                : "/$defs/CallToolResult",
                      "/$defs/CallToolRequest"));
  m.push_back(Notification("notifications/tools/list_changed", kServer, "", false,
                           "/$defs/ToolListChangedNotification"));

  // Resources.
  m.push_back(Request("resources/list", kClient, "/$defs/PaginatedRequestParams", stateless,
                      "/$defs/ListResourcesResult", "/$defs/ListResourcesRequest"));
  m.push_back(Request("resources/templates/list", kClient, "/$defs/PaginatedRequestParams",
                      stateless, "/$defs/ListResourceTemplatesResult",
                      "/$defs/ListResourceTemplatesRequest"));
  m.push_back(Request("resources/read", kClient, "/$defs/ReadResourceRequestParams", true,
                      stateless ? "/$defs/ReadResourceResultResponse/properties/result"
                                : "/$defs/ReadResourceResult",
                      "/$defs/ReadResourceRequest"));
  if (stateless) {
    m.push_back(Request("subscriptions/listen", kClient, "/$defs/SubscriptionsListenRequestParams",
                        true, "/$defs/SubscriptionsListenResult",
                        "/$defs/SubscriptionsListenRequest"));
    m.push_back(Notification("notifications/subscriptions/acknowledged", kServer,
                             "/$defs/SubscriptionsAcknowledgedNotificationParams", true,
                             "/$defs/SubscriptionsAcknowledgedNotification"));
  } else {
    m.push_back(Request("resources/subscribe", kClient, "/$defs/SubscribeRequestParams", true,
                        "/$defs/EmptyResult", "/$defs/SubscribeRequest"));
    m.push_back(Request("resources/unsubscribe", kClient, "/$defs/UnsubscribeRequestParams", true,
                        "/$defs/EmptyResult", "/$defs/UnsubscribeRequest"));
  }
  m.push_back(Notification("notifications/resources/list_changed", kServer, "", false,
                           "/$defs/ResourceListChangedNotification"));
  m.push_back(Notification("notifications/resources/updated", kServer,
                           "/$defs/ResourceUpdatedNotificationParams", true,
                           "/$defs/ResourceUpdatedNotification"));

  // Prompts and completion.
  m.push_back(Request("prompts/list", kClient, "/$defs/PaginatedRequestParams", stateless,
                      "/$defs/ListPromptsResult", "/$defs/ListPromptsRequest"));
  m.push_back(Request(
      "prompts/get", kClient, "/$defs/GetPromptRequestParams", true,
      stateless ? "/$defs/GetPromptResultResponse/properties/result" : "/$defs/GetPromptResult",
      "/$defs/GetPromptRequest"));
  m.push_back(Notification("notifications/prompts/list_changed", kServer, "", false,
                           "/$defs/PromptListChangedNotification"));
  m.push_back(Request("completion/complete", kClient, "/$defs/CompleteRequestParams", true,
                      "/$defs/CompleteResult", "/$defs/CompleteRequest"));

  // Logging.
  if (!stateless) {
    m.push_back(Request("logging/setLevel", kClient, "/$defs/SetLevelRequestParams", true,
                        "/$defs/EmptyResult", "/$defs/SetLevelRequest"));
  }
  m.push_back(Notification("notifications/message", kServer,
                           "/$defs/LoggingMessageNotificationParams", true,
                           "/$defs/LoggingMessageNotification"));

  // Requests to the client. In 2026-07-28 they only travel inside results.
  if (!stateless) {
    m.push_back(Request("sampling/createMessage", kServer, "/$defs/CreateMessageRequestParams",
                        true,
                        tasks ? "/$defs/CreateMessageResultOrTask" : "/$defs/CreateMessageResult",
                        "/$defs/CreateMessageRequest"));
    m.push_back(Request("roots/list", kServer, "", false, "/$defs/ListRootsResult",
                        "/$defs/ListRootsRequest"));
    m.push_back(Notification("notifications/roots/list_changed", kClient, "", false,
                             "/$defs/RootsListChangedNotification"));
    if (v >= k0618) {
      m.push_back(Request("elicitation/create", kServer, "/$defs/ElicitRequestParams", true,
                          tasks ? "/$defs/ElicitResultOrTask" : "/$defs/ElicitResult",
                          "/$defs/ElicitRequest"));
    }
  }

  if (tasks) {
    m.push_back(Notification("notifications/elicitation/complete", kServer,
                             "/$defs/ElicitationCompleteNotificationParams", true,
                             "/$defs/ElicitationCompleteNotification"));
    m.push_back(Request("tasks/get", kEither, "/$defs/GetTaskRequestParams", true,
                        "/$defs/GetTaskResult", "/$defs/GetTaskRequest"));
    m.push_back(Request("tasks/result", kEither, "/$defs/GetTaskPayloadRequestParams", true,
                        "/$defs/GetTaskPayloadResult", "/$defs/GetTaskPayloadRequest"));
    m.push_back(Request("tasks/cancel", kEither, "/$defs/CancelTaskRequestParams", true,
                        "/$defs/CancelTaskResult", "/$defs/CancelTaskRequest"));
    m.push_back(Request("tasks/list", kEither, "/$defs/PaginatedRequestParams", false,
                        "/$defs/ListTasksResult", "/$defs/ListTasksRequest"));
    m.push_back(Notification("notifications/tasks/status", kEither,
                             "/$defs/TaskStatusNotificationParams", true,
                             "/$defs/TaskStatusNotification"));
  }
  return m;
}

const MethodTable& Methods(McpVersion v) {
  static const std::array<MethodTable, kVersions>* tables = [] {
    auto* t = new std::array<MethodTable, kVersions>();
    for (McpVersion version : AllMcpVersions()) {
      MethodTable& table = (*t)[Index(version)];
      table.methods = BuildMethods(version);
      for (size_t i = 0; i < table.methods.size(); ++i) {
        table.by_name.emplace(table.methods[i].method, i);
      }
    }
    return t;
  }();
  return (*tables)[Index(v)];
}

}  // namespace

const rapidjson::Document& McpSchemaDocument(McpVersion version) {
  // Built once per version on first use; never destroyed (views into the
  // documents may outlive static destruction order).
  static std::array<absl::once_flag, kVersions> once;
  static std::array<rapidjson::Document*, kVersions> docs{};
  size_t i = Index(version);
  absl::call_once(once[i],
                  [i, version] { docs[i] = new rapidjson::Document(BuildDocument(version)); });
  return *docs[i];
}

const CompiledSchema& McpCompiledSchema(McpVersion version) {
  static std::array<absl::once_flag, kVersions> once;
  static std::array<const CompiledSchema*, kVersions> compiled{};
  size_t i = Index(version);
  absl::call_once(once[i], [i, version] {
    auto result = CompiledSchema::Compile(McpSchemaDocument(version));
    if (result.ok()) {
      compiled[i] = result->release();
      return;
    }
    // Fail closed: `false`, the schema no instance satisfies (and under
    // which no definition can be found).
    rapidjson::Document reject;
    reject.SetBool(false);
    auto fallback = CompiledSchema::Compile(reject);
    compiled[i] = fallback.ok() ? fallback->release() : nullptr;
  });
  return *compiled[i];
}

absl::Span<const McpMethodSpec> McpMethods(McpVersion version) { return Methods(version).methods; }

const McpMethodSpec* FindMcpMethod(McpVersion version, absl::string_view method) {
  const MethodTable& table = Methods(version);
  auto it = table.by_name.find(method);
  return it == table.by_name.end() ? nullptr : &table.methods[it->second];
}

absl::string_view McpGenericParamsDef(MessageKind kind) {
  return kind == MessageKind::kNotification ? "/$defs/NotificationParams" : "/$defs/RequestParams";
}

absl::string_view McpErrorDef(McpVersion version, int64_t code) {
  if (version == k1125 && code == -32042)
    return "/$defs/URLElicitationRequiredError/properties/error";
  if (version >= k0728) {
    switch (code) {
      case -32700:
        return "/$defs/ParseError";
      case -32600:
        return "/$defs/InvalidRequestError";
      case -32601:
        return "/$defs/MethodNotFoundError";
      case -32602:
        return "/$defs/InvalidParamsError";
      case -32603:
        return "/$defs/InternalError";
      case -32020:
        return "/$defs/HeaderMismatchError/properties/error";
      case -32021:
        return "/$defs/MissingRequiredClientCapabilityError/properties/error";
      case -32022:
        return "/$defs/UnsupportedProtocolVersionError/properties/error";
      default:
        break;
    }
  }
  return "/$defs/Error";
}

absl::string_view McpSchemaName(McpVersion version) {
  switch (version) {
    case McpVersion::k2025_03_26: return "mcp-2025-03-26";
    case McpVersion::k2025_06_18: return "mcp-2025-06-18";
    case McpVersion::k2025_11_25: return "mcp-2025-11-25";
    case McpVersion::k2026_07_28: return "mcp-2026-07-28";
  }
  return "mcp";
}

}  // namespace mcpguard::internal
