#include "stdio_proxy.h"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "line_channel.h"
#include "proxy_messages.h"

namespace mcpguard::cli {
namespace {

// A line with a carriage return inside (one before its newline is dropped)
// is refused both ways, never checked as one message: MCP's stdio transport
// frames messages by newline, but a reader in universal-newlines mode
// (Python's, which the MCP Python SDK's stdio server uses) ends a line at a
// lone "\r" too, and would read two messages where the guard checked one
// (found by an adversarial review: a tools/call hidden in the _meta of an
// allowed notification was run). In JSON a raw "\r" is only ever
// whitespace between tokens, so no message needs one.
constexpr char kCarriageReturn[] =
    "mcpguard proxy: a carriage return inside a line; messages are one line each";

// The code the MCP TypeScript SDK uses for a request that timed out.
constexpr int kRequestTimeout = -32001;
constexpr size_t kMaxSettled = 4096;

// Everything the two pumps share.
class Proxy {
 public:
  Proxy(Session& session, ChildProcess& server, int client_in, int client_out,
        const StdioProxyOptions& options)
      : session_(session),
        server_(server),
        options_(options),
        client_in_(client_in),
        to_client_(client_out),
        to_server_(server.stdin_fd()) {}

  int Run();

 private:
  void PumpClientToServer();
  void PumpServerToClient();
  // After the client's EOF, or the server's (it can answer nothing more):
  // the server gets its grace, then signals. Once: a second call returns.
  void StopServerGently();
  // A server's answer the guard refused with nothing to put in its place
  // (an answer to no request the session knows): when the client still
  // waits for that id, it gets an error instead of waiting for ever.
  void AnswerRefusedResponse(std::string_view response);
  // max_pending, read afresh (a reload may change it).
  size_t Limit() const { return std::max<size_t>(options_.max_pending(), 1); }
  // Routes one checked line of `direction` by its verdict.
  void Deliver(std::string_view line, Direction direction);
  void AnswerPendingRequests(int status);
  // A response is going to the client: its request is no longer pending.
  // False when the proxy already settled it (timeout, cancellation, the
  // guard's error): drop it.
  bool Answered(std::string_view response);
  // The guard's error for a message from the server is going to the client:
  // true when it has no id (null), or answers a pending request, which it
  // then settles (the server's own answer is dropped); false for any other
  // id, which the client never sent or was answered already.
  bool ErrorAnswersClient(std::string_view error);
  // A request the proxy settled without the server's answer: no longer
  // pending, and a late answer is dropped. Call with pending_mutex_ held.
  void Settle(const std::string& id);
  // Answers requests the server kept longer than options_.request_timeout.
  void WatchTimeouts();
  // Blocks while max_pending requests are unanswered (until the server
  // exits); false, at once, when the client hangs up meanwhile.
  bool WaitForRoom();
  // Fewer than max_pending requests are unanswered. Only the client pump
  // adds to them, so room it sees stays until it delivers.
  bool HasRoom();
  // The client closed its end (what a blocked reader would see as EOF
  // after the lines still buffered).
  bool ClientHungUp() const;

  Session& session_;
  ChildProcess& server_;
  const StdioProxyOptions& options_;
  const int client_in_;
  LineWriter to_client_;
  LineWriter to_server_;

  using Clock = std::chrono::steady_clock;

  // Client requests forwarded and not yet answered: id (as JSON text) ->
  // when the proxy answers it itself (request_timeout; max: never).
  std::mutex pending_mutex_;
  std::condition_variable pending_changed_;
  std::map<std::string, Clock::time_point> pending_;  // Guarded by pending_mutex_.
  // Requests the proxy settled (Settle), whose late answers are dropped;
  // the most recent kMaxSettled, oldest first.
  std::deque<std::string> settled_;  // Guarded by pending_mutex_.
  bool stop_waiting_ = false;  // Guarded by pending_mutex_; the server exited.

