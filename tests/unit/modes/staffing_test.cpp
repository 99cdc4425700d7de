// Staffing rules as scenario events (issue 11, item 5): reinforcements called when the
// backlog grows (threshold, lead time for passes, cap), couriers quarantined after contact
// with a case (a rate per door contact), and a compound sealed mid-run switching its gate rules.
#include <catch2/catch.hpp>

#include <cmath>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

// One courier for 120 households ordering about 4 times a day: the backlog grows all day.
model::WorldParams overloaded(std::uint64_t seed) {
  model::WorldParams p = small_world(seed);
  p.demand = daytime_demand();
  for (auto& c : p.demand.categories) c.orders_per_household_per_day *= 4.0;
  p.couriers.front().count = 1;
  model::CourierGroup reserve = p.couriers.front();
  reserve.name = "reserve";
  reserve.origin = model::CourierOrigin::reinforcement;
  reserve.count = 6;
  p.couriers.push_back(reserve);
  p.vehicles.interval = 20min;
  p.run.duration = 48h;
  return p;
}

std::size_t quarantined(const model::World& w) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.couriers.count(); ++i)
    n += w.couriers.state(make_id<model::CourierTag>(i)) == model::CourierState::quarantined;
  return n;
}

}  // namespace

TEST_CASE("reinforcements are called when the backlog passes a threshold, after a lead time, up to a cap",
          "[modes][staffing]") {
  model::WorldParams p = overloaded(31);
  model::ReinforcementRule rule;
  rule.group = "reserve";
  rule.backlog_above = 60;
  rule.check_every = 30min;
  rule.lead_time = 6h;
  rule.step = 2;
  p.reinforcements = {rule};
  const auto with = run(model::build_world(p), mode_run("relay"));
  // The same world with the reserve never called (a threshold no backlog reaches).
  p.reinforcements.front().backlog_above = 1'000'000;
  const auto without = run(model::build_world(p), mode_run("relay"));

  const auto& cs = with.world.couriers;
  std::vector<sim::Duration> arrivals;
  for (std::size_t i = 1; i < cs.count(); ++i) arrivals.push_back(cs.arrives_at(make_id<model::CourierTag>(i)));
  // Called in steps of 2, each step arriving 6 h after its call, calls on the 30-min grid,
  // the next call only once the previous step has arrived.
  const sim::Duration never_called = p.run.duration;  // on-call couriers keep an arrival past the run
  std::vector<sim::Duration> called;
  for (auto a : arrivals)
    if (a < never_called) called.push_back(a);
  REQUIRE(called.size() >= 2);
  CHECK(called.size() % 2 == 0);
  CHECK(called.size() <= 6);
  for (std::size_t i = 0; i < called.size(); ++i) {
    CHECK(called[i] >= 6h + 30min);
    CHECK((called[i] - 6h).count() % (30LL * 60 * 1000) == 0);
    if (i % 2 == 1) CHECK(called[i] == called[i - 1]);
    if (i >= 2) CHECK(called[i] - called[i - 2] >= 6h);
  }
  // Without a call the reserve never works; with it the backlog at the horizon is smaller by
  // more than three Poisson standard errors of the orders created.
  const auto& cw = without.world.couriers;
  for (std::size_t i = 1; i < cw.count(); ++i)
    CHECK(cw.time_in(make_id<model::CourierTag>(i), model::CourierState::idle).count() == 0);
  const double created = static_cast<double>(with.summary.orders.created);
  const double bw = backlog_at_horizon(with.summary), bo = backlog_at_horizon(without.summary);
  INFO("backlog at the horizon: with " << bw << ", without " << bo);
  CHECK(bo - bw > 3 * std::sqrt(created));
}

TEST_CASE("couriers are quarantined after contact with a case, in proportion to door contacts",
          "[modes][staffing]") {
  model::WorldParams p = small_world(32);
  p.demand = daytime_demand();
  for (auto& c : p.demand.categories) c.orders_per_household_per_day *= 5.0;
  p.couriers.front().count = 30;
  p.run.duration = 24h;
  p.contact_quarantine.per_contact = 0.01;
  const model::World w = model::build_world(p);
  const auto relay = run(w, mode_run("relay"));
  const auto shelves = run(w, mode_run("shelves"));
  const double n_relay = static_cast<double>(relay.summary.contacts.courier_resident);
  const double q_relay = static_cast<double>(quarantined(relay.world));
  const double q_shelves = static_cast<double>(quarantined(shelves.world));
  INFO("relay: " << q_relay << " quarantined after " << n_relay << " door contacts; shelves: " << q_shelves
                 << " after " << shelves.summary.contacts.courier_resident);
  // Each contact is a Bernoulli(0.01) draw: the count is within 3 sd of its mean (Poisson).
  const double mean = 0.01 * n_relay;
  REQUIRE(mean > 5);
  CHECK(std::abs(q_relay - mean) < 3 * std::sqrt(mean) + 1);
  // Contactless shelves cut door contacts, and so quarantines.
  CHECK(q_relay - q_shelves > 3 * std::sqrt(q_relay + q_shelves) / 2);
  p.contact_quarantine.per_contact = 0.0;
  CHECK(quarantined(run(model::build_world(p), mode_run("relay")).world) == 0);
}

TEST_CASE("a compound sealed mid-run switches to its sealed gate rules", "[modes][staffing]") {
  model::WorldParams p = small_world(33);
  p.demand = daytime_demand();
  p.run.duration = 48h;
  p.vehicles.interval = 20min;
  p.zone.gate_opens = 6h;
  p.zone.gate_closes = 22h;
  p.zone.sealed.gate_opens = 10h;  // sealed: hand-overs at the gate only 10:00-12:00
  p.zone.sealed.gate_closes = 12h;
  p.zone.sealed.disinfection = 20min;
  p.zone_changes = {{1, 24h, model::ZoneStatus::sealed}};  // compound 1 sealed from day 2
  const auto r = run(model::build_world(p), mode_run("relay"));
  const auto& orders = r.world.orders;
  std::size_t sealed_at_gate = 0, sealed_outside_hours = 0, open_outside_hours = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (!orders.reached(o, model::Stage::at_gate)) continue;
    const auto t = orders.time(o, model::Stage::at_gate);
    const auto ms = sim::ticks(t);
    if (ms < 24LL * 3600 * 1000) continue;
    const auto clock = std::chrono::milliseconds{ms % (24LL * 3600 * 1000)};
    // The gate hand-over ends with unloading (10 min) and the sealed disinfection (20 min).
    const bool in_sealed_hours = clock >= 10h && clock <= 12h + 30min;
    const auto h = orders.household(o).index();
    const auto compound = r.world.area.buildings()[r.world.households.building[h]].compound;
    if (compound == 1) {
      ++sealed_at_gate;
      sealed_outside_hours += !in_sealed_hours;
    } else {
      open_outside_hours += !in_sealed_hours;
    }
  }
  INFO("sealed compound: " << sealed_at_gate << " at the gate on day 2, " << sealed_outside_hours
                           << " outside its hours; the other compound: " << open_outside_hours);
  REQUIRE(sealed_at_gate > 0);
  CHECK(sealed_outside_hours == 0);
  CHECK(open_outside_hours > 0);
}
