// M/M/c on a Resource: what a monitor costs. Each customer is a process that requests a unit
// (or requests within a patience), holds it for an exponential service and leaves. The same
// draws in the same order with and without the monitor, so the final tick must agree.

#include "mmc.hpp"

#include <chrono>

#include "last100/sim.hpp"

// The same file builds against an engine from before monitors and timed requests, to measure
// "before" (docs/benchmarks.md); there, --monitor and --patience are refused.
#if __has_include("last100/sim/monitor.hpp")
#define LAST100_BENCH_MONITORS 1
#else
#define LAST100_BENCH_MONITORS 0
#include <stdexcept>
#endif

namespace last100::bench {
namespace {

struct Counts {
  std::uint64_t served = 0;
  std::uint64_t reneged = 0;
};

sim::Process customer(sim::Simulation& s, sim::Resource& r, sim::Duration service, sim::Duration patience,
                      bool timed, Counts& n) {
#if LAST100_BENCH_MONITORS
  if (timed) {
    auto g = co_await r.request_within(patience);
    if (!g) {
      ++n.reneged;
      co_return;
    }
    co_await s.delay(service);
  } else
#else
  (void)patience;
  (void)timed;
#endif
  {
    auto g = co_await r.request();
    co_await s.delay(service);
  }
  ++n.served;
}

sim::Process source(sim::Simulation& s, sim::Resource& r, const MmcOptions& o, Counts& n) {
  sim::Rng rng(o.seed);
  const double mean_service = 60'000.0;  // one minute, in ticks
  const double mean_gap = mean_service / (o.load * o.servers);
  for (std::uint64_t i = 0; i < o.customers; ++i) {
    co_await s.delay(sim::Duration{static_cast<std::int64_t>(rng.exponential(mean_gap))});
    const auto service = sim::Duration{static_cast<std::int64_t>(rng.exponential(mean_service))};
    const auto patience = sim::Duration{static_cast<std::int64_t>(rng.exponential(mean_service))};
    s.start(customer(s, r, service, patience, o.patience, n));
  }
}

}  // namespace

JsonLine run_mmc(const MmcOptions& o) {
  sim::Simulation s;
  sim::Resource r(s, o.servers);
#if LAST100_BENCH_MONITORS
  if (o.monitor) r.enable_monitor();
#else
  if (o.monitor || o.patience) throw std::invalid_argument("this engine has no monitors or timed requests");
#endif
  Counts n;
  s.start(source(s, r, o, n));
  const auto t0 = std::chrono::steady_clock::now();
  s.run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  JsonLine j;
  j.add("model", std::string("mmc"))
      .add("monitor", o.monitor)
      .add("patience", o.patience)
      .add("servers", std::uint64_t{o.servers})
      .add("customers", o.customers)
      .add("seconds", seconds)
      .add("customers_per_second", static_cast<double>(o.customers) / seconds)
      .add("events_per_second", static_cast<double>(s.events_processed()) / seconds)
      .add("served", n.served)
      .add("reneged", n.reneged)
      .add("final_tick", static_cast<std::uint64_t>(sim::ticks(s.now())));
#if LAST100_BENCH_MONITORS
  if (o.monitor) {
    const sim::ResourceMonitor& m = *r.monitor();
    j.add("mean_queue", m.queue_length.mean(s.now()).value_or(-1.0))
        .add("utilisation", m.utilisation(s.now()).value_or(-1.0))
        .add("p90_wait_s", m.waits.percentile(90).value_or(-1.0));
  }
#endif
  return j;
}

}  // namespace last100::bench
