#include "detect/gate_index_tables.h"

#include <algorithm>
#include <string>

#include "detect/gated_scan.h"

namespace mcpguard::internal {
namespace {

// How often a byte turns up in the text the detectors read (tool output,
// prose, code), roughly: the anchor of a literal is its rarest byte, so that
// the bytes the search stops at are few. Only speed depends on it.
int Commonness(unsigned char c) {
  static constexpr absl::string_view kLetters = "etaoinshrdlcumwfgypbvkjxqz";  // English.
  if (c >= 'a' && c <= 'z') return 100 - 3 * static_cast<int>(kLetters.find(static_cast<char>(c)));
  if (c >= 'A' && c <= 'Z') return 20;
  if (c >= '0' && c <= '9') return 60;
  if (c >= 0xC0) return 12;               // Lead bytes, and the commonest continuations:
  if (c == 0x80 || c == 0x81) return 11;  // the last bytes are the telling ones.
  if (c >= 0x80) return 10;
  switch (c) {
    case ' ':
    case '\n':
    case '.':
    case ',':
      return 100;
    case '-':
    case '/':
    case '"':
      return 60;
    case ':':
    case '\'':
    case '(':
    case ')':
      return 45;
    case '_':
    case '=':
    case ';':
    case '{':
    case '}':
      return 30;
    default:
      return 15;
  }
}

// Where in `literal` a word starts, or npos.
size_t WordStartIn(const GateLiteral& literal) {
  const absl::string_view t = literal.text;
  for (size_t k = 0; k + 3 <= t.size(); ++k) {
    if (!IsWordByte(static_cast<unsigned char>(t[k]))) continue;
    if (k == 0 ? literal.word_start : !IsWordByte(static_cast<unsigned char>(t[k - 1]))) return k;
  }
  return absl::string_view::npos;
}

}  // namespace

GateIndex::GateIndex(const std::vector<const Gate*>& gates, SimdLevel level)
    : gates_(gates), tables_(std::make_unique<Tables>(level)) {
  Tables& t = *tables_;
  for (uint32_t p = 0; p < gates_.size(); ++p) {
    const Gate& gate = *gates_[p];
    for (const GateLiteral& literal : gate.literals) {
      auto same = std::find_if(t.literals.begin(), t.literals.end(), [&](const LiteralRef& r) {
        return r.literal.text == literal.text && r.literal.ignore_case == literal.ignore_case &&
               r.literal.word_start == literal.word_start;
      });
      if (same != t.literals.end()) {
        same->patterns.push_back(p);
        continue;
      }
      LiteralRef ref;
      ref.literal = literal;
      int best = 1 << 30;
      for (uint32_t i = 0; i < literal.text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(literal.text[i]);
        const bool letter = literal.ignore_case && c >= 'a' && c <= 'z';
        const int cost = letter ? Commonness(c) + Commonness(c - ('a' - 'A')) : Commonness(c);
        if (cost < best) {
          best = cost;
          ref.anchor = i;
        }
      }
      ref.patterns.push_back(p);
      t.literals.push_back(std::move(ref));
    }
    switch (gate.run_trigger) {
      case RunTrigger::kNone:
        break;
      case RunTrigger::kTokenRun:
        t.token_run_patterns.push_back(p);
        break;
      case RunTrigger::kDigitCluster:
        t.cluster_patterns.push_back(p);
        t.min_cluster_digits = std::min<int>(t.min_cluster_digits, gate.min_digits);
        break;
      case RunTrigger::kDottedDigits:
        t.dotted_patterns.push_back(p);
        break;
      case RunTrigger::kCapitalsDigits:
        t.capital_patterns.push_back(p);
        break;
    }
  }
  // Literals that send the whole text to ScanWhole (patterns empty): the
  // two characters outside ASCII that Unicode case folding maps to ASCII
  // letters, U+017F (s) and U+212A (K). A (?i) regex matches them where a
  // keyword compared by ASCII case, or an accept function reading ASCII,
  // would not. Always: the gates do not say which regexes fold case.
  for (absl::string_view folded :
       {absl::string_view("\xC5\xBF"), absl::string_view("\xE2\x84\xAA")}) {
    LiteralRef ref;
    ref.literal = GateLiteral{folded};
    ref.anchor = static_cast<uint32_t>(folded.size() - 2);  // 0xC5, 0x84: the rarer bytes.
    t.literals.push_back(std::move(ref));
  }
  for (uint32_t i = 0; i < t.literals.size(); ++i) {
    const LiteralRef& ref = t.literals[i];
    const size_t k = WordStartIn(ref.literal);
    t.word_start_in.push_back(static_cast<uint32_t>(k));
    if (k != absl::string_view::npos) {
      const uint16_t key =
          PrefixKey(reinterpret_cast<const unsigned char*>(ref.literal.text.data() + k));
      t.prefix_bits[key >> 6] |= uint64_t{1} << (key & 63);
      t.prefix_literals.emplace_back(key, i);
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(ref.literal.text[ref.anchor]);
    const bool letter = ref.literal.ignore_case && c >= 'a' && c <= 'z';
    for (unsigned char b : {c, letter ? static_cast<unsigned char>(c - ('a' - 'A')) : c}) {
      t.classifier.AddAnchor(b);
      if (t.anchor_literals[b].empty() || t.anchor_literals[b].back() != i) {
        t.anchor_literals[b].push_back(i);
      }
    }
  }
  std::sort(t.prefix_literals.begin(), t.prefix_literals.end());
  std::vector<PrefixFilter::Prefix> prefixes;
  for (const auto& [key, i] : t.prefix_literals) {
    const unsigned char* at =
        reinterpret_cast<const unsigned char*>(t.literals[i].literal.text.data()) +
        t.word_start_in[i];
    prefixes.push_back({{at[0], at[1], at[2]}, t.literals[i].literal.ignore_case});
  }
  t.prefix_filter = PrefixFilter(prefixes, t.classifier.level());
  t.classifier.Finish();
}

GateIndex::~GateIndex() = default;

}  // namespace mcpguard::internal
