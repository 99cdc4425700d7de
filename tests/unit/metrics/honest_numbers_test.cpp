// Issue 9, honest numbers: censored percentiles, the drain, per-building figures and
// exposure, each on a hand-made case with a hand-computed answer.
#include <catch2/catch.hpp>

#include <cmath>

#include "../modes/modes_support.hpp"
#include "last100/metrics/kpi.hpp"
#include "last100/metrics/percentile.hpp"

using namespace last100;
using namespace last100::modes_test;
using metrics::censored_percentiles;

TEST_CASE("a percentile among censored orders is a lower bound, never a smaller number", "[metrics][censored]") {
  // Exact 10, 20, 30; censored > 25, > 100. n = 5.
  // p50: k = 3: the 3rd exact value is 30, but an order censored at 25 could be below it:
  // lower bound = 3rd smallest of {10, 20, 25, 30, 100} = 25.
  const auto p = censored_percentiles({30, 10, 20}, {100, 25});
  CHECK(p.samples == 5);
  CHECK(p.censored == 2);
  CHECK(p.p50 == 25);
  CHECK(p.p50_at_least);
  // p90, p99: k = 5: beyond the three exact values: the 5th smallest, 100.
  CHECK(p.p90 == 100);
  CHECK(p.p90_at_least);
  // Censored bounds above the k-th exact value do not matter: exact.
  const auto q = censored_percentiles({10, 20, 30, 40, 50, 60, 70, 80, 90}, {200});
  CHECK(q.p50 == 50);  // k = 5
  CHECK(!q.p50_at_least);
  CHECK(q.p90 == 90);  // k = 9
  CHECK(!q.p90_at_least);
  CHECK(q.p99 == 200);  // k = 10: the censored one
  CHECK(q.p99_at_least);
  // Nothing observed: n/a.
  const auto none = censored_percentiles({}, {});
  CHECK(std::isnan(none.p90));
  CHECK(!none.p90_at_least);
  // Everything censored: a lower bound.
  const auto starved = censored_percentiles({}, {300, 600});
  CHECK(starved.p90 == 600);
  CHECK(starved.p90_at_least);
}

TEST_CASE("a starved building is the worst building, named, with a lower bound", "[metrics][buildings]") {
  model::WorldParams p = small_world();
  p.demand = model::DemandParams{};  // no demand: orders by hand
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  p.run.duration = 10h;
  model::World w = model::build_world(p);
  REQUIRE(w.orders.count() == 0);
  // Household 0 (building b0) gets two orders delivered after 30 and 60 min; the last
  // household (another building) gets one order never delivered, placed at 2 h.
  const auto h_last = static_cast<std::uint32_t>(w.households.count() - 1);
  const std::uint32_t b0 = w.households.building[0], b1 = w.households.building[h_last];
  REQUIRE(b0 != b1);
  for (int i = 1; i <= 2; ++i) {
    const auto id = w.orders.add(model::HouseholdId{0}, model::Category::parcel, 1.0f, 0, sim::TimePoint{0min});
    w.orders.stamp(id, model::Stage::handed_over, sim::TimePoint{i * 30min});
  }
  w.orders.add(model::HouseholdId{h_last}, model::Category::parcel, 1.0f, 0, sim::TimePoint{2h});
  metrics::RunRecord r;
  r.end = sim::TimePoint{10h};
  const auto s = metrics::summarise(w, r);
  CHECK(s.buildings[b0].orders == 2);
  CHECK(s.buildings[b0].delivered == 2);
  CHECK(s.buildings[b0].lead_time_minutes.p90 == 60);
  CHECK(s.buildings[b1].orders == 1);
  CHECK(s.buildings[b1].undelivered == 1);
  CHECK(s.buildings[b1].lead_time_minutes.p90 == 480);  // waited 8 h at the end
  CHECK(s.buildings[b1].lead_time_minutes.p90_at_least);
  CHECK(s.worst_building == static_cast<std::int64_t>(b1));
  CHECK(s.worst_building_p90_minutes == 480);
  CHECK(s.worst_building_p90_at_least);
  // A building without orders is n/a, not 0.
  std::size_t empty = 0;
  for (const auto& b : s.buildings) empty += b.orders == 0 && std::isnan(b.lead_time_minutes.p90);
  CHECK(empty == s.buildings.size() - 2);
  // Compounds sum their buildings.
  double orders = 0;
  for (const auto& c : s.compounds) orders += c.orders;
  CHECK(orders == 3);
}

