// Lobby volunteers (docs/modes.md, relay `drop = "lobby"`), case by case (issue 23): how much
// one carries a trip, how many there are per building, and their hours. Goods placed at 05:00
// are in the lobby before the volunteers start at 08:00, so every trip's start is known and
// each hand-over time follows from the stairs: up to floor 5 loaded, the drop at the door,
// down again.
#include <catch2/catch.hpp>

#include <vector>

#include "hand_world.hpp"
#include "last100/model/vertical.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

model::WorldParams lobby_params(std::uint32_t per_building, std::uint32_t capacity) {
  model::WorldParams p = quiet_world();
  p.lobby_volunteers.per_building = per_building;
  p.lobby_volunteers.capacity_items = capacity;
  p.run.duration = 48h;
  return p;
}

modes::RunResult run_lobby(const model::World& w) {
  return run(w, mode_run("relay", {{"drop", std::string("lobby")}}));
}

}  // namespace

TEST_CASE("A lobby volunteer carries at most its capacity a trip and comes back for the rest", "[modes][lobby][mechanisms]") {
  // Three parcels of one household on floor 5, capacity 2: the first trip takes two (left at
  // the door at once), the third parcel waits for the next climb.
  const model::WorldParams p = lobby_params(1, 2);
  model::World w = model::build_world(p);
  const auto ids = place(w, household_at(w, 0, 5), 3, sim::TimePoint{5h});
  const auto r = run_lobby(w);
  const auto& v = p.vertical;
  const sim::TimePoint first = sim::TimePoint{8h} + model::stairs_up(v, 5, true) + p.lobby_volunteers.door_drop;
  const sim::TimePoint second = first + model::stairs_down(v, 5) + model::stairs_up(v, 5, true) + p.lobby_volunteers.door_drop;
  int at_first = 0, at_second = 0;
  for (const auto o : ids) {
    REQUIRE(r.world.orders.reached(o, Stage::handed_over));
    REQUIRE(r.world.orders.time(o, Stage::at_shelf_or_door) < sim::TimePoint{8h});
    const auto t = r.world.orders.time(o, Stage::handed_over);
    at_first += t == first;
    at_second += t == second;
  }
  CHECK(at_first == 2);
  CHECK(at_second == 1);
}

TEST_CASE("A building's volunteers climb at the same time, one trip each", "[modes][lobby][mechanisms]") {
  // Two volunteers carrying one item each, two parcels for two households on floor 5: both
  // leave at 08:00 and reach their doors together; one volunteer would need a second climb.
  const model::WorldParams p = lobby_params(2, 1);
  model::World w = model::build_world(p);
  const auto a = place(w, household_at(w, 0, 5, 0), 1, sim::TimePoint{5h});
  const auto b = place(w, household_at(w, 0, 5, 1), 1, sim::TimePoint{5h});
  const auto r = run_lobby(w);
  const sim::TimePoint both = sim::TimePoint{8h} + model::stairs_up(p.vertical, 5, true) + p.lobby_volunteers.door_drop;
  CHECK(r.world.orders.time(a[0], Stage::handed_over) == both);
  CHECK(r.world.orders.time(b[0], Stage::handed_over) == both);
}

TEST_CASE("Lobby volunteers start no trip after their hours end: goods wait for the next morning", "[modes][lobby][mechanisms]") {
  // Volunteers 08:00-10:00; a parcel placed at 10:30 reaches the lobby around noon and is
  // carried up at 08:00 the next day.
  model::WorldParams p = lobby_params(1, 10);
  p.lobby_volunteers.ends = 10h;
  model::World w = model::build_world(p);
  const auto ids = place(w, household_at(w, 0, 5), 1, sim::TimePoint{10h + 30min});
  const auto r = run_lobby(w);
  REQUIRE(r.world.orders.time(ids[0], Stage::at_shelf_or_door) < sim::TimePoint{20h});
  CHECK(r.world.orders.time(ids[0], Stage::handed_over) ==
        sim::TimePoint{24h + 8h} + model::stairs_up(p.vertical, 5, true) + p.lobby_volunteers.door_drop);
}
