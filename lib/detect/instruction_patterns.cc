// Hidden instructions in text the model will read: the phrasing and tricks
// of published tool-poisoning and prompt-injection attacks, written as RE2
// patterns. Benign descriptions use some of the same words ("ignore case",
// "do not use for ..."), so each pattern needs the construction an attack
// needs (a directive aimed at instructions, the user or another tool), and
// the scores say how telling a match is.
#include <algorithm>

#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

// Gates (gate.h). A phrase pattern runs around its rarest required word,
// over the words and blanks next to it; a pattern with "[^.]{0,60}" reaches
// to the next full stop. (?i) literals are lowercase.
constexpr GateLiteral kTagOpen[] = {Literal("<")};
constexpr GateLiteral kOverride[] = {
    Keyword("ignore"), Keyword("disregard"), Keyword("forget"),     Keyword("override"),
    Keyword("bypass"), Keyword("supersede"), Keyword("precedence"), Keyword("priority"),
    Keyword("longer"), Keyword("now")};
constexpr GateLiteral kSecrecy[] = {Keyword("tell"),   Keyword("inform"),  Keyword("mention"),
                                    Keyword("reveal"), Keyword("notif"),   Keyword("alert"),
                                    Keyword("show"),   Keyword("disclos"), Keyword("let"),
                                    Keyword("ask"),    Keyword("keep")};
constexpr GateLiteral kPrecondition[] = {Keyword("before"), Keyword("prior")};
constexpr GateLiteral kTool[] = {Keyword("tool")};
constexpr GateLiteral kParameter[] = {Keyword("parameter"), Keyword("argument"), Keyword("field")};
constexpr GateLiteral kRoleMarker[] = {GateLiteral{"<|", true, false},
                                       GateLiteral{"[inst", true, false},
                                       GateLiteral{"[/inst", true, false},
                                       GateLiteral{"[sys", true, false},
                                       GateLiteral{"[/sys", true, false},
                                       GateLiteral{"[admin", true, false},
                                       GateLiteral{"[developer", true, false},
                                       GateLiteral{"<<sys", true, false},
                                       GateLiteral{"<</sys", true, false},
                                       Keyword("system"),
                                       Keyword("assistant"),
                                       Keyword("developer")};
constexpr GateLiteral kAiNote[] = {Keyword("note"),     Keyword("message"), Keyword("instruction"),
                                   Keyword("reminder"), Keyword("memo"),    Keyword("rule"),
                                   Literal("<!--")};
constexpr GateLiteral kSensitiveFile[] = {Literal("~/.ssh"),
                                          WordLiteral("id_"),
                                          Literal(".aws/credentials"),
                                          Literal("/etc/"),
                                          Literal(".git-credentials"),
                                          Literal(".netrc"),
                                          Literal(".npmrc"),
                                          Literal(".pypirc"),
                                          Literal(".kube/config"),
                                          Literal(".docker/config.json"),
                                          WordLiteral("authorized_keys"),
                                          Literal(".env"),
                                          Literal("mcp.json"),
                                          Literal("claude_desktop_config.json")};
constexpr GateLiteral kTagCharacters[] = {Literal("\xF3\xA0")};  // U+E0000-E007F.
constexpr GateLiteral kZeroWidth[] = {
    Literal("\xE2\x80\x8B"), Literal("\xE2\x80\x8C"), Literal("\xE2\x80\x8D"),
    Literal("\xE2\x81\xA0"), Literal("\xE2\x81\xA1"), Literal("\xE2\x81\xA2"),
    Literal("\xE2\x81\xA3"), Literal("\xE2\x81\xA4"), Literal("\xE1\xA0\x8E")};
constexpr GateLiteral kBidi[] = {
    Literal("\xE2\x80\xAA"), Literal("\xE2\x80\xAB"), Literal("\xE2\x80\xAC"),
    Literal("\xE2\x80\xAD"), Literal("\xE2\x80\xAE"), Literal("\xE2\x81\xA6"),
    Literal("\xE2\x81\xA7"), Literal("\xE2\x81\xA8"), Literal("\xE2\x81\xA9")};
