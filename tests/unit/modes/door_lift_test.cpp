// Door hand-over and lift use in a courier's tour (issue 11, items 7-8; docs/validation.md V3):
// a contactless door drop against a face-to-face hand-over, and one lift trip per unit visit.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "modes/tour.hpp"
#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;
using namespace std::chrono_literals;

namespace {

/// One lift tower of 15 floors, two cores, two homes per floor; no demand (orders are added
/// by hand); `couriers` couriers.
model::World lift_tower(std::uint32_t couriers = 1, double lift_share = 1.0) {
  model::WorldParams p = small_world();
  p.area.compounds = 1;
  p.area.buildings = 1;
  p.area.units_per_building = 2;
  p.area.floors = 15;
  p.area.households_per_floor = 2;
  p.area.lift_share = lift_share;
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  p.couriers[0].count = couriers;
  return model::build_world(p);
}

/// Adds one parcel for a home of unit 0 on each of `floors` and returns the orders.
std::vector<model::OrderId> parcels_on_floors(model::World& w, const std::vector<std::uint32_t>& floors) {
  std::vector<model::OrderId> load;
  const auto& hh = w.households;
  for (std::uint32_t f : floors)
    for (std::size_t h = 0; h < hh.building.size(); ++h)
      if (hh.unit[h] == 0 && hh.floor[h] == f) {
        load.push_back(w.orders.add(model::HouseholdId{static_cast<std::uint32_t>(h)}, model::Category::parcel, 1.0f, 0,
                                    sim::TimePoint{0min}));
        break;
      }
  return load;
}

std::size_t lift_waits(const std::vector<modes::detail::Leg>& legs) {
  std::size_t n = 0;
  for (const auto& leg : legs) n += leg.action == modes::detail::LegAction::lift_wait ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a courier visiting k floors in one lift core waits for the lift exactly twice", "[modes][tour][lift]") {
  for (const std::vector<std::uint32_t> floors :
       {std::vector<std::uint32_t>{7}, {2, 9, 14}, {2, 3, 5, 6, 8, 10, 12, 15}, {1, 4, 11}}) {
    model::World w = lift_tower();
    const auto load = parcels_on_floors(w, floors);
    REQUIRE(load.size() == floors.size());
    sim::Simulation sim;
    const modes::Knobs knobs;
    modes::RunContext ctx(sim, w, knobs, 7);
    const auto c = make_id<model::CourierTag>(0);
    const net::PlaceId door = w.area.units()[0].door;
    const auto legs = modes::detail::plan_door_tour(ctx, c, door, door, load);
    CHECK(lift_waits(legs) == 2);
    // Besides the waits the car rides up and down once, stopping at each floor served above
    // the ground and at the ground on the way back.
    const auto& v = w.params.vertical;
    std::uint32_t top = 1, served = 0;
    for (std::uint32_t f : floors) {
      top = std::max(top, f);
      served += f > 1 ? 1 : 0;
    }
    sim::Duration ride{0};
    for (const auto& leg : legs)
      if (leg.state == model::CourierState::climbing && leg.action != modes::detail::LegAction::lift_wait) ride += leg.duration;
    CHECK(ride == v.lift_per_floor * (2 * (top - 1)) + v.lift_stop * (served + 1));
  }
  SECTION("no wait for a home on the ground floor, none in a walk-up") {
    model::World ground = lift_tower();
    const auto load = parcels_on_floors(ground, {1});
    sim::Simulation sim;
    const modes::Knobs knobs;
    modes::RunContext ctx(sim, ground, knobs, 7);
    const net::PlaceId door = ground.area.units()[0].door;
    CHECK(lift_waits(modes::detail::plan_door_tour(ctx, make_id<model::CourierTag>(0), door, door, load)) == 0);

    model::World walkup = lift_tower(1, 0.0);
    const auto up = parcels_on_floors(walkup, {3, 6});
    modes::RunContext ctx2(sim, walkup, knobs, 7);
    const net::PlaceId door2 = walkup.area.units()[0].door;
    CHECK(lift_waits(modes::detail::plan_door_tour(ctx2, make_id<model::CourierTag>(0), door2, door2, up)) == 0);
  }
}

TEST_CASE("lift waits are drawn around the mean wait", "[modes][tour][lift]") {
  // 400 couriers, each with its own stream, plan one visit to floor 10: 800 exponential waits
  // of mean 45 s (sd 45 s). Their mean lies within 3.29 standard errors (99.9%) of 45 s, and
  // they are not all the mean (the tour no longer charges a fixed 45 s).
  constexpr std::uint32_t n = 400;
  model::World w = lift_tower(n);
  const auto load = parcels_on_floors(w, {10});
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 2022);
  const net::PlaceId door = w.area.units()[0].door;
  std::vector<double> waits;
  for (std::uint32_t i = 0; i < n; ++i)
    for (const auto& leg : modes::detail::plan_door_tour(ctx, make_id<model::CourierTag>(i), door, door, load))
      if (leg.action == modes::detail::LegAction::lift_wait) waits.push_back(sim::to_seconds(leg.duration));
  REQUIRE(waits.size() == 2 * n);
  double mean = 0;
  for (double x : waits) mean += x;
  mean /= static_cast<double>(waits.size());
  const double mu = sim::to_seconds(w.params.vertical.lift_wait_mean);
  CHECK(std::abs(mean - mu) < 3.29 * mu / std::sqrt(static_cast<double>(waits.size())));
  CHECK(waits[0] != waits[1]);
}

