#include "child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mcpguard::cli {
namespace {

void CloseFd(int* fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(char* const* argv, int stdin_read, int stdout_write, int error_write) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD}) signal(sig, SIG_DFL);
  if (dup2(stdin_read, STDIN_FILENO) < 0 || dup2(stdout_write, STDOUT_FILENO) < 0) {
    int error = errno;
    (void)!write(error_write, &error, sizeof error);
    _exit(127);
  }
  if (stdin_read != STDIN_FILENO) close(stdin_read);
  if (stdout_write != STDOUT_FILENO) close(stdout_write);
  execvp(argv[0], argv);
  int error = errno;
  (void)!write(error_write, &error, sizeof error);
  _exit(127);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Spawn(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0].empty()) {
    return absl::InvalidArgumentError("no server command given");
  }
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  // Our ends are close-on-exec, so a second child (or the server's own
  // children) never holds them open.
  int to_child[2], from_child[2], exec_error[2];
  if (pipe2(to_child, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "pipe");
  if (pipe2(from_child, O_CLOEXEC) != 0) {
    int error = errno;
    close(to_child[0]);
    close(to_child[1]);
    return absl::ErrnoToStatus(error, "pipe");
  }
  if (pipe2(exec_error, O_CLOEXEC) != 0) {
    int error = errno;
    for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) close(fd);
    return absl::ErrnoToStatus(error, "pipe");
  }
  pid_t pid = fork();
  if (pid == 0) ExecChild(args.data(), to_child[0], from_child[1], exec_error[1]);
  int fork_error = errno;
  close(to_child[0]);
  close(from_child[1]);
  close(exec_error[1]);
  if (pid < 0) {
    close(to_child[1]);
    close(from_child[0]);
    close(exec_error[0]);
    return absl::ErrnoToStatus(fork_error, "fork");
  }
  int exec_errno = 0;
  ssize_t n;
  do {
    n = read(exec_error[0], &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  close(exec_error[0]);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    close(to_child[1]);
    close(from_child[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return absl::NotFoundError(
        absl::StrCat("cannot run '", argv[0], "': ", strerror(exec_errno)));
  }
  return std::make_unique<ChildProcess>(pid, to_child[1], from_child[0]);
}

ChildProcess::~ChildProcess() {
  CloseFd(&stdin_fd_);
  CloseFd(&stdout_fd_);
}

void ChildProcess::CloseStdin() { CloseFd(&stdin_fd_); }

bool ChildProcess::Signal(int signal) {
  std::lock_guard<std::mutex> lock(reap_mutex_);
  if (reaped_) return false;
  kill(pid_, signal);
  return true;
}

int ChildProcess::Wait() {
  // Wait without reaping first: until it is reaped the pid stays the
  // child's (a zombie), so Signal never reaches a stranger.
  siginfo_t info;
  while (waitid(P_PID, pid_, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  std::lock_guard<std::mutex> lock(reap_mutex_);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) return 128;
  }
  reaped_ = true;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 128;
}

}  // namespace mcpguard::cli
