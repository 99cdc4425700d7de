// Declared tables: the area (generated, or an explicit layout), the courier groups and the
// volunteer duties. Defaults come from the parameter structs (net/area_params.hpp,
// model/params.hpp), where their sources are noted.

#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

using namespace std::chrono_literals;
using model::Duration;
constexpr Duration day = 24h;

const Table<model::AreaParams>& area_table() {
  using S = model::AreaParams;
  static const Table<S> t{
      "area", false,
      {key("compounds", &S::compounds).range(1, 1e6).doc("residential compounds (小区)"),
       key("buildings", &S::buildings)
           .range(1, 1e7)
           .note("at least `compounds`")
           .doc("buildings of all compounds together, spread evenly"),
       key("units_per_building", &S::units_per_building).range(1, 100).doc("stairwells (单元) per building"),
       key("floors", &S::floors)
           .range(1, 200)
           .hint("the tallest residential towers have about 100 floors")
           .doc("floors per building"),
       key("households_per_floor", &S::households_per_floor).range(1, 100).doc("per unit and floor"),
       key("lift_share", &S::lift_share)
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.2 means 20%")
           .doc("share of buildings with a lift"),
       key("gates_per_compound", &S::gates_per_compound).range(1, 100).doc("gates of each compound"),
       key("building_spacing_m", &S::building_spacing_m).above(0, 10000, "m").doc("between neighbouring building entrances"),
       key("compound_spacing_m", &S::compound_spacing_m).above(0, 100000, "m").doc("between neighbouring compound gates"),
       key("outside_stations", &S::outside_stations).range(0, 1000).doc("stations outside the zone where orders arrive"),
       key("station_distance_m", &S::station_distance_m).above(0, 100000, "m").doc("from the zone edge to an outside station"),
       key("outlets_inside", &S::outlets_inside).range(0, 1000).doc("delivery outlets inside the zone (orders arrive there too)"),
       key("mobile_stations", &S::mobile_stations).range(0, 1000).doc("mobile stations residents may walk to"),
       key("walk_speed_mps", &S::walk_speed_mps)
           .above(0, 10, "m/s")
           .hint("people walk at about 1.2 m/s")
           .doc("walking speed of the travel tables (couriers may have their own)"),
       key("cart_speed_mps", &S::cart_speed_mps)
           .above(0, 20, "m/s")
           .hint("an e-tricycle makes 2 to 5 m/s")
           .doc("assumed: an e-tricycle on compound paths"),
       key("van_speed_mps", &S::van_speed_mps)
           .above(0, 40, "m/s")
           .hint("a van in town makes 5 to 10 m/s")
           .doc("assumed: a van in a built-up area, with checkpoints"),
       key("nodes_csv", &S::nodes_csv)
           .read_by_hand()
           .omit_default()
           .type_text("string (path)")
           .note("an existing file; with `edges_csv`")
           .doc("an explicit layout's places instead of the generator (below)"),
       key("edges_csv", &S::edges_csv)
           .read_by_hand()
           .omit_default()
           .type_text("string (path)")
           .note("an existing file; with `nodes_csv`")
           .doc("an explicit layout's paths")}};
  return t;
}

