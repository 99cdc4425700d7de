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
      {key("compounds", &S::compounds)
           .provenance(sourced(1.0, 40.0, {"S0"}, "the report: Shuangjing, 10 compounds; Jinan's scheme served 30+ compounds")).range(1, 1e6).doc("residential compounds (小区)"),
       key("buildings", &S::buildings)
           .provenance(sourced(10.0, 300.0, {"S0"}, "the report: Shuangjing, 75 buildings in 10 compounds"))
           .range(1, 1e7)
           .note("at least `compounds`")
           .doc("buildings of all compounds together, spread evenly"),
       key("units_per_building", &S::units_per_building)
           .provenance(assumed(2.0, 6.0, "a typical 1980s-90s slab of 2-6 stairwells")).range(1, 100).doc("stairwells (单元) per building"),
       key("floors", &S::floors)
           .provenance(sourced(5.0, 6.0, {"S20"}, "homes of 7 storeys or more (or an entrance above 16 m) must have lifts [S20], so the old walk-up stock stops at 6"))
           .range(1, 200)
           .hint("the tallest residential towers have about 100 floors")
           .doc("floors per building"),
       key("households_per_floor", &S::households_per_floor)
           .provenance(assumed(2.0, 4.0, "\"one stair, two homes\" (一梯两户), the common walk-up landing")).range(1, 100).doc("per unit and floor"),
       key("lift_share", &S::lift_share)
           .provenance(assumed(0.0, 0.3, "a few newer towers or retrofitted lifts among walk-ups"))
           .range(0, 1, "(share)")
           .hint("shares are fractions: 0.2 means 20%")
           .doc("share of buildings with a lift"),
       key("gates_per_compound", &S::gates_per_compound)
           .provenance(assumed(1.0, 3.0, "compounds under control kept one entrance open")).range(1, 100).doc("gates of each compound"),
       key("building_spacing_m", &S::building_spacing_m)
           .provenance(assumed(30.0, 50.0, "derived with an assumed coefficient: a sunlight spacing of about 1.6-1.7 x the height puts 18 m slabs about 30 m apart, plus a 10 m slab depth")).range(0.1, 10000, "m").doc("between neighbouring building entrances"),
       key("compound_spacing_m", &S::compound_spacing_m)
           .provenance(assumed(150.0, 500.0, "a city street grid")).range(1, 100000, "m").doc("between neighbouring compound gates"),
       key("outside_stations", &S::outside_stations)
           .provenance(sourced(1.0, 1.0, {"S0"}, "the report: Jiuxianqiao set up one temporary station outside the sealed zone")).range(0, 1000).doc("stations outside the zone where orders arrive"),
       key("station_distance_m", &S::station_distance_m)
           .provenance(assumed(200.0, 2000.0, "the nearest open road")).range(1, 100000, "m").doc("from the zone edge to an outside station"),
       key("outlets_inside", &S::outlets_inside)
           .provenance(sourced(0.0, 2.0, {"S0"}, "the report names 2 JD outlets inside the Jiuxianqiao zone; areas without one have none")).range(0, 1000).doc("delivery outlets inside the zone (orders arrive there too)"),
       key("mobile_stations", &S::mobile_stations)
           .provenance(assumed(0.0, 40.0, "Jinan set up mobile stations with the community [S0]; their number is assumed, up to about one per compound")).range(0, 1000).doc("mobile stations residents may walk to"),
       key("walk_speed_mps", &S::walk_speed_mps)
           .provenance(sourced(1.0, 1.5, {"S1"}, "pedestrians' mean walking speed 1.51 m/s (ages 14-64) and 1.25 m/s (65+), 15th percentiles 1.25 and 0.97 m/s [S1]; 1.2 for a courier pushing a loaded trolley is below the free mean"))
           .range(0.01, 10, "m/s")
           .hint("people walk at about 1.2 m/s")
           .doc("walking speed of the travel tables (couriers may have their own)"),
       key("cart_speed_mps", &S::cart_speed_mps)
           .provenance(assumed(2.0, 6.0, "an e-tricycle among pedestrians on compound paths (11 km/h; the e-bike design limit is 25 km/h)"))
           .range(0.01, 20, "m/s")
           .hint("an e-tricycle makes 2 to 5 m/s")
           .doc("assumed: an e-tricycle on compound paths"),
       key("van_speed_mps", &S::van_speed_mps)
           .provenance(assumed(4.0, 10.0, "22 km/h door to door in a built-up area with checkpoints"))
           .range(0.01, 40, "m/s")
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
       key("arrives_at", &S::arrives_at)
           .provenance(setting("the scenario's staffing plan, like `count`: when the group is on site (the report: volunteers' passes came two days after the request [S0])")).within(0s, day * 3650).doc("from the start of the run"),
       key("shift_start", &S::shift_start)
           .provenance(sourced(6h, 8h, {"S0", "S11"}, "the report: work starts around 07:00 [S0]; Shanghai 2022: 06:30 [S11]")).clock().doc("every day"),
       key("shift_end", &S::shift_end)
           .provenance(assumed(19h, 23h, {"S10", "S11"}, "long lockdown days: Shanghai 2022 couriers worked \"as late as 11 pm\" [S11]; in normal times a quarter of couriers work over 12 hours a day [S10]")).clock().note("after `shift_start`").doc("every day (shifts past midnight: two groups)"),
       key("walk_speed_mps", &S::walk_speed_mps)
           .provenance(sourced(1.0, 1.5, {"S1"}, "as `[area] walk_speed_mps` [S1]"))
           .range(0.01, 10, "m/s")
           .hint("people walk at about 1.2 m/s; 0 or less cannot move")
           .doc("walking speed"),
       key("capacity_kg", &S::capacity_kg)
           .provenance(assumed(20.0, 100.0, "a hand trolley"))
           .above(0, 1000, "kg")
           .hint("a courier on foot carries 20 to 50 kg")
           .doc("carried by hand"),
       key("capacity_items", &S::capacity_items)
           .provenance(assumed(15.0, 60.0, "what one trolley trip carries into a stairwell"))
           .range(1, 10000, "items")
           .hint("a courier must carry at least one item")
           .doc("carried by hand"),
       key("handover", &S::handover)
           .provenance(assumed(20s, 90s, "a door hand-over with the resident present: knock or call, wait for the door, hand over, step back, confirm. For scale, Korean couriers in apartment complexes averaged 46.6 s a package including walking and lifts (331.9 packages in 4.3 h) [S19]"))
           .within(0s, 1h)
           .doc("handing one order over at the door with the resident present (`[zone] door_handover = \"contact\"`)"),
       key("door_drop", &S::door_drop)
           .provenance(assumed(10s, 30s, "put the goods down, knock or send a message, go (无接触配送); no time-and-motion figure for a door drop alone was found"))
           .within(0s, 1h)
           .doc("leaving one order at the door without meeting anyone (`[zone] door_handover = \"contactless\"`)"),
       key("duty_share", &S::duty_share)
           .provenance(assumed(0.0, 0.3, "volunteer duty asked by the subdistrict [S0]; its share of the shift is assumed"))
           .range(0, 1, "(share of the shift)")
           .hint("0.25 means a quarter of the shift")
           .doc("most of its shift a courier may give to volunteer duty in a day (a cap); 0: never drafted"),
       key("meal_break", &S::meal_break)
           .provenance(assumed(30min, 2h, {"S37"}, "China's Labor Law as interpreted by the NPC's Legislative Affairs Commission: a meal break of 1 to 2 hours, no less than half an hour, normally after 4 hours of work [S37]"), "the struct's default is no break, so that worlds built in code are unchanged; the bundled scenarios set 30 min (lockdown) or 1 h (normal days)")
           .within(0s, 4h)
           .default_text("\"0s\" (none)")
           .doc("a daily meal break, taken at the end of the tour the courier is on (docs/modes.md, \"Breaks\")"),
       key("meal_break_from", &S::meal_break_from)
           .provenance(assumed(11h, 14h, {"S37"}, "lunch after about 4 hours of work from a 07:00-08:00 start [S37]")).clock().doc("the meal break is due from this time of day"),
       key("meal_break_until", &S::meal_break_until)
           .provenance(assumed(12h + 30min, 14h + 30min, "assumed: a lunch window of about two hours after `meal_break_from`"))
           .clock()
           .note("after `meal_break_from`")
           .doc("a courier first on shift after this takes no meal break that day"),
       key("meal_break_max_share", &S::meal_break_max_share)
           .provenance(assumed(0.25, 0.5, {"S40"}, "staggered meal periods keep a post covered: one group goes, the next as the first returns [S40]; two sittings (0.5) at most, three or four in a large group"))
           .above(0, 1, "(share of the group on shift)")
           .hint("0.5: meals in two sittings, half the couriers always working")
           .doc("meals are staggered: at most this share of the group's couriers on shift are on a meal break at once "
                "(at least one may go); the others eat as the first come back (docs/modes.md, \"Breaks\")"),
       key("rest_break", &S::rest_break)
           .provenance(assumed(0s, 20min, {"S24"}, "none in lockdown (no report describes any); for normal days a time study of urban parcel tours puts breaks at 15-17% of a tour [S24]"))
           .within(0s, 2h)
           .default_text("\"0s\" (none)")
           .doc("a short rest, taken at the end of the tour the courier is on"),
       key("rest_break_every", &S::rest_break_every)
           .provenance(assumed(90min, 4h, {"S24"}, "see `rest_break` [S24]"))
           .after(0s, day)
           .doc("a rest is due this long after the shift began or the last break ended")}};
  return t;
}

