// PHOLD (Fujimoto): logical processes exchange a fixed population of events; each event
// received schedules one new event, usually at a random other process, after a lookahead
// plus an exponential increment. It stresses the queue with a steady, random traffic.

#include "phold.hpp"

#include <chrono>

#include "last100/sim.hpp"

namespace last100::bench {

JsonLine run_phold(const PholdOptions& o) {
  sim::Simulation s;
  sim::Rng rng(o.seed);
  std::uint64_t count = 0;
  std::uint64_t checksum = 0;
  auto on_event = [&](sim::Simulation& sm, std::uint32_t lp) {
    ++count;
    checksum = checksum * 31 + lp;
    const std::uint32_t dest =
        rng.bernoulli(o.remote) ? static_cast<std::uint32_t>(rng.uniform_int(o.lps)) : lp;
    const auto delay = static_cast<std::int64_t>(o.lookahead) + static_cast<std::int64_t>(rng.exponential(o.mean_ticks));
    sm.schedule_in(sim::Duration{delay}, sim::HandlerId{0}, dest);
  };
  s.add_handler(on_event);
  for (std::uint32_t lp = 0; lp < o.lps; ++lp)
    for (std::uint32_t k = 0; k < o.population; ++k)
      s.schedule(sim::at_tick(static_cast<std::int64_t>(rng.exponential(o.mean_ticks))), sim::HandlerId{0}, lp);
  const auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t target = o.events;
  s.run_until([&] { return count >= target; });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  JsonLine j;
  j.add("model", std::string("phold"))
      .add("lps", std::uint64_t{o.lps})
      .add("population", std::uint64_t{o.population})
      .add("remote", o.remote)
      .add("events", o.events)
      .add("seconds", seconds)
      .add("events_per_second", static_cast<double>(o.events) / seconds)
      .add("final_tick", static_cast<std::uint64_t>(sim::ticks(s.now())))
      .add("checksum", checksum);
  return j;
}

}  // namespace last100::bench
