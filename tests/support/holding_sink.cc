#include "support/holding_sink.h"

#include <chrono>

namespace mcpguard::test_support {

absl::Status HoldingSink::Write(std::string_view event) {
  std::unique_lock<std::mutex> lock(mu_);
  ++writes_;
  entered_.notify_all();
  released_.wait(lock, [&] { return !blocked_; });
  if (failures_left_ > 0) {
    --failures_left_;
    return absl::UnavailableError("disk on fire");
  }
  events_.emplace_back(event);
  return absl::OkStatus();
}

void HoldingSink::Block() {
  std::lock_guard<std::mutex> lock(mu_);
  blocked_ = true;
}

void HoldingSink::Release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    blocked_ = false;
  }
  released_.notify_all();
}

bool HoldingSink::AwaitWrites(int n) {
  std::unique_lock<std::mutex> lock(mu_);
  return entered_.wait_for(lock, std::chrono::seconds(30), [&] { return writes_ >= n; });
}

void HoldingSink::FailNext(int n) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_left_ = n;
}

std::vector<std::string> HoldingSink::events() {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

}  // namespace mcpguard::test_support
