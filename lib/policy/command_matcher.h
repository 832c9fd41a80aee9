// A compiled mcpguard.v1.CommandMatcher: does a shell command line run only
// an allowed executable?
//
// Design note: the command is read as a POSIX shell would split its first
// word: quotes removed, backslash escapes honoured, so "'r'm" is "rm".
// Metacharacters that make the shell run something else or more (; & | ` $
// < > ( ) newline, carriage return, and a backslash-newline) fail the check
// unless allow_metacharacters, in which case only the first word is
// checked. They are accepted only inside single quotes: "a;b" and a\;b
// fail too, stricter than the shell, so that the check never depends on the
// guard and the shell agreeing about escapes. A "#" that starts a word
// starts a comment, in which quotes mean nothing (as to the shell) and
// metacharacters still fail. A quote or backslash right after a byte
// outside ASCII fails: in Big5, GBK or Shift_JIS that byte's character can
// end in "\", which would escape it. NUL always fails. An unterminated
// quote fails. Leading variable assignments ("A=1 rm") are not
// skipped: "A=1" is then the command word, which no allowlist names (Compile
// refuses assignment-shaped entries), so the check fails closed. Wrappers
// such as env, sudo, sh, xargs or nohup in the allowlist allow anything.
#ifndef MCPGUARD_POLICY_COMMAND_MATCHER_H_
#define MCPGUARD_POLICY_COMMAND_MATCHER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mcpguard/v1/policy.pb.h"

namespace mcpguard::internal {

// Longest command a CommandMatcher reads; longer is kTooLong.
inline constexpr size_t kMaxCommandBytes = 8192;

enum class CommandProblem {
  kNone,
  kEmpty,            // No command word, or an empty one ('').
  kTooLong,
  kMetacharacter,    // A shell metacharacter or NUL.
  kUnterminated,     // An open quote or a trailing backslash.
  kNotAllowed,       // The command word is not an allowed executable.
};

// A short phrase for messages: "contains a shell metacharacter or NUL".
absl::string_view CommandProblemText(CommandProblem problem);

// The command word of `command`, unquoted, into `out` (kMaxCommandBytes
// bytes); sets *length (0 on a problem). Also reports kMetacharacter (when
// `allow_metacharacters` is false), kUnterminated, kEmpty, kTooLong: the
// first found left to right, kTooLong before all. Never allocates.
CommandProblem CommandWord(absl::string_view command, bool allow_metacharacters, char* out,
                           size_t* length);

// Immutable. Thread-safe.
class CommandMatcher {
 public:
  // InvalidArgument naming the field for no executables, or an entry that
  // is empty, holds blanks, metacharacters or glob characters, starts with
  // "~" or is a variable assignment.
  static absl::StatusOr<std::unique_ptr<CommandMatcher>> Compile(
      const mcpguard::v1::CommandMatcher& proto);

  // kNone when `command` is acceptable. Never allocates.
  CommandProblem Check(absl::string_view command) const;

  // For explanations: `command running "git", "ls"`.
  std::string Describe() const;

 private:
  CommandMatcher() = default;
  std::vector<std::string> executables_;
  bool allow_metacharacters_ = false;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_COMMAND_MATCHER_H_
