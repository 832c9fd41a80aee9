// Messages and policies shared by the benchmarks, so that the parse floor and
// the checks read exactly the same bytes.
//
// The request is a ~1 KB MCP tools/call for `filesystem.read_file`; the
// 50-rule policy allows it (after its DENY rules fail to match) and the
// 10,000-rule policy adds 9,950 rules on other tools, which the rule index
// must never look at for this message.
#ifndef MCPGUARD_BENCHMARKS_BENCH_MESSAGES_H_
#define MCPGUARD_BENCHMARKS_BENCH_MESSAGES_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "interleaved_timer.h"
#include "mcpguard/guard.h"

namespace mcpguard::bench {

// The allowed ~1 KB tools/call request, id "req-8f14e45f" (travels to the server).
const std::string& ToolsCallRequest();
// The server's small result answering it (travels to the client).
const std::string& ToolsCallResponse();
// The same request reading ~/.ssh/id_rsa: denied by rule "deny-read-ssh".
const std::string& DeniedToolsCallRequest();

// Textproto for the 50 base rules plus `extra_tools` tools with 2 rules each;
// `validated` false turns MCP and tool-schema validation off.
std::string PolicyText(int extra_tools, bool validated = true);

// The base policy (exactly 50 rules) and the big one (exactly 10,000 rules).
// Compiled once and cached; exits the process with the diagnostics if a
// policy fails to compile (setup only, never timed).
std::shared_ptr<const CompiledPolicy> Policy50();

// The timed loop of the pair benchmarks: `session` checks `request` (to the
// server) then `response` (to the client) per iteration; both must be
// allowed. Items are messages, two per iteration.
void TimeCheckPairs(benchmark::State& state, Session& session, const std::string& request,
                    const std::string& response);
// A target's ratios measured within every iteration (interleaved_timer.h):
// after 100 warm-up pairs, each iteration times the parse floor of the
// tools/call pair (workload 0, "floor"), then the pair checked by `first`
// (1) and by `second` (2), named `names[1]` and `names[2]`; `warmed_up`,
// if any, runs between the warm-up and the timing. Sets the "<name>_ns"
// counters and skips the benchmark if anything fails; returns the timer
// for the ratios.
InterleavedTimer TimePairsInterleaved(benchmark::State& state, Session& first, Session& second,
                                      std::vector<std::string> names,
                                      const std::function<void()>& warmed_up = nullptr);
std::shared_ptr<const CompiledPolicy> Policy10000();
// Policy50 with validation off: what the rules alone cost.
std::shared_ptr<const CompiledPolicy> Policy50Unvalidated();

// Policy50Unvalidated with the secrets and personal-data detectors on
// (results and arguments, redacting): what scanning every string and
// member name of the pair adds.
std::shared_ptr<const CompiledPolicy> Policy50WithDetectors();

// What a session sees before the benchmark request: initialize (2025-11-25),
// notifications/initialized, and tools/list listing filesystem.read_file with
// an inputSchema the request satisfies.
const std::vector<std::pair<std::string, Direction>>& SessionSetup();

// A fresh session of alice (role "dev") on server "filesystem", under
// `policy`, after SessionSetup (exits if any of it is denied).
std::unique_ptr<Session> NewBenchSession(std::shared_ptr<const CompiledPolicy> policy,
                                         EngineOptions options = {});

// Checks that each fixture decides as the benchmarks assume (request and
// response allowed, nothing left in flight, the denied request denied by
// "deny-read-ssh"). Returns false after printing what differs.
bool VerifyFixtures();

}  // namespace mcpguard::bench

#endif  // MCPGUARD_BENCHMARKS_BENCH_MESSAGES_H_
