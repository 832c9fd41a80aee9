// What a server asks of the client: sampling, elicitation and roots. Until
// 2025-11-25 these are server-to-client requests; in 2026-07-28 the server
// embeds them in an InputRequiredResult and the client answers by retrying
// its request with inputResponses.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// Params of a request the server sends (until 2025-11-25) or embeds (after,
// where there is no protocol _meta to carry; an entity _meta is allowed).
Schema ServerRequestParams(McpVersion v) {
  if (v >= k0728) return Obj().Opt("_meta", MetaObj(v));
  return RequestParamsBase(v);
}

// The client's answer: an open Result until 2025-11-25, a closed input
// response in 2026-07-28.
Schema ClientAnswer(McpVersion v) {
  if (v >= k0728) return Obj().Opt("_meta", MetaObj(v));
  return ResultBase(v);
}

Schema ServerRequest(McpVersion v, absl::string_view method, absl::string_view params,
                     bool params_required) {
  if (v >= k0728) return InputRequestMessage(method, Ref(params), params_required);
  return RequestMessage(v, method, Ref(params), params_required);
}

// What a sampling message may hold.
Schema SamplingContent(McpVersion v) {
  if (v < k1125) return AnyOf({Ref("TextContent"), Ref("ImageContent"), Ref("AudioContent")});
  return AnyOf({Ref("TextContent"), Ref("ImageContent"), Ref("AudioContent"), Ref("ToolUseContent"),
                Ref("ToolResultContent"), ArrOf(Ref("SamplingMessageContentBlock"))});
}

void AddSamplingDefs(McpVersion v, SchemaDefs* defs) {
  defs->Add("ModelHint", Obj().Opt("name", Str()));
  defs->Add("ModelPreferences", Obj()
                                    .Opt("hints", ArrOf(Ref("ModelHint")))
                                    .Opt("costPriority", Num().Min(0).Max(1))
                                    .Opt("speedPriority", Num().Min(0).Max(1))
                                    .Opt("intelligencePriority", Num().Min(0).Max(1)));
  if (v >= k1125) {
    // Tool use inside sampling.
    defs->Add("ToolUseContent", Obj()
                                    .Req("type", Const("tool_use"))
                                    .Req("id", Str())
                                    .Req("name", Str())
                                    .Req("input", OpenObj())
                                    .Opt("_meta", MetaObj(v)));
    defs->Add("ToolResultContent", Obj()
                                       .Req("type", Const("tool_result"))
                                       .Req("toolUseId", Str())
                                       .Req("content", ArrOf(Ref("ContentBlock")))
                                       .Opt("structuredContent", v >= k0728 ? Any() : OpenObj())
                                       .Opt("isError", Bool())
                                       .Opt("_meta", MetaObj(v)));
    defs->Add("SamplingMessageContentBlock",
              AnyOf({Ref("TextContent"), Ref("ImageContent"), Ref("AudioContent"),
                     Ref("ToolUseContent"), Ref("ToolResultContent")}));
    defs->Add("ToolChoice", Obj().Opt("mode", Enum({"auto", "required", "none"})));
  }
  Schema message = Obj().Req("role", Ref("Role")).Req("content", SamplingContent(v));
  if (v >= k1125) message.Opt("_meta", MetaObj(v));
  defs->Add("SamplingMessage", message);

  Schema params = ServerRequestParams(v)
                      .Req("messages", ArrOf(Ref("SamplingMessage")))
                      .Opt("modelPreferences", Ref("ModelPreferences"))
                      .Opt("systemPrompt", Str())
                      .Opt("includeContext", Enum({"none", "thisServer", "allServers"}))
                      .Opt("temperature", Num())
                      .Req("maxTokens", Int())
                      .Opt("stopSequences", ArrOf(Str()))
                      .Opt("metadata", v >= k0728 ? Ref("JSONObject") : OpenObj());
  if (v >= k1125) params.Opt("tools", ArrOf(Ref("Tool"))).Opt("toolChoice", Ref("ToolChoice"));
  if (v == k1125) params.Opt("task", Ref("TaskMetadata"));
  defs->Add("CreateMessageRequestParams", params);
  defs->Add("CreateMessageRequest",
            ServerRequest(v, "sampling/createMessage", "CreateMessageRequestParams", true));
  defs->Add("CreateMessageResult", ClientAnswer(v)
                                       .Req("role", Ref("Role"))
                                       .Req("content", SamplingContent(v))
                                       .Req("model", Str())
                                       .Opt("stopReason", Str()));
  if (v == k1125) {
    defs->Add("CreateMessageResultOrTask",
              AnyOf({Ref("CreateMessageResult"), Ref("CreateTaskResult")}));
  }
}

