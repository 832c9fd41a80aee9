// Finds the windows of a text where gated patterns can match (gate.h): one
// pass that classifies the bytes 64 at a time (block_classifier.h) and
// filters the word starts (prefix_filter.h), then the few places the gates
// point at.
#ifndef MCPGUARD_DETECT_GATED_SCAN_H_
#define MCPGUARD_DETECT_GATED_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "base/simd_level.h"
#include "detect/gate.h"

namespace mcpguard::internal {

// A window [begin, end) of the text in which pattern `pattern` (an index
// into the gates the GateIndex was built from) may match.
struct GateWindow {
  uint32_t pattern;
  size_t begin;
  size_t end;
};

// Built once from the gates of a scanner's patterns; immutable, thread-safe.
class GateIndex {
 public:
  // `gates[i]` is pattern i's gate; none may be null. The bytes are read
  // with the best vector instructions the CPU has, or at most `level`
  // (tests compare the levels).
  explicit GateIndex(const std::vector<const Gate*>& gates,
                     SimdLevel level = SimdLevel::kAvx512);
  ~GateIndex();
  GateIndex(const GateIndex&) = delete;
  GateIndex& operator=(const GateIndex&) = delete;

  // Appends every window of `text` where a pattern may match, per pattern
  // sorted by begin and merged where they overlap or touch. Every match of
  // a pattern in `text` lies inside one of its windows (as far as the gates
  // are right about their regexes). False when the text must be scanned
  // whole instead: it holds a character that (?i) folds to an ASCII letter
  // (U+017F, U+212A), which literals compared by ASCII case would miss.
  // `*non_ascii` is set to whether the text has a byte outside ASCII
  // (always true when the answer is false).
  bool FindWindows(absl::string_view text, std::vector<GateWindow>* out,
                   bool* non_ascii) const;

  struct Tables;  // Private; in gate_index_tables.h.

 private:
  std::vector<const Gate*> gates_;
  std::unique_ptr<Tables> tables_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_GATED_SCAN_H_