// The lead bytes of U+E000-F8FF, U+F0000-FFFFD and U+100000-10FFFD.
constexpr GateLiteral kPrivateUse[] = {Literal("\xEE"), Literal("\xEF"), Literal("\xF3"),
                                       Literal("\xF4")};
constexpr GateLiteral kEscape[] = {Literal("\x1b")};
constexpr GateLiteral kPercent[] = {Literal("%")};
constexpr GateLiteral kMarkdownImage[] = {Literal("![")};
constexpr GateLiteral kHtmlImage[] = {GateLiteral{"<img", true, false}};
constexpr GateLiteral kQuery[] = {Literal("?")};

// After the "<", blanks and a "/", the first letter
// of one of the tag names.
bool TagNamed(absl::string_view text, const GateSpot& spot) {
  const size_t end = spot.end;
  size_t i = spot.at + 1;
  while (i < end && (text[i] == '/' || kWhitespaceBytes.Has(static_cast<unsigned char>(text[i]))))
    ++i;
  return i < end && absl::string_view("ishapcdnISHAPCDN").find(text[i]) != absl::string_view::npos;
}
// A role marker holds a ":", "[" or "<".
bool HasMarkerPunctuation(absl::string_view text, const GateSpot& spot) {
  return text.substr(spot.begin, spot.end - spot.begin).find_first_of(":[<") !=
         absl::string_view::npos;
}
// Twelve escapes.
bool HasTwelvePercents(absl::string_view text, const GateSpot& spot) {
  const absl::string_view window = text.substr(spot.begin, spot.end - spot.begin);
  return std::count(window.begin(), window.end(), '%') >= 12;
}
// "http://" 7, a byte, "?", "=", 48 bytes of value.
bool LongQuery(absl::string_view text, const GateSpot& spot) {
  const absl::string_view window = text.substr(spot.begin, spot.end - spot.begin);
  return window.size() >= 58 && window.find("http") != absl::string_view::npos;
}

constexpr ByteClass kNotFullStop = ByteClass::AllBut(".");
// Words and [\w.\-]+.
constexpr ByteClass kToolNameBytes = ByteClass{"-A-Za-z0-9_.'"} | kWhitespaceBytes;

// Reaches count bytes and a quantifier counts characters: "[^>]{0,80}" is
// up to 80 characters of up to four bytes. After "<", blanks and "/", then
// a name (17 bytes at most), 80 characters and ">".
constexpr uint16_t kUtf8Max = 4;
constexpr Gate kTagGate =
    LiteralGate(kTagOpen, Reach{}, Reach{ByteClass("/") | kWhitespaceBytes, 17 + 80 * kUtf8Max + 1},
                TagNamed);
constexpr Gate kOverrideGate =
    LiteralGate(kOverride, Reach{kPhraseBytes, 0}, Reach{kPhraseBytes, 0});
constexpr Gate kSecrecyGate = LiteralGate(kSecrecy, Reach{kPhraseBytes, 0}, Reach{kPhraseBytes, 0});
constexpr Gate kPreconditionGate = LiteralGate(kPrecondition, Reach{}, Reach{kNotFullStop, 0});
constexpr Gate kOtherToolGate =
    LiteralGate(kTool, Reach{kToolNameBytes, 0}, Reach{kNotFullStop, 0});
constexpr Gate kParameterGate = LiteralGate(kParameter, Reach{kNotFullStop, 0}, Reach{});
constexpr Gate kRoleMarkerGate =
    LiteralGate(kRoleMarker, Reach{kWhitespaceBytes, 1},
                Reach{ByteClass("A-Za-z_|/:") | kWhitespaceBytes, 3}, HasMarkerPunctuation);
constexpr Gate kAiNoteGate = LiteralGate(kAiNote, Reach{kPhraseBytes, 0}, Reach{kPhraseBytes, 0});
constexpr Gate kSensitiveFileGate =
    LiteralGate(kSensitiveFile, Reach{ByteClass(), 1}, Reach{ByteClass("A-Za-z0-9_"), 0});
constexpr Gate kTagCharactersGate =
    LiteralGate(kTagCharacters, Reach{}, Reach{ByteClass("\x80-\xBF\xF3"), 0});
