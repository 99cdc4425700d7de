// Validation against queueing theory: M/M/1 and M/M/c (Erlang C) waiting times, utilisation
// and Little's law, each checked against a confidence interval computed from the run itself
// (batch means), at two loads. Fixed seeds make the outcome reproducible.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "last100/sim.hpp"

using namespace last100::sim;

namespace {

struct QueueStats {
  std::vector<double> waits;       // per customer, in queue, seconds
  std::vector<double> sojourns;    // per customer, in system, seconds
  double busy_area = 0;            // integral of servers busy, server-seconds
  double number_area = 0;          // integral of customers in system
  double last_change = 0;
  int in_system = 0;
  double end_time = 0;
};

void account(QueueStats& st, double now, int busy_before) {
  st.busy_area += busy_before * (now - st.last_change);
  st.number_area += st.in_system * (now - st.last_change);
  st.last_change = now;
}

Process customer(Simulation& sim, Resource& servers, QueueStats& st, Rng& service, double mean_service) {
  const double arrived = to_seconds(sim.now().time_since_epoch());
  account(st, arrived, static_cast<int>(servers.in_use()));
  ++st.in_system;
  auto grant = co_await servers.request();
  const double started = to_seconds(sim.now().time_since_epoch());
  account(st, started, static_cast<int>(servers.in_use()) - 1);
  st.waits.push_back(started - arrived);
  co_await sim.delay(from_seconds(service.exponential(mean_service)));
  const double left = to_seconds(sim.now().time_since_epoch());
  account(st, left, static_cast<int>(servers.in_use()));
  --st.in_system;
  st.sojourns.push_back(left - arrived);
}

Process source(Simulation& sim, Resource& servers, QueueStats& st, Rng& arrivals, Rng& service, double mean_gap,
               double mean_service, int customers) {
  for (int i = 0; i < customers; ++i) {
    co_await sim.delay(from_seconds(arrivals.exponential(mean_gap)));
    sim.start(customer(sim, servers, st, service, mean_service));
  }
}

// Runs an M/M/c queue; times in seconds (tick = 1 ms, so means of minutes keep rounding negligible).
QueueStats run_mmc(int c, double lambda, double mu, int customers, std::uint64_t seed) {
  Simulation sim;
  Resource servers(sim, static_cast<std::uint32_t>(c));
  QueueStats st;
  RandomStreams streams(seed);
  Rng arrivals = streams.stream("arrivals"), service = streams.stream("service");
  sim.start(source(sim, servers, st, arrivals, service, 1.0 / lambda, 1.0 / mu, customers));
  sim.run();
  st.end_time = to_seconds(sim.now().time_since_epoch());
  return st;
}

// Batch means after discarding a warm-up: returns mean and 99% half-width (t with 19 df ~ 2.861).
struct Estimate {
  double mean, half_width;
};
Estimate batch_means(const std::vector<double>& xs, std::size_t warmup, int batches = 20) {
  const std::size_t n = (xs.size() - warmup) / static_cast<std::size_t>(batches);
  std::vector<double> means;
  for (int b = 0; b < batches; ++b) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += xs[warmup + static_cast<std::size_t>(b) * n + i];
    means.push_back(s / static_cast<double>(n));
  }
  double m = 0;
  for (double x : means) m += x;
  m /= batches;
  double v = 0;
  for (double x : means) v += (x - m) * (x - m);
  v /= (batches - 1);
  return {m, 2.861 * std::sqrt(v / batches)};
}

// Erlang C: probability that an arrival waits, for c servers and offered load a = lambda/mu.
double erlang_c(int c, double a) {
  double term = 1, sum = 1;
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double last = term * a / c;
  const double rho = a / c;
  const double top = last / (1 - rho);
  return top / (sum + top);
}

// The busy fraction is (sum of N service times) / (horizon): the sum of N exponential
// services has relative standard error 1/sqrt(N), and the horizon, set by N exponential
// inter-arrival gaps, too; they are independent, so the ratio's relative error is about
// sqrt(2/N). The tolerance is the 99.9% normal quantile of that.
double utilisation_tolerance(double rho, int customers) { return 3.29 * rho * std::sqrt(2.0 / customers); }

}  // namespace

TEST_CASE("M/M/1 mean waiting time matches rho/(mu - lambda) at rho 0.5 and 0.9", "[sim][theory]") {
  const double mu = 1.0 / 60.0;  // one service a minute
  for (double rho : {0.5, 0.9}) {
    const double lambda = rho * mu;
    const int customers = rho < 0.8 ? 100'000 : 400'000;
    const QueueStats st = run_mmc(1, lambda, mu, customers, 11);
    const Estimate w = batch_means(st.waits, st.waits.size() / 10);
    const double theory = rho / (mu - lambda);
    INFO("rho " << rho << ": Wq " << w.mean << " +- " << w.half_width << ", theory " << theory);
    CHECK(std::abs(w.mean - theory) < w.half_width);
    CHECK(std::abs(st.busy_area / st.end_time - rho) < utilisation_tolerance(rho, customers));
  }
}

TEST_CASE("M/M/c mean waiting time matches Erlang C at rho 0.5 and 0.9", "[sim][theory]") {
  const int c = 4;
  const double mu = 1.0 / 120.0;
  for (double rho : {0.5, 0.9}) {
    const double lambda = rho * c * mu;
    const int customers = rho < 0.8 ? 100'000 : 400'000;
    const QueueStats st = run_mmc(c, lambda, mu, customers, 23);
    const Estimate w = batch_means(st.waits, st.waits.size() / 10);
    const double theory = erlang_c(c, lambda / mu) / (c * mu - lambda);
    INFO("rho " << rho << ": Wq " << w.mean << " +- " << w.half_width << ", theory " << theory);
    CHECK(std::abs(w.mean - theory) < w.half_width);
    CHECK(std::abs(st.busy_area / (c * st.end_time) - rho) < utilisation_tolerance(rho, customers));
  }
}

TEST_CASE("Little's law L = lambda W holds on the simulated queue", "[sim][theory]") {
  const double mu = 1.0 / 60.0;
  for (double rho : {0.5, 0.9}) {
    const QueueStats st = run_mmc(1, rho * mu, mu, 200'000, 31);
    const double L = st.number_area / st.end_time;
    const double lambda_hat = static_cast<double>(st.sojourns.size()) / st.end_time;
    const Estimate w = batch_means(st.sojourns, 0);
    // L and lambda*W computed from the same sample path differ only by edge effects; the
    // tolerance is W's own confidence interval scaled by lambda.
    INFO("rho " << rho << ": L " << L << ", lambda W " << lambda_hat * w.mean);
    CHECK(std::abs(L - lambda_hat * w.mean) < lambda_hat * w.half_width);
  }
}
