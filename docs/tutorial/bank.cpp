// Tutorial, part 1 (docs/tutorial.md): a bank with three tellers, customers who give up after
// a patience (reneging), and statistics from a monitor. Built and run by CTest.
// [bank-model]
#include <cstdio>

#include "last100/sim.hpp"

using namespace last100::sim;
using namespace std::chrono_literals;

struct Bank {
  Simulation& sim;
  Resource tellers;
  Rng rng;
  int served = 0;
  int reneged = 0;
};

// A customer queues for a teller, but leaves if none is free within `patience`.
Process customer(Bank& bank, Duration patience, Duration service) {
  auto teller = co_await bank.tellers.request_within(patience);
  if (!teller) {  // the patience ran out first: the customer has left the queue
    ++bank.reneged;
    co_return;
  }
  co_await bank.sim.delay(service);
  ++bank.served;
}  // `teller` (a Grant) goes out of scope: the teller is free again

// Customers arrive at random, three a minute on average.
Process arrivals(Bank& bank, int customers) {
  for (int i = 0; i < customers; ++i) {
    co_await bank.sim.delay(from_minutes(bank.rng.exponential(1.0 / 3.0)));
    const Duration patience = from_minutes(bank.rng.exponential(2.0));      // mean 2 min
    const Duration service = from_minutes(bank.rng.exponential(1.0 / 1.2));  // mean 50 s
    bank.sim.start(customer(bank, patience, service));
  }
}
// [/bank-model]

// [bank-run]
int main() {
  Simulation sim;
  Bank bank{sim, Resource(sim, 3), Rng(42)};
  const ResourceMonitor& stats = bank.tellers.enable_monitor();  // opt-in, off by default
  sim.start(arrivals(bank, 20'000));
  sim.run();

  const TimePoint end = sim.now();
  std::printf("%d served, %d reneged (%.1f%%) in %.0f minutes\n", bank.served, bank.reneged,
              100.0 * bank.reneged / (bank.served + bank.reneged), sim.now_minutes());
  std::printf("queue length: mean %.2f, p90 %llu, max %llu\n", *stats.queue_length.mean(end),
              static_cast<unsigned long long>(*stats.queue_length.percentile(90, end)),
              static_cast<unsigned long long>(stats.queue_length.max()));
  std::printf("wait for a teller: mean %.0f s, p90 %.0f s; tellers busy %.0f%% of the time\n",
              *stats.waits.mean(), *stats.waits.percentile(90), 100.0 * *stats.utilisation(end));
  return bank.served > 0 && bank.reneged > 0 ? 0 : 1;
}
// [/bank-run]
