// One pass over the whole command does three jobs: it tracks quoting the way
// a POSIX shell does, copies the unquoted first word into the caller's
// buffer, and fails on any metacharacter byte outside single quotes. That
// rule is deliberately blunter than the shell: ";" inside double quotes, or
// escaped as "\;", is literal to sh but still fails here, so a check never
// depends on the guard and the shell agreeing about escapes. Literal
// metacharacters in arguments belong in single quotes.
#include "policy/command_matcher.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace mcpguard::internal {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Bytes that make the shell run something other than, or more than, the
// first word: separators, pipes, substitutions, redirections, subshells.
bool IsMetacharacter(char c) {
  switch (c) {
    case ';': case '&': case '|': case '`': case '$': case '<': case '>':
    case '(': case ')': case '\n': case '\r':
      return true;
    default:
      return false;
  }
}

// Plain bytes change nothing but the word being copied; everything else goes
// through the quoting state machine in CommandWord.
struct PlainByteTable {
  bool plain[256] = {};
  constexpr PlainByteTable() {
    for (int c = 0; c < 256; ++c) plain[c] = true;
    for (unsigned char c : {'\0', ' ', '\t', '\'', '"', '\\', ';', '&', '|', '`', '$', '<', '>',
                            '(', ')', '\n', '\r', '#'}) {
      plain[c] = false;
    }
  }
};
constexpr PlainByteTable kPlainByte;

bool IsPlain(char c) { return kPlainByte.plain[static_cast<unsigned char>(c)]; }

// A quote or backslash right after a byte outside ASCII. Big5, GBK and
// Shift_JIS have characters whose last byte is 0x5C, "\": a server that
// hands the command to the shell in such an encoding turns "功'" into an
// escaped quote, so the shell's quoting is no longer the guard's.
bool FollowsNonAscii(absl::string_view command, size_t i) {
  return i > 0 && static_cast<unsigned char>(command[i - 1]) >= 0x80;
}

