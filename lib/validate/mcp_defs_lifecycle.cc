// Lifecycle and utilities: implementation info and capabilities, the
// initialize handshake (until 2025-11-25) or server/discover (2026-07-28),
// ping, cancellation, progress and logging.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// A capability whose settings are free-form ("object" in the spec).
Schema OpenCapability(McpVersion v) { return v >= k0728 ? Ref("JSONObject") : OpenObj(); }

Schema ListChanged() { return Obj().Opt("listChanged", Bool()); }

Schema ClientCapabilities(McpVersion v) {
  Schema caps = Obj().Opt("experimental", MapOf(OpenCapability(v)));
  // roots/list_changed is gone in 2026-07-28; the capability has no declared
  // settings left.
  caps.Opt("roots", v >= k0728 ? OpenObj() : ListChanged());
  if (v >= k1125) {
    caps.Opt("sampling", Obj().Opt("context", OpenCapability(v)).Opt("tools", OpenCapability(v)));
    caps.Opt("elicitation", Obj().Opt("form", OpenCapability(v)).Opt("url", OpenCapability(v)));
  } else {
    caps.Opt("sampling", OpenObj());
    if (v >= k0618) caps.Opt("elicitation", OpenObj());
  }
  if (v == k1125) {
    caps.Opt("tasks",
             Obj()
                 .Opt("list", OpenObj())
                 .Opt("cancel", OpenObj())
                 .Opt("requests", Obj()
                                      .Opt("sampling", Obj().Opt("createMessage", OpenObj()))
                                      .Opt("elicitation", Obj().Opt("create", OpenObj()))));
  }
  if (v >= k0728) caps.Opt("extensions", MapOf(Ref("JSONObject")));
  return caps;
}

Schema ServerCapabilities(McpVersion v) {
  Schema caps = Obj()
                    .Opt("experimental", MapOf(OpenCapability(v)))
                    .Opt("logging", OpenCapability(v))
                    .Opt("completions", OpenCapability(v))
                    .Opt("prompts", ListChanged())
                    .Opt("resources", ListChanged().Opt("subscribe", Bool()))
                    .Opt("tools", ListChanged());
  if (v == k1125) {
    caps.Opt("tasks", Obj()
                          .Opt("list", OpenObj())
                          .Opt("cancel", OpenObj())
                          .Opt("requests", Obj().Opt("tools", Obj().Opt("call", OpenObj()))));
  }
  if (v >= k0728) caps.Opt("extensions", MapOf(Ref("JSONObject")));
  return caps;
}

Schema Implementation(McpVersion v) {
  Schema impl = Obj().Req("name", Str()).Req("version", Str());
  if (v >= k0618) impl.Opt("title", Str());
  if (v >= k1125) {
    impl.Opt("description", Str()).Opt("icons", ArrOf(Ref("Icon"))).Opt("websiteUrl", Uri());
  }
  return impl;
}

void AddHandshakeDefs(McpVersion v, SchemaDefs* defs) {
  if (v >= k0728) {
    // Stateless: each request says who it is; discovery replaces initialize.
    defs->Add("DiscoverRequest", RequestMessage(v, "server/discover", Ref("RequestParams"), true));
    defs->Add("DiscoverResult", CacheableResultBase(v)
                                    .Req("supportedVersions", ArrOf(Str()))
                                    .Req("capabilities", Ref("ServerCapabilities"))
                                    .Opt("instructions", Str()));
    defs->Add("DiscoverResultResponse", ResultResponse(Ref("DiscoverResult")));
    defs->Add("CacheableResult", CacheableResultBase(v));
    return;
  }
  defs->Add("InitializeRequestParams", RequestParamsBase(v)
                                           .Req("protocolVersion", Str())
                                           .Req("capabilities", Ref("ClientCapabilities"))
                                           .Req("clientInfo", Ref("Implementation")));
  defs->Add("InitializeRequest",
            RequestMessage(v, "initialize", Ref("InitializeRequestParams"), true));
  defs->Add("InitializeResult", ResultBase(v)
                                    .Req("protocolVersion", Str())
                                    .Req("capabilities", Ref("ServerCapabilities"))
                                    .Req("serverInfo", Ref("Implementation"))
                                    .Opt("instructions", Str()));
  defs->Add("InitializedNotification",
            NotificationMessage(v, "notifications/initialized", Ref("NotificationParams"), false));
  defs->Add("PingRequest", RequestMessage(v, "ping", Ref("RequestParams"), false));
}

}  // namespace

void AddLifecycleDefs(McpVersion v, SchemaDefs* defs) {
  defs->Add("Implementation", Implementation(v));
  defs->Add("ClientCapabilities", ClientCapabilities(v));
  defs->Add("ServerCapabilities", ServerCapabilities(v));
  AddHandshakeDefs(v, defs);

  // Cancellation. The request id became optional in 2025-11-25 (a task is
  // cancelled with tasks/cancel instead) and required again after.
  Schema cancelled = NotificationParamsBase(v).Opt("reason", Str());
  if (v == k1125) {
    cancelled.Opt("requestId", Ref("RequestId"));
  } else {
    cancelled.Req("requestId", Ref("RequestId"));
  }
  defs->Add("CancelledNotificationParams", cancelled);
  defs->Add("CancelledNotification", NotificationMessage(v, "notifications/cancelled",
                                                         Ref("CancelledNotificationParams"), true));

  // Progress.
  defs->Add("ProgressNotificationParams", NotificationParamsBase(v)
                                              .Req("progressToken", Ref("ProgressToken"))
                                              .Req("progress", Num())
                                              .Opt("total", Num())
                                              .Opt("message", Str()));
  defs->Add("ProgressNotification", NotificationMessage(v, "notifications/progress",
                                                        Ref("ProgressNotificationParams"), true));

  // Logging. From 2026-07-28 the level travels in each request's _meta.
  defs->Add("LoggingLevel", Enum({"debug", "info", "notice", "warning", "error", "critical",
                                  "alert", "emergency"}));
  if (v < k0728) {
    defs->Add("SetLevelRequestParams", RequestParamsBase(v).Req("level", Ref("LoggingLevel")));
    defs->Add("SetLevelRequest",
              RequestMessage(v, "logging/setLevel", Ref("SetLevelRequestParams"), true));
  }
  defs->Add("LoggingMessageNotificationParams", NotificationParamsBase(v)
                                                    .Req("level", Ref("LoggingLevel"))
                                                    .Opt("logger", Str())
                                                    .Req("data", Any()));
  defs->Add("LoggingMessageNotification",
            NotificationMessage(v, "notifications/message", Ref("LoggingMessageNotificationParams"),
                                true));
}

}  // namespace mcpguard::internal::mcp_defs
