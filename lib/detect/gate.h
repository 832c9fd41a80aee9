// Where a pattern can match, found without running it: the gate a
// PatternSpec may carry, so that a scan runs the pattern only around the
// places its gate points at (gated_scan.h).
//
// Design note: RE2 reads every byte of a text at about 2 ns, whatever the
// patterns; most bytes of clean text cannot be part of any match, and a
// cheap pass over them can say so. A gate names what every match of its
// pattern contains (a trigger: a literal, or a long run of token bytes, or
// a cluster of digits) and how far a match can reach on each side of it:
// over any run of bytes of a class next to the trigger, then a few bytes
// more. The pattern then runs only on those windows, with the whole text as
// context for \b, ^ and $, so it finds exactly what a scan of the whole text
// finds. A gate is a claim about its regex; each is written next to the
// regex it describes, and tests/detect/gated_scan_test.cc checks the claims
// by comparing gated and whole-text scans on corpora and on generated text.
#ifndef MCPGUARD_DETECT_GATE_H_
#define MCPGUARD_DETECT_GATE_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mcpguard::internal {

// A set of bytes, built at compile time from ranges and single bytes.
class ByteClass {
 public:
  constexpr ByteClass() = default;
  // Every byte of `bytes`, and for each "a-z" triple the range it names.
  constexpr explicit ByteClass(absl::string_view bytes) {
    for (size_t i = 0; i < bytes.size(); ++i) {
      if (i + 2 < bytes.size() && bytes[i + 1] == '-') {
        for (int c = static_cast<unsigned char>(bytes[i]);
             c <= static_cast<unsigned char>(bytes[i + 2]); ++c) {
          Add(static_cast<unsigned char>(c));
        }
        i += 2;
      } else {
        Add(static_cast<unsigned char>(bytes[i]));
      }
    }
  }
  static constexpr ByteClass All() {
    ByteClass c;
    for (uint64_t& word : c.bits_) word = ~uint64_t{0};
    return c;
  }
  // Every byte but those of `bytes`.
  static constexpr ByteClass AllBut(absl::string_view bytes) {
    ByteClass c = All();
    for (char b : bytes) c.Remove(static_cast<unsigned char>(b));
    return c;
  }
  constexpr ByteClass operator|(const ByteClass& other) const {
    ByteClass c = *this;
    for (int i = 0; i < 4; ++i) c.bits_[i] |= other.bits_[i];
    return c;
  }
  constexpr bool Has(unsigned char b) const { return (bits_[b >> 6] >> (b & 63)) & 1; }

 private:
  constexpr void Add(unsigned char b) { bits_[b >> 6] |= uint64_t{1} << (b & 63); }
  constexpr void Remove(unsigned char b) { bits_[b >> 6] &= ~(uint64_t{1} << (b & 63)); }
  uint64_t bits_[4] = {0, 0, 0, 0};
};

// A literal every match of the pattern (or of one of its alternatives)
// contains. With ignore_case the literal is lowercase and matched ignoring
// ASCII case; with word_start the byte before it must not be a word byte
// [A-Za-z0-9_] (only where the regex itself puts \b or \s before it).
struct GateLiteral {
  absl::string_view text;
  bool ignore_case = false;
  bool word_start = false;
};

// How far a match can reach beyond its trigger on one side: over the run
// of `run` bytes next to the trigger, then at most `extra` bytes more.
struct Reach {
  ByteClass run;
  uint16_t extra = 0;
};

