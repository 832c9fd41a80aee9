// What a reader takes a text for, spelled in the ASCII the detector
// patterns are written in.
//
// A credential or an instruction can be hidden from a pattern and still be
// read by a model or pasted by a person: a zero-width space inside a token
// ("ghp_abc\u200Bdef..."), fullwidth or mathematical letters ("ＡＫＩＡ...",
// "𝐀𝐊𝐈𝐀..."), a Cyrillic "А" in "AKIA". FoldForMatching writes the text
// with those characters dropped or replaced, and remembers where each byte
// came from, so that a match in the folded text names a span of the
// original (which a redaction then replaces whole, hidden characters
// included).
//
// Folded, from tables ICU builds once (lib/detect/fold_table.cc):
//   - Default_Ignorable_Code_Point characters are dropped: zero-width
//     spaces and joiners, word joiner, BOM, soft hyphen, bidi controls,
//     variation selectors, the tag block U+E0000-E0FFF; so are the other
//     format and control characters outside ASCII, except the prepended
//     concatenation marks (U+0600 ...), which render;
//   - a nonspacing or enclosing mark is dropped right after printable ASCII
//     or after a character folded or dropped ("A\u0301KIA", "@\u0301");
//   - a blank outside ASCII (White_Space: U+0085, U+00A0, U+1680, U+2000-
//     200A, U+2028, U+2029, U+202F, U+205F, U+3000) becomes a space;
//   - a character whose NFKC form is ASCII becomes that ASCII (fullwidth
//     forms, mathematical alphanumerics, superscript digits, U+212A KELVIN
//     SIGN, ligatures, U+3000 IDEOGRAPHIC SPACE), and Unicode dashes "-";
//   - a letter of the Latin, Greek, Cyrillic, Armenian, Cherokee, Coptic or
//     Lisu script whose UTS #39 confusable skeleton is that of exactly one
//     ASCII letter of its case (else exactly one digit) becomes that ASCII
//     character, as does a compatibility form of such a letter, but only
//     inside a run of such letters that also holds an ASCII letter or
//     digit: "АKIА1234" folds, Russian prose does not.
// Everything else, and bytes that are not well-formed UTF-8, stay as they
// are.
#ifndef MCPGUARD_DETECT_MATCH_FOLD_H_
#define MCPGUARD_DETECT_MATCH_FOLD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

struct FoldedText {
  std::string text;
  // For each byte of `text`: the offset in the original of the character
  // it came from, and that character's length.
  std::vector<uint32_t> source;
  std::vector<uint8_t> source_length;

  // The span of the original that folded bytes [begin, end) came from
  // (end > begin): from the first one's character to the end of the last
  // one's, with whatever was dropped between them.
  void SourceSpan(size_t begin, size_t end, size_t* offset, size_t* length) const;

  // Whether a dropped character sat between two ASCII letters.
  bool dropped_between_letters = false;
};

// How a dropped character between two ASCII letters reads: as nothing (a
// zero-width space inside a token, "AK\u200BIA") or as a space (a BOM,
// soft hyphen or U+180E between words, which a tokenizer may split at:
// "ignore\uFEFFprevious"). The scanner reads such a text both ways.
enum class DroppedBetweenLetters { kNothing, kSpace };

// Fills `out` and returns true when folding changes `text`; false (and
// `out` unspecified) when it would not, including for ASCII text and for
// texts of 2 GiB or more.
bool FoldForMatching(absl::string_view text, FoldedText* out,
                     DroppedBetweenLetters dropped = DroppedBetweenLetters::kNothing);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_MATCH_FOLD_H_
