// The drain, the measurement window, censoring, service levels and recovery figures, each on a
// hand-made case with a hand-computed answer (issue 13: these kill the mutations of
// scripts/mutations.txt that the rest of the suite let survive).
#include <catch2/catch.hpp>

#include <cmath>

#include "../modes/modes_support.hpp"
#include "last100/metrics/kpi.hpp"
#include "last100/metrics/time_series.hpp"

using namespace last100;
using namespace last100::modes_test;
using model::Category;
using model::Stage;

namespace {

// small_world without demand: orders are added by hand.
model::WorldParams no_demand() {
  model::WorldParams p = small_world();
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  return p;
}

model::OrderId parcel(model::World& w, std::chrono::minutes placed, std::chrono::minutes handed = {}) {
  const auto id = w.orders.add(model::HouseholdId{0}, Category::parcel, 1.0f, 0, sim::TimePoint{placed});
  if (handed.count() > 0) w.orders.stamp(id, Stage::handed_over, sim::TimePoint{handed});
  return id;
}

}  // namespace

TEST_CASE("the drain stops at the drain limit when measured orders are still open", "[experiment][drain]") {
  // As in the drain test: couriers 07:00-17:00, horizon 18:00, so evening orders wait for the
  // next morning (31 h). A drain limit of 3 h stops the run at 21 h exactly (the sample step
  // of 30 min divides it), with those orders open and the backlog's clearing a lower bound.
  model::WorldParams p = small_world(5);
  p.couriers[0].shift_end = 17h;
  p.run.duration = 18h;
  p.run.drain_limit = 3h;
  const model::World world = model::build_world(p);
  // Demand stops at the horizon: nothing is placed at or after 18:00.
  for (std::size_t i = 0; i < world.orders.count(); ++i)
    REQUIRE(world.orders.time(make_id<model::OrderTag>(i), Stage::placed) < sim::TimePoint{18h});
  const auto r = run(world, mode_run("per_building"));
  const auto& rc = r.summary.recovery;
  REQUIRE(r.summary.orders.in_flight > 0);
  CHECK(!rc.drained);
  CHECK(rc.horizon_hours == 18.0);
  CHECK(rc.end_hours == 21.0);
  CHECK(rc.clear_after_horizon_hours == 3.0);
  CHECK(rc.clear_after_horizon_at_least);
  CHECK(r.summary.orders.created == world.orders.count());
}

TEST_CASE("an order placed in the warm-up is not measured and the drain does not wait for it", "[modes][drain]") {
  model::WorldParams p = no_demand();
  p.run.warmup = 1h;
  p.run.duration = 4h;
  model::World w = model::build_world(p);
  REQUIRE(w.orders.count() == 0);
  const auto early = parcel(w, 30min);
  const auto at_warmup = parcel(w, 60min);
  const auto late = parcel(w, 240min);  // at the horizon: not measured either
  sim::Simulation sim;
  const modes::Knobs knobs;
  modes::RunContext ctx(sim, w, knobs, 1);
  CHECK(!ctx.measured(early));
  CHECK(ctx.measured(at_warmup));
  CHECK(!ctx.measured(late));
  ctx.created(early);
  ctx.created(at_warmup);
  ctx.created(late);
  CHECK(ctx.measured_open() == 1);
}

TEST_CASE("measured orders are those placed from the warm-up to just before the horizon, censored at the run's end", "[metrics][drain]") {
  model::World w = model::build_world(no_demand());
  REQUIRE(w.orders.count() == 0);
  parcel(w, 0min, 30min);                   // F: before the warm-up, handed over before it too
  parcel(w, 30min, 90min);                  // A: placed in the warm-up, handed over in the window
  parcel(w, 60min, 120min);                 // B: measured, 60 min
  parcel(w, 120min, 240min);                // C: measured, 120 min, handed over at the horizon
  parcel(w, 180min);                        // D: measured, never delivered: > 180 min at the end
  parcel(w, 240min, 270min);                // E: placed at the horizon, not measured
  metrics::RunRecord r;
  r.warmup = 1h;
  r.horizon = sim::TimePoint{4h};
  r.end = sim::TimePoint{6h};
  const auto s = metrics::summarise(w, r);
  // B, C, D.
  CHECK(s.orders.created == 3);
  CHECK(s.orders.delivered == 2);
  CHECK(s.orders.in_flight == 1);
  CHECK(s.measured_hours == 3.0);
  // Hand-overs in [1 h, 4 h), whoever placed them: A (1:30) and B (2:00); not F, not C.
  CHECK(s.throughput_per_hour == Approx(2.0 / 3.0));
  // Exact {60, 120}, D censored at 6 h - 3 h = 180 min. n = 3: p50 is the 2nd = 120, exact
  // (D's bound is above it); p90 is the 3rd: D's, a lower bound.
  CHECK(s.lead_time_minutes.p50 == 120.0);
  CHECK(!s.lead_time_minutes.p50_at_least);
  CHECK(s.lead_time_minutes.p90 == 180.0);
  CHECK(s.lead_time_minutes.p90_at_least);
  CHECK(s.lead_time_minutes.censored == 1);
  // Within 2 h: B and C (exactly 120 min counts) of 3 measured; within 6 h the same.
  REQUIRE(s.service_levels.size() == 4);
  CHECK(s.service_levels[0] == Approx(2.0 / 3.0));
  CHECK(s.service_levels[1] == Approx(2.0 / 3.0));
}

TEST_CASE("peak backlog, clearing after the horizon and capacity while orders wait, by hand", "[metrics][recovery]") {
  // Horizon 3 h, end 6 h, hourly samples. Backlog (orders placed and not finished) at
  // 1..6 h: 2, 0, 2, 2, 1, 0.
  model::World w = model::build_world(no_demand());
  REQUIRE(w.orders.count() == 0);
  parcel(w, 30min, 90min);
  parcel(w, 45min, 105min);
  parcel(w, 150min, 270min);
  parcel(w, 160min, 310min);
  metrics::RunRecord r;
  r.horizon = sim::TimePoint{3h};
  r.end = sim::TimePoint{6h};
  r.sample_step = 1h;
  for (int h = 1; h <= 6; ++h) {
    metrics::Sample smp;
    smp.at = sim::TimePoint{std::chrono::hours{h}};
    smp.couriers[static_cast<std::size_t>(model::CourierState::idle)] = 2;
    r.samples.push_back(smp);
  }
  const auto s = metrics::summarise(w, r);
  REQUIRE(s.series.backlog.size() == 6);
  CHECK(s.series.backlog == std::vector<double>{2, 0, 2, 2, 1, 0});
  const auto& rc = s.recovery;
  // The first time the peak is reached.
  CHECK(rc.peak_backlog == 2.0);
  CHECK(rc.peak_backlog_at_hours == 1.0);
  // The backlog is 0 at 2 h, before the horizon; after it, first at 6 h.
  CHECK(rc.clear_after_horizon_hours == 3.0);
  CHECK(!rc.clear_after_horizon_at_least);
  // Orders wait at both ends of the steps ending at 4 h and 5 h only (3-4 h: 2 and 2; 4-5 h:
  // 2 and 1); one order is finished in them (at 4:30), by 2 couriers on shift for 2 h.
  CHECK(rc.busy_hours == 2.0);
  CHECK(rc.capacity_per_courier_hour == Approx(1.0 / 4.0));
}
