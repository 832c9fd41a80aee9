// The unions of everything each side sends, as the spec lists them. The
// method table (mcp_schema.cc) is checked against these by the tests.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// anyOf of "<stem><suffix>" for each stem.
Schema UnionOf(const std::vector<const char*>& stems, absl::string_view suffix) {
  std::vector<Schema> branches;
  for (const char* stem : stems) branches.push_back(Ref(absl::StrCat(stem, suffix)));
  return AnyOfList(std::move(branches));
}

}  // namespace

void AddMessageUnionDefs(McpVersion v, SchemaDefs* defs) {
  std::vector<const char*> client_requests;
  std::vector<const char*> server_requests;
  std::vector<const char*> client_notifications;
  std::vector<const char*> server_notifications;
  std::vector<const char*> client_results;
  std::vector<const char*> server_results;
  if (v < k0728) {
    client_requests = {"Initialize",   "Ping",      "ListResources", "ListResourceTemplates",
                       "ReadResource", "Subscribe", "Unsubscribe",   "ListPrompts",
                       "GetPrompt",    "ListTools", "CallTool",      "SetLevel",
                       "Complete"};
    server_requests = {"Ping", "CreateMessage", "ListRoots"};
    client_notifications = {"Cancelled", "Initialized", "Progress", "RootsListChanged"};
    server_notifications = {"Cancelled",       "Progress",          "ResourceListChanged",
                            "ResourceUpdated", "PromptListChanged", "ToolListChanged",
                            "LoggingMessage"};
    client_results = {"CreateMessage", "ListRoots"};
    server_results = {"Initialize",   "ListResources", "ListResourceTemplates",
                      "ReadResource", "ListPrompts",   "GetPrompt",
                      "ListTools",    "CallTool",      "Complete"};
    if (v >= k0618) {
      server_requests.push_back("Elicit");
      client_results.push_back("Elicit");
    }
    if (v >= k1125) {
      for (const char* task : {"GetTask", "GetTaskPayload", "CancelTask", "ListTasks"}) {
        client_requests.push_back(task);
        server_requests.push_back(task);
        client_results.push_back(task);
        server_results.push_back(task);
      }
      client_notifications.push_back("TaskStatus");
      server_notifications.push_back("TaskStatus");
      server_notifications.push_back("ElicitationComplete");
    }
  } else {
    // Stateless: the server sends no requests (it asks for input in its
    // results), and the client's only notification is a cancellation.
    client_requests = {"Discover",     "ListResources",       "ListResourceTemplates",
                       "ReadResource", "SubscriptionsListen", "ListPrompts",
                       "GetPrompt",    "ListTools",           "CallTool",
                       "Complete"};
    server_notifications = {
        "Cancelled",       "Progress",          "ResourceListChanged", "SubscriptionsAcknowledged",
        "ResourceUpdated", "PromptListChanged", "ToolListChanged",     "LoggingMessage"};
    server_results = {"InputRequired", "Discover",
                      "ListResources", "ListResourceTemplates",
                      "ReadResource",  "SubscriptionsListen",
                      "ListPrompts",   "GetPrompt",
                      "ListTools",     "CallTool",
                      "Complete"};
  }
  defs->Add("ClientRequest", UnionOf(client_requests, "Request"));
  if (!server_requests.empty()) defs->Add("ServerRequest", UnionOf(server_requests, "Request"));
  if (v >= k0728) {
    defs->Add("ClientNotification", Ref("CancelledNotification"));
    defs->Add("ClientResult", Ref("Result"));
  } else {
    defs->Add("ClientNotification", UnionOf(client_notifications, "Notification"));
    client_results.push_back("");  // Any other result: the generic Result.
    defs->Add("ClientResult", UnionOf(client_results, "Result"));
  }
  defs->Add("ServerNotification", UnionOf(server_notifications, "Notification"));
  server_results.push_back("");
  defs->Add("ServerResult", UnionOf(server_results, "Result"));
}

}  // namespace mcpguard::internal::mcp_defs
