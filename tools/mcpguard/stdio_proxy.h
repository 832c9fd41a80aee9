// The heart of `mcpguard proxy`: pumps newline-delimited JSON-RPC between a
// stdio MCP client and a server child process, through one guard Session.
//
// Two threads, one per direction, each checking and forwarding its lines in
// order, so nothing is reordered; each holds one message at a time and
// blocks while its destination is full, so a slow reader slows the writer
// down instead of growing a buffer. A request from the client also waits
// while max_pending of its requests are unanswered (a server asking the
// client something then waits too, so keep max_pending above what clients
// send); a cancellation settles the request it names. What the guard
// refuses never reaches the other side: a refused request is answered to
// its sender with the verdict's JSON-RPC error, a refused response is
// replaced by it (for a server's message, only when it answers a pending
// request: the request is then settled).
#ifndef MCPGUARD_TOOLS_STDIO_PROXY_H_
#define MCPGUARD_TOOLS_STDIO_PROXY_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <string_view>

#include "child_process.h"
#include "mcpguard/session.h"

namespace mcpguard::cli {

struct StdioProxyOptions {
  // A longer line is not forwarded: the sender gets a -32700 error. Read
  // before each line, so it may follow a reloaded policy's
  // limits.max_message_bytes (what the guard would refuse anyway: buffering
  // more only costs memory).
  std::function<size_t()> max_line_bytes = [] { return size_t{4} << 20; };
  // After the client's EOF (the server's stdin is closed), how long the
  // server has to exit before SIGTERM, and again before SIGKILL.
  std::chrono::milliseconds shutdown_grace{5000};
  // A client request the server has not answered in this long gets a
  // -32001 error (the SDK's code for a timeout) from the proxy, the server a
  // notifications/cancelled, and the server's late answer is dropped. 0:
  // wait as long as the server lives.
  std::chrono::milliseconds request_timeout{0};
  // How many client requests may wait for the server's answer at once; at
  // that many the proxy stops reading the client until one is answered.
  // Keep it at most the policy's limits.max_in_flight_requests, or the
  // session forgets the oldest request and drops its late answer. Read
  // before each client message, so it may follow a reloaded policy.
  std::function<size_t()> max_pending = [] { return size_t{1024}; };
  // Called on the pumping thread after each checked line (for --verbose).
  std::function<void(std::string_view line, const Verdict& verdict)> on_verdict;
};

// Runs until the server exits; returns its exit status (128 + signal when a
// signal killed it). Requests the client sent that the server never
// answered get a -32603 error before it returns. The thread reading the
// client may still be blocked in read() then; the caller ends the process.
int RunStdioProxy(Session& session, ChildProcess& server, int client_in, int client_out,
                  const StdioProxyOptions& options);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_STDIO_PROXY_H_
