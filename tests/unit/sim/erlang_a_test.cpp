// Validation of reneging and monitors against queueing theory: M/M/c+M (Erlang-A: Poisson
// arrivals, c exponential servers, exponential patience). Its queue is a birth-death chain
// with birth rate lambda and death rate min(n, c) mu + max(n - c, 0) theta in state n, whose
// stationary law gives the mean queue length E[Q], the mean number of busy servers and the
// abandonment probability theta E[Q] / lambda exactly. The run uses request_within for the
// patience and the resource's monitor for the time-weighted statistics; each figure is
// checked against a 99.9% confidence interval from independent replications (fixed seeds).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;

namespace {

struct Params {
  double lambda = 3.0;  // arrivals per minute
  double mu = 1.2;      // services per minute per server
  double theta = 0.5;   // abandonments per minute per waiting customer (mean patience 2 min)
  std::uint32_t c = 3;
};

struct Theory {
  double queue = 0;    // E[Q]
  double busy = 0;     // E[min(N, c)]
  double abandon = 0;  // P(abandon) = theta E[Q] / lambda
};

Theory erlang_a(const Params& p) {
  // Unnormalised p_n = prod_{k=1..n} lambda / (min(k,c) mu + max(k-c,0) theta); the tail
  // beyond 400 is below 1e-100 for these rates.
  std::vector<double> pn{1.0};
  for (int n = 1; n <= 400; ++n) {
    const double death = std::min<double>(n, p.c) * p.mu + std::max<double>(n - static_cast<double>(p.c), 0) * p.theta;
    pn.push_back(pn.back() * p.lambda / death);
  }
  double total = 0, queue = 0, busy = 0;
  for (std::size_t n = 0; n < pn.size(); ++n) {
    total += pn[n];
    queue += pn[n] * std::max<double>(static_cast<double>(n) - p.c, 0);
    busy += pn[n] * std::min<double>(static_cast<double>(n), p.c);
  }
  return {queue / total, busy / total, p.theta * queue / total / p.lambda};
}

struct Counts {
  std::uint64_t arrived = 0;
  std::uint64_t abandoned = 0;
  bool counting = false;
};

Process customer(Simulation& sim, Resource& servers, Duration patience, Duration service, Counts& n) {
  const bool counted = n.counting;
  if (counted) ++n.arrived;
  auto grant = co_await servers.request_within(patience);
  if (!grant) {
    if (counted) ++n.abandoned;
    co_return;
  }
  co_await sim.delay(service);
}

Process source(Simulation& sim, Resource& servers, const Params& p, Rng& rng, Counts& n) {
  for (;;) {
    co_await sim.delay(from_minutes(rng.exponential(1.0 / p.lambda)));
    const Duration patience = from_minutes(rng.exponential(1.0 / p.theta));
    const Duration service = from_minutes(rng.exponential(1.0 / p.mu));
    sim.start(customer(sim, servers, patience, service, n));
  }
}

struct Replication {
  double queue, busy, abandon;
};

Replication replicate(const Params& p, std::uint64_t seed, double warmup_min, double run_min) {
  Simulation sim;
  Resource servers(sim, p.c);
  Rng rng(seed);
  Counts n;
  sim.start(source(sim, servers, p, rng, n));
  sim.run_until(at_tick(0) + from_minutes(warmup_min));
  const ResourceMonitor& m = servers.enable_monitor();
  n.counting = true;
  sim.run_until(sim.now() + from_minutes(run_min));
  return {*m.queue_length.mean(sim.now()), *m.in_use.mean(sim.now()),
          static_cast<double>(n.abandoned) / static_cast<double>(n.arrived)};
}

// Checks that the mean of `xs` is within a 99.9% t interval (t_{0.9995, 9} = 4.781) of `truth`.
void check_mean(const std::vector<double>& xs, double truth, const char* what) {
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  const double se = std::sqrt(ss / static_cast<double>(xs.size() - 1) / static_cast<double>(xs.size()));
  INFO(what << ": simulated " << mean << " +- " << 4.781 * se << ", theory " << truth);
  CHECK(std::abs(mean - truth) <= 4.781 * se);
  CHECK(se < 0.05 * truth);  // the interval is tight enough to mean something
}

}  // namespace

TEST_CASE("M/M/c with reneging (Erlang-A): abandonment, queue length and busy servers match theory",
          "[sim][engine-api][theory]") {
  const Params p;
  const Theory t = erlang_a(p);
  // Sanity of the theory itself: at these rates about one customer in eight gives up.
  REQUIRE(t.abandon > 0.05);
  REQUIRE(t.abandon < 0.3);
  std::vector<double> queue, busy, abandon;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const Replication r = replicate(p, seed, 200.0, 5000.0);
    queue.push_back(r.queue);
    busy.push_back(r.busy);
    abandon.push_back(r.abandon);
  }
  check_mean(abandon, t.abandon, "P(abandon)");
  check_mean(queue, t.queue, "E[queue length]");
  check_mean(busy, t.busy, "E[busy servers]");
}
