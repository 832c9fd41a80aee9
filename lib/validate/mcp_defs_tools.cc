// Tools: listing, calling, and the Tool definition itself.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// inputSchema / outputSchema: an embedded JSON Schema, open to every keyword;
// only the members the spec pins down are typed here. The schema itself is
// compiled and applied to arguments elsewhere (session layer).
Schema EmbeddedSchema(McpVersion v, bool is_input) {
  Schema schema = OpenObj();
  if (v >= k1125) schema.Opt("$schema", Str());
  if (v >= k0728) {
    // Only the input schema must be an object schema; both are otherwise
    // free-form.
    if (is_input) schema.Req("type", Const("object"));
    return schema;
  }
  return schema.Req("type", Const("object"))
      .Opt("properties", MapOf(OpenObj()))
      .Opt("required", ArrOf(Str()));
}

}  // namespace

void AddToolDefs(McpVersion v, SchemaDefs* defs) {
  defs->Add("ToolAnnotations", Obj()
                                   .Opt("title", Str())
                                   .Opt("readOnlyHint", Bool())
                                   .Opt("destructiveHint", Bool())
                                   .Opt("idempotentHint", Bool())
                                   .Opt("openWorldHint", Bool()));

  Schema tool = Obj()
                    .Req("name", Str())
                    .Opt("description", Str())
                    .Req("inputSchema", EmbeddedSchema(v, /*is_input=*/true))
                    .Opt("annotations", Ref("ToolAnnotations"));
  if (v >= k0618) {
    tool.Opt("title", Str())
        .Opt("outputSchema", EmbeddedSchema(v, /*is_input=*/false))
        .Opt("_meta", MetaObj(v));
  }
  if (v >= k1125) tool.Opt("icons", ArrOf(Ref("Icon")));
  if (v == k1125) {
    tool.Opt("execution", Ref("ToolExecution"));
    defs->Add("ToolExecution",
              Obj().Opt("taskSupport", Enum({"forbidden", "optional", "required"})));
  }
  defs->Add("Tool", tool);

  // tools/list
  defs->Add("ListToolsRequest", RequestMessage(v, "tools/list", Ref("PaginatedRequestParams"),
                                               /*params_required=*/v >= k0728));
  Schema list_result = v >= k0728 ? CacheableResultBase(v) : ResultBase(v);
  defs->Add("ListToolsResult",
            list_result.Opt("nextCursor", Ref("Cursor")).Req("tools", ArrOf(Ref("Tool"))));

  // tools/call
  Schema params = RequestParamsBase(v).Req("name", Str()).Opt("arguments", OpenObj());
  if (v == k1125) params.Opt("task", Ref("TaskMetadata"));
  if (v >= k0728) {
    params.Opt("inputResponses", Ref("InputResponses")).Opt("requestState", Str());
  }
  defs->Add("CallToolRequestParams", params);
  defs->Add("CallToolRequest", RequestMessage(v, "tools/call", Ref("CallToolRequestParams"), true));

  Schema result = ResultBase(v).Req("content", ArrOf(ContentBlockRef(v))).Opt("isError", Bool());
  // Structured output: an object until 2026-07-28, any JSON value after.
  if (v >= k0618) result.Opt("structuredContent", v >= k0728 ? Any() : OpenObj());
  defs->Add("CallToolResult", result);
  if (v == k1125) {
    // A task-augmented call answers with the task instead.
    defs->Add("CallToolResultOrTask", AnyOf({Ref("CallToolResult"), Ref("CreateTaskResult")}));
  }

  defs->Add(
      "ToolListChangedNotification",
      NotificationMessage(v, "notifications/tools/list_changed", Ref("NotificationParams"), false));

  if (v >= k0728) {
    defs->Add("ListToolsResultResponse", ResultResponse(Ref("ListToolsResult")));
    defs->Add("CallToolResultResponse", ResultResponse(OrInputRequired("CallToolResult")));
  }
}

}  // namespace mcpguard::internal::mcp_defs
