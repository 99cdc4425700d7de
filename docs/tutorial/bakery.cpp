// Tutorial, part 2 (docs/tutorial.md): a bakery with a bounded shelf (a Store), an oven that
// breaks down (an interrupt), customers that return what they bought (ProcessOf<T>) and a
// capturing lambda started safely with start(fn, args...). Built and run by CTest.
// [bakery-model]
#include <cstdio>
#include <optional>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

struct Bakery {
  Simulation& sim;
  Store<int> shelf;  // loaf numbers; room for 6
  Rng rng;
  int breakdowns = 0;
};

// The baker bakes a loaf every 4 minutes and shelves it, waiting while the shelf is full.
// A breakdown interrupts whatever the baker is waiting for; the repair takes 30 minutes.
Process baker(Bakery& b) {
  for (int loaf = 1;; ++loaf) {
    bool broken = false;
    try {
      co_await b.sim.delay(4min);
      co_await b.shelf.put(loaf);
    } catch (const Interrupted&) {
      broken = true;  // (co_await is not allowed inside a catch block)
    }
    if (broken) {
      ++b.breakdowns;
      co_await b.sim.delay(30min);
    }
  }
}

// The oven fails after an exponential time (mean 4 h) counted from the end of each repair.
Process oven(Bakery& b, ProcessId baker_id) {
  for (;;) {
    co_await b.sim.delay(from_minutes(b.rng.exponential(240.0)));
    b.sim.interrupt(baker_id, 1, "the oven broke down");
    co_await b.sim.delay(30min);
  }
}

// A customer waits up to 10 minutes for a loaf and returns its number (0: went home without).
ProcessOf<int> customer(Bakery& b) {
  const std::optional<int> loaf = co_await b.shelf.get_within(10min);
  co_return loaf.value_or(0);
}

// A parent sends a child to the bakery and waits for the child to come back.
Process parent(Bakery& b, int& fed) {
  const int loaf = co_await b.sim.join(b.sim.start(customer(b)));
  if (loaf != 0) ++fed;
}
// [/bakery-model]

// [bakery-run]
int main() {
  Simulation sim;
  Bakery b{sim, Store<int>(sim, 6), Rng(7)};
  const StoreMonitor& shelf = b.shelf.enable_monitor();
  const ProcessId baker_id = sim.start(baker(b));
  sim.start(oven(b, baker_id));

  // A lambda with captures, started with its argument: the simulation keeps both alive.
  std::vector<ProcessResult<int>> customers;
  int fed = 0;
  sim.start(
      [&](int count) -> Process {
        for (int i = 0; i < count; ++i) {
          co_await sim.delay(from_minutes(b.rng.exponential(5.0)));
          if (i % 10 == 0) sim.start(parent(b, fed));
          else customers.push_back(sim.start(customer(b)));
        }
      },
      1000);
  sim.run_until(at_tick(0) + 100h);

  int bought = 0;
  for (const auto& c : customers) bought += c.has_value() && c.value() != 0;
  std::printf("%d of %zu customers bought a loaf; %d families fed; %d breakdowns\n", bought,
              customers.size(), fed, b.breakdowns);
  std::printf("loaves on the shelf: mean %.1f; customers waiting: mean %.2f; %zu gave up\n",
              *shelf.length.mean(sim.now()), *shelf.getters.mean(sim.now()), shelf.abandoned.count());
  return bought > 0 && b.breakdowns > 0 ? 0 : 1;
}
// [/bakery-run]
