#include "schema/schema_regex.h"

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace mcpguard::internal {
namespace {

re2::StringPiece ToPiece(absl::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// RE2 errors that mean "valid ECMA-262, but beyond RE2" rather than
// "malformed".
bool IsUnsupportedSyntax(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadPerlOp:       // (?=...), (?!...), (?<=...), (?<!...)
    case RE2::ErrorBadEscape:       // \1 backreferences, \cX, ...
    case RE2::ErrorBadCharRange:    // Unknown \p{...} classes.
    case RE2::ErrorBadNamedCapture:
      return true;
    default:
      return false;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<const RE2>> CompileSchemaRegex(absl::string_view pattern,
                                                               absl::string_view pointer) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxSchemaRegexMemory);
  options.set_never_capture(true);
  auto regex = std::make_unique<const RE2>(ToPiece(pattern), options);
  if (!regex->ok()) {
    const std::string message =
        absl::StrCat(pointer, ": pattern is not supported by RE2: ", regex->error());
    if (IsUnsupportedSyntax(regex->error_code())) return absl::UnimplementedError(message);
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": invalid regular expression: ", regex->error()));
  }
  if (regex->ProgramSize() > kMaxSchemaRegexProgramSize) {
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": regular expression too large (program size ",
                     regex->ProgramSize(), ", limit ", kMaxSchemaRegexProgramSize, ")"));
  }
  return regex;
}

bool RegexSearch(const RE2& regex, absl::string_view text) {
  return RE2::PartialMatch(ToPiece(text), regex);
}

}  // namespace mcpguard::internal
