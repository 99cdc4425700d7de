// Zone status: in a sealed compound nobody leaves home, so every delivery goes to the door,
// whatever the mode would otherwise do (shelves, mobile stations).
#include <catch2/catch.hpp>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {
std::uint64_t delivered(const experiment::SingleRun& r) { return r.summary.orders.delivered; }
}  // namespace

TEST_CASE("shelves in a sealed zone deliver every order to the door", "[modes]") {
  model::WorldParams p = small_world(7);
  p.demand = daytime_demand();
  p.zone.initial_status = model::ZoneStatus::sealed;
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("shelves"));
  REQUIRE(delivered(r) > 0);
  // Nobody came down to a shelf; each hand-over was at a door, face to face.
  CHECK(r.summary.peak_shelf_crowding == 0);
  CHECK(r.summary.contacts.counter_person_minutes == 0.0);
  // Fresh food found spoiled at the door was a contact too; food thrown away at the station
  // (held there while no courier could take it in time) never reached a door.
  std::uint64_t spoiled_at_door = 0;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    if (r.world.orders.reached(o, model::Stage::spoiled) && r.world.orders.reached(o, model::Stage::at_shelf_or_door))
      ++spoiled_at_door;
  }
  CHECK(r.summary.contacts.courier_resident == delivered(r) + spoiled_at_door);
}

TEST_CASE("a compound sealed mid-run stops shelf drops there from that time on", "[modes]") {
  model::WorldParams p = small_world(7);
  p.demand = daytime_demand();
  p.zone_changes.push_back({0, std::chrono::hours{12}, model::ZoneStatus::sealed});
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("shelves"));
  const auto& area = r.world.area;
  std::size_t shelved_after = 0, shelved_before = 0;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = make_id<model::OrderTag>(i);
    const auto h = r.world.orders.household(o).index();
    if (area.buildings()[r.world.households.building[h]].compound != 0) continue;
    if (!r.world.orders.reached(o, model::Stage::at_shelf_or_door) || !r.world.orders.reached(o, model::Stage::handed_over))
      continue;
    // On a shelf: reached the shelf before the resident collected it (a door drop is both at once).
    const bool shelf = r.world.orders.time(o, model::Stage::at_shelf_or_door) < r.world.orders.time(o, model::Stage::handed_over);
    if (!shelf) continue;
    if (r.world.orders.time(o, model::Stage::at_shelf_or_door) >= sim::at_tick(12LL * 3600 * 1000)) ++shelved_after;
    else ++shelved_before;
  }
  CHECK(shelved_before > 0);
  CHECK(shelved_after == 0);
}

TEST_CASE("group buying in a sealed zone brings everything to the door and gathers nobody", "[modes]") {
  model::WorldParams p = small_world(7);
  p.run.duration = std::chrono::hours{48};
  p.zone.initial_status = model::ZoneStatus::sealed;
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("group_buy"));
  REQUIRE(delivered(r) > 0);
  CHECK(r.summary.peak_shelf_crowding == 0);
  CHECK(r.summary.contacts.counter_person_minutes == 0.0);
  CHECK(r.summary.contacts.courier_resident == delivered(r));
}