// Triggers found by classifying bytes rather than by a literal.
enum class RunTrigger : uint8_t {
  kNone,
  // A run of at least kTokenRunMin bytes of kTokenRunBytes: long tokens
  // with no literal of their own (base64 payloads, some credentials).
  kTokenRun,
  // A cluster of digits and separators (kDigitClusterBytes) holding at
  // least `min_digits` digits (Gate::min_digits) or, for kDottedDigits,
  // three dots between digits: card, SSN and phone numbers, IPv4.
  kDigitCluster,
  kDottedDigits,
  // Two capital letters then two digits, at a word's start or not (IBAN).
  kCapitalsDigits,
};
// Classes the gates of the built-in patterns share.
// The bytes the patterns' \s matches (text_scanner.cc widens RE2's): the
// ASCII blanks, the separators \x1c-\x1f, NUL and DEL.
inline constexpr ByteClass kWhitespaceBytes =
    ByteClass{" \t\n\v\f\r\x1c-\x1f\x7f"} | ByteClass{absl::string_view("\0", 1)};
// Words and the whitespace between them: the reach of a phrase pattern
// ((?i)\b(ignore|...)\s+(all\s+)*...) around its keyword.
inline constexpr ByteClass kPhraseBytes = ByteClass{"A-Za-z0-9_'"} | kWhitespaceBytes;
// What follows a credential's prefix: its body ([A-Za-z0-9_\-] and the
// few other bytes some formats use).
inline constexpr ByteClass kTokenBodyBytes{"-A-Za-z0-9_.=+/%~"};
inline constexpr size_t kTokenRunMin = 36;
inline constexpr ByteClass kTokenRunBytes{"A-Za-z0-9+/_.-"};
inline constexpr ByteClass kDigitClusterBytes{"0-9 .()+-"};

// A literal at a word's start (\bAKIA), and one anywhere, matched as written.
constexpr GateLiteral WordLiteral(absl::string_view text) { return GateLiteral{text, false, true}; }
constexpr GateLiteral Literal(absl::string_view text) { return GateLiteral{text, false, false}; }
// A keyword of a (?i) pattern at a word's start.
constexpr GateLiteral Keyword(absl::string_view lowercase) {
  return GateLiteral{lowercase, true, true};
}

// Where a trigger was found ([at, at_end)) and the window its reach gives
// ([begin, end)), for a gate's accept function.
struct GateSpot {
  size_t at, at_end, begin, end;
};

struct Gate {
  absl::Span<const GateLiteral> literals;
  RunTrigger run_trigger = RunTrigger::kNone;
  uint8_t min_digits = 0;  // For kDigitCluster.
  Reach before;            // From the trigger's first byte, backwards.
  Reach after;             // From the trigger's end, forwards.
  // A necessary condition on the trigger and its window in `text`, cheaper
  // than running the pattern there: false means no match lies in it.
  bool (*accept)(absl::string_view text, const GateSpot& spot) = nullptr;
  // The same, read from the trigger alone ([at, at_end)), before the
  // window is measured: for triggers common in clean text (":", "=").
  bool (*accept_trigger)(absl::string_view text, size_t at, size_t at_end) = nullptr;
};

// The gate of a pattern whose matches start at one of `literals` (or at
// most `before` bytes ahead of it) and go on over token body bytes.
constexpr Gate TokenGate(absl::Span<const GateLiteral> literals, uint16_t before = 0,
                         uint16_t after = 0) {
  return Gate{literals, RunTrigger::kNone, 0, Reach{ByteClass(), before},
              Reach{kTokenBodyBytes, after}, nullptr, nullptr};
}

// The gate of a pattern whose matches hold one of `literals` and reach over
// runs of `before` and `after` bytes around it (plus a few more bytes).
constexpr Gate LiteralGate(
    absl::Span<const GateLiteral> literals, Reach before, Reach after,
    bool (*accept)(absl::string_view, const GateSpot&) = nullptr,
    bool (*accept_trigger)(absl::string_view, size_t, size_t) = nullptr) {
  return Gate{literals, RunTrigger::kNone, 0, before, after, accept, accept_trigger};
}

// The gate of a pattern found by a run trigger.
constexpr Gate RunGate(RunTrigger trigger, uint8_t min_digits, Reach before, Reach after) {
  return Gate{{}, trigger, min_digits, before, after, nullptr, nullptr};
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_GATE_H_
