// A string value that is wholly base64 and decodes to text: how MCP carries
// a file (a resource's `blob`, an image's or an audio clip's `data`), and a
// way to carry a secret past a scanner that reads only what is written.
//
// The session scans such a value as its decoded text, and redacts it by
// encoding the redacted text the same way, so the message stays what its
// reader expects: base64 of the content, less the secret. Base64 of base64
// is decoded layer by layer (up to kMaxBase64Layers), and a `data:` URI's
// base64 payload too.
#ifndef MCPGUARD_DETECT_BASE64_TEXT_H_
#define MCPGUARD_DETECT_BASE64_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// How one layer was encoded, to encode a redaction back the same way.
struct Base64Layer {
  bool web_safe = false;  // RFC 4648 section 5: '-' and '_' for '+' and '/'.
  // Ends in '=' (or '=='), or is standard base64 whose length needed none:
  // a value in neither alphabet's own characters and without padding is
  // taken for standard base64 (MCP's blobs are), so a redaction may bring
  // '+', '/' or '=' into a value an unpadded web-safe reader then refuses.
  bool padded = false;
  size_t line_length = 0;      // Characters per line when wrapped; 0: one line.
  std::string line_break;      // "\n" or "\r\n" when wrapped.
  bool final_line_break = false;
  std::string prefix;          // "data:<type>;base64," of a data: URI.
};

struct Base64Text {
  std::string decoded;              // The innermost text.
  std::vector<Base64Layer> layers;  // Outermost first.
};

enum class Base64Kind {
  kNotBase64,  // Not wholly base64 (or too short): read as written.
  kText,       // Base64 of text: *out filled.
  kBinary,     // Base64 of something that is not text (an image).
};

// Values with fewer base64 characters than this are not decoded: 15 carry
// 11 bytes, the shortest text a detector finds ("123-45-6789").
inline constexpr size_t kMinBase64TextChars = 15;
inline constexpr size_t kMaxBase64Layers = 3;

// Whether `value` is wholly base64 (standard or web-safe, '=' padding only
// at its end, on one line or wrapped evenly, as MIME and PEM wrap it: lines
// of one length of at least 16 characters but the last; or a `data:` URI
// whose payload is so) of at least kMinBase64TextChars characters, and
// whether it decodes to text: valid UTF-8 with at most one control byte
// (NUL included; tab, LF and CR are not) in ten. For kText, *out holds the
// text, decoded again while it is itself base64 of text.
Base64Kind DecodeBase64Text(absl::string_view value, Base64Text* out);

// `text` encoded as `form`'s layers were, innermost first.
std::string EncodeBase64Like(absl::string_view text, const Base64Text& form);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_BASE64_TEXT_H_
