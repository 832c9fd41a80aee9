// An audit sink for tests: keeps every event, and can hold the audit thread
// inside Write (Block/Release) or refuse the next writes (FailNext).
#ifndef MCPGUARD_TESTS_SUPPORT_HOLDING_SINK_H_
#define MCPGUARD_TESTS_SUPPORT_HOLDING_SINK_H_

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "mcpguard/audit.h"

namespace mcpguard::test_support {

class HoldingSink : public AuditSink {
 public:
  absl::Status Write(std::string_view event) override;

  void Block();
  void Release();
  // True once `n` writes have started (a blocked one waits inside Write);
  // false if that takes more than a generous bound (a failure, not a
  // timing assertion: it should take microseconds).
  bool AwaitWrites(int n);
  // The next `n` writes fail (and keep nothing).
  void FailNext(int n);
  std::vector<std::string> events();

 private:
  std::mutex mu_;
  std::condition_variable entered_;
  std::condition_variable released_;
  bool blocked_ = false;
  int writes_ = 0;
  int failures_left_ = 0;
  std::vector<std::string> events_;
};

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_HOLDING_SINK_H_
