// Attacks carried by tools/call arguments, for servers whose policy has no
// matcher on the argument: shell command injection, path traversal, SQL
// injection, server-side request forgery. Each pattern asks for the shape
// an attack needs, not a word an argument may contain: a chaining operator
// followed by a command attackers run, a traversal that climbs two levels
// or is encoded, a quote that closes a string literal followed by a
// tautology or a comment, a URL whose host is internal (net/url_host.h).
// Arguments that are themselves scripts or queries (a shell tool, a SQL
// console) legitimately look like this; disable the patterns for them, or
// use argument matchers instead (docs/detectors.md).
#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

// Commands that an injection runs and that an argument rarely chains to. A
// command word must end the text or be followed by an operator or an
// argument, so "| curl |" (a markdown table cell) and "; shell" are not
// commands.
#define MCPGUARD_ATTACK_COMMANDS                                                              \
  "(?:(?:/usr)?/s?bin/)?(?:(?:curl|wget|nc|ncat|netcat|socat|telnet|ssh|scp|sftp|rsync|"  \
  "bash|sh|zsh|dash|ksh|python[0-9.]*|perl|"                                                \
  "ruby|php|node|powershell|pwsh|cmd(?:\\.exe)?|chmod|chown|mkfifo|whoami|uname|nslookup|"     \
  "base64|xxd|eval|exec|sudo|su|id|sleep|certutil|bitsadmin)(?:\\s*$|\\s*[;&<>`)]|\\s+[^\\s|])|"   \
  "rm\\s+-|cat\\s+[/~$]|type\\s+[a-z]:\\\\|net\\s+(?:user|localgroup)\\b|reg\\s+add\\b)"

