#include "tour.hpp"

namespace last100::modes::detail {

std::vector<Leg> plan_door_tour(const RunContext& ctx, CourierId c, PlaceId start, PlaceId end,
                                const std::vector<OrderId>& load, double handover_factor) {
  return plan_tour(ctx, c, start, end, load, Drop::door, handover_factor, [](std::uint32_t) { return true; });
}

void complete_leg(RunContext& ctx, const Leg& leg, std::vector<OrderId>& carried,
                  const std::function<void(OrderId)>& shelf_put) {
  if (leg.action == LegAction::none || leg.action == LegAction::lift_wait) return;
  std::erase(carried, leg.order);
  if (leg.action == LegAction::shelf_drop) {
    ctx.contactless_drop();
    shelf_put(leg.order);
    return;
  }
  // Goods moved from a station to the door (a compound sealed meanwhile) were stamped there.
  if (!ctx.world.orders.reached(leg.order, Stage::at_shelf_or_door)) ctx.stamp(leg.order, Stage::at_shelf_or_door);
  if (leg.action == LegAction::door_drop)
    ctx.door_drop(leg.order);
  else
    ctx.door_hand_over(leg.order, leg.courier);
}

std::vector<std::vector<OrderId>> split_to_capacity(const RunContext& ctx, CourierId c, std::vector<OrderId> orders) {
  const auto& cs = ctx.world.couriers;
  const std::uint32_t max_items = std::max<std::uint32_t>(1, cs.capacity_items(c));
  const double max_kg = cs.capacity_kg(c);
  std::vector<std::vector<OrderId>> loads;
  std::vector<OrderId> current;
  double kg = 0;
  for (OrderId o : orders) {
    const double w = ctx.world.orders.weight_kg(o);
    // An item heavier than the whole capacity still goes, alone (two trips would not help).
    if (!current.empty() && (current.size() >= max_items || kg + w > max_kg)) {
      loads.push_back(std::move(current));
      current.clear();
      kg = 0;
    }
    current.push_back(o);
    kg += w;
  }
  if (!current.empty()) loads.push_back(std::move(current));
  return loads;
}

}  // namespace last100::modes::detail
