// The lock every use of ICU's lazily loaded data (confusable skeletons,
// normalizers built from sets) is made under. ICU synchronizes its own lazy
// initialization in ways ThreadSanitizer cannot see; under one lock there is
// nothing for it to see. The callers are one-time table builds and the
// tools/list checks, where a lock costs nothing.
#ifndef MCPGUARD_BASE_ICU_LOCK_H_
#define MCPGUARD_BASE_ICU_LOCK_H_

#include <mutex>

namespace mcpguard::internal {

inline std::mutex& IcuMutex() {
  static std::mutex* const mu = new std::mutex();
  return *mu;
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_ICU_LOCK_H_
