// Fuzzes the reading of audit log lines (ParseChainedLine), which
// `mcpguard audit verify` and the JSON Lines sink run on files anyone with
// write access may have edited. The input is one line (without newline).
// Properties (a violation aborts, which libFuzzer reports as a crash):
// - a line that parses has views inside the input, 64-hex prev and hash,
//   and `covered` is a prefix of the line that ends with prev's quote;
// - writing the parsed event back with AppendChainedLine (same sequence and
//   prev) gives a line that parses to the same members, and whose hash is
//   the link of its own covered bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/string_view.h"
#include "audit/hash_chain.h"
#include "base/sha256.h"

namespace {

using mcpguard::internal::ChainedLine;

void Fail(const char* what) {
  std::fprintf(stderr, "chain_line_fuzz: %s\n", what);
  std::abort();
}

bool Within(absl::string_view view, absl::string_view whole) {
  return view.data() >= whole.data() && view.data() + view.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view line(reinterpret_cast<const char*>(data), size);
  ChainedLine link;
  std::string problem;
  if (!mcpguard::internal::ParseChainedLine(line, &link, &problem)) {
    if (problem.empty()) Fail("refused without a reason");
    return 0;
  }
  if (!Within(link.covered, line) || !Within(link.prev, line) || !Within(link.hash, line)) {
    Fail("a view lies outside the line");
  }
  if (link.covered.data() != line.data() || link.covered.empty() || link.covered.back() != '"') {
    Fail("covered is not a prefix ending with prev's quote");
  }
  if (!mcpguard::internal::IsSha256Hex(link.prev) || !mcpguard::internal::IsSha256Hex(link.hash)) {
    Fail("prev or hash is not 64 lowercase hex digits");
  }
  // The event without the chain members: everything before ",\"mcpguard.chain.sequence\"".
  const size_t members = line.rfind(",\"mcpguard.chain.sequence\":", link.covered.size());
  if (members == absl::string_view::npos || members == 0) return 0;
  const std::string event = std::string(line.substr(0, members)) + "}";
  std::string rewritten;
  const std::string hash = mcpguard::internal::AppendChainedLine(event, link.sequence, link.prev,
                                                                 "", &rewritten);
  rewritten.pop_back();  // The newline.
  ChainedLine again;
  if (!mcpguard::internal::ParseChainedLine(rewritten, &again, &problem)) {
    Fail("a rewritten line does not parse");
  }
  if (again.sequence != link.sequence || again.prev != link.prev || again.hash != hash) {
    Fail("a rewritten line reads back differently");
  }
  if (mcpguard::internal::ChainLink("", again.covered) != hash) {
    Fail("a rewritten line's hash is not the link of its covered bytes");
  }
  return 0;
}
