// A child process whose stdin and stdout are pipes to this process (its
// stderr is ours): the MCP server behind `mcpguard proxy`.
#ifndef MCPGUARD_TOOLS_CHILD_PROCESS_H_
#define MCPGUARD_TOOLS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mcpguard::cli {

class ChildProcess {
 public:
  // Starts argv[0] (searched in PATH) with argv. The child gets the default
  // signal dispositions and an empty signal mask, whatever this process
  // blocks. An error says what could not be run and why (exec failures are
  // reported by the child through a close-on-exec pipe, so "no such file"
  // is an error here, not a child that exits 127).
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Spawn(
      const std::vector<std::string>& argv);

  ChildProcess(pid_t pid, int stdin_fd, int stdout_fd)
      : pid_(pid), stdin_fd_(stdin_fd), stdout_fd_(stdout_fd) {}
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // Closes the pipes; does not wait or kill.

  pid_t pid() const { return pid_; }
  // Write end of the child's stdin; -1 once CloseStdin ran.
  int stdin_fd() const { return stdin_fd_; }
  // Read end of the child's stdout.
  int stdout_fd() const { return stdout_fd_; }

  // Closes the child's stdin (it reads EOF). Idempotent. Not thread-safe:
  // whoever writes to stdin_fd() must not be writing meanwhile.
  void CloseStdin();
  // Sends `signal` unless the child has been reaped (so never to a process
  // that reused its pid); false when it has been. Thread-safe.
  bool Signal(int signal);
  // Waits for the child to exit and reaps it; returns its status as a shell
  // reports it: the exit code, or 128 + the signal that killed it. Call
  // once, from one thread.
  int Wait();

 private:
  const pid_t pid_;
  int stdin_fd_;
  int stdout_fd_;
  std::mutex reap_mutex_;
  bool reaped_ = false;  // Guarded by reap_mutex_.
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_CHILD_PROCESS_H_
