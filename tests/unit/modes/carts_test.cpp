// Carts and e-tricycles at the gates (issue 10, item 5): a courier takes a free one when more
// waits at the gate than it carries by hand, loads up to the cart's capacity and rides.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

// A busy day for one courier (six times the demand) in a spread-out area.
model::WorldParams busy(std::uint64_t seed, std::uint32_t carts) {
  model::WorldParams p = small_world(seed);
  p.area.building_spacing_m = 60.0;
  p.demand.surges = {{0, 6.0, {}}};
  p.couriers[0].count = 1;
  p.carts.per_compound = carts;
  return p;
}

int handed_over_in_a_day(const model::WorldParams& p) {
  return handed_over_before(run(model::build_world(p), mode_run("relay")).world.orders, sim::TimePoint{24h});
}

}  // namespace

TEST_CASE("A cart lets a busy courier deliver more in a day", "[modes][carts]") {
  std::vector<double> d;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) d.push_back(handed_over_in_a_day(busy(seed, 1)) - handed_over_in_a_day(busy(seed, 0)));
  const Paired p = paired(d);
  CAPTURE(p.mean, p.half_width);
  CHECK(p.mean - p.half_width > 0);
}

TEST_CASE("Couriers ride between buildings only with a cart: walking time falls", "[modes][carts]") {
  const auto walking = [](std::uint32_t carts) {
    const auto r = run(model::build_world(busy(5, carts)), mode_run("relay"));
    return time_in_state(r.world.couriers, model::CourierState::walking);
  };
  CHECK(walking(1) < walking(0));
}
