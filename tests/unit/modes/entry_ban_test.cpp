// Entry bans (issue 10, item 7): couriers barred at the gate call recipients down or leave the
// goods on a gate shelf. Directions are asserted on paired runs over several seeds, with the
// t-interval of the paired differences.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "last100/scenario/scenario.hpp"
#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::CourierEntry;
using model::Stage;

// A busy day for one courier (tripled demand): deliveries are bound by the courier's time.
model::WorldParams busy(std::uint64_t seed, CourierEntry entry, std::uint32_t max_at_gate = 1) {
  model::WorldParams p = small_world(seed);
  p.demand.surges = {{0, 3.0, {}}};
  p.couriers[0].count = 1;
  p.zone.entry.courier_entry = entry;
  p.zone.entry.max_at_gate = max_at_gate;
  return p;
}

// Orders handed over within the first day (the horizon), before the run drains.
double handed_over_in_a_day(const model::WorldParams& p) {
  return handed_over_before(run(model::build_world(p), mode_run("relay")).world.orders, sim::TimePoint{24h});
}

// Paired differences over seeds 1..8.
template <class F>
Paired over_seeds(F&& difference) {
  std::vector<double> d;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) d.push_back(difference(seed));
  return paired(d);
}

}  // namespace

TEST_CASE("A ban with recipients called one by one lowers a courier's deliveries per day", "[modes][entry]") {
  const Paired p = over_seeds([](std::uint64_t seed) {
    return handed_over_in_a_day(busy(seed, CourierEntry::call_down)) - handed_over_in_a_day(busy(seed, CourierEntry::allowed));
  });
  CAPTURE(p.mean, p.half_width);
  CHECK(p.mean + p.half_width < 0);  // the whole interval below zero
}

TEST_CASE("Calling everyone at once beats calling one by one: the courier waits for many at a time", "[modes][entry]") {
  const Paired p = over_seeds([](std::uint64_t seed) {
    return handed_over_in_a_day(busy(seed, CourierEntry::call_down, 0)) -
           handed_over_in_a_day(busy(seed, CourierEntry::call_down, 1));
  });
  CAPTURE(p.mean, p.half_width);
  CHECK(p.mean - p.half_width > 0);
}

TEST_CASE("Under a ban couriers do not climb, and recipients who never answer are called again on a later load", "[modes][entry]") {
  model::WorldParams p = busy(4, CourierEntry::call_down);
  p.zone.entry.answer_share = 0.5;
  p.zone.entry.retries = 0;
  p.population.limited_mobility_share = 0.0;
  const auto r = run(model::build_world(p), mode_run("relay"));
  const auto& orders = r.world.orders;
  // Conservation is checked by the run; every order but spoiled fresh food is still delivered
  // in the end, though half of all calls go unanswered and none is repeated in a session.
  std::size_t placed = 0, delivered = 0, spoiled = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    ++placed;
    if (orders.reached(o, Stage::handed_over)) ++delivered;
    if (orders.reached(o, Stage::spoiled)) ++spoiled;
  }
  REQUIRE(placed > 100);
  CHECK(delivered + spoiled == placed);
  // No stairs or lifts: every hand-over is at the gate.
  CHECK(time_in_state(r.world.couriers, model::CourierState::climbing) == sim::Duration{0});
}

TEST_CASE("A gate shelf hands over without contact, and residents who come when told may meet there", "[modes][entry]") {
  model::WorldParams p = busy(6, CourierEntry::gate_shelf);
  p.couriers[0].count = 3;
  p.population.limited_mobility_share = 0.0;
  const auto r = run(model::build_world(p), mode_run("relay"));
  CHECK(r.summary.contacts.courier_resident == 0);
  CHECK(r.summary.contacts.contactless_drops > 100);
  CHECK(r.summary.peak_shelf_crowding > 1);  // nobody calls them one by one
}

TEST_CASE("A ban on a mode that does not model it is refused, not ignored", "[scenario][entry]") {
  const std::string text = R"(
[area]
compounds = 1
buildings = 2
[[couriers]]
count = 2
[zone.entry]
courier_entry = "call_down"
[mode]
modes = ["relay", "per_building"]
)";
  CHECK_THROWS_WITH(scenario::load_scenario_string(text, "ban.toml", experiment::load_options()),
                    Catch::Contains("ban.toml:8:") && Catch::Contains("zone.entry.courier_entry") &&
                        Catch::Contains("per_building"));
}
