#include "detect/match_fold.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "detect/fold_table.h"

namespace mcpguard::internal {
namespace {

bool IsAsciiRunByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool IsWordByte(unsigned char c) { return IsAsciiRunByte(c) && c != '-'; }

bool IsAsciiAlnum(unsigned char c) { return IsWordByte(c) && c != '_'; }

// Whether a character belongs to a run of letters and digits (dropped
// characters do not break a run), and whether it is an ASCII letter or
// digit or folds to ASCII letters and digits ("ＡＢ").
bool IsRunMember(int32_t c, const FoldEntry* entry, bool* ascii) {
  *ascii = false;
  if (c >= 0 && c < 0x80) {
    const unsigned char b = static_cast<unsigned char>(c);
    *ascii = IsAsciiAlnum(b);
    return IsAsciiRunByte(b);
  }
  if (entry == nullptr) return false;
  if (entry->kind != FoldEntry::Kind::kAscii) return true;
  for (int i = 0; i < entry->length; ++i) {
    if (!IsAsciiRunByte(static_cast<unsigned char>(entry->ascii[i]))) return false;
  }
  *ascii = true;
  return true;
}

// Walks the characters of a text that folding changes.
class FoldWalker {
 public:
  FoldWalker(absl::string_view text, const FoldTable& table)
      : p_(reinterpret_cast<const uint8_t*>(text.data())),
        n_(static_cast<int32_t>(text.size())),
        table_(table) {}

  // Calls f(offset, length, entry) for each character that folding drops
  // or replaces, in order, while f returns true.
  template <typename F>
  void Walk(F f) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    int32_t i = 0;
    int32_t marks_end = -1;  // Where the last dropped mark ended.
    while (i < n_) {
      // Only a lead byte the table marks can start a character that folds:
      // eight bytes at a time, their lead bytes (11xxxxxx) looked up.
      if (i + 8 <= n_) {
        uint64_t w;
        std::memcpy(&w, p_ + i, sizeof(w));
        uint64_t leads = w & (w << 1) & kHigh;
        while (leads != 0 && !table_.MayStartEntry(p_[i + (__builtin_ctzll(leads) >> 3)])) {
          leads &= leads - 1;
        }
        if (leads == 0) {
          i += 8;
          continue;
        }
        i += __builtin_ctzll(leads) >> 3;
      } else if (!table_.MayStartEntry(p_[i])) {
        ++i;
        continue;
      }
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p_, i, n_, c);
      const FoldEntry* entry = c >= 0 ? table_.Find(c) : nullptr;
      if (entry == nullptr) continue;
      bool folds = true;
      switch (entry->kind) {
        case FoldEntry::Kind::kDrop:
        case FoldEntry::Kind::kAscii:
          break;
        case FoldEntry::Kind::kDropAfterWord:
          // Right after an ASCII word character, or after marks dropped there.
          folds = marks_end == start || (start > 0 && IsWordByte(p_[start - 1]));
          if (folds) marks_end = i;
          break;
        case FoldEntry::Kind::kConfusable:
          folds = InMixedRun(start, i);
          // A word of its own script with nothing else to fold in it
          // (most words of Greek or Cyrillic text): skipped whole.
          if (!folds && !run_other_) i = std::max(i, run_end_);
          break;
      }
      if (folds && !f(static_cast<size_t>(start), static_cast<size_t>(i - start), *entry)) return;
    }
  }

 private:
  // Whether the confusable letter at [start, end) is in a run that also
  // holds an ASCII letter or digit. The answer holds for the rest of the
  // run, which is remembered.
  bool InMixedRun(int32_t start, int32_t end) {
    if (start < run_end_) return run_mixed_;
    bool mixed = false, ascii = false;
    for (int32_t j = start; j > 0 && !mixed;) {
      UChar32 c;
      U8_PREV(p_, 0, j, c);
      if (!IsRunMember(c, c >= 0x80 ? table_.Find(c) : nullptr, &ascii)) break;
      mixed = ascii;
    }
    // Forward to the run's end, noting members that fold whatever the run.
    run_other_ = false;
    int32_t j = end;
    while (j < n_) {
      const int32_t at = j;
      UChar32 c;
      U8_NEXT(p_, j, n_, c);
      const FoldEntry* entry = c >= 0x80 ? table_.Find(c) : nullptr;
      if (!IsRunMember(c, entry, &ascii)) {
        j = at;
        break;
      }
      mixed = mixed || ascii;
      run_other_ = run_other_ || (entry != nullptr && entry->kind != FoldEntry::Kind::kConfusable);
    }
    run_end_ = j;
    run_mixed_ = mixed;
    return mixed;
  }

  const uint8_t* p_;
  int32_t n_;
  const FoldTable& table_;
  // The run InMixedRun looked at last: where it ends, whether it holds
  // ASCII, and whether anything in it after the confusable asked about
  // folds in any run (dropped characters, marks, compatibility forms).
  int32_t run_end_ = -1;
  bool run_mixed_ = false;
  bool run_other_ = false;
};

}  // namespace

bool HasNonAscii(absl::string_view text) {
  const char* p = text.data();
  const size_t n = text.size();
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t w[4];
    std::memcpy(w, p + i, sizeof(w));
    if ((w[0] | w[1] | w[2] | w[3]) & kHigh) return true;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return true;
  }
  return false;
}

void FoldedText::SourceSpan(size_t begin, size_t end, size_t* offset, size_t* length) const {
  *offset = source[begin];
  const size_t last_end = source[end - 1] + source_length[end - 1];
  *length = last_end - *offset;
}

bool FoldForMatching(absl::string_view text, FoldedText* out) {
  if (text.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max()) ||
      !HasNonAscii(text)) {
    return false;
  }
  const FoldTable& table = FoldTable::Get();
  // Most texts outside ASCII have nothing to fold: find out before copying.
  bool changes = false;
  FoldWalker(text, table).Walk([&changes](size_t, size_t, const FoldEntry&) {
    changes = true;
    return false;
  });
  if (!changes) return false;
  out->text.clear();
  out->source.clear();
  out->source_length.clear();
  out->text.reserve(text.size());
  out->source.reserve(text.size());
  out->source_length.reserve(text.size());
  // Bytes kept as they are map to themselves (a match begins and ends on
  // character boundaries, so byte by byte is enough).
  size_t done = 0;
  auto keep = [&](size_t end) {
    out->text.append(text.data() + done, end - done);
    for (size_t i = done; i < end; ++i) out->source.push_back(static_cast<uint32_t>(i));
    out->source_length.resize(out->text.size(), 1);
    done = end;
  };
  FoldWalker(text, table).Walk([&](size_t offset, size_t length, const FoldEntry& entry) {
    keep(offset);
    if (entry.kind == FoldEntry::Kind::kAscii || entry.kind == FoldEntry::Kind::kConfusable) {
      const size_t count = entry.kind == FoldEntry::Kind::kAscii ? entry.length : 1;
      out->text.append(entry.ascii, count);
      out->source.insert(out->source.end(), count, static_cast<uint32_t>(offset));
      out->source_length.insert(out->source_length.end(), count, static_cast<uint8_t>(length));
    }
    done = offset + length;
    return true;
  });
  keep(text.size());
  return true;
}

}  // namespace mcpguard::internal
