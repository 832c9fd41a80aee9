// JSON-RPC framing, identifiers, the generic Request/Notification/Result
// shapes and the error objects.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// `_meta` of request params: open, with an optional progress token.
Schema RequestMeta(McpVersion v) {
  if (v >= k0728) return Ref("RequestMetaObject");
  return OpenObj().Opt("progressToken", Ref("ProgressToken"));
}

Schema NotificationMeta(McpVersion v) {
  if (v >= k0728) return Ref("NotificationMetaObject");
  return OpenObj();
}

Schema Envelope() { return Obj().Req("jsonrpc", Const("2.0")); }

// An error object whose code is fixed, with optional free-form data.
Schema CodedError(int64_t code) {
  return Obj().Req("code", ConstInt(code)).Req("message", Str()).Opt("data", Any());
}

// A whole error response carrying `error` (2025-11-25 on: id optional, for
// errors about messages whose id could not be read).
Schema ErrorResponse(Schema error) {
  return Envelope().Opt("id", Ref("RequestId")).Req("error", std::move(error));
}

}  // namespace

Schema MetaObj(McpVersion v) {
  if (v >= k0728) return Ref("MetaObject");
  return OpenObj();
}

Schema ResultMeta(McpVersion v) {
  if (v >= k0728) return Ref("ResultMetaObject");
  return OpenObj();
}

Schema RequestParamsBase(McpVersion v) {
  Schema params = Obj();
  if (v >= k0728) return params.Req("_meta", RequestMeta(v));
  return params.Opt("_meta", RequestMeta(v));
}

Schema NotificationParamsBase(McpVersion v) { return Obj().Opt("_meta", NotificationMeta(v)); }

Schema ResultBase(McpVersion v) {
  Schema result = OpenObj().Opt("_meta", ResultMeta(v));
  if (v >= k0728) result.Req("resultType", Ref("ResultType"));
  return result;
}

Schema CacheableResultBase(McpVersion v) {
  return ResultBase(v).Req("ttlMs", Int().Min(0)).Req("cacheScope", Enum({"private", "public"}));
}

Schema RequestMessage(McpVersion v, absl::string_view method, Schema params, bool params_required) {
  Schema message = v >= k1125 ? Envelope().Req("id", Ref("RequestId")) : OpenObj();
  message.Req("method", Const(std::string(method)));
  if (params_required) return message.Req("params", std::move(params));
  return message.Opt("params", std::move(params));
}

Schema NotificationMessage(McpVersion v, absl::string_view method, Schema params,
                           bool params_required) {
  Schema message = v >= k1125 ? Envelope() : OpenObj();
  message.Req("method", Const(std::string(method)));
  if (params_required) return message.Req("params", std::move(params));
  return message.Opt("params", std::move(params));
}

Schema InputRequestMessage(absl::string_view method, Schema params, bool params_required) {
  Schema message = Obj().Req("method", Const(std::string(method)));
  if (params_required) return message.Req("params", std::move(params));
  return message.Opt("params", std::move(params));
}

Schema ResultResponse(Schema result) {
  return Envelope().Req("id", Ref("RequestId")).Req("result", std::move(result));
}

Schema OrInputRequired(absl::string_view def_name) {
  return AnyOf({Ref(def_name), AllOf({Ref("InputRequiredResult"),
                                      OpenObj().Req("resultType", Const("input_required"))})});
}

