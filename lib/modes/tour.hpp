#pragma once
// Door-to-door tours: the shared way every mode turns a courier's load into timed legs.
// Planning is a pure function; a courier process executes the legs one co_await at a time,
// so a quarantine can interrupt it between any two.

#include <functional>
#include <vector>

#include "last100/modes/context.hpp"

namespace last100::modes::detail {

/// What a courier does at the end of a leg: nothing, a face-to-face door hand-over, a
/// contactless drop at the door, a drop on a shelf. `lift_wait` marks the wait for a lift car
/// (nothing is done at its end; tests count the waits).
enum class LegAction : std::uint8_t { none, hand_over, door_drop, shelf_drop, lift_wait };

/// Where a load goes: to doors, to unit shelves, shelves except for limited-mobility homes, or
/// the building's lobby (volunteers carry it up).
enum class Drop : std::uint8_t { door, shelf, shelf_unless_limited, lobby };

struct Leg {
  sim::Duration duration{0};
  CourierState state = CourierState::walking;
  LegAction action = LegAction::none;
  OrderId order;
  PlaceId to{};  ///< where a walking leg ends (for the replay trace); none for legs in place
  CourierId courier{};  ///< who walks it (set by plan_tour): a door contact is counted against it
};

/// Assumptions shared by the modes (docs/modes.md, "Assumptions").
struct TourTimes {
  sim::Duration load_per_item = std::chrono::seconds{5};    ///< scanning and stowing one item
  sim::Duration extra_item = std::chrono::seconds{10};      ///< each further item at the same door
  sim::Duration shelf_per_item = std::chrono::seconds{8};   ///< placing and labelling on a shelf
};

/// Plans a courier's tour from `start` through every order of `load` and back to `end`:
/// buildings by nearest neighbour, units in turn, floors upwards, one climb per unit. In a
/// lift core that climb is one lift trip: one wait for the car at the ground, a stop at each
/// floor served (the courier keeps the car while at that floor's doors), then one wait and
/// one ride down; waits are drawn from an exponential of the mean (a stream of the run seed
/// keyed by courier and time). Goods go to doors by the zone's door_handover rule: face to
/// face (the courier's handover time) or left at the door (its door_drop time).
/// `handover_factor` scales the courier's hand-over time (familiar buildings are quicker).
/// `shelf_full(unit)` says whether a unit's shelf can take no more (then: door delivery); it is
/// asked once per drop the tour would make there, and a drop is planned when it says no.
template <class ShelfFull>
std::vector<Leg> plan_tour(const RunContext& ctx, CourierId c, PlaceId start, PlaceId end,
                           const std::vector<OrderId>& load, Drop drop, double handover_factor,
                           ShelfFull&& shelf_full, const TourTimes& times = {});

/// The same without shelves.
std::vector<Leg> plan_door_tour(const RunContext& ctx, CourierId c, PlaceId start, PlaceId end,
                                const std::vector<OrderId>& load, double handover_factor = 1.0);

/// Does what ends a leg: a door hand-over (face to face), a contactless drop at the door, or
/// a drop on a shelf through `shelf_put`; either way the order leaves the courier's load.
/// Nothing for a plain leg or a lift wait.
void complete_leg(RunContext& ctx, const Leg& leg, std::vector<OrderId>& carried,
                  const std::function<void(OrderId)>& shelf_put = nullptr);

/// Returns the loading leg for `items` items.
inline Leg loading_leg(std::size_t items, const TourTimes& times = {}) {
  return {times.load_per_item * static_cast<std::int64_t>(items), CourierState::loading, LegAction::none, {}};
}

/// Splits `orders` into loads that fit a courier's item and weight capacity, in order.
std::vector<std::vector<OrderId>> split_to_capacity(const RunContext& ctx, CourierId c, std::vector<OrderId> orders);

}  // namespace last100::modes::detail

#include "tour_impl.hpp"
