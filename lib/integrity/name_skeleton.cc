#include "integrity/name_skeleton.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <vector>

namespace mcpguard::internal {
namespace {

// One checker for the process. ICU allows concurrent use of a configured
// checker for skeletons, but a mutex costs nothing here (tools/list only).
struct Spoof {
  USpoofChecker* checker = nullptr;
  std::mutex mu;
  Spoof() {
    UErrorCode status = U_ZERO_ERROR;
    checker = uspoof_open(&status);
    if (U_FAILURE(status)) checker = nullptr;
  }
};

Spoof& Checker() {
  static Spoof* const spoof = new Spoof();
  return *spoof;
}

bool IsSeparator(UChar32 c) { return c == '_' || c == '-' || c == '.' || c == ' ' || c == '/'; }

}  // namespace

std::string ToolNameSkeleton(absl::string_view name) {
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
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString folded = nfkc_cf->normalize(text, status);
    if (U_SUCCESS(status)) text = folded;
  }
  if (U_FAILURE(status)) text.foldCase();
  icu::UnicodeString kept;
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    if (!IsSeparator(c)) kept.append(c);
    i += U16_LENGTH(c);
  }
  Spoof& spoof = Checker();
  std::string skeleton;
  if (spoof.checker == nullptr) {
    kept.toUTF8String(skeleton);
    return skeleton;
  }
  icu::UnicodeString out;
  {
    std::lock_guard<std::mutex> lock(spoof.mu);
    UErrorCode skeleton_status = U_ZERO_ERROR;
    uspoof_getSkeletonUnicodeString(spoof.checker, 0, kept, out, &skeleton_status);
    if (U_FAILURE(skeleton_status)) out = kept;
  }
  // The skeleton may map to uppercase or mixed forms; fold once more so case
  // never separates two names.
  out.foldCase();
  out.toUTF8String(skeleton);
  return skeleton;
}

size_t EditDistance(absl::string_view a, absl::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<size_t> previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace mcpguard::internal
