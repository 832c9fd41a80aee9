#include "schema/schema_regex.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>

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

// Characters an escape "\\c" stands for as a literal: ECMA-262 syntax
// characters and '/', '-' (both meaning themselves in RE2 too).
bool IsEscapableLiteral(char c) {
  return absl::string_view("^$\\.*+?()[]{}|/-").find(c) != absl::string_view::npos;
}

bool IsPlainLiteral(char c) {
  return c >= 0x20 && c < 0x7F &&
         absl::string_view("^$\\.*+?()[]{}|").find(c) == absl::string_view::npos;
}

// Reads an unsigned decimal of at most 4 digits at text[*i].
bool ReadCount(absl::string_view text, size_t* i, uint32_t* out) {
  size_t digits = 0;
  uint32_t value = 0;
  while (*i < text.size() && text[*i] >= '0' && text[*i] <= '9' && digits < 4) {
    value = value * 10 + static_cast<uint32_t>(text[*i] - '0');
    ++*i;
    ++digits;
  }
  if (digits == 0 || (*i < text.size() && text[*i] >= '0' && text[*i] <= '9')) return false;
  *out = value;
  return true;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::Parse(absl::string_view pattern) {
  constexpr uint32_t kUnbounded = std::numeric_limits<uint32_t>::max();
  if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return std::nullopt;
  const absl::string_view body = pattern.substr(1, pattern.size() - 2);
  SimplePattern out;
  size_t i = 0;
  // One character of a class or atom: a literal or an escape. Sets *single
  // to the literal when it is one character (for ranges), else -1.
  auto read_item = [&](Atom* atom, int* single) -> bool {
    const char c = body[i];
    if (c != '\\') {
      if (!IsPlainLiteral(c) && !(c == '-' || c == '^' || c == '$' || c == '.' || c == '*' ||
                                  c == '+' || c == '?' || c == '(' || c == ')' || c == '{' ||
                                  c == '}' || c == '|')) {
        return false;
      }
      atom->Add(static_cast<unsigned char>(c));
      *single = c;
      ++i;
      return true;
    }
    if (i + 1 >= body.size()) return false;
    const char e = body[i + 1];
    i += 2;
    *single = -1;
    if (e == 'd') {
      for (char d = '0'; d <= '9'; ++d) atom->Add(static_cast<unsigned char>(d));
      return true;
    }
    if (e == 'w') {
      for (char d = '0'; d <= '9'; ++d) atom->Add(static_cast<unsigned char>(d));
      for (char d = 'a'; d <= 'z'; ++d) atom->Add(static_cast<unsigned char>(d));
      for (char d = 'A'; d <= 'Z'; ++d) atom->Add(static_cast<unsigned char>(d));
      atom->Add('_');
      return true;
    }
    if (!IsEscapableLiteral(e)) return false;
    atom->Add(static_cast<unsigned char>(e));
    *single = e;
    return true;
  };
  while (i < body.size()) {
    Atom atom;
    int single = -1;
    if (body[i] == '[') {
      ++i;
      if (i < body.size() && (body[i] == '^' || body[i] == ']')) return std::nullopt;
      bool closed = false;
      while (i < body.size()) {
        if (body[i] == ']') {
          ++i;
          closed = true;
          break;
        }
        if (body[i] == '[') return std::nullopt;
        // '-' is literal only first or last in the class.
        if (body[i] == '-' && !(i + 1 < body.size() && body[i + 1] == ']') &&
            body[i - 1] != '[') {
          return std::nullopt;
        }
        int low = -1;
        if (!read_item(&atom, &low)) return std::nullopt;
        if (low >= 0 && low != '-' && i + 1 < body.size() && body[i] == '-' &&
            body[i + 1] != ']') {
          ++i;
          int high = -1;
          Atom ignored;
          if (!read_item(&ignored, &high) || high < low) return std::nullopt;
          for (int c = low; c <= high; ++c) atom.Add(static_cast<unsigned char>(c));
        }
      }
      if (!closed) return std::nullopt;
    } else {
      const char c = body[i];
      if (c != '\\' && !IsPlainLiteral(c)) return std::nullopt;
      if (!read_item(&atom, &single)) return std::nullopt;
    }
    // Quantifier.
    if (i < body.size()) {
      const char q = body[i];
      if (q == '?' || q == '*' || q == '+') {
        atom.min = q == '+' ? 1 : 0;
        atom.max = q == '?' ? 1 : kUnbounded;
        ++i;
      } else if (q == '{') {
        ++i;
        uint32_t low = 0, high = 0;
        if (!ReadCount(body, &i, &low) || i >= body.size()) return std::nullopt;
        if (body[i] == '}') {
          high = low;
        } else if (body[i] == ',') {
          ++i;
          if (i < body.size() && body[i] == '}') {
            high = kUnbounded;
          } else if (!ReadCount(body, &i, &high) || high < low) {
            return std::nullopt;
          }
          if (i >= body.size() || body[i] != '}') return std::nullopt;
        } else {
          return std::nullopt;
        }
        ++i;
        if (low > 1000 || (high != kUnbounded && high > 1000)) return std::nullopt;
        atom.min = low;
        atom.max = high;
      }
      // Lazy or possessive quantifiers, or a quantified quantifier.
      if (i < body.size() &&
          (body[i] == '?' || body[i] == '+' || body[i] == '*' || body[i] == '{')) {
        return std::nullopt;
      }
    }
    out.atoms_.push_back(atom);
  }
  // Greedy matching is exact when no variable atom shares a character with
  // a later atom.
  bool later[128] = {};
  for (size_t a = out.atoms_.size(); a-- > 0;) {
    const Atom& atom = out.atoms_[a];
    for (int c = 0; c < 128; ++c) {
      if (atom.in[c] && later[c] && atom.min != atom.max) return std::nullopt;
    }
    for (int c = 0; c < 128; ++c) later[c] = later[c] || atom.in[c];
  }
  return out;
}

namespace {

// Memory for a program of about kMaxSchemaRegexProgramSize instructions
// (RE2's compiler: max_mem * 2/3, less its Prog, over 4 * sizeof(Inst)).
constexpr int64_t kProbeMemory = (kMaxSchemaRegexProgramSize + 200) * 4 * 8 * 3 / 2 + 4096;

absl::Status TooLarge(absl::string_view pointer, int program_size) {
  return absl::InvalidArgumentError(
      absl::StrCat(pointer, ": regular expression too large (program size ", program_size,
                   ", limit ", kMaxSchemaRegexProgramSize, ")"));
}

}  // namespace

absl::StatusOr<std::unique_ptr<const RE2>> CompileSchemaRegex(absl::string_view pattern,
                                                               absl::string_view pointer) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(true);
  // RE2 checks the program size only after compiling, and with 8 MiB to
  // spend it compiles programs of 170,000 instructions before saying no
  // ("\pL{100}|x": seconds for a few dozen). A first compile with memory
  // for about kMaxSchemaRegexProgramSize instructions (RE2 gives a program
  // two thirds of max_mem, four bytes per instruction-slot of 8) stops
  // early; the one kept has the full budget for its DFA.
  options.set_max_mem(kProbeMemory);
  if (const RE2 probe(ToPiece(pattern), options);
      probe.ok() && probe.ProgramSize() > kMaxSchemaRegexProgramSize) {
    return TooLarge(pointer, probe.ProgramSize());
  } else if (!probe.ok() && probe.error_code() == RE2::ErrorPatternTooLarge) {
    return absl::InvalidArgumentError(absl::StrCat(
        pointer, ": regular expression too large (program size over ",
        kMaxSchemaRegexProgramSize, ")"));
  }
  options.set_max_mem(kMaxSchemaRegexMemory);
  auto regex = std::make_unique<const RE2>(ToPiece(pattern), options);
  if (!regex->ok()) {
    const std::string message =
        absl::StrCat(pointer, ": pattern is not supported by RE2: ", regex->error());
    if (IsUnsupportedSyntax(regex->error_code())) return absl::UnimplementedError(message);
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": invalid regular expression: ", regex->error()));
  }
  if (regex->ProgramSize() > kMaxSchemaRegexProgramSize) {
    return TooLarge(pointer, regex->ProgramSize());
  }
  return regex;
}

bool RegexSearch(const RE2& regex, absl::string_view text) {
  return RE2::PartialMatch(ToPiece(text), regex);
}

}  // namespace mcpguard::internal
