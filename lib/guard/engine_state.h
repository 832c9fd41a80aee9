// What an Engine shares with its sessions.
#ifndef MCPGUARD_GUARD_ENGINE_STATE_H_
#define MCPGUARD_GUARD_ENGINE_STATE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "integrity/tool_directory.h"
#include "mcpguard/guard.h"
#include "mcpguard/policy.h"
#include "session/schema_cache.h"
#include "session/token_bucket_table.h"

namespace mcpguard::internal {

// Design note: readers must never wait for a reload. A session caches the
// snapshot it last used together with `version`; each Check does one acquire
// load of `version` and only when it changed an atomic load of the pointer
// (std::atomic_load on shared_ptr: C++17 has no atomic<shared_ptr>). Writers
// serialize on `writer_mu`, store the pointer, then bump the version.
struct EngineState {
  std::shared_ptr<const CompiledPolicy> policy;  // Access with std::atomic_*.
  std::atomic<uint64_t> version{1};
  std::mutex writer_mu;  // std::mutex so ThreadSanitizer sees it.
  EngineOptions options;  // Fixed at Engine::Create.
  // Tool schemas compiled once for all sessions (thread-safe itself).
  SchemaCache schemas;
  // Rate-limit buckets of every session (thread-safe itself). They outlive
  // policy swaps: a bucket's key carries its limit's id and numbers.
  TokenBucketTable rate_buckets;
  // The tools every server of this engine has listed, for shadowing and
  // squatting checks (thread-safe itself).
  ToolDirectory tool_directory;
  // Numbers the sessions, for the SESSION rate-limit key (a host's
  // session_id may be empty or reused).
  std::atomic<uint64_t> session_serial{0};

  // Held by a policy change across reading the policy in force, auditing the
  // change and storing the new one, so that concurrent changes are audited
  // in the order they take effect (each event's previous hash is the one
  // before it). Engine::Reload holds it from reading the file on, so that
  // of two reloads the one that read last takes effect last.
  std::mutex change_mu;

  std::shared_ptr<const CompiledPolicy> Load() const { return std::atomic_load(&policy); }
  void Store(std::shared_ptr<const CompiledPolicy> next) {
    std::lock_guard<std::mutex> lock(writer_mu);
    std::atomic_store(&policy, std::move(next));
    version.fetch_add(1, std::memory_order_acq_rel);
  }
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_ENGINE_STATE_H_
