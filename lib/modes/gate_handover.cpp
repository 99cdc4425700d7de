#include "gate_handover.hpp"

#include <algorithm>
#include <deque>

#include "last100/model/households.hpp"
#include "last100/model/vertical.hpp"

namespace last100::modes::detail {

void GateHandovers::start(RunContext& ctx) {
  ctx_ = &ctx;
  calls_ = ctx.streams.stream("entry_calls");
  pickups_ = ctx.streams.stream("gate_shelf_pickup");
  gate_shelf_.assign(ctx.world.area.compounds().size(), {});
  told_.assign(ctx.world.households.count(), 0);
}

bool GateHandovers::barred(std::uint32_t compound) const {
  return ctx_->world.params.zone.entry.courier_entry != model::CourierEntry::allowed &&
         ctx_->residents_may_collect(compound);
}

// From the household's door down the stairs or the lift, and on foot to the gate.
sim::Duration GateHandovers::resident_to_gate(model::HouseholdId h, std::uint32_t compound) const {
  const auto& w = ctx_->world;
  const auto i = h.index();
  const auto& v = w.params.vertical;
  const std::uint32_t floor = w.households.floor[i];
  const bool lift = w.area.buildings()[w.households.building[i]].has_lift;
  const sim::Duration down = lift ? model::lift_ride(v, floor) : model::stairs_down(v, floor);
  const sim::Duration walk = w.travel.travel_time(model::TravelMode::walk, ctx_->door_of(h),
                                                  ctx_->gate_of_compound(compound), w.params.zone.entry.resident_walk_mps);
  // Loaded layouts are checked to reach every place of a compound from a gate on foot.
  return down + (walk == net::unreachable ? std::chrono::minutes{10} : walk);
}

std::vector<Leg> GateHandovers::plan(CourierId c, std::uint32_t compound, const std::vector<OrderId>& all) {
  // Limited-mobility homes cannot come down: their goods stay in the load for the doors.
  std::vector<OrderId> load;
  for (OrderId o : all)
    if (!ctx_->world.households.limited_mobility[ctx_->world.orders.household(o).index()]) load.push_back(o);
  if (ctx_->world.params.zone.entry.courier_entry == model::CourierEntry::call_down)
    return plan_call_down(c, compound, load);
  const auto& dis = ctx_->world.params.zone.disinfection;
  std::vector<Leg> legs;
  if (dis.shelf_per_visit.count() > 0) legs.push_back({dis.shelf_per_visit, CourierState::handing_over, LegAction::none, {}});
  for (OrderId o : load)
    legs.push_back({TourTimes{}.shelf_per_item + dis.shelf_per_item, CourierState::handing_over, LegAction::shelf_drop, o});
  return legs;
}

// Calls in load order, at most `max_at_gate` recipients called and not yet served at once
// (no gathering at the gate: one by one by default, as Shuangjing called residents to its
// shelves). One who answers gets ready and comes down; the courier waits and hands over. One
// who does not is called again `retry_after` after the last call, up to `retries` times;
// the goods of one never reached stay in the load.
std::vector<Leg> GateHandovers::plan_call_down(CourierId c, std::uint32_t compound, const std::vector<OrderId>& load) {
  (void)c;
  const auto& e = ctx_->world.params.zone.entry;
  const auto& orders = ctx_->world.orders;
  struct Recipient {
    model::HouseholdId household;
    std::vector<OrderId> orders;
    std::uint32_t calls = 0;
    sim::Duration call_at{0};  // from the start of the session
  };
  std::vector<Recipient> all;
  for (OrderId o : load) {
    const auto h = orders.household(o);
    auto it = std::find_if(all.begin(), all.end(), [&](const Recipient& r) { return r.household == h; });
    if (it == all.end()) it = all.insert(all.end(), Recipient{h, {}, 0, sim::Duration{0}});
    it->orders.push_back(o);
  }
  const std::size_t window = e.max_at_gate == 0 ? all.size() : e.max_at_gate;
  std::deque<std::size_t> to_call(all.size());  // call times never decrease along the queue
  for (std::size_t i = 0; i < all.size(); ++i) to_call[i] = i;
  std::vector<std::pair<sim::Duration, std::size_t>> coming;  // min-heap: (arrival, recipient)
  const auto later = [](const auto& a, const auto& b) { return a > b; };
  std::vector<Leg> legs;
  sim::Duration clock{0};
  const auto wait_until = [&](sim::Duration t) {
    if (t <= clock) return;
    legs.push_back({t - clock, CourierState::handing_over, LegAction::none, {}});  // waiting: part of the hand-over
    clock = t;
  };
  while (!to_call.empty() || !coming.empty()) {
    if (!to_call.empty() && coming.size() < window && (all[to_call.front()].call_at <= clock || coming.empty())) {
      Recipient& r = all[to_call.front()];
      to_call.pop_front();
      wait_until(r.call_at);
      legs.push_back({e.call_time, CourierState::handing_over, LegAction::none, {}});
      clock += e.call_time;
      ++r.calls;
      if (calls_.uniform01() < e.answer_share) {
        coming.emplace_back(clock + e.come_down_ready + resident_to_gate(r.household, compound),
                            static_cast<std::size_t>(&r - all.data()));
        std::push_heap(coming.begin(), coming.end(), later);
      } else if (r.calls <= e.retries) {
        r.call_at = clock + e.retry_after;
        to_call.push_back(static_cast<std::size_t>(&r - all.data()));
      }
      continue;
    }
    // Serve whoever arrives first (all called are on their way, or the window is full).
    std::pop_heap(coming.begin(), coming.end(), later);
    const auto [arrive, i] = coming.back();
    coming.pop_back();
    wait_until(arrive);
    bool first = true;
    for (OrderId o : all[i].orders) {
      const sim::Duration t = first ? e.gate_handover : TourTimes{}.extra_item;
      legs.push_back({t, CourierState::handing_over, LegAction::hand_over, o});
      clock += t;
      first = false;
    }
  }
  return legs;
}

void GateHandovers::put_on_gate_shelf(OrderId order) {
  auto& ctx = *ctx_;
  ctx.stamp(order, Stage::at_shelf_or_door);
  const auto h = ctx.world.orders.household(order);
  const std::uint32_t compound = ctx.world.area.buildings()[ctx.building_of(h)].compound;
  gate_shelf_[compound].push_back(order);
  if (told_[h.index()]) return;  // told already: collects this too
  told_[h.index()] = 1;
  ctx.sim.start(collector(compound, static_cast<std::uint32_t>(h.index())));
}

// A resident told their goods are on the gate shelf: waits out the disinfectant's contact
// time, comes in their own time (nobody calls them one by one), collects everything of theirs.
sim::Process GateHandovers::collector(std::uint32_t compound, std::uint32_t household) {
  auto& ctx = *ctx_;
  const model::HouseholdId h{household};
  co_await ctx.sim.delay(ctx.world.params.zone.disinfection.shelf_dwell);
  co_await ctx.sim.delay(model::sample_pickup_delay(ctx.world.params.population, ctx.world.households.pickup[household], pickups_));
  // Sealed meanwhile: nobody may come down; try again later.
  while (!ctx.residents_may_collect(compound)) co_await ctx.sim.delay(std::chrono::minutes{30});
  co_await ctx.sim.delay(resident_to_gate(h, compound));
  // Pickup places are numbered after the unit shelves, so a gate shelf is a place of its own.
  const auto place = static_cast<std::uint32_t>(ctx.world.area.units().size() + compound);
  const PlaceId gate = ctx.gate_of_compound(compound);  // where the replay shows them
  ctx.enter_pickup(place, RunContext::PickupArea::counter, h, gate);
  co_await ctx.sim.delay(std::chrono::seconds{30});  // taking one's goods off the shelf (assumed, as at unit shelves)
  ctx.collect(gate_shelf_[compound], h);
  ctx.leave_pickup(place, RunContext::PickupArea::counter, h, gate);
  told_[household] = 0;
}

void GateHandovers::count(const RunContext& ctx, Holdings& h) const {
  for (const auto& s : gate_shelf_) h.add(ctx.world.orders, s, &Backlog::shelf);
}

}  // namespace last100::modes::detail
