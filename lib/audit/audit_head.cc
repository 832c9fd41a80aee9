#include "audit/audit_head.h"

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "audit/hash_chain.h"
#include "base/atomic_write.h"
#include "base/read_file.h"
#include "base/sha256.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

// A head is one short line; anything much longer is not one.
constexpr size_t kMaxHeadBytes = 4096;

std::string HeadLink(absl::string_view key, uint64_t sequence, absl::string_view hash) {
  return ChainLink(key, absl::StrCat("mcpguard audit head ", sequence, " ", hash));
}

}  // namespace

std::string AuditHeadPath(absl::string_view log_path) { return absl::StrCat(log_path, ".head"); }

std::string RotatedLogPath(absl::string_view log_path, uint64_t first_sequence) {
  return absl::StrFormat("%s.%012d", log_path, first_sequence);
}

std::optional<uint64_t> RotatedLogSequence(absl::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == absl::string_view::npos || path.size() - dot - 1 != 12) return std::nullopt;
  uint64_t sequence = 0;
  for (char c : path.substr(dot + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    sequence = sequence * 10 + static_cast<uint64_t>(c - '0');
  }
  return sequence;
}

absl::Status WriteAuditHead(absl::string_view log_path, uint64_t sequence, absl::string_view hash,
                            absl::string_view key) {
  const std::string text = absl::StrCat(
      "{\"mcpguard.chain.sequence\":", sequence, ",\"mcpguard.chain.hash\":\"", hash,
      "\",\"mcpguard.head.link\":\"", HeadLink(key, sequence, hash), "\"}\n");
  return ReplaceFileAtomically(AuditHeadPath(log_path), text, 0600);
}

absl::StatusOr<AuditHead> ReadAuditHead(absl::string_view log_path, absl::string_view key) {
  const std::string path = AuditHeadPath(log_path);
  auto bad = [&](absl::string_view why) {
    return absl::DataLossError(absl::StrCat(path, ": ", why));
  };
  // A FIFO or a device in its place would block the reader or feed it
  // without end: only a regular file is read.
  absl::StatusOr<std::string> text = ReadRegularFile(path, kMaxHeadBytes);
  if (absl::IsNotFound(text.status())) {
    return absl::NotFoundError(absl::StrCat("no head file ", path));
  }
  if (absl::IsFailedPrecondition(text.status())) return bad("not a regular file");
  if (absl::IsResourceExhausted(text.status())) return bad("too large for a head file");
  if (!text.ok()) return absl::DataLossError(text.status().message());
  rapidjson::Document doc;
  doc.Parse(text->c_str());
  if (doc.HasParseError() || !doc.IsObject()) return bad("not a JSON object");
  auto sequence = doc.FindMember("mcpguard.chain.sequence");
  auto hash = doc.FindMember("mcpguard.chain.hash");
  auto link = doc.FindMember("mcpguard.head.link");
  if (sequence == doc.MemberEnd() || !sequence->value.IsUint64() || hash == doc.MemberEnd() ||
      !hash->value.IsString() || link == doc.MemberEnd() || !link->value.IsString()) {
    return bad("missing or malformed members");
  }
  AuditHead head;
  head.sequence = sequence->value.GetUint64();
  head.hash = hash->value.GetString();
  if (!IsSha256Hex(head.hash) ||
      HeadLink(key, head.sequence, head.hash) != link->value.GetString()) {
    return bad(key.empty() ? "its link does not verify (an edit)"
                           : "its link does not verify under this key (a different key, or an "
                             "edit)");
  }
  return head;
}

}  // namespace mcpguard::internal
