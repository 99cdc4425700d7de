// Carts at the gate (docs/modes.md, "Carts"), case by case (issue 23): capacity in items and in
// kg, how many carts a gate has, when a courier takes one, that it comes back, and its speed.
// All goods of each case reach the gate in one van load, so the loads follow from the rule.
#include <catch2/catch.hpp>

#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

// One compound, `couriers` couriers carrying 3 items (or `hand_kg`) by hand, and `carts` carts
// of 8 items and 200 kg riding at 2.4 m/s; `n` parcels of `kg` for building 0 placed at 09:00.
struct CartCase {
  std::uint32_t couriers = 1, carts = 1;
  int n = 20;
  float kg = 1.0f;
  double hand_kg = 40.0, cart_kg = 200.0, cart_speed = 2.4;
};

modes::RunResult run_case(const CartCase& k, modes::Trace& trace) {
  model::WorldParams p = quiet_world();
  p.couriers[0].count = k.couriers;
  p.couriers[0].capacity_items = 3;
  p.couriers[0].capacity_kg = k.hand_kg;
  p.couriers[0].walk_speed_mps = 1.2;
  p.carts.per_compound = k.carts;
  p.carts.capacity_items = 8;
  p.carts.capacity_kg = k.cart_kg;
  p.carts.speed_mps = k.cart_speed;
  model::World w = model::build_world(p);
  // Two households of building 0, so that the goods need more than one door.
  for (int i = 0; i < k.n; ++i) place(w, household_at(w, 0, 1 + static_cast<std::uint32_t>(i % 5), i % 2), 1, sim::TimePoint{9h}, model::Category::parcel, k.kg);
  return traced(w, mode_run("relay"), trace);
}

std::vector<std::int64_t> sizes(const std::vector<Load>& loads) {
  std::vector<std::int64_t> out;
  for (const Load& l : loads) out.push_back(l.items);
  return out;
}

}  // namespace

TEST_CASE("With one cart a lone courier carries the cart's load each time while more waits than hands carry", "[modes][carts][mechanisms]") {
  // 20 parcels at the gate, 3 by hand, 8 by cart: 20 > 3 takes the cart (8), 12 > 3 again (8),
  // then 4 > 3 once more (the last 4). Without the cart's item capacity every load is 3; a
  // cart not given back after its first tour leaves 8, then 3s.
  modes::Trace trace;
  const auto r = run_case({}, trace);
  CHECK(sizes(loads_of(trace, 0)) == std::vector<std::int64_t>{8, 8, 4});
  CHECK(r.summary.orders.delivered == 20);
}

TEST_CASE("A cart's weight limit, not the courier's, bounds a cart load", "[modes][carts][mechanisms]") {
  // 4 kg parcels, 5 kg by hand (one parcel), 20 kg by cart (five parcels), 8 items by cart:
  // the loads are 5, 5, 5 and the last 5, never more than 20 kg; by hand they would be 1 each.
  CartCase k;
  k.kg = 4.0f;
  k.hand_kg = 5.0;
  k.cart_kg = 20.0;
  modes::Trace trace;
  run_case(k, trace);
  CHECK(sizes(loads_of(trace, 0)) == std::vector<std::int64_t>{5, 5, 5, 5});
}

TEST_CASE("A gate's one cart is ridden by one courier at a time", "[modes][carts][mechanisms]") {
  // Three couriers of the same compound and 40 parcels arriving at once: all three load
  // together; one has the cart (8), the others carry 3 each. Later loads: a load above 3 is a
  // cart load, and no courier begins one while another's cart tour runs (a courier gives the
  // cart back at the gate before its next load or its wait).
  CartCase k;
  k.couriers = 3;
  k.n = 40;
  modes::Trace trace;
  run_case(k, trace);
  struct Tour {
    sim::TimePoint from, to;
  };
  std::vector<Tour> cart_tours;
  std::vector<std::int64_t> first;
  for (std::uint32_t c = 0; c < 3; ++c) {
    const auto loads = loads_of(trace, c);
    REQUIRE(!loads.empty());
    first.push_back(loads.front().items);
    // The courier's next load or wait ends the tour: the cart is back by then.
    std::vector<sim::TimePoint> ends = entered(trace, c, model::CourierState::idle);
    for (const Load& l : loads) ends.push_back(l.at);
    for (const Load& l : loads) {
      if (l.items <= 3) continue;
      sim::TimePoint to = sim::TimePoint::max();
      for (const auto t : ends)
        if (t > l.at && t < to) to = t;
      cart_tours.push_back({l.at, to});
    }
  }
  std::sort(first.begin(), first.end());
  CHECK(first == std::vector<std::int64_t>{3, 3, 8});
  REQUIRE(cart_tours.size() >= 2);
  for (const Tour& a : cart_tours)
    for (const Tour& b : cart_tours)
      if (&a != &b) CHECK(!(b.from > a.from && b.from < a.to));
}

TEST_CASE("A courier takes the cart only when more waits at the gate than it carries by hand", "[modes][carts][mechanisms]") {
  // Three parcels, three by hand: no cart, so the tour walks exactly as without carts.
  CartCase with, without;
  with.n = without.n = 3;
  without.carts = 0;
  modes::Trace t1, t2;
  const auto a = run_case(with, t1), b = run_case(without, t2);
  CHECK(sizes(loads_of(t1, 0)) == std::vector<std::int64_t>{3});
  CHECK(time_in_state(a.world.couriers, model::CourierState::walking) ==
        time_in_state(b.world.couriers, model::CourierState::walking));
}

TEST_CASE("A ridden tour's walking legs take the courier's walking time scaled by walking over cart speed", "[modes][carts][mechanisms]") {
  // The same loads (8, 8, 4) ridden at 1.2 m/s (the walking speed) and at 2.4 m/s: every
  // walking leg of the tours takes half as long, up to a millisecond of rounding per leg.
  CartCase slow, fast;
  slow.cart_speed = 1.2;
  modes::Trace t1, t2;
  const auto a = run_case(slow, t1), b = run_case(fast, t2);
  REQUIRE(sizes(loads_of(t1, 0)) == sizes(loads_of(t2, 0)));
  const auto walk_a = time_in_state(a.world.couriers, model::CourierState::walking);
  const auto walk_b = time_in_state(b.world.couriers, model::CourierState::walking);
  REQUIRE(walk_a >= 1min);
  const auto legs = static_cast<std::int64_t>(entered(t1, 0, model::CourierState::walking).size());
  CAPTURE(walk_a, walk_b, legs);
  CHECK(std::abs((walk_a - 2 * walk_b).count()) <= 2 * legs);
}
