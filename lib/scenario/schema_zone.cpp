// Declared tables: the zone's public-health rules (gate hours, disinfection, entry bans, the
// gate rules of sealed compounds). Defaults come from model/params.hpp, where their sources
// are noted.

#include "scenario/schema_bind.hpp"

namespace last100::scenario::detail {

using namespace std::chrono_literals;
using model::Duration;
constexpr Duration day = 24h;

const Table<model::ZoneRules>& zone_table() {
  using S = model::ZoneRules;
  static const Table<S> t{
      "zone", false,
      {key("gate_opens", &S::gate_opens)
           .provenance(assumed(5h, 8h, "assumed")).clock().doc("hand-overs at a gate from"),
       key("gate_closes", &S::gate_closes)
           .provenance(assumed(20h, 23h, "assumed")).clock().note("after `gate_opens`").doc("until"),
       key("initial_status", &S::initial_status).doc("every compound's status at the start"),
       key("door_handover", &S::door_handover)
           .doc("every door delivery of every mode: the resident takes the goods (`\"contact\"`) or they are left at "
                "the door (`\"contactless\"`, below)"),
       key("max_at_shelf", &S::max_at_shelf)
           .provenance(setting("deprecated: `[mode.shelves] max_at_shelf`; 0: not set"))
           .range(1, 10000, "people")
           .hint("at least one resident must be able to collect")
           .read_by_hand()
           .omit_default()
           .default_text("0 (not set)")
           .doc("deprecated: `[mode.shelves] max_at_shelf` (below)")},
      {"disinfection", "entry", "sealed"}};
  return t;
}

const Table<model::Disinfection>& disinfection_table() {
  using S = model::Disinfection;
  static const Table<S> t{
      "zone.disinfection", false,
      {key("station_per_item", &S::station_per_item)
           .provenance(assumed(0s, 10s, "the station crew's spraying, when a scenario models the crew"))
           .within(0s, 1h)
           .doc("the sorting crew's time per item (needs `[sorting] crew`)"),
       key("gate_per_load", &S::gate_per_load)
           .provenance(assumed(1min, 10min, "spraying what a van stop unloads at the gate (the van waits)")).within(0s, day).doc("each van stop at a gate; the van waits"),
       key("gate_per_item", &S::gate_per_item)
           .provenance(assumed(0s, 5s, "none beyond the per-load spray unless a scenario says so")).within(0s, 1h).doc("gate staff, one sprayer per gate, after the van left"),
       key("gate_dwell", &S::gate_dwell)
           .provenance(assumed(0s, 30min, {"S30"}, "none beyond the per-load spray by default; health guidance of 2022 let sprayed packaging stand 10-30 min [S30]")).within(0s, day).doc("before couriers may take the goods"),
       key("shelf_per_visit", &S::shelf_per_visit)
           .provenance(assumed(0s, 5min, "the report: items on the shelf are disinfected again [S0], item by item (`shelf_per_item`), not a fixed charge per visit")).within(0s, day).doc("a courier at a unit's shelf, once per visit"),
       key("shelf_per_item", &S::shelf_per_item)
           .provenance(assumed(2s, 10s, "one spray of the item's faces until wet")).within(0s, 1h).doc("a courier, each item put on a shelf (assumed: one spray of its faces)"),
       key("shelf_dwell", &S::shelf_dwell)
           .provenance(sourced(10min, 30min, {"S30"}, "health guidance of 2022: spray the packaging and let it stand (Shanghai Putuo: half an hour; other local guidance: 10-30 minutes) [S30]; the lower end, since residents are called, not handed the item")).within(0s, day).doc("before the item's resident is called")}};
  return t;
}

const Table<model::EntryRules>& entry_table() {
  using S = model::EntryRules;
  static const Table<S> t{
      "zone.entry", false,
      {key("courier_entry", &S::courier_entry).doc("may couriers enter a controlled compound (below)"),
       key("call_time", &S::call_time)
           .provenance(assumed(15s, 60s, "dial and say where to come")).within(0s, 1h).doc("one phone call to a recipient (assumed)"),
       key("answer_share", &S::answer_share)
           .provenance(assumed(0.5, 0.95, "residents under lockdown are mostly at home"))
           .above(0, 1, "(share)")
           .hint("shares are fractions: 0.85 means 85%; 0 would never reach anyone")
           .doc("calls answered (assumed)"),
       key("retries", &S::retries)
           .provenance(assumed(0.0, 3.0, "assumed")).range(0, 100, "calls").doc("further calls, `retry_after` after the last"),
       key("retry_after", &S::retry_after)
           .provenance(assumed(5min, 30min, "assumed")).after(0s, day).doc("from the start of one round of calls to the next"),
       key("come_down_ready", &S::come_down_ready)
           .provenance(assumed(1min, 10min, "assumed")).within(0s, 2h).doc("an answered resident gets ready: mask and shoes on (assumed)"),
       key("resident_walk_mps", &S::resident_walk_mps)
           .provenance(sourced(0.9, 1.4, {"S1"}, "older pedestrians walk at 1.25 m/s on average, 0.97 m/s at the 15th percentile [S1]; 1.2 m/s is the pedestrian design speed of the US Highway Capacity Manual")).range(0.01, 5, "m/s").doc("residents' walk to the gate (pedestrian design speed)"),
       key("gate_handover", &S::gate_handover)
           .provenance(assumed(10s, 40s, "name, hand over, step back")).within(0s, 1h).doc("handing one household its goods at the gate (assumed)"),
       key("max_at_gate", &S::max_at_gate)
           .provenance(assumed(1.0, 10.0, "the report's rule at the shelves, residents contacted one by one so that nobody gathers [S0], applied to the gate"))
           .range(0, 10000, "people")
           .hint("0: call everyone at once")
           .doc("called and not yet served at once: 1, one by one, as Shuangjing called residents; 0: everyone at once")}};
  return t;
}

const Table<model::SealedGateRules>& sealed_table() {
  using S = model::SealedGateRules;
  static const Table<S> t{
      "zone.sealed", false,
      {key("gate_opens", &S::gate_opens)
           .provenance(setting("0: the zone's hours"))
           .clock()
           .write_by_hand()
           .note("with `gate_closes`")
           .default_text("the zone's")
           .doc("hand-overs at a sealed compound's gate from"),
       key("gate_closes", &S::gate_closes)
           .provenance(setting("0: the zone's hours"))
           .clock()
           .write_by_hand()
           .note("with `gate_opens`, after it")
           .default_text("the zone's")
           .doc("until"),
       key("disinfection", &S::disinfection)
           .provenance(setting("0: the zone's `gate_per_load`"))
           .within(0s, day)
           .omit_default()
           .doc("each van stop's spraying at that gate, replacing `[zone.disinfection] gate_per_load`; 0s keeps the zone's")}};
  return t;
}

}  // namespace last100::scenario::detail
