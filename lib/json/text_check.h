// One fast pass over a message for bytes the JSON reader must never see.
//
// RapidJSON's kParseValidateEncodingFlag validates strings one code point at a
// time and turns off its SIMD string scanning: on a typical MCP message it
// made the parse 2.5x slower, and 30x on long ASCII strings. Without it, the
// SIMD scan of this RapidJSON snapshot also lets raw control bytes 0x1A-0x1F
// through inside strings (it compares against 0x19). So the parser checks the
// input once here, 64 bytes per step (one mask of the bytes that need a look:
// control bytes, non-ASCII, backslashes), and parses without validation.
// The widest vector instructions the CPU has are chosen at run time.
#ifndef MCPGUARD_JSON_TEXT_CHECK_H_
#define MCPGUARD_JSON_TEXT_CHECK_H_

#include <cstddef>

#include "base/simd_level.h"

namespace mcpguard::internal {

enum class TextProblem {
  kNone,
  kInvalidUtf8,       // Not RFC 3629 UTF-8: overlong, surrogate, > U+10FFFF,
                      // truncated, or a stray continuation byte.
  kControlCharacter,  // A byte below 0x20 other than NUL, tab, LF and CR;
                      // never valid anywhere in JSON text.
};

struct TextCheck {
  TextProblem problem = TextProblem::kNone;
  size_t offset = 0;  // The first bad byte; `size` when there is none.
  // Whether the bytes before `offset` may hold a lone low surrogate escape:
  // a backslash followed by "u", 'd' or 'D' and a hex digit from c to f
  // (surrogates.h explains why the parser cares). False is certain; true
  // only says the parser must look (an escaped backslash before "udc00"
  // also counts).
  bool low_surrogate_escape = false;
};

// NUL is not flagged: the in situ reader already treats it as the end of input
// and the parser reports it. Tab, LF and CR are not flagged: they are JSON
// whitespace, and RapidJSON rejects them inside strings itself.
TextCheck CheckJsonText(const char* data, size_t size);

// The same with the vector instructions of `level`, which must be supported
// (SupportedSimdLevel); for tests, which compare the levels.
TextCheck CheckJsonText(const char* data, size_t size, SimdLevel level);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_TEXT_CHECK_H_
