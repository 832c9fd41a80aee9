#include "integrity/tool_directory.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "integrity/name_skeleton.h"
#include "integrity/pin_key.h"

namespace mcpguard::internal {
namespace {

// The hashes a skeleton is indexed under for near names: its own and those
// of its one-byte deletions (see the design note).
std::vector<uint64_t> DeletionHashes(absl::string_view skeleton) {
  std::vector<uint64_t> hashes;
  hashes.reserve(skeleton.size() + 1);
  hashes.push_back(absl::HashOf(skeleton));
  // One code point out at a time (EditDistance counts code points): a
  // UTF-8 continuation byte (10xxxxxx) goes with the byte before it.
  auto continues = [&](size_t at) {
    return at < skeleton.size() && (static_cast<unsigned char>(skeleton[at]) & 0xC0) == 0x80;
  };
  std::string variant;
  for (size_t i = 0; i < skeleton.size();) {
    size_t next = i + 1;
    while (continues(next)) ++next;
    variant.assign(skeleton.data(), i);
    variant.append(skeleton.data() + next, skeleton.size() - next);
    hashes.push_back(absl::HashOf(absl::string_view(variant)));
    i = next;
  }
  return hashes;
}

bool IsNameByte(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

// "read_file", "sendEmail", "s3.get", "v2": not a word of prose.
bool LooksLikeIdentifier(absl::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c == '_' || c == '-' || c == '.' || absl::ascii_isdigit(c)) return true;
    if (i > 0 && absl::ascii_isupper(c)) return true;
  }
  return false;
}

}  // namespace

std::vector<ToolDirectory::Mention> ToolDirectory::FindOtherServersTools(
    absl::string_view text, absl::string_view server, size_t max) {
  std::vector<Mention> mentions;
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.empty()) return mentions;
  // The server that listed `name` first, when it is not `server`.
  auto other_owner = [&](absl::string_view name) -> const std::string* {
    auto it = by_name_.find(name);
    if (it == by_name_.end() || it->second.empty()) return nullptr;
    const Entry& first = entries_[it->second.front()];  // Entries are in listing order.
    return first.server != server ? &first.server : nullptr;
  };
  size_t i = 0;
  while (i < text.size() && mentions.size() < max) {
    if (!IsNameByte(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsNameByte(text[end])) ++end;
    // Sentence punctuation is not part of a name: "call read_file."
    size_t name_end = end;
    while (name_end > i && (text[name_end - 1] == '.' || text[name_end - 1] == '-')) --name_end;
    absl::string_view word = text.substr(i, name_end - i);
    size_t offset = i;
    const std::string* owner = LooksLikeIdentifier(word) ? other_owner(word) : nullptr;
    // "mail.send_email": the tool after the server's name.
    if (owner == nullptr) {
      if (const size_t dot = word.rfind('.'); dot != absl::string_view::npos) {
        const absl::string_view tail = word.substr(dot + 1);
        if (LooksLikeIdentifier(tail) && (owner = other_owner(tail)) != nullptr) {
          offset += dot + 1;
          word = tail;
        }
      }
    }
    if (owner != nullptr) mentions.push_back(Mention{offset, word.size(), *owner});
    i = end;
  }
  return mentions;
}

std::optional<ToolDirectory::Conflict> ToolDirectory::Record(absl::string_view server,
                                                             absl::string_view tool) {
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = PinKey(server, tool);
  // Entries are only ever appended, so a pair's conflicts with the entries
  // before it never change: computed once, at its first listing.
  if (auto it = by_key_.find(key); it != by_key_.end()) return entries_[it->second].conflict;
  if (entries_.size() >= kMaxEntries) return Conflict{Conflict::Kind::kFull, "", ""};
  size_t& listed = per_server_[server];
  if (listed >= kMaxEntriesPerServer) {
    return Conflict{Conflict::Kind::kServerFull, std::string(server), ""};
  }
  ++listed;
  std::string skeleton = ToolNameSkeleton(tool);
  const bool near_names = skeleton.size() >= kMinNearNameLength &&
                          skeleton.size() <= kMaxNearNameLength;
  const std::vector<uint64_t> deletions =
      near_names ? DeletionHashes(skeleton) : std::vector<uint64_t>();
  const std::optional<Conflict> conflict = FindConflict(server, tool, skeleton, deletions);
  const size_t self = entries_.size();
  entries_.push_back(Entry{std::string(server), std::string(tool), skeleton, conflict});
  by_key_.emplace(std::move(key), self);
  by_name_[std::string(tool)].push_back(self);
  by_skeleton_[std::move(skeleton)].push_back(self);
  for (uint64_t hash : deletions) {
    std::vector<size_t>& bucket = by_deletion_[hash];
    if (bucket.empty() || bucket.back() != self) bucket.push_back(self);
  }
  return conflict;
}

std::optional<ToolDirectory::Conflict> ToolDirectory::FindConflict(
    absl::string_view server, absl::string_view tool, absl::string_view skeleton,
    const std::vector<uint64_t>& deletions) const {
  auto other_server = [&](size_t index) { return entries_[index].server != server; };
  auto conflict = [&](Conflict::Kind kind, size_t index) {
    return Conflict{kind, entries_[index].server, entries_[index].tool};
  };
  if (auto it = by_name_.find(tool); it != by_name_.end()) {
    for (size_t index : it->second) {
      if (other_server(index)) return conflict(Conflict::Kind::kSameName, index);
    }
  }
  if (auto it = by_skeleton_.find(skeleton); it != by_skeleton_.end()) {
    for (size_t index : it->second) {
      if (other_server(index)) return conflict(Conflict::Kind::kConfusable, index);
    }
  }
  for (uint64_t hash : deletions) {
    auto it = by_deletion_.find(hash);
    if (it == by_deletion_.end()) continue;
    for (size_t index : it->second) {
      if (other_server(index) && EditDistance(skeleton, entries_[index].skeleton, 1) <= 1) {
        return conflict(Conflict::Kind::kNearName, index);
      }
    }
  }
  return std::nullopt;
}

}  // namespace mcpguard::internal
