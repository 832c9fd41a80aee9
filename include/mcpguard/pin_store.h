// Where the pins of tool definitions live between sessions and restarts
// (policy.proto Integrity, docs/policy.md "Tool integrity").
//
// A pin is the SHA-256, as 64 lowercase hex digits, of a tool's canonical
// definition, keyed by (server id, tool name). An engine's sessions share
// one store (EngineOptions::pin_store), so implementations must be
// thread-safe. Any error a store returns makes the guard treat the tool as
// not approved: a store that cannot be read or written never means trust.
#ifndef MCPGUARD_PIN_STORE_H_
#define MCPGUARD_PIN_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace mcpguard {

class PinStore {
 public:
  virtual ~PinStore() = default;

  // The pin of (server_id, tool), or nullopt when there is none.
  virtual absl::StatusOr<std::optional<std::string>> Get(std::string_view server_id,
                                                         std::string_view tool) = 0;

  // Pins `sha256` for (server_id, tool) unless a pin is there already, and
  // returns the pin in force afterwards: `sha256`, or the one found (another
  // session or process may have pinned first). An error when the new pin
  // could not be made durable.
  virtual absl::StatusOr<std::string> PinIfAbsent(std::string_view server_id,
                                                  std::string_view tool,
                                                  std::string_view sha256) = 0;
};

// Pins in memory, for the lifetime of the process: the engine's default.
// It holds at most 100,000 pins; past that a new tool cannot be pinned, so
// it is not trusted (finding pin_store_error, the policy's on_change).
std::shared_ptr<PinStore> NewMemoryPinStore();

// Pins in a JSON file (format in docs/policy.md), read now; a missing file is
// an empty store, created on the first pin. Each new pin rewrites the file
// atomically (a temporary file renamed over it, flushed to disk) under an
// exclusive lock on PATH.lock, after merging pins other processes added, so
// processes sharing the file lose nothing. InvalidArgument, naming the file
// and the place, for a file that is not a valid pin file: a corrupt store is
// an error, never an empty one.
absl::StatusOr<std::shared_ptr<PinStore>> OpenFilePinStore(const std::string& path);

}  // namespace mcpguard

#endif  // MCPGUARD_PIN_STORE_H_
