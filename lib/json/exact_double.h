// The double a JSON number means: the nearest one, as JSON.parse, Python
// and strtod read it.
//
// Design note: RapidJSON's default number reader is fast but not correctly
// rounded (100.00000000000001 reads as 100.0, one ulp below what a server
// reads, so a guard deciding `exclusive_min: 100` and the server disagree),
// and its kParseFullPrecisionFlag path is worse: it reads 92233720e306 as
// -2.85e-303. So the parser keeps RapidJSON's reader for the grammar and
// re-reads each non-integer number's text with std::from_chars.
#ifndef MCPGUARD_JSON_EXACT_DOUBLE_H_
#define MCPGUARD_JSON_EXACT_DOUBLE_H_

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// `text` starts at a number RapidJSON read as `approx` (the number's bytes
// end at the first byte that is not one of "+-.0123456789eE", or the end).
// Sets *exact to the nearest double and returns true; returns false when
// the number is past the largest double (no JSON text means an infinity).
// A number too small for a double reads as 0 with its sign, as JSON.parse.
bool ExactDouble(absl::string_view text, double approx, double* exact);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_EXACT_DOUBLE_H_
