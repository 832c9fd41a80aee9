// The characters FoldForMatching (match_fold.h) drops or replaces, and by
// what: built once from ICU's properties, NFKC and confusable skeletons,
// then only read (no ICU call, no lock, no allocation per lookup: two
// array reads).
#ifndef MCPGUARD_DETECT_FOLD_TABLE_H_
#define MCPGUARD_DETECT_FOLD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mcpguard::internal {

struct FoldEntry {
  enum class Kind : uint8_t {
    kDrop,           // Default_Ignorable_Code_Point.
    kMark,           // A nonspacing or enclosing mark: dropped after printable
                     // ASCII or a character that was folded or dropped.
    kAscii,          // NFKC gives `ascii`.
    kConfusable,     // Looks like `ascii[0]`; replaced only in a mixed run.
  };
  static constexpr int kMaxAscii = 7;
  Kind kind = Kind::kDrop;
  uint8_t length = 0;  // Of `ascii`.
  char ascii[kMaxAscii] = {};
};

class FoldTable {
 public:
  // Built on first use (thread-safe); TextScanner::Create asks for it, so
  // that the build happens when a policy compiles, not during a check.
  static const FoldTable& Get();

  // The entry of code point `c`, or null when `c` stays as it is.
  const FoldEntry* Find(int32_t c) const {
    if (c < 0 || c > 0x10FFFF) return nullptr;
    const uint16_t block = blocks_[static_cast<uint32_t>(c) >> 6];
    if (block == 0) return nullptr;
    const uint16_t entry = slots_[(size_t{block} - 1) * 64 + (static_cast<uint32_t>(c) & 63)];
    return entry == 0 ? nullptr : &entries_[entry - 1];
  }

  // Whether a character whose UTF-8 form begins with byte `b` may have an
  // entry: false for ASCII, continuation bytes, and the lead bytes of
  // ranges with none (CJK ideographs, Hangul syllables).
  bool MayStartEntry(unsigned char b) const { return leads_[b]; }

  size_t size() const { return entries_.size(); }

 private:
  FoldTable();
  void Add(int32_t c, const FoldEntry& entry);

  // A two-level table: per 64 code points, 0 when none has an entry, else
  // 1 + the number of their 64 slots; per slot, 0 or 1 + the entry's index.
  std::vector<uint16_t> blocks_;
  std::vector<uint16_t> slots_;
  std::vector<FoldEntry> entries_;
  bool leads_[256] = {};
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_FOLD_TABLE_H_