const Table<model::DutyParams>& duties_table() {
  using S = model::DutyParams;
  static const Table<S> t{
      "duties", true,
      {key("name", &S::name).max_length(200).default_text("\"duty 1\", \"duty 2\", ... in file order").doc("shown in outputs"),
       key("start", &S::start)
           .provenance(assumed(7h, 10h, "the report names test registration, queue order and garbage [S0]; the session's time is assumed")).clock().doc("session start, every day"),
       key("length", &S::length)
           .provenance(assumed(1h, 4h, "assumed")).after(0s, day).doc("the session's length"),
       key("people", &S::people)
           .provenance(assumed(0.0, 6.0, "assumed: the bundled duties use 4 and 2")).range(0, 1e6).doc("a crew for the whole session (queue marshalling)"),
       key<S>(
           "minutes_per_resident", KeyType::real,
           [](const S& s) { return KeyValue{sim::to_seconds(s.per_resident) / 60.0}; },
           [](S& s, const KeyValue& v) { s.per_resident = sim::from_seconds(std::get<double>(v) * 60.0); })
           .provenance(assumed(0.0, 1.0, "assumed: a test registration takes well under a minute per resident"))
           .range(0, 600, "min")
           .doc("work per resident of the area (test registration)"),
       key("litres_per_household", &S::litres_per_household)
           .provenance(assumed(0.0, 10.0, "assumed: a few litres of household garbage a day"))
           .range(0, 10000, "litres/household/day")
           .doc("garbage to carry out"),
       key("litres_per_trip", &S::litres_per_trip)
           .provenance(assumed(120.0, 240.0, "a wheeled bin holds 120 to 240 litres"))
           .above(0, 1e6, "litres")
           .hint("a wheeled bin holds 120 to 240 litres")
           .doc("one garbage run carries this much (one wheeled bin)"),
       key("trip_time", &S::trip_time)
           .provenance(assumed(0s, 20min, "assumed: a garbage run within the compound")).within(0s, day).note("more than 0s with `litres_per_household`").doc("one garbage run, there and back"),
       key("max_people", &S::max_people)
           .provenance(setting("a cap the scenario sets on the work; 0: no limit"))
           .range(0, 1e6, "people")
           .hint("0 means no limit")
           .doc("most people on the work (not the crew) at once; 0: no limit")}};
  return t;
}

}  // namespace last100::scenario::detail
