// Disinfection per load, per item and contact time, and the sorting crew at the station
// (issue 10, items 4 and 8), read from the orders' stamps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "last100/scenario/scenario.hpp"
#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

// Times of `stage` of every order that reached it, in the orders' order.
std::vector<sim::TimePoint> times(const model::Orders& orders, Stage stage) {
  std::vector<sim::TimePoint> out;
  for (std::size_t i = 0; i < orders.count(); ++i)
    if (orders.reached(order_id(i), stage)) out.push_back(orders.time(order_id(i), stage));
  return out;
}

model::WorldParams crew_world(std::uint32_t crew) {
  model::WorldParams p = small_world(5);
  p.demand.surges = {{0, 3.0, {}}};
  p.sorting.crew = crew;
  p.sorting.per_item = std::chrono::seconds{90};
  p.sorting.starts = std::chrono::hours{8};
  p.sorting.ends = std::chrono::hours{18};
  return p;
}

}  // namespace

TEST_CASE("The sorting crew is a bottleneck: one item per member every per_item, on shift only", "[modes][gate]") {
  for (const std::uint32_t crew : {1u, 2u}) {
    const model::WorldParams p = crew_world(crew);
    const auto r = run(model::build_world(p), mode_run("relay"));
    const auto& orders = r.world.orders;
    std::vector<sim::TimePoint> loaded = times(orders, Stage::loaded);
    REQUIRE(loaded.size() > 50);
    std::sort(loaded.begin(), loaded.end());
    // The i-th order loaded (from 0) was sorted at least ceil((i + 1) / crew) handling times
    // after the crew's first start: the crew cannot sort faster than that.
    const sim::TimePoint first_start = sim::at_day(0, p.sorting.starts);
    std::size_t violations = 0;
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      const auto rounds = static_cast<std::int64_t>((i + crew) / crew);
      if (loaded[i] < first_start + p.sorting.per_item * rounds) ++violations;
    }
    CAPTURE(crew, loaded.size());
    CHECK(violations == 0);
    // Nothing is sorted off shift: an order is loaded no earlier than a handling time after
    // the crew's start on the day it is loaded, and never after the crew's end plus a van's
    // wait (sorted goods leave at the latest after `interval`).
    for (const sim::TimePoint t : loaded) {
      const sim::TimePoint day_start = sim::at_day(sim::day_of(t), p.sorting.starts);
      CHECK(t >= day_start + p.sorting.per_item);
    }
  }
  // A larger crew sorts the same orders sooner: mean time from the station to loading falls.
  const auto mean_station_wait = [](std::uint32_t crew) {
    const auto r = run(model::build_world(crew_world(crew)), mode_run("relay"));
    const auto& orders = r.world.orders;
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (!orders.reached(o, Stage::loaded)) continue;
      sum += sim::to_minutes(orders.time(o, Stage::loaded) - orders.time(o, Stage::at_station));
      ++n;
    }
    return sum / static_cast<double>(n);
  };
  const double one = mean_station_wait(1), four = mean_station_wait(4);
  CAPTURE(one, four);
  CHECK(one > four);
}

TEST_CASE("Goods stand their contact time at the gate before couriers take them", "[modes][gate]") {
  model::WorldParams p = small_world(7);
  p.zone.disinfection.gate_per_item = std::chrono::seconds{2};
  p.zone.disinfection.gate_dwell = std::chrono::minutes{30};
  for (const char* mode : {"relay", "per_building"}) {
    const auto r = run(model::build_world(p), mode_run(mode));
    const auto& orders = r.world.orders;
    std::size_t checked = 0, early = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (!orders.reached(o, Stage::handed_over) || !orders.reached(o, Stage::at_gate)) continue;
      ++checked;
      // Sprayed (at least its own 2 s) and stood 30 min before a courier could leave with it.
      if (orders.time(o, Stage::handed_over) < orders.time(o, Stage::at_gate) + 30min + 2s) ++early;
    }
    CAPTURE(mode, checked);
    REQUIRE(checked > 50);
    CHECK(early == 0);
  }
}

TEST_CASE("Residents are called only after their item's contact time on the shelf", "[modes][shelves]") {
  model::WorldParams p = small_world(3);
  p.zone.disinfection.shelf_dwell = std::chrono::minutes{25};
  const auto r = run(model::build_world(p), mode_run("shelves"));
  const auto& orders = r.world.orders;
  // Orders collected together (one household, one time): the item that started the call
  // stood at least the dwell; items put on the shelf since go along with it.
  std::map<std::pair<std::uint64_t, sim::TimePoint>, sim::Duration> longest_stand;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (!orders.reached(o, Stage::handed_over) || !orders.reached(o, Stage::at_shelf_or_door)) continue;
    const sim::TimePoint done = orders.time(o, Stage::handed_over);
    const sim::Duration stood = done - orders.time(o, Stage::at_shelf_or_door);
    if (stood == sim::Duration{0}) continue;  // a door hand-over (limited mobility, full shelf, sealed)
    auto& best = longest_stand[{orders.household(o).index(), done}];
    best = std::max(best, stood);
  }
  REQUIRE(longest_stand.size() > 30);
  std::size_t short_calls = 0;
  for (const auto& [key, stood] : longest_stand)
    if (stood < 25min) ++short_calls;
  CHECK(short_calls == 0);
}

