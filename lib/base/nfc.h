// Unicode Normalization Form C (NFC) of UTF-8 text, by ICU.
//
// Two spellings of one name that are canonically equivalent (a precomposed
// "ü" and "u" + U+0308, "K" and U+212A KELVIN SIGN) are one name to
// software that normalizes, and the MCP filesystem server does: a path it
// cannot find is looked up again among names equal to it in NFC. A check
// that compares bytes compares the NFC forms too.
#ifndef MCPGUARD_BASE_NFC_H_
#define MCPGUARD_BASE_NFC_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

enum class NfcResult {
  kSame,       // `text` is in NFC already (ASCII always is).
  kChanged,    // out[0, *length) is its NFC form, which differs.
  kTooLong,    // The NFC form does not fit in `capacity` bytes.
  kIllFormed,  // `text` is not well-formed UTF-8: it has no NFC form.
};

// Writes the NFC form of `text` to `out` (`capacity` bytes) when it differs
// from `text`. Does not allocate for ASCII text or text in NFC.
NfcResult ToNfc(absl::string_view text, char* out, size_t capacity, size_t* length);

// The same with NFKC_Casefold (Unicode's NFKC, full case folding, default
// ignorable code points such as U+200C dropped): what case-insensitive file
// systems may take for one name ("\u017Fsh" for "ssh", ".g\u200Cit" for
// ".git"). kSame for ASCII text, whose only folding is ASCII case.
NfcResult ToNfkcCasefold(absl::string_view text, char* out, size_t capacity, size_t* length);

// The NFC form of `text`, or `text` itself when it has none (ill-formed).
std::string NfcString(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_NFC_H_
