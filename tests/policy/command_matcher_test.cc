#include "policy/command_matcher.h"

#include <iterator>
#include <random>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "support/heap_counter.h"

namespace mcpguard::internal {
namespace {

using P = CommandProblem;

mcpguard::v1::CommandMatcher Parse(const std::string& text) {
  mcpguard::v1::CommandMatcher proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

bool IsShellMetacharacter(char c) {
  return absl::string_view(";&|`$<>()\n\r").find(c) != absl::string_view::npos;
}

// Independent of command_matcher.cc: whether sh would act on a
// metacharacter of `command`. Marks the bytes the shell takes literally:
// single-quoted spans (a "'" opens one only outside double quotes and not
// after an unquoted backslash) and comments (a "#" where a word starts, up
// to the newline, which is live again); then looks for a metacharacter
// elsewhere.
bool HasLiveMetacharacter(const std::string& command) {
  std::string mask(command.size(), '-');  // 's' inside '...', 'c' in a comment.
  bool in_double = false;
  bool word_start = true;  // After the start, an unquoted blank or an operator.
  for (size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    // Outside single quotes, the byte after a backslash never opens or
    // closes a quote: "\'" and "\"" are escaped, and inside "..." a "\'"
    // keeps its backslash but "'" means nothing there anyway.
    if (c == '\\') {
      ++i;
      word_start = false;
      continue;
    }
    if (in_double) {
      if (c == '"') in_double = false;
    } else if (c == '"') {
      in_double = true;
    } else if (c == '\'') {
      const size_t close = command.find('\'', i + 1);
      const size_t end = close == std::string::npos ? command.size() - 1 : close;
      for (size_t j = i; j <= end; ++j) mask[j] = 's';
      i = end;
    } else if (c == '#' && word_start) {
      size_t end = command.find('\n', i);
      if (end == std::string::npos) end = command.size();
      for (size_t j = i; j < end; ++j) mask[j] = 'c';
      i = end - 1;
    }
    word_start = !in_double && (c == ' ' || c == '\t' || IsShellMetacharacter(c));
  }
  for (size_t i = 0; i < command.size(); ++i) {
    if (mask[i] == '-' && IsShellMetacharacter(command[i])) return true;
  }
  return false;
}

struct WordCase {
  const char* name;
  std::string command;
  bool allow_metacharacters;
  P problem;
  std::string word;  // Expected only when `problem` is kNone.
};

class CommandWordTest : public testing::TestWithParam<WordCase> {};

TEST_P(CommandWordTest, FindsWordOrProblem) {
  const WordCase& c = GetParam();
  char out[kMaxCommandBytes];
  size_t length = 99;
  const P problem = CommandWord(c.command, c.allow_metacharacters, out, &length);
  EXPECT_EQ(problem, c.problem) << CommandProblemText(problem);
  EXPECT_EQ(std::string(out, problem == P::kNone ? length : 0), c.word);
  if (problem != P::kNone) {
    EXPECT_EQ(length, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, CommandWordTest,
    testing::Values(
        WordCase{"Plain", "git status", false, P::kNone, "git"},
        WordCase{"SingleQuotedWord", "'git' log", false, P::kNone, "git"},
        WordCase{"QuotesInsideWord", "g'i't", false, P::kNone, "git"},
        WordCase{"DoubleQuotedWord", "\"git\"", false, P::kNone, "git"},
        WordCase{"QuotedSpaceStaysInWord", "'git log'", false, P::kNone, "git log"},
        WordCase{"BackslashOutsideQuotes", "\\g\\it x", false, P::kNone, "git"},
        WordCase{"EscapedBlank", "git\\ x", false, P::kNone, "git x"},
        WordCase{"BackslashLiteralInSingleQuotes", "'a\\'", false, P::kNone, "a\\"},
        WordCase{"DoubleQuoteEscapes", "\"a\\\"b\\\\c\\d\"", false, P::kNone, "a\"b\\c\\d"},
        WordCase{"SingleQuoteInsideDouble", "\"it's\"", false, P::kNone, "it's"},
        WordCase{"EscapedSingleQuote", "it\\'s", false, P::kNone, "it's"},
        WordCase{"MetacharacterInSingleQuotes", "git commit -m 'fix; bug'", false, P::kNone,
                 "git"},
        WordCase{"EverythingInSingleQuotes", "echo '$(id) `id` a|b>c'", false, P::kNone, "echo"},
        WordCase{"LeadingBlanks", "   git", false, P::kNone, "git"},
        WordCase{"LeadingTabs", "\t \tgit\tstatus", false, P::kNone, "git"},
        WordCase{"GlobIsNotMetacharacter", "ls *.md ?[ab] ~", false, P::kNone, "ls"},
        WordCase{"HashIsNotMetacharacter", "git log #x", false, P::kNone, "git"},
        // A "#" that starts a word starts a comment: quotes in it open
        // nothing, so the newline after it is live (two commands to sh).
        WordCase{"QuoteInCommentOpensNothing", "git log #'\necho ran #'", false,
                 P::kMetacharacter, ""},
        WordCase{"QuoteInCommentThenCarriageReturn", "make #'\r\nrm x #'", false,
                 P::kMetacharacter, ""},
        WordCase{"DoubleHashComment", "git status ##'\nid #'", false, P::kMetacharacter, ""},
        WordCase{"CommentAfterTab", "\tgit\t#'\nid\n#'", false, P::kMetacharacter, ""},
        WordCase{"CommentAfterQuotedWord", "'git' #foo'\nid #'", false, P::kMetacharacter, ""},
        WordCase{"LoneQuoteInComment", "git #'", false, P::kNone, "git"},
        WordCase{"LoneDoubleQuoteInComment", "git #\"", false, P::kNone, "git"},
        WordCase{"BackslashInComment", "git #\\", false, P::kNone, "git"},
        // Metacharacters in a comment still refuse: the "#" might be part of
        // a word to the shell after all.
        WordCase{"MetacharacterInComment", "git # ; id", false, P::kMetacharacter, ""},
        WordCase{"CommentOnly", "#git", false, P::kEmpty, ""},
        WordCase{"HashInsideWord", "git#'x'", false, P::kNone, "git#x"},
        WordCase{"HashAfterEscapedBlank", "git\\ #'x'", false, P::kNone, "git #x"},
        WordCase{"HashAfterQuote", "'git'#'x'", false, P::kNone, "git#x"},
        WordCase{"HashInDoubleQuotes", "git \"#'\"", false, P::kNone, "git"},
        WordCase{"CommentLineAllowed", "git #'\nrm", true, P::kNone, "git"},
        WordCase{"LeadingCommentLineAllowed", "#x'\nrm", true, P::kNone, "\nrm"},
        // Big5 "\xA5\x5C" is one character to the guard, "\xA5" then "\\" to
        // a shell reading bytes: a quote or backslash after it is refused.
        WordCase{"QuoteAfterNonAscii", "ls \xE5\x8A\x9F';echo x #'", false, P::kMetacharacter,
                 ""},
        WordCase{"DoubleQuoteAfterNonAscii", "ls \"\xE5\x8A\x9F\" '$(id)\"''", false,
                 P::kMetacharacter, ""},
        WordCase{"BackslashAfterNonAscii", "ls \xE5\x8A\x9F\\' 'x;id'", false,
                 P::kMetacharacter, ""},
        WordCase{"NonAsciiInSingleQuotes", "ls '\xE5\x8A\x9F'", false, P::kNone, "ls"},
        WordCase{"NonAsciiWord", "\xE5\x8A\x9F x", false, P::kNone, "\xE5\x8A\x9F"},
        WordCase{"AssignmentIsTheWord", "A=1 git", false, P::kNone, "A=1"},
        WordCase{"PathWord", "/usr/bin/git status", false, P::kNone, "/usr/bin/git"},
        WordCase{"RelativeWord", "./git", false, P::kNone, "./git"},
        WordCase{"Semicolon", "ls; rm -rf /", false, P::kMetacharacter, ""},
        WordCase{"SemicolonNoBlank", "ls;rm", false, P::kMetacharacter, ""},
        WordCase{"AndAnd", "ls && rm", false, P::kMetacharacter, ""},
        WordCase{"AndAndNoBlanks", "a&&b", false, P::kMetacharacter, ""},
        WordCase{"OrOr", "a||b", false, P::kMetacharacter, ""},
        WordCase{"Pipe", "ls | sh", false, P::kMetacharacter, ""},
        WordCase{"Background", "ls &", false, P::kMetacharacter, ""},
        WordCase{"Backticks", "ls `id`", false, P::kMetacharacter, ""},
        WordCase{"CommandSubstitution", "ls $(id)", false, P::kMetacharacter, ""},
        WordCase{"SubstitutionInDoubleQuotes", "git commit -m \"a $(id)\"", false,
                 P::kMetacharacter, ""},
        WordCase{"BackticksInDoubleQuotes", "git \"`id`\"", false, P::kMetacharacter, ""},
        WordCase{"SemicolonInDoubleQuotes", "git commit -m \"fix; bug\"", false,
                 P::kMetacharacter, ""},
        WordCase{"EscapedSemicolon", "git a\\;b", false, P::kMetacharacter, ""},
        WordCase{"EscapedDollarInDoubleQuotes", "git \"\\$x\"", false, P::kMetacharacter, ""},
        WordCase{"Ifs", "ls ${IFS}", false, P::kMetacharacter, ""},
        WordCase{"DollarInWord", "r$x", false, P::kMetacharacter, ""},
        WordCase{"RedirectOut", "ls > /etc/passwd", false, P::kMetacharacter, ""},
        WordCase{"RedirectDuplicate", "ls 2>&1", false, P::kMetacharacter, ""},
        WordCase{"ProcessSubstitution", "diff <(ls) x", false, P::kMetacharacter, ""},
        WordCase{"HereString", "cat <<< x", false, P::kMetacharacter, ""},
        WordCase{"Subshell", "(rm)", false, P::kMetacharacter, ""},
        WordCase{"Newline", "ls\nrm", false, P::kMetacharacter, ""},
        WordCase{"CarriageReturnNewline", "ls\r\nrm", false, P::kMetacharacter, ""},
        WordCase{"NewlineInDoubleQuotes", "git \"a\nb\"", false, P::kMetacharacter, ""},
        WordCase{"LineContinuation", "gi\\\nt", false, P::kMetacharacter, ""},
        WordCase{"LineContinuationAllowed", "gi\\\nt log", true, P::kNone, "git"},
        WordCase{"LineContinuationBeforeWordAllowed", " \\\n git", true, P::kNone, "git"},
        WordCase{"LineContinuationInDoubleQuotesAllowed", "\"gi\\\nt\"", true, P::kNone, "git"},
        WordCase{"NewlineInSingleQuotes", "git 'a\nb'", false, P::kNone, "git"},
        WordCase{"Nul", std::string("git\0x", 5), false, P::kMetacharacter, ""},
        WordCase{"NulInSingleQuotes", std::string("git 'a\0b'", 9), false, P::kMetacharacter,
                 ""},
        WordCase{"NulWhenAllowed", std::string("git '\0'", 7), true, P::kMetacharacter, ""},
        WordCase{"EscapedNulWhenAllowed", std::string("git \\\0", 6), true, P::kMetacharacter,
                 ""},
        WordCase{"PipeAllowed", "git log | head", true, P::kNone, "git"},
        WordCase{"SemicolonAllowedWordRunsOn", "git;rm", true, P::kNone, "git;rm"},
        WordCase{"SubstitutionAllowedKeptInWord", "\"$(id)\" x", true, P::kNone, "$(id)"},
        WordCase{"Empty", "", false, P::kEmpty, ""},
        WordCase{"Blanks", "   ", false, P::kEmpty, ""},
        WordCase{"TabsAndBlanks", "\t \t", true, P::kEmpty, ""},
        WordCase{"EmptyQuotes", "'' git", false, P::kEmpty, ""},
        WordCase{"EmptyDoubleQuotes", "\"\"", false, P::kEmpty, ""},
        WordCase{"UnterminatedSingle", "git 'log", false, P::kUnterminated, ""},
        WordCase{"UnterminatedDouble", "\"git", false, P::kUnterminated, ""},
        WordCase{"UnterminatedAfterWordAllowed", "git | 'x", true, P::kUnterminated, ""},
        WordCase{"TrailingBackslash", "git\\", false, P::kUnterminated, ""},
        WordCase{"TrailingBackslashInDoubleQuotes", "\"git\\", false, P::kUnterminated, ""},
        WordCase{"MetacharacterBeforeUnterminated", "ls; 'x", false, P::kMetacharacter, ""},
        WordCase{"LongestAllowed", "git " + std::string(kMaxCommandBytes - 4, 'a'), false,
                 P::kNone, "git"},
        WordCase{"LongestWord", std::string(kMaxCommandBytes, 'g'), false, P::kNone,
                 std::string(kMaxCommandBytes, 'g')},
        WordCase{"TooLong", "git " + std::string(kMaxCommandBytes - 3, 'a'), false, P::kTooLong,
                 ""},
        WordCase{"TooLongBeatsMetacharacter", ";" + std::string(kMaxCommandBytes, ' '), false,
                 P::kTooLong, ""}),
    [](const testing::TestParamInfo<WordCase>& param_info) {
      return std::string(param_info.param.name);
    });

struct CheckCase {
  const char* name;
  const char* matcher;
  std::string command;
  P problem;
};

class CommandMatcherCheckTest : public testing::TestWithParam<CheckCase> {};

TEST_P(CommandMatcherCheckTest, Check) {
  const CheckCase& c = GetParam();
  auto m = CommandMatcher::Compile(Parse(c.matcher));
  ASSERT_TRUE(m.ok()) << m.status();
  const P problem = (*m)->Check(c.command);
  EXPECT_EQ(problem, c.problem) << CommandProblemText(problem);
}

constexpr char kGitLs[] = "executables: \"git\" executables: \"ls\"";
constexpr char kUsrBinGit[] = "executables: \"/usr/bin/git\"";
constexpr char kGitPiped[] = "executables: \"git\" allow_metacharacters: true";

INSTANTIATE_TEST_SUITE_P(
    All, CommandMatcherCheckTest,
    testing::Values(
        CheckCase{"Allowed", kGitLs, "git status", P::kNone},
        CheckCase{"SecondEntry", kGitLs, "ls -l", P::kNone},
        CheckCase{"QuotedAllowed", kGitLs, "g'i't log", P::kNone},
        CheckCase{"NotAllowed", kGitLs, "rm -rf /", P::kNotAllowed},
        CheckCase{"QuotedNotAllowed", kGitLs, "'r'm -rf /", P::kNotAllowed},
        CheckCase{"CaseSensitive", kGitLs, "Git status", P::kNotAllowed},
        CheckCase{"PrefixOfEntry", kGitLs, "gi", P::kNotAllowed},
        CheckCase{"EntryPrefixOfWord", kGitLs, "gitk", P::kNotAllowed},
        CheckCase{"PathVersusBareEntry", kGitLs, "/usr/bin/git status", P::kNotAllowed},
        CheckCase{"OtherPathVersusBareEntry", kGitLs, "/tmp/git", P::kNotAllowed},
        CheckCase{"RelativeVersusBareEntry", kGitLs, "./git", P::kNotAllowed},
        CheckCase{"PathEntry", kUsrBinGit, "/usr/bin/git status", P::kNone},
        CheckCase{"BareVersusPathEntry", kUsrBinGit, "git status", P::kNotAllowed},
        CheckCase{"OtherPathVersusPathEntry", kUsrBinGit, "/usr/local/bin/git", P::kNotAllowed},
        CheckCase{"Assignment", kGitLs, "A=1 git", P::kNotAllowed},
        CheckCase{"LeadingBlanks", kGitLs, "  \t git", P::kNone},
        CheckCase{"MetacharacterBeforeAllowlist", kGitLs, "git; rm", P::kMetacharacter},
        CheckCase{"Empty", kGitLs, "", P::kEmpty},
        CheckCase{"Unterminated", kGitLs, "git 'x", P::kUnterminated},
        CheckCase{"TooLong", kGitLs, std::string(kMaxCommandBytes + 1, 'g'), P::kTooLong},
        CheckCase{"PipeAllowed", kGitPiped, "git log | head", P::kNone},
        CheckCase{"PipeAllowedWordStillChecked", kGitPiped, "rm -rf / | head", P::kNotAllowed},
        CheckCase{"SeparatorAllowedWordStillChecked", kGitPiped, "sh -c x; git", P::kNotAllowed},
        CheckCase{"SubstitutedWordNeverMatches", kGitPiped, "$(echo git) x", P::kNotAllowed},
        CheckCase{"NulStillFails", kGitPiped, std::string("git \0", 5), P::kMetacharacter}),
    [](const testing::TestParamInfo<CheckCase>& param_info) {
      return std::string(param_info.param.name);
    });

struct ErrorCase {
  const char* name;
  const char* matcher;
  const char* message;
};

class CommandMatcherErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(CommandMatcherErrorTest, RejectedAtCompile) {
  const ErrorCase& c = GetParam();
  auto m = CommandMatcher::Compile(Parse(c.matcher));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    All, CommandMatcherErrorTest,
    testing::Values(
        ErrorCase{"NoExecutables", "", "executables: at least one is required"},
        ErrorCase{"NoExecutablesEvenIfAllowingMetacharacters", "allow_metacharacters: true",
                  "executables: at least one is required"},
        ErrorCase{"EmptyEntry", "executables: \"git\" executables: \"ls\" executables: \"\"",
                  "executables[2]: must not be empty"},
        ErrorCase{"Blank", "executables: \"git log\"",
                  "executables[0]: must not contain blanks or shell metacharacters "
                  "(\"git log\" has ' ')"},
        ErrorCase{"Tab", "executables: \"git\" executables: \"a\\tb\"",
                  "executables[1]: must not contain blanks or shell metacharacters "
                  "(\"a\\tb\" has '\\t')"},
        ErrorCase{"Semicolon", "executables: \"git;rm\"",
                  "executables[0]: must not contain blanks or shell metacharacters "
                  "(\"git;rm\" has ';')"},
        ErrorCase{"Dollar", "executables: \"$HOME/bin/x\"",
                  "executables[0]: must not contain blanks or shell metacharacters "
                  "(\"$HOME/bin/x\" has '$')"},
        ErrorCase{"Newline", "executables: \"git\\n\"",
                  "executables[0]: must not contain blanks or shell metacharacters "
                  "(\"git\\n\" has '\\n')"},
        ErrorCase{"Nul", "executables: \"git\\000\"",
                  "executables[0]: must not contain blanks or shell metacharacters "
                  "(\"git\\000\" has '\\000')"},
        ErrorCase{"Glob", "executables: \"/usr/bin/gi*\"",
                  "executables[0]: must not contain glob characters (\"/usr/bin/gi*\" has '*')"},
        ErrorCase{"Bracket", "executables: \"[\"",
                  "executables[0]: must not contain glob characters (\"[\" has '[')"},
        ErrorCase{"Tilde", "executables: \"~/bin/tool\"",
                  "executables[0]: must not start with \"~\", which the shell expands"},
        ErrorCase{"Assignment", "executables: \"PATH=/tmp\"",
                  "executables[0]: \"PATH=/tmp\" is a variable assignment, not a command"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(CommandMatcher, EntriesThatOnlyLookLikeAssignmentsCompile) {
  for (const char* entry : {"/opt/a=b/tool", "1A=x", "=x", "a-b=c"}) {
    mcpguard::v1::CommandMatcher proto;
    proto.add_executables(entry);
    EXPECT_TRUE(CommandMatcher::Compile(proto).ok()) << entry;
  }
}

TEST(CommandMatcher, DescribeListsExecutables) {
  auto m = CommandMatcher::Compile(Parse(kGitLs));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->Describe(), "command running \"git\", \"ls\"");
}

TEST(CommandMatcher, DescribeSaysMetacharactersAllowed) {
  auto m = CommandMatcher::Compile(Parse(kGitPiped));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->Describe(), "command running \"git\", shell metacharacters allowed");
}

TEST(CommandProblemText, EveryProblemHasItsOwnPhrase) {
  EXPECT_EQ(CommandProblemText(P::kNone), "is acceptable");
  EXPECT_EQ(CommandProblemText(P::kEmpty), "has no command word");
  EXPECT_EQ(CommandProblemText(P::kTooLong), "is longer than 8192 bytes");
  EXPECT_EQ(CommandProblemText(P::kMetacharacter), "contains a shell metacharacter or NUL");
  EXPECT_EQ(CommandProblemText(P::kUnterminated),
            "has an unterminated quote or a trailing backslash");
  EXPECT_EQ(CommandProblemText(P::kNotAllowed), "runs an executable that is not allowed");
}

TEST(CommandMatcher, AcceptedCommandsHaveNoLiveMetacharacter) {
  auto m = CommandMatcher::Compile(Parse("executables: \"git\" executables: \"rm\""));
  ASSERT_TRUE(m.ok());
  const char* const tokens[] = {"git", "rm", "'", "\"", "\\", ";", " ", "$", "a", "|", "#", "\n"};
  std::mt19937 random(20240601);  // Fixed: a failure reproduces.
  std::uniform_int_distribution<int> count(1, 12);
  std::uniform_int_distribution<int> pick(0, std::size(tokens) - 1);
  int accepted = 0, accepted_with_quoted_metacharacter = 0;
  for (int round = 0; round < 1000000; ++round) {
    std::string command;
    for (int n = count(random); n > 0; --n) command += tokens[pick(random)];
    if ((*m)->Check(command) != P::kNone) continue;
    ++accepted;
    if (command.find_first_of(";$|\n") != std::string::npos) ++accepted_with_quoted_metacharacter;
    ASSERT_FALSE(HasLiveMetacharacter(command)) << "\"" << absl::CEscape(command) << "\"";
  }
  // The property must not hold vacuously.
  EXPECT_GT(accepted, 4000);
  EXPECT_GT(accepted_with_quoted_metacharacter, 30);
}

// CommandWord taking one byte at a time, without the fast runs over plain
// bytes: the state machine as the design note states it.
P ReferenceWord(absl::string_view command, bool allow_metacharacters, std::string* word) {
  auto is_meta = [](char c) { return absl::string_view(";&|`$<>()\n\r").find(c) != absl::string_view::npos; };
  enum { kNone, kSingle, kDouble } quote = kNone;
  bool started = false, ended = false;
  bool word_start = true;
  word->clear();
  auto emit = [&](char c) {
    started = true;
    if (!ended) word->push_back(c);
  };
  for (size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (c == '\0') return P::kMetacharacter;
    if (quote != kSingle && (c == '\'' || c == '"' || c == '\\') && i > 0 &&
        static_cast<unsigned char>(command[i - 1]) >= 0x80) {
      return P::kMetacharacter;
    }
    if (quote == kNone && c == '#' && word_start) {
      while (i + 1 < command.size() && command[i + 1] != '\n') {
        const char d = command[++i];
        if (d == '\0' || (!allow_metacharacters && is_meta(d))) return P::kMetacharacter;
      }
      continue;
    }
    word_start = quote == kNone && (c == ' ' || c == '\t');
    if (quote == kSingle) {
      if (c == '\'') quote = kNone; else emit(c);
      continue;
    }
    if (!allow_metacharacters && is_meta(c)) return P::kMetacharacter;
    if (c == '\\') {
      if (i + 1 == command.size()) return P::kUnterminated;
      const char next = command[++i];
      if (next == '\0' || (!allow_metacharacters && is_meta(next))) return P::kMetacharacter;
      if (next == '\n') continue;
      if (quote == kNone || next == '$' || next == '`' || next == '"' || next == '\\') {
        emit(next);
      } else {
        emit('\\');
        --i;  // `next` is read on its own.
      }
      continue;
    }
    if (quote == kDouble) {
      if (c == '"') quote = kNone; else emit(c);
      continue;
    }
    if (c == ' ' || c == '\t') {
      ended = ended || started;
    } else if (c == '\'' || c == '"') {
      quote = c == '\'' ? kSingle : kDouble;
      started = true;
    } else {
      emit(c);
    }
  }
  if (quote != kNone) return P::kUnterminated;
  return word->empty() ? P::kEmpty : P::kNone;
}

TEST(CommandWord, AgreesWithTheByteAtATimeReference) {
  const char alphabet[] = {'a', 'b', ' ', '\t', '\'', '"', '\\', ';', '$', '\n', '\0', '`', '=',
                           '#', '\xA5'};
  std::mt19937 random(20261124);  // Fixed: a failure reproduces.
  std::uniform_int_distribution<int> length(0, 14);
  std::uniform_int_distribution<int> pick(0, std::size(alphabet) - 1);
  int words = 0;
  for (int round = 0; round < 100000; ++round) {
    std::string command;
    for (int n = length(random); n > 0; --n) command += alphabet[pick(random)];
    for (const bool allow : {false, true}) {
      std::string expected_word;
      const P expected = ReferenceWord(command, allow, &expected_word);
      char buffer[kMaxCommandBytes];
      size_t size = 0;
      const P actual = CommandWord(command, allow, buffer, &size);
      ASSERT_EQ(actual, expected) << absl::CEscape(command) << " allow=" << allow;
      if (actual != P::kNone) continue;
      ++words;
      ASSERT_EQ(absl::string_view(buffer, size), expected_word) << absl::CEscape(command);
    }
  }
  EXPECT_GT(words, 10000);  // Not vacuous: many commands have a word.
}

TEST(CommandMatcher, CheckDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  auto m = CommandMatcher::Compile(Parse(kGitLs));
  ASSERT_TRUE(m.ok());
  const std::string commands[] = {"git commit -m 'fix; bug'", "rm -rf /", "ls; rm",
                                  std::string(kMaxCommandBytes, 'x')};
  long count;
  int allowed = 0;
  {
    test_support::AllocationCounter counter;
    for (const std::string& command : commands) allowed += (*m)->Check(command) == P::kNone;
    count = counter.count();
  }
  EXPECT_EQ(count, 0);
  EXPECT_EQ(allowed, 1);
#endif
}

}  // namespace
}  // namespace mcpguard::internal
