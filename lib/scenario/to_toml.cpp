// Prints a resolved scenario as TOML (toml++ does the quoting, so names round-trip). Tables
// declared in the schema (lib/scenario/schema_*.cpp) are printed from their declarations.

#include <sstream>
#include <string>

#include <toml++/toml.h>

#include "last100/model/names.hpp"
#include "last100/model/orders.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/scenario.hpp"
#include "scenario/schema_bind.hpp"

namespace last100::scenario {

namespace {


std::string dur(sim::Duration d) { return format_duration(d); }
std::string clk(sim::Duration d) { return format_clock(d); }
std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }

/// Writes one declared key's value (a time of day as a clock, other durations as durations).
void write_key(toml::table& out, const KeyDecl& decl, const KeyValue& value) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, sim::Duration>) out.insert(decl.key, decl.type == KeyType::clock ? clk(x) : dur(x));
        else out.insert(decl.key, x);
      },
      value);
}

/// Returns a declared table's keys, but those written by hand and optional ones left at
/// their default.
template <class S>
toml::table write_table(const detail::Table<S>& table, const S& s) {
  toml::table out;
  for (const auto& f : table.fields) {
    if (f.decl.write_by_hand) continue;
    const KeyValue v = f.get(s);
    if (f.decl.omit_default && v == f.default_value) continue;
    write_key(out, f.decl, v);
  }
  return out;
}

/// Returns an array of tables, one per item, each written as write_table does.
template <class S>
toml::array write_array(const detail::Table<S>& table, const std::vector<S>& items) {
  toml::array out;
  for (const auto& x : items) out.push_back(write_table(table, x));
  return out;
}

}  // namespace

std::string to_toml(const Scenario& s, const ModeLookup& lookup) {
  const auto& w = s.world;
  toml::table root = write_table(detail::top_table(), s);

  root.insert("area", write_table(detail::area_table(), w.area));

  root.insert("vertical", write_table(detail::vertical_table(), w.vertical));
  root.insert("population", write_table(detail::population_table(), w.population));

  toml::table demand = write_table(detail::demand_table(), w.demand);
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const auto& cd = w.demand.categories[c];
    toml::table t = write_table(detail::category_table(), cd);
    bool any = false;
    for (double h : cd.hourly_profile) any = any || h != 0.0;
    if (any) {
      toml::array prof;
      for (double h : cd.hourly_profile) prof.push_back(h);
      t.insert("hourly_profile", std::move(prof));
    }
    demand.insert(model::name_of(static_cast<model::Category>(c)), std::move(t));
  }
  if (!w.demand.surges.empty()) demand.insert("surge", write_array(detail::surge_table(), w.demand.surges));
  root.insert("demand", std::move(demand));

  root.insert("couriers", write_array(detail::couriers_table(), w.couriers));

  root.insert("vehicles", write_table(detail::vehicles_table(), w.vehicles));
  if (!w.duties.empty()) root.insert("duties", write_array(detail::duties_table(), w.duties));
  root.insert("dispatch", write_table(detail::dispatch_table(), w.dispatch));
  root.insert("carts", write_table(detail::carts_table(), w.carts));
  root.insert("lobby_volunteers", write_table(detail::lobby_volunteers_table(), w.lobby_volunteers));
  root.insert("sorting", write_table(detail::sorting_table(), w.sorting));
  toml::table zone = write_table(detail::zone_table(), w.zone);  // max_at_shelf (deprecated) only when a file set it
  zone.insert("disinfection", write_table(detail::disinfection_table(), w.zone.disinfection));
  zone.insert("entry", write_table(detail::entry_table(), w.zone.entry));
  // A sealed compound's gate hours are written as a pair, when set (gate_closes > 0).
  toml::table sealed = write_table(detail::sealed_table(), w.zone.sealed);
  if (w.zone.sealed.gate_closes.count() > 0) {
    const auto& decls = detail::sealed_table();
    write_key(sealed, decls.at("gate_opens").decl, w.zone.sealed.gate_opens);
    write_key(sealed, decls.at("gate_closes").decl, w.zone.sealed.gate_closes);
  }
  if (!sealed.empty()) zone.insert("sealed", std::move(sealed));
  root.insert("zone", std::move(zone));
  if (!w.quarantines.empty() || !w.gate_closures.empty() || !w.zone_changes.empty() || !w.reinforcements.empty() ||
      w.contact_quarantine.per_contact > 0) {
    toml::table events;
    if (!w.reinforcements.empty()) events.insert("reinforcement", write_array(detail::reinforcement_table(), w.reinforcements));
    if (w.contact_quarantine.per_contact > 0)
      events.insert("contact_quarantine", write_table(detail::contact_quarantine_table(), w.contact_quarantine));
    if (!w.quarantines.empty()) events.insert("quarantine", write_array(detail::quarantine_table(), w.quarantines));
    if (!w.gate_closures.empty()) events.insert("gate_closure", write_array(detail::gate_closure_table(), w.gate_closures));
    if (!w.zone_changes.empty()) events.insert("zone_status", write_array(detail::zone_status_table(), w.zone_changes));
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
  toml::table run = write_table(detail::run_table(), r);
  run.insert("service_levels", std::move(levels));
  root.insert("run", std::move(run));
  // Above TOML's integer range a seed is written as a string of decimal digits (read_run).
  if (r.seed <= 9'200'000'000'000'000'000ULL) root["run"].as_table()->insert("seed", i64(r.seed));
  else root["run"].as_table()->insert("seed", std::to_string(r.seed));
  root.insert("output", write_table(detail::output_table(), s.output));

  std::ostringstream os;
  os << "# Resolved scenario (after extends and --set); loads back to the same scenario.\n";
  // The layout files as they were read (once, at load): a later edit shows as another checksum.
  if (!w.area.layout_checksum.empty()) os << "# Layout read: " << w.area.layout_checksum << "\n";
  os << toml::toml_formatter(root, toml::format_flags::relaxed_float_precision) << "\n";
  return os.str();
}

}  // namespace last100::scenario
