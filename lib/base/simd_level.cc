#include "base/simd_level.h"

namespace mcpguard::internal {
namespace {

SimdLevel Detect() {
#if defined(__x86_64__) && defined(__SSSE3__) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi")) {
    return SimdLevel::kAvx512;
  }
  if (__builtin_cpu_supports("avx2")) return SimdLevel::kAvx2;
  return SimdLevel::kSsse3;
#elif defined(__SSSE3__)
  return SimdLevel::kSsse3;
#else
  return SimdLevel::kScalar;
#endif
}

}  // namespace

SimdLevel BestSimdLevel() {
  static const SimdLevel level = Detect();
  return level;
}

SimdLevel SupportedSimdLevel(SimdLevel wanted) {
  const SimdLevel best = BestSimdLevel();
  return static_cast<int>(wanted) < static_cast<int>(best) ? wanted : best;
}

std::vector<SimdLevel> RunnableSimdLevels() {
  std::vector<SimdLevel> levels;
  for (SimdLevel level :
       {SimdLevel::kScalar, SimdLevel::kSsse3, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
    if (SupportedSimdLevel(level) == level) levels.push_back(level);
  }
  return levels;
}

const char* SimdLevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar:
      return "scalar";
    case SimdLevel::kSsse3:
      return "ssse3";
    case SimdLevel::kAvx2:
      return "avx2";
    case SimdLevel::kAvx512:
      return "avx512";
  }
  return "unknown";
}

}  // namespace mcpguard::internal
