// Tool schemas compiled once per engine, whichever session listed them.
//
// Design note: every session with a given server lists the same tools, so a
// schema is keyed by the SHA-256 of its JSON text (as RapidJSON writes it)
// and of the compile options, and compiled the first time any session sees
// it. A schema that fails to compile is cached too, with its error, so a
// hostile server cannot make each session pay for the same bad schema. The
// cache holds at most `capacity` entries, and entries of at most
// `max_cost` estimated bytes together (schema text, and 64 bytes per
// instruction of its regexes, their DFAs included: a server can list
// schemas of many large regexes, and list them again changed), and forgets
// the oldest first; sessions keep what they use alive through shared_ptr.
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
  explicit SchemaCache(size_t capacity = 4096, size_t max_cost = size_t{256} << 20)
      : capacity_(capacity == 0 ? 1 : capacity), max_cost_(max_cost) {}

  // The compiled form of `schema` under `options`. Never null.
  std::shared_ptr<const CachedSchema> GetOrCompile(const rapidjson::Value& schema,
                                                   const SchemaOptions& options);

  size_t size() const;
  size_t cost() const;  // Of the entries held, estimated.

 private:
  struct Entry {
    std::shared_ptr<const CachedSchema> schema;
    size_t cost = 0;
  };
  const size_t capacity_;
  const size_t max_cost_;
  mutable std::mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // Keys, oldest first.
  size_t cost_ = 0;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SESSION_SCHEMA_CACHE_H_
