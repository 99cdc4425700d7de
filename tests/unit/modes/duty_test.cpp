// Volunteer duty as demand (issue 11, item 4): sessions need work (test registration per
// resident, garbage runs per household's volume, a marshalling crew); couriers inside are
// drafted to it, and the share of their time it takes follows from the work, not from seats.
#include <catch2/catch.hpp>

#include <cmath>

#include "last100/scenario/scenario.hpp"
#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

// Three couriers who may give up to their whole shift (duty_share 1: no cap), two days.
model::WorldParams duty_world(std::uint64_t seed) {
  model::WorldParams p = small_world(seed);
  p.demand = daytime_demand();
  p.couriers.front().duty_share = 1.0;
  p.run.duration = 48h;
  return p;
}

double residents(const model::World& w) {
  double n = 0;
  for (auto s : w.households.size) n += s;
  return n;
}

// Hours the couriers spent on duty over the run.
double duty_hours(const experiment::SingleRun& r) {
  return std::chrono::duration<double>(r.world.couriers.total_in(model::CourierState::on_duty)).count() / 3600.0;
}

}  // namespace

TEST_CASE("duty time follows the work the sessions need", "[modes][duty]") {
  for (double minutes : {0.5, 1.0}) {
    CAPTURE(minutes);
    model::WorldParams p = duty_world(61);
    model::DutyParams reg;
    reg.name = "test registration";
    reg.start = 8h;
    reg.length = 4h;
    reg.per_resident = sim::from_seconds(minutes * 60);
    reg.max_people = 2;
    p.duties = {reg};
    const model::World world = model::build_world(p);
    const auto r = run(world, mode_run("relay"));
    const double needed = 2 * residents(world) * minutes / 60.0;  // two sessions
    INFO("needed " << needed << " h, served " << duty_hours(r) << " h");
    // The work fits the sessions (2 people x 4 h a day): couriers do all of it, to within
    // the minute below which a courier is not drafted.
    CHECK(duty_hours(r) == Approx(needed).epsilon(0.02));
  }
}

TEST_CASE("a crew, registration and garbage runs add up, and the duty share is not a seat count", "[modes][duty]") {
  model::WorldParams p = duty_world(62);
  model::DutyParams crew, garbage;
  crew.name = "queue marshalling";
  crew.start = 8h;
  crew.length = 2h;
  crew.people = 1;
  garbage.name = "garbage run";
  garbage.start = 18h;
  garbage.length = 2h;
  garbage.litres_per_household = 10.0;
  garbage.litres_per_trip = 240.0;
  garbage.trip_time = 10min;
  p.duties = {crew, garbage};
  const model::World world = model::build_world(p);
  const auto r = run(world, mode_run("per_building"));
  // Two days: 2 x (1 person x 2 h) + 2 x ceil(120 x 10 / 240) x 10 min.
  const double trips = std::ceil(static_cast<double>(world.households.count()) * 10.0 / 240.0);
  const double needed = 2 * 2.0 + 2 * trips * 10.0 / 60.0;
  INFO("needed " << needed << " h, served " << duty_hours(r) << " h");
  CHECK(duty_hours(r) == Approx(needed).epsilon(0.05));
  // A cap on the share: at most 10% of a 13-hour shift each (78 min), the rest is unmet.
  p.couriers.front().duty_share = 0.1;
  const auto capped = run(model::build_world(p), mode_run("per_building"));
  CHECK(duty_hours(capped) <= 2 * 3 * 0.1 * 13 + 1e-9);
}

TEST_CASE("Jiuxianqiao carries the report's duties and timeline", "[modes][duty][scenario]") {
  const scenario::Scenario s =
      scenario::load_scenario(std::string(LAST100_TEST_SOURCE_DIR) + "/../scenarios/jiuxianqiao.toml", experiment::load_options());
  const auto& w = s.world;
  std::vector<std::string> names;
  for (const auto& d : w.duties) names.push_back(d.name);
  CHECK(names == std::vector<std::string>{"nucleic-acid test registration", "queue marshalling", "garbage run"});
  // Sealed from 9 April (the run starts then, every compound sealed), passes on 11 April (the
  // gates take relay vans from day 2), outside volunteers on site from 13 April, 05:30.
  CHECK(w.zone.initial_status == model::ZoneStatus::sealed);
  REQUIRE(w.couriers.size() == 2);
  CHECK(w.couriers[0].count == 40);
  CHECK(w.couriers[1].count == 40);
  CHECK(w.couriers[1].arrives_at == 4 * 24h + 5h + 30min);
  bool closed_until_passes = !w.gate_closures.empty();
  for (const auto& g : w.gate_closures) closed_until_passes = closed_until_passes && g.to == 2 * 24h + 6h;
  CHECK(closed_until_passes);
  CHECK(w.run.duration >= 6 * 24h);
}