// The schemas a form may ask for: flat, one primitive per property.
void AddPrimitiveSchemaDefs(McpVersion v, SchemaDefs* defs) {
  auto titled = [](Schema s) { return s.Opt("title", Str()).Opt("description", Str()); };
  Schema string_schema = titled(Obj().Req("type", Const("string")))
                             .Opt("minLength", Int())
                             .Opt("maxLength", Int())
                             .Opt("format", Enum({"email", "uri", "date", "date-time"}));
  Schema number_schema = titled(Obj().Req("type", Enum({"number", "integer"})))
                             .Opt("minimum", Num())
                             .Opt("maximum", Num());
  Schema boolean_schema = titled(Obj().Req("type", Const("boolean"))).Opt("default", Bool());
  if (v >= k1125) {
    string_schema.Opt("default", Str());
    number_schema.Opt("default", Num());
  }
  defs->Add("StringSchema", string_schema);
  defs->Add("NumberSchema", number_schema);
  defs->Add("BooleanSchema", boolean_schema);

  Schema legacy_enum = titled(Obj().Req("type", Const("string")))
                           .Req("enum", ArrOf(Str()))
                           .Opt("enumNames", ArrOf(Str()));
  if (v < k1125) {
    defs->Add("EnumSchema", legacy_enum);
    // Most specific first: a string schema with "enum" is an EnumSchema.
    defs->Add("PrimitiveSchemaDefinition", AnyOf({Ref("EnumSchema"), Ref("NumberSchema"),
                                                  Ref("BooleanSchema"), Ref("StringSchema")}));
    return;
  }
  Schema titled_option = Obj().Req("const", Str()).Req("title", Str());
  defs->Add("LegacyTitledEnumSchema", legacy_enum.Opt("default", Str()));
  defs->Add(
      "UntitledSingleSelectEnumSchema",
      titled(Obj().Req("type", Const("string"))).Req("enum", ArrOf(Str())).Opt("default", Str()));
  defs->Add("TitledSingleSelectEnumSchema", titled(Obj().Req("type", Const("string")))
                                                .Req("oneOf", ArrOf(titled_option))
                                                .Opt("default", Str()));
  Schema multi = titled(Obj().Req("type", Const("array")))
                     .Opt("minItems", Int())
                     .Opt("maxItems", Int())
                     .Opt("default", ArrOf(Str()));
  defs->Add(
      "UntitledMultiSelectEnumSchema",
      Schema(multi).Req("items", Obj().Req("type", Const("string")).Req("enum", ArrOf(Str()))));
  defs->Add("TitledMultiSelectEnumSchema",
            Schema(multi).Req("items", Obj().Req("anyOf", ArrOf(titled_option))));
  defs->Add("SingleSelectEnumSchema",
            AnyOf({Ref("TitledSingleSelectEnumSchema"), Ref("UntitledSingleSelectEnumSchema")}));
  defs->Add("MultiSelectEnumSchema",
            AnyOf({Ref("TitledMultiSelectEnumSchema"), Ref("UntitledMultiSelectEnumSchema")}));
  defs->Add("EnumSchema",
            AnyOf({Ref("TitledSingleSelectEnumSchema"), Ref("LegacyTitledEnumSchema"),
                   Ref("UntitledSingleSelectEnumSchema"), Ref("TitledMultiSelectEnumSchema"),
                   Ref("UntitledMultiSelectEnumSchema")}));
  // Most specific first, so that the branch that validates is the one that
  // declares every member present (the legacy enum declares a superset of the
  // untitled one).
  defs->Add("PrimitiveSchemaDefinition",
            AnyOf({Ref("TitledSingleSelectEnumSchema"), Ref("LegacyTitledEnumSchema"),
                   Ref("UntitledSingleSelectEnumSchema"), Ref("TitledMultiSelectEnumSchema"),
                   Ref("UntitledMultiSelectEnumSchema"), Ref("NumberSchema"), Ref("BooleanSchema"),
                   Ref("StringSchema")}));
}

