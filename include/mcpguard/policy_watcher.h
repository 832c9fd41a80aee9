// Reloads an Engine's policy when its file changes.
//
//   auto watcher = mcpguard::PolicyWatcher::Start(
//       engine.get(), "/etc/mcpguard/policy.textproto", std::chrono::seconds(2),
//       [](const absl::Status& status, const std::vector<mcpguard::Diagnostic>&) {
//         if (!status.ok()) log_error(status.message());  // The old policy stays.
//       });
//
// The watcher polls: every interval it stats the file and, when the file's
// identity or contents changed and its bytes then read the same at two
// looks in a row, calls Engine::Reload. Polling
// needs no inotify/kqueue, works on every filesystem (network and container
// mounts included) and sees a file replaced by rename, which is how editors,
// `kubectl` ConfigMap updates and careful deploy scripts write. A stat is a
// few microseconds, so an interval of a second or two costs nothing.
#ifndef MCPGUARD_POLICY_WATCHER_H_
#define MCPGUARD_POLICY_WATCHER_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mcpguard/guard.h"
#include "mcpguard/policy.h"

namespace mcpguard {

// Watches one policy file for one Engine on a background thread.
//
// A change is a difference in the file's (device, inode, size, modification
// time in ns, status-change time in ns) since the last look; the status-
// change time catches an in-place copy that preserves the modification time
// and size (`cp -p`, `rsync -t --inplace`). The file going away or coming
// back counts as a change too. After a change the file is read at each
// look (its SHA-256 kept), and acted on at the first look whose bytes are
// those of the look before: one interval to two after the last write. A
// file re-published with the same bytes (renamed over, touched) however
// often is loaded; one whose bytes keep changing is not read until they
// stop; one rewritten with the bytes last loaded is not reloaded. Each
// change leads to exactly one Engine::Reload, whose outcome the callback
// receives: on failure (a syntax or compile error, a file that sets
// nothing, a missing file) the policy in force stays as it was, and the
// next change is tried again.
//
// Write the file by renaming a complete new file over it. A file rewritten
// in place is read only once its bytes have stood still for an interval,
// so a writer that pauses longer than that part-way through may still have
// its half-written file read, and half a policy cut at a rule's end
// compiles: choose an interval longer than any pause of the writer, or
// rename. A change the stat cannot see (same size, on a filesystem whose
// times are coarser than the writes) is not seen.
//
// Thread-safety: Start, Stop and the destructor may be called from any
// thread. The callback runs on the watcher's thread, one call at a time.
class PolicyWatcher {
 public:
  // Called after each reload attempt with Engine::Reload's status (OK, or
  // why the old policy stays) and every diagnostic of the attempt (warnings
  // on success too). It may call Stop(); it must not block for long, since
  // it delays the next look and Stop().
  using Callback =
      std::function<void(const absl::Status& status, const std::vector<Diagnostic>& diagnostics)>;

  // Starts watching `path` for `engine`, looking every `interval`. The file
  // as it is now is taken to be the one in force (load it with
  // LoadPolicyFile before), so only later changes reload; a file that does
  // not exist yet is loaded when it appears. A change between that load
  // and Start is not seen: compare the file's hash with the policy in force
  // after Start (as `mcpguard proxy --watch-ms` does). `engine` must outlive the
  // watcher. `callback` may be empty. InvalidArgument if `engine` is null,
  // `path` is empty or `interval` is not positive.
  static absl::StatusOr<std::unique_ptr<PolicyWatcher>> Start(Engine* engine, std::string path,
                                                              std::chrono::milliseconds interval,
                                                              Callback callback = nullptr);

  // Stops watching and waits for the thread to finish (see Stop).
  ~PolicyWatcher();
  PolicyWatcher(const PolicyWatcher&) = delete;  // Owns a thread.
  PolicyWatcher& operator=(const PolicyWatcher&) = delete;

  // Stops watching: no reload starts after Stop returns. Wakes the thread at
  // once (it does not finish its interval) and, unless called from the
  // callback, waits for a reload in progress to end. Idempotent.
  void Stop();

 private:
  struct State;
  explicit PolicyWatcher(std::shared_ptr<State> state);
  // Shared with the thread, which keeps it alive if the watcher is
  // destroyed from its own callback.
  std::shared_ptr<State> state_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_POLICY_WATCHER_H_
