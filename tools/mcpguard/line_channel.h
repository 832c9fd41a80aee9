// Newline-delimited JSON-RPC over file descriptors (MCP's stdio transport):
// a reader that yields one message per line under a size cap, and a writer
// that several threads may share.
#ifndef MCPGUARD_TOOLS_LINE_CHANNEL_H_
#define MCPGUARD_TOOLS_LINE_CHANNEL_H_

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace mcpguard::cli {

// Reads lines from a blocking fd. Holds at most max_line_bytes plus one read
// chunk, whatever the peer sends, and gives memory back after a long line.
// Not thread-safe.
class LineReader {
 public:
  LineReader(int fd, size_t max_line_bytes) : fd_(fd), max_line_bytes_(max_line_bytes) {}

  enum class Result {
    kLine,     // *line is the next message, without its "\n" (or "\r\n").
    kTooLong,  // A line over max_line_bytes was skipped up to its newline.
    kEnd,      // EOF. A last line without "\n" was returned as kLine first.
    kError,    // read() failed (errno is kept in error()).
  };
  Result Next(std::string* line);
  int error() const { return error_; }
  // From the next line on.
  void set_max_line_bytes(size_t max_line_bytes) { max_line_bytes_ = max_line_bytes; }

 private:
  // Reads more into buffer_; false at EOF or on error (then error_ is set).
  bool Fill();

  const int fd_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t start_ = 0;     // First byte of buffer_ not yet returned.
  size_t scanned_ = 0;   // Bytes from start_ known to hold no '\n'.
  bool discarding_ = false;
  bool eof_ = false;
  int error_ = 0;
};

// Writes whole lines to a blocking fd: each Write puts the line and a "\n"
// out in full (retrying short writes and EINTR) before another thread's
// line starts. A write that blocks holds the others back: that is the
// proxy's backpressure. Thread-safe.
class LineWriter {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}

  // False once the fd failed (EPIPE: the reader is gone); later writes fail
  // at once.
  bool Write(std::string_view line);
  // Makes every later Write fail at once, then runs `close_fd` (which
  // closes the fd), both under the writer's lock: no thread can write to
  // the fd number after it is closed (and perhaps reused).
  template <typename CloseFd>
  void Close(CloseFd&& close_fd) {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_ = true;
    close_fd();
  }

 private:
  const int fd_;
  std::mutex mutex_;
  bool failed_ = false;  // Guarded by mutex_.
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_LINE_CHANNEL_H_