// "NAME=..." as a first word is an assignment, and the next word is the
// command; an allowlist entry of that shape would let "A=1 rm" through.
bool IsAssignment(absl::string_view word) {
  const size_t equals = word.find('=');
  if (equals == 0 || equals == absl::string_view::npos) return false;
  if (absl::ascii_isdigit(static_cast<unsigned char>(word[0]))) return false;
  for (size_t i = 0; i < equals; ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

// Why `entry` cannot be an allowlist entry, or "" when it can.
std::string EntryProblem(absl::string_view entry) {
  if (entry.empty()) return "must not be empty";
  for (char c : entry) {
    if (IsBlank(c) || IsMetacharacter(c) || c == '\0') {
      return absl::StrCat("must not contain blanks or shell metacharacters (\"",
                          absl::CEscape(entry), "\" has '", absl::CEscape(absl::string_view(&c, 1)),
                          "')");
    }
    // The shell would expand these in a command word, so the word it runs
    // is not the word the guard compared.
    if (c == '*' || c == '?' || c == '[') {
      return absl::StrCat("must not contain glob characters (\"", absl::CEscape(entry),
                          "\" has '", absl::string_view(&c, 1), "')");
    }
  }
  if (entry[0] == '~') return "must not start with \"~\", which the shell expands";
  if (IsAssignment(entry)) {
    return absl::StrCat("\"", absl::CEscape(entry),
                        "\" is a variable assignment, not a command");
  }
  return "";
}

}  // namespace

absl::string_view CommandProblemText(CommandProblem problem) {
  switch (problem) {
    case CommandProblem::kNone: return "is acceptable";
    case CommandProblem::kEmpty: return "has no command word";
    case CommandProblem::kTooLong: return "is longer than 8192 bytes";
    case CommandProblem::kMetacharacter: return "contains a shell metacharacter or NUL";
    case CommandProblem::kUnterminated: return "has an unterminated quote or a trailing backslash";
    case CommandProblem::kNotAllowed: return "runs an executable that is not allowed";
  }
  return "has an unknown problem";
}

CommandProblem CommandWord(absl::string_view command, bool allow_metacharacters, char* out,
                           size_t* length) {
  static_assert(kMaxCommandBytes == 8192, "update CommandProblemText");
  *length = 0;
  if (command.size() > kMaxCommandBytes) return CommandProblem::kTooLong;
  enum class Quote { kNone, kSingle, kDouble };
  Quote quote = Quote::kNone;
  bool started = false;  // The first word has begun (a quote or a byte).
  bool ended = false;    // An unquoted blank followed it; stop copying.
  // The next byte would start a word: at the start, or after an unquoted,
  // unescaped blank. A "#" there starts a comment.
  bool word_start = true;
  size_t n = 0;
  auto emit = [&](char c) {
    started = true;
    if (!ended) out[n++] = c;
  };
  const size_t size = command.size();
  for (size_t i = 0; i < size; ++i) {
    // Runs of bytes that need no decision, taken in tight loops: outside
    // quotes, plain bytes (and blanks, once the first word has ended); inside
    // single quotes, anything but the closing quote and NUL.
    if (quote == Quote::kNone && ended) {
      const size_t from = i;
      while (i < size && (IsPlain(command[i]) || IsBlank(command[i]))) ++i;
      if (i > from) word_start = IsBlank(command[i - 1]);
    } else if (quote == Quote::kNone) {
      const size_t from = i;
      for (; i < size && IsPlain(command[i]); ++i) out[n++] = command[i];
      started = started || n > 0;
      if (i > from) word_start = false;
    } else if (quote == Quote::kSingle && !ended) {
      for (; i < size && command[i] != '\'' && command[i] != '\0'; ++i) out[n++] = command[i];
    } else if (quote == Quote::kSingle) {
      while (i < size && command[i] != '\'' && command[i] != '\0') ++i;
    }
    if (i == size) break;
    const char c = command[i];
    // A NUL cuts the command short for anything that reads it as a C string,
    // so what runs would differ from what was checked: never allowed.
    if (c == '\0') return CommandProblem::kMetacharacter;
    if (quote != Quote::kSingle && (c == '\'' || c == '"' || c == '\\') &&
        FollowsNonAscii(command, i)) {
      return CommandProblem::kMetacharacter;
    }
    if (quote == Quote::kNone && c == '#' && word_start) {
      // A comment: the shell ignores the rest of the line, quotes and all,
      // so quotes in it open nothing ("git #'<newline>id #'" is two
      // commands). Metacharacters in it still refuse the command, so that
      // a "#" the shell reads as part of a word hides nothing.
      for (++i; i < size && command[i] != '\n'; ++i) {
        if (command[i] == '\0') return CommandProblem::kMetacharacter;
        if (!allow_metacharacters && IsMetacharacter(command[i])) {
          return CommandProblem::kMetacharacter;
        }
      }
      if (i == size) break;
      --i;  // The newline ends the comment and is read as any newline.
      continue;
    }
    word_start = false;
    if (quote == Quote::kSingle) {
      if (c == '\'') {
        quote = Quote::kNone;
      } else {
        emit(c);
      }
      continue;
    }
    if (!allow_metacharacters && IsMetacharacter(c)) return CommandProblem::kMetacharacter;
    if (c == '\\') {
      if (i + 1 == size) return CommandProblem::kUnterminated;
      const char next = command[i + 1];
      if (next == '\0') return CommandProblem::kMetacharacter;
      if (!allow_metacharacters && IsMetacharacter(next)) return CommandProblem::kMetacharacter;
      if (next == '\n') {  // Line continuation: both bytes vanish, inside "..." too.
        ++i;
        continue;
      }
      const bool escapes = quote == Quote::kNone || next == '$' || next == '`' ||
                           next == '"' || next == '\\';
      if (escapes) {
        emit(next);
        ++i;
      } else {
        emit('\\');  // Inside "...", "\a" is two bytes; `next` is read on its own.
      }
      continue;
    }
    if (quote == Quote::kDouble) {
      if (c == '"') {
        quote = Quote::kNone;
      } else {
        emit(c);
      }
      continue;
    }
    if (IsBlank(c)) {
      if (started) ended = true;
      word_start = true;
    } else if (c == '\'' || c == '"') {
      quote = c == '\'' ? Quote::kSingle : Quote::kDouble;
      started = true;
    } else {
      emit(c);
    }
  }
  if (quote != Quote::kNone) return CommandProblem::kUnterminated;
  if (n == 0) return CommandProblem::kEmpty;
  *length = n;
  return CommandProblem::kNone;
}

absl::StatusOr<std::unique_ptr<CommandMatcher>> CommandMatcher::Compile(
    const mcpguard::v1::CommandMatcher& proto) {
  if (proto.executables().empty()) {
    return absl::InvalidArgumentError("executables: at least one is required");
  }
  std::unique_ptr<CommandMatcher> m(new CommandMatcher());
  for (int i = 0; i < proto.executables_size(); ++i) {
    const std::string problem = EntryProblem(proto.executables(i));
    if (!problem.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("executables[", i, "]: ", problem));
    }
    m->executables_.push_back(proto.executables(i));
  }
  m->allow_metacharacters_ = proto.allow_metacharacters();
  return m;
}

CommandProblem CommandMatcher::Check(absl::string_view command) const {
  char word[kMaxCommandBytes];
  size_t length = 0;
  const CommandProblem problem = CommandWord(command, allow_metacharacters_, word, &length);
  if (problem != CommandProblem::kNone) return problem;
  // Exact comparison is the whole rule: "git" never equals "/usr/bin/git"
  // or "./git", and a path entry equals only that path.
  const absl::string_view found(word, length);
  for (const std::string& executable : executables_) {
    if (found == executable) return CommandProblem::kNone;
  }
  return CommandProblem::kNotAllowed;
}

std::string CommandMatcher::Describe() const {
  return absl::StrCat("command running ",
                      absl::StrJoin(executables_, ", ",
                                    [](std::string* out, const std::string& executable) {
                                      absl::StrAppend(out, "\"", absl::CEscape(executable), "\"");
                                    }),
                      allow_metacharacters_ ? ", shell metacharacters allowed" : "");
}

}  // namespace mcpguard::internal
