// The machinery behind mcpguard::AuditLog: the queue the checking threads
// push records into, and the audit thread that writes them to the sinks and
// keeps the metrics.
#ifndef MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_
#define MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "audit/audit_context.h"
#include "audit/audit_queue.h"
#include "audit/audit_record.h"
#include "audit/packed_record.h"
#include "audit/metrics_registry.h"
#include "mcpguard/audit.h"

namespace mcpguard::internal {

class AuditLogState {
 public:
  explicit AuditLogState(AuditLogOptions options);
  ~AuditLogState();

  // Queues one record, written by `fill` (a callable taking PackedRecord&)
  // in place. False when the queue is full or the log closed: the record is
  // counted as dropped, or with `refused` (the caller refuses the message,
  // FAIL_CLOSED) as refused. A record's context must stay alive until it is
  // retired (Retire) after the record was queued.
  template <typename Fill>
  bool Submit(bool refused, Fill&& fill) {
    uint64_t position;
    if (!closed_.load(std::memory_order_acquire) && queue_.TryPush(fill, &position)) {
      // Wake the audit thread every quarter of the queue, so a burst never
      // waits a whole poll interval for room; otherwise it polls.
      if ((position & wake_mask_) == 0) Wake();
      return true;
    }
    (refused ? refused_ : overflowed_).fetch_add(1, std::memory_order_relaxed);
    return false;
  }

  // Readies the slot the next Submit will likely fill (AuditQueue::Prefetch):
  // call it at the start of the work whose record will follow.
  void Prefetch() const { queue_.Prefetch(); }

  // Queues a whole record (policy events, tests): packs it first, with its
  // session and policy texts.
  bool SubmitRecord(bool refused, const AuditRecord& record) {
    return Submit(refused, [&](PackedRecord& r) { PackRecord(record, nullptr, &r); });
  }

  // Takes a context whose owner will queue no more records with it; it is
  // freed once the audit thread has read every record queued so far.
  void Retire(std::shared_ptr<const AuditContext> context);

  void Flush();
  void Close();
  // Close has been called: every Submit fails from now on.
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  AuditStats stats() const;
  MetricsSnapshot metrics() const { return metrics_.Snapshot(); }

 private:
  struct SinkState {
    std::shared_ptr<AuditSink> sink;
    uint64_t lost = 0;  // Events this sink failed to take, not yet reported.
  };
  void Run();
  // Writes the front record (and the events derived from it); false when
  // a FAIL_CLOSED record must be retried later.
  bool Deliver(AuditRecord& record);
  // One event to every sink that has not taken it yet (pending[i]); false
  // when some sink refused it.
  bool WriteEvent(const AuditRecord& record, std::vector<bool>* pending);
  void FlushSinks();
  void Wake();
  // Frees the retired contexts no unread record can point at any more.
  void ReleaseRetired();

  // Members are grouped by who writes them, each group on cache lines of
  // its own: a line the audit thread writes for every event and a checking
  // thread reads for every check would travel between the two cores each
  // time (false sharing), which cost more than the rest of the hot path.
  const AuditLogOptions options_;
  AuditQueue queue_;  // Aligned to cache lines inside.
  // Read on every Submit, written only by Close.
  alignas(64) std::atomic<bool> closed_{false};
  const uint64_t wake_mask_;
  // Counted by the checking threads when the queue is full.
  alignas(64) std::atomic<uint64_t> overflowed_{0};  // Dropped at the queue, all time.
  std::atomic<uint64_t> refused_{0};

  // The audit thread's own state.
  alignas(64) std::vector<SinkState> sinks_;
  MetricsRegistry metrics_;
  std::string id_prefix_;    // 16 random hex digits per log.
  uint64_t next_event_ = 0;
  std::string json_;         // Scratch.
  std::vector<bool> pending_;  // Sinks still to take the front record.
  AuditRecord current_;        // The front record, unpacked.
  bool unpacked_ = false;      // current_ holds the front record.
  bool wrote_since_flush_ = false;
  uint64_t overflow_reported_ = 0;  // overflowed_ already reported.
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> lost_{0};        // Dropped by sinks or at close.
  std::atomic<uint64_t> sink_errors_{0};

  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  bool sleeping_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t flush_requested_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t flush_done_ ABSL_GUARDED_BY(mu_) = 0;
  struct RetiredContext {
    uint64_t queued;  // Records queued before it was retired.
    std::shared_ptr<const AuditContext> context;
  };
  std::mutex retire_mu_;
  std::vector<RetiredContext> retired_ ABSL_GUARDED_BY(retire_mu_);
  std::mutex close_mu_;  // Serializes Close.
  bool joined_ ABSL_GUARDED_BY(close_mu_) = false;
  std::thread thread_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_LOG_STATE_H_
