#include "mcpguard/policy_watcher.h"

#include <sys/stat.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/sha256.h"
#include "policy/loader.h"

namespace mcpguard {
namespace {

// What a stat says about the file; any difference is a change.
struct FileStamp {
  bool exists = false;
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t size = 0;
  int64_t modified_ns = 0;
  int64_t changed_ns = 0;

  bool operator==(const FileStamp& o) const {
    return exists == o.exists && device == o.device && inode == o.inode && size == o.size &&
           modified_ns == o.modified_ns && changed_ns == o.changed_ns;
  }
  bool operator!=(const FileStamp& o) const { return !(*this == o); }
};

FileStamp Stamp(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return FileStamp();
#if defined(__APPLE__)
  const struct timespec modified = st.st_mtimespec;
  const struct timespec changed = st.st_ctimespec;
#else
  const struct timespec modified = st.st_mtim;
  const struct timespec changed = st.st_ctim;
#endif
  FileStamp stamp;
  stamp.exists = true;
  stamp.device = static_cast<uint64_t>(st.st_dev);
  stamp.inode = static_cast<uint64_t>(st.st_ino);
  stamp.size = static_cast<int64_t>(st.st_size);
  stamp.modified_ns = static_cast<int64_t>(modified.tv_sec) * 1000000000 + modified.tv_nsec;
  stamp.changed_ns = static_cast<int64_t>(changed.tv_sec) * 1000000000 + changed.tv_nsec;
  return stamp;
}

// What the file holds, as far as the watcher tells versions apart: the
// SHA-256 of its bytes, or why it cannot be read.
std::string ContentKey(const std::string& path) {
  absl::StatusOr<std::string> bytes = internal::ReadPolicyFile(path);
  return bytes.ok() ? internal::Sha256Hex(*bytes)
                    : absl::StrCat("unreadable: ", bytes.status().ToString());
}

}  // namespace

struct PolicyWatcher::State {
  Engine* const engine;
  const std::string path;
  const std::chrono::milliseconds interval;
  const Callback callback;
  // Watcher thread only (set before it starts): the stamp of the file when
  // it was last found settled, what it held then (ContentKey), and what it
  // held at the look before this one while it is changing (else empty).
  FileStamp last;
  std::string loaded;
  std::string pending;

  std::mutex mu;  // std::mutex so that ThreadSanitizer sees it.
  std::condition_variable wake;
  bool stop = false;   // Guarded by mu.
  std::thread thread;  // Guarded by mu; the first Stop takes it.

  State(Engine* e, std::string p, std::chrono::milliseconds i, Callback c)
      : engine(e), path(std::move(p)), interval(i), callback(std::move(c)) {}

  void Run() {
    std::unique_lock<std::mutex> lock(mu);
    // wait_for returns true when stop was set: no sleeping out the interval.
    while (!wake.wait_for(lock, interval, [this] { return stop; })) {
      lock.unlock();
      Look();
      lock.lock();
    }
  }

  void Look() {
    // Stat before reading: a write that lands after the stat changes the
    // stamp again, so the next look reads the file once more.
    const FileStamp now = Stamp(path);
    if (now == last) {
      pending.clear();
      return;
    }
    // A change is loaded once the file reads the same at two looks in a
    // row, so that a file rewritten in place is not read while its writer
    // is part-way: cut at a rule's end, half a policy still compiles (found
    // by a review: the watcher loaded whatever its first look after a
    // change found). By content, not by stamp, so that a file renamed over
    // or touched more often than the interval is loaded all the same (a
    // second review: a stamp that never stood still held every change back).
    std::string key = ContentKey(path);
    if (key != pending) {
      pending = std::move(key);
      return;
    }
    pending.clear();
    last = now;
    if (key == loaded) return;  // Rewritten with what it held: nothing to reload.
    loaded = std::move(key);
    std::vector<Diagnostic> diagnostics;
    const absl::Status status = engine->Reload(path, &diagnostics);
    if (callback) callback(status, diagnostics);
  }
};

absl::StatusOr<std::unique_ptr<PolicyWatcher>> PolicyWatcher::Start(
    Engine* engine, std::string path, std::chrono::milliseconds interval, Callback callback) {
  if (engine == nullptr) return absl::InvalidArgumentError("PolicyWatcher: engine is null");
  if (path.empty()) return absl::InvalidArgumentError("PolicyWatcher: path is empty");
  if (interval.count() <= 0) {
    return absl::InvalidArgumentError("PolicyWatcher: interval must be positive");
  }
  auto state = std::make_shared<State>(engine, std::move(path), interval, std::move(callback));
  state->last = Stamp(state->path);
  state->loaded = ContentKey(state->path);
  // The thread holds its own reference, so that a watcher destroyed from
  // its callback (on this thread) leaves the state alive until Run returns.
  {
    // Run starts by taking `mu`, so it waits for this assignment.
    std::lock_guard<std::mutex> lock(state->mu);
    state->thread = std::thread([state] { state->Run(); });
  }
  return std::unique_ptr<PolicyWatcher>(new PolicyWatcher(std::move(state)));
}

PolicyWatcher::PolicyWatcher(std::shared_ptr<State> state) : state_(std::move(state)) {}

PolicyWatcher::~PolicyWatcher() { Stop(); }

void PolicyWatcher::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stop = true;
    thread = std::move(state_->thread);
  }
  state_->wake.notify_all();
  if (!thread.joinable()) return;  // Stopped before.
  if (thread.get_id() == std::this_thread::get_id()) {
    // Called from the callback: the thread cannot wait for itself. It sees
    // `stop` when the callback returns, and its reference keeps the state.
    thread.detach();
    return;
  }
  thread.join();
}

}  // namespace mcpguard