TEST_CASE("a contactless door drop is faster per order than a face-to-face hand-over", "[modes][tour][door]") {
  // Paired over 8 seeds (same world and demand in both arms): courier working time (walking,
  // climbing, loading, at doors) per delivered order. The drop saves handover - door_drop
  // (25 s) at every first item of a household, so the difference must be clearly positive.
  const auto busy_per_order = [](const modes::RunResult& r) {
    const auto& cs = r.world.couriers;
    sim::Duration busy{0};
    for (auto s : {model::CourierState::walking, model::CourierState::climbing, model::CourierState::loading,
                   model::CourierState::handing_over})
      busy += time_in_state(cs, s);
    return sim::to_seconds(busy) / static_cast<double>(r.summary.orders.delivered);
  };
  std::vector<double> diff;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    model::WorldParams p = small_world(seed);
    p.area.lift_share = 0.5;
    p.demand = daytime_demand();
    model::WorldParams q = p;
    q.zone.door_handover = model::DoorHandover::contactless;
    const model::World contact = model::build_world(p);
    const model::World dropped = model::build_world(q);
    const auto a = run(contact, mode_run("relay"));
    const auto b = run(dropped, mode_run("relay"));
    // Every door delivery is contactless in the second arm (an item found spoiled at the door
    // counts as a drop, not a delivery), face to face in the first.
    CHECK(b.summary.contacts.courier_resident == 0);
    CHECK(b.summary.contacts.contactless_drops >= b.summary.orders.delivered);
    CHECK(a.summary.contacts.contactless_drops == 0);
    diff.push_back(busy_per_order(a) - busy_per_order(b));
  }
  const Paired d = paired(diff);
  CHECK(d.mean - d.half_width > 0.0);
}

TEST_CASE("contactless door drops and lift trips conserve every order in every door mode", "[modes][tour][door]") {
  // run() checks conservation (metrics::ConservationError otherwise): every order placed is
  // delivered, spoiled, cancelled or still open, once.
  model::WorldParams p = small_world(5);
  p.area.lift_share = 1.0;
  p.area.floors = 12;
  p.zone.door_handover = model::DoorHandover::contactless;
  const model::World w = model::build_world(p);
  for (const char* mode : {"relay", "per_building", "group_buy", "shelves"}) {
    INFO(mode);
    const auto r = run(w, mode_run(mode));
    CHECK(r.summary.orders.delivered > 0);
    CHECK(r.summary.orders.delivered + r.summary.orders.spoiled + r.summary.orders.cancelled + r.summary.orders.in_flight ==
          r.summary.orders.created);
  }
}
