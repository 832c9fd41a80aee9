// Round trips of a tools/call between a client (this benchmark) and the echo
// server, straight through pipes (proxied=0) and through `mcpguard proxy`
// (proxied=1), in the same run. The proxy's added latency is the difference
// of the two; benchmarks/proxy/run.sh prints it. Counters: p50_us and p99_us
// of the round trips of a run (the time column is their mean).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "child_process.h"
#include "line_channel.h"

namespace {

using mcpguard::cli::ChildProcess;
using mcpguard::cli::LineReader;
using mcpguard::cli::LineWriter;

constexpr char kPolicy[] =
    "name: \"proxy-benchmark\"\n"
    "default_effect: DENY\n"
    "rules { id: \"protocol\" effect: ALLOW target { directions: TO_SERVER\n"
    "        methods: \"initialize\" methods: \"tools/list\" methods: \"notifications/*\" } }\n"
    "rules { id: \"echo\" effect: ALLOW target { tools: \"echo\" }\n"
    "        condition { field { pointer: \"/arguments/text\" string { prefix: \"hello\" } } } }\n";

std::string PolicyPath() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string file = std::string(dir != nullptr ? dir : "/tmp") + "/mcpguard-proxy-bench-" +
                       std::to_string(getpid()) + ".textproto";
    std::ofstream(file) << kPolicy;
    return file;
  }();
  return path;
}

std::string Request(int id, const char* method, const char* params) {
  return std::string(R"({"jsonrpc":"2.0","id":)") + std::to_string(id) + R"(,"method":")" +
         method + "\"" + (params[0] != '\0' ? std::string(",\"params\":") + params : "") + "}";
}

double Percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  size_t at = static_cast<size_t>(p * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<long>(at), samples.end());
  return samples[at];
}

void BM_ToolsCallRoundTrip(benchmark::State& state) {
  const bool proxied = state.range(0) != 0;
  std::vector<std::string> argv;
  if (proxied) argv = {MCPGUARD_CLI, "proxy", "--policy", PolicyPath(), "--"};
  argv.push_back(MCPGUARD_ECHO_SERVER);
  auto child = ChildProcess::Spawn(argv);
  if (!child.ok()) {
    state.SkipWithError("cannot start the server");
    return;
  }
  LineWriter to((*child)->stdin_fd());
  LineReader from((*child)->stdout_fd(), size_t{1} << 20);
  std::string line;
  // True when the answer is the result of the request with that id (the
  // proxy forwards the server's bytes unchanged when it allows them).
  auto round_trip = [&](const std::string& request, int id) {
    return to.Write(request) && from.Next(&line) == LineReader::Result::kLine &&
           line.rfind(R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"result":)", 0) == 0;
  };
  if (!round_trip(Request(1, "initialize",
                          R"({"protocolVersion":"2025-06-18","capabilities":{},)"
                          R"("clientInfo":{"name":"bench","version":"1"}})"),
                  1) ||
      !to.Write(R"({"jsonrpc":"2.0","method":"notifications/initialized"})") ||
      !round_trip(Request(2, "tools/list", ""), 2)) {
    state.SkipWithError("the handshake failed");
    return;
  }
  const std::string call =
      Request(3, "tools/call", R"({"name":"echo","arguments":{"text":"hello, world"}})");
  std::vector<double> micros;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    if (!round_trip(call, 3)) {
      state.SkipWithError(("unexpected answer: " + line).c_str());
      break;
    }
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  state.counters["p50_us"] = Percentile(micros, 0.50);
  state.counters["p99_us"] = Percentile(micros, 0.99);
  (*child)->CloseStdin();
  (*child)->Wait();
}
BENCHMARK(BM_ToolsCallRoundTrip)->ArgName("proxied")->Arg(0)->Arg(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
