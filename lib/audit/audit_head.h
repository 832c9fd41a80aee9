// The head file of a JSON Lines audit log ("<path>.head"): where the chain
// stood at the last flush, so that lines cut off the end of the log are
// noticed (docs/audit.md).
#ifndef MCPGUARD_AUDIT_AUDIT_HEAD_H_
#define MCPGUARD_AUDIT_AUDIT_HEAD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

struct AuditHead {
  uint64_t sequence = 0;  // Of the next event: the number of events so far.
  std::string hash;       // Of the last event.
};

std::string AuditHeadPath(absl::string_view log_path);

// A rotated file of the log: "<log_path>.<sequence of its first event, 12
// digits>".
std::string RotatedLogPath(absl::string_view log_path, uint64_t first_sequence);
// The first sequence a rotated file's name records, if `path` has the form
// of one.
std::optional<uint64_t> RotatedLogSequence(absl::string_view path);

// Replaces the head atomically. Its own link (the chain's key, if any)
// covers both fields.
absl::Status WriteAuditHead(absl::string_view log_path, uint64_t sequence, absl::string_view hash,
                            absl::string_view key);

// NotFound when there is none; DataLoss when it is malformed or its link
// does not verify.
absl::StatusOr<AuditHead> ReadAuditHead(absl::string_view log_path, absl::string_view key);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_HEAD_H_