TEST_CASE("after the horizon the run drains until every measured order is resolved", "[experiment][drain]") {
  // Demand all day; couriers work 07:00-17:00; the horizon is 18:00, so orders placed after
  // 17:00 wait for the next morning's shift. With the drain they are delivered then.
  model::WorldParams p = small_world(5);
  p.couriers[0].shift_end = 17h;
  p.run.duration = 18h;
  const model::World world = model::build_world(p);
  const auto drained = run(world, mode_run("per_building"));
  CHECK(drained.summary.orders.in_flight == 0);
  CHECK(drained.summary.recovery.drained);
  CHECK(drained.summary.recovery.end_hours > 24.0 + 7.0);  // past the next shift's start
  CHECK(drained.summary.orders.delivered + drained.summary.orders.spoiled + drained.summary.orders.cancelled ==
        drained.summary.orders.created);
  CHECK(!drained.summary.lead_time_minutes.p50_at_least);  // spoiled orders are never delivered: p99 may stay a bound
  // Without a drain, evening orders stay open and the slowest percentiles are lower bounds.
  model::WorldParams q = p;
  q.run.drain_limit = 0h;
  const model::World cut_world = model::build_world(q);
  const auto cut = run(cut_world, mode_run("per_building"));
  CHECK(cut.summary.orders.created == drained.summary.orders.created);
  CHECK(cut.summary.orders.in_flight > 0);
  CHECK(!cut.summary.recovery.drained);
  CHECK(cut.summary.lead_time_minutes.p99_at_least);
  CHECK(cut.summary.recovery.end_hours == 18.0);
}

TEST_CASE("exposure: person-minutes co-present by queue and counter, close contacts by 15 cumulative minutes",
          "[modes][exposure]") {
  model::WorldParams p = small_world();
  const model::World base = model::build_world(p);
  model::World w = base;
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  using Area = modes::RunContext::PickupArea;
  const model::HouseholdId a{0}, b{1}, c{2};
  const auto at = [&](std::chrono::minutes m) { sim.run_until(sim::TimePoint{m}); };
  // 0: A in line. 5: B in line. 10: A at the counter. 12: A leaves. 20: C in line, B at the
  // counter. 40: B leaves. 41: C leaves. 50: A at the counter, B in line. 58: A leaves. 60: B leaves.
  ctx.enter_pickup(7, Area::queue, a);
  at(5min), ctx.enter_pickup(7, Area::queue, b);
  at(10min), ctx.move_to_counter(7, a);
  at(12min), ctx.leave_pickup(7, Area::counter, a);
  at(20min), ctx.enter_pickup(7, Area::queue, c), ctx.move_to_counter(7, b);
  at(40min), ctx.leave_pickup(7, Area::counter, b);
  at(41min), ctx.leave_pickup(7, Area::queue, c);
  at(50min), ctx.enter_pickup(7, Area::counter, a), ctx.enter_pickup(7, Area::queue, b);
  at(58min), ctx.leave_pickup(7, Area::counter, a);
  at(60min), ctx.leave_pickup(7, Area::queue, b);
  // In line with someone else there: A+B 5-10 (10), B 10-12 (2), C 20-40 (20), B 50-58 (8) = 40.
  CHECK(ctx.contacts.queue_person_minutes == Approx(40.0));
  // At the counter with someone else there: A 10-12 (2), B 20-40 (20), A 50-58 (8) = 30.
  CHECK(ctx.contacts.counter_person_minutes == Approx(30.0));
  // Pairs: A-B 7 min (5-12) + 8 min (50-58) = 15: a close contact; B-C 20 min: one; A-C never met.
  CHECK(ctx.contacts.close_contacts == 2);
  CHECK(ctx.peak_shelf_crowding == 2);
}

TEST_CASE("exposure: face-to-face hand-overs per building, contactless drops apart", "[modes][exposure]") {
  model::WorldParams p = small_world();
  const model::World base = model::build_world(p);
  REQUIRE(base.orders.count() >= 2);
  model::World w = base;
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  const auto o = make_id<model::OrderTag>(0);
  ctx.created(o);
  sim.run_until(w.orders.time(o, model::Stage::placed));
  ctx.stamp(o, model::Stage::at_shelf_or_door);
  CHECK(ctx.door_hand_over(o));
  ctx.contactless_drop();
  ctx.contactless_drop();
  CHECK(ctx.contacts.courier_resident == 1);
  CHECK(ctx.contacts.contactless_drops == 2);
  const auto b = w.households.building[w.orders.household(o).index()];
  CHECK(ctx.contacts_by_building[b] == 1);
  CHECK(ctx.measured_open() == 0);
}
