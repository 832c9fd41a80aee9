// Memory that ends where an unreadable page begins, for tests that a
// scanner reads nothing past the bytes it was given.
#ifndef MCPGUARD_TESTS_SUPPORT_GUARDED_PAGE_H_
#define MCPGUARD_TESTS_SUPPORT_GUARDED_PAGE_H_

#include <cstddef>

namespace mcpguard::test_support {

// One writable page followed by one that can be neither read nor written;
// touching end() or anything after it kills the test with SIGSEGV.
class GuardedPage {
 public:
  GuardedPage();  // Fails the test (ADD_FAILURE) if the mapping fails.
  ~GuardedPage();
  GuardedPage(const GuardedPage&) = delete;
  GuardedPage& operator=(const GuardedPage&) = delete;

  bool ok() const { return end_ != nullptr; }
  // The first byte that cannot be read; the page_size() bytes before it can.
  char* end() const { return end_; }
  size_t page_size() const { return page_; }

 private:
  void* mapped_ = nullptr;
  size_t page_ = 0;
  char* end_ = nullptr;
};

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_GUARDED_PAGE_H_
