#ifndef MCPGUARD_DETECT_GATE_INDEX_TABLES_H_
#define MCPGUARD_DETECT_GATE_INDEX_TABLES_H_

// GateIndex's tables (private to lib/detect): what the gates' literals and
// run triggers become once, when the index is built (gate_index_tables.cc),
// for FindWindows (gated_scan.cc) to read per text.

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "detect/block_classifier.h"
#include "detect/gate.h"
#include "detect/gated_scan.h"
#include "detect/prefix_filter.h"

namespace mcpguard::internal {

inline bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Most literals are found where a word starts in the text, by the key of
// the word's first three bytes, not by an anchor byte: the letters of many
// short words would make anchors of half the bytes of a text. A literal is
// found so when a word starts at one of its bytes whatever the text around
// it: at its first byte if it has word_start, or after a byte that is no
// word byte (".env", "-----BEGIN "), with three bytes from there. The key
// ignores ASCII case (and is coarser still).
inline uint16_t PrefixKey(const unsigned char* p) {
  return static_cast<uint16_t>(((p[0] & 31u) << 10) | ((p[1] & 31u) << 5) | (p[2] & 31u));
}

struct LiteralRef {
  GateLiteral literal;
  uint32_t anchor = 0;  // Offset of the anchor byte in the literal.
  std::vector<uint32_t> patterns;
};

struct GateIndex::Tables {
  explicit Tables(SimdLevel level) : classifier(level) {}

  BlockClassifier classifier;
  std::array<std::vector<uint32_t>, 256> anchor_literals;  // Indices into literals.
  std::vector<LiteralRef> literals;
  std::vector<uint32_t> token_run_patterns;
  std::vector<uint32_t> cluster_patterns;  // kDigitCluster.
  std::vector<uint32_t> dotted_patterns;   // kDottedDigits.
  std::vector<uint32_t> capital_patterns;  // kCapitalsDigits.
  int min_cluster_digits = 256;
  // Word-start literals: a bit per PrefixKey, and (key, literal) sorted.
  std::array<uint64_t, 512> prefix_bits{};
  PrefixFilter prefix_filter;  // Before the bits: which word starts to look up.
  std::vector<std::pair<uint16_t, uint32_t>> prefix_literals;
  std::vector<uint32_t> word_start_in;  // Per literal: WordStartIn.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_GATE_INDEX_TABLES_H_
