// Detector quality measured on labelled corpora (tests/data/detect/*.jsonl):
// each line is {"label": "<category>" or "benign", "text": "..."}. A text
// counts as detected when any pattern of the family finds something in it.
// The benign texts are deliberately close to the attacks (security tools,
// shells, BCC fields, base64 utilities, hashes, placeholders, order
// numbers), so the false-positive rate means something.
//
// The thresholds sit a little below what the patterns measure today, so a
// regression fails; the run prints the measurements and every miss and
// false positive (docs/detectors.md, "Measured quality").
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"
#include "gtest/gtest.h"
#include "pattern_table_testing.h"

namespace mcpguard::internal {
namespace {

// The code point of the UTF-8 sequence at text[i] and its length in bytes;
// a byte that starts no valid sequence is returned as itself, length 1.
size_t DecodeUtf8(absl::string_view text, size_t i, char32_t* code) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  const size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length <= 1 || i + length > text.size()) {
    *code = lead;
    return 1;
  }
  char32_t value = lead & (0x7Fu >> length);
  for (size_t k = 1; k < length; ++k) {
    const unsigned char next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0u) != 0x80u) {
      *code = lead;
      return 1;
    }
    value = (value << 6) | (next & 0x3Fu);
  }
  *code = value;
  return length;
}

bool Invisible(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2069) || c == 0x180E || c == 0xFEFF ||
         (c >= 0xE0000 && c <= 0xE007F);
}

// A corpus text on one printable line: control and invisible characters
// (ANSI escapes, zero-width, bidi and tag characters) are shown as \u{...},
// so printing a line neither drives the terminal nor hides anything.
std::string Printable(absl::string_view text, size_t max_bytes = 160) {
  std::string out;
  size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    char32_t code;
    const size_t length = DecodeUtf8(text, i, &code);
    if (code == '\n') {
      out += "\\n";
    } else if (Invisible(code)) {
      absl::StrAppendFormat(&out, "\\u{%X}", static_cast<uint32_t>(code));
    } else {
      out.append(text.data() + i, length);
    }
    i += length;
  }
  if (i < text.size()) out += "...";
  return out;
}

struct Quality {
  int malicious = 0, benign = 0;
  int true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  std::string misses;               // One line per missed malicious text.
  std::string false_positive_list;  // One line per flagged benign text, with the pattern ids.

  double Precision() const {
    const int flagged = true_positives + false_positives;
    return flagged == 0 ? 0.0 : static_cast<double>(true_positives) / flagged;
  }
  double Recall() const {
    return malicious == 0 ? 0.0 : static_cast<double>(true_positives) / malicious;
  }
  double FalsePositiveRate() const {
    return benign == 0 ? 1.0 : static_cast<double>(false_positives) / benign;
  }
};

// Scans every text of the corpus with the patterns of one family.
Quality Measure(const std::string& file, absl::string_view category,
                absl::Span<const PatternSpec> family) {
  Quality q;
  std::vector<const PatternSpec*> patterns;
  for (const PatternSpec& p : family) {
    EXPECT_EQ(p.category, category) << p.id;
    patterns.push_back(&p);
  }
  auto scanner = TextScanner::Create(patterns);
  if (!scanner.ok()) {
    ADD_FAILURE() << scanner.status();
    return q;
  }
  const std::string path = absl::StrCat(MCPGUARD_SOURCE_DIR, "/tests/data/detect/", file);
  for (const LabelledText& entry : ReadCorpus(path)) {
    const bool malicious = entry.label == category;
    if (!malicious && entry.label != "benign") {
      ADD_FAILURE() << file << ":" << entry.line << ": label \"" << entry.label
                    << "\" is neither \"" << category << "\" nor \"benign\"";
      continue;
    }
    std::vector<Detection> found;
    (*scanner)->Scan(entry.text, &found);
    const bool detected = !found.empty();
    if (malicious) {
      ++q.malicious;
      if (detected) {
        ++q.true_positives;
      } else {
        ++q.false_negatives;
        absl::StrAppend(&q.misses, "  missed   ", file, ":", entry.line, ": ",
                        Printable(entry.text), "\n");
      }
    } else {
      ++q.benign;
      if (detected) {
        ++q.false_positives;
        std::string ids;
        for (const Detection& d : found) {
          if (!ids.empty()) ids += ",";
          ids += std::string(d.pattern->id);
        }
        absl::StrAppend(&q.false_positive_list, "  flagged  ", file, ":", entry.line, " [", ids,
                        "]: ", Printable(entry.text), "\n");
      } else {
        ++q.true_negatives;
      }
    }
  }
  std::printf("%s: %d %s, %d benign; precision %.3f, recall %.3f (%d missed), "
              "false-positive rate %.3f (%d flagged)\n%s%s",
              file.c_str(), q.malicious, std::string(category).c_str(), q.benign, q.Precision(),
              q.Recall(), q.false_negatives, q.FalsePositiveRate(), q.false_positives,
              q.misses.c_str(), q.false_positive_list.c_str());
  std::fflush(stdout);
  testing::Test::RecordProperty("malicious", q.malicious);
  testing::Test::RecordProperty("benign", q.benign);
  testing::Test::RecordProperty("precision", absl::StrFormat("%.3f", q.Precision()));
  testing::Test::RecordProperty("recall", absl::StrFormat("%.3f", q.Recall()));
  testing::Test::RecordProperty("false_positive_rate",
                                absl::StrFormat("%.3f", q.FalsePositiveRate()));
  return q;
}

