#include "base/bytes_equal.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "support/guarded_page.h"

namespace mcpguard::internal {
namespace {

// Every length up to 40, equal and differing in each single byte, against
// memcmp.
TEST(BytesEqual, AgreesWithMemcmpAtEveryLengthAndPosition) {
  std::mt19937 random(20261206);
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, '\0');
    for (char& c : a) c = static_cast<char>(random());
    const std::string b = a;
    EXPECT_TRUE(BytesEqual(a, b)) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string c = a;
      c[k] = static_cast<char>(c[k] ^ (1 << (random() % 8)));
      EXPECT_FALSE(BytesEqual(a, c)) << n << " " << k;
      EXPECT_FALSE(BytesEqual(c, a)) << n << " " << k;
    }
    if (n > 0) {
      EXPECT_FALSE(BytesEqual(a, absl::string_view(b.data(), n - 1))) << n;
    }
  }
}

// Strings that end at an unreadable page: no load may pass their end.
TEST(BytesEqual, ReadsNothingPastTheEnd) {
  for (size_t n = 0; n <= 20; ++n) {
    test_support::GuardedPage first, second;
    ASSERT_TRUE(first.ok() && second.ok());
    char* x = first.end() - n;
    char* y = second.end() - n;
    for (size_t k = 0; k < n; ++k) x[k] = y[k] = static_cast<char>('a' + k);
    EXPECT_TRUE(BytesEqual(absl::string_view(x, n), absl::string_view(y, n))) << n;
  }
}

}  // namespace
}  // namespace mcpguard::internal