const Table<model::CourierGroup>& couriers_table() {
  using S = model::CourierGroup;
  static const Table<S> t{
      "couriers", true,
      {key("name", &S::name).max_length(200).default_text("\"group 1\", \"group 2\", ... in file order").doc("shown in outputs; named by `[[events.reinforcement]]`"),
       key("origin", &S::origin).doc("where the group's couriers come from"),
       key("count", &S::count).range(0, 1e6).required().doc("couriers in the group"),
       key("arrives_at", &S::arrives_at).within(0s, day * 3650).doc("from the start of the run"),
       key("shift_start", &S::shift_start).clock().doc("every day"),
       key("shift_end", &S::shift_end).clock().note("after `shift_start`").doc("every day (shifts past midnight: two groups)"),
       key("walk_speed_mps", &S::walk_speed_mps)
           .above(0, 10, "m/s")
           .hint("people walk at about 1.2 m/s; 0 or less cannot move")
           .doc("walking speed"),
       key("capacity_kg", &S::capacity_kg)
           .above(0, 1000, "kg")
           .hint("a courier on foot carries 20 to 50 kg")
           .doc("carried by hand"),
       key("capacity_items", &S::capacity_items)
           .range(1, 10000, "items")
           .hint("a courier must carry at least one item")
           .doc("carried by hand"),
       key("handover", &S::handover)
           .within(0s, 1h)
           .doc("handing one order over at the door with the resident present (`[zone] door_handover = \"contact\"`)"),
       key("door_drop", &S::door_drop)
           .within(0s, 1h)
           .doc("leaving one order at the door without meeting anyone (`[zone] door_handover = \"contactless\"`)"),
       key("duty_share", &S::duty_share)
           .range(0, 1, "(share of the shift)")
           .hint("0.25 means a quarter of the shift")
           .doc("most of its shift a courier may give to volunteer duty in a day (a cap); 0: never drafted"),
       key("meal_break", &S::meal_break)
           .within(0s, 4h)
           .default_text("\"0s\" (none)")
           .doc("a daily meal break, taken at the end of the tour the courier is on (docs/modes.md, \"Breaks\")"),
       key("meal_break_from", &S::meal_break_from).clock().doc("the meal break is due from this time of day"),
       key("meal_break_until", &S::meal_break_until)
           .clock()
           .note("after `meal_break_from`")
           .doc("a courier first on shift after this takes no meal break that day"),
       key("meal_break_max_share", &S::meal_break_max_share)
           .above(0, 1, "(share of the group on shift)")
           .hint("0.5: meals in two sittings, half the couriers always working")
           .doc("meals are staggered: at most this share of the group's couriers on shift are on a meal break at once "
                "(at least one may go); the others eat as the first come back (docs/modes.md, \"Breaks\")"),
       key("rest_break", &S::rest_break)
           .within(0s, 2h)
           .default_text("\"0s\" (none)")
           .doc("a short rest, taken at the end of the tour the courier is on"),
       key("rest_break_every", &S::rest_break_every)
           .after(0s, day)
           .doc("a rest is due this long after the shift began or the last break ended")}};
  return t;
}

const Table<model::DutyParams>& duties_table() {
  using S = model::DutyParams;
  static const Table<S> t{
      "duties", true,
      {key("name", &S::name).max_length(200).default_text("\"duty 1\", \"duty 2\", ... in file order").doc("shown in outputs"),
       key("start", &S::start).clock().doc("session start, every day"),
       key("length", &S::length).after(0s, day).doc("the session's length"),
       key("people", &S::people).range(0, 1e6).doc("a crew for the whole session (queue marshalling)"),
       key<S>(
           "minutes_per_resident", KeyType::real,
           [](const S& s) { return KeyValue{sim::to_seconds(s.per_resident) / 60.0}; },
           [](S& s, const KeyValue& v) { s.per_resident = sim::from_seconds(std::get<double>(v) * 60.0); })
           .range(0, 600, "min")
           .doc("work per resident of the area (test registration)"),
       key("litres_per_household", &S::litres_per_household)
           .range(0, 10000, "litres/household/day")
           .doc("garbage to carry out"),
       key("litres_per_trip", &S::litres_per_trip)
           .above(0, 1e6, "litres")
           .hint("a wheeled bin holds 120 to 240 litres")
           .doc("one garbage run carries this much (one wheeled bin)"),
       key("trip_time", &S::trip_time).within(0s, day).note("more than 0s with `litres_per_household`").doc("one garbage run, there and back"),
       key("max_people", &S::max_people)
           .range(0, 1e6, "people")
           .hint("0 means no limit")
           .doc("most people on the work (not the crew) at once; 0: no limit")}};
  return t;
}

}  // namespace last100::scenario::detail
