// Checks the hash chain of JSON Lines audit files (`mcpguard audit verify`).
#ifndef MCPGUARD_AUDIT_CHAIN_VERIFIER_H_
#define MCPGUARD_AUDIT_CHAIN_VERIFIER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

struct ChainReport {
  bool ok = false;
  uint64_t events = 0;
  uint64_t first_sequence = 0;
  uint64_t last_sequence = 0;
  std::string last_hash;
  uint64_t anchors_matched = 0;
  // The first broken link, as "FILE:LINE: what" (empty when ok).
  std::string problem;
  // What could not be checked or looks odd without being a broken link.
  std::vector<std::string> warnings;
};

// An event's sequence and hash recorded outside the log (see
// JsonLinesSinkOptions::on_head): the log must still hold that event.
struct ChainAnchor {
  uint64_t sequence = 0;
  std::string hash;  // 64 lowercase hex digits, as in the log.
};

struct ChainCheck {
  // The head file of the last path must exist and agree with the end of the
  // chain (lines cut off the end).
  bool head = true;
  // The chain must start at sequence 0 (its first events were not removed).
  // Off for logs whose oldest rotated files retention deleted.
  bool from_start = true;
  // Each must be an event of the chain checked, with that hash: a log
  // rolled back to before one (replaced with its head by an older pair), or
  // replaced by another chain under the same key, fails.
  std::vector<ChainAnchor> anchors;
};

// Verifies `paths` as one chain, in order (rotated files oldest first, the
// live file last), under `key` (empty: plain SHA-256). A rotated file
// ("<log>.<12 digits>") must start with the sequence its name says. Every
// path must be a regular file.
ChainReport VerifyAuditChain(const std::vector<std::string>& paths, absl::string_view key,
                             const ChainCheck& check);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_CHAIN_VERIFIER_H_
