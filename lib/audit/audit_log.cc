// mcpguard::AuditLog and the callback sink.
#include <utility>

#include "audit/audit_log_state.h"
#include "mcpguard/audit.h"

namespace mcpguard {
namespace {

class CallbackSink : public AuditSink {
 public:
  explicit CallbackSink(std::function<void(std::string_view)> callback)
      : callback_(std::move(callback)) {}
  absl::Status Write(std::string_view event) override {
    callback_(event);
    return absl::OkStatus();
  }

 private:
  std::function<void(std::string_view)> callback_;
};

}  // namespace

std::unique_ptr<AuditSink> NewCallbackSink(std::function<void(std::string_view event)> callback) {
  if (!callback) return nullptr;
  return std::make_unique<CallbackSink>(std::move(callback));
}

AuditLog::AuditLog(std::unique_ptr<internal::AuditLogState> state) : state_(std::move(state)) {}
AuditLog::~AuditLog() { Close(); }

absl::StatusOr<std::shared_ptr<AuditLog>> AuditLog::Create(AuditLogOptions options) {
  for (const std::shared_ptr<AuditSink>& sink : options.sinks) {
    if (sink == nullptr) return absl::InvalidArgumentError("AuditLog::Create: a sink is null");
  }
  if (options.queue_capacity == 0) {
    return absl::InvalidArgumentError("AuditLog::Create: queue_capacity is 0");
  }
  if (options.flush_interval.count() <= 0) {
    return absl::InvalidArgumentError("AuditLog::Create: flush_interval must be positive");
  }
  return std::shared_ptr<AuditLog>(
      new AuditLog(std::make_unique<internal::AuditLogState>(std::move(options))));
}

void AuditLog::Flush() { state_->Flush(); }
void AuditLog::Close() { state_->Close(); }
AuditStats AuditLog::stats() const { return state_->stats(); }
MetricsSnapshot AuditLog::metrics() const { return state_->metrics(); }

}  // namespace mcpguard
