// Positions in a JSON text for diagnostics. A SAX reader reports a value when
// it has just read it; these find where it began and turn byte offsets into
// the line:column form editors understand.
#ifndef MCPGUARD_POLICY_JSON_POSITIONS_H_
#define MCPGUARD_POLICY_JSON_POSITIONS_H_

#include <cstddef>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Immutable after construction; `json` must outlive it.
class JsonPositions {
 public:
  explicit JsonPositions(absl::string_view json);

  // 1-based (line, column) of a byte offset; columns count bytes.
  std::pair<int, int> LineColumn(size_t offset) const;

  // Where the string that ends just before `end` (past its closing quote)
  // begins: its opening quote.
  size_t StringStart(size_t end) const;

  // Where the number or literal (true, false, null) ending at `end` begins.
  size_t LiteralStart(size_t end) const;

 private:
  absl::string_view json_;
  std::vector<size_t> line_starts_;  // Offset where each line begins.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_JSON_POSITIONS_H_
