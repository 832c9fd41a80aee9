// Hidden instructions in text the model will read: the phrasing and tricks
// of published tool-poisoning and prompt-injection attacks, written as RE2
// patterns. Benign descriptions use some of the same words ("ignore case",
// "do not use for ..."), so each pattern needs the construction an attack
// needs (a directive aimed at instructions, the user or another tool), and
// the scores say how telling a match is.
#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

constexpr PatternSpec kInstructionPatterns[] = {
    {"instruction_tag", "instruction",
     R"((?i)(<\s*/?\s*(?:important|system|instructions?|secret|hidden|admin|sudo|prompt|context|assistant|directive|note_to_ai|ai_instructions?)\b[^>]{0,80}>))",
     MatchCheck::kNone, 0.9f, "a tag-like block that addresses the model"},
    {"override_instructions", "instruction",
     R"((?i)\b((?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|these\s+)*(?:previous|prior|above|earlier|preceding|other|existing|system|safety|original)\s+(?:system\s+)?(?:instructions?|prompts?|rules?|directions?|guidelines?|guidance|messages?|constraints?|restrictions?)|(?:supersedes?|takes\s+precedence\s+over|(?:has|have)\s+(?:a\s+)?higher\s+priority\s+than)\s+(?:all\s+|any\s+|the\s+)*(?:previous|prior|earlier|other|existing|system|user'?s?)\b|(?:instructions|rules|restrictions|guidelines)\s+no\s+longer\s+apply|you\s+are\s+now\s+(?:in\s+)?(?:developer|dan|jailbreak|god|unrestricted|admin)\b))",
     MatchCheck::kNone, 0.95f, "tells the model to set its instructions aside"},
    {"secrecy_demand", "instruction",
     R"((?i)\b((?:do\s+not|don'?t|never|must\s+not)\s+(?:tell|inform|mention|reveal|notify|alert|show|disclose|let)\s+(?:this\s+to\s+|it\s+to\s+|anything\s+to\s+)?(?:the\s+)?(?:user|human|operator|person)|(?:without|before)\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?(?:user|human)|keep\s+(?:this|it)\s+(?:a\s+)?secret\s+from|(?:must|should)\s+(?:never|not)\s+be\s+(?:shown|revealed|disclosed|mentioned)\s+to\s+(?:the\s+)?(?:user|human)|keep\s+(?:this|that|it)(?:\s+\w+)?\s+to\s+yourself))",
     MatchCheck::kNone, 0.9f, "asks the model to hide something from the user"},
    {"precondition_directive", "instruction",
     R"((?i)\b((?:before|prior\s+to)\s+(?:using|calling|invoking|running|executing)\s+(?:this|the|any)\s+(?:tool|function)\b[^.]{0,40}\b(?:you\s+must|must|first|always|read|call|send|include)))",
     MatchCheck::kNone, 0.7f, "sets a condition the model must act on before using the tool"},
    {"other_tool_directive", "instruction",
     R"((?i)\b((?:when|whenever|if)\s+(?:the\s+)?(?:user|model|assistant|agent|you)\s+(?:calls?|uses?|invokes?|runs?)\s+(?:the\s+)?[\w.\-]+\s+tool\b[^.]{0,60}\b(?:must|always|instead|also|first)|instead\s+of\s+(?:using\s+|calling\s+)?(?:the\s+)?[\w.\-]+\s+tool\b))",
     MatchCheck::kNone, 0.8f, "instructs the model about another tool"},
    {"parameter_smuggling", "instruction",
     R"((?i)\b((?:pass|put|include|insert|add|append|send|provide|copy)\s+(?:the\s+)?(?:user'?s\s+)?(?:full\s+|entire\s+|complete\s+)?(?:contents?|text|value|data|output|conversation|chat\s+history|history|key|token|password|credentials?|secret)\b[^.]{0,60}\b(?:as|in|into|inside|to)\s+(?:the\s+)?['"`]?[\w\-]+['"`]?\s+(?:parameter|argument|field)))",
     MatchCheck::kNone, 0.75f, "asks the model to put data into a parameter"},
    {"role_marker", "instruction",
     R"((?i)(<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id)\|>|\[/?(?:INST|SYS)\]|<</?SYS>>|\[(?:system|admin|developer)(?:\s+(?:override|message|note|prompt|instructions?|mode))?\]|(?:^|[.!?]\s+)(?:system|assistant|developer)\s*:\s*you\b))",
     MatchCheck::kNone, 0.9f, "a chat-template token or role marker that poses as the system"},
    {"ai_addressed_note", "instruction",
     R"((?i)(\b(?:note|message|instructions?|reminder|memo)\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|llm|agent|claude|gpt|chatgpt|copilot)\b|<!--\s*(?:ai|assistant|model|llm|agent|system)\b|\bnew\s+rule\s+from\s+the\s+(?:developer|system|admin)))",
     MatchCheck::kNone, 0.85f, "text addressed to the model rather than the reader"},
    {"sensitive_file_reference", "instruction",
     R"((~/\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws/credentials|/etc/(?:passwd|shadow|sudoers)\b|\.git-credentials|\.netrc\b|\.npmrc\b|\.pypirc\b|\.kube/config|\.docker/config\.json|\bauthorized_keys\b|(?:^|[\s/'"`])\.env\b|mcp\.json\b|claude_desktop_config\.json))",
     MatchCheck::kNone, 0.6f, "names a file holding credentials or configuration"},
    {"invisible_tag_characters", "instruction", R"(([\x{E0000}-\x{E007F}]+))",
     MatchCheck::kNone, 1.0f, "Unicode tag characters, invisible to a reader"},
    {"zero_width_characters", "instruction",
     R"(([\x{200B}-\x{200D}\x{2060}-\x{2064}\x{180E}]{2,}|[\x{200B}-\x{200D}\x{2060}-\x{2064}][^\x{200B}-\x{200D}\x{2060}-\x{2064}]{0,3}[\x{200B}-\x{200D}\x{2060}-\x{2064}]))",
     MatchCheck::kNone, 0.8f, "zero-width characters that can hide text"},
    {"bidi_override", "instruction", R"(([\x{202A}-\x{202E}\x{2066}-\x{2069}]))",
     MatchCheck::kNone, 0.8f, "bidirectional override characters that reorder text"},
    {"private_use_characters", "instruction",
     R"(([\x{E000}-\x{F8FF}\x{F0000}-\x{FFFFD}\x{100000}-\x{10FFFD}]{2,}))",
     MatchCheck::kNone, 0.6f, "private-use characters with no standard meaning"},
    {"ansi_escape", "instruction", R"((\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,200}(?:\x07|\x1b\\)))",
     MatchCheck::kNone, 0.8f, "a terminal escape sequence"},
    {"encoded_payload", "instruction",
     R"((?:^|[^A-Za-z0-9+/=])([A-Za-z0-9+/]{40,}={0,2}|[0-9a-fA-F]{48,})(?:$|[^A-Za-z0-9+/=]))",
     MatchCheck::kEncodedText, 0.7f, "an encoded payload that decodes to text"},
    {"percent_encoded_payload", "instruction", R"(((?:%[0-9A-Fa-f]{2}){12,}))",
     MatchCheck::kNone, 0.6f, "a long percent-encoded run"},
};

constexpr PatternSpec kExfiltrationPatterns[] = {
    // ![x](https://evil.example/p?d=<data>): rendered by the client, the
    // image fetch sends the data without a click.
    {"markdown_image_with_data", "exfiltration",
     R"((!\[[^\]]{0,100}\]\(\s*https?://[^)\s]{1,200}\?[^)\s]*=[^)\s&]{16,}[^)\s]*\)))",
     MatchCheck::kNone, 0.85f, "a markdown image whose URL carries data"},
    {"link_with_data", "exfiltration",
     R"((https?://[^\s"'<>()]{1,200}\?[^\s"'<>()]*=[A-Za-z0-9%+/=_\-]{48,}))",
     MatchCheck::kNone, 0.6f, "a link whose query string carries a long value"},
};

}  // namespace

absl::Span<const PatternSpec> InstructionPatterns() { return kInstructionPatterns; }
absl::Span<const PatternSpec> ExfiltrationPatterns() { return kExfiltrationPatterns; }

}  // namespace mcpguard::internal
