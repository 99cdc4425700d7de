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
                          {key("stairs_per_floor", &S::stairs_per_floor)
           .provenance(sourced(8s, 16s, {"S2"}, "derived: one floor of a walk-up is two flights of about 9 steps plus two landings, about 7 m of path; upward horizontal speeds on a long stairway peak at 0.4-0.5 m/s and are about twice that on a short one [S2], so 8-16 s; 12 s is the middle")).within(0s, 10min).doc("climbing one floor unloaded"),
                           key("loaded_stairs_factor", &S::loaded_stairs_factor)
           .provenance(assumed(1.2, 1.8, {"S3"}, "carrying 10-20 kg upstairs; climbing costs ten to fifteen times the energy of level walking [S3]")).range(1, 10).doc("climbing slower when carrying"),
                           key("descend_factor", &S::descend_factor)
           .provenance(assumed(0.5, 0.8, {"S2"}, "descending unloaded is quicker than climbing [S2]")).above(0, 10).doc("going down stairs, relative to climbing unloaded"),
                           key("lift_wait_mean", &S::lift_wait_mean)
           .provenance(assumed(20s, 90s, {"S4", "S5", "S6"}, "inside the range the sources give: office design targets of 25-40 s average wait [S4], about 90 s acceptable in apartment buildings [S5]; Meituan added 8 minutes to riders' times partly to wait for lifts [S6]")).within(0s, 1h).doc("mean wait for a lift"),
                           key("lift_per_floor", &S::lift_per_floor)
           .provenance(sourced(2s, 5s, {"S7"}, "derived: 3 m floors at a residential lift's 1.0 m/s (speed in m/s about travel height / 25 [S7])")).within(0s, 10min).doc("a lift's time per floor"),
                           key("lift_stop", &S::lift_stop)
           .provenance(assumed(5s, 12s, {"S34", "S35"}, "derived, then assumed: a stop adds the performance time (doors, start delay, levelling [S34]) less the floor's ride at rated speed [S35]; no residential measurement found"))
                               .within(0s, 10min)
                               .doc("each floor a lift trip serves, and the ground: doors, start and levelling")}};
  return t;
}

const Table<model::PopulationParams>& population_table() {
  using S = model::PopulationParams;
  static const Table<S> t{
      "population", false,
      {key("mean_household_size", &S::mean_household_size)
           .provenance(sourced(2.3, 2.7, {"S8", "S9"}, "China 2.62 persons per family household (7th census, 2020) [S8]; Beijing 2.31 [S9], the bundled area's value")).range(1, 20, "people").doc("residents per household"),
       key("limited_mobility_share", &S::limited_mobility_share)
           .provenance(assumed(0.03, 0.15, {"S9"}, "Beijing's 65+ are 13.3% of residents [S9]; a share of them live alone or cannot walk down; plus the disabled"))
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.08 means 8%")
           .doc("households served at the door whatever the mode"),
       key("pickup_immediate_share", &S::pickup_immediate_share)
           .provenance(assumed(0.2, 0.7, "residents at home and watching their phones"))
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.4 means 40%")
           .doc("residents who come within a minute when told to collect"),
       key("pickup_delay_mean", &S::pickup_delay_mean)
           .provenance(assumed(10min, 60min, "assumed")).within(0s, day * 7).doc("the others: mean of an exponential delay")}};
  return t;
}

const Table<model::VehicleParams>& vehicles_table() {
  using S = model::VehicleParams;
  static const Table<S> t{
      "vehicles", false,
      {key("count", &S::count)
           .provenance(assumed(1.0, 4.0, "two light vans; the relay's lead times turn on it (issue 22)")).range(0, 10000).doc("vans between the outside station and the gates"),
       key("capacity_items", &S::capacity_items)
           .provenance(assumed(150.0, 500.0, "a light van's load of parcels"))
           .range(1, 1e6, "items")
           .hint("a vehicle must carry at least one item")
           .doc("items one van carries"),
       key("capacity_kg", &S::capacity_kg)
           .provenance(assumed(500.0, 1500.0, "the low end of light urban vans' 800-2,500 kg payloads (a truck-market note, not a measurement)"))
           .above(0, 1e5, "kg")
           .hint("a light van carries 500 to 1,500 kg")
           .doc("payload (assumed: a light panel van)"),
       key("load_time", &S::load_time)
           .provenance(assumed(5min, 20min, "assumed")).within(0s, day).doc("per trip, at the station"),
       key("unload_time", &S::unload_time)
           .provenance(assumed(5min, 20min, "assumed")).within(0s, day).doc("per gate of a trip"),
       key("interval", &S::interval)
           .provenance(assumed(15min, 120min, "the longest the oldest order aboard waits at the station, or the timetable's headway"))
           .after(0s, day * 7)
           .doc("longest wait of an order at the station before a van leaves with it (less for an order due "
                "soon under the urgency rule); the timetable's headway"),
       key("leave_when_full", &S::leave_when_full).doc("a van leaves as soon as its load is full"),
       key("dispatch", &S::dispatch).doc("when a van leaves (below)"),
       key("max_stops", &S::max_stops)
           .provenance(assumed(1.0, 5.0, "a short loop of neighbouring gates per trip"))
           .range(1, 1000, "gates")
           .hint("a trip serves at least one gate")
           .doc("gates one trip may serve (assumed: a short loop)")}};
  return t;
}