constexpr PatternSpec kAttackPatterns[] = {
    {"shell_command_chaining", "attack",
     R"((?i)((?:;|&&|\|\||\||&|\n|\r)\s*)" MCPGUARD_ATTACK_COMMANDS R"())",
     MatchCheck::kNone, 0.85f, "chains a shell command onto the argument"},
    {"shell_substitution", "attack",
     R"((?i)(\$\(\s*)" MCPGUARD_ATTACK_COMMANDS R"(|`\s*)" MCPGUARD_ATTACK_COMMANDS
     R"(|\$\{IFS\}|\$IFS(?:\$[0-9]|[/\\.'"])|\$\{[A-Za-z_]+:[0-9]+:[0-9]+\}))",
     MatchCheck::kNone, 0.9f, "shell command substitution or an IFS trick"},
    {"path_traversal", "attack",
     R"(((?:^|[/\\=\s'"])(?:\.\.\.?[/\\]+(?:\.[/\\]+)?){2,}|(?:^|[/\\=\s'"])\.\.[/\\]+(?:etc|proc|root|home|var|usr|boot|sys|windows|winnt|users|\.(?:ssh|aws|gnupg|kube|docker|config|git-credentials|netrc|npmrc|pypirc|env))\b|\.{3,}[/\\]{2}|\.\.\.\.[/\\]))",
     MatchCheck::kNone, 0.8f, "climbs out of the directory it names"},
    {"encoded_path_traversal", "attack",
     R"((?i)((?:%2e|%252e|%c0%ae|%e0%80%ae|%u002e)(?:%2e|%252e|%c0%ae|%e0%80%ae|%u002e|\.)(?:[/\\]|%2f|%5c|%252f|%255c|%c0%af|%c1%9c|%u2215|%u2216|%u002f|%u005c)|\.(?:%2e|%252e|%c0%ae|%e0%80%ae|%u002e)(?:[/\\]|%2f|%5c|%252f|%255c|%c0%af)|\.\.(?:%2f|%5c|%252f|%255c|%c0%af|%c1%9c|%u2215|%u2216|%u002f|%u005c)))",
     MatchCheck::kNone, 0.95f, "a percent-encoded or overlong \"../\""},
    {"nul_byte", "attack", R"((\x00|%00|\\0|\\x00|\\u0000))", MatchCheck::kNone, 0.8f,
     "a NUL byte, which truncates a path or string in C code"},
    {"sql_tautology", "attack",
     R"((?i)(['"]\s*\)*\s*(?:or|\|\|)\s+\(*\s*(?:['"]?[\w]*['"]?\s*(?:=|<>|!=|<|>|\blike\b)\s*['"]?[\w]*|true\b|not\s+false\b)|\b(?:or|and)\s+(?:1\s*=\s*1|'1'\s*=\s*'1'|"1"\s*=\s*"1"|true)\b(?:\s*(?:--|#|/\*))?))",
     MatchCheck::kNone, 0.85f, "a SQL condition that is always true"},
    {"sql_injected_condition", "attack",
     R"((?i)(['"]\s*\)*\s*(?:and|or|&&|\|\|)\s+\(*\s*(?:(?:if|extractvalue|updatexml|convert|cast|substring|substr|mid|ascii|ord|char|length|exists|sleep|benchmark|pg_sleep|load_file)\s*\(|\(\s*select\b)))",
     MatchCheck::kNone, 0.8f, "closes a SQL string and adds a condition with a subquery or function"},
    {"sql_comment_truncation", "attack",
     R"((['"]\s*\)*\s*;?(?:--|#|/\*)(?:\s|$)|['"]\s*\)*\s*;\s*(?:--|#|/\*)))",
     MatchCheck::kNone, 0.7f, "closes a SQL string and comments out the rest"},
    {"sql_stacked_query", "attack",
     R"((?i)(;\s*(?:drop\s+(?:table|database|schema|user|view)\b|delete\s+from\b|truncate\s+(?:table\s+)?\w|insert\s+into\b|update\s+[\w."`\[\]]+\s+set\b|alter\s+(?:table|user|role|database)\b|create\s+(?:user|role|login|table|function|trigger)\b|grant\s+\w|revoke\s+\w|exec(?:ute)?\s+\w|shutdown\b|waitfor\s+delay\b|select\s+(?:pg_sleep|sleep|benchmark)\s*\(|copy\s+\w+\s+(?:from|to)\s+program\b)))",
     MatchCheck::kNone, 0.8f, "stacks a second SQL statement"},
    {"sql_union_select", "attack",
     R"((?i)((?:['"]|\b[0-9]+)\s*\)*\s*union(?:\s|/\*[^*]{0,20}\*/)+(?:(?:all|distinct)(?:\s|/\*[^*]{0,20}\*/)+)?select\b))",
     MatchCheck::kNone, 0.85f, "appends a UNION SELECT to a value"},
    {"sql_time_delay", "attack",
     R"((?i)(['"\d)]\s*(?:and|or|;)\s*(?:sleep\s*\(\s*\d|pg_sleep\s*\(\s*\d|benchmark\s*\(\s*\d|waitfor\s+delay\b)))",
     MatchCheck::kNone, 0.85f, "a time-based blind SQL injection"},
    // The special schemes as WHATWG URL parsers (Node's fetch) read them:
    // tabs and line breaks anywhere dropped, any number of "/" and "\"
    // after the ":" ("http:\\127.0.0.1", "http:///10.0.0.5" and
    // "http:127.0.0.1" all reach the host; found by an adversarial review).
    // Without a slash the host must look like one (dotted, bracketed or
    // localhost): "http:200", "ws:1" and "ftp:anonymous" are words, not
    // URLs (found by the next review). The host is then read by
    // ParseUrlHost, as the url matcher reads it.
    {"ssrf_internal_url", "attack",
     R"((?i)\b((?:h[\t\n\r]*t[\t\n\r]*t[\t\n\r]*p(?:[\t\n\r]*s)?|f[\t\n\r]*t[\t\n\r]*p|w[\t\n\r]*s(?:[\t\n\r]*s)?)[\t\n\r]*:(?:[\t\n\r]*[/\\][\t\n\r/\\]*[^\s"'<>`/?#\\]+|(?:\[|localhost\b|[0-9a-z-]+\.[0-9a-z])[^\s"'<>`/?#\\]*)|(?:gopher|dict|ldap|tftp|redis|mysql|postgres(?:ql)?|mongodb)://[^\s"'<>`/?#\\]+))",
     MatchCheck::kInternalUrl, 0.9f,
     "a URL to a loopback, private, link-local or cloud metadata host"},
    {"ssrf_metadata_address", "attack",
     R"((?i)(\b169\.254\.169\.254\b|\b100\.100\.100\.200\b|\bmetadata\.google\.internal\b|\bfd00:ec2::254\b|\b(?:0xa9\.?0xfe\.?0xa9\.?0xfe|0xa9fea9fe|2852039166)\b))",
     MatchCheck::kNone, 0.95f, "the address of a cloud metadata service"},
    {"dangerous_url_scheme", "attack",
     R"((?i)\b((?:gopher|dict|ldap|tftp|jar|netdoc|phar|expect|file)://))",
     MatchCheck::kNone, 0.75f, "a URL scheme used to reach local files or raw sockets"},
};

#undef MCPGUARD_ATTACK_COMMANDS

}  // namespace

absl::Span<const PatternSpec> AttackPatterns() { return kAttackPatterns; }

}  // namespace mcpguard::internal
