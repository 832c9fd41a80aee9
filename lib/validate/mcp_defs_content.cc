// Content blocks and what they share: annotations, icons, base metadata.
#include "validate/mcp_defs.h"

namespace mcpguard::internal::mcp_defs {

using namespace schema_builder;  // NOLINT: the definitions read as a DSL.

namespace {

// A content block of kind `type`, with what every block may carry.
Schema Block(McpVersion v, const char* type) {
  Schema block = Obj().Req("type", Const(type)).Opt("annotations", Ref("Annotations"));
  if (v >= k0618) block.Opt("_meta", MetaObj(v));
  return block;
}

}  // namespace

void AddContentDefs(McpVersion v, SchemaDefs* defs) {
  Schema annotations =
      Obj().Opt("audience", ArrOf(Ref("Role"))).Opt("priority", Num().Min(0).Max(1));
  if (v >= k0618) annotations.Opt("lastModified", Str());
  defs->Add("Annotations", annotations);

  defs->Add("TextContent", Block(v, "text").Req("text", Str()));
  defs->Add("ImageContent",
            Block(v, "image").Req("data", Str().Format("byte")).Req("mimeType", Str()));
  defs->Add("AudioContent",
            Block(v, "audio").Req("data", Str().Format("byte")).Req("mimeType", Str()));
  defs->Add(
      "EmbeddedResource",
      Block(v, "resource")
          .Req("resource", AnyOf({Ref("TextResourceContents"), Ref("BlobResourceContents")})));

  if (v >= k0618) {
    // ResourceLink is defined with the resources (it is a Resource).
    defs->Add("ContentBlock", AnyOf({Ref("TextContent"), Ref("ImageContent"), Ref("AudioContent"),
                                     Ref("ResourceLink"), Ref("EmbeddedResource")}));
    defs->Add("BaseMetadata", Obj().Req("name", Str()).Opt("title", Str()));
  }
  if (v >= k1125) {
    defs->Add("Icon", Obj()
                          .Req("src", Uri())
                          .Opt("mimeType", Str())
                          .Opt("sizes", ArrOf(Str()))
                          .Opt("theme", Enum({"light", "dark"})));
    defs->Add("Icons", Obj().Opt("icons", ArrOf(Ref("Icon"))));
  }
}

// The blocks a message of 2025-03-26 may hold (no ContentBlock union yet).
// Used by tools and prompts.
Schema ContentBlockRef(McpVersion v) {
  if (v >= k0618) return Ref("ContentBlock");
  return AnyOf(
      {Ref("TextContent"), Ref("ImageContent"), Ref("AudioContent"), Ref("EmbeddedResource")});
}

}  // namespace mcpguard::internal::mcp_defs
