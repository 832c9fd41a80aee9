// The hash chain of a JSON Lines audit log (docs/audit.md, "Tamper
// evidence"). Every line is an event object whose last three members are
//
//   ..., "mcpguard.chain.sequence":N, "mcpguard.chain.prev":"<hex>",
//   "mcpguard.chain.hash":"<hex>"}
//
// (without the spaces), where hash is SHA-256 -- or HMAC-SHA256 under the
// log's key -- of the line's bytes up to and including prev's closing
// quote, and prev is the hash of the line before (64 zeros for the first
// event of a chain). So a line edited, deleted, inserted or moved breaks
// the link of the next line.
#ifndef MCPGUARD_AUDIT_HASH_CHAIN_H_
#define MCPGUARD_AUDIT_HASH_CHAIN_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// The prev of a chain's first event.
inline constexpr absl::string_view kChainGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The link over `covered`: SHA-256 when `key` is empty, else HMAC-SHA256.
std::string ChainLink(absl::string_view key, absl::string_view covered);

// Appends to *out the line for `event` (a JSON object, no newline) as event
// `sequence` after the link `prev`, with its newline; returns its hash.
std::string AppendChainedLine(absl::string_view event, uint64_t sequence, absl::string_view prev,
                              absl::string_view key, std::string* out);

// The chain members of one line (without its newline).
struct ChainedLine {
  absl::string_view covered;  // The bytes the hash covers.
  uint64_t sequence = 0;
  absl::string_view prev;
  absl::string_view hash;
};

// Reads the chain members at the end of `line`. False, with *problem, when
// the line does not end with them in this exact form.
bool ParseChainedLine(absl::string_view line, ChainedLine* out, std::string* problem);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_HASH_CHAIN_H_
