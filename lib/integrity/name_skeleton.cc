#include "integrity/name_skeleton.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/uspoof.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "base/icu_lock.h"

namespace mcpguard::internal {
namespace {

// ICU's state for the process: the confusable checker and the NFKC
// case-folding normalizer, created once. Every use of them is under
// IcuMutex() (base/icu_lock.h).
struct Icu {
  USpoofChecker* checker = nullptr;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  Icu() {
    UErrorCode status = U_ZERO_ERROR;
    checker = uspoof_open(&status);
    if (U_FAILURE(status)) checker = nullptr;
    status = U_ZERO_ERROR;
    nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) nfkc_casefold = nullptr;
  }
};

Icu& IcuState() {
  std::lock_guard<std::mutex> lock(IcuMutex());
  static Icu* const icu_state = new Icu();
  return *icu_state;
}

bool IsSeparator(UChar32 c) { return c == '_' || c == '-' || c == '.' || c == ' ' || c == '/'; }

// `text` without separators and, with `marks_too`, without nonspacing
// marks (accents the skeleton left as combining characters: "emaíl" reads
// as "email").
icu::UnicodeString WithoutSeparators(const icu::UnicodeString& text, bool marks_too = false) {
  icu::UnicodeString kept;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    const bool mark = marks_too && (U_GET_GC_MASK(c) & U_GC_MN_MASK) != 0;
    if (!IsSeparator(c) && !mark) kept.append(c);
    i += U16_LENGTH(c);
  }
  return kept;
}

// The code points of UTF-8 `text` (an invalid sequence as U+FFFD, each).
std::u32string CodePoints(absl::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(bytes, i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace

std::string ToolNameSkeleton(absl::string_view name) {
  Icu& icu_state = IcuState();
  std::lock_guard<std::mutex> lock(IcuMutex());
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (text.indexOf(static_cast<UChar>(0xFFFD)) >= 0 &&
      name.find("\xEF\xBF\xBD") == absl::string_view::npos) {
    return std::string(name);  // Not UTF-8: leave it alone.
  }
  // NFKC with case folding first: fullwidth and other compatibility forms
  // ("ｒｅａｄ"), ligatures and case become their plain letters, which the
  // confusable mappings alone do not all cover.
  UErrorCode status = U_ZERO_ERROR;
  if (icu_state.nfkc_casefold != nullptr) {
    icu::UnicodeString folded = icu_state.nfkc_casefold->normalize(text, status);
    if (U_SUCCESS(status)) text = folded;
  }
  if (icu_state.nfkc_casefold == nullptr || U_FAILURE(status)) text.foldCase();
  const icu::UnicodeString kept = WithoutSeparators(text);
  icu::UnicodeString out = kept;
  if (icu_state.checker != nullptr) {
    UErrorCode skeleton_status = U_ZERO_ERROR;
    uspoof_getSkeletonUnicodeString(icu_state.checker, 0, kept, out, &skeleton_status);
    if (U_FAILURE(skeleton_status)) out = kept;
  }
  // The skeleton may map to uppercase or mixed forms; fold once more so case
  // never separates two names. It also maps look-alike separators to ASCII
  // ones (U+2010 HYPHEN to "-"): those go too, or "read‐write‐file" would
  // keep two hyphens "read-write-file" lost (found by an adversarial review).
  out.foldCase();
  out = WithoutSeparators(out, /*marks_too=*/true);
  std::string skeleton;
  out.toUTF8String(skeleton);
  return skeleton;
}

size_t EditDistance(absl::string_view a_text, absl::string_view b_text, size_t limit) {
  const std::u32string a = CodePoints(a_text);
  const std::u32string b = CodePoints(b_text);
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Optimal string alignment: Levenshtein plus a swap of two neighbours as
  // one edit ("send_emial"). Three rows: the one before last for swaps.
  std::vector<size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace mcpguard::internal