  std::mutex exit_mutex_;
  std::condition_variable exit_changed_;
  bool server_exited_ = false;  // Guarded by exit_mutex_.
  bool server_output_done_ = false;  // Guarded by exit_mutex_.
  bool stopping_ = false;  // Guarded by exit_mutex_; StopServerGently ran.
};

void Proxy::Deliver(std::string_view line, Direction direction) {
  Verdict verdict = session_.Check(line, direction);
  // Nobody is here to approve: an ASK is refused, and the session is told,
  // so that the request leaves its in-flight table (its id free again) and
  // the refusal is audited.
  if (verdict.awaiting_answer()) {
    absl::StatusOr<Verdict> refused = session_.Settle(verdict, ApprovalAnswer{});
    if (refused.ok()) verdict = *std::move(refused);
  }
  if (options_.on_verdict) options_.on_verdict(line, verdict);
  LineWriter& receiver = direction == Direction::kToServer ? to_server_ : to_client_;
  LineWriter& sender = direction == Direction::kToServer ? to_client_ : to_server_;
  switch (verdict.decision()) {
    case Decision::kAllow:
    case Decision::kRewrite: {
      std::string_view out = verdict.decision() == Decision::kAllow ? line : verdict.replacement();
      if (verdict.kind() == MessageKind::kRequest && direction == Direction::kToServer) {
        if (std::optional<std::string> id = IdOf(out)) {
          Clock::time_point deadline = options_.request_timeout.count() > 0
                                           ? Clock::now() + options_.request_timeout
                                           : Clock::time_point::max();
          std::lock_guard<std::mutex> lock(pending_mutex_);
          pending_[*std::move(id)] = deadline;
          pending_changed_.notify_all();
        }
      }
      if (verdict.kind() == MessageKind::kResponse && direction == Direction::kToClient &&
          !Answered(out)) {
        return;
      }
      // The client cancelled a request: the server need not answer it (MCP's
      // cancellation), so it must not hold a slot of max_pending for good.
      if (verdict.kind() == MessageKind::kNotification && direction == Direction::kToServer) {
        if (std::optional<std::string> id = CancelledRequestOf(out)) {
          std::lock_guard<std::mutex> lock(pending_mutex_);
          if (pending_.count(*id) > 0) Settle(*id);
        }
      }
      // A failed write means the server (or client) is gone; a request
      // that never reached the server is answered when it exits.
      receiver.Write(out);
      return;
    }
    case Decision::kDeny:
    case Decision::kAsk: {
      // Refused (settled above, or an ASK the session could not settle):
      // its error says so.
      std::string_view error = verdict.error_response();
      if (error.empty()) {
        if (verdict.kind() == MessageKind::kResponse && direction == Direction::kToClient) {
          AnswerRefusedResponse(line);
        }
        return;  // A notification, or an answer to nobody: dropped.
      }
      if (verdict.kind() == MessageKind::kResponse) {
        // The receiver's request completes with the error.
        if (direction == Direction::kToClient && !ErrorAnswersClient(error)) return;
        receiver.Write(error);
      } else if (verdict.kind() == MessageKind::kRequest || direction == Direction::kToServer) {
        sender.Write(error);
      } else if (ErrorAnswersClient(error)) {
        // Unreadable bytes from the server: the client is the one waiting,
        // if the id the guard could read is one of its requests.
        to_client_.Write(error);
      }
      return;
    }
  }
}

bool Proxy::Answered(std::string_view response) {
  std::optional<std::string> id = IdOf(response);
  if (!id) return true;
  std::lock_guard<std::mutex> lock(pending_mutex_);
  if (pending_.erase(*id) > 0) {
    pending_changed_.notify_all();
    return true;
  }
  auto late = std::find(settled_.begin(), settled_.end(), *id);
  if (late == settled_.end()) return true;
  settled_.erase(late);
  return false;
}

bool Proxy::ErrorAnswersClient(std::string_view error) {
  std::optional<std::string> id = IdOf(error);
  if (!id || *id == "null") return true;
  std::lock_guard<std::mutex> lock(pending_mutex_);
  if (pending_.count(*id) == 0) return false;
  Settle(*id);
  return true;
}

void Proxy::AnswerRefusedResponse(std::string_view response) {
  std::optional<std::string> id = IdOf(response);
  if (!id) return;
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    if (pending_.count(*id) == 0) return;
    Settle(*id);
  }
  to_client_.Write(ErrorResponse(
      *id, -32603, "mcpguard proxy: the guard refused the server's answer to this request"));
}

void Proxy::Settle(const std::string& id) {
  pending_.erase(id);
  settled_.push_back(id);
  if (settled_.size() > kMaxSettled) settled_.pop_front();
  pending_changed_.notify_all();
}

void Proxy::WatchTimeouts() {
  const std::string message = absl::StrCat("mcpguard proxy: the server did not answer within ",
                                           options_.request_timeout.count(), " ms");
  std::unique_lock<std::mutex> lock(pending_mutex_);
  while (!stop_waiting_) {
    Clock::time_point next = Clock::time_point::max();
    for (const auto& [id, deadline] : pending_) next = std::min(next, deadline);
    if (next == Clock::time_point::max()) {
      pending_changed_.wait(lock);
      continue;
    }
    pending_changed_.wait_until(lock, next);
    std::vector<std::string> expired;
    const Clock::time_point now = Clock::now();
    for (const auto& [id, deadline] : pending_) {
      if (deadline <= now) expired.push_back(id);
    }
    if (expired.empty()) continue;
    for (const std::string& id : expired) Settle(id);  // Room for WaitForRoom.
    lock.unlock();
    for (const std::string& id : expired) {
      to_client_.Write(ErrorResponse(id, kRequestTimeout, message));
      // Tell the server, as MCP's cancellation says, through the guard
      // like any message to it.
      std::string cancel =
          R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":)";
      cancel.append(id).append(R"(,"reason":"timed out in mcpguard proxy"}})");
      Verdict verdict = session_.Check(cancel, Direction::kToServer);
      if (options_.on_verdict) options_.on_verdict(cancel, verdict);
      if (verdict.allowed()) to_server_.Write(cancel);
    }
    lock.lock();
  }
}

bool Proxy::WaitForRoom() {
  std::unique_lock<std::mutex> lock(pending_mutex_);
  // The limit is read on every pass: a reload may raise it (found by an
  // adversarial review: read once, a raised limit never freed the wait).
  while (!stop_waiting_ && pending_.size() >= Limit()) {
    // A client that hangs up while it waits for answers is gone: stop as
    // at its EOF, instead of waiting for answers nobody reads.
    if (pending_changed_.wait_for(lock, std::chrono::milliseconds(100)) ==
            std::cv_status::timeout &&
        ClientHungUp()) {
      return false;
    }
  }
  return true;
}

bool Proxy::HasRoom() {
  const size_t limit = Limit();
  std::lock_guard<std::mutex> lock(pending_mutex_);
  return stop_waiting_ || pending_.size() < limit;
}

bool Proxy::ClientHungUp() const {
  pollfd fd{client_in_, POLLRDHUP, 0};
  return poll(&fd, 1, 0) > 0 && (fd.revents & (POLLHUP | POLLRDHUP | POLLERR | POLLNVAL)) != 0;
}

void Proxy::PumpClientToServer() {
  LineReader reader(client_in_, options_.max_line_bytes());
  std::string line;
  for (;;) {
    const size_t max_line_bytes = options_.max_line_bytes();
    reader.set_max_line_bytes(max_line_bytes);
    LineReader::Result result = reader.Next(&line);
    if (result == LineReader::Result::kEnd || result == LineReader::Result::kError) break;
    if (result == LineReader::Result::kTooLong) {
      to_client_.Write(ErrorResponse(
          "null", -32700,
          absl::StrCat("mcpguard proxy: message over ", max_line_bytes, " bytes")));
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // Blank line.
    if (line.find('\r') != std::string::npos) {
      to_client_.Write(ErrorResponse(IdOf(line).value_or("null"), -32700, kCarriageReturn));
      continue;
    }
    // Only a request waits for room: a notification (a cancellation above
    // all) or an answer to the server's request must get through.
    if (!HasRoom() && IsRequest(line) && !WaitForRoom()) break;
    Deliver(line, Direction::kToServer);
  }
  to_server_.Close([this] { server_.CloseStdin(); });
  StopServerGently();
}

void Proxy::StopServerGently() {
  std::unique_lock<std::mutex> lock(exit_mutex_);
  if (stopping_) return;
  stopping_ = true;
  for (int signal : {SIGTERM, SIGKILL}) {
    if (exit_changed_.wait_for(lock, options_.shutdown_grace, [&] { return server_exited_; })) {
      return;
    }
    server_.Signal(signal);
  }
}

void Proxy::PumpServerToClient() {
  LineReader reader(server_.stdout_fd(), options_.max_line_bytes());
  std::string line;
  for (;;) {
    reader.set_max_line_bytes(options_.max_line_bytes());
    LineReader::Result result = reader.Next(&line);
    if (result == LineReader::Result::kEnd || result == LineReader::Result::kError) break;
    if (result == LineReader::Result::kTooLong) {
      // Its id is unknown, so its request is answered when the server exits.
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.find('\r') != std::string::npos) {
      AnswerRefusedResponse(line);  // Never forwarded; its request, if any, is answered.
      continue;
    }
    Deliver(line, Direction::kToClient);
  }
  {
    std::lock_guard<std::mutex> lock(exit_mutex_);
    server_output_done_ = true;
    exit_changed_.notify_all();
  }
  // A server that closed its stdout can answer nothing more, even if it
  // runs on: the session ends as at the client's EOF, and the requests
  // pending and to come are answered with errors when it has exited (found
  // by an adversarial review: they waited for as long as it ran). The
  // stopper runs on its own thread, since closing the server's stdin waits
  // for a write to it that may block until the server is stopped.
  std::thread([this] { StopServerGently(); }).detach();
  to_server_.Close([this] { server_.CloseStdin(); });
}

void Proxy::AnswerPendingRequests(int status) {
  std::map<std::string, Clock::time_point> pending;
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    pending.swap(pending_);
    // Settled: an answer that still comes (from a process the server left
    // behind with its stdout) is dropped, not sent after the error.
    for (const auto& [id, deadline] : pending) Settle(id);
    stop_waiting_ = true;
    pending_changed_.notify_all();
  }
  std::string message =
      absl::StrCat("mcpguard proxy: the server exited (status ", status, ") without answering");
  for (const auto& [id, deadline] : pending) {
    to_client_.Write(ErrorResponse(id, -32603, message));
  }
}

int Proxy::Run() {
  std::thread client_pump([this] { PumpClientToServer(); });
  std::thread server_pump([this] { PumpServerToClient(); });
  std::thread watchdog;
  if (options_.request_timeout.count() > 0) watchdog = std::thread([this] { WatchTimeouts(); });
  int status = server_.Wait();
  {
    std::unique_lock<std::mutex> lock(exit_mutex_);
    server_exited_ = true;
    exit_changed_.notify_all();
    // What the server wrote before it exited still goes out first, unless
    // a process it left behind keeps its stdout open.
    exit_changed_.wait_for(lock, options_.shutdown_grace, [&] { return server_output_done_; });
  }
  if (server_pump.joinable()) {
    bool done;
    {
      std::lock_guard<std::mutex> lock(exit_mutex_);
      done = server_output_done_;
    }
    if (done) {
      server_pump.join();
    } else {
      server_pump.detach();
    }
  }
  AnswerPendingRequests(status);  // Also stops the watchdog.
  if (watchdog.joinable()) watchdog.join();
  // The client pump may be blocked reading a client that keeps its end
  // open; the caller ends the process.
  client_pump.detach();
  return status;
}

}  // namespace

int RunStdioProxy(Session& session, ChildProcess& server, int client_in, int client_out,
                  const StdioProxyOptions& options) {
  // Detached pumps may outlive this call; the Proxy lives until the process
  // ends.
  auto* proxy = new Proxy(session, server, client_in, client_out, options);
  return proxy->Run();
}

}  // namespace mcpguard::cli
