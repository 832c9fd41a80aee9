#include "stdio_proxy.h"

#include <signal.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "line_channel.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::cli {
namespace {

// The "id" member of a JSON-RPC message, as compact JSON text; nullopt when
// the message is not an object with an id.
std::optional<std::string> IdOf(std::string_view message) {
  rapidjson::Document document;
  document.Parse(message.data(), message.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  auto id = document.FindMember("id");
  if (id == document.MemberEnd()) return std::nullopt;
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  id->value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ErrorResponse(std::string_view id_json, int code, std::string_view message) {
  // `message` is ours: plain ASCII without quotes or backslashes.
  std::string response = R"({"jsonrpc":"2.0","id":)";
  response.append(id_json).append(R"(,"error":{"code":)");
  absl::StrAppend(&response, code);
  response.append(R"(,"message":")").append(message).append(R"("}})");
  return response;
}

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
  // After the client's EOF: the server gets its grace, then signals.
  void StopServerGently();
  // Routes one checked line of `direction` by its verdict.
  void Deliver(std::string_view line, Direction direction);
  void AnswerPendingRequests(int status);
  // A response to the client went out: its request is no longer pending.
  void Answered(std::string_view response);
  // Blocks while max_pending requests are unanswered (until the server
  // exits).
  void WaitForRoom();

  Session& session_;
  ChildProcess& server_;
  const StdioProxyOptions& options_;
  const int client_in_;
  LineWriter to_client_;
  LineWriter to_server_;

  // Ids (as JSON text) of client requests forwarded and not yet answered.
  std::mutex pending_mutex_;
  std::condition_variable pending_changed_;
  std::set<std::string> pending_;  // Guarded by pending_mutex_.
  bool stop_waiting_ = false;      // Guarded by pending_mutex_; the server exited.

  std::mutex exit_mutex_;
  std::condition_variable exit_changed_;
  bool server_exited_ = false;  // Guarded by exit_mutex_.
  bool server_output_done_ = false;  // Guarded by exit_mutex_.
};

void Proxy::Deliver(std::string_view line, Direction direction) {
  Verdict verdict = session_.Check(line, direction);
  if (options_.on_verdict) options_.on_verdict(line, verdict);
  LineWriter& receiver = direction == Direction::kToServer ? to_server_ : to_client_;
  LineWriter& sender = direction == Direction::kToServer ? to_client_ : to_server_;
  switch (verdict.decision()) {
    case Decision::kAllow:
    case Decision::kRewrite: {
      std::string_view out = verdict.decision() == Decision::kAllow ? line : verdict.replacement();
      if (verdict.kind() == MessageKind::kRequest && direction == Direction::kToServer) {
        if (std::optional<std::string> id = IdOf(out)) {
          std::lock_guard<std::mutex> lock(pending_mutex_);
          pending_.insert(*std::move(id));
        }
      }
      if (verdict.kind() == MessageKind::kResponse && direction == Direction::kToClient) {
        Answered(out);
      }
      // A failed write means the server (or client) is gone; a request
      // that never reached the server is answered when it exits.
      receiver.Write(out);
      return;
    }
    case Decision::kDeny:
    case Decision::kAsk: {
      // Nobody is here to approve: an ASK is refused (its error says so).
      std::string_view error = verdict.error_response();
      if (error.empty()) return;  // A notification: dropped.
      if (verdict.kind() == MessageKind::kResponse) {
        // The receiver's request completes with the error.
        if (direction == Direction::kToClient) Answered(error);
        receiver.Write(error);
      } else if (verdict.kind() == MessageKind::kRequest || direction == Direction::kToServer) {
        sender.Write(error);
      } else {
        // Unreadable bytes from the server: the client is the one waiting.
        to_client_.Write(error);
      }
      return;
    }
  }
}

void Proxy::Answered(std::string_view response) {
  std::optional<std::string> id = IdOf(response);
  if (!id) return;
  std::lock_guard<std::mutex> lock(pending_mutex_);
  if (pending_.erase(*id) > 0) pending_changed_.notify_all();
}

void Proxy::WaitForRoom() {
  size_t limit = std::max<size_t>(options_.max_pending(), 1);
  std::unique_lock<std::mutex> lock(pending_mutex_);
  pending_changed_.wait(lock, [&] { return stop_waiting_ || pending_.size() < limit; });
}

void Proxy::PumpClientToServer() {
  LineReader reader(client_in_, options_.max_line_bytes);
  std::string line;
  for (;;) {
    LineReader::Result result = reader.Next(&line);
    if (result == LineReader::Result::kEnd || result == LineReader::Result::kError) break;
    if (result == LineReader::Result::kTooLong) {
      to_client_.Write(ErrorResponse("null", -32700,
                                     absl::StrCat("mcpguard proxy: message over ",
                                                  options_.max_line_bytes, " bytes")));
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // Blank line.
    WaitForRoom();
    Deliver(line, Direction::kToServer);
  }
  server_.CloseStdin();
  StopServerGently();
}

void Proxy::StopServerGently() {
  std::unique_lock<std::mutex> lock(exit_mutex_);
  for (int signal : {SIGTERM, SIGKILL}) {
    if (exit_changed_.wait_for(lock, options_.shutdown_grace, [&] { return server_exited_; })) {
      return;
    }
    server_.Signal(signal);
  }
}

void Proxy::PumpServerToClient() {
  LineReader reader(server_.stdout_fd(), options_.max_line_bytes);
  std::string line;
  for (;;) {
    LineReader::Result result = reader.Next(&line);
    if (result == LineReader::Result::kEnd || result == LineReader::Result::kError) break;
    if (result == LineReader::Result::kTooLong) {
      // Its id is unknown, so its request is answered when the server exits.
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Deliver(line, Direction::kToClient);
  }
  std::lock_guard<std::mutex> lock(exit_mutex_);
  server_output_done_ = true;
  exit_changed_.notify_all();
}

void Proxy::AnswerPendingRequests(int status) {
  std::set<std::string> pending;
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    pending.swap(pending_);
    stop_waiting_ = true;
    pending_changed_.notify_all();
  }
  std::string message =
      absl::StrCat("mcpguard proxy: the server exited (status ", status, ") without answering");
  for (const std::string& id : pending) to_client_.Write(ErrorResponse(id, -32603, message));
}

int Proxy::Run() {
  std::thread client_pump([this] { PumpClientToServer(); });
  std::thread server_pump([this] { PumpServerToClient(); });
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
  AnswerPendingRequests(status);
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
