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
      {key("gate_opens", &S::gate_opens).clock().doc("hand-overs at a gate from"),
       key("gate_closes", &S::gate_closes).clock().note("after `gate_opens`").doc("until"),
       key("initial_status", &S::initial_status).doc("every compound's status at the start"),
       key("door_handover", &S::door_handover)
           .doc("every door delivery of every mode: the resident takes the goods (`\"contact\"`) or they are left at "
                "the door (`\"contactless\"`, below)"),
       key("max_at_shelf", &S::max_at_shelf)
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
           .within(0s, 1h)
           .doc("the sorting crew's time per item (needs `[sorting] crew`)"),
       key("gate_per_load", &S::gate_per_load).within(0s, day).doc("each van stop at a gate; the van waits"),
       key("gate_per_item", &S::gate_per_item).within(0s, 1h).doc("gate staff, one sprayer per gate, after the van left"),
       key("gate_dwell", &S::gate_dwell).within(0s, day).doc("before couriers may take the goods"),
       key("shelf_per_visit", &S::shelf_per_visit).within(0s, day).doc("a courier at a unit's shelf, once per visit"),
       key("shelf_per_item", &S::shelf_per_item).within(0s, 1h).doc("a courier, each item put on a shelf (assumed: one spray of its faces)"),
       key("shelf_dwell", &S::shelf_dwell).within(0s, day).doc("before the item's resident is called")}};
  return t;
}

const Table<model::EntryRules>& entry_table() {
  using S = model::EntryRules;
  static const Table<S> t{
      "zone.entry", false,
      {key("courier_entry", &S::courier_entry).doc("may couriers enter a controlled compound (below)"),
       key("call_time", &S::call_time).within(0s, 1h).doc("one phone call to a recipient (assumed)"),
       key("answer_share", &S::answer_share)
           .above(0, 1, "(share)")
           .hint("shares are fractions: 0.85 means 85%; 0 would never reach anyone")
           .doc("calls answered (assumed)"),
       key("retries", &S::retries).range(0, 100, "calls").doc("further calls, `retry_after` after the last"),
       key("retry_after", &S::retry_after).after(0s, day).doc("from the start of one round of calls to the next"),
       key("come_down_ready", &S::come_down_ready).within(0s, 2h).doc("an answered resident gets ready: mask and shoes on (assumed)"),
       key("resident_walk_mps", &S::resident_walk_mps).above(0, 5, "m/s").doc("residents' walk to the gate (pedestrian design speed)"),
       key("gate_handover", &S::gate_handover).within(0s, 1h).doc("handing one household its goods at the gate (assumed)"),
       key("max_at_gate", &S::max_at_gate)
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
           .clock()
           .write_by_hand()
           .note("with `gate_closes`")
           .default_text("the zone's")
           .doc("hand-overs at a sealed compound's gate from"),
       key("gate_closes", &S::gate_closes)
           .clock()
           .write_by_hand()
           .note("with `gate_opens`, after it")
           .default_text("the zone's")
           .doc("until"),
       key("disinfection", &S::disinfection)
           .within(0s, day)
           .omit_default()
           .doc("each van stop's spraying at that gate, replacing `[zone.disinfection] gate_per_load`; 0s keeps the zone's")}};
  return t;
}

}  // namespace last100::scenario::detail
