// The tools a server has listed in one session, with their compiled schemas.
//
// Design note: tools/call arguments are checked against the inputSchema the
// server itself declared in this session's tools/list, not against anything
// the client claims. Each tools/list result (every page of it) adds or
// replaces the tools it names; a tool never listed is unknown. The catalog
// holds at most `max_tools` tools; past that, new names are refused (and
// reported), never silently dropped.
#ifndef MCPGUARD_SESSION_TOOL_CATALOG_H_
#define MCPGUARD_SESSION_TOOL_CATALOG_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "session/schema_cache.h"

namespace mcpguard::internal {

// Per session; not thread-safe (the session serializes).
class ToolCatalog {
 public:
  static constexpr size_t kDefaultMaxTools = 4096;

  struct Tool {
    std::shared_ptr<const CachedSchema> input;   // Never null once listed.
    std::shared_ptr<const CachedSchema> output;  // Null: no outputSchema.
  };

  explicit ToolCatalog(size_t max_tools = kDefaultMaxTools) : max_tools_(max_tools) {}

  // Records the tools of a tools/list `result` ({"tools": [...]}), compiling
  // their schemas through `cache`. Appends one note per tool that could not
  // be recorded (no name, schema that does not compile, catalog full).
  void RecordListed(const rapidjson::Value& result, SchemaCache& cache,
                    const SchemaOptions& options, std::vector<std::string>* notes);

  // The tool named `name`, or null if the server has not listed it.
  const Tool* Find(absl::string_view name) const;

  size_t size() const { return tools_.size(); }

 private:
  size_t max_tools_;
  absl::flat_hash_map<std::string, Tool> tools_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SESSION_TOOL_CATALOG_H_