void AddBaseDefs(McpVersion v, SchemaDefs* defs) {
  defs->Add("RequestId", Types({"string", "integer"}));
  defs->Add("ProgressToken", Types({"string", "integer"}));
  defs->Add("Cursor", Str());
  defs->Add("Role", Enum({"assistant", "user"}));

  if (v >= k0728) {
    // Open maps; the protocol's own keys are reverse-DNS prefixed.
    defs->Add("MetaObject", OpenObj());
    defs->Add("RequestMetaObject",
              OpenObj()
                  .Opt("progressToken", Ref("ProgressToken"))
                  .Req("io.modelcontextprotocol/protocolVersion", Str())
                  .Opt("io.modelcontextprotocol/clientInfo", Ref("Implementation"))
                  .Req("io.modelcontextprotocol/clientCapabilities", Ref("ClientCapabilities"))
                  .Opt("io.modelcontextprotocol/logLevel", Ref("LoggingLevel")));
    defs->Add("ResultMetaObject",
              OpenObj().Opt("io.modelcontextprotocol/serverInfo", Ref("Implementation")));
    defs->Add("NotificationMetaObject",
              OpenObj().Opt("io.modelcontextprotocol/subscriptionId", Ref("RequestId")));
    defs->Add("ResultType", Str());
    // Arbitrary JSON. Deliberately wider than the published schema, which
    // leaves out non-integral numbers and null (see the spec cross-check).
    defs->Add("JSONValue", AnyOf({Ref("JSONObject"), ArrOf(Ref("JSONValue")),
                                  Types({"string", "number", "boolean", "null"})}));
    defs->Add("JSONObject", MapOf(Ref("JSONValue")));
    defs->Add("JSONArray", ArrOf(Ref("JSONValue")));
  }

  // Generic params: an index signature before 2025-11-25, closed interfaces
  // after.
  Schema request_params = RequestParamsBase(v);
  Schema notification_params = NotificationParamsBase(v);
  if (v < k1125) {
    request_params.Open();
    notification_params.Open();
  }
  defs->Add("RequestParams", request_params);
  defs->Add("NotificationParams", notification_params);
  Schema generic_params = v < k1125 ? Ref("RequestParams") : OpenObj();
  Schema generic_notification_params = v < k1125 ? Ref("NotificationParams") : OpenObj();
  defs->Add("Request", OpenObj().Req("method", Str()).Opt("params", generic_params));
  defs->Add("Notification",
            OpenObj().Req("method", Str()).Opt("params", generic_notification_params));
  defs->Add("Result", ResultBase(v));
  defs->Add("EmptyResult", Ref("Result"));

  defs->Add("PaginatedRequestParams", RequestParamsBase(v).Opt("cursor", Ref("Cursor")));
  Schema paginated = v >= k1125 ? Envelope().Req("id", Ref("RequestId")) : OpenObj();
  paginated.Req("method", Str());
  if (v >= k0728) {
    paginated.Req("params", Ref("PaginatedRequestParams"));
  } else {
    paginated.Opt("params", Ref("PaginatedRequestParams"));
  }
  defs->Add("PaginatedRequest", paginated);
  defs->Add("PaginatedResult", ResultBase(v).Opt("nextCursor", Ref("Cursor")));

  // JSON-RPC framing.
  defs->Add("Error", Obj().Req("code", Int()).Req("message", Str()).Opt("data", Any()));
  defs->Add(
      "JSONRPCRequest",
      Envelope().Req("id", Ref("RequestId")).Req("method", Str()).Opt("params", generic_params));
  defs->Add("JSONRPCNotification",
            Envelope().Req("method", Str()).Opt("params", generic_notification_params));
  if (v < k1125) {
    defs->Add("JSONRPCResponse",
              Envelope().Req("id", Ref("RequestId")).Req("result", Ref("Result")));
    defs->Add("JSONRPCError", Envelope().Req("id", Ref("RequestId")).Req("error", Ref("Error")));
    if (v < k0618) {
      // Batches, dropped in 2025-06-18.
      Schema batch_request = ArrOf(AnyOf({Ref("JSONRPCRequest"), Ref("JSONRPCNotification")}));
      Schema batch_response = ArrOf(AnyOf({Ref("JSONRPCResponse"), Ref("JSONRPCError")}));
      defs->Add("JSONRPCBatchRequest", batch_request);
      defs->Add("JSONRPCBatchResponse", batch_response);
      defs->Add("JSONRPCMessage",
                AnyOf({Ref("JSONRPCRequest"), Ref("JSONRPCNotification"), batch_request,
                       Ref("JSONRPCResponse"), Ref("JSONRPCError"), batch_response}));
    } else {
      defs->Add("JSONRPCMessage", AnyOf({Ref("JSONRPCRequest"), Ref("JSONRPCNotification"),
                                         Ref("JSONRPCResponse"), Ref("JSONRPCError")}));
    }
  } else {
    defs->Add("JSONRPCResultResponse", ResultResponse(Ref("Result")));
    defs->Add("JSONRPCErrorResponse", ErrorResponse(Ref("Error")));
    defs->Add("JSONRPCResponse",
              AnyOf({Ref("JSONRPCResultResponse"), Ref("JSONRPCErrorResponse")}));
    defs->Add("JSONRPCMessage", AnyOf({Ref("JSONRPCRequest"), Ref("JSONRPCNotification"),
                                       Ref("JSONRPCResultResponse"), Ref("JSONRPCErrorResponse")}));
  }

  // Errors with their own shape.
  if (v == k1125) {
    defs->Add("URLElicitationRequiredError",
              ErrorResponse(CodedError(-32042).Req(
                  "data", OpenObj().Req("elicitations", ArrOf(Ref("ElicitRequestURLParams"))))));
  }
  if (v >= k0728) {
    defs->Add("ParseError", CodedError(-32700));
    defs->Add("InvalidRequestError", CodedError(-32600));
    defs->Add("MethodNotFoundError", CodedError(-32601));
    defs->Add("InvalidParamsError", CodedError(-32602));
    defs->Add("InternalError", CodedError(-32603));
    defs->Add("HeaderMismatchError", ErrorResponse(CodedError(-32020)));
    defs->Add("MissingRequiredClientCapabilityError",
              ErrorResponse(CodedError(-32021).Req(
                  "data", Obj().Req("requiredCapabilities", Ref("ClientCapabilities")))));
    defs->Add("UnsupportedProtocolVersionError",
              ErrorResponse(CodedError(-32022).Req(
                  "data", Obj().Req("supported", ArrOf(Str())).Req("requested", Str()))));
  }
}

}  // namespace mcpguard::internal::mcp_defs
