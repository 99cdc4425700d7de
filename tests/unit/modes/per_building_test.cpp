// Issue 4 acceptance: helping reduces the worst building's p90, and the crossover between
// per-building binding (Guanghuili) and the shared pool of the relay (Jiuxianqiao).
//
// The crossover worlds share everything but the layout and the binding: a fast relay (four
// vans every 15 minutes, 3-minute loading) so that lead time is made inside the zone, four
// couriers on 07:00-20:00, demand placed 07:00-19:00 with a surge on the day simulated.
// The numbers found when these tests were written (seed 11; seeds 1-8 agree in direction),
// lead time in minutes, reported in docs/modes.md:
//   A compact, even    relay p50 26.8 p90 34.4 worst-building p90 38.9
//                      per_building p50 24.2 p90 30.1 worst 32.6
//   B spread, uneven   relay p50 37.7 p90 54.1 worst 69.6 (home_compound_first = false: p90 53.5 worst 61.4)
//                      per_building (binding 0-4,5,6,7, helping none) p50 51.2 p90 104.2 worst 132.8
//   C spread, even     per_building (balanced, helping none) p50 28.5 p90 40.5 worst 49.0
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;

model::WorldParams fast_relay(model::WorldParams p) {
  p.vehicles.count = 4;
  p.vehicles.interval = 15min;
  p.vehicles.load_time = 3min;
  p.vehicles.unload_time = 3min;
  p.couriers[0].count = 4;
  p.demand = daytime_demand();
  return p;
}

// A: one compound of 8 buildings 20 m apart, 20 households each, demand x4 (about 575 orders).
model::WorldParams compact_even() {
  model::WorldParams p = fast_relay(small_world(11));
  p.area.compounds = 1;
  p.area.buildings = 8;
  p.area.units_per_building = 2;
  p.area.floors = 5;
  p.area.building_spacing_m = 20.0;
  p.demand.surges = {{0, 4.0}};
  return p;
}

// B and C: four compounds 700 m apart, two buildings each 100 m apart, 8 households a
// building, demand x3 (about 190 orders).
model::WorldParams spread_out() {
  model::WorldParams p = fast_relay(small_world(11));
  p.area.compounds = 4;
  p.area.buildings = 8;
  p.area.units_per_building = 1;
  p.area.floors = 4;
  p.area.building_spacing_m = 100.0;
  p.area.compound_spacing_m = 700.0;
  p.demand.surges = {{0, 3.0}};
  return p;
}

// Courier 0 owns buildings 0-4 (five eighths of the households, in compounds 0, 1 and 2);
// couriers 1-3 own one building each.
const std::string uneven_binding = "0-4,5,6,7";

}  // namespace

TEST_CASE("Helping other buildings reduces the worst building's p90 lead time when loads are uneven", "[modes]") {
  // Courier 0 is bound to five buildings, the three others to one each. Without helping the
  // others sit idle while courier 0's queues grow (PerBuildingMode::to_help returns nothing),
  // so one of courier 0's buildings has the worst p90; with most_backlog an idle courier takes
  // a load from the building with the longest queue, which is one of courier 0's.
  const model::World world = model::build_world(compact_even());
  const auto none = run(world, mode_run("per_building", {{"binding", uneven_binding}, {"helping", std::string("none")}}));
  const auto most = run(world, mode_run("per_building", {{"binding", uneven_binding}, {"helping", std::string("most_backlog")}}));
  const auto nearest = run(world, mode_run("per_building", {{"binding", uneven_binding}, {"helping", std::string("nearest")}}));
  CAPTURE(none.summary.worst_building_p90_minutes, most.summary.worst_building_p90_minutes,
          nearest.summary.worst_building_p90_minutes);
  CHECK(most.summary.worst_building_p90_minutes < none.summary.worst_building_p90_minutes);
  CHECK(nearest.summary.worst_building_p90_minutes < none.summary.worst_building_p90_minutes);
  // The worst building without helping is one of courier 0's.
  const auto& p90 = none.summary.building_p90_minutes;
  REQUIRE(p90.size() == 8);
  const auto worst = static_cast<std::size_t>(std::max_element(p90.begin(), p90.end()) - p90.begin());
  CHECK(worst <= 4);
  // Helping moves work, it does not create or lose it.
  CHECK(most.summary.orders.delivered >= none.summary.orders.delivered);
}

TEST_CASE("Per-building binding beats the shared pool on a compact, evenly loaded area", "[modes]") {
  // Balanced binding gives each of the four couriers two neighbouring buildings; the relay's
  // couriers take route-area batches of four buildings (route_area_size = 4, the default).
  // Bound couriers therefore run shorter tours from their own queues, so an order waits less
  // behind the others of its tour, and hand over 20% quicker in buildings they know
  // (familiar_handover_factor 0.8). Walking is short either way in a compact compound.
  const model::World world = model::build_world(compact_even());
  const auto relay = run(world, mode_run("relay"));
  const auto bound = run(world, mode_run("per_building"));
  CAPTURE(relay.summary.lead_time_minutes.p50, relay.summary.lead_time_minutes.p90,
          bound.summary.lead_time_minutes.p50, bound.summary.lead_time_minutes.p90);
  CHECK(bound.summary.orders.delivered >= relay.summary.orders.delivered);
  CHECK(bound.summary.lead_time_minutes.p90 < relay.summary.lead_time_minutes.p90);
  CHECK(bound.summary.lead_time_minutes.p50 < relay.summary.lead_time_minutes.p50);
  CHECK(bound.summary.worst_building_p90_minutes < relay.summary.worst_building_p90_minutes);
}

