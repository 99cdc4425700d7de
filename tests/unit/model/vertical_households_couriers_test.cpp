#include <catch2/catch.hpp>

#include <cmath>

#include "last100/model/couriers.hpp"
#include "last100/model/households.hpp"
#include "last100/model/vertical.hpp"
#include "last100/net/generate.hpp"

using namespace last100;
using namespace last100::model;
using namespace std::chrono_literals;

TEST_CASE("stairs and lift times follow their per-floor parameters", "[world][model]") {
  VerticalParams v;  // 12 s per floor, x1.4 loaded, lift: 45 s wait + 3 s per floor + 8 s stop, down x0.6
  CHECK(stairs_up(v, 1, true) == 0s);
  CHECK(stairs_up(v, 6, false) == 60s);
  CHECK(stairs_up(v, 6, true) == 5 * 16800ms);
  CHECK(stairs_down(v, 6) == 5 * 7200ms);
  CHECK(lift_ride(v, 6) == 68s);
  CHECK(lift_between(v, 3, 7) == 20s);
  CHECK(lift_between(v, 7, 3) == 20s);
  CHECK(lift_between(v, 4, 4) == 0s);
  CHECK(lift_ride(v, 1) == 0s);
  CHECK(vertical_round_trip(v, false, 6) == 84s + 36s);
  CHECK(vertical_round_trip(v, true, 6) == 136s);
  CHECK(vertical_round_trip(v, true, 1) == 0s);
  // A lift beats stairs in a tall building and loses on the second floor.
  CHECK(vertical_round_trip(v, true, 18) < vertical_round_trip(v, false, 18));
  CHECK(vertical_round_trip(v, true, 2) > vertical_round_trip(v, false, 2));
}

TEST_CASE("sampled lift waits average to the mean wait", "[world][model]") {
  VerticalParams v;
  sim::Rng rng(5);
  const int n = 20000;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += sim::to_seconds(sample_vertical_round_trip(v, true, 6, rng));
  // Two exponential waits (sd 45 s each) plus 30 s of riding and two 8 s stops; mean 136 s.
  const double se = std::sqrt(2.0) * 45.0 / std::sqrt(n);
  CHECK(std::abs(sum / n - 136.0) < 3 * se);
  CHECK(sample_vertical_round_trip(v, false, 6, rng) == vertical_round_trip(v, false, 6));
}

TEST_CASE("households fill every unit and floor with the drawn shares", "[world][model]") {
  model::AreaParams ap;
  ap.buildings = 300;
  ap.compounds = 10;
  const net::Area area = net::generate_area(ap, 1);
  PopulationParams pp;
  const Households h = build_households(area, pp, sim::Rng(9));
  REQUIRE(h.count() == area.household_count());
  REQUIRE(h.count() == 300u * 3 * 6 * 2);
  double size = 0, limited = 0, immediate = 0;
  for (std::size_t i = 0; i < h.count(); ++i) {
    size += h.size[i];
    limited += h.limited_mobility[i];
    immediate += h.pickup[i] == PickupClass::immediate ? 1 : 0;
    REQUIRE(h.floor[i] >= 1);
    REQUIRE(h.floor[i] <= 6);
    REQUIRE(area.units()[h.unit[i]].building == h.building[i]);
  }
  const auto n = static_cast<double>(h.count());
  // Size is 1 + Poisson(1.6): sd sqrt(1.6). Shares are binomial.
  CHECK(std::abs(size / n - 2.6) < 3 * std::sqrt(1.6 / n));
  CHECK(std::abs(limited / n - 0.08) < 3 * std::sqrt(0.08 * 0.92 / n));
  CHECK(std::abs(immediate / n - 0.4) < 3 * std::sqrt(0.4 * 0.6 / n));
  CHECK(h.memory_bytes() < 16 * h.count());
}

TEST_CASE("courier time is accounted to the state it was spent in", "[world][model]") {
  CourierGroup g;
  g.name = "locked in";
  g.count = 2;
  Couriers c = build_couriers({g});
  REQUIRE(c.count() == 2);
  const CourierId a = make_id<CourierTag>(0);
  c.set_state(a, CourierState::idle, sim::at_tick(7 * 3'600'000));
  c.set_state(a, CourierState::walking, sim::at_tick(7 * 3'600'000 + 60'000));
  c.set_state(a, CourierState::climbing, sim::at_tick(7 * 3'600'000 + 180'000));
  c.close(sim::at_tick(8 * 3'600'000));
  CHECK(c.time_in(a, CourierState::off_shift) == 7h);
  CHECK(c.time_in(a, CourierState::idle) == 1min);
  CHECK(c.time_in(a, CourierState::walking) == 2min);
  CHECK(c.time_in(a, CourierState::climbing) == 57min);
  CHECK(c.state(a) == CourierState::climbing);
  CHECK(c.total_in(CourierState::off_shift) == 7h + 8h);  // the other courier never started
  CHECK_THROWS_AS(c.set_state(a, CourierState::idle, sim::at_tick(0)), std::logic_error);
  c.reset();
  CHECK(c.time_in(a, CourierState::idle) == 0s);
}

TEST_CASE("a courier is on shift only after arriving and within shift hours", "[world][model]") {
  CourierGroup g;
  g.count = 1;
  g.origin = CourierOrigin::reinforcement;
  g.arrives_at = 24h + 6h;  // the second day, 06:00
  const Couriers c = build_couriers({g});
  const CourierId a = make_id<CourierTag>(0);
  CHECK_FALSE(c.on_shift(a, sim::TimePoint{8h}));
  CHECK_FALSE(c.on_shift(a, sim::TimePoint{24h + 6h + 30min}));
  CHECK(c.on_shift(a, sim::TimePoint{24h + 7h}));
  CHECK_FALSE(c.on_shift(a, sim::TimePoint{24h + 19h}));
  CHECK(c.origin(a) == CourierOrigin::reinforcement);
  g.shift_end = 6h;
  CHECK_THROWS_AS(build_couriers({g}), std::invalid_argument);
}
