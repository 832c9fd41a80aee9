// The tools each server of an engine has listed, for shadowing and squatting
// checks across servers: a tool whose name another server listed first, or
// whose name looks like one.
//
// Design note: first come, first named. A (server, tool) pair keeps the
// order in which it was first listed; a conflict is reported only against
// pairs listed before it, so the server that had the name first keeps it
// and the later one is the suspect. Bounded: past kMaxEntries new pairs are
// not recorded (and a check of one says so: it cannot vouch for it), nor
// past kMaxEntriesPerServer pairs of one server, so that one server listing
// junk names cannot leave the other servers' new tools unchecked (found by
// an adversarial review).
//
// Near names are found without comparing against every entry: each
// skeleton of kMinNearNameLength to kMaxNearNameLength bytes is indexed
// under the hashes of itself and of each of its one-byte deletions. Two
// strings one edit apart always share one of those (the shorter one, or
// the same deletion of both), so the candidates are the entries sharing a
// hash, confirmed by EditDistance. A Record costs O(length) lookups.
#ifndef MCPGUARD_INTEGRITY_TOOL_DIRECTORY_H_
#define MCPGUARD_INTEGRITY_TOOL_DIRECTORY_H_

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Thread-safe: an engine's sessions share one.
class ToolDirectory {
 public:
  static constexpr size_t kMaxEntries = 16384;
  static constexpr size_t kMaxEntriesPerServer = 4096;
  static constexpr size_t kMinNearNameLength = 5;   // "get"/"set" are honest.
  static constexpr size_t kMaxNearNameLength = 64;

  struct Conflict {
    enum class Kind {
      kSameName,    // Shadowing: the same name.
      kConfusable,  // Squatting: the same skeleton (integrity/name_skeleton.h).
      kNearName,    // Squatting: skeletons one edit apart (five or more characters).
      kFull,        // The directory is full; the pair could not be checked.
      kServerFull,  // Its server has kMaxEntriesPerServer pairs; not checked.
    };
    Kind kind;
    std::string server;  // The other server and its tool.
    std::string tool;
  };

  // Records that `server` lists `tool` and returns its first conflict with
  // a tool another server listed before it, if any.
  std::optional<Conflict> Record(absl::string_view server, absl::string_view tool);

  // The tools of other servers that `text` names, in order, at most `max`:
  // words of `text` (runs of letters, digits, "_", "-", ".") that are the
  // name of a tool some other server listed first, or whose part after the
  // last "." is ("mail.send_email"). Only names that cannot be an ordinary
  // word count: with "_", "-", ".", a digit, or a capital after the first
  // letter ("read_file", "sendEmail", not "search"). A name `server` also
  // lists counts unless `server` listed it first (a shadow it listed later
  // still names the other server's tool).
  struct Mention {
    size_t offset;  // Of the name in `text`.
    size_t length;
    std::string server;  // The server that listed it.
  };
  std::vector<Mention> FindOtherServersTools(absl::string_view text, absl::string_view server,
                                             size_t max);

 private:
  struct Entry {
    std::string server;
    std::string tool;
    std::string skeleton;
    std::optional<Conflict> conflict;  // With the entries before it.
  };
  // The first conflict of a new pair with the entries already recorded.
  std::optional<Conflict> FindConflict(absl::string_view server, absl::string_view tool,
                                       absl::string_view skeleton,
                                       const std::vector<uint64_t>& deletions) const;
  std::mutex mu_;
  std::vector<Entry> entries_;  // In order of first listing.
  absl::flat_hash_map<std::string, size_t> by_key_;                     // PinKey.
  absl::flat_hash_map<std::string, size_t> per_server_;                 // Entries.
  absl::flat_hash_map<std::string, std::vector<size_t>> by_name_;       // Tool name.
  absl::flat_hash_map<std::string, std::vector<size_t>> by_skeleton_;
  // Hash of a skeleton or of one of its one-byte deletions -> entries.
  absl::flat_hash_map<uint64_t, std::vector<size_t>> by_deletion_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_INTEGRITY_TOOL_DIRECTORY_H_