void AddElicitationDefs(McpVersion v, SchemaDefs* defs) {
  AddPrimitiveSchemaDefs(v, defs);
  Schema requested = Obj()
                         .Req("type", Const("object"))
                         .Req("properties", MapOf(Ref("PrimitiveSchemaDefinition")))
                         .Opt("required", ArrOf(Str()));
  if (v >= k1125) requested.Opt("$schema", Str());
  Schema form = ServerRequestParams(v).Req("message", Str()).Req("requestedSchema", requested);
  if (v < k1125) {
    defs->Add("ElicitRequestParams", form);
  } else {
    // Two modes: an in-band form, or a URL the user visits.
    Schema url =
        ServerRequestParams(v).Req("mode", Const("url")).Req("message", Str()).Req("url", Uri());
    if (v == k1125) {
      url.Req("elicitationId", Str()).Opt("task", Ref("TaskMetadata"));
      form.Opt("task", Ref("TaskMetadata"));
    }
    defs->Add("ElicitRequestFormParams", form.Opt("mode", Const("form")));
    defs->Add("ElicitRequestURLParams", url);
    defs->Add("ElicitRequestParams",
              AnyOf({Ref("ElicitRequestURLParams"), Ref("ElicitRequestFormParams")}));
  }
  defs->Add("ElicitRequest", ServerRequest(v, "elicitation/create", "ElicitRequestParams", true));

  // Form answers are flat: strings, numbers, booleans, or string lists for
  // multi-select (2025-11-25 on).
  Schema scalar = Types({"string", "number", "boolean"});
  Schema answer = v >= k1125 ? AnyOf({ArrOf(Str()), scalar}) : scalar;
  defs->Add("ElicitResult", ClientAnswer(v)
                                .Req("action", Enum({"accept", "decline", "cancel"}))
                                .Opt("content", MapOf(answer)));
  if (v == k1125) {
    defs->Add("ElicitResultOrTask", AnyOf({Ref("ElicitResult"), Ref("CreateTaskResult")}));
    defs->Add("ElicitationCompleteNotificationParams",
              NotificationParamsBase(v).Req("elicitationId", Str()));
    defs->Add("ElicitationCompleteNotification",
              NotificationMessage(v, "notifications/elicitation/complete",
                                  Ref("ElicitationCompleteNotificationParams"), true));
  }
}

void AddRootsDefs(McpVersion v, SchemaDefs* defs) {
  Schema root = Obj().Req("uri", Uri()).Opt("name", Str());
  if (v >= k0618) root.Opt("_meta", MetaObj(v));
  defs->Add("Root", root);
  if (v >= k0728) {
    defs->Add("ListRootsRequest",
              InputRequestMessage("roots/list", Obj().Opt("_meta", MetaObj(v)), false));
  } else {
    defs->Add("ListRootsRequest", RequestMessage(v, "roots/list", Ref("RequestParams"), false));
    defs->Add("RootsListChangedNotification",
              NotificationMessage(v, "notifications/roots/list_changed", Ref("NotificationParams"),
                                  false));
  }
  defs->Add("ListRootsResult", ClientAnswer(v).Req("roots", ArrOf(Ref("Root"))));
}

// Multi round-trip requests (2026-07-28): a result asking for input, and the
// client's retry carrying the answers, keyed by the server's request keys.
void AddInputDefs(McpVersion v, SchemaDefs* defs) {
  defs->Add("InputRequest",
            AnyOf({Ref("CreateMessageRequest"), Ref("ListRootsRequest"), Ref("ElicitRequest")}));
  defs->Add("InputRequests", MapOf(Ref("InputRequest")));
  defs->Add("InputResponse",
            AnyOf({Ref("CreateMessageResult"), Ref("ListRootsResult"), Ref("ElicitResult")}));
  defs->Add("InputResponses", MapOf(Ref("InputResponse")));
  defs->Add("InputRequiredResult",
            ResultBase(v).Opt("inputRequests", Ref("InputRequests")).Opt("requestState", Str()));
  defs->Add(
      "InputResponseRequestParams",
      RequestParamsBase(v).Opt("inputResponses", Ref("InputResponses")).Opt("requestState", Str()));
}

}  // namespace

void AddClientFeatureDefs(McpVersion v, SchemaDefs* defs) {
  AddSamplingDefs(v, defs);
  if (v >= k0618) AddElicitationDefs(v, defs);
  AddRootsDefs(v, defs);
  if (v >= k0728) AddInputDefs(v, defs);
}

}  // namespace mcpguard::internal::mcp_defs
