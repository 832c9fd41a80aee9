#include "line_channel.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cstring>

namespace mcpguard::cli {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
// A buffer over this size is shrunk once the long line in it is done.
constexpr size_t kKeepBytes = 1024 * 1024;

}  // namespace

bool LineReader::Fill() {
  if (eof_ || error_ != 0) return false;
  // Drop what was returned already, so the buffer stays bounded.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
    // After a long line, the memory it took goes back.
    if (buffer_.capacity() > kKeepBytes && buffer_.size() <= kReadChunk) buffer_.shrink_to_fit();
  }
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + kReadChunk);
  ssize_t n;
  do {
    n = read(fd_, buffer_.data() + old_size, kReadChunk);
  } while (n < 0 && errno == EINTR);
  buffer_.resize(old_size + (n > 0 ? static_cast<size_t>(n) : 0));
  if (n == 0) eof_ = true;
  if (n < 0) error_ = errno;
  return n > 0;
}

LineReader::Result LineReader::Next(std::string* line) {
  for (;;) {
    const char* base = buffer_.data() + start_;
    size_t available = buffer_.size() - start_;
    const void* newline =
        available > scanned_ ? memchr(base + scanned_, '\n', available - scanned_) : nullptr;
    if (newline != nullptr) {
      size_t length = static_cast<const char*>(newline) - base;
      size_t next = start_ + length + 1;
      if (discarding_ || length > max_line_bytes_) {
        discarding_ = false;
        start_ = next;
        scanned_ = 0;
        return Result::kTooLong;
      }
      if (length > 0 && base[length - 1] == '\r') --length;
      if (line->capacity() > kKeepBytes && length <= kKeepBytes) std::string().swap(*line);
      line->assign(base, length);
      start_ = next;
      scanned_ = 0;
      return Result::kLine;
    }
    scanned_ = available;
    if (available > max_line_bytes_) {
      // Over the cap with no end in sight: forget it, keep looking for "\n".
      discarding_ = true;
      start_ = buffer_.size();
      scanned_ = 0;
    }
    if (!Fill()) {
      if (error_ != 0) return Result::kError;
      if (discarding_) {
        discarding_ = false;
        return Result::kTooLong;
      }
      if (buffer_.size() > start_) {
        line->assign(buffer_, start_, std::string::npos);
        start_ = buffer_.size();
        scanned_ = 0;
        return Result::kLine;
      }
      return Result::kEnd;
    }
  }
}

bool LineWriter::Write(std::string_view line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failed_) return false;
  static const char kNewline[] = "\n";
  iovec parts[2] = {{const_cast<char*>(line.data()), line.size()},
                    {const_cast<char*>(kNewline), 1}};
  iovec* next = parts;
  int count = 2;
  while (count > 0) {
    ssize_t n = writev(fd_, next, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      failed_ = true;
      return false;
    }
    size_t written = static_cast<size_t>(n);
    while (count > 0 && written >= next->iov_len) {
      written -= next->iov_len;
      ++next;
      --count;
    }
    if (count > 0) {
      next->iov_base = static_cast<char*>(next->iov_base) + written;
      next->iov_len -= written;
    }
  }
  return true;
}

}  // namespace mcpguard::cli
