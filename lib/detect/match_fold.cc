#include "detect/match_fold.h"

#include "absl/strings/ascii.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "base/non_ascii.h"
#include "detect/fold_table.h"

namespace mcpguard::internal {
namespace {

// What an ASCII byte is to a run: a letter or digit, "_" or "-".
constexpr uint8_t kAlnum = 1, kUnderscore = 2, kHyphen = 4;
constexpr std::array<uint8_t, 256> kRunBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kAlnum;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kAlnum;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kAlnum;
  t['_'] = kUnderscore;
  t['-'] = kHyphen;
  return t;
}();

bool IsAsciiRunByte(unsigned char c) { return kRunBytes[c] != 0; }
bool IsAsciiAlnum(unsigned char c) { return kRunBytes[c] == kAlnum; }
bool IsPrintableAscii(unsigned char c) { return c >= 0x21 && c <= 0x7E; }

// The character at p[*i] (a lead byte), or -1 when ill-formed; moves *i
// past it. Two-byte characters (Greek, Cyrillic, Latin-1) inline.
int32_t DecodeAt(const uint8_t* p, int32_t* i, int32_t n) {
  UChar32 c;
  U8_NEXT(p, *i, n, c);
  return c;
}

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

  // Whether folding changes the text at all: the same answer as asking
  // Walk for a first character, but cheaper on text in other scripts,
  // where a look-alike letter's run is looked at only when the letter
  // touches an ASCII letter, digit, "-" or "_", or a mark follows it.
  bool Changes() {
    int32_t confusable_start = -1, confusable_end = -1;
    for (int32_t i = NextCandidate(0); i < n_; i = NextCandidate(i)) {
      const int32_t start = i;
      const int32_t c = DecodeAt(p_, &i, n_);
      const FoldEntry* entry = c >= 0 ? table_.Find(c) : nullptr;
      if (entry == nullptr) continue;
      switch (entry->kind) {
        case FoldEntry::Kind::kDrop:
        case FoldEntry::Kind::kAscii:
          return true;
        case FoldEntry::Kind::kMark:
          // (After a character that folds or is dropped, the answer was
          // already yes.)
          if (start > 0 && IsPrintableAscii(p_[start - 1])) return true;
          if (confusable_end == start && InMixedRun(confusable_start, confusable_end)) return true;
          break;
        case FoldEntry::Kind::kConfusable:
          // A run that holds ASCII and a look-alike has a look-alike
          // touching ASCII, a character that folds anyway, or a mark.
          if (((start > 0 && IsAsciiRunByte(p_[start - 1])) ||
               (i < n_ && IsAsciiRunByte(p_[i]))) &&
              InMixedRun(start, i)) {
            return true;
          }
          confusable_start = start;
          confusable_end = i;
          break;
      }
    }
    return false;
  }

  // Calls f(offset, length, entry) for each character that folding drops
  // or replaces, in order, while f returns true.
  template <typename F>
  void Walk(F f) {
    int32_t folded_end = -1;  // Where the last character folded or dropped ended.
    for (int32_t i = NextCandidate(0); i < n_; i = NextCandidate(i)) {
      const int32_t start = i;
      const int32_t c = DecodeAt(p_, &i, n_);
      const FoldEntry* entry = c >= 0 ? table_.Find(c) : nullptr;
      if (entry == nullptr) continue;
      bool folds = true;
      switch (entry->kind) {
        case FoldEntry::Kind::kDrop:
        case FoldEntry::Kind::kAscii:
          break;
        case FoldEntry::Kind::kMark:
          // Right after printable ASCII, or after a character folded or
          // dropped (so after a mark dropped there).
          folds = folded_end == start || (start > 0 && IsPrintableAscii(p_[start - 1]));
          break;
        case FoldEntry::Kind::kConfusable:
          folds = InMixedRun(start, i);
          // A word of its own script with nothing else to fold in it
          // (most words of Greek or Cyrillic text): skipped whole.
          if (!folds && !run_other_) i = std::max(i, run_end_);
          break;
      }
      if (!folds) continue;
      folded_end = i;
      if (!f(static_cast<size_t>(start), static_cast<size_t>(i - start), *entry)) return;
    }
  }

 private:
  // The offset of the first lead byte at or after `i` that may start a
  // character with an entry, or n_: eight bytes at a time, their lead
  // bytes (11xxxxxx) looked up.
  int32_t NextCandidate(int32_t i) const {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    for (; i + 8 <= n_; i += 8) {
      uint64_t w;
      std::memcpy(&w, p_ + i, sizeof(w));
      for (uint64_t leads = w & (w << 1) & kHigh; leads != 0; leads &= leads - 1) {
        const int32_t at = i + (__builtin_ctzll(leads) >> 3);
        if (table_.MayStartEntry(p_[at])) return at;
      }
    }
    for (; i < n_; ++i) {
      if (table_.MayStartEntry(p_[i])) return i;
    }
    return n_;
  }

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
      const int32_t c = DecodeAt(p_, &j, n_);
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

void FoldedText::SourceSpan(size_t begin, size_t end, size_t* offset, size_t* length) const {
  *offset = source[begin];
  const size_t last_end = source[end - 1] + source_length[end - 1];
  *length = last_end - *offset;
}

bool FoldForMatching(absl::string_view text, FoldedText* out, DroppedBetweenLetters dropped) {
  if (text.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max()) ||
      !HasNonAscii(text)) {
    return false;
  }
  const FoldTable& table = FoldTable::Get();
  // Most texts outside ASCII have nothing to fold: find out before copying.
  if (!FoldWalker(text, table).Changes()) return false;
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
  out->dropped_between_letters = false;
  const auto is_letter = [](unsigned char c) { return absl::ascii_isalpha(c); };
  FoldWalker(text, table).Walk([&](size_t offset, size_t length, const FoldEntry& entry) {
    keep(offset);
    // A character dropped between two letters: glued ("AK" "IA") or apart
    // ("ignore" "previous"), as the reader takes it; this reading says
    // which.
    if (entry.kind == FoldEntry::Kind::kDrop && offset > 0 && offset + length < text.size() &&
        is_letter(static_cast<unsigned char>(text[offset - 1])) &&
        is_letter(static_cast<unsigned char>(text[offset + length]))) {
      out->dropped_between_letters = true;
      if (dropped == DroppedBetweenLetters::kSpace) {
        out->text.push_back(' ');
        out->source.push_back(static_cast<uint32_t>(offset));
        out->source_length.push_back(static_cast<uint8_t>(length));
      }
    }
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
