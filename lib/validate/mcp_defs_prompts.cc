// Prompts and argument completion.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

void AddCompletionDefs(McpVersion v, SchemaDefs* defs) {
  Schema prompt_ref = Obj().Req("type", Const("ref/prompt")).Req("name", Str());
  if (v >= k0618) prompt_ref.Opt("title", Str());
  defs->Add("PromptReference", prompt_ref);
  // The same reference, renamed in 2025-06-18.
  const char* resource_ref = v >= k0618 ? "ResourceTemplateReference" : "ResourceReference";
  defs->Add(resource_ref,
            Obj().Req("type", Const("ref/resource")).Req("uri", Str().Format("uri-template")));

  Schema params = RequestParamsBase(v)
                      .Req("ref", AnyOf({Ref("PromptReference"), Ref(resource_ref)}))
                      .Req("argument", Obj().Req("name", Str()).Req("value", Str()));
  if (v >= k0618) params.Opt("context", Obj().Opt("arguments", MapOf(Str())));
  defs->Add("CompleteRequestParams", params);
  defs->Add("CompleteRequest",
            RequestMessage(v, "completion/complete", Ref("CompleteRequestParams"), true));
  // At most 100 values, in every version's prose; the schema says so from
  // 2026-07-28 on.
  defs->Add("CompleteResult",
            ResultBase(v).Req("completion", Obj()
                                                .Req("values", ArrOf(Str()).MaxItems(100))
                                                .Opt("total", Int())
                                                .Opt("hasMore", Bool())));
  if (v >= k0728) defs->Add("CompleteResultResponse", ResultResponse(Ref("CompleteResult")));
}

}  // namespace

void AddPromptDefs(McpVersion v, SchemaDefs* defs) {
  Schema argument = Obj().Req("name", Str()).Opt("description", Str()).Opt("required", Bool());
  if (v >= k0618) argument.Opt("title", Str());
  defs->Add("PromptArgument", argument);

  Schema prompt = Obj()
                      .Req("name", Str())
                      .Opt("description", Str())
                      .Opt("arguments", ArrOf(Ref("PromptArgument")));
  if (v >= k0618) prompt.Opt("title", Str()).Opt("_meta", MetaObj(v));
  if (v >= k1125) prompt.Opt("icons", ArrOf(Ref("Icon")));
  defs->Add("Prompt", prompt);
  defs->Add("PromptMessage", Obj().Req("role", Ref("Role")).Req("content", ContentBlockRef(v)));

  // prompts/list
  defs->Add("ListPromptsRequest", RequestMessage(v, "prompts/list", Ref("PaginatedRequestParams"),
                                                 /*params_required=*/v >= k0728));
  Schema list_result = v >= k0728 ? CacheableResultBase(v) : ResultBase(v);
  defs->Add("ListPromptsResult",
            list_result.Opt("nextCursor", Ref("Cursor")).Req("prompts", ArrOf(Ref("Prompt"))));

  // prompts/get
  Schema params = RequestParamsBase(v).Req("name", Str()).Opt("arguments", MapOf(Str()));
  if (v >= k0728) {
    params.Opt("inputResponses", Ref("InputResponses")).Opt("requestState", Str());
  }
  defs->Add("GetPromptRequestParams", params);
  defs->Add("GetPromptRequest",
            RequestMessage(v, "prompts/get", Ref("GetPromptRequestParams"), true));
  defs->Add("GetPromptResult",
            ResultBase(v).Opt("description", Str()).Req("messages", ArrOf(Ref("PromptMessage"))));

  defs->Add("PromptListChangedNotification",
            NotificationMessage(v, "notifications/prompts/list_changed", Ref("NotificationParams"),
                                false));

  if (v >= k0728) {
    defs->Add("ListPromptsResultResponse", ResultResponse(Ref("ListPromptsResult")));
    defs->Add("GetPromptResultResponse", ResultResponse(OrInputRequired("GetPromptResult")));
  }
  AddCompletionDefs(v, defs);
}

}  // namespace mcpguard::internal::mcp_defs
