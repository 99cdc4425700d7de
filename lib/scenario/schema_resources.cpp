// Declared tables: the buildings' vertical travel, the residents, and the resources every mode
// shares (vans, carts, lobby volunteers, the station crew) and the dispatch order. Defaults
// come from the parameter structs (model/params.hpp), where their sources are noted.

#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

using namespace std::chrono_literals;
using model::Duration;
constexpr Duration day = 24h;

const Table<model::DispatchParams>& dispatch_table() {
  using S = model::DispatchParams;
  static const Table<S> t{"dispatch", false,
                          {key("rule", &S::rule)
                               .doc("`\"urgency\"`: higher category priority first, then the earlier due time, then the "
                                    "older order; `\"fifo\"`: the older order first")}};
  return t;
}

const Table<model::VerticalParams>& vertical_table() {
  using S = model::VerticalParams;
  static const Table<S> t{"vertical", false,
                          {key("stairs_per_floor", &S::stairs_per_floor).within(0s, 10min).doc("climbing one floor unloaded"),
                           key("loaded_stairs_factor", &S::loaded_stairs_factor).range(1, 10).doc("climbing slower when carrying"),
                           key("descend_factor", &S::descend_factor).above(0, 10).doc("going down stairs, relative to climbing unloaded"),
                           key("lift_wait_mean", &S::lift_wait_mean).within(0s, 1h).doc("mean wait for a lift"),
                           key("lift_per_floor", &S::lift_per_floor).within(0s, 10min).doc("a lift's time per floor"),
                           key("lift_stop", &S::lift_stop)
                               .within(0s, 10min)
                               .doc("each floor a lift trip serves, and the ground: doors, start and levelling")}};
  return t;
}

const Table<model::PopulationParams>& population_table() {
  using S = model::PopulationParams;
  static const Table<S> t{
      "population", false,
      {key("mean_household_size", &S::mean_household_size).range(1, 20, "people").doc("residents per household"),
       key("limited_mobility_share", &S::limited_mobility_share)
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.08 means 8%")
           .doc("households served at the door whatever the mode"),
       key("pickup_immediate_share", &S::pickup_immediate_share)
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.4 means 40%")
           .doc("residents who come within a minute when told to collect"),
       key("pickup_delay_mean", &S::pickup_delay_mean).within(0s, day * 7).doc("the others: mean of an exponential delay")}};
  return t;
}

const Table<model::VehicleParams>& vehicles_table() {
  using S = model::VehicleParams;
  static const Table<S> t{
      "vehicles", false,
      {key("count", &S::count).range(0, 10000).doc("vans between the outside station and the gates"),
       key("capacity_items", &S::capacity_items)
           .range(1, 1e6, "items")
           .hint("a vehicle must carry at least one item")
           .doc("items one van carries"),
       key("capacity_kg", &S::capacity_kg)
           .above(0, 1e5, "kg")
           .hint("a light van carries 500 to 1,500 kg")
           .doc("payload (assumed: a light panel van)"),
       key("load_time", &S::load_time).within(0s, day).doc("per trip, at the station"),
       key("unload_time", &S::unload_time).within(0s, day).doc("per gate of a trip"),
       key("interval", &S::interval)
           .after(0s, day * 7)
           .doc("longest wait of the oldest order aboard; the timetable's headway"),
       key("leave_when_full", &S::leave_when_full).doc("a van leaves as soon as its load is full"),
       key("dispatch", &S::dispatch).doc("when a van leaves (below)"),
       key("max_stops", &S::max_stops)
           .range(1, 1000, "gates")
           .hint("a trip serves at least one gate")
           .doc("gates one trip may serve (assumed: a short loop)")}};
  return t;
}

const Table<model::Carts>& carts_table() {
  using S = model::Carts;
  static const Table<S> t{
      "carts", false,
      {key("per_compound", &S::per_compound).range(0, 10000, "carts").doc("carts at each gate; 0: none"),
       key("speed_mps", &S::speed_mps).above(0, 15, "m/s").doc("riding inside the compound (assumed: about 7 km/h)"),
       key("capacity_items", &S::capacity_items).range(1, 10000, "items").doc("assumed: a courier's e-tricycle box"),
       key("capacity_kg", &S::capacity_kg).above(0, 2000, "kg").doc("assumed")}};
  return t;
}

const Table<model::LobbyVolunteers>& lobby_volunteers_table() {
  using S = model::LobbyVolunteers;
  static const Table<S> t{
      "lobby_volunteers", false,
      {key("per_building", &S::per_building).range(0, 1000, "people").doc("volunteers per building; 0: none"),
       key("capacity_items", &S::capacity_items)
           .range(1, 1000, "items")
           .doc("items one carries up per trip (assumed: two hands of bags)"),
       key("door_drop", &S::door_drop).within(0s, 1h).doc("leaving one household's goods at its door (assumed)"),
       key("starts", &S::starts).clock().doc("volunteers begin each day (assumed)"),
       key("ends", &S::ends).clock().note("after `starts`").doc("and stop starting trips (assumed)")}};
  return t;
}

const Table<model::SortingCrew>& sorting_table() {
  using S = model::SortingCrew;
  static const Table<S> t{
      "sorting", false,
      {key("crew", &S::crew)
           .range(0, 100000, "people")
           .hint("0: goods are ready to load as they arrive")
           .doc("people sorting at once; 0: goods are ready to load as they arrive"),
       key("per_item", &S::per_item)
           .after(0s, 1h)
           .doc("handling one item: scan, label, place (assumed: 180 items an hour by hand)"),
       key("starts", &S::starts).clock().doc("the crew starts each day"),
       key("ends", &S::ends).clock().note("after `starts`").doc("and stops (an item is not started unless it ends by then)"),
       key("gate_crew", &S::gate_crew)
           .range(0, 10000, "people")
           .hint("0: no sorting at the gate")
           .doc("a crew at each gate; 0: no sorting at the gate"),
       key("gate_per_item", &S::gate_per_item)
           .within(0s, 1h)
           .doc("sorting one unloaded item at the gate (needs `gate_crew`)")}};
  return t;
}

}  // namespace last100::scenario::detail
