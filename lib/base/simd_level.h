// Which vector instructions the byte scanners may use: the best the build
// allows (SSSE3 comes with the build's -msse4.2) and, above it, the best the
// CPU running the code has, asked once. Code for a level above the build's
// is compiled with __attribute__((target(...))) and chosen at run time.
//
// AVX-512 (BW, for byte shuffles and compares into mask registers) is used
// only on CPUs that also have AVX-512 VBMI: Intel from Ice Lake and AMD from
// Zen 4, where 512-bit integer work does not lower the core's clock for
// everything else the process runs, as it does on Skylake-SP.
#ifndef MCPGUARD_BASE_SIMD_LEVEL_H_
#define MCPGUARD_BASE_SIMD_LEVEL_H_

#include <vector>

namespace mcpguard::internal {

enum class SimdLevel { kScalar, kSsse3, kAvx2, kAvx512 };

// The best level this build and this CPU support.
SimdLevel BestSimdLevel();

// `wanted`, or the best supported level when that is lower (tests ask for
// each level and get the ones the machine can run).
SimdLevel SupportedSimdLevel(SimdLevel wanted);

// Every level this build and this CPU can run, scalar first: what tests
// compare with each other.
std::vector<SimdLevel> RunnableSimdLevels();

const char* SimdLevelName(SimdLevel level);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_SIMD_LEVEL_H_
