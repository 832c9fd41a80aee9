// Resources: listing, templates, reading, and change notifications
// (subscribe/unsubscribe until 2025-11-25, subscriptions/listen after).
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// What Resource, ResourceLink and ResourceTemplate share.
Schema Described(McpVersion v) {
  Schema s = Obj()
                 .Req("name", Str())
                 .Opt("description", Str())
                 .Opt("mimeType", Str())
                 .Opt("annotations", Ref("Annotations"));
  if (v >= k0618) s.Opt("title", Str()).Opt("_meta", MetaObj(v));
  if (v >= k1125) s.Opt("icons", ArrOf(Ref("Icon")));
  return s;
}

Schema ListResult(McpVersion v) { return v >= k0728 ? CacheableResultBase(v) : ResultBase(v); }

void AddSubscriptionDefs(McpVersion v, SchemaDefs* defs) {
  if (v < k0728) {
    defs->Add("SubscribeRequestParams", RequestParamsBase(v).Req("uri", Uri()));
    defs->Add("SubscribeRequest",
              RequestMessage(v, "resources/subscribe", Ref("SubscribeRequestParams"), true));
    defs->Add("UnsubscribeRequestParams", RequestParamsBase(v).Req("uri", Uri()));
    defs->Add("UnsubscribeRequest",
              RequestMessage(v, "resources/unsubscribe", Ref("UnsubscribeRequestParams"), true));
    return;
  }
  // One long-lived request carries the notifications the client wants.
  defs->Add("SubscriptionFilter", Obj()
                                      .Opt("toolsListChanged", Bool())
                                      .Opt("promptsListChanged", Bool())
                                      .Opt("resourcesListChanged", Bool())
                                      .Opt("resourceSubscriptions", ArrOf(Str())));
  defs->Add("SubscriptionsListenRequestParams",
            RequestParamsBase(v).Req("notifications", Ref("SubscriptionFilter")));
  defs->Add(
      "SubscriptionsListenRequest",
      RequestMessage(v, "subscriptions/listen", Ref("SubscriptionsListenRequestParams"), true));
  defs->Add("SubscriptionsListenResultMetaObject",
            OpenObj()
                .Opt("io.modelcontextprotocol/serverInfo", Ref("Implementation"))
                .Req("io.modelcontextprotocol/subscriptionId", Ref("RequestId")));
  defs->Add("SubscriptionsListenResult",
            ResultBase(v).Req("_meta", Ref("SubscriptionsListenResultMetaObject")));
  defs->Add("SubscriptionsListenResultResponse", ResultResponse(Ref("SubscriptionsListenResult")));
  defs->Add("SubscriptionsAcknowledgedNotificationParams",
            NotificationParamsBase(v).Req("notifications", Ref("SubscriptionFilter")));
  defs->Add("SubscriptionsAcknowledgedNotification",
            NotificationMessage(v, "notifications/subscriptions/acknowledged",
                                Ref("SubscriptionsAcknowledgedNotificationParams"), true));
}

}  // namespace

void AddResourceDefs(McpVersion v, SchemaDefs* defs) {
  Schema resource = Described(v).Req("uri", Uri()).Opt("size", Int());
  defs->Add("Resource", resource);
  if (v >= k0618) defs->Add("ResourceLink", resource.Req("type", Const("resource_link")));
  defs->Add("ResourceTemplate", Described(v).Req("uriTemplate", Str().Format("uri-template")));

  Schema contents = Obj().Req("uri", Uri()).Opt("mimeType", Str());
  if (v >= k0618) contents.Opt("_meta", MetaObj(v));
  defs->Add("ResourceContents", contents);
  defs->Add("TextResourceContents", Schema(contents).Req("text", Str()));
  defs->Add("BlobResourceContents", Schema(contents).Req("blob", Str().Format("byte")));

  // resources/list and resources/templates/list
  bool paginated_params_required = v >= k0728;
  defs->Add("ListResourcesRequest",
            RequestMessage(v, "resources/list", Ref("PaginatedRequestParams"),
                           paginated_params_required));
  defs->Add(
      "ListResourcesResult",
      ListResult(v).Opt("nextCursor", Ref("Cursor")).Req("resources", ArrOf(Ref("Resource"))));
  defs->Add("ListResourceTemplatesRequest",
            RequestMessage(v, "resources/templates/list", Ref("PaginatedRequestParams"),
                           paginated_params_required));
  defs->Add("ListResourceTemplatesResult",
            ListResult(v)
                .Opt("nextCursor", Ref("Cursor"))
                .Req("resourceTemplates", ArrOf(Ref("ResourceTemplate"))));

  // resources/read
  if (v >= k1125) defs->Add("ResourceRequestParams", RequestParamsBase(v).Req("uri", Uri()));
  Schema read_params = RequestParamsBase(v).Req("uri", Uri());
  if (v >= k0728) {
    read_params.Opt("inputResponses", Ref("InputResponses")).Opt("requestState", Str());
  }
  defs->Add("ReadResourceRequestParams", read_params);
  defs->Add("ReadResourceRequest",
            RequestMessage(v, "resources/read", Ref("ReadResourceRequestParams"), true));
  defs->Add(
      "ReadResourceResult",
      ListResult(v).Req("contents",
                        ArrOf(AnyOf({Ref("TextResourceContents"), Ref("BlobResourceContents")}))));

  // Change notifications.
  defs->Add("ResourceListChangedNotification",
            NotificationMessage(v, "notifications/resources/list_changed",
                                Ref("NotificationParams"), false));
  defs->Add("ResourceUpdatedNotificationParams", NotificationParamsBase(v).Req("uri", Uri()));
  defs->Add("ResourceUpdatedNotification",
            NotificationMessage(v, "notifications/resources/updated",
                                Ref("ResourceUpdatedNotificationParams"), true));
  AddSubscriptionDefs(v, defs);

  if (v >= k0728) {
    defs->Add("ListResourcesResultResponse", ResultResponse(Ref("ListResourcesResult")));
    defs->Add("ListResourceTemplatesResultResponse",
              ResultResponse(Ref("ListResourceTemplatesResult")));
    defs->Add("ReadResourceResultResponse", ResultResponse(OrInputRequired("ReadResourceResult")));
  }
}

}  // namespace mcpguard::internal::mcp_defs
