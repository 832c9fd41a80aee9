#include "base/nfc.h"

#include <cstdint>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include "base/non_ascii.h"

namespace mcpguard::internal {
namespace {

// Well-formed UTF-8 (ICU's UTF-8 functions substitute U+FFFD for
// ill-formed sequences; a name with such bytes has no NFC form to match).
bool IsWellFormedUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// ICU's instance, or null when its data is missing.
const icu::Normalizer2* Instance(const icu::Normalizer2* (*get)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance = get(status);
  return U_SUCCESS(status) ? instance : nullptr;
}

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* const nfc = Instance(&icu::Normalizer2::getNFCInstance);
  return nfc;
}

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const folding =
      Instance(&icu::Normalizer2::getNFKCCasefoldInstance);
  return folding;
}

NfcResult Normalize(const icu::Normalizer2* nfc, absl::string_view text, char* out,
                    size_t capacity, size_t* length) {
  if (text.size() > static_cast<size_t>(INT32_MAX) / 4) return NfcResult::kTooLong;
  if (!IsWellFormedUtf8(text)) return NfcResult::kIllFormed;
  // ICU's data is part of the library: without it nothing is normalized,
  // and a caller comparing normal forms must not take that as "same".
  if (nfc == nullptr) return NfcResult::kIllFormed;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return NfcResult::kSame;
  status = U_ZERO_ERROR;
  icu::CheckedArrayByteSink sink(out, static_cast<int32_t>(capacity));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return NfcResult::kIllFormed;
  if (sink.Overflowed()) return NfcResult::kTooLong;
  *length = static_cast<size_t>(sink.NumberOfBytesWritten());
  return NfcResult::kChanged;
}

}  // namespace

NfcResult ToNfc(absl::string_view text, char* out, size_t capacity, size_t* length) {
  if (!HasNonAscii(text)) return NfcResult::kSame;
  return Normalize(Nfc(), text, out, capacity, length);
}

NfcResult ToNfkcCasefold(absl::string_view text, char* out, size_t capacity, size_t* length) {
  // ASCII folds to lowercase, which callers that ignore ASCII case need not
  // see: only text with other characters is folded.
  if (!HasNonAscii(text)) return NfcResult::kSame;
  return Normalize(NfkcCasefold(), text, out, capacity, length);
}

std::string NfcString(absl::string_view text) {
  if (!HasNonAscii(text) || text.size() > static_cast<size_t>(INT32_MAX) / 4 || !IsWellFormedUtf8(text) || Nfc() == nullptr) return std::string(text);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  Nfc()->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : std::string(text);
}

}  // namespace mcpguard::internal
