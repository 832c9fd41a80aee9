#include "validation_fixtures.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "validate/mcp_schema.h"

namespace mcpguard::bench {

const std::string& Arguments20Schema() {
  static const std::string* const schema = new std::string(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "path": {"type": "string", "minLength": 1, "maxLength": 4096},
    "encoding": {"enum": ["utf-8", "ascii", "latin-1"]},
    "max_bytes": {"type": "integer", "minimum": 1, "maximum": 1048576},
    "offset": {"type": "integer", "minimum": 0},
    "follow_symlinks": {"type": "boolean"},
    "tags": {"type": "array", "items": {"type": "string", "maxLength": 64}, "maxItems": 16,
             "uniqueItems": true},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "options": {"type": "object",
                "properties": {"recursive": {"type": "boolean"},
                               "pattern": {"type": ["string", "null"]},
                               "depth": {"type": "integer", "minimum": 0, "maximum": 32}},
                "additionalProperties": false},
    "owner": {"type": "string", "pattern": "^[a-z][a-z0-9_-]{0,31}$"},
    "mode": {"type": "string", "enum": ["read", "write", "append"]},
    "created_after": {"type": "string", "format": "date-time"},
    "checksum": {"type": "object",
                 "properties": {"algorithm": {"const": "sha256"},
                                "value": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
                 "required": ["algorithm", "value"]},
    "retries": {"type": "integer", "minimum": 0, "maximum": 10},
    "timeout_ms": {"type": "number", "minimum": 0},
    "priority": {"type": "integer", "minimum": 1, "maximum": 5},
    "labels": {"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 8},
    "range": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "integer"}],
              "items": false},
    "lang": {"type": "string", "minLength": 2, "maxLength": 8},
    "dry_run": {"type": "boolean"},
    "comment": {"type": ["string", "null"], "maxLength": 256}
  },
  "required": ["path", "encoding", "mode"],
  "additionalProperties": false
})");
  return *schema;
}

const std::string& ToolsCall20() {
  static const std::string* const message = new std::string(
      R"({"jsonrpc":"2.0","id":"call-20","method":"tools/call","params":{"name":"read_file",)"
      R"("arguments":{"path":"/home/user/projects/mcpguard/docs/benchmarks.md",)"
      R"("encoding":"utf-8","max_bytes":65536,"offset":0,"follow_symlinks":false,)"
      R"("tags":["docs","bench","\u00e9t\u00e9"],"ratio":0.75,)"
      R"("options":{"recursive":false,"pattern":null,"depth":3},"owner":"alice_dev",)"
      R"("mode":"read","created_after":"2026-01-01T00:00:00Z",)"
      R"("checksum":{"algorithm":"sha256","value":)"
      R"("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},)"
      R"("retries":3,"timeout_ms":2500.5,"priority":2,)"
      R"("labels":{"team":"security","env":"dev","cost-center":"42"},"range":[0,4096],)"
      R"("lang":"en-GB","dry_run":true,"comment":"benchmark fixture: twenty arguments"},)"
      R"("_meta":{"progressToken":"p-20"}}})");
  return *message;
}

const std::string& LargeToolsList() {
  static const std::string* const message = [] {
    auto* out = new std::string(R"({"jsonrpc":"2.0","id":"list","result":{"tools":[)");
    for (int i = 0; i < 100; ++i) {
      absl::StrAppend(
          out, i == 0 ? "" : ",", R"({"name":"svc)", i, R"(.invoke","title":"Service )", i,
          R"(","description":"Invokes service number )", i,
          R"( with a path, a mode and optional limits; returns the service's answer.",)"
          R"("inputSchema":{"type":"object","properties":{)"
          R"("path":{"type":"string","description":"Where"},)"
          R"("mode":{"type":"string","enum":["read","write"]},)"
          R"("limit":{"type":"integer","minimum":1,"maximum":1000},)"
          R"("options":{"type":"object","properties":{"verbose":{"type":"boolean"}}}},)"
          R"("required":["path"]},)"
          R"("outputSchema":{"type":"object","properties":{"ok":{"type":"boolean"}}},)"
          R"("annotations":{"readOnlyHint":)", i % 2 == 0 ? "true" : "false",
          R"(,"openWorldHint":false}})");
    }
    *out += R"(],"nextCursor":"page-2"}})";
    return out;
  }();
  return *message;
}

bool DumpValidationFixtures(const std::string& dir) {
  // mcpguard's own 2025-11-25 definitions, for ajv to validate the tools/list
  // result against the same schema.
  rapidjson::StringBuffer mcp;
  rapidjson::Writer<rapidjson::StringBuffer> writer(mcp);
  internal::McpSchemaDocument(internal::McpVersion::k2025_11_25).Accept(writer);
  const std::string mcp_text(mcp.GetString(), mcp.GetSize());
  const std::pair<const char*, const std::string*> files[] = {
      {"schema.json", &Arguments20Schema()},
      {"call.json", &ToolsCall20()},
      {"tools_list.json", &LargeToolsList()},
      {"mcp_2025-11-25.json", &mcp_text},
  };
  for (const auto& [name, text] : files) {
    const std::string path = absl::StrCat(dir, "/", name);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      std::perror(path.c_str());
      return false;
    }
    const bool ok = std::fwrite(text->data(), 1, text->size(), f) == text->size();
    if (std::fclose(f) != 0 || !ok) {
      std::perror(path.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace mcpguard::bench
