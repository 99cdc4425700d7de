#include "gate_courier.hpp"

#include "builtin.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace last100::modes::detail {

void CourierLoads::count(const RunContext& ctx, Holdings& h) const {
  for (const auto& load : carried) h.add(ctx.world.orders, load, &Backlog::gate);
  at_gate.count(ctx, h);
  lobbies.count(ctx, h);
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
  const std::function<void(OrderId)> gate_shelf_put = [&loads](OrderId o) { loads.at_gate.put_on_gate_shelf(o); };
  std::optional<std::uint32_t> cart_at;  // the compound whose cart this courier has
  const std::function<void(OrderId)> lobby_put = [&loads](OrderId o) { loads.lobbies.put(o); };
  CourierWork work(ctx, c);
  try {
    for (;;) {
      if (cart_at) {
        // Back at the gate (or never left it): the cart is free again.
        ++loads.carts_free[*cart_at];
        cart_at = std::nullopt;
      }
      if (co_await work.pause()) continue;  // off shift or on duty: waited
      // Own compound first: wait up to help_after for goods at its gate; then, or without a
      // home, the compound near home whose gate holds the first goods in dispatch order.
      std::optional<std::uint32_t> compound;
      if (policy.home_compound_first) {
        if (!stage.has_at_gate(home)) {
          ctx.set_state(c, CourierState::idle);
          const sim::TimePoint give_up = sim.now() + std::min(policy.help_after, ctx.idle_limit(c));
          while (!stage.has_at_gate(home) && sim.now() < give_up)
            co_await sim::any_of_within(sim, give_up - sim.now(), stage.arrived(home));
        }
        if (stage.has_at_gate(home)) compound = home;
      }
      if (!compound) compound = stage.first_compound_at_gate(home);
      if (!compound) {
        ctx.set_state(c, CourierState::idle);
        // Until the shift ends, or a duty session begins (RunContext::idle_limit).
        if (const sim::Duration wait = ctx.idle_limit(c); wait.count() > 0)
          co_await sim::any_of_within(sim, wait, stage.arrived_anywhere());
        continue;
      }
      // Fill the load up to capacity (items and kg) from the gate, by the stage's fill rule;
      // with a cart (free at the gate, and more waiting than hands carry), up to the cart's.
      const auto& cs = ctx.world.couriers;
      const auto& carts = ctx.world.params.carts;
      std::uint32_t max_items = std::max<std::uint32_t>(1, cs.capacity_items(c));
      double max_kg = cs.capacity_kg(c);
      if (loads.carts_free.size() > *compound && loads.carts_free[*compound] > 0 && !loads.at_gate.barred(*compound) &&
          stage.at_gate_count(*compound) > max_items) {
        --loads.carts_free[*compound];
        cart_at = *compound;
        max_items = carts.capacity_items;
        max_kg = carts.capacity_kg;
      }
      double kg = 0;
      stage.take_at_gate(*compound, carried, max_items, max_kg, kg);
      const PlaceId gate = stage.gate(*compound);
      ctx.set_state(c, CourierState::walking);
      const sim::Duration to_gate = ctx.walk_time(c, here, gate);
      ctx.moving(c, gate, to_gate);
      co_await sim.delay(to_gate);
      here = gate;
      // What arrived while walking there tops the load up.
      stage.take_at_gate(*compound, carried, max_items, max_kg, kg);
      // Late orders of a category that cancels them are cancelled here (dispatch rule).
      ctx.drop_late(carried);
      if (carried.empty()) continue;
      const Leg loading = loading_leg(carried.size());
      ctx.set_state(c, loading.state);
      co_await sim.delay(loading.duration);
      if (loads.at_gate.barred(*compound)) {
        // Barred at the gate: hand over there; goods of recipients never reached go back.
        for (const Leg& leg : loads.at_gate.plan(c, *compound, carried)) {
          ctx.set_state(c, leg.state);
          co_await sim.delay(leg.duration);
          complete_leg(ctx, leg, carried, gate_shelf_put);
        }
        // Limited-mobility homes still get door delivery (as at Shuangjing); the rest left
        // is of recipients never reached.
        std::vector<OrderId> to_doors, back;
        for (OrderId o : carried) {
          const bool limited = ctx.world.households.limited_mobility[ctx.world.orders.household(o).index()] != 0;
          (limited ? to_doors : back).push_back(o);
        }
        if (!back.empty()) stage.return_to_gate(std::move(back));
        carried = std::move(to_doors);
        if (carried.empty()) continue;
      }
      // The tour's own drops count against the shelf's capacity as they are planned.
      std::vector<std::pair<std::uint32_t, std::uint32_t>> planned;  // unit, drops
      const auto full = [&](std::uint32_t unit) {
        auto it = std::find_if(planned.begin(), planned.end(), [&](const auto& p) { return p.first == unit; });
        if (it == planned.end()) it = planned.insert(planned.end(), {unit, 0});
        if (shelves == nullptr || shelves->full(unit, it->second)) return true;
        ++it->second;
        return false;
      };
      std::vector<Leg> legs = plan_tour(ctx, c, gate, gate, carried, policy.drop, 1.0, full);
      if (cart_at) {
        // Ridden, not walked: every walking leg of the tour at the cart's speed.
        const double factor = cs.walk_speed_mps(c) / carts.speed_mps;
        for (Leg& leg : legs)
          if (leg.state == CourierState::walking)
            leg.duration = sim::Duration{static_cast<std::int64_t>(std::llround(static_cast<double>(leg.duration.count()) * factor))};
      }
      for (const Leg& leg : legs) {
        ctx.set_state(c, leg.state);
        ctx.moving(c, leg.to, leg.duration);
        co_await sim.delay(leg.duration);
        complete_leg(ctx, leg, carried, shelves ? shelves->put : lobby_put);
      }
    }
  } catch (const sim::Interrupted&) {
    // Quarantined: whatever is still carried goes back to the gate for the others (the
    // cart too).
    work.quarantined(carried, [&](std::vector<OrderId> load) {
      if (cart_at) ++loads.carts_free[*cart_at];
      stage.return_to_gate(std::move(load));
    });
  }
}

void start_gate_couriers(RunContext& ctx, RelayStage& stage, CourierLoads& loads, const GateCourierPolicy& policy) {
  loads.carried.assign(ctx.world.couriers.count(), {});
  loads.at_gate.start(ctx);
  if (policy.drop == Drop::lobby) loads.lobbies.start(ctx);
  loads.carts_free.assign(ctx.world.area.compounds().size(), ctx.world.params.carts.per_compound);
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
  std::vector<KnobSpec> knobs{{"home_compound_first", KnobType::boolean, true, 0, 1,
           "couriers are grouped by compound (courier i serves compound i mod compounds) and take its "
           "batches first; false: the first batch among that compound and its 64 nearest",
           {}},
          {"help_after", KnobType::duration, sim::Duration{std::chrono::minutes{10}}, 0, 86400,
           "with home_compound_first: idle this long, a courier takes the first batch of one of the 64 "
           "compounds nearest its own "
           "(assumption)",
           {}}};
  using namespace std::chrono_literals;
  cite(knobs, "help_after", model::assumed(0s, 60min, "how long an idle courier keeps to its own compound; the relay's gap to per-building turns on it (issue 22)"));
  return knobs;
}

}  // namespace last100::modes::detail