// Up to three characters between two zero-width ones (3 bytes).
constexpr Gate kZeroWidthGate =
    LiteralGate(kZeroWidth, Reach{}, Reach{ByteClass("\x80-\xBF\xE1\xE2"), 3 * kUtf8Max + 3});
constexpr Gate kBidiGate = LiteralGate(kBidi, Reach{}, Reach{});
constexpr Gate kPrivateUseGate =
    LiteralGate(kPrivateUse, Reach{}, Reach{ByteClass("\x80-\xBF\xEE\xEF\xF3\xF4"), 0});
// "ESC [" parameters and intermediates then a final byte; or "ESC ]", up
// to 200 characters and a two-byte terminator.
constexpr Gate kEscapeGate =
    LiteralGate(kEscape, Reach{}, Reach{ByteClass("[0-9;? -/"), 1 + 200 * kUtf8Max + 2});
// The payload is a run of base64 or hex bytes, then "=" padding and a
// delimiter.
constexpr Gate kEncodedGate =
    RunGate(RunTrigger::kTokenRun, 0, Reach{ByteClass(), 1}, Reach{ByteClass("="), 1});
constexpr Gate kPercentGate =
    LiteralGate(kPercent, Reach{}, Reach{ByteClass("%0-9A-Fa-f"), 0}, HasTwelvePercents);
// The alt text may hold anything but "]", the URL is unbounded: to the end.
constexpr Gate kMarkdownImageGate =
    LiteralGate(kMarkdownImage, Reach{}, Reach{ByteClass::All(), 0});
// A reference image's definition may come before it or after it.
constexpr Gate kMarkdownReferenceGate =
    LiteralGate(kMarkdownImage, Reach{ByteClass::All(), 0}, Reach{ByteClass::All(), 0});
constexpr Gate kHtmlImageGate = LiteralGate(kHtmlImage, Reach{}, Reach{ByteClass::All(), 0});
// Around its "?", the URL's bytes.
constexpr ByteClass kUrlBytes = ByteClass::AllBut(" \t\n\f\r\"'<>()");
constexpr Gate kLinkGate = LiteralGate(kQuery, Reach{kUrlBytes, 0}, Reach{kUrlBytes, 0}, LongQuery);

