// The JSON Lines audit sink: hash-chained lines, buffered, rotated by size,
// with a head file for truncation (docs/audit.md).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "audit/audit_head.h"
#include "audit/hash_chain.h"
#include "mcpguard/audit.h"

namespace mcpguard {
namespace {

using internal::ChainedLine;

// Written out past this many buffered bytes, without waiting for a flush.
constexpr size_t kWriteOutBytes = 64 << 10;
// Buffered bytes a failing disk may pile up before events are refused.
constexpr size_t kMaxBufferedBytes = 64 << 20;

absl::Status ErrnoStatus(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

// Reads `length` bytes at `offset`.
bool ReadAt(int fd, off_t offset, size_t length, std::string* out) {
  out->resize(length);
  size_t done = 0;
  while (done < length) {
    const ssize_t n = pread(fd, &(*out)[done], length - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// The first and the last line of a non-empty file (without newlines).
absl::Status ReadEndLines(int fd, off_t size, const std::string& path, std::string* first,
                          std::string* last) {
  std::string chunk;
  if (!ReadAt(fd, size - 1, 1, &chunk)) return ErrnoStatus("cannot read", path);
  if (chunk != "\n") {
    return absl::DataLossError(absl::StrCat(
        path, ": the last line has no newline (a torn write, or an edit); the chain is not "
              "continued over it. Move the file aside (and check it with `mcpguard audit "
              "verify`) to start a new one"));
  }
  // Back from the end, 64 KiB at a time, to the newline before the last
  // line. `tail` holds the bytes [start, size - 1): the final newline out.
  std::string tail;
  off_t start = size - 1;
  for (;;) {
    if (start == 0) {
      *last = tail;
      break;
    }
    const off_t step = std::min<off_t>(start, 64 << 10);
    start -= step;
    if (!ReadAt(fd, start, static_cast<size_t>(step), &chunk)) {
      return ErrnoStatus("cannot read", path);
    }
    tail.insert(0, chunk);
    if (const size_t newline = tail.rfind('\n'); newline != std::string::npos) {
      *last = tail.substr(newline + 1);
      break;
    }
  }
  // Forward from the start to the first newline.
  first->clear();
  for (off_t at = 0; at < size; at += 64 << 10) {
    const size_t length = static_cast<size_t>(std::min<off_t>(size - at, 64 << 10));
    if (!ReadAt(fd, at, length, &chunk)) return ErrnoStatus("cannot read", path);
    const size_t newline = chunk.find('\n');
    first->append(chunk, 0, newline);
    if (newline != std::string::npos) break;
  }
  return absl::OkStatus();
}

constexpr char kMoveAside[] =
    "Check it with `mcpguard audit verify`, then move the log and its head file aside to "
    "start a new chain";

// A rotated file of the log at `path`, or "".
std::string AnyRotatedFile(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return std::string();
  std::string found;
  while (const dirent* entry = readdir(d)) {
    const absl::string_view name = entry->d_name;
    if (name.size() == base.size() + 13 && absl::StartsWith(name, base) &&
        internal::RotatedLogSequence(name).has_value()) {
      found = std::string(name);
      break;
    }
  }
  closedir(d);
  return found;
}

class JsonLinesSink : public AuditSink {
 public:
  explicit JsonLinesSink(JsonLinesSinkOptions options) : options_(std::move(options)) {}
  ~JsonLinesSink() override {
    Flush().IgnoreError();
    if (fd_ >= 0) close(fd_);
  }

  absl::Status Open();

  absl::Status Write(std::string_view event) override {
    if (event.size() < 2 || event.front() != '{' || event.back() != '}') {
      return absl::InvalidArgumentError("an audit event must be one JSON object");
    }
    if (buffer_.size() + event.size() > kMaxBufferedBytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          options_.path, ": ", buffer_.size(), " bytes wait for a disk that refuses them"));
    }
    line_.clear();
    std::string hash = internal::AppendChainedLine(
        absl::string_view(event.data(), event.size()), sequence_, prev_, options_.hmac_key, &line_);
    const uint64_t in_file = file_bytes_ + buffer_.size();
    if (options_.max_file_bytes > 0 && in_file > 0 &&
        in_file + line_.size() > options_.max_file_bytes) {
      // Best effort: a file that cannot rotate keeps growing.
      Rotate().IgnoreError();
    }
    if (file_bytes_ + buffer_.size() == 0) file_first_sequence_ = sequence_;
    buffer_ += line_;
    prev_ = std::move(hash);
    ++sequence_;
    if (buffer_.size() >= kWriteOutBytes) return WriteOut();
    return absl::OkStatus();
  }

  absl::Status Flush() override {
    if (fd_ < 0) return absl::FailedPreconditionError("audit log not open");
    absl::Status status = WriteOut();
    if (!status.ok()) return status;
    if (options_.fsync == JsonLinesSinkOptions::Fsync::kOnFlush && fdatasync(fd_) != 0) {
      return ErrnoStatus("cannot fsync", options_.path);
    }
    if (sequence_ == head_sequence_) return absl::OkStatus();
    status = internal::WriteAuditHead(options_.path, sequence_, prev_, options_.hmac_key);
    if (status.ok()) HeadWritten();
    return status;
  }

 private:
  void HeadWritten() {
    head_sequence_ = sequence_;
    if (options_.on_head && sequence_ > 0) options_.on_head(sequence_ - 1, prev_);
  }

  absl::Status WriteOut() {
    size_t done = 0;
    while (done < buffer_.size()) {
      const ssize_t n = write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        absl::Status status = ErrnoStatus("cannot write", options_.path);
        buffer_.erase(0, done);
        file_bytes_ += done;
        return status;
      }
      done += static_cast<size_t>(n);
    }
    file_bytes_ += buffer_.size();
    buffer_.clear();
    return absl::OkStatus();
  }

  absl::Status Rotate() {
    absl::Status status = WriteOut();
    if (!status.ok()) return status;
    if (fdatasync(fd_) != 0) return ErrnoStatus("cannot fsync", options_.path);
    const std::string rotated = internal::RotatedLogPath(options_.path, file_first_sequence_);
    if (access(rotated.c_str(), F_OK) == 0) {
      return absl::AlreadyExistsError(absl::StrCat("cannot rotate to ", rotated, ": it exists"));
    }
    if (rename(options_.path.c_str(), rotated.c_str()) != 0) {
      return ErrnoStatus("cannot rotate", options_.path);
    }
    // The head carries the chain over to the new file even if no line
    // reaches it before a crash.
    if (internal::WriteAuditHead(options_.path, sequence_, prev_, options_.hmac_key).ok()) {
      HeadWritten();
    }
    head_sequence_ = sequence_;
    const int fd = open(options_.path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return ErrnoStatus("cannot open", options_.path);
    close(fd_);
    fd_ = fd;
    file_bytes_ = 0;
    return absl::OkStatus();
  }

  const JsonLinesSinkOptions options_;
  int fd_ = -1;
  uint64_t file_bytes_ = 0;  // Written to the current file.
  std::string buffer_;       // Lines not yet written.
  std::string line_;         // Scratch: the line being added.
  uint64_t sequence_ = 0;    // Of the next event.
  std::string prev_ = std::string(internal::kChainGenesis);
  uint64_t file_first_sequence_ = 0;
  uint64_t head_sequence_ = 0;  // What the head file says.
};

absl::Status JsonLinesSink::Open() {
  const std::string& path = options_.path;
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) return ErrnoStatus("cannot open", path);
  struct stat st;
  if (fstat(fd_, &st) != 0) return ErrnoStatus("cannot stat", path);
  file_bytes_ = static_cast<uint64_t>(st.st_size);
  if (st.st_size > 0) {
    std::string first;
    std::string last;
    absl::Status status = ReadEndLines(fd_, st.st_size, path, &first, &last);
    if (!status.ok()) return status;
    ChainedLine first_link;
    ChainedLine last_link;
    std::string problem;
    if (!internal::ParseChainedLine(last, &last_link, &problem)) {
      return absl::DataLossError(absl::StrCat(path, ": the last line ", problem,
                                              "; the chain is not continued over it"));
    }
    if (internal::ChainLink(options_.hmac_key, last_link.covered) != last_link.hash) {
      return absl::DataLossError(absl::StrCat(
          path, ": the last line's hash does not verify",
          options_.hmac_key.empty() ? "" : " under this key",
          " (a different key, or an edit); the chain is not continued over it"));
    }
    if (!internal::ParseChainedLine(first, &first_link, &problem)) {
      return absl::DataLossError(absl::StrCat(path, ": the first line ", problem));
    }
    // The head says where the chain stood at the last flush: a log that
    // ends before that lost lines, and is not continued (a new head over
    // the cut would hide it from `mcpguard audit verify`).
    absl::StatusOr<internal::AuditHead> head = internal::ReadAuditHead(path, options_.hmac_key);
    if (!head.ok() && !absl::IsNotFound(head.status())) return head.status();
    if (head.ok()) {
      const uint64_t next = last_link.sequence + 1;
      if (head->sequence > next) {
        return absl::DataLossError(absl::StrCat(
            path, ": the log ends with sequence ", last_link.sequence, " but its head file says ",
            head->sequence, " events were written: lines were cut off. ", kMoveAside));
      }
      if (head->sequence == next && head->hash != last_link.hash) {
        return absl::DataLossError(absl::StrCat(
            path, ": the last line is not the event the head file records. ", kMoveAside));
      }
    }
    sequence_ = last_link.sequence + 1;
    prev_ = std::string(last_link.hash);
    file_first_sequence_ = first_link.sequence;
    head_sequence_ = 0;  // Rewritten at the first flush.
    return absl::OkStatus();
  }
  // An empty file: the chain goes on from the head a rotation left, if any.
  absl::StatusOr<internal::AuditHead> head = internal::ReadAuditHead(path, options_.hmac_key);
  if (head.ok()) {
    sequence_ = head->sequence;
    prev_ = head->hash;
    head_sequence_ = head->sequence;
  } else if (!absl::IsNotFound(head.status())) {
    return head.status();
  } else if (std::string rotated = AnyRotatedFile(path); !rotated.empty()) {
    // Rotated files but no head: where the chain stood is lost (the live
    // file emptied and the head removed?). Starting over at sequence 0
    // would make a second chain beside them.
    return absl::DataLossError(absl::StrCat(
        path, ": empty, with no head file, but rotated files exist (", rotated,
        "): where the chain stood is unknown. ", kMoveAside));
  }
  file_first_sequence_ = sequence_;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<AuditSink>> OpenJsonLinesSink(JsonLinesSinkOptions options) {
  if (options.path.empty()) return absl::InvalidArgumentError("OpenJsonLinesSink: empty path");
  auto sink = std::make_unique<JsonLinesSink>(std::move(options));
  absl::Status status = sink->Open();
  if (!status.ok()) return status;
  return std::unique_ptr<AuditSink>(std::move(sink));
}

}  // namespace mcpguard
