#include "lobby.hpp"

#include <algorithm>

#include "last100/model/vertical.hpp"

namespace last100::modes::detail {

void Lobbies::start(RunContext& ctx) {
  ctx_ = &ctx;
  const auto buildings = ctx.world.area.buildings().size();
  const std::uint32_t per = ctx.world.params.lobby_volunteers.per_building;
  lobby_.assign(buildings, {});
  carrying_.assign(buildings * per, {});
  for (std::size_t b = 0; b < buildings; ++b) dropped_.emplace_back(ctx.sim);
  for (std::uint32_t b = 0; b < buildings; ++b)
    for (std::uint32_t i = 0; i < per; ++i) ctx.sim.start(volunteer(b, i));
}

void Lobbies::put(OrderId order) {
  auto& ctx = *ctx_;
  ctx.stamp(order, Stage::at_shelf_or_door);
  const std::uint32_t b = ctx.building_of(ctx.world.orders.household(order));
  lobby_[b].push_back(order);
  dropped_[b].notify_all();
}

// A volunteer on shift takes up to capacity items from the lobby (oldest first), climbs the
// stairs or rides the lift unit by unit and floor by floor, leaves each household's goods at
// its door, comes back down, and starts again while goods wait.
sim::Process Lobbies::volunteer(std::uint32_t building, std::uint32_t index) {
  auto& ctx = *ctx_;
  auto& sim = ctx.sim;
  const auto& v = ctx.world.params.lobby_volunteers;
  const auto& vertical = ctx.world.params.vertical;
  const auto& hh = ctx.world.households;
  const bool lift = ctx.world.area.buildings()[building].has_lift;
  auto& carried = carrying_[static_cast<std::size_t>(building) * v.per_building + index];
  for (;;) {
    if (lobby_[building].empty()) {
      co_await dropped_[building].wait();
      continue;
    }
    const sim::TimePoint now = sim.now();
    const sim::TimePoint starts = sim::at_day(sim::day_of(now), v.starts), ends = sim::at_day(sim::day_of(now), v.ends);
    if (now < starts || now >= ends) {
      co_await sim.delay_until(now < starts ? starts : starts + sim::one_day);
      continue;
    }
    auto& lobby = lobby_[building];
    const std::size_t n = std::min<std::size_t>(v.capacity_items, lobby.size());
    carried.assign(lobby.begin(), lobby.begin() + static_cast<std::ptrdiff_t>(n));
    lobby.erase(lobby.begin(), lobby.begin() + static_cast<std::ptrdiff_t>(n));
    // Unit by unit, floors upwards: one climb per unit, as a courier's tour does.
    std::sort(carried.begin(), carried.end(), [&](OrderId a, OrderId b) {
      const auto ha = ctx.world.orders.household(a).index(), hb = ctx.world.orders.household(b).index();
      if (hh.unit[ha] != hh.unit[hb]) return hh.unit[ha] < hh.unit[hb];
      if (hh.floor[ha] != hh.floor[hb]) return hh.floor[ha] < hh.floor[hb];
      return a < b;
    });
    while (!carried.empty()) {
      const auto first = ctx.world.orders.household(carried.front()).index();
      const std::uint32_t unit = hh.unit[first];
      std::uint32_t floor = 1;
      while (!carried.empty() && hh.unit[ctx.world.orders.household(carried.front()).index()] == unit) {
        const OrderId o = carried.front();
        const auto h = ctx.world.orders.household(o);
        const std::uint32_t to = hh.floor[h.index()];
        if (to > floor) {
          co_await sim.delay(lift ? (floor == 1 ? model::lift_ride(vertical, to) : model::lift_between(vertical, floor, to))
                                  : model::stairs_up(vertical, to, true) - model::stairs_up(vertical, floor, true));
          floor = to;
        }
        co_await sim.delay(v.door_drop);
        // Everything of this household the volunteer carries is left at its door at once.
        std::vector<OrderId> mine;
        std::erase_if(carried, [&](OrderId x) {
          if (ctx.world.orders.household(x) != h) return false;
          mine.push_back(x);
          return true;
        });
        ctx.collect(mine, h);
      }
      if (floor > 1) co_await sim.delay(lift ? model::lift_ride(vertical, floor) : model::stairs_down(vertical, floor));
    }
  }
}

void Lobbies::count(const RunContext& ctx, Holdings& h) const {
  for (const auto& l : lobby_) h.add(ctx.world.orders, l, &Backlog::shelf);
  for (const auto& c : carrying_) h.add(ctx.world.orders, c, &Backlog::shelf);
}

}  // namespace last100::modes::detail
