#include "audit/audit_head.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "audit/hash_chain.h"
#include "base/atomic_write.h"
#include "base/sha256.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

std::string HeadLink(absl::string_view key, uint64_t sequence, absl::string_view hash) {
  return ChainLink(key, absl::StrCat("mcpguard audit head ", sequence, " ", hash));
}

}  // namespace

std::string AuditHeadPath(absl::string_view log_path) { return absl::StrCat(log_path, ".head"); }

absl::Status WriteAuditHead(absl::string_view log_path, uint64_t sequence, absl::string_view hash,
                            absl::string_view key) {
  const std::string text = absl::StrCat(
      "{\"mcpguard.chain.sequence\":", sequence, ",\"mcpguard.chain.hash\":\"", hash,
      "\",\"mcpguard.head.link\":\"", HeadLink(key, sequence, hash), "\"}\n");
  return ReplaceFileAtomically(AuditHeadPath(log_path), text, 0600);
}

absl::StatusOr<AuditHead> ReadAuditHead(absl::string_view log_path, absl::string_view key) {
  const std::string path = AuditHeadPath(log_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("no head file ", path));
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  auto bad = [&](absl::string_view why) {
    return absl::DataLossError(absl::StrCat(path, ": ", why));
  };
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
