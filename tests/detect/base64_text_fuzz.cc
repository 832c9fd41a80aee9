// Fuzzes DecodeBase64Text against its promises (detect/base64_text.h): a
// value it accepts is of one base64 alphabet, with '=' only at its end and
// line breaks anywhere (after a data: URI's prefix), and decodes to valid
// UTF-8 through at most kMaxBase64Layers layers; and the decoded text
// encoded back as the value came (EncodeBase64Like) keeps the prefix and
// the alphabet and decodes to the same text. A broken promise aborts, which libFuzzer
// reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"
#include "detect/base64_text.h"
#include "json/text_check.h"

namespace {

using mcpguard::internal::Base64Kind;
using mcpguard::internal::Base64Layer;
using mcpguard::internal::Base64Text;

void Fail(const char* what) {
  std::fprintf(stderr, "base64_text_fuzz: %s\n", what);
  std::abort();
}

// The shape DecodeBase64Text promises, byte by byte.
bool HasBase64Shape(absl::string_view value, bool web_safe) {
  bool padding = false;
  for (const char c : value) {
    const bool letter_or_digit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                 (c >= '0' && c <= '9');
    const bool symbol = web_safe ? c == '-' || c == '_' : c == '+' || c == '/';
    if (c == '\n' || c == '\r') continue;
    if (c == '=') {
      padding = true;
    } else if (padding || !(letter_or_digit || symbol)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view value(reinterpret_cast<const char*>(data), size);
  Base64Text out;
  if (mcpguard::internal::DecodeBase64Text(value, &out) != Base64Kind::kText) return 0;
  if (out.layers.empty() || out.layers.size() > mcpguard::internal::kMaxBase64Layers) {
    Fail("layers out of bounds");
  }
  const Base64Layer& outer = out.layers[0];
  if (!HasBase64Shape(value.substr(outer.prefix.size()), outer.web_safe)) {
    Fail("accepted a value of another shape");
  }
  const mcpguard::internal::TextCheck check =
      mcpguard::internal::CheckJsonText(out.decoded.data(), out.decoded.size());
  if (check.problem == mcpguard::internal::TextProblem::kInvalidUtf8) Fail("not UTF-8");
  const std::string encoded = mcpguard::internal::EncodeBase64Like(out.decoded, out);
  if (encoded.compare(0, outer.prefix.size(), outer.prefix) != 0) Fail("lost the data: prefix");
  if (!HasBase64Shape(absl::string_view(encoded).substr(outer.prefix.size()), outer.web_safe)) {
    Fail("encoded in another alphabet");
  }
  Base64Text back;
  if (mcpguard::internal::DecodeBase64Text(encoded, &back) != Base64Kind::kText ||
      back.decoded != out.decoded) {
    Fail("the encoding does not decode to the text");
  }
  return 0;
}
