// Checks the engine's claim that nothing is allocated per event in steady state: the global
// operator new is counted (this program only), a hold model of coroutine processes and one of
// callbacks run until their queues have grown to size, then 200,000 more events must not
// allocate at all. Exit code 0 on success; one line per check.
#include <cstdio>
#include <cstdlib>
#include <new>

#include "last100/sim.hpp"

namespace {
std::size_t allocations = 0;
}

void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t a) {
  ++allocations;
  if (void* p = std::aligned_alloc(static_cast<std::size_t>(a), (n + static_cast<std::size_t>(a) - 1) &
                                                                   ~(static_cast<std::size_t>(a) - 1)))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

using namespace last100::sim;

namespace {

Process holder(Simulation& sim, Rng& rng, std::uint64_t& count) {
  for (;;) {
    co_await sim.delay(Duration{static_cast<std::int64_t>(rng.exponential(1e6))});
    ++count;
  }
}

bool check(const char* what, std::size_t allocated) {
  std::printf("%s: %zu allocations in 200,000 steady-state events\n", what, allocated);
  return allocated == 0;
}

}  // namespace

int main() {
  bool ok = true;
  {
    Simulation sim;
    Rng rng(1);
    std::uint64_t count = 0;
    const std::size_t at_start = allocations;
    for (int i = 0; i < 10'000; ++i) sim.start(holder(sim, rng, count));
    // The counter must see the set-up (frame pool chunks, process table), or it proves nothing.
    if (allocations == at_start) {
      std::puts("the allocation counter saw nothing: the check cannot work");
      return 1;
    }
    sim.run_until([&] { return count >= 2'000'000; });  // buckets reach their working size
    const std::size_t before = allocations;
    sim.run_until([&] { return count >= 2'200'000; });
    ok &= check("coroutine processes", allocations - before);
  }
  {
    Simulation sim;
    Rng rng(2);
    std::uint64_t count = 0;
    auto hold = [&](Simulation& s, std::uint32_t id) {
      ++count;
      s.schedule_in(Duration{static_cast<std::int64_t>(rng.exponential(1e6))}, HandlerId{0}, id);
    };
    sim.add_handler(hold);
    for (std::uint32_t i = 0; i < 10'000; ++i) sim.schedule(at_tick(static_cast<std::int64_t>(rng.exponential(1e6))), HandlerId{0}, i);
    sim.run_until([&] { return count >= 2'000'000; });
    const std::size_t before = allocations;
    sim.run_until([&] { return count >= 2'200'000; });
    ok &= check("callbacks", allocations - before);
  }
  std::puts(ok ? "steady state: no allocation per event" : "steady state: ALLOCATES per event");
  return ok ? 0 : 1;
}
