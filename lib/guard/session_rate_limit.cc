// Rate limits: token buckets shared by the engine's sessions.
//
// A request the rules did not deny draws one token from the bucket of every
// rate limit whose target matches it and that applies to the session (its
// principal matcher and servers). The buckets live in the engine
// (EngineState::rate_buckets) under keys built here: the limit's id and
// numbers, then the parts its Key kind names. The numbers are in the key so
// that a reloaded policy that changes a limit starts it afresh, while an
// unchanged limit keeps its buckets across SetPolicy and Reload.
//
// All or nothing: when any bucket is empty, the request takes no token from
// any of them (a refused request costs nothing) and is denied by the limit
// that must wait longest, whose wait is the retry hint: the earliest time at
// which every bucket has a token again.
#include <openssl/evp.h>

#include <chrono>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

using RateLimitKey = mcpguard::v1::RateLimit;

// Longer key parts (a resource URI can be a megabyte) are keyed by their
// SHA-256, so that max_rate_buckets bounds the table's bytes too.
constexpr size_t kMaxRawPart = 256;

void AppendU32(std::string* key, uint32_t n) {
  const char bytes[4] = {static_cast<char>(n), static_cast<char>(n >> 8),
                         static_cast<char>(n >> 16), static_cast<char>(n >> 24)};
  key->append(bytes, sizeof bytes);
}

// A tag byte, then the length and the bytes (or, for a long part, the
// uppercase tag and its digest): no two different part lists make one key.
void AppendPart(std::string* key, char tag, absl::string_view part) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (part.size() > kMaxRawPart &&
      EVP_Digest(part.data(), part.size(), digest, &length, EVP_sha256(), nullptr) == 1) {
    key->push_back(absl::ascii_toupper(static_cast<unsigned char>(tag)));
    key->append(reinterpret_cast<const char*>(digest), length);
    return;
  }
  key->push_back(tag);
  AppendU32(key, static_cast<uint32_t>(part.size()));
  key->append(part.data(), part.size());
}

char NameTag(NameKind kind) {
  switch (kind) {
    case NameKind::kTool: return 't';
    case NameKind::kResource: return 'r';
    case NameKind::kPrompt: return 'p';
    case NameKind::kNone: break;
  }
  return 'm';
}

const char* KeyLabel(RateLimitKey::Key key) {
  switch (key) {
    case RateLimitKey::PRINCIPAL_AND_TOOL: return "per principal and tool";
    case RateLimitKey::PRINCIPAL_AND_SERVER: return "per principal and server";
    case RateLimitKey::PRINCIPAL: return "per principal";
    case RateLimitKey::SESSION: return "per session";
    default: break;
  }
  return "for everyone";
}

int64_t NowNanos(const EngineOptions& options) {
  if (options.clock) return options.clock();
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The part of `limit`'s bucket keys that is the same for every request of a
// session: the limit's id and numbers, then the session's parts its Key kind
// names. For every kind but PRINCIPAL_AND_TOOL it is the whole key.
void BuildKeyPrefix(const CompiledRateLimit& limit, const SessionOptions& session,
                    uint64_t session_serial, std::string* key) {
  key->clear();
  key->append(limit.id);
  key->push_back('\0');  // Ids never hold one: the evicted-bucket note cuts here.
  key->push_back(static_cast<char>(limit.key));
  AppendU32(key, limit.requests);
  AppendU32(key, limit.period_seconds);
  AppendU32(key, limit.burst);
  switch (limit.key) {
    case RateLimitKey::PRINCIPAL_AND_TOOL:
    case RateLimitKey::PRINCIPAL:
      AppendPart(key, 's', session.principal.subject);
      break;
    case RateLimitKey::PRINCIPAL_AND_SERVER:
      AppendPart(key, 's', session.principal.subject);
      AppendPart(key, 'v', session.server_id);
      break;
    case RateLimitKey::SESSION:
      AppendU32(key, static_cast<uint32_t>(session_serial));
      AppendU32(key, static_cast<uint32_t>(session_serial >> 32));
      break;
    default:  // GLOBAL (the compiler refuses unknown keys).
      break;
  }
}

std::string Rate(const CompiledRateLimit& limit) {
  return absl::StrCat(limit.requests, " per ", limit.period_seconds, " s, burst ", limit.burst,
                      ", ", KeyLabel(limit.key));
}

// One trace step per draw: what its bucket held and whether it gave a token.
void TraceDraws(const std::vector<CompiledRateLimit>& limits, const RateLimitScratch& s,
                bool taken, const CompiledRateLimit& denier, std::vector<TraceStep>* trace) {
  for (size_t d = 0; d < s.draws.size(); ++d) {
    const CompiledRateLimit& limit = limits[s.limit_of_draw[d]];
    const BucketDraw& draw = s.draws[d];
    if (draw.wait_ns > 0) {
      trace->push_back(TraceStep{limit.id, TraceStep::Outcome::kRateLimited,
                                 absl::StrCat("no token left (", Rate(limit), "); the next in ",
                                              draw.wait_ns, " ns")});
    } else if (taken) {
      trace->push_back(TraceStep{limit.id, TraceStep::Outcome::kMatched,
                                 absl::StrCat("took a token; ", draw.tokens_left, " of ",
                                              limit.burst, " left (", Rate(limit), ")")});
    } else {
      trace->push_back(TraceStep{
          limit.id, TraceStep::Outcome::kMatched,
          absl::StrCat(draw.tokens_left, " of ", limit.burst,
                       " tokens left, none taken: rate limit ", denier.id, " refused")});
    }
  }
}

}  // namespace

