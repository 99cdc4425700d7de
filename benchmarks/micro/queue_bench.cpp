// Micro-benchmarks of the event queue alone: the hold pattern (pop one, push one later) at
// several sizes, on the engine's radix heap and on the binary and 4-ary heap baselines.

#include <benchmark/benchmark.h>

#include "baseline_queues.hpp"
#include "last100/sim/event_queue.hpp"
#include "last100/sim/random.hpp"

namespace {

using last100::bench::TimedEntry;

// Pre-drawn increments so that the timed loop measures the queue, not the generator.
std::vector<std::uint64_t> increments(std::size_t n) {
  last100::sim::Rng rng(1);
  std::vector<std::uint64_t> v(n);
  for (auto& x : v) x = static_cast<std::uint64_t>(rng.exponential(1e6));
  return v;
}

void radix_heap_hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto inc = increments(1 << 16);
  last100::sim::RadixHeap q;
  for (std::size_t i = 0; i < n; ++i) q.push({inc[i & 0xffff], static_cast<std::uint32_t>(i), 0});
  std::size_t k = 0;
  for (auto _ : state) {
    const auto e = q.pop();
    q.push({e.time + inc[++k & 0xffff], e.target, 0});
  }
  state.SetItemsProcessed(state.iterations());
}

template <class Queue>
void heap_hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto inc = increments(1 << 16);
  Queue q;
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) q.push({inc[i & 0xffff], seq++, static_cast<std::uint32_t>(i)});
  std::size_t k = 0;
  for (auto _ : state) {
    const TimedEntry e = q.top();
    q.pop();
    q.push({e.time + inc[++k & 0xffff], seq++, e.id});
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(radix_heap_hold)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(heap_hold<last100::bench::BinaryHeap>)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK(heap_hold<last100::bench::QuaternaryHeap>)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Arg(1'000'000);
BENCHMARK_MAIN();
