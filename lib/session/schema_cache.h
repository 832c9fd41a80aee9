// Tool schemas compiled once per engine, whichever session listed them.
//
// Design note: every session with a given server lists the same tools, so a
// schema is keyed by the SHA-256 of its JSON text (as RapidJSON writes it)
// and of the compile options, and compiled the first time any session sees
// it. A schema that fails to compile is cached too, with its error, so a
// hostile server cannot make each session pay for the same bad schema. The
// cache holds at most `capacity` entries and forgets the oldest first;
// sessions keep what they use alive through shared_ptr.
#ifndef MCPGUARD_SESSION_SCHEMA_CACHE_H_
#define MCPGUARD_SESSION_SCHEMA_CACHE_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"

namespace mcpguard::internal {

// A compiled schema, or why there is none.
struct CachedSchema {
  std::unique_ptr<const CompiledSchema> schema;  // Null when compiling failed.
  std::string error;                             // Set when schema is null.
};

// Thread-safe.
class SchemaCache {
 public:
  explicit SchemaCache(size_t capacity = 4096) : capacity_(capacity == 0 ? 1 : capacity) {}

  // The compiled form of `schema` under `options`. Never null.
  std::shared_ptr<const CachedSchema> GetOrCompile(const rapidjson::Value& schema,
                                                   const SchemaOptions& options);

  size_t size() const;

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<const CachedSchema>> entries_;
  std::deque<std::string> order_;  // Keys, oldest first.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SESSION_SCHEMA_CACHE_H_
