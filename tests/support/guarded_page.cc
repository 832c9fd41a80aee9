#include "support/guarded_page.h"

#include <sys/mman.h>
#include <unistd.h>

#include "gtest/gtest.h"

namespace mcpguard::test_support {

GuardedPage::GuardedPage() : page_(static_cast<size_t>(sysconf(_SC_PAGESIZE))) {
  void* mapped = mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    ADD_FAILURE() << "mmap failed";
    return;
  }
  mapped_ = mapped;
  char* guard = static_cast<char*>(mapped) + page_;
  if (mprotect(guard, page_, PROT_NONE) != 0) {
    ADD_FAILURE() << "mprotect failed";
    return;
  }
  end_ = guard;
}

GuardedPage::~GuardedPage() {
  if (mapped_ != nullptr) munmap(mapped_, 2 * page_);
}

}  // namespace mcpguard::test_support
