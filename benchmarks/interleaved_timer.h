// Times several workloads in turn within every benchmark iteration, for the
// ratios the targets are stated in.
//
// Why: the machines these run on are shared VMs whose speed drifts by up
// to 2x within seconds. Two benchmarks run one after the other (even with
// random interleaving of repetitions) can land in different phases, and the
// ratio of their medians then says more about the machine than the code.
// Timing A, B and C back to back in every iteration exposes all of them to
// the same phases, so the ratio of their totals holds. Each segment is wall
// time from steady_clock; the cost of reading the clock is measured with
// an empty segment in the same loop and taken off every total.
#ifndef MCPGUARD_BENCHMARKS_INTERLEAVED_TIMER_H_
#define MCPGUARD_BENCHMARKS_INTERLEAVED_TIMER_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace mcpguard::bench {

class InterleavedTimer {
 public:
  explicit InterleavedTimer(std::vector<std::string> names)
      : names_(std::move(names)), totals_(names_.size(), 0) {}

  // Runs workload `i` once and adds its time.
  template <typename Work>
  void Time(size_t i, Work&& work) {
    const auto start = Clock::now();
    work();
    const auto middle = Clock::now();
    const auto end = Clock::now();  // An empty segment: the clock's own cost.
    totals_[i] += (middle - start).count();
    clock_cost_ += (end - middle).count();
    ++segments_;
  }

  // Nanoseconds per run of workload `i` (each is run once per iteration),
  // without the clock's cost.
  double PerRun(size_t i, int64_t iterations) const {
    if (iterations <= 0) return 0;
    const double clock = segments_ > 0 ? static_cast<double>(clock_cost_) / segments_ : 0;
    return static_cast<double>(totals_[i]) / static_cast<double>(iterations) - clock;
  }

  // Sets a counter "<name>_ns" for every workload.
  void Report(benchmark::State& state) const {
    for (size_t i = 0; i < names_.size(); ++i) {
      state.counters[names_[i] + "_ns"] = PerRun(i, state.iterations());
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::vector<std::string> names_;
  std::vector<int64_t> totals_;  // Clock ticks (nanoseconds).
  int64_t clock_cost_ = 0;
  int64_t segments_ = 0;
};

}  // namespace mcpguard::bench

#endif  // MCPGUARD_BENCHMARKS_INTERLEAVED_TIMER_H_
