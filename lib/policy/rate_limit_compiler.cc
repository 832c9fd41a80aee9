// Compiles Policy.rate_limits: every field checked, every problem reported
// at its own field path.
#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "policy/policy_compiler.h"

namespace mcpguard::internal {
namespace {

// 366 days: a yearly quota is the longest period anyone writes; a larger
// number is a typo (milliseconds for seconds), not a rate.
constexpr uint32_t kMaxPeriodSeconds = 366 * 24 * 3600;

}  // namespace

void PolicyCompiler::CompileRateLimits(PolicyProgram* program) {
  const auto& limits = loaded_.policy.rate_limits();
  absl::flat_hash_map<std::string, int> first_by_id;
  for (int i = 0; i < limits.size(); ++i) {
    const pb::RateLimit& proto = limits[i];
    const std::string field = absl::StrCat("rate_limits[", i, "]");
    const int errors_before = errors_;
    CompiledRateLimit out;
    out.id = proto.id();
    if (proto.id().empty()) {
      Error(field, "rate limit has no id");
    } else if (!ValidRuleId(proto.id())) {
      Error(field + ".id", absl::StrCat("rate limit id \"", absl::CEscape(proto.id()),
                                        "\" must be 1-128 of [A-Za-z0-9-_.:/]"));
    } else if (auto [it, inserted] = first_by_id.emplace(proto.id(), i); !inserted) {
      auto [line, column] = loaded_.locations.Find(absl::StrCat("rate_limits[", it->second, "]"));
      Error(field + ".id",
            absl::StrCat("duplicate rate limit id \"", proto.id(), "\" (first used by rate_limits[",
                         it->second, "]", line > 0 ? absl::StrCat(" at line ", line) : "", ")"));
    }

    if (!proto.has_target()) {
      Error(field, "rate limit has no target: name the methods, tools, resources or prompts it "
                   "counts");
    } else if (CompileTarget(proto.target(), field + ".target", &out.target)) {
      // Only requests reach ApplyRateLimits: a response or notification
      // cannot be refused a retry, so it never takes a token.
      constexpr uint8_t kRequestSlots = (1u << 0) | (1u << 3);
      if (!(out.target.slots & kRequestSlots)) {
        Warning(field + ".target.kinds",
                "rate limits count requests only: without REQUEST in `kinds` this limit never "
                "takes a token");
      }
    }

    if (proto.has_principal()) {
      auto principal = PrincipalMatcher::Compile(proto.principal());
      if (principal.ok()) {
        out.principal = *std::move(principal);
      } else {
        ErrorFromStatus(field + ".principal", principal.status());
      }
    }

    if (proto.requests() == 0) {
      Error(field + ".requests",
            "requests must be at least 1 (the sustained rate is `requests` per `period_seconds`)");
    }
    if (proto.period_seconds() == 0) {
      Error(field + ".period_seconds", "period_seconds must be at least 1");
    } else if (proto.period_seconds() > kMaxPeriodSeconds) {
      Error(field + ".period_seconds",
            absl::StrCat("period_seconds must be at most ", kMaxPeriodSeconds, " (366 days), got ",
                         proto.period_seconds()));
    }
    out.requests = proto.requests();
    out.period_seconds = proto.period_seconds();
    out.burst = proto.burst() != 0 ? proto.burst() : proto.requests();

    if (!pb::RateLimit::Key_IsValid(proto.key())) {
      // Proto3 enums are open: a number the schema does not name parses.
      Error(field + ".key", absl::StrCat("unknown key ", proto.key(),
                                         " (PRINCIPAL_AND_TOOL, PRINCIPAL_AND_SERVER, PRINCIPAL, "
                                         "SESSION or GLOBAL)"));
    }
    out.key = proto.key();

    if (errors_ == errors_before) program->rate_limits_.push_back(std::move(out));
  }
  // One request may draw from every limit at once, and the bucket table must
  // hold all of those buckets while it decides (it never evicts a bucket the
  // request is using).
  if (static_cast<uint64_t>(limits.size()) > program->max_rate_buckets_) {
    Error("limits.max_rate_buckets",
          absl::StrCat("must be at least the number of rate limits (", limits.size(),
                       "): one request can draw from every one of them"));
  }
}

}  // namespace mcpguard::internal
