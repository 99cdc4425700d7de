// Issue 4 acceptance: a courier quarantined mid-shift while carrying a load; its parcels go
// back to the pool (relay: the gate store; per-building: the front of its buildings' queues)
// and are all delivered by the others. Nothing is lost.
#include <catch2/catch.hpp>

#include <string>

#include "modes_support.hpp"

namespace {

using namespace last100;
using namespace last100::modes_test;

const model::CourierId quarantined_courier = make_id<model::CourierTag>(0);

// Three couriers, demand doubled, so that couriers are out on tours most of the morning.
model::WorldParams busy_world() {
  model::WorldParams p = small_world(17);
  p.demand.surges = {{0, 2.0, {}}};
  p.run.duration = 36h;
  return p;
}

// The first moment from 11:00 on (probing every 37 s, off the round seconds) at which courier
// 0 is handing an item over, i.e. in the middle of a tour with at least that item in its load
// (a hand-over leg removes its order from the load only when it ends).
sim::TimePoint moment_with_load(const model::World& world, const scenario::ModeRun& mode) {
  for (int i = 0; i < 400; ++i) {
    const sim::TimePoint t = sim::TimePoint{11h} + std::chrono::seconds{37} * i + sim::Duration{7};
    if (courier_state_before(world, mode, quarantined_courier, t) == model::CourierState::handing_over) return t;
  }
  FAIL("courier 0 never hands anything over between 11:00 and 15:00");
  return {};
}

void check_quarantine(const std::string& mode_name) {
  const scenario::ModeRun mode = mode_run(mode_name);
  const model::World probe_world = model::build_world(busy_world());
  const sim::TimePoint at = moment_with_load(probe_world, mode);
  CHECK(at < sim::TimePoint{15h});  // mid-shift (07:00-20:00)

  model::WorldParams p = busy_world();
  p.quarantines = {{0, at.time_since_epoch()}};
  const model::World world = model::build_world(p);
  REQUIRE(world.orders.times(model::Stage::placed) == probe_world.orders.times(model::Stage::placed));
  // run_once throws metrics::ConservationError if the interrupted load went missing.
  const experiment::SingleRun r = run(world, mode);

  CHECK(r.world.couriers.state(quarantined_courier) == model::CourierState::quarantined);
  // Every order that had reached the gate before the quarantine (including those the
  // courier was carrying) was handed over (or spoiled on the way) by the two others.
  std::uint64_t before = 0, done = 0, delivered_after = 0;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = order_id(i);
    if (r.world.orders.reached(o, model::Stage::handed_over) && r.world.orders.time(o, model::Stage::handed_over) > at)
      ++delivered_after;
    if (!r.world.orders.reached(o, model::Stage::at_gate) || r.world.orders.time(o, model::Stage::at_gate) >= at) continue;
    ++before;
    const auto status = r.world.orders.status(o);
    if (status == model::OrderStatus::delivered || status == model::OrderStatus::spoiled) ++done;
    else FAIL_CHECK("order " << i << " at the gate before the quarantine ends as " << model::to_string(status));
  }
  CHECK(before > 20);
  CHECK(done == before);
  CHECK(delivered_after > 0);
  // The quarantined courier did no more work: from the quarantine on it is never busy, so
  // the others delivered every order handed over after it. Its state account stops at `at`.
  CHECK(r.world.couriers.since(quarantined_courier) == at);
}

}  // namespace

TEST_CASE("A relay courier quarantined mid-tour: its parcels are all delivered by the others", "[modes]") {
  check_quarantine("relay");
}

TEST_CASE("A per-building courier quarantined mid-tour: its parcels are all delivered by the others", "[modes]") {
  // Its buildings' orders are helped by the others (helping = most_backlog, the default).
  check_quarantine("per_building");
}

TEST_CASE("A per-building courier quarantined with helping = none: its buildings are still served", "[modes]") {
  // Without helping nobody would ever take the buildings of a quarantined courier: they are
  // orphaned, and the others take them over whatever the helping rule (PerBuildingMode::to_help).
  const scenario::ModeRun mode = mode_run("per_building", {{"helping", std::string("none")}});
  model::WorldParams p = busy_world();
  p.quarantines = {{0, 11h}};
  const model::World world = model::build_world(p);
  const experiment::SingleRun r = run(world, mode);
  std::uint64_t before = 0, done = 0;
  for (std::size_t i = 0; i < r.world.orders.count(); ++i) {
    const auto o = order_id(i);
    if (!r.world.orders.reached(o, model::Stage::at_gate) || r.world.orders.time(o, model::Stage::at_gate) >= sim::TimePoint{20h})
      continue;
    ++before;
    const auto status = r.world.orders.status(o);
    if (status == model::OrderStatus::delivered || status == model::OrderStatus::spoiled) ++done;
  }
  CHECK(before > 20);
  CHECK(done == before);
}