bool SessionState::ApplyRateLimits(const MessageFacts& facts, const Envelope& envelope,
                                   VerdictBuilder& out) {
  const auto& limits = policy_->program().rate_limits();
  if (limits.empty()) return true;
  RateLimitScratch& s = rate_limit_;
  if (s.policy_version != policy_version_) {
    s.applies.assign(limits.size(), RateLimitScratch::kUnknown);
    s.key_prefixes.resize(limits.size());
    s.policy_version = policy_version_;
  }
  std::vector<TraceStep>* trace = check_options_->explain ? out.trace() : nullptr;
  const uint8_t slot = static_cast<uint8_t>(1u << SlotOf(facts.direction, facts.kind));
  s.draws.clear();
  s.limit_of_draw.clear();
  for (uint32_t i = 0; i < limits.size(); ++i) {
    const CompiledRateLimit& limit = limits[i];
    if (!(limit.target.slots & slot) ||
        !limit.target.MatchesMessage(facts.method, facts.has_name, facts.name)) {
      continue;
    }
    uint8_t& applies = s.applies[i];
    if (applies == RateLimitScratch::kUnknown) {
      applies = limit.target.MatchesServer(options_.server_id) &&
                        (limit.principal == nullptr ||
                         limit.principal->Matches(options_.principal))
                    ? RateLimitScratch::kYes
                    : RateLimitScratch::kNo;
      if (applies == RateLimitScratch::kYes) {
        if (limit.key == RateLimitKey::SESSION && s.session_serial == 0) {
          s.session_serial = ++engine_->session_serial;
        }
        BuildKeyPrefix(limit, options_, s.session_serial, &s.key_prefixes[i]);
      }
    }
    if (applies != RateLimitScratch::kYes) {
      if (trace != nullptr) {
        trace->push_back(TraceStep{limit.id, TraceStep::Outcome::kNotApplicable,
                                   "its principal or servers do not match this session"});
      }
      continue;
    }
    const size_t n = s.draws.size();
    if (s.keys.size() <= n) s.keys.emplace_back();
    std::string& key = s.keys[n];
    key.assign(s.key_prefixes[i]);
    if (limit.key == RateLimitKey::PRINCIPAL_AND_TOOL) {
      // A message that names no tool, resource or prompt counts under its
      // method.
      AppendPart(&key, NameTag(facts.has_name ? facts.name_kind : NameKind::kNone),
                 facts.has_name ? facts.name : facts.method);
    }
    BucketDraw draw;
    draw.rate = BucketRate{limit.requests, limit.period_seconds, limit.burst};
    s.draws.push_back(draw);
    s.limit_of_draw.push_back(i);
  }
  if (s.draws.empty()) return true;
  // Only now: growing `keys` above may have moved the strings.
  for (size_t d = 0; d < s.draws.size(); ++d) s.draws[d].key = s.keys[d];

  const TokenBucketTable::TakeResult taken = engine_->rate_buckets.TakeAll(
      absl::MakeSpan(s.draws), NowNanos(engine_->options),
      policy_->program().max_rate_buckets(), &s.evicted_key);
  if (taken.evicted > 0) {
    out.add_note(absl::StrCat(
        "rate-limit buckets full (limits.max_rate_buckets ", policy_->program().max_rate_buckets(),
        "): dropped ", taken.evicted, " least recently used, the last of rate limit \"",
        absl::string_view(s.evicted_key).substr(0, s.evicted_key.find('\0')),
        "\" (it comes back as full as it left)"));
  }
  // The draw that waits longest decides (the first of them in policy order).
  size_t worst = 0;
  for (size_t d = 0; d < s.draws.size(); ++d) {
    if (s.draws[d].wait_ns > s.draws[worst].wait_ns) worst = d;
  }
  const CompiledRateLimit& denier = limits[s.limit_of_draw[worst]];
  if (trace != nullptr) TraceDraws(limits, s, taken.taken, denier, trace);
  if (taken.taken) return true;

  // Whole milliseconds, rounded up: retrying after the hint always finds a
  // token (unless someone else took it).
  const uint64_t wait_ns = s.draws[worst].wait_ns;
  const uint64_t retry_ms = wait_ns / 1000000 + (wait_ns % 1000000 != 0 ? 1 : 0);
  out.Decide(Decision::kDeny);
  out.set_rule_id(denier.id);
  out.set_reason(absl::StrCat("rate limit ", denier.id, ": no token left (", Rate(denier),
                              "); retry after ", retry_ms, " ms"));
  out.set_retry_after_ms(retry_ms);
  if (envelope.kind != MessageKind::kNotification) {
    ErrorData data;
    data.rule = denier.id;
    std::string_view reason = out.verdict().reason();
    data.reason = absl::string_view(reason.data(), reason.size());
    data.retry_after_ms = static_cast<int64_t>(retry_ms);
    out.set_error(kPolicyDenied,
                  BuildErrorResponse(IdToJson(*envelope.id), kPolicyDenied, data));
  }
  // In AUDIT mode the request is forwarded all the same, so it must still be
  // recorded in flight for its response.
  return out.verdict().decision() != Decision::kDeny;
}

}  // namespace mcpguard::internal
