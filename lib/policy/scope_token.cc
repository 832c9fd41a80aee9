#include "policy/scope_token.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace mcpguard::internal {

bool ValidScopeToken(absl::string_view scope) {
  if (scope.empty()) return false;
  for (char c : scope) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e || u == '"' || u == '\\') return false;
  }
  return true;
}

std::vector<std::string> SplitScopeLists(const std::vector<std::string>& scopes) {
  std::vector<std::string> out;
  for (const std::string& list : scopes) {
    for (absl::string_view scope :
         absl::StrSplit(list, absl::ByAnyChar(" \t\n\v\f\r"), absl::SkipEmpty())) {
      if (std::find(out.begin(), out.end(), scope) == out.end()) out.emplace_back(scope);
    }
  }
  return out;
}

}  // namespace mcpguard::internal
