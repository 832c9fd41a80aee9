// What one session keeps for its rate-limit checks (session_rate_limit.cc).
#ifndef MCPGUARD_GUARD_RATE_LIMIT_SCRATCH_H_
#define MCPGUARD_GUARD_RATE_LIMIT_SCRATCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "session/token_bucket_table.h"

namespace mcpguard::internal {

// Per session; guarded by the session's mutex. Every buffer keeps its
// capacity, so a request that draws from buckets already in the table
// allocates nothing.
struct RateLimitScratch {
  // Whether each rate limit of the snapshot `policy_version` applies to the
  // session's principal and server (both fixed per session), computed on
  // first use: kUnknown, kYes or kNo.
  enum : uint8_t { kUnknown, kYes, kNo };
  uint64_t policy_version = 0;
  std::vector<uint8_t> applies;
  // For each limit that applies: the start of its bucket keys, the same for
  // every request of this session (the limit's id and numbers, the
  // subject, server or session serial), built once per snapshot.
  std::vector<std::string> key_prefixes;
  // This session's part of a SESSION key; 0 until first needed.
  uint64_t session_serial = 0;
  // The current request's bucket keys (only the first draws.size() are in
  // use), its draws, and the rate limit behind each draw.
  std::vector<std::string> keys;
  std::vector<BucketDraw> draws;
  std::vector<uint32_t> limit_of_draw;
  std::string evicted_key;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_RATE_LIMIT_SCRATCH_H_
