// Student t intervals: the quantiles against printed tables, and the coverage of 95% intervals
// on a model whose mean is known (replications as last100 forms them, metrics::combine).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "last100/metrics/kpi_table.hpp"
#include "last100/sim/random.hpp"

using namespace last100;

TEST_CASE("t quantiles match the printed table, beyond 30 degrees of freedom too", "[experiment][intervals]") {
  // Printed to three decimals (e.g. Montgomery and Runger, Table V).
  CHECK(metrics::t975(1) == Approx(12.706).margin(5e-4));
  CHECK(metrics::t975(4) == Approx(2.776).margin(5e-4));
  CHECK(metrics::t975(30) == Approx(2.042).margin(5e-4));
  CHECK(metrics::t975(40) == Approx(2.021).margin(5e-4));
  CHECK(metrics::t975(60) == Approx(2.000).margin(5e-4));
  CHECK(metrics::t975(120) == Approx(1.980).margin(5e-4));
  CHECK(metrics::t975(0) == 0.0);
  // Fractional degrees of freedom (Welch) lie between their integer neighbours.
  CHECK(metrics::t_quantile(0.975, 4.5) < metrics::t975(4));
  CHECK(metrics::t_quantile(0.975, 4.5) > metrics::t975(5));
  CHECK(std::isnan(metrics::t_quantile(0.975, 0.0)));
}

namespace {

// The model: arrivals of a Poisson process at 2 per hour over 10 hours, counted by drawing
// exponential gaps; the mean count is exactly 20.
constexpr double true_mean = 20.0;
double arrivals(sim::Rng& rng) {
  double t = rng.exponential(0.5);
  double n = 0;
  while (t < 10.0) ++n, t += rng.exponential(0.5);
  return n;
}

// Share of `experiments` 95% intervals, each from `reps` replications, that cover the mean.
double coverage(std::size_t reps, std::uint64_t seed, std::size_t experiments = 200) {
  sim::RandomStreams streams(seed);
  std::size_t covered = 0;
  for (std::size_t e = 0; e < experiments; ++e) {
    sim::Rng rng = streams.stream("experiment", e);
    std::vector<metrics::KpiValue> xs;
    for (std::size_t r = 0; r < reps; ++r) xs.push_back({arrivals(rng), false});
    const metrics::Estimate est = metrics::combine(xs);
    covered += std::abs(est.mean - true_mean) <= est.half_width;
  }
  return static_cast<double>(covered) / static_cast<double>(experiments);
}

// 0.95 +- 3 standard deviations of a share of 200 Bernoulli(0.95) trials.
const double tolerance = 3.0 * std::sqrt(0.95 * 0.05 / 200.0);

}  // namespace

TEST_CASE("95% t intervals cover the true mean in about 95% of 200 small experiments", "[experiment][intervals]") {
  CHECK(coverage(5, 11) == Approx(0.95).margin(tolerance));
  CHECK(coverage(40, 12) == Approx(0.95).margin(tolerance));
}

TEST_CASE("an interval with the normal quantile at 4 replications covers visibly less than 95%", "[experiment][intervals]") {
  // The check above can fail: the same experiments with 1.96 in place of t(0.975, 4) = 2.776
  // cover about 88% (so a table falling back to the normal quantile too early is caught).
  sim::RandomStreams streams(13);
  std::size_t covered = 0;
  for (std::size_t e = 0; e < 1000; ++e) {
    sim::Rng rng = streams.stream("experiment", e);
    std::vector<metrics::KpiValue> xs;
    for (int r = 0; r < 5; ++r) xs.push_back({arrivals(rng), false});
    const metrics::Estimate est = metrics::combine(xs);
    covered += std::abs(est.mean - true_mean) <= est.half_width / metrics::t975(4) * 1.96;
  }
  CHECK(static_cast<double>(covered) / 1000.0 < 0.95 - 3.0 * std::sqrt(0.95 * 0.05 / 1000.0));
}

TEST_CASE("Welch intervals cover a known difference of means with unequal spreads", "[experiment][intervals]") {
  // Normal samples of sizes 4 and 9 with standard deviations 1 and 4: the difference of means
  // is 3; a pooled-variance interval would miss it more often than 5%.
  sim::RandomStreams streams(21);
  std::size_t covered = 0;
  for (std::size_t e = 0; e < 200; ++e) {
    sim::Rng rng = streams.stream("welch", e);
    std::vector<metrics::KpiValue> a, b;
    for (int i = 0; i < 4; ++i) a.push_back({rng.normal(13.0, 1.0), false});
    for (int i = 0; i < 9; ++i) b.push_back({rng.normal(10.0, 4.0), false});
    const metrics::Estimate d = metrics::welch_difference(a, b);
    covered += std::abs(d.mean - 3.0) <= d.half_width;
  }
  CHECK(static_cast<double>(covered) / 200.0 == Approx(0.95).margin(tolerance));
}

TEST_CASE("a Welch difference with a censored side or one observation has no interval", "[experiment][intervals]") {
  const std::vector<metrics::KpiValue> a{{1.0, false}, {3.0, false}}, one{{2.0, false}}, censored{{1.0, true}, {2.0, false}};
  CHECK(std::isnan(metrics::welch_difference(a, one).half_width));
  CHECK(metrics::welch_difference(a, one).mean == 0.0);
  CHECK(std::isnan(metrics::welch_difference(a, censored).mean));
}