constexpr PatternSpec kInstructionPatterns[] = {
    {"instruction_tag", "instruction",
     R"((?i)(<\s*/?\s*(?:important|system|instructions?|secret|hidden|admin|sudo|prompt|context|assistant|directive|note_to_ai|ai_instructions?)\b[^>]{0,80}>))",
     MatchCheck::kNone, 0.9f, "a tag-like block that addresses the model", &kTagGate},
    {"override_instructions", "instruction",
     R"((?i)\b((?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+)*(?:previous|prior|above|earlier|preceding|other|existing|system|safety|original)\s+(?:system\s+)?(?:instructions?|prompts?|rules?|directions?|guidelines?|guidance|messages?|constraints?|restrictions?)|(?:supersedes?|takes\s+precedence\s+over|(?:has|have)\s+(?:a\s+)?higher\s+priority\s+than)\s+(?:all\s+|any\s+|the\s+)*(?:previous|prior|earlier|other|existing|system|user'?s?)\b|(?:instructions|rules|restrictions|guidelines)\s+no\s+longer\s+apply|you\s+are\s+now\s+(?:in\s+)?(?:developer|dan|jailbreak|god|unrestricted|admin)\b))",
     MatchCheck::kNone, 0.95f, "tells the model to set its instructions aside", &kOverrideGate},
    {"secrecy_demand", "instruction",
     R"((?i)\b((?:do\s+not|don'?t|never|must\s+not)\s+(?:tell|inform|mention|reveal|notify|alert|show|disclose|let)\s+(?:this\s+to\s+|it\s+to\s+|anything\s+to\s+)?(?:the\s+)?(?:user|human|operator|person)|(?:without|before)\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?(?:user|human)|keep\s+(?:this|it)\s+(?:a\s+)?secret\s+from|(?:must|should)\s+(?:never|not)\s+be\s+(?:shown|revealed|disclosed|mentioned)\s+to\s+(?:the\s+)?(?:user|human)|keep\s+(?:this|that|it)(?:\s+\w+)?\s+to\s+yourself))",
     MatchCheck::kNone, 0.9f, "asks the model to hide something from the user", &kSecrecyGate},
    {"precondition_directive", "instruction",
     R"((?i)\b((?:before|prior\s+to)\s+(?:using|calling|invoking|running|executing)\s+(?:this|the|any)\s+(?:tool|function)\b[^.]{0,40}\b(?:you\s+must|must|first|always|read|call|send|include)))",
     MatchCheck::kNone, 0.7f, "sets a condition the model must act on before using the tool",
     &kPreconditionGate},
    {"other_tool_directive", "instruction",
     R"((?i)\b((?:when|whenever|if)\s+(?:the\s+)?(?:user|model|assistant|agent|you)\s+(?:calls?|uses?|invokes?|runs?)\s+(?:the\s+)?[\w.\-]+\s+tool\b[^.]{0,60}\b(?:must|always|instead|also|first)|instead\s+of\s+(?:using\s+|calling\s+)?(?:the\s+)?[\w.\-]+\s+tool\b))",
     MatchCheck::kNone, 0.8f, "instructs the model about another tool", &kOtherToolGate},
    {"parameter_smuggling", "instruction",
     R"((?i)\b((?:pass|put|include|insert|add|append|send|provide|copy)\s+(?:the\s+)?(?:user'?s\s+)?(?:full\s+|entire\s+|complete\s+)?(?:contents?|text|value|data|output|conversation|chat\s+history|history|key|token|password|credentials?|secret)\b[^.]{0,60}\b(?:as|in|into|inside|to)\s+(?:the\s+)?['"`]?[\w\-]+['"`]?\s+(?:parameter|argument|field)))",
     MatchCheck::kNone, 0.75f, "asks the model to put data into a parameter", &kParameterGate},
    {"role_marker", "instruction",
     R"((?i)(<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|\[/?(?:INST|SYS)\]|<</?SYS>>|\[(?:system|admin|developer)(?:\s+(?:override|message|note|prompt|instructions?|mode))?\]|(?:^|[.!?]\s+)(?:system|assistant|developer)\s*:\s*you\b))",
     MatchCheck::kNone, 0.9f, "a chat-template token or role marker that poses as the system",
     &kRoleMarkerGate},
    {"ai_addressed_note", "instruction",
     R"((?i)(\b(?:note|message|instructions?|reminder|memo)\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|llm|agent|claude|gpt|chatgpt|copilot)\b|<!--\s*(?:ai|assistant|model|llm|agent|system)\b|\bnew\s+rule\s+from\s+the\s+(?:developer|system|admin)))",
     MatchCheck::kNone, 0.85f, "text addressed to the model rather than the reader", &kAiNoteGate},
    {"sensitive_file_reference", "instruction",
     R"((~/\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws/credentials|/etc/(?:passwd|shadow|sudoers)\b|\.git-credentials|\.netrc\b|\.npmrc\b|\.pypirc\b|\.kube/config|\.docker/config\.json|\bauthorized_keys\b|(?:^|[\s/'"`])\.env\b|mcp\.json\b|claude_desktop_config\.json))",
     MatchCheck::kNone, 0.6f, "names a file holding credentials or configuration",
     &kSensitiveFileGate},
    {"invisible_tag_characters", "instruction", R"(([\x{E0000}-\x{E007F}]+))",
     MatchCheck::kNotFlagTags, 1.0f, "Unicode tag characters, invisible to a reader", &kTagCharactersGate},
    {"zero_width_characters", "instruction",
     R"(([\x{200B}-\x{200D}\x{2060}-\x{2064}\x{180E}]{2,}|[\x{200B}-\x{200D}\x{2060}-\x{2064}][^\x{200B}-\x{200D}\x{2060}-\x{2064}]{0,3}[\x{200B}-\x{200D}\x{2060}-\x{2064}]))",
     MatchCheck::kNotEmojiZwj, 0.8f, "zero-width characters that can hide text", &kZeroWidthGate},
    {"bidi_override", "instruction", R"(([\x{202A}-\x{202E}\x{2066}-\x{2069}]))",
     MatchCheck::kNone, 0.8f, "bidirectional override characters that reorder text", &kBidiGate},
    {"private_use_characters", "instruction",
     R"(([\x{E000}-\x{F8FF}\x{F0000}-\x{FFFFD}\x{100000}-\x{10FFFD}]{2,}))",
     MatchCheck::kNone, 0.6f, "private-use characters with no standard meaning", &kPrivateUseGate},
    {"ansi_escape", "instruction", R"((\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)))",
     MatchCheck::kNone, 0.8f, "a terminal escape sequence", &kEscapeGate},
    {"encoded_payload", "instruction",
     R"((?:^|[^A-Za-z0-9+/=])([A-Za-z0-9+/]{40,}={0,2}|[0-9a-fA-F]{48,})(?:$|[^A-Za-z0-9+/=]))",
     MatchCheck::kEncodedText, 0.7f, "an encoded payload that decodes to text", &kEncodedGate},
    {"percent_encoded_payload", "instruction", R"(((?:%[0-9A-Fa-f]{2}){12,}))",
     MatchCheck::kNone, 0.6f, "a long percent-encoded run", &kPercentGate},
};

constexpr PatternSpec kExfiltrationPatterns[] = {
    // ![x](https://evil.example/p?d=<data>): rendered by the client, the
    // image fetch sends the data without a click.
    // Also with the scheme in capitals, the URL in <...>, and a title
    // ("t", 't' or (t)) after it (found by an adversarial review: each
    // rendered and leaked past the first pattern).
    {"markdown_image_with_data", "exfiltration",
     R"((!\[[^\]]{0,100}\]\(\s*<?(?i:https?)://[^)\s>]{1,200}\?[^)\s>]*=[^)\s&>]{16,}[^)\s>]*>?)"
     R"((?:\s+(?:"[^"]{0,200}"|'[^']{0,200}'|\([^)]{0,200}\)))?\s*\)))",
     MatchCheck::kNone, 0.85f, "a markdown image whose URL carries data", &kMarkdownImageGate},
    // ![x][ref] (or ![x][], ![x]) with "[ref]: https://evil.example/p?d=
    // <data>" (the URL maybe on the next line) before or after it: a
    // reference image is fetched as an inline one is.
    {"markdown_image_reference_with_data", "exfiltration",
     R"((?s)(!\[[^\]]{0,100}\](?:\[[^\]]{0,100}\])?.*?(?:^|\n)[ \t]{0,3}\[[^\]]{1,100}\]:)"
     R"([ \t]*\n?[ \t]*<?(?i:https?)://[^\s>]{1,200}\?[^\s>]*=[^\s&>]{16,}|)"
     R"((?:^|\n)[ \t]{0,3}\[[^\]]{1,100}\]:[ \t]*\n?[ \t]*<?(?i:https?)://[^\s>]{1,200}\?)"
     R"([^\s>]*=[^\s&>]{16,}.*?!\[[^\]]{0,100}\]))",
     MatchCheck::kNone, 0.85f, "a markdown reference image whose URL carries data",
     &kMarkdownReferenceGate},
    // <img src="https://evil.example/p?d=<data>">: clients that render HTML
    // fetch it too.
    {"html_image_with_data", "exfiltration",
     R"((?i)(<img\b[^>]{0,200}\bsrc(?:set)?\s*=\s*["']?https?://[^"'\s>]{1,200}\?[^"'\s>]*=)"
     R"([^"'\s>&]{16,}))",
     MatchCheck::kNone, 0.85f, "an HTML image whose URL carries data", &kHtmlImageGate},
    {"link_with_data", "exfiltration",
     R"((https?://[^\s"'<>()]{1,200}\?[^\s"'<>()]*=[A-Za-z0-9%+/=_\-]{48,}))",
     MatchCheck::kNone, 0.6f, "a link whose query string carries a long value", &kLinkGate},
};

}  // namespace

absl::Span<const PatternSpec> InstructionPatterns() { return kInstructionPatterns; }
absl::Span<const PatternSpec> ExfiltrationPatterns() { return kExfiltrationPatterns; }

}  // namespace mcpguard::internal
