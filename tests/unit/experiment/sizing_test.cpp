// Sizing: the smallest number of servers of an M/M/c queue whose mean wait in queue is below
// a bound, found by simulation on the engine and checked against Erlang C; targets parsed
// from text; a point that cannot be decided is never reported as enough; several resources
// at once against a cost per unit, checked against the cheapest answer of the true model.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "last100/experiment/sizing.hpp"
#include "last100/sim.hpp"

using namespace last100;
using experiment::Comparison;
using experiment::Decision;

namespace {

// --- M/M/c on the engine: times in seconds, one customer's wait recorded when served ---------
struct Waits {
  std::vector<double> values;
};

sim::Process customer(sim::Simulation& s, sim::Resource& servers, Waits& w, double service) {
  const double arrived = sim::to_seconds(s.now().time_since_epoch());
  auto grant = co_await servers.request();
  w.values.push_back(sim::to_seconds(s.now().time_since_epoch()) - arrived);
  co_await s.delay(sim::from_seconds(service));
}

sim::Process source(sim::Simulation& s, sim::Resource& servers, Waits& w, sim::Rng& arrivals, sim::Rng& services,
                    double mean_gap, double mean_service, int customers) {
  for (int i = 0; i < customers; ++i) {
    co_await s.delay(sim::from_seconds(arrivals.exponential(mean_gap)));
    // Service times drawn in arrival order: with FIFO, customer i gets the same service time
    // whatever c is (common random numbers across c).
    s.start(customer(s, servers, w, services.exponential(mean_service)));
  }
}

constexpr double mean_gap = 15.0, mean_service = 60.0;  // offered load a = 4 servers
constexpr int customers = 2000, warmup = 200;

// One replication's KPI: the mean wait in queue after a warm-up (the queue starts empty).
double mean_wait(int c, std::uint32_t replication) {
  sim::Simulation s;
  sim::Resource servers(s, static_cast<std::uint32_t>(c));
  Waits w;
  const sim::RandomStreams streams(0x5eed0000ULL + replication);
  sim::Rng arrivals = streams.stream("arrivals"), services = streams.stream("service");
  s.start(source(s, servers, w, arrivals, services, mean_gap, mean_service, customers));
  s.run();
  double sum = 0;
  for (std::size_t i = warmup; i < w.values.size(); ++i) sum += w.values[i];
  return sum / static_cast<double>(w.values.size() - warmup);
}

// Erlang C: the steady-state mean wait in queue of M/M/c, in seconds.
double erlang_c_wait(int c) {
  const double a = mean_service / mean_gap;
  double term = 1.0, sum = 0.0;  // a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term * c / (c - a);
  const double p_wait = last / (sum + last);
  return p_wait / (c / mean_service - 1.0 / mean_gap);
}

}  // namespace

TEST_CASE("sizing finds the smallest M/M/c server count whose mean wait is below a bound, as Erlang C says",
          "[experiment][sizing]") {
  const double bound = 5.0;  // seconds
  int expected = 5;
  while (erlang_c_wait(expected) > bound) ++expected;
  // Neighbours clearly apart, so the answer is a fact of the model, not of the noise.
  REQUIRE(erlang_c_wait(expected - 1) > 1.5 * bound);
  REQUIRE(erlang_c_wait(expected) < bound / 1.5);

  const auto targets = experiment::parse_targets("wait <= 5");
  const experiment::SizingSampler sample = [](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
    std::vector<std::vector<double>> out(1);
    for (std::uint32_t r = first; r < first + n; ++r) out[0].push_back(mean_wait(static_cast<int>(x[0]), r));
    return out;
  };
  const auto result = experiment::size_one(targets, 5, 60, sample);
  REQUIRE(result.found);
  CHECK(result.x == std::vector<std::int64_t>{expected});
  // Every point tried is decided the way Erlang C says, and its interval is a real one.
  for (const auto& step : result.evidence) {
    INFO("c = " << step.x[0] << ", mean wait " << step.checks[0].mean << " +- " << step.checks[0].half_width);
    CHECK(step.decision == (step.x[0] >= expected ? Decision::met : Decision::not_met));
    CHECK(step.checks[0].half_width > 0.0);
    CHECK(step.replications >= 10);
  }
  // Galloping then bisection tries few points out of 56.
  CHECK(result.evidence.size() <= 6);
}

TEST_CASE("targets are read with their comparison and bound, joined by and", "[experiment][sizing]") {
  const auto t = experiment::parse_targets("p90 <= 720 and delivered_share >= 0.99");
  REQUIRE(t.size() == 2);
  CHECK(t[0].kpi == "p90");
  CHECK(t[0].comparison == Comparison::at_most);
  CHECK(t[0].bound == 720.0);
  CHECK(t[1].kpi == "delivered_share");
  CHECK(t[1].comparison == Comparison::at_least);
  CHECK(t[1].bound == 0.99);
  CHECK(experiment::to_string(t[1]) == "delivered_share >= 0.99");
}

TEST_CASE("a target that cannot be read is refused with what was wrong and an example", "[experiment][sizing]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(experiment::parse_targets("within_12h > 0.9"), Contains(">= or <=") && Contains("within_12h"));
  CHECK_THROWS_WITH(experiment::parse_targets("within_12h >= lots"), Contains("\"lots\"") && Contains("not a number"));
  CHECK_THROWS_WITH(experiment::parse_targets("within_12h >= 0.9 and "), Contains("empty target"));
  CHECK_THROWS_WITH(experiment::parse_targets(">= 0.9"), Contains("not a KPI name"));
  CHECK_THROWS_WITH(experiment::parse_targets("within_12 >= 0.9", {"orders.created", "within_12h", "within_24h"}),
                    Contains("no KPI is named \"within_12\"") && Contains("did you mean within_12h"));
}

