// Demand by household size: with by_household_size, each person orders at the same rate, so a
// household's orders are proportional to its size; without it, every household alike.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "last100/model/demand.hpp"
#include "last100/model/world.hpp"

using namespace last100;

namespace {
// Orders and households (or persons) per household size 1..8 in a generated world.
struct BySize {
  std::array<double, 9> orders{}, households{};
  double total_orders = 0, total_households = 0, total_persons = 0;
};
BySize tally(bool by_size, bool equivalence = false) {
  model::WorldParams p;
  p.area.compounds = 20;
  p.area.buildings = 200;  // 200 x 3 units x 6 floors x 2 = 7,200 households
  p.demand = model::typical_demand();
  p.demand.by_household_size = by_size;
  p.demand.size_by_equivalence = equivalence;
  p.couriers.push_back({});
  p.couriers.back().count = 1;
  p.run.duration = std::chrono::hours{72};
  p.run.seed = 4;
  const model::World w = model::build_world(p);
  BySize t;
  for (std::size_t h = 0; h < w.households.count(); ++h) {
    const auto s = std::min<std::size_t>(w.households.size[h], 8);
    t.households[s] += 1;
    t.total_households += 1;
    t.total_persons += w.households.size[h];
  }
  for (std::size_t o = 0; o < w.orders.count(); ++o) {
    const auto h = w.orders.household(make_id<model::OrderTag>(o)).index();
    t.orders[std::min<std::size_t>(w.households.size[h], 8)] += 1;
    t.total_orders += 1;
  }
  return t;
}
constexpr double z999 = 3.29;
}  // namespace

TEST_CASE("with demand by household size, every person orders at the same rate", "[world][model]") {
  const BySize t = tally(true);
  // Given the total, size class k's count is binomial with p = persons in k / all persons.
  for (std::size_t k = 1; k <= 4; ++k) {
    const double p = t.households[k] * static_cast<double>(k) / t.total_persons;
    const double expected = t.total_orders * p;
    INFO("size " << k << ": " << t.orders[k] << " orders, expected " << expected);
    REQUIRE(expected > 100);
    CHECK(std::abs(t.orders[k] - expected) < z999 * std::sqrt(expected * (1 - p)));
  }
}

TEST_CASE("with the equivalence scale, a household orders in proportion to 1 + 0.5 per further member",
          "[world][model]") {
  const BySize t = tally(true, true);
  double weights = 0;
  for (std::size_t k = 1; k <= 8; ++k) weights += t.households[k] * (1.0 + 0.5 * static_cast<double>(k - 1));
  for (std::size_t k = 1; k <= 4; ++k) {
    const double p = t.households[k] * (1.0 + 0.5 * static_cast<double>(k - 1)) / weights;
    const double expected = t.total_orders * p;
    INFO("size " << k << ": " << t.orders[k] << " orders, expected " << expected);
    REQUIRE(expected > 100);
    CHECK(std::abs(t.orders[k] - expected) < z999 * std::sqrt(expected * (1 - p)));
  }
  // And not in proportion to size: four-person homes get clearly fewer orders than that rule.
  const double per_person = t.total_orders * t.households[4] * 4.0 / t.total_persons;
  CHECK(t.orders[4] < per_person - z999 * std::sqrt(per_person));
}

TEST_CASE("without it, every household orders at the same rate whatever its size", "[world][model]") {
  const BySize t = tally(false);
  for (std::size_t k = 1; k <= 4; ++k) {
    const double p = t.households[k] / t.total_households;
    const double expected = t.total_orders * p;
    INFO("size " << k << ": " << t.orders[k] << " orders, expected " << expected);
    CHECK(std::abs(t.orders[k] - expected) < z999 * std::sqrt(expected * (1 - p)));
  }
}

TEST_CASE("demand by household size keeps the area's total rate", "[world][model]") {
  const BySize a = tally(true), b = tally(false);
  // The size rule only redirects each order's household (with coins of its own stream), so
  // the counts per hour, and so the totals, are the same draws.
  CHECK(a.total_orders == b.total_orders);
}