TEST_CASE("Disinfection per item makes shelf tours grow with the items, not with the visits", "[modes][shelves]") {
  // Two ways of spending the same disinfection time on a typical day: per visit (the old
  // rule) or per item. Couriers' handing-over time differs by the sums the rules imply.
  model::WorldParams per_visit = small_world(9), per_item = small_world(9);
  per_visit.zone.disinfection = {};
  per_visit.zone.disinfection.shelf_per_visit = std::chrono::minutes{3};
  per_visit.zone.disinfection.shelf_per_item = sim::Duration{0};
  per_visit.zone.disinfection.shelf_dwell = sim::Duration{0};
  per_item.zone.disinfection = per_visit.zone.disinfection;
  per_item.zone.disinfection.shelf_per_visit = sim::Duration{0};
  per_item.zone.disinfection.shelf_per_item = std::chrono::seconds{3};
  const auto a = run(model::build_world(per_visit), mode_run("shelves"));
  const auto b = run(model::build_world(per_item), mode_run("shelves"));
  // The same orders reach shelves in both (the disinfection does not decide which).
  const auto on_shelf = [](const model::Orders& orders) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < orders.count(); ++i)
      if (orders.reached(order_id(i), Stage::at_shelf_or_door)) ++n;
    return n;
  };
  REQUIRE(on_shelf(a.world.orders) > 50);
  // 3 min per unit visit against 3 s per item: the per-item rule delivers to the shelf sooner.
  const auto mean_shelf_time = [](const model::Orders& orders) {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (!orders.reached(o, Stage::at_shelf_or_door) || !orders.reached(o, Stage::at_gate)) continue;
      sum += sim::to_minutes(orders.time(o, Stage::at_shelf_or_door) - orders.time(o, Stage::at_gate));
      ++n;
    }
    return sum / static_cast<double>(n);
  };
  CHECK(mean_shelf_time(b.world.orders) < mean_shelf_time(a.world.orders));
}

TEST_CASE("The old one-duration disinfection key loads as before, with a deprecation warning", "[scenario]") {
  const char* base = R"(
[area]
compounds = 1
buildings = 2
[[couriers]]
count = 2
[mode]
name = "relay"
)";
  const auto old_form = scenario::load_scenario_string(std::string(base) + "[zone]\ndisinfection = \"4min\"\n", "old.toml",
                                                       experiment::load_options());
  CHECK(old_form.world.zone.disinfection.gate_per_load == std::chrono::minutes{4});
  CHECK(old_form.world.zone.disinfection.shelf_per_visit == std::chrono::minutes{4});
  REQUIRE(old_form.warnings.size() == 1);
  CHECK(old_form.warnings[0].find("old.toml:") == 0);
  CHECK(old_form.warnings[0].find("deprecated") != std::string::npos);
  CHECK(old_form.warnings[0].find("gate_per_load") != std::string::npos);

  const auto new_form = scenario::load_scenario_string(
      std::string(base) + "[zone.disinfection]\ngate_per_load = \"4min\"\nshelf_dwell = \"20min\"\n", "new.toml",
      experiment::load_options());
  CHECK(new_form.warnings.empty());
  CHECK(new_form.world.zone.disinfection.gate_per_load == std::chrono::minutes{4});
  CHECK(new_form.world.zone.disinfection.shelf_dwell == std::chrono::minutes{20});
  CHECK(new_form.world.zone.disinfection.shelf_per_visit == sim::Duration{0});

  // Spraying at the station needs someone to do it.
  CHECK_THROWS_WITH(scenario::load_scenario_string(std::string(base) + "[zone.disinfection]\nstation_per_item = \"5s\"\n",
                                                   "s.toml", experiment::load_options()),
                    Catch::Contains("station_per_item") && Catch::Contains("crew"));
  CHECK_THROWS_WITH(scenario::load_scenario_string(std::string(base) + "[sorting]\ncrew = 2\nstarts = \"18:00\"\nends = \"08:00\"\n",
                                                   "s.toml", experiment::load_options()),
                    Catch::Contains("sorting.ends"));
}

TEST_CASE("A gate crew sorts each unloaded batch before couriers take it, faster with more people", "[modes][gate]") {
  const auto gate_wait = [](std::uint32_t crew, std::uint64_t seed) {
    model::WorldParams p = small_world(seed);
    p.demand.surges = {{0, 3.0, {}}};
    p.sorting.gate_crew = crew;
    p.sorting.gate_per_item = std::chrono::seconds{60};
    const auto r = run(model::build_world(p), mode_run("relay"));
    const auto& orders = r.world.orders;
    double sum = 0;
    std::size_t n = 0, early = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (!orders.reached(o, Stage::handed_over) || !orders.reached(o, Stage::at_gate)) continue;
      const sim::Duration wait = orders.time(o, Stage::handed_over) - orders.time(o, Stage::at_gate);
      if (wait < std::chrono::seconds{60}) ++early;  // nothing leaves the gate unsorted
      sum += sim::to_minutes(wait);
      ++n;
    }
    CHECK(early == 0);
    return sum / static_cast<double>(n);
  };
  std::vector<double> d;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) d.push_back(gate_wait(1, seed) - gate_wait(4, seed));
  const Paired p = paired(d);
  CAPTURE(p.mean, p.half_width);
  CHECK(p.mean - p.half_width > 0);
}
