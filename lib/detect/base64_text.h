// A string value that is wholly base64 and decodes to text: how MCP carries
// a file (a resource's `blob`, an image's or an audio clip's `data`), and a
// way to carry a secret past a scanner that reads only what is written.
//
// The session scans such a value as its decoded text, and redacts it by
// encoding the redacted text the same way, so the message stays what its
// reader expects: base64 of the content, less the secret.
#ifndef MCPGUARD_DETECT_BASE64_TEXT_H_
#define MCPGUARD_DETECT_BASE64_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

struct Base64Text {
  std::string decoded;
  bool web_safe = false;  // RFC 4648 section 5: '-' and '_' for '+' and '/'.
  // Ends in '=' (or '=='), or is standard base64 whose length needed none.
  bool padded = false;
};

// Values shorter than this are not decoded: too short to carry anything a
// detector finds (20 bytes of text).
inline constexpr size_t kMinBase64TextChars = 28;

// True when `value` is at least kMinBase64TextChars of one base64 alphabet
// (standard or web-safe, '=' padding only at the end, line breaks allowed
// between characters), decodes, and the decoded bytes are text: valid UTF-8
// with at most one control byte (NUL included; tab, LF and CR are not) in
// ten. Binary content (an image, compressed data, a key) is not text.
// Fills *out when true.
bool DecodeBase64Text(absl::string_view value, Base64Text* out);

// `text` encoded as `form` was: its alphabet and padding, no line breaks.
std::string EncodeBase64Like(absl::string_view text, const Base64Text& form);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_BASE64_TEXT_H_
