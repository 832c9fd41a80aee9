#include "base/write_prefetch.h"

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "support/guarded_page.h"

namespace mcpguard::internal {
namespace {

// The CPUID answer agrees with what the kernel tells about the CPU.
TEST(WritePrefetch, DetectionAgreesWithProcCpuinfo) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  bool found_flags = false;
  bool listed = false;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    found_flags = true;
    listed = (line + " ").find(" 3dnowprefetch ") != std::string::npos;
    break;
  }
  if (!found_flags) GTEST_SKIP() << "no x86 flags line in /proc/cpuinfo";
  EXPECT_EQ(HasWritePrefetch(), listed);
}

// Prefetches never fault: not on unreadable memory, not on null, not on a
// range that starts mid-line or is empty.
TEST(WritePrefetch, NeverFaults) {
  {
    const test_support::GuardedPage memory;
    ASSERT_TRUE(memory.ok());
    PrefetchForWrite(memory.end(), memory.page_size());
    PrefetchForWrite(memory.end() - 100, 300);
    PrefetchForWrite(nullptr, 4096);
    PrefetchForWrite(memory.end(), 0);
  }

  // And the memory it was asked about is unchanged.
  std::vector<uint8_t> bytes(1000);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7);
  PrefetchForWrite(bytes.data() + 3, bytes.size() - 3);
  for (size_t i = 0; i < bytes.size(); ++i) ASSERT_EQ(bytes[i], static_cast<uint8_t>(i * 7));
}

}  // namespace
}  // namespace mcpguard::internal
