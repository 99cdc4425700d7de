// Lobby drops with volunteer unit leaders (issue 10, item 6): couriers leave a building's goods
// in its lobby; volunteers on shift carry them to the doors.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "last100/scenario/scenario.hpp"
#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

model::WorldParams lobby_world(std::uint64_t seed, std::uint32_t volunteers, std::uint32_t capacity = 10, double surge = 1.0) {
  model::WorldParams p = small_world(seed);
  if (surge != 1.0) p.demand.surges = {{0, surge, {}}};
  p.lobby_volunteers.per_building = volunteers;
  p.lobby_volunteers.capacity_items = capacity;
  return p;
}

scenario::ModeRun relay(const char* drop) { return mode_run("relay", {{"drop", std::string(drop)}}); }

// Mean minutes from the lobby (at_shelf_or_door) to the door (handed_over).
double mean_lobby_wait(const model::Orders& orders) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (!orders.reached(o, Stage::handed_over)) continue;
    sum += sim::to_minutes(orders.time(o, Stage::handed_over) - orders.time(o, Stage::at_shelf_or_door));
    ++n;
  }
  return sum / static_cast<double>(n);
}

}  // namespace

TEST_CASE("Lobby drops: couriers never climb, volunteers on shift carry every item to its door", "[modes][lobby]") {
  const model::WorldParams p = lobby_world(3, 1);
  const auto r = run(model::build_world(p), relay("lobby"));
  const auto& orders = r.world.orders;
  CHECK(time_in_state(r.world.couriers, model::CourierState::climbing) == sim::Duration{0});
  CHECK(r.summary.contacts.courier_resident == 0);
  std::size_t delivered = 0, off_shift = 0, too_soon = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (!orders.reached(o, Stage::handed_over)) continue;
    ++delivered;
    const sim::TimePoint t = orders.time(o, Stage::handed_over);
    // A trip starts on shift and its first door comes at least one drop later.
    if (t < sim::at_day(sim::day_of(t), p.lobby_volunteers.starts) + p.lobby_volunteers.door_drop) ++off_shift;
    if (t < orders.time(o, Stage::at_shelf_or_door) + p.lobby_volunteers.door_drop) ++too_soon;
  }
  REQUIRE(delivered > 100);
  CHECK(off_shift == 0);
  CHECK(too_soon == 0);
}

TEST_CASE("Volunteers are a bottleneck: carrying one item a trip makes residents wait longer", "[modes][lobby]") {
  // Paired over 8 seeds: mean lobby-to-door minutes with 1-item trips minus 10-item trips.
  std::vector<double> d;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    // A tripled day, so that goods pile up in the lobbies.
    const auto one = run(model::build_world(lobby_world(seed, 1, 1, 3.0)), relay("lobby"));
    const auto ten = run(model::build_world(lobby_world(seed, 1, 10, 3.0)), relay("lobby"));
    d.push_back(mean_lobby_wait(one.world.orders) - mean_lobby_wait(ten.world.orders));
  }
  const Paired p = paired(d);
  CAPTURE(p.mean, p.half_width);
  CHECK(p.mean - p.half_width > 0);
}

TEST_CASE("Lobby drops without volunteers are refused at load", "[scenario][lobby]") {
  const std::string text = R"(
[area]
compounds = 1
buildings = 2
[[couriers]]
count = 2
[mode]
name = "relay"
[mode.relay]
drop = "lobby"
)";
  CHECK_THROWS_WITH(scenario::load_scenario_string(text, "lobby.toml", experiment::load_options()),
                    Catch::Contains("lobby.toml:10:") && Catch::Contains("lobby_volunteers"));
  CHECK_NOTHROW(scenario::load_scenario_string(text + "[lobby_volunteers]\nper_building = 1\n", "lobby.toml",
                                               experiment::load_options()));
}
