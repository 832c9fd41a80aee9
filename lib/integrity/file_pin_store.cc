// The file-backed PinStore (mcpguard/pin_store.h; format in pin_file.h).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "base/atomic_write.h"
#include "base/read_file.h"
#include "base/sha256.h"
#include "integrity/pin_file.h"
#include "integrity/pin_key.h"
#include "mcpguard/pin_store.h"

namespace mcpguard {
namespace {

// The public API speaks std::string_view; the internals absl::string_view.
absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

using internal::PinEntry;
using internal::PinKey;

// Pins for far more tools than any host connects to (a pin is a line of
// about 150 bytes).
constexpr size_t kMaxPinFileBytes = size_t{256} << 20;

// Reads the pin file at `path`; a missing file has no pins. A file that
// cannot be read whole is an error, never fewer pins (which would trust
// the missing tools' next definitions on first use).
absl::Status ReadPins(const std::string& path, std::vector<PinEntry>* pins) {
  pins->clear();
  absl::StatusOr<std::string> text = internal::ReadRegularFile(path, kMaxPinFileBytes);
  if (absl::IsNotFound(text.status())) return absl::OkStatus();
  if (!text.ok()) return absl::UnavailableError(text.status().message());
  return internal::ParsePinFile(*text, path, pins);
}

// An exclusive flock on PATH.lock for as long as it lives.
class FileLock {
 public:
  explicit FileLock(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      status_ = absl::UnavailableError(absl::StrCat(path, ": cannot open: ", std::strerror(errno)));
      return;
    }
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno == EINTR) continue;
      status_ = absl::UnavailableError(absl::StrCat(path, ": cannot lock: ", std::strerror(errno)));
      return;
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // Closing releases the lock.
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  const absl::Status& status() const { return status_; }

 private:
  int fd_ = -1;
  absl::Status status_;
};

class FilePinStore final : public PinStore {
 public:
  explicit FilePinStore(std::string path) : path_(std::move(path)) {}

  absl::Status Load() {
    std::vector<PinEntry> pins;
    absl::Status status = ReadPins(path_, &pins);
    if (!status.ok()) return status;
    for (PinEntry& pin : pins) pins_[PinKey(pin.server, pin.tool)] = std::move(pin);
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<std::string>> Get(std::string_view server_id,
                                                 std::string_view tool) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = pins_.find(PinKey(View(server_id), View(tool)));
    if (it == pins_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second.sha256);
  }

  absl::StatusOr<std::string> PinIfAbsent(std::string_view server_id, std::string_view tool,
                                          std::string_view sha256) override {
    if (!internal::IsSha256Hex(View(sha256))) {
      return absl::InvalidArgumentError("a pin must be 64 lowercase hex digits");
    }
    std::lock_guard<std::mutex> lock(mu_);
    const std::string key = PinKey(View(server_id), View(tool));
    if (auto it = pins_.find(key); it != pins_.end()) return it->second.sha256;
    // Other processes may have added pins since we read the file: merge
    // them under the lock, and keep theirs for this tool if they pinned it.
    FileLock file_lock(path_ + ".lock");
    if (!file_lock.status().ok()) return file_lock.status();
    std::vector<PinEntry> on_disk;
    absl::Status status = ReadPins(path_, &on_disk);
    if (!status.ok()) return status;
    for (PinEntry& pin : on_disk) {
      std::string pin_key = PinKey(pin.server, pin.tool);
      pins_.try_emplace(std::move(pin_key), std::move(pin));
    }
    if (auto it = pins_.find(key); it != pins_.end()) return it->second.sha256;
    std::vector<PinEntry> all;
    all.reserve(pins_.size() + 1);
    for (const auto& [unused, pin] : pins_) all.push_back(pin);
    PinEntry added{std::string(server_id), std::string(tool), std::string(sha256)};
    all.push_back(added);
    // Whoever can write the pins can approve a rug pull: a file others may
    // write loses that first (the replacement takes its mode).
    if (struct stat st; stat(path_.c_str(), &st) == 0 && (st.st_mode & 022) != 0 &&
        chmod(path_.c_str(), st.st_mode & 0755 & ~mode_t{022}) != 0) {
      return absl::UnavailableError(
          absl::StrCat(path_, ": others may write it, and it cannot be made private: ",
                       std::strerror(errno)));
    }
    status = internal::ReplaceFileAtomically(path_, internal::FormatPinFile(std::move(all)),
                                             /*create_mode=*/0600);
    if (!status.ok()) return status;
    pins_.emplace(key, std::move(added));
    return std::string(sha256);
  }

 private:
  const std::string path_;
  std::mutex mu_;
  absl::flat_hash_map<std::string, PinEntry> pins_;  // By PinKey.
};

}  // namespace

absl::StatusOr<std::shared_ptr<PinStore>> OpenFilePinStore(const std::string& path) {
  auto store = std::make_shared<FilePinStore>(path);
  absl::Status status = store->Load();
  if (!status.ok()) return status;
  return std::shared_ptr<PinStore>(std::move(store));
}

}  // namespace mcpguard
