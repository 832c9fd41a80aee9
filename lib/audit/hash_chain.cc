#include "audit/hash_chain.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/sha256.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kSequenceKey = ",\"mcpguard.chain.sequence\":";
constexpr absl::string_view kPrevKey = ",\"mcpguard.chain.prev\":\"";
constexpr absl::string_view kHashKey = "\",\"mcpguard.chain.hash\":\"";
constexpr absl::string_view kEnd = "\"}";

}  // namespace

std::string ChainLink(absl::string_view key, absl::string_view covered) {
  return key.empty() ? Sha256Hex(covered) : HmacSha256Hex(key, covered);
}

std::string AppendChainedLine(absl::string_view event, uint64_t sequence, absl::string_view prev,
                              absl::string_view key, std::string* out) {
  const size_t start = out->size();
  // The event without its closing brace; an empty object gets no comma.
  absl::string_view body = event.substr(0, event.size() - 1);
  if (body == "{") {
    absl::StrAppend(out, body, kSequenceKey.substr(1));
  } else {
    absl::StrAppend(out, body, kSequenceKey);
  }
  absl::StrAppend(out, sequence, kPrevKey, prev, "\"");
  std::string hash = ChainLink(key, absl::string_view(*out).substr(start));
  out->resize(out->size() - 1);  // The quote goes back in kHashKey.
  absl::StrAppend(out, kHashKey, hash, kEnd, "\n");
  return hash;
}

bool ParseChainedLine(absl::string_view line, ChainedLine* out, std::string* problem) {
  // ..."mcpguard.chain.hash":"<64>"}
  constexpr size_t kHashLength = 64;
  if (line.size() < kHashKey.size() + kHashLength + kEnd.size() ||
      line.substr(line.size() - kEnd.size()) != kEnd) {
    *problem = "does not end with the chain members (a torn or edited line)";
    return false;
  }
  const size_t hash_start = line.size() - kEnd.size() - kHashLength;
  if (line.substr(hash_start - kHashKey.size(), kHashKey.size()) != kHashKey) {
    *problem = "its last member is not \"mcpguard.chain.hash\"";
    return false;
  }
  out->hash = line.substr(hash_start, kHashLength);
  out->covered = line.substr(0, hash_start - kHashKey.size() + 1);  // Through prev's quote.
  const absl::string_view head = out->covered.substr(0, out->covered.size() - 1);
  const size_t prev_at = head.rfind(kPrevKey);
  if (prev_at == absl::string_view::npos ||
      head.size() - prev_at - kPrevKey.size() != kHashLength) {
    *problem = "\"mcpguard.chain.prev\" is missing or malformed";
    return false;
  }
  out->prev = head.substr(prev_at + kPrevKey.size());
  const absl::string_view before_prev = head.substr(0, prev_at);
  size_t sequence_at = before_prev.rfind(kSequenceKey);
  size_t key_size = kSequenceKey.size();
  if (sequence_at == absl::string_view::npos) {
    // An event with no other member: {"mcpguard.chain.sequence":N,...
    sequence_at = before_prev.rfind(kSequenceKey.substr(1));
    key_size = kSequenceKey.size() - 1;
    if (sequence_at != 1) sequence_at = absl::string_view::npos;
  }
  if (sequence_at == absl::string_view::npos ||
      !absl::SimpleAtoi(before_prev.substr(sequence_at + key_size), &out->sequence)) {
    *problem = "\"mcpguard.chain.sequence\" is missing or malformed";
    return false;
  }
  if (!IsSha256Hex(out->prev) || !IsSha256Hex(out->hash)) {
    *problem = "a chain hash is not 64 lowercase hex digits";
    return false;
  }
  return true;
}

}  // namespace mcpguard::internal
