// The digest a tool definition is pinned by.
#ifndef MCPGUARD_INTEGRITY_TOOL_DIGEST_H_
#define MCPGUARD_INTEGRITY_TOOL_DIGEST_H_

#include <string>

#include "rapidjson/document.h"

namespace mcpguard::internal {

// SHA-256 (lowercase hex) of the canonical JSON (json/canonical_json.h) of
// the object made of the members of `tool` (an element of a tools/list
// result) that define what the model is told and what the tool takes and
// returns: name, title, description, inputSchema, outputSchema,
// annotations. Other members (_meta, icons, execution hints) may change
// without changing the digest. `scratch` is reused for the canonical text.
std::string ToolDefinitionDigest(const rapidjson::Value& tool, std::string* scratch);

// SHA-256 of the canonical JSON of {"instructions": *instructions}, or of
// {} when the initialize result has none (null): a server that adds
// instructions later changes its digest too.
std::string ServerInstructionsDigest(const rapidjson::Value* instructions, std::string* scratch);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_INTEGRITY_TOOL_DIGEST_H_
