#include "policy/json_positions.h"

#include <algorithm>

namespace mcpguard::internal {
namespace {

bool IsLiteralChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

}  // namespace

JsonPositions::JsonPositions(absl::string_view json) : json_(json) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < json.size(); ++i) {
    if (json[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::pair<int, int> JsonPositions::LineColumn(size_t offset) const {
  const size_t line =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
      line_starts_.begin();
  return {static_cast<int>(line),
          static_cast<int>(offset - line_starts_[line - 1] + 1)};
}

size_t JsonPositions::StringStart(size_t end) const {
  // Inside a valid string every '"' follows an odd run of '\' (it is
  // escaped), so the opening quote is the nearest earlier '"' after an even
  // run. Linear in the string's length.
  if (end < 2) return 0;
  size_t i = end - 1;  // The closing quote.
  while (i > 0) {
    --i;
    if (json_[i] != '"') continue;
    size_t backslashes = 0;
    while (backslashes < i && json_[i - 1 - backslashes] == '\\') {
      ++backslashes;
    }
    if (backslashes % 2 == 0) return i;
  }
  return 0;
}

size_t JsonPositions::LiteralStart(size_t end) const {
  size_t begin = std::min(end, json_.size());
  while (begin > 0 && IsLiteralChar(json_[begin - 1])) --begin;
  return begin;
}

}  // namespace mcpguard::internal