TEST_CASE("The shared pool beats per-building binding when the area is spread out and loads are uneven", "[modes]") {
  // Courier 0 is bound to five of the eight buildings, across three compounds 700 m apart,
  // and nobody helps: its orders queue while the other three couriers idle, and its loads
  // (oldest first across its buildings) send it from compound to compound. The relay's pool
  // hands every batch (one route-area, inside one compound) to whichever courier is free.
  const model::World world = model::build_world(spread_out());
  const auto relay = run(world, mode_run("relay"));
  const auto bound = run(world, mode_run("per_building", {{"binding", uneven_binding}, {"helping", std::string("none")}}));
  CAPTURE(relay.summary.lead_time_minutes.p50, relay.summary.lead_time_minutes.p90,
          bound.summary.lead_time_minutes.p50, bound.summary.lead_time_minutes.p90);
  CHECK(relay.summary.orders.delivered >= bound.summary.orders.delivered);
  CHECK(relay.summary.lead_time_minutes.p90 < bound.summary.lead_time_minutes.p90);
  CHECK(relay.summary.lead_time_minutes.p50 < bound.summary.lead_time_minutes.p50);
  CHECK(relay.summary.worst_building_p90_minutes < bound.summary.worst_building_p90_minutes);
  // The pool's price is walking: its couriers cross between compounds to reach the oldest batch.
  CHECK(relay.summary.courier_utilisation.walking > bound.summary.courier_utilisation.walking);
}

TEST_CASE("Distance alone does not favour the pool: evenly bound couriers stay in their own compound", "[modes]") {
  // The same spread-out area with balanced binding (two buildings of one compound per
  // courier) and no helping: bound couriers never leave their compound, while the relay's
  // couriers walk 700 m between compounds to reach the oldest batch. In this model the
  // crossover is driven by uneven load (or territories spanning compounds), not by distance.
  const model::World world = model::build_world(spread_out());
  const auto relay = run(world, mode_run("relay"));
  const auto bound = run(world, mode_run("per_building", {{"helping", std::string("none")}}));
  CAPTURE(relay.summary.lead_time_minutes.p90, bound.summary.lead_time_minutes.p90,
          relay.summary.courier_utilisation.walking, bound.summary.courier_utilisation.walking);
  CHECK(bound.summary.lead_time_minutes.p90 < relay.summary.lead_time_minutes.p90);
  CHECK(bound.summary.courier_utilisation.walking < relay.summary.courier_utilisation.walking);
}

TEST_CASE("Grouping relay couriers by compound cuts their walking on a spread-out area", "[modes]") {
  // With home_compound_first each courier serves its own compound and helps elsewhere only
  // after help_after idle; the pure pool sends every courier to the oldest batch anywhere,
  // 700 m away as often as not.
  const model::World world = model::build_world(spread_out());
  const auto grouped = run(world, mode_run("relay"));
  const auto pool = run(world, mode_run("relay", {{"home_compound_first", false}}));
  CAPTURE(grouped.summary.courier_utilisation.walking, pool.summary.courier_utilisation.walking,
          grouped.summary.lead_time_minutes.p90, pool.summary.lead_time_minutes.p90,
          grouped.summary.worst_building_p90_minutes, pool.summary.worst_building_p90_minutes);
  CHECK(grouped.summary.courier_utilisation.walking < pool.summary.courier_utilisation.walking);
  CHECK(grouped.summary.orders.delivered == pool.summary.orders.delivered);
}

TEST_CASE("round_robin with more couriers than buildings: the extra couriers help from the start", "[modes][per_building]") {
  // Issue 8: the couriers owning no building used to take front() of an empty list (SIGSEGV).
  model::WorldParams p = small_world(5);  // 6 buildings
  p.couriers[0].count = 14;
  const model::World world = model::build_world(p);
  for (const char* helping : {"most_backlog", "nearest", "none"}) {
    INFO("helping = " << helping);
    const auto few = run(world, mode_run("per_building", {{"binding", std::string("round_robin")}, {"helping", std::string(helping)}}));
    CHECK(few.summary.orders.delivered > 0);
    // Couriers 6-13 own no building; they must have walked to someone else's.
    bool extra_worked = false;
    for (std::size_t c = 6; c < 14; ++c)
      extra_worked = extra_worked || few.world.couriers.time_in(make_id<model::CourierTag>(c), model::CourierState::walking).count() > 0;
    CHECK(extra_worked);
  }
}