struct Thresholds {
  int min_malicious, min_benign;
  double min_precision, min_recall, max_false_positive_rate;
};

void ExpectQuality(const Quality& q, const Thresholds& t) {
  // Sizes first: an empty or truncated corpus must not pass.
  EXPECT_GE(q.malicious, t.min_malicious);
  EXPECT_GE(q.benign, t.min_benign);
  EXPECT_GE(q.Recall(), t.min_recall) << "missed malicious texts:\n" << q.misses;
  EXPECT_GE(q.Precision(), t.min_precision) << "flagged benign texts:\n"
                                            << q.false_positive_list;
  EXPECT_LE(q.FalsePositiveRate(), t.max_false_positive_rate) << "flagged benign texts:\n"
                                                              << q.false_positive_list;
}

// Thresholds: measured, then a line or two of slack. A change that moves a
// measurement past its threshold must update docs/detectors.md as well.

// Measured: 77 of 80 attacks found (recall 0.963), 8 of 108 benign flagged
// (0.074), precision 0.906. The first measure, before the patterns were
// widened for the families this corpus showed missing (role markers, notes
// addressed to the model, paraphrased overrides and secrecy), found 63
// (0.787): a corpus the patterns were tuned on flatters them.
TEST(DetectorCorpus, ToolDescriptionsWithInstructionPatterns) {
  const Quality q = Measure("tool_descriptions.jsonl", "instruction", InstructionPatterns());
  ExpectQuality(q, {/*min_malicious=*/60, /*min_benign=*/80, /*min_precision=*/0.88,
                    /*min_recall=*/0.94, /*max_false_positive_rate=*/0.08});
}

// Measured: 70 of 71 credentials found (0.986), 0 of 62 benign flagged
// (placeholders such as "ghp_xxxx..." and "AKIA...EXAMPLE..." refused since
// the first measure, which flagged 2), precision 1. The one miss is a
// password in prose with no ":" or "=" after its keyword.
TEST(DetectorCorpus, SecretsWithSecretPatterns) {
  const Quality q = Measure("secrets.jsonl", "secret", SecretPatterns());
  ExpectQuality(q, {/*min_malicious=*/60, /*min_benign=*/55, /*min_precision=*/0.98,
                    /*min_recall=*/0.95, /*max_false_positive_rate=*/0.02});
}

// Measured: 44 of 47 found (0.936; an IPv4 address ending a sentence is
// found since the first measure, which gave 41 of 45), 1 of 47 benign
// flagged (0.021: an OID; a bind address and a version number were flagged
// until ipv4_address left out 0.x.x.x and x.x.x.0), precision 0.978.
TEST(DetectorCorpus, PersonalDataWithPiiPatterns) {
  const Quality q = Measure("pii.jsonl", "pii", PiiPatterns());
  ExpectQuality(q, {/*min_malicious=*/45, /*min_benign=*/45, /*min_precision=*/0.95,
                    /*min_recall=*/0.91, /*max_false_positive_rate=*/0.03});
}

// Measured: 118 of 121 attacks found (0.975), 2 of 122 benign flagged
// (0.016: a README that quotes "curl ... | sh" and a Dockerfile's "&& rm
// -rf"), precision 0.983. The corpus was written apart from the patterns;
// measured blind first: recall 0.917, 3 benign flagged (docs/detectors.md).
TEST(DetectorCorpus, ArgumentAttacksWithAttackPatterns) {
  const Quality q = Measure("argument_attacks.jsonl", "attack", AttackPatterns());
  ExpectQuality(q, {/*min_malicious=*/110, /*min_benign=*/110, /*min_precision=*/0.97,
                    /*min_recall=*/0.95, /*max_false_positive_rate=*/0.03});
}

}  // namespace
}  // namespace mcpguard::internal