TEST_CASE("a point whose mean sits on the bound is undecided at the cap and counted as not enough",
          "[experiment][sizing]") {
  // At x = 3 the values alternate 1 above and 1 below the bound: the mean is on the bound and
  // the interval straddles it however many replications are added. x >= 4 is far above.
  const experiment::SizingSampler sample = [](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
    std::vector<std::vector<double>> out(1);
    for (std::uint32_t r = first; r < first + n; ++r) {
      const double noise = r % 2 ? 1.0 : -1.0;
      out[0].push_back(x[0] < 3 ? 0.0 + noise : x[0] == 3 ? 10.0 + noise : 20.0 + noise);
    }
    return out;
  };
  experiment::SizingOptions options;
  options.max_replications = 40;
  const auto result = experiment::size_one(experiment::parse_targets("service >= 10"), 1, 100, sample, options);
  REQUIRE(result.found);
  CHECK(result.x[0] == 4);
  bool saw_undecided = false;
  for (const auto& step : result.evidence)
    if (step.x[0] == 3) {
      saw_undecided = true;
      CHECK(step.decision == Decision::undecided);
      CHECK(step.replications == 40);
    }
  CHECK(saw_undecided);
}

TEST_CASE("a range whose top does not meet the target reports that nothing was found", "[experiment][sizing]") {
  const experiment::SizingSampler sample = [](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
    std::vector<std::vector<double>> out(1);
    for (std::uint32_t r = first; r < first + n; ++r) out[0].push_back(static_cast<double>(x[0]) + (r % 2 ? 0.1 : -0.1));
    return out;
  };
  const auto result = experiment::size_one(experiment::parse_targets("x >= 50"), 1, 20, sample);
  CHECK_FALSE(result.found);
  CHECK(result.x.empty());
  CHECK(result.evidence.back().x[0] == 20);
  // A range of one amount is tried once.
  CHECK(experiment::size_one(experiment::parse_targets("x >= 50"), 7, 7, sample).evidence.size() == 1);
  CHECK_THROWS_AS(experiment::size_one(experiment::parse_targets("x >= 50"), 5, 4, sample), experiment::SizingError);
}

TEST_CASE("two resources are sized together at the least cost the true model allows", "[experiment][sizing]") {
  // KPI = 2 a + 5 b plus normal noise shared by replication (common random numbers). The
  // target 16.5 sits 0.5 from every mean the model can take, so each point is decided.
  const std::vector<experiment::Resource> resources{{"a", 0, 10, 1.0}, {"b", 0, 5, 3.0}};
  const experiment::SizingSampler sample = [](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
    std::vector<std::vector<double>> out(1);
    for (std::uint32_t r = first; r < first + n; ++r) {
      sim::Rng rng(0xabc0 + r);
      out[0].push_back(2.0 * static_cast<double>(x[0]) + 5.0 * static_cast<double>(x[1]) + rng.normal(0.0, 0.5));
    }
    return out;
  };
  // The answer from the true means: least cost, ties to the smaller first amount.
  double best_cost = std::numeric_limits<double>::infinity();
  std::vector<std::int64_t> best;
  for (std::int64_t a = 0; a <= 10; ++a)
    for (std::int64_t b = 0; b <= 5; ++b)
      if (2 * a + 5 * b >= 17 && static_cast<double>(a + 3 * b) < best_cost) {
        best_cost = static_cast<double>(a + 3 * b);
        best = {a, b};
      }
  const auto result = experiment::size_cheapest(experiment::parse_targets("kpi >= 16.5"), resources, sample);
  REQUIRE(result.found);
  CHECK(result.x == best);
  CHECK(result.cost == best_cost);
  // The search tries far fewer points than the 66 combinations, and the cost bound spares
  // the combinations that cannot beat the best.
  CHECK(result.evidence.size() < 66 / 2);
  CHECK(result.pruned > 0);
  for (const auto& step : result.evidence)
    CHECK(step.decision == (2 * step.x[0] + 5 * step.x[1] >= 17 ? Decision::met : Decision::not_met));
}

TEST_CASE("every target must hold at a point, and one shown to fail decides it", "[experiment][sizing]") {
  const experiment::SizingSampler sample = [](const std::vector<std::int64_t>& x, std::uint32_t first, std::uint32_t n) {
    std::vector<std::vector<double>> out(2);
    for (std::uint32_t r = first; r < first + n; ++r) {
      const double e = r % 2 ? 0.2 : -0.2;
      out[0].push_back(static_cast<double>(x[0]) + e);         // rises with x: needs x >= 5
      out[1].push_back(100.0 - 10.0 * static_cast<double>(x[0]) + e);  // falls with x: needs x >= 8
    }
    return out;
  };
  const auto result = experiment::size_one(experiment::parse_targets("up >= 4.5 and down <= 25"), 0, 30, sample);
  REQUIRE(result.found);
  CHECK(result.x[0] == 8);
  for (const auto& step : result.evidence) {
    REQUIRE(step.checks.size() == 2);
    if (step.x[0] >= 5 && step.x[0] < 8) {
      CHECK(step.checks[0].decision == Decision::met);
      CHECK(step.decision == Decision::not_met);
    }
  }
}
