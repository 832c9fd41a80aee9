#include "policy/regex_prefilter.h"

#include "policy/ascii_search.h"
#include "re2/filtered_re2.h"

namespace mcpguard::internal {
namespace {

// Whether every literal the pattern can match is ASCII and compared
// case-sensitively, so ASCII-case-insensitive search for RE2's lowercased
// atoms over-approximates their presence. Conservative: it may refuse safe
// patterns (an escaped "\(?i"), never accept unsafe ones.
bool SafeForAsciiAtoms(absl::string_view pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(pattern[i]);
    if (c >= 0x80) return false;
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[i + 1];
      // \x{...} and octal name any rune; \p{...}, \P{...} Unicode classes;
      // \C any byte.
      if (next == 'x' || next == 'p' || next == 'P' || next == 'C' ||
          (next >= '0' && next <= '7')) {
        return false;
      }
      ++i;  // Skip the escaped byte.
      continue;
    }
    if (c == '(' && i + 1 < pattern.size() && pattern[i + 1] == '?') {
      // (?flags) or (?flags:re): refuse any that turns on case folding.
      // Named groups (?P<name>re) and (?<name>re) set no flags.
      size_t j = i + 2;
      if (j < pattern.size() && (pattern[j] == 'P' || pattern[j] == '<')) continue;
      for (; j < pattern.size() && pattern[j] != ':' && pattern[j] != ')'; ++j) {
        if (pattern[j] == 'i') return false;
      }
    }
  }
  return true;
}

}  // namespace

RegexPrefilter RegexPrefilter::Derive(absl::string_view pattern, const RE2::Options& options) {
  RegexPrefilter none;
  if (!options.case_sensitive() || options.literal() ||
      options.encoding() != RE2::Options::EncodingUTF8 || !SafeForAsciiAtoms(pattern)) {
    return none;
  }
  re2::FilteredRE2 filter;
  int id = 0;
  if (filter.Add(re2::StringPiece(pattern.data(), pattern.size()), options, &id) !=
      RE2::NoError) {
    return none;
  }
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  if (atoms.empty()) return none;
  for (const std::string& atom : atoms) {
    for (char c : atom) {
      if (static_cast<unsigned char>(c) >= 0x80) return none;
    }
  }

  // Whether the regex passes RE2's filter when exactly `present` atoms occur.
  std::vector<int> present, passing;
  auto passes = [&] {
    filter.AllPotentials(present, &passing);
    return !passing.empty();
  };
  const int count = static_cast<int>(atoms.size());
  for (int i = 0; i < count; ++i) present.push_back(i);
  if (!passes()) return none;  // Never matches? Leave that to RE2.

  RegexPrefilter out;
  for (int missing = 0; missing < count; ++missing) {
    present.clear();
    for (int i = 0; i < count; ++i) {
      if (i != missing) present.push_back(i);
    }
    if (!passes()) out.required_.push_back(atoms[missing].substr(0, kMaxAtomBytes));
  }
  present.clear();
  if (out.required_.empty() && !passes()) {
    for (const std::string& atom : atoms) out.any_of_.push_back(atom.substr(0, kMaxAtomBytes));
  }
  return out;
}

bool RegexPrefilter::MayMatch(absl::string_view text) const {
  for (const std::string& atom : required_) {
    if (!ContainsIgnoringAsciiCase(text, atom)) return false;
  }
  if (any_of_.empty()) return true;
  for (const std::string& atom : any_of_) {
    if (ContainsIgnoringAsciiCase(text, atom)) return true;
  }
  return false;
}

}  // namespace mcpguard::internal
