#include "detect/base64_text.h"

#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "json/text_check.h"

namespace mcpguard::internal {
namespace {

// What each byte is to a base64 reader, as bits, so that a run of bytes
// is classified by OR-ing them.
enum : unsigned char {
  kLetterOrDigit = 0,  // In both alphabets.
  kOther = 1,
  kStandard = 2,  // '+' and '/'.
  kWebSafe = 4,   // '-' and '_'.
  kPad = 8,
  kLineBreak = 16,
};

constexpr unsigned char ClassOf(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
             ? kLetterOrDigit
         : c == '+' || c == '/'   ? kStandard
         : c == '-' || c == '_'   ? kWebSafe
         : c == '='               ? kPad
         : c == '\n' || c == '\r' ? kLineBreak
                                  : kOther;
}

struct ClassTable {
  unsigned char of[256];
  constexpr ClassTable() : of() {
    for (int c = 0; c < 256; ++c) of[c] = ClassOf(static_cast<unsigned char>(c));
  }
};
constexpr ClassTable kClasses;

// The OR of the classes of `bytes`, stopping at the first 64-byte block
// with a byte of neither alphabet (prose stops in its first block).
unsigned Classes(absl::string_view bytes) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const end = p + bytes.size();
  unsigned seen = 0;
  while (end - p >= 64) {
    unsigned block = 0;
    for (int i = 0; i < 64; ++i) block |= kClasses.of[p[i]];
    seen |= block;
    if (seen & kOther) return seen;
    p += 64;
  }
  while (p < end) seen |= kClasses.of[*p++];
  return seen;
}

// Valid UTF-8 with at most one control byte in ten (CheckJsonText flags
// the controls but NUL, tab, LF and CR; NUL is counted here).
bool IsText(absl::string_view bytes) {
  const size_t allowed = bytes.size() / 10;
  size_t controls = 0;
  for (const char* p = bytes.data(); (p = static_cast<const char*>(std::memchr(
                                          p, '\0', bytes.data() + bytes.size() - p))) != nullptr;
       ++p) {
    if (++controls > allowed) return false;
  }
  size_t at = 0;
  while (at < bytes.size()) {
    const TextCheck check = CheckJsonText(bytes.data() + at, bytes.size() - at);
    if (check.problem == TextProblem::kNone) return true;
    if (check.problem == TextProblem::kInvalidUtf8) return false;
    if (++controls > allowed) return false;
    at += check.offset + 1;
  }
  return true;
}

// Whether `value`'s lines are as base64 is wrapped (MIME, PEM): every line
// but the last of one length, at least kMinWrappedLine, the last no longer,
// one kind of break throughout, and nothing after a final break. Text laid
// out one word or one token per line is not (found by an adversarial
// review: an AWS key and a card number on lines of their own, then base64
// noise, were taken for an image's base64 and never scanned).
constexpr size_t kMinWrappedLine = 16;
bool EvenlyWrapped(absl::string_view value, size_t line_length, absl::string_view line_break) {
  if (line_length < kMinWrappedLine) return false;
  size_t at = 0;
  for (;;) {
    const size_t end = value.find_first_of("\r\n", at);
    if (end == absl::string_view::npos) return value.size() - at <= line_length;
    const size_t length = end - at;
    if (value.substr(end, line_break.size()) != line_break) return false;
    at = end + line_break.size();
    if (at == value.size()) return length <= line_length && length > 0;  // A final break.
    if (length != line_length) return false;
  }
}

// One layer: Base64Kind of `value`, with *layer and *decoded for kText.
Base64Kind DecodeLayer(absl::string_view value, Base64Layer* layer, std::string* decoded) {
  std::string prefix;
  if (value.size() > 5 && absl::StartsWithIgnoreCase(value, "data:")) {
    const size_t comma = value.find(',');
    if (comma == absl::string_view::npos ||
        !absl::EndsWithIgnoreCase(value.substr(0, comma), ";base64")) {
      return Base64Kind::kNotBase64;
    }
    prefix = std::string(value.substr(0, comma + 1));
    value.remove_prefix(comma + 1);
  }
  if (value.size() < kMinBase64TextChars) return Base64Kind::kNotBase64;
  const unsigned seen = Classes(value);
  if (seen & kOther) return Base64Kind::kNotBase64;
  const bool web_safe = (seen & kWebSafe) != 0;
  if (web_safe && (seen & kStandard)) return Base64Kind::kNotBase64;  // Two alphabets.
  size_t padding = 0;
  size_t line_breaks = 0;
  if (seen & kPad) {
    // '=' only at the end (line breaks aside), at most two.
    for (size_t i = value.find('='); i < value.size(); ++i) {
      const unsigned char c = kClasses.of[static_cast<unsigned char>(value[i])];
      if (c == kPad) {
        if (++padding > 2) return Base64Kind::kNotBase64;
      } else if (c != kLineBreak) {
        return Base64Kind::kNotBase64;
      }
    }
  }
  Base64Layer form;
  if (seen & kLineBreak) {
    for (const char c : value) line_breaks += c == '\n' || c == '\r' ? 1 : 0;
    const size_t first = value.find_first_of("\r\n");
    // Wrapped: lines of `first` characters.
    form.line_length = first;
    form.line_break = value.substr(first, 2) == "\r\n" ? "\r\n" : "\n";
    form.final_line_break = value.back() == '\n' || value.back() == '\r';
    if (!EvenlyWrapped(value, first, form.line_break)) return Base64Kind::kNotBase64;
  }
  const size_t characters = value.size() - padding - line_breaks;
  if (characters < kMinBase64TextChars) return Base64Kind::kNotBase64;
  if (padding > 0 && (characters + padding) % 4 != 0) return Base64Kind::kNotBase64;
  if (!(web_safe ? absl::WebSafeBase64Unescape(value, decoded)
                 : absl::Base64Unescape(value, decoded))) {
    return Base64Kind::kNotBase64;
  }
  if (!IsText(*decoded)) return Base64Kind::kBinary;
  form.web_safe = web_safe;
  // A length that needed no padding says nothing: standard base64 is
  // padded unless shown otherwise, web-safe (as in URLs and JWTs) is not.
  form.padded = padding > 0 || (!web_safe && characters % 4 == 0);
  form.prefix = std::move(prefix);
  *layer = std::move(form);
  return Base64Kind::kText;
}

}  // namespace

