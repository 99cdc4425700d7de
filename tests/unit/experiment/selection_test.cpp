// Selection with the KN procedure: the probability of correct selection holds in the least
// favourable configuration (the best one delta ahead of four equal others) over 200 seeded
// trials, and on five M/M/c variants whose mean waits come from Erlang C; minimisation;
// options that cannot be told apart at the cap; batches do not matter.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "last100/experiment/selection.hpp"
#include "last100/sim/random.hpp"

using namespace last100;

namespace {

// Normal KPI values with the given means: replication r of every option shares a common
// term (common random numbers), and each option adds its own noise. The value of (option,
// replication) depends on nothing else, so asking again or in other batches gives it back.
experiment::Sampler normal_options(std::vector<double> means, std::uint64_t seed, double common_sd = 1.0,
                                   double own_sd = 1.0) {
  return [means = std::move(means), seed, common_sd, own_sd](std::size_t option, std::uint32_t first, std::uint32_t n) {
    std::vector<double> out;
    for (std::uint32_t r = first; r < first + n; ++r) {
      const sim::RandomStreams streams(seed ^ (0x9e3779b97f4a7c15ULL * (r + 1)));
      auto common = streams.stream("common");
      auto own = streams.stream("own", option);
      out.push_back(means[option] + common.normal(0.0, common_sd) + own.normal(0.0, own_sd));
    }
    return out;
  };
}

// Five M/M/c variants (servers, service rate per minute) at 4 arrivals a minute. A
// replication's KPI is the mean of 100 waits drawn from the queue's stationary distribution:
// a customer waits with the Erlang C probability, then an exponential time with rate
// c mu - lambda, so the KPI's mean is Erlang C's mean wait exactly. The same uniforms drive
// every variant in a replication (common random numbers by inversion).
struct Variant {
  int c;
  double mu;
};
const std::vector<Variant> variants{{7, 0.8}, {5, 1.2}, {6, 1.0}, {8, 0.7}, {6, 0.95}};
constexpr double lambda = 4.0;

double erlang_c(const Variant& v) {  // probability of waiting
  const double a = lambda / v.mu;
  double term = 1.0, sum = 0.0;
  for (int k = 0; k < v.c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term * v.c / (v.c - a);
  return last / (sum + last);
}

double mean_wait(const Variant& v) { return erlang_c(v) / (v.c * v.mu - lambda); }

experiment::Sampler mmc_variants(std::uint64_t seed) {
  return [seed](std::size_t option, std::uint32_t first, std::uint32_t n) {
    const Variant& v = variants[option];
    const double p_wait = erlang_c(v), rate = v.c * v.mu - lambda;
    std::vector<double> out;
    for (std::uint32_t r = first; r < first + n; ++r) {
      auto rng = sim::RandomStreams(seed).stream("waits", r);
      double sum = 0.0;
      for (int j = 0; j < 100; ++j) {
        const double u = rng.uniform01(), e = rng.standard_exponential();
        sum += u < p_wait ? e / rate : 0.0;
      }
      out.push_back(sum / 100.0);
    }
    return out;
  };
}

}  // namespace

TEST_CASE("KN picks the M/M/c variant with the shortest mean wait in at least 95% of 200 trials",
          "[experiment][selection]") {
  std::vector<double> w;
  for (const auto& v : variants) w.push_back(mean_wait(v));
  const auto best = static_cast<std::size_t>(std::min_element(w.begin(), w.end()) - w.begin());
  auto sorted = w;
  std::sort(sorted.begin(), sorted.end());
  experiment::SelectionOptions o;
  o.goal = experiment::Goal::minimize;
  o.delta = sorted[1] - sorted[0];  // the runner-up exactly delta behind: the zone's edge
  REQUIRE(o.delta > 0.01);
  constexpr int trials = 200;
  int correct = 0;
  for (int t = 0; t < trials; ++t) correct += experiment::select_best(variants.size(), mmc_variants(77 + t), o).winner == best;
  const double floor = 0.95 - 3.0 * std::sqrt(0.95 * 0.05 / trials);
  INFO("correct " << correct << " of " << trials);
  CHECK(correct >= static_cast<int>(std::ceil(floor * trials)));
}

TEST_CASE("KN picks the best of five options one delta apart in at least 95% of 200 trials",
          "[experiment][selection]") {
  // Slippage configuration, the least favourable for an indifference-zone guarantee: the
  // best (option 2) exactly delta above four equal others.
  constexpr double delta = 0.5;
  constexpr int trials = 200;
  experiment::SelectionOptions o;
  o.goal = experiment::Goal::maximize;
  o.alpha = 0.05;
  o.delta = delta;
  o.first_stage = 10;
  int correct = 0;
  std::uint64_t total_runs = 0;
  for (int t = 0; t < trials; ++t) {
    const auto res = experiment::select_best(5, normal_options({0, 0, delta, 0, 0}, 1000 + t), o);
    REQUIRE(res.stop == experiment::SelectionStop::one_left);
    correct += res.winner == 2;
    total_runs += res.replications_sampled;
    REQUIRE(res.eliminated.size() == 4);
  }
  // Binomial tolerance: 3 standard deviations below 0.95 at 200 trials.
  const double floor = 0.95 - 3.0 * std::sqrt(0.95 * 0.05 / trials);
  INFO("correct " << correct << " of " << trials << ", mean runs per trial " << total_runs / trials);
  CHECK(correct >= static_cast<int>(std::ceil(floor * trials)));
}

TEST_CASE("KN selects the smallest mean when asked to minimise, eliminating clearly worse options early",
          "[experiment][selection]") {
  experiment::SelectionOptions o;
  o.goal = experiment::Goal::minimize;
  o.delta = 1.0;
  const auto res = experiment::select_best(4, normal_options({30, 12, 20, 40}, 7), o);
  CHECK(res.winner == 1);
  CHECK(res.stop == experiment::SelectionStop::one_left);
  REQUIRE(res.eliminated.size() == 3);
  // Means 8 or more standard deviations of a difference apart: out at the first screening.
  for (const auto& e : res.eliminated) CHECK(e.stage == 10);
  CHECK(res.means[1] == Approx(12.0).margin(1.5));
  CHECK(res.eta > 0.0);
}

TEST_CASE("options that cannot be told apart by the cap are reported as such", "[experiment][selection]") {
  experiment::SelectionOptions o;
  o.delta = 0.01;  // a tiny indifference zone needs thousands of runs
  o.max_replications = 20;
  const auto res = experiment::select_best(3, normal_options({5, 5, -100}, 3), o);
  CHECK(res.stop == experiment::SelectionStop::cap);
  CHECK(res.not_told_apart == std::vector<std::size_t>{0, 1});
  CHECK((res.winner == 0 || res.winner == 1));
  REQUIRE(res.eliminated.size() == 1);
  CHECK(res.eliminated[0].option == 2);
  CHECK(res.eliminated[0].stage == 10);
  CHECK(res.replications_used[2] == 10);
  CHECK(res.replications_used[0] == 20);
  CHECK(res.replications_sampled == 20 + 20 + 10);
}

TEST_CASE("identical options under common random numbers end in a tie at KN's last stage", "[experiment][selection]") {
  experiment::SelectionOptions o;
  o.delta = 0.5;
  // Own noise 0: every option's value is the common term plus its mean.
  const auto res = experiment::select_best(3, normal_options({1, 1, 0}, 11, 1.0, 0.0), o);
  CHECK(res.stop == experiment::SelectionStop::final_stage);
  CHECK(res.not_told_apart == std::vector<std::size_t>{0, 1});
  CHECK(res.winner == 0);
}

TEST_CASE("the batch size changes how runs are asked for, not the selection", "[experiment][selection]") {
  experiment::SelectionOptions o;
  o.delta = 0.3;
  const auto sample = normal_options({0.0, 0.2, 0.5, 0.1, 0.45}, 21);
  const auto one = experiment::select_best(5, sample, o);
  o.batch = 7;
  const auto seven = experiment::select_best(5, sample, o);
  CHECK(one.winner == seven.winner);
  CHECK(one.stages == seven.stages);
  REQUIRE(one.eliminated.size() == seven.eliminated.size());
  for (std::size_t i = 0; i < one.eliminated.size(); ++i) {
    CHECK(one.eliminated[i].option == seven.eliminated[i].option);
    CHECK(one.eliminated[i].stage == seven.eliminated[i].stage);
  }
  CHECK(seven.replications_sampled >= one.replications_sampled);
}

TEST_CASE("selection settings that cannot work are refused", "[experiment][selection]") {
  const auto sample = normal_options({0, 1}, 1);
  experiment::SelectionOptions o;
  CHECK_THROWS_WITH(experiment::select_best(2, sample, o), Catch::Matchers::Contains("delta"));
  o.delta = 1;
  CHECK_THROWS_AS(experiment::select_best(1, sample, o), experiment::SelectionError);
  o.first_stage = 1;
  CHECK_THROWS_WITH(experiment::select_best(2, sample, o), Catch::Matchers::Contains("n0 >= 2"));
}