const Table<model::Carts>& carts_table() {
  using S = model::Carts;
  static const Table<S> t{
      "carts", false,
      {key("per_compound", &S::per_compound)
           .provenance(setting("a resource a scenario adds as a what-if for large compounds; 0: none")).range(0, 10000, "carts").doc("carts at each gate; 0: none"),
       key("speed_mps", &S::speed_mps)
           .provenance(assumed(1.4, 2.8, "an e-tricycle at about 7 km/h in compound lanes (compound speed limits of 5-10 km/h are common signage)")).range(0.01, 15, "m/s").doc("riding inside the compound (assumed: about 7 km/h)"),
       key("capacity_items", &S::capacity_items)
           .provenance(assumed(40.0, 150.0, "a courier's e-tricycle box")).range(1, 10000, "items").doc("assumed: a courier's e-tricycle box"),
       key("capacity_kg", &S::capacity_kg)
           .provenance(assumed(100.0, 300.0, "a courier's e-tricycle box")).above(0, 2000, "kg").doc("assumed")}};
  return t;
}

const Table<model::LobbyVolunteers>& lobby_volunteers_table() {
  using S = model::LobbyVolunteers;
  static const Table<S> t{
      "lobby_volunteers", false,
      {key("per_building", &S::per_building)
           .provenance(setting("a resource a scenario adds as a what-if (Shanghai's 2022 building leaders, 楼长, carried group orders up); 0: none")).range(0, 1000, "people").doc("volunteers per building; 0: none"),
       key("capacity_items", &S::capacity_items)
           .provenance(assumed(5.0, 20.0, "two hands of bags"))
           .range(1, 1000, "items")
           .doc("items one carries up per trip (assumed: two hands of bags)"),
       key("door_drop", &S::door_drop)
           .provenance(assumed(10s, 30s, "leave at the door and knock, as the couriers' `door_drop`")).within(0s, 1h).doc("leaving one household's goods at its door (assumed)"),
       key("starts", &S::starts)
           .provenance(assumed(7h, 9h, "assumed")).clock().doc("volunteers begin each day (assumed)"),
       key("ends", &S::ends)
           .provenance(assumed(18h, 22h, "assumed")).clock().note("after `starts`").doc("and stop starting trips (assumed)")}};
  return t;
}

const Table<model::SortingCrew>& sorting_table() {
  using S = model::SortingCrew;
  static const Table<S> t{
      "sorting", false,
      {key("crew", &S::crew)
           .provenance(setting("a resource a scenario adds as a what-if; 0: goods are ready to load as they arrive (sorting not modelled)"))
           .range(0, 100000, "people")
           .hint("0: goods are ready to load as they arrive")
           .doc("people sorting at once; 0: goods are ready to load as they arrive"),
       key("per_item", &S::per_item)
           .provenance(sourced(12s, 45s, {"S38"}, "manual parcel sorting: 1,173 ± 630 parcels a sorter in a 391-minute shift [S38], 20 s a parcel on average and 13 to 43 s within one standard deviation. (A post office's 300 parcels an hour [S31] gives no rate per person.)"))
           .after(0s, 1h)
           .doc("handling one item: scan, label, place (manual parcel sorting: about 180 items an hour a person)"),
       key("starts", &S::starts)
           .provenance(assumed(5h, 8h, "the gate's hours")).clock().doc("the crew starts each day"),
       key("ends", &S::ends)
           .provenance(assumed(20h, 23h, "the gate's hours")).clock().note("after `starts`").doc("and stops (an item is not started unless it ends by then)"),
       key("gate_crew", &S::gate_crew)
           .provenance(setting("a resource a scenario adds as a what-if; 0: no sorting at the gate"))
           .range(0, 10000, "people")
           .hint("0: no sorting at the gate")
           .doc("a crew at each gate; 0: no sorting at the gate"),
       key("gate_per_item", &S::gate_per_item)
           .provenance(assumed(0s, 30s, {"S38"}, "not used without `gate_crew`; when a scenario adds one, like the station's handling [S38]"))
           .within(0s, 1h)
           .doc("sorting one unloaded item at the gate (needs `gate_crew`)")}};
  return t;
}

}  // namespace last100::scenario::detail
