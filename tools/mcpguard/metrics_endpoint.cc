#include "metrics_endpoint.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "mcpguard/metrics.h"

namespace mcpguard::cli {
namespace {

void SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// How long one connection may take to send its request head, in all: a
// peer trickling a byte at a time gets no longer.
constexpr auto kHeadDeadline = std::chrono::seconds(2);
// Connections served at once; more are closed unanswered.
constexpr int kMaxConnections = 16;

// Reads the request head (up to 8 KiB, within kHeadDeadline) and answers it.
void Answer(int fd, AuditLog& audit) {
  const auto deadline = std::chrono::steady_clock::now() + kHeadDeadline;
  std::string head;
  char chunk[1024];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;  // Too slow: no answer.
    pollfd ready{fd, POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(left.count()));
    if (polled < 0 && errno == EINTR) continue;
    if (polled <= 0) return;
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    head.append(chunk, static_cast<size_t>(n));
  }
  bool metrics = head.rfind("GET /metrics ", 0) == 0 || head.rfind("GET /metrics?", 0) == 0;
  std::string body = metrics ? RenderPrometheus(audit.metrics()) : "not found; try /metrics\n";
  SendAll(fd, absl::StrCat("HTTP/1.1 ", metrics ? "200 OK" : "404 Not Found",
                           "\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8"
                           "\r\nContent-Length: ",
                           body.size(), "\r\nConnection: close\r\n\r\n", body));
}

}  // namespace

absl::StatusOr<int> ServeMetrics(std::shared_ptr<AuditLog> audit, int port) {
  if (port < 0 || port > 65535) return absl::InvalidArgumentError("port out of range");
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return absl::ErrnoToStatus(errno, "socket");
  int yes = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof address;
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, 16) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    int error = errno;
    close(listener);
    return absl::ErrnoToStatus(error, absl::StrCat("127.0.0.1:", port));
  }
  // Each connection on a thread of its own, so one slow peer holds up no
  // other scrape.
  std::thread([listener, audit = std::move(audit)] {
    auto serving = std::make_shared<std::atomic<int>>(0);
    for (;;) {
      int connection = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (connection < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        return;
      }
      if (serving->fetch_add(1) >= kMaxConnections) {
        serving->fetch_sub(1);
        close(connection);
        continue;
      }
      timeval timeout{2, 0};
      setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
      std::thread([connection, audit, serving] {
        Answer(connection, *audit);
        close(connection);
        serving->fetch_sub(1);
      }).detach();
    }
  }).detach();
  return static_cast<int>(ntohs(address.sin_port));
}

}  // namespace mcpguard::cli
