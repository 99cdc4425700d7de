#include "last100/modes/run_mode.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "last100/metrics/kpi.hpp"
#include "last100/metrics/ledger.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/simulation.hpp"

namespace last100::modes {

RunResult run_mode(const model::World& base, const std::string& mode, const Knobs& knobs,
                   const RunModeOptions& options) {
  const ModeInfo* info = find_mode(mode);
  if (!info) throw std::invalid_argument("unknown mode '" + mode + "'");
  const sim::Duration sample_step = options.sample_step;
  const auto& on_progress = options.on_progress;
  RunResult result{{}, base, 0, {}};
  model::World& world = result.world;
  world.orders.clear_progress();
  world.couriers.reset();
  const sim::TimePoint horizon = sim::TimePoint{world.params.run.duration};

  auto sim = std::make_unique<sim::Simulation>();
  // The mode's own draws (pickups, ...) come from streams of the run seed, named per purpose,
  // so modes compared on one world see the same demand and their own independent noise.
  auto context = std::make_unique<RunContext>(*sim, world, knobs, world.params.run.seed, options.trace);
  RunContext& ctx = *context;
  std::unique_ptr<Mode> policy = info->make(knobs);
  policy->start(ctx);

  // The demand feed: each order is released at its placement time, in id order.
  struct Feed {
    RunContext& ctx;
    Mode& mode;
    std::size_t next = 0;
    sim::HandlerId handler;
    void release(sim::Simulation& s) {
      const auto& orders = ctx.world.orders;
      const auto& placed = orders.times(model::Stage::placed);
      // Every order placed at this very tick, then the next one's tick.
      while (next < orders.count() && placed[next] <= s.now()) {
        const auto id = make_id<model::OrderTag>(next++);
        ctx.created(id);
        mode.on_order(ctx, id);
      }
      if (next < orders.count()) s.schedule(placed[next], handler);
    }
  } feed{ctx, *policy, 0, {}};
  feed.handler = sim->add_handler([](void* f, sim::Simulation& s, std::uint32_t) { static_cast<Feed*>(f)->release(s); }, &feed);
  if (world.orders.count() > 0) sim->schedule(world.orders.times(model::Stage::placed)[0], feed.handler);

  // Quarantines interrupt the courier's process; the mode returns its load to the pool.
  const auto& quarantines = world.params.quarantines;
  auto quarantine = [&](sim::Simulation& s, std::uint32_t i) {
    const auto c = make_id<model::CourierTag>(quarantines[i].courier);
    if (c.index() >= world.couriers.count()) return;
    ctx.mark_quarantined(c);
    s.interrupt(ctx.courier_process(c), 1, "quarantined");
  };
  const sim::HandlerId q = sim->add_handler(quarantine);
  for (std::uint32_t i = 0; i < quarantines.size(); ++i) sim->schedule(sim::TimePoint{quarantines[i].at}, q, i);

  // Samples of backlogs and courier states on a fixed step.
  metrics::TimeSeriesRecorder recorder(sample_step);
  auto sample = [&](sim::Simulation& s, std::uint32_t) {
    metrics::Sample smp = metrics::TimeSeriesRecorder::couriers_at(world.couriers, s.now());
    const Backlog b = policy->holdings(ctx).backlog;
    smp.backlog_station = b.station;
    smp.backlog_gate = b.gate;
    smp.backlog_shelf = b.shelf;
    recorder.record(smp);
  };
  const sim::HandlerId sampler = sim->add_handler(sample);
  const sim::TimePoint limit = horizon + world.params.run.drain_limit;
  for (sim::TimePoint t = recorder.next_due(); t <= limit; t += sample_step) sim->schedule(t, sampler);

  // The measurement window [warm-up, horizon): courier time at both edges.
  const sim::TimePoint warm = sim::TimePoint{world.params.run.warmup};
  // With a progress callback the run advances in slices of simulated time: run_until(t)
  // processes every event up to t and nothing else, so slicing changes nothing in the run.
  const auto advance = [&](sim::TimePoint stop) {
    if (!on_progress) {
      sim->run_until(stop);
      return;
    }
    constexpr std::int64_t slices = 100;
    const auto total = limit.time_since_epoch().count();
    const auto step = std::max<std::int64_t>(1, total / slices);
    for (auto t = (sim->now().time_since_epoch().count() / step + 1) * step; t < stop.time_since_epoch().count(); t += step) {
      sim->run_until(sim::TimePoint{sim::Duration{t}});
      on_progress(static_cast<double>(t) / static_cast<double>(total));
    }
    sim->run_until(stop);
    on_progress(static_cast<double>(stop.time_since_epoch().count()) / static_cast<double>(std::max<std::int64_t>(1, total)));
  };
  advance(warm);
  const auto hours_at_warmup = metrics::courier_hours(world.couriers, warm);
  advance(horizon);
  const auto hours_at_horizon = metrics::courier_hours(world.couriers, horizon);
  // The drain: demand has stopped, couriers keep their shifts, until every measured order
  // is resolved or the drain limit passes (checked on the sample step, so where it stops
  // does not depend on anything but the run).
  sim::TimePoint end = horizon;
  while (ctx.measured_open() > 0 && end < limit) {
    end = std::min(end + sample_step, limit);
    advance(end);
  }
  result.events = sim->events_processed();

  metrics::check_conservation(world.orders, ctx.ledger(), policy->holdings(ctx).held, end);

  metrics::RunRecord record;
  record.scenario = options.scenario_name;
  record.mode = mode;
  record.seed = world.params.run.seed;
  record.end = end;
  record.horizon = horizon;
  record.warmup = world.params.run.warmup;
  record.contacts = ctx.contacts;
  record.contacts_by_building = std::move(ctx.contacts_by_building);
  record.hours_at_warmup = hours_at_warmup;
  record.hours_at_horizon = hours_at_horizon;
  record.peak_shelf_crowding = ctx.peak_shelf_crowding;
  for (std::size_t i = 0; i < world.orders.count(); ++i) {
    const auto id = make_id<model::OrderTag>(i);
    if (world.orders.category(id) == model::Category::fresh_food && ctx.measured(id) &&
        world.orders.status(id) < model::OrderStatus::delivered && ctx.spoil_deadline(id) < end)
      ++record.stale_fresh_in_flight;
  }
  result.vans = {ctx.vans.trips, ctx.vans.stops, ctx.vans.items, ctx.vans.kg};
  record.samples = recorder.samples();
  record.sample_step = sample_step;
  // What the run held is freed before the summary is made, so that the two do not add up in
  // the peak. The engine goes first: suspended processes still refer to the mode's containers.
  sim.reset();
  policy.reset();
  context.reset();
  result.summary = metrics::summarise(world, record);
  return result;
}

}  // namespace last100::modes
