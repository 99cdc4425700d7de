#include "gate_courier.hpp"

#include "builtin.hpp"

namespace last100::modes::detail {

void CourierLoads::count(const RunContext& ctx, Holdings& h) const {
  for (const auto& load : carried) h.add(ctx.world.orders, load, &Backlog::gate);
}

sim::Process gate_courier(RunContext& ctx, RelayStage& stage, CourierLoads& loads, CourierId c,
                          const GateCourierPolicy& policy) {
  const ShelfHooks* shelves = policy.shelves;
  const auto home = static_cast<std::uint32_t>(c.index() % ctx.world.area.compounds().size());
  auto& sim = ctx.sim;
  auto& carried = loads.carried[c.index()];
  // Couriers inside start from their outlet (Jiuxianqiao: 2 outlets in the sealed area).
  const auto& outlets = ctx.outlets();
  PlaceId here = outlets.empty() ? stage.gate(0) : outlets[c.index() % outlets.size()];
  try {
    for (;;) {
      if (const auto pause = ctx.pause_before_work(c); pause.length.count() > 0) {
        ctx.set_state(c, pause.state);
        co_await sim.delay(pause.length);
        continue;
      }
      std::optional<Batch> batch;
      if (policy.home_compound_first) {
        // Own compound first; after help_after without own work, the oldest batch anywhere.
        const auto own = [home](const Batch& b) { return b.compound == home; };
        batch = stage.at_gates().try_get(own);
        if (!batch) {
          ctx.set_state(c, CourierState::idle);
          batch = co_await stage.at_gates().get_within(std::min(policy.help_after, ctx.shift_end(c) - sim.now()), own);
        }
        if (!batch) batch = stage.at_gates().try_get();
      }
      if (!batch) {
        ctx.set_state(c, CourierState::idle);
        batch = co_await stage.at_gates().get_within(ctx.shift_end(c) - sim.now());
      }
      if (!batch) continue;
      carried = std::move(batch->orders);
      const PlaceId gate = stage.gate(batch->compound);
      ctx.set_state(c, CourierState::walking);
      const sim::Duration to_gate = ctx.walk_time(c, here, gate);
      ctx.moving(c, gate, to_gate);
      co_await sim.delay(to_gate);
      here = gate;
      // A batch heavier than the courier can carry is split; the rest goes back to the gate.
      auto loads_of_batch = split_to_capacity(ctx, c, std::move(carried));
      carried = std::move(loads_of_batch.front());
      for (std::size_t i = 1; i < loads_of_batch.size(); ++i)
        stage.at_gates().put_now(Batch{batch->compound, batch->route_area, std::move(loads_of_batch[i])});
      const Leg loading = loading_leg(carried.size());
      ctx.set_state(c, loading.state);
      co_await sim.delay(loading.duration);
      const auto full = [&](std::uint32_t unit) { return shelves == nullptr || shelves->full(unit); };
      const std::vector<Leg> legs = plan_tour(ctx, c, gate, gate, carried, policy.drop, 1.0, full);
      for (const Leg& leg : legs) {
        ctx.set_state(c, leg.state);
        ctx.moving(c, leg.to, leg.duration);
        co_await sim.delay(leg.duration);
        complete_leg(ctx, leg, carried, shelves ? shelves->put : nullptr);
      }
    }
  } catch (const sim::Interrupted&) {
    // Quarantined: whatever is still carried goes back to the gate for the others.
    if (!carried.empty()) {
      const auto compound = ctx.compound_of_building(ctx.building_of(ctx.world.orders.household(carried.front())));
      stage.at_gates().put_now(Batch{compound, 0, std::move(carried)});
      carried.clear();
    }
    ctx.set_state(c, CourierState::quarantined);
  }
}

void start_gate_couriers(RunContext& ctx, RelayStage& stage, CourierLoads& loads, const GateCourierPolicy& policy) {
  loads.carried.assign(ctx.world.couriers.count(), {});
  for (std::uint32_t i = 0; i < ctx.world.couriers.count(); ++i) {
    const CourierId c = make_id<model::CourierTag>(i);
    ctx.register_courier(c, ctx.sim.start(gate_courier(ctx, stage, loads, c, policy)));
  }
}

std::vector<KnobSpec> gate_mode_knobs() {
  auto knobs = relay_stage_knobs();
  for (auto& k : gate_courier_knobs()) knobs.push_back(std::move(k));
  return knobs;
}

std::vector<KnobSpec> gate_courier_knobs() {
  return {{"home_compound_first", KnobType::boolean, true, 0, 1,
           "couriers are grouped by compound (courier i serves compound i mod compounds) and take its "
           "batches first; false: the oldest batch anywhere",
           {}},
          {"help_after", KnobType::duration, sim::Duration{std::chrono::minutes{10}}, 0, 86400,
           "with home_compound_first: idle this long, a courier takes the oldest batch of another compound "
           "(assumption)",
           {}}};
}

}  // namespace last100::modes::detail
