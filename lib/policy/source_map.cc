#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "policy/loader.h"

namespace mcpguard::internal {

void SourceMap::Add(std::string field_path, int line, int column) {
  // The first location wins: a field that appears twice (an error reported
  // elsewhere) is best shown where it was first written.
  locations_.emplace(std::move(field_path), std::make_pair(line, column));
}

std::pair<int, int> SourceMap::Find(absl::string_view field_path) const {
  while (true) {
    auto it = locations_.find(field_path);
    if (it != locations_.end()) return it->second;
    // Cut the last component: "a[2].b" -> "a[2]" -> "a". The '.' and '['
    // that start components never occur inside proto field names.
    const size_t cut = field_path.find_last_of(".[");
    if (cut == absl::string_view::npos) return {0, 0};
    field_path = field_path.substr(0, cut);
  }
}

}  // namespace mcpguard::internal
