#include "integrity/tool_directory.h"

#include <optional>
#include <string>

#include "integrity/name_skeleton.h"
#include "integrity/pin_key.h"

namespace mcpguard::internal {
namespace {

// Shorter skeletons are one edit apart from too many honest names
// ("get" and "set").
constexpr size_t kMinNearNameLength = 5;

}  // namespace

std::optional<ToolDirectory::Conflict> ToolDirectory::Record(absl::string_view server,
                                                             absl::string_view tool) {
  std::string skeleton = ToolNameSkeleton(tool);
  std::lock_guard<std::mutex> lock(mu_);
  std::string key = PinKey(server, tool);
  size_t self;
  if (auto it = by_key_.find(key); it != by_key_.end()) {
    self = it->second;
  } else if (entries_.size() >= kMaxEntries) {
    return Conflict{Conflict::Kind::kFull, "", ""};
  } else {
    self = entries_.size();
    entries_.push_back(Entry{std::string(server), std::string(tool), skeleton});
    by_key_.emplace(std::move(key), self);
    by_name_[std::string(tool)].push_back(self);
    by_skeleton_[skeleton].push_back(self);
  }
  auto earlier_other = [&](size_t index) {
    return index < self && entries_[index].server != server;
  };
  if (auto it = by_name_.find(tool); it != by_name_.end()) {
    for (size_t index : it->second) {
      if (earlier_other(index)) {
        return Conflict{Conflict::Kind::kSameName, entries_[index].server, entries_[index].tool};
      }
    }
  }
  if (auto it = by_skeleton_.find(skeleton); it != by_skeleton_.end()) {
    for (size_t index : it->second) {
      if (earlier_other(index)) {
        return Conflict{Conflict::Kind::kConfusable, entries_[index].server, entries_[index].tool};
      }
    }
  }
  if (skeleton.size() >= kMinNearNameLength) {
    for (size_t index = 0; index < self; ++index) {
      const Entry& other = entries_[index];
      if (other.server == server || other.skeleton.size() < kMinNearNameLength) continue;
      if (EditDistance(skeleton, other.skeleton, 1) <= 1) {
        return Conflict{Conflict::Kind::kNearName, other.server, other.tool};
      }
    }
  }
  return std::nullopt;
}

}  // namespace mcpguard::internal