Base64Kind DecodeBase64Text(absl::string_view value, Base64Text* out) {
  Base64Layer layer;
  std::string decoded;
  const Base64Kind kind = DecodeLayer(value, &layer, &decoded);
  if (kind != Base64Kind::kText) return kind;
  out->layers.clear();
  out->layers.push_back(std::move(layer));
  out->decoded = std::move(decoded);
  // Base64 of base64 (of base64): each layer is shorter than the last.
  while (out->layers.size() < kMaxBase64Layers) {
    std::string inner;
    if (DecodeLayer(out->decoded, &layer, &inner) != Base64Kind::kText) break;
    out->layers.push_back(std::move(layer));
    out->decoded = std::move(inner);
  }
  return Base64Kind::kText;
}

namespace {

std::string EncodeLayer(absl::string_view text, const Base64Layer& form) {
  std::string encoded = form.web_safe ? absl::WebSafeBase64Escape(text) : absl::Base64Escape(text);
  if (form.web_safe && form.padded) {
    while (encoded.size() % 4 != 0) encoded.push_back('=');
  } else if (!form.web_safe && !form.padded) {
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
  }
  std::string out = form.prefix;
  if (form.line_length == 0) return out.append(encoded);
  for (size_t at = 0; at < encoded.size(); at += form.line_length) {
    if (at > 0) out.append(form.line_break);
    out.append(encoded, at, form.line_length);
  }
  if (form.final_line_break) out.append(form.line_break);
  return out;
}

}  // namespace

std::string EncodeBase64Like(absl::string_view text, const Base64Text& form) {
  std::string encoded(text);
  for (auto layer = form.layers.rbegin(); layer != form.layers.rend(); ++layer) {
    encoded = EncodeLayer(encoded, *layer);
  }
  return encoded;
}

}  // namespace mcpguard::internal
