// The gate stage, case by case (issue 23): the station crew's spraying and hours, a van that
// waits for a full load, the van's loading time, and the gate's sprayers (a crew sharing a
// batch, batches queueing for one sprayer). Each case places a handful of parcels at known
// times; the expected stamps follow from the rules in docs/modes.md, "The gate stage".
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "hand_world.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;
using model::Stage;

std::vector<model::OrderId> parcels(model::World& w, int n, sim::TimePoint t, std::uint32_t building = 0) {
  std::vector<model::OrderId> ids;
  for (int i = 0; i < n; ++i)
    for (auto o : place(w, household_at(w, building, 1 + static_cast<std::uint32_t>(i % 5)), 1, t)) ids.push_back(o);
  return ids;
}

}  // namespace

TEST_CASE("The station crew sprays each item while sorting it: the k-th item is ready k handlings after the first began", "[modes][disinfection][mechanisms]") {
  // One crew member, 20 s sorting plus 10 min spraying an item; ten parcels at 09:00. Item k
  // (in arrival order) is sorted at 09:00 + k x 10 min 20 s at the earliest, so no van can
  // load it sooner; without the spraying all ten would be ready by 09:03:20 and leave at
  // 10:00 together.
  model::WorldParams p = quiet_world();
  p.sorting.crew = 1;
  p.sorting.per_item = 20s;
  p.zone.disinfection.station_per_item = 10min;
  model::World w = model::build_world(p);
  const auto ids = parcels(w, 10, sim::TimePoint{9h});
  const auto r = run(w, mode_run("relay"));
  const sim::Duration handling = 10min + 20s;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    CAPTURE(k);
    REQUIRE(r.world.orders.reached(ids[k], Stage::loaded));
    CHECK(r.world.orders.time(ids[k], Stage::loaded) >= sim::TimePoint{9h} + handling * static_cast<std::int64_t>(k + 1));
  }
}

TEST_CASE("The station crew starts no item it cannot finish before its shift ends", "[modes][disinfection][mechanisms]") {
  // Crew 06:00-10:00, 2 min an item, five parcels at 09:55: two are sorted by 09:59, the third
  // would end at 10:01, so it and the rest wait for 06:00 the next day (06:02, 06:04, 06:06).
  model::WorldParams p = quiet_world();
  p.run.duration = 48h;
  p.sorting.crew = 1;
  p.sorting.per_item = 2min;
  p.sorting.ends = 10h;
  model::World w = model::build_world(p);
  const auto ids = parcels(w, 5, sim::TimePoint{9h + 55min});
  const auto r = run(w, mode_run("relay"));
  const auto& o = r.world.orders;
  CHECK(o.time(ids[1], Stage::loaded) < sim::TimePoint{24h});
  for (std::size_t k = 2; k < 5; ++k) {
    CAPTURE(k);
    CHECK(o.time(ids[k], Stage::loaded) >= sim::TimePoint{30h} + 2min * static_cast<std::int64_t>(k - 1));
  }
}

TEST_CASE("A van one item short of full waits for its interval: a full one leaves at once", "[modes][gate][mechanisms]") {
  // Vans of 5 items, interval 3 h. Four parcels at 09:00 leave when the oldest has waited 3 h
  // (12:00); five leave at 09:00.
  for (const int n : {4, 5}) {
    CAPTURE(n);
    model::WorldParams p = quiet_world();
    p.vehicles.capacity_items = 5;
    p.vehicles.interval = 3h;
    model::World w = model::build_world(p);
    const auto ids = parcels(w, n, sim::TimePoint{9h});
    const auto r = run(w, mode_run("relay"));
    for (const auto o : ids) CHECK(r.world.orders.time(o, Stage::loaded) == sim::TimePoint{n == 4 ? 12h : 9h});
  }
}

TEST_CASE("A van spends its loading time at the station before it drives", "[modes][gate][mechanisms]") {
  // Loading 20 min, unloading 10 min, 5 min of spraying at the gate: every parcel reaches the
  // gate at least 35 min after it was loaded (plus the drive of 300 m).
  model::WorldParams p = quiet_world();
  p.vehicles.load_time = 20min;
  model::World w = model::build_world(p);
  const auto ids = parcels(w, 6, sim::TimePoint{9h});
  const auto r = run(w, mode_run("relay"));
  const auto least = p.vehicles.load_time + p.vehicles.unload_time + p.zone.disinfection.gate_per_load;
  for (const auto o : ids) CHECK(r.world.orders.time(o, Stage::at_gate) - r.world.orders.time(o, Stage::loaded) >= least);
}

TEST_CASE("A gate crew shares a batch's spraying: two sprayers take half the time", "[modes][disinfection][mechanisms]") {
  // Ten parcels unloaded together, 1 min of spraying each, a gate crew of two: five rounds,
  // so the waiting courier loads all ten exactly 5 min after they reached the gate.
  model::WorldParams p = quiet_world();
  p.zone.disinfection.gate_per_item = 1min;
  p.sorting.gate_crew = 2;
  p.sorting.gate_per_item = 0s;
  model::World w = model::build_world(p);
  const auto ids = parcels(w, 10, sim::TimePoint{9h});
  modes::Trace trace;
  const auto r = traced(w, mode_run("relay"), trace);
  const auto at_gate = r.world.orders.time(ids[0], Stage::at_gate);
  for (const auto o : ids) REQUIRE(r.world.orders.time(o, Stage::at_gate) == at_gate);
  const auto loads = loads_of(trace, 0);
  REQUIRE(!loads.empty());
  CHECK(loads.front().at == at_gate + 5min);
  CHECK(loads.front().items == 10);
}

TEST_CASE("Batches unloaded at one gate queue for its one sprayer", "[modes][disinfection][mechanisms]") {
  // Route-areas of one building: three parcels for building 0 and three for building 2 come
  // on one van as two batches. One sprayer, 1 min an item: the first batch is ready 3 min
  // after unloading, the second 6 min after (it waits for the first). Two idle couriers take
  // one batch each, as each becomes ready.
  model::WorldParams p = quiet_world();
  p.couriers[0].count = 2;
  p.zone.disinfection.gate_per_item = 1min;
  model::World w = model::build_world(p);
  const auto first = parcels(w, 3, sim::TimePoint{9h}, 0);
  parcels(w, 3, sim::TimePoint{9h + 1min}, 2);
  modes::Trace trace;
  const auto r = traced(w, mode_run("relay", {{"route_area_size", std::int64_t{1}}}), trace);
  const auto at_gate = r.world.orders.time(first[0], Stage::at_gate);
  std::vector<std::pair<sim::Duration, std::int64_t>> loads;
  for (std::uint32_t c = 0; c < 2; ++c)
    for (const Load& l : loads_of(trace, c)) loads.emplace_back(l.at - at_gate, l.items);
  std::sort(loads.begin(), loads.end());
  CHECK(loads == std::vector<std::pair<sim::Duration, std::int64_t>>{{3min, 3}, {6min, 3}});
}
