#include "detect/fold_table.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utypes.h>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "base/icu_lock.h"

namespace mcpguard::internal {
namespace {

// Calls `f(c)` for every code point of the set `pattern` (ICU syntax).
template <typename F>
void ForEachIn(const char* pattern, F f) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeSet set(icu::UnicodeString(pattern, -1, US_INV), status);
  if (U_FAILURE(status)) return;
  for (int32_t r = 0; r < set.getRangeCount(); ++r) {
    for (UChar32 c = set.getRangeStart(r); c <= set.getRangeEnd(r); ++c) f(c);
  }
}

// The text of `s` in UTF-8 when it is 1 to kMaxAscii printable ASCII bytes.
bool PrintableAscii(const icu::UnicodeString& s, std::string* out) {
  out->clear();
  s.toUTF8String(*out);
  if (out->empty() || out->size() > static_cast<size_t>(FoldEntry::kMaxAscii)) return false;
  for (char c : *out) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

FoldEntry AsciiEntry(FoldEntry::Kind kind, const std::string& ascii) {
  FoldEntry entry;
  entry.kind = kind;
  entry.length = static_cast<uint8_t>(ascii.size());
  for (size_t i = 0; i < ascii.size(); ++i) entry.ascii[i] = ascii[i];
  return entry;
}

}  // namespace

const FoldTable& FoldTable::Get() {
  static const FoldTable* const table = new FoldTable();
  return *table;
}

void FoldTable::Add(int32_t c, const FoldEntry& entry) {
  // Indexes are 16 bits (ICU 72 gives about 7,700 entries).
  if (entries_.size() >= 0xFFFF || slots_.size() >= 0xFFFF * 64 - 64) return;
  uint16_t& block = blocks_[static_cast<uint32_t>(c) >> 6];
  if (block == 0) {
    slots_.resize(slots_.size() + 64, 0);
    block = static_cast<uint16_t>(slots_.size() / 64);
  }
  uint16_t& slot = slots_[(size_t{block} - 1) * 64 + (static_cast<uint32_t>(c) & 63)];
  if (slot != 0) return;  // The first rule to claim it wins.
  entries_.push_back(entry);
  slot = static_cast<uint16_t>(entries_.size());
  const uint32_t u = static_cast<uint32_t>(c);
  leads_[u < 0x80      ? u
         : u < 0x800   ? 0xC0 | (u >> 6)
         : u < 0x10000 ? 0xE0 | (u >> 12)
                       : 0xF0 | (u >> 18)] = true;
}

FoldTable::FoldTable() : blocks_(0x110000 >> 6, 0) {
  std::lock_guard<std::mutex> lock(IcuMutex());
  // Blanks outside ASCII are spaces (the first rule to claim a character
  // wins): U+2028, U+2029, U+1680 and U+0085 (a control, else dropped
  // below, which glued the words on either side) kept the words of an
  // injection apart for a reader but not for a pattern (found by an
  // adversarial review).
  ForEachIn("[[:White_Space:]-[\\u0000-\\u007F]]",
            [&](UChar32 c) { Add(c, AsciiEntry(FoldEntry::Kind::kAscii, " ")); });
  // And the letters and symbols fonts draw as a blank: the Hangul fillers
  // (default-ignorable, else dropped, which glued words) and the blank
  // Braille pattern (found by a second review).
  for (UChar32 c : {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}) {
    Add(c, AsciiEntry(FoldEntry::Kind::kAscii, " "));
  }
  FoldEntry drop;
  drop.kind = FoldEntry::Kind::kDrop;
  ForEachIn("[:Default_Ignorable_Code_Point:]", [&](UChar32 c) { Add(c, drop); });
  // Format and control characters outside ASCII that render as nothing
  // (U+FFF9-FFFB, the Egyptian format controls, C1 controls); the
  // prepended concatenation marks (U+0600, U+06DD, ...) render, and stay.
  ForEachIn("[[:Cf:][:Cc:]-[:Prepended_Concatenation_Mark:]-[\\u0000-\\u007F]]",
            [&](UChar32 c) { Add(c, drop); });
  FoldEntry mark;
  mark.kind = FoldEntry::Kind::kMark;
  ForEachIn("[[:Mn:][:Me:]]", [&](UChar32 c) { Add(c, mark); });
  // Dashes a reader takes for "-" (PEM armour, phone numbers).
  for (UChar32 c : {0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2E3A,
                    0x2E3B, 0xFE58}) {
    Add(c, AsciiEntry(FoldEntry::Kind::kAscii, "-"));
  }

  std::string ascii;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  // Compatibility forms of one other letter (MATHEMATICAL BOLD CAPITAL
  // ALPHA is Α): folded below as that letter is, if it is a look-alike.
  std::vector<std::pair<UChar32, UChar32>> compatibility_letters;
  if (U_SUCCESS(status)) {
    // Characters that NFKC always changes (NFKC_Quick_Check=No).
    ForEachIn("[:NFKC_Quick_Check=No:]", [&](UChar32 c) {
      UErrorCode s = U_ZERO_ERROR;
      const icu::UnicodeString normal = nfkc->normalize(icu::UnicodeString(c), s);
      if (U_FAILURE(s)) return;
      if (PrintableAscii(normal, &ascii)) {
        Add(c, AsciiEntry(FoldEntry::Kind::kAscii, ascii));
      } else if (normal.countChar32() == 1) {
        compatibility_letters.emplace_back(c, normal.char32At(0));
      }
    });
  }

  status = U_ZERO_ERROR;
  USpoofChecker* checker = uspoof_open(&status);
  if (U_FAILURE(status)) return;
  auto skeleton = [checker](UChar32 c) {
    UErrorCode s = U_ZERO_ERROR;
    icu::UnicodeString out;
    uspoof_getSkeletonUnicodeString(checker, 0, icu::UnicodeString(c), out, &s);
    std::string text;
    if (U_SUCCESS(s)) out.toUTF8String(text);
    return text;
  };
  // The ASCII letters and digits by skeleton: "l" is the skeleton of
  // "l", "I" and "1", so a letter whose skeleton is "l" is one of them.
  absl::flat_hash_map<std::string, std::string> ascii_by_skeleton;
  for (char a = '0'; a <= 'z'; ++a) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(a))) ascii_by_skeleton[skeleton(a)] += a;
  }
  ForEachIn(
      "[[[:Latin:][:Greek:][:Cyrillic:][:Armenian:][:Cherokee:][:Coptic:][:Lisu:]]&[:L:]"
      "-[\\u0000-\\u007F]]",
      [&](UChar32 c) {
        auto it = ascii_by_skeleton.find(skeleton(c));
        if (it == ascii_by_skeleton.end()) return;
        // Of the same case: an uppercase letter stands for an uppercase
        // one, a lowercase for a lowercase; a letter with no case for any.
        std::string same;
        for (char a : it->second) {
          const unsigned char b = static_cast<unsigned char>(a);
          if (u_isupper(c) ? absl::ascii_isupper(b)
              : u_islower(c) ? absl::ascii_islower(b)
                             : true) {
            same += a;
          }
        }
        // A letter that looks like a digit (Cyrillic З, 3): digits have no
        // case.
        if (same.empty()) {
          for (char a : it->second) {
            if (absl::ascii_isdigit(static_cast<unsigned char>(a))) same += a;
          }
        }
        if (same.size() == 1) Add(c, AsciiEntry(FoldEntry::Kind::kConfusable, same));
      });
  uspoof_close(checker);
  for (const auto& [c, letter] : compatibility_letters) {
    if (const FoldEntry* entry = Find(letter);
        entry != nullptr && entry->kind == FoldEntry::Kind::kConfusable) {
      const FoldEntry copy = *entry;
      Add(c, copy);
    }
  }
}

}  // namespace mcpguard::internal
