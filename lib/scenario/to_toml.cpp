// Prints a resolved scenario as TOML (toml++ does the quoting, so names round-trip).

#include <sstream>
#include <string>

#include <toml++/toml.h>

#include "last100/model/names.hpp"
#include "last100/model/orders.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"

namespace last100::scenario {

namespace {


std::string dur(sim::Duration d) { return format_duration(d); }
std::string clk(sim::Duration d) { return format_clock(d); }
std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }

}  // namespace

std::string to_toml(const Scenario& s, const ModeLookup& lookup) {
  const auto& w = s.world;
  toml::table root;
  root.insert("name", s.name);
  if (!s.description.empty()) root.insert("description", s.description);

  const auto& a = w.area;
  toml::table area{{"compounds", a.compounds},
                   {"buildings", a.buildings},
                   {"units_per_building", a.units_per_building},
                   {"floors", a.floors},
                   {"households_per_floor", a.households_per_floor},
                   {"lift_share", a.lift_share},
                   {"gates_per_compound", a.gates_per_compound},
                   {"building_spacing_m", a.building_spacing_m},
                   {"compound_spacing_m", a.compound_spacing_m},
                   {"outside_stations", a.outside_stations},
                   {"station_distance_m", a.station_distance_m},
                   {"outlets_inside", a.outlets_inside},
                   {"mobile_stations", a.mobile_stations},
                   {"walk_speed_mps", a.walk_speed_mps},
                   {"cart_speed_mps", a.cart_speed_mps},
                   {"van_speed_mps", a.van_speed_mps}};
  if (!a.nodes_csv.empty()) area.insert("nodes_csv", a.nodes_csv);
  if (!a.edges_csv.empty()) area.insert("edges_csv", a.edges_csv);
  root.insert("area", std::move(area));

  root.insert("vertical", toml::table{{"stairs_per_floor", dur(w.vertical.stairs_per_floor)},
                                      {"loaded_stairs_factor", w.vertical.loaded_stairs_factor},
                                      {"lift_wait_mean", dur(w.vertical.lift_wait_mean)},
                                      {"lift_per_floor", dur(w.vertical.lift_per_floor)},
                                      {"descend_factor", w.vertical.descend_factor}});
  root.insert("population", toml::table{{"mean_household_size", w.population.mean_household_size},
                                        {"limited_mobility_share", w.population.limited_mobility_share},
                                        {"pickup_immediate_share", w.population.pickup_immediate_share},
                                        {"pickup_delay_mean", dur(w.population.pickup_delay_mean)}});

  toml::table demand;
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const auto& cd = w.demand.categories[c];
    toml::table t{{"orders_per_household_per_day", cd.orders_per_household_per_day},
                  {"weight_kg_mean", cd.weight_kg_mean},
                  {"spoil_after", dur(cd.spoil_after)},
                  {"deadline", dur(cd.deadline)},
                  {"priority", cd.priority},
                  {"cancel_when_late", cd.cancel_when_late}};
    bool any = false;
    for (double h : cd.hourly_profile) any = any || h != 0.0;
    if (any) {
      toml::array prof;
      for (double h : cd.hourly_profile) prof.push_back(h);
      t.insert("hourly_profile", std::move(prof));
    }
    demand.insert(model::name_of(static_cast<model::Category>(c)), std::move(t));
  }
  if (!w.demand.surges.empty()) {
    toml::array surges;
    for (const auto& x : w.demand.surges) {
      toml::table st{{"day", x.day}, {"multiplier", x.multiplier}};
      if (x.category) st.insert("category", std::string(model::to_string(*x.category)));
      surges.push_back(std::move(st));
    }
    demand.insert("surge", std::move(surges));
  }
  demand.insert("by_household_size", w.demand.by_household_size);
  demand.insert("size_by_equivalence", w.demand.size_by_equivalence);
  root.insert("demand", std::move(demand));

  toml::array couriers;
  for (const auto& g : w.couriers)
    couriers.push_back(toml::table{{"name", g.name},
                                   {"origin", model::name_of(g.origin)},
                                   {"count", g.count},
                                   {"arrives_at", dur(g.arrives_at)},
                                   {"shift_start", clk(g.shift_start)},
                                   {"shift_end", clk(g.shift_end)},
                                   {"walk_speed_mps", g.walk_speed_mps},
                                   {"capacity_kg", g.capacity_kg},
                                   {"capacity_items", g.capacity_items},
                                   {"handover", dur(g.handover)},
                                   {"duty_share", g.duty_share},
                                   {"meal_break", dur(g.meal_break)},
                                   {"meal_break_from", clk(g.meal_break_from)},
                                   {"meal_break_until", clk(g.meal_break_until)},
                                   {"rest_break", dur(g.rest_break)},
                                   {"rest_break_every", dur(g.rest_break_every)}});
  root.insert("couriers", std::move(couriers));

  const auto& v = w.vehicles;
  root.insert("vehicles", toml::table{{"count", v.count},
                                      {"capacity_items", v.capacity_items},
                                      {"capacity_kg", v.capacity_kg},
                                      {"load_time", dur(v.load_time)},
                                      {"unload_time", dur(v.unload_time)},
                                      {"interval", dur(v.interval)},
                                      {"leave_when_full", v.leave_when_full},
                                      {"dispatch", model::name_of(v.dispatch)},
                                      {"max_stops", v.max_stops}});
  if (!w.duties.empty()) {
    toml::array duties;
    for (const auto& d : w.duties)
      duties.push_back(toml::table{{"name", d.name},
                                   {"start", clk(d.start)},
                                   {"length", dur(d.length)},
                                   {"people", d.people},
                                   {"minutes_per_resident", sim::to_seconds(d.per_resident) / 60.0},
                                   {"litres_per_household", d.litres_per_household},
                                   {"litres_per_trip", d.litres_per_trip},
                                   {"trip_time", dur(d.trip_time)},
                                   {"max_people", d.max_people}});
    root.insert("duties", std::move(duties));
  }
  root.insert("dispatch", toml::table{{"rule", model::name_of(w.dispatch.rule)}});
  root.insert("carts", toml::table{{"per_compound", w.carts.per_compound},
                                   {"speed_mps", w.carts.speed_mps},
                                   {"capacity_items", w.carts.capacity_items},
                                   {"capacity_kg", w.carts.capacity_kg}});
  root.insert("lobby_volunteers", toml::table{{"per_building", w.lobby_volunteers.per_building},
                                              {"capacity_items", w.lobby_volunteers.capacity_items},
                                              {"door_drop", dur(w.lobby_volunteers.door_drop)},
                                              {"starts", clk(w.lobby_volunteers.starts)},
                                              {"ends", clk(w.lobby_volunteers.ends)}});
  root.insert("sorting", toml::table{{"crew", w.sorting.crew},
                                     {"per_item", dur(w.sorting.per_item)},
                                     {"starts", clk(w.sorting.starts)},
                                     {"ends", clk(w.sorting.ends)},
                                     {"gate_crew", w.sorting.gate_crew},
                                     {"gate_per_item", dur(w.sorting.gate_per_item)}});
  const auto& dis = w.zone.disinfection;
  const auto& ent = w.zone.entry;
  root.insert("zone", toml::table{{"gate_opens", clk(w.zone.gate_opens)},
                                  {"gate_closes", clk(w.zone.gate_closes)},
                                  {"disinfection", toml::table{{"station_per_item", dur(dis.station_per_item)},
                                                               {"gate_per_load", dur(dis.gate_per_load)},
                                                               {"gate_per_item", dur(dis.gate_per_item)},
                                                               {"gate_dwell", dur(dis.gate_dwell)},
                                                               {"shelf_per_visit", dur(dis.shelf_per_visit)},
                                                               {"shelf_per_item", dur(dis.shelf_per_item)},
                                                               {"shelf_dwell", dur(dis.shelf_dwell)}}},
                                  {"entry", toml::table{{"courier_entry", model::name_of(ent.courier_entry)},
                                                        {"call_time", dur(ent.call_time)},
                                                        {"answer_share", ent.answer_share},
                                                        {"retries", ent.retries},
                                                        {"retry_after", dur(ent.retry_after)},
                                                        {"come_down_ready", dur(ent.come_down_ready)},
                                                        {"resident_walk_mps", ent.resident_walk_mps},
                                                        {"gate_handover", dur(ent.gate_handover)},
                                                        {"max_at_gate", ent.max_at_gate}}},
                                  {"initial_status", model::name_of(w.zone.initial_status)}});
  // Deprecated, written back only when a file set it (it caps the shelves knob).
  if (w.zone.max_at_shelf > 0) root["zone"].as_table()->insert("max_at_shelf", w.zone.max_at_shelf);
  if (w.zone.sealed.gate_closes.count() > 0 || w.zone.sealed.disinfection.count() > 0) {
    toml::table sealed;
    if (w.zone.sealed.gate_closes.count() > 0) {
      sealed.insert("gate_opens", clk(w.zone.sealed.gate_opens));
      sealed.insert("gate_closes", clk(w.zone.sealed.gate_closes));
    }
    if (w.zone.sealed.disinfection.count() > 0) sealed.insert("disinfection", dur(w.zone.sealed.disinfection));
    root["zone"].as_table()->insert("sealed", std::move(sealed));
  }
  if (!w.quarantines.empty() || !w.gate_closures.empty() || !w.zone_changes.empty() || !w.reinforcements.empty() ||
      w.contact_quarantine.per_contact > 0) {
    toml::table events;
    if (!w.reinforcements.empty()) {
      toml::array rf;
      for (const auto& e : w.reinforcements)
        rf.push_back(toml::table{{"group", e.group},
                                 {"backlog_above", static_cast<std::int64_t>(e.backlog_above)},
                                 {"check_every", dur(e.check_every)},
                                 {"lead_time", dur(e.lead_time)},
                                 {"step", e.step},
                                 {"from", dur(e.from)}});
      events.insert("reinforcement", std::move(rf));
    }
    if (w.contact_quarantine.per_contact > 0)
      events.insert("contact_quarantine", toml::table{{"per_contact", w.contact_quarantine.per_contact},
                                                      {"from", dur(w.contact_quarantine.from)}});
    if (!w.quarantines.empty()) {
      toml::array q;
      for (const auto& e : w.quarantines) q.push_back(toml::table{{"courier", e.courier}, {"at", dur(e.at)}});
      events.insert("quarantine", std::move(q));
    }
    if (!w.gate_closures.empty()) {
      toml::array g;
      for (const auto& e : w.gate_closures)
        g.push_back(toml::table{{"gate", e.gate}, {"from", dur(e.from)}, {"to", dur(e.to)}});
      events.insert("gate_closure", std::move(g));
    }
    if (!w.zone_changes.empty()) {
      toml::array z;
      for (const auto& e : w.zone_changes)
        z.push_back(toml::table{{"compound", e.compound},
                                {"at", dur(e.at)},
                                {"status", model::name_of(e.status)}});
      events.insert("zone_status", std::move(z));
    }
    root.insert("events", std::move(events));
  }

  toml::table mode;
  if (s.modes.size() == 1) {
    mode.insert("name", s.modes.front().name);
  } else {
    toml::array names;
    for (const auto& m : s.modes) names.push_back(m.name);
    mode.insert("modes", std::move(names));
  }
  for (const auto& m : s.modes) {
    // As when loading: without a lookup, a registered mode's knobs are still known.
    const modes::ModeInfo* registered = lookup ? nullptr : modes::find_mode(m.name);
    const std::vector<modes::KnobSpec>* specs = lookup ? lookup(m.name) : registered ? &registered->knobs : nullptr;
    toml::table knobs;
    for (const auto& kv : m.knobs.values()) {
      const std::string& key = kv.first;
      const modes::KnobValue& value = kv.second;
      bool is_clock = false;
      if (specs != nullptr)
        for (const auto& spec : *specs)
          if (spec.key == key) is_clock = spec.type == modes::KnobType::clock;
      std::visit(
          [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, sim::Duration>) knobs.insert(key, is_clock ? clk(x) : dur(x));
            else knobs.insert(key, x);
          },
          value);
    }
    if (!knobs.empty()) mode.insert(m.name, std::move(knobs));
  }
  root.insert("mode", std::move(mode));

  const auto& r = w.run;
  toml::array levels;
  for (const auto d : r.service_levels) levels.push_back(dur(d));
  root.insert("run", toml::table{{"duration", dur(r.duration)},
                                 {"warmup", dur(r.warmup)},
                                 {"drain_limit", dur(r.drain_limit)},
                                 {"service_levels", std::move(levels)},
                                 {"replications", r.replications}});
  // Above TOML's integer range a seed is written as a string of decimal digits (read_run).
  if (r.seed <= 9'200'000'000'000'000'000ULL) root["run"].as_table()->insert("seed", i64(r.seed));
  else root["run"].as_table()->insert("seed", std::to_string(r.seed));
  toml::table out{{"orders_csv", s.output.orders_csv},
                  {"timeseries_csv", s.output.timeseries_csv},
                  {"html", s.output.html},
                  {"sample_interval", dur(s.output.sample_interval)}};
  if (!s.output.dir.empty()) out.insert("dir", s.output.dir);
  if (!s.output.json.empty()) out.insert("json", s.output.json);
  root.insert("output", std::move(out));

  std::ostringstream os;
  os << "# Resolved scenario (after extends and --set); loads back to the same scenario.\n";
  os << toml::toml_formatter(root, toml::format_flags::relaxed_float_precision) << "\n";
  return os.str();
}

}  // namespace last100::scenario
