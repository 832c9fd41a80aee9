// Checks for the strings of tool definitions and a server's instructions
// beyond the instruction patterns (definition_patterns.cc).
#ifndef MCPGUARD_DETECT_DEFINITION_CHECKS_H_
#define MCPGUARD_DETECT_DEFINITION_CHECKS_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "detect/pattern_spec.h"

namespace mcpguard::internal {

// Patterns for definitions only (category "instruction"): whitespace_padding.
absl::Span<const PatternSpec> DefinitionPatterns();

// The specs findings of the two non-pattern checks carry: a description
// longer than the policy's limit, and a description naming another
// server's tool in a sentence with a directive.
const PatternSpec& ExcessiveDescriptionSpec();
const PatternSpec& OtherServerToolSpec();

// True when the sentence of `text` around [offset, offset + length) has a
// word that tells the model what to do ("must", "always", "instead",
// "send", "use", ...). Sentences end at ".", "!" or "?" before a space,
// and at line breaks.
bool SentenceHasDirective(absl::string_view text, size_t offset, size_t length);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_DEFINITION_CHECKS_H_
