// Where each default comes from: the provenance tables of docs/parameters.md, the source
// list, and the list of defaults as `--set` addresses them (include/last100/scenario/schema.hpp).

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "last100/model/demand.hpp"
#include "last100/model/names.hpp"
#include "last100/modes/mode.hpp"
#include "last100/scenario/schema.hpp"
#include "scenario/schema_bind.hpp"

namespace last100::scenario {

namespace {

bool is_number(KeyType t) {
  return t == KeyType::integer || t == KeyType::real || t == KeyType::duration || t == KeyType::clock;
}

/// Returns a number of a key (in its unit; durations and clock times in seconds) as `--set`
/// accepts it.
std::string set_text(const KeyDecl& k, double v) {
  switch (k.type) {
    case KeyType::integer: return fmt::format("{}", static_cast<long long>(std::llround(v)));
    case KeyType::duration: return format_duration(sim::from_seconds(v));
    case KeyType::clock: return format_clock(sim::from_seconds(v));
    case KeyType::boolean: return v != 0.0 ? "true" : "false";
    case KeyType::real:
    case KeyType::text: break;
  }
  if (v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{}", v);
}

/// Returns a key value as a number (booleans 0 or 1, durations in seconds); NaN for text.
double as_number(const KeyValue& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  if (const auto* t = std::get_if<sim::Duration>(&v)) return sim::to_seconds(*t);
  return std::nan("");
}

std::string status_text(const model::Provenance& p) {
  std::string s = model::status_name(p.status);
  if (!p.sources.empty()) {
    s += p.status == model::DefaultStatus::sourced ? " " : " (range: ";
    for (const auto& t : p.sources) s += "[" + t + "]";
    if (p.status != model::DefaultStatus::sourced) s += ")";
  }
  return s;
}

std::string range_cell(const KeyDecl& k, const model::Provenance& p) {
  if (p.status != model::DefaultStatus::sourced && p.status != model::DefaultStatus::assumed) return "—";
  if (p.low == p.high) return set_text(k, p.low);
  if (k.type == KeyType::boolean) return "false or true";
  return set_text(k, p.low) + " to " + set_text(k, p.high);
}

std::string basis_cell(const model::Provenance& p) {
  std::string b = p.basis;
  if (!p.contradiction.empty()) b += (b.empty() ? "" : ". ") + std::string("**Contradiction:** ") + p.contradiction;
  for (auto& c : b)
    if (c == '\n') c = ' ';
  std::string out;
  for (const char c : b) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

Parameter make(const KeyDecl& k, std::string path, std::string table, const KeyValue& def, const KeyValue& value,
               const model::Provenance& p) {
  Parameter x;
  x.path = std::move(path);
  x.table = std::move(table);
  x.type = k.type;
  x.unit = k.unit;
  x.default_value = as_number(def);
  x.value = as_number(value);
  x.default_text = set_text(k, x.default_value);
  x.value_text = set_text(k, x.value);
  x.min = k.min;
  x.max = k.max;
  x.min_open = k.min_open;
  x.provenance = p;
  if (p.status == model::DefaultStatus::sourced || p.status == model::DefaultStatus::assumed) {
    x.low_text = set_text(k, p.low);
    x.high_text = set_text(k, p.high);
  }
  return x;
}

/// Adds the keys of one table bound to S with a stated provenance, as they hold in `value`,
/// addressed from `prefix`; `instance` names the placeholder's value (a category).
template <class S>
void add(std::vector<Parameter>& out, const detail::Table<S>& t, const std::string& prefix, const S& value,
         const std::string& instance = {}) {
  for (const auto& f : t.fields) {
    const KeyDecl& k = f.decl;
    const std::string path = prefix + "." + k.key;
    bool done = false;
    for (const auto& inst : k.instances)
      if (inst.name == instance) {
        out.push_back(make(k, path, t.decl.path, inst.reference, f.get(value), inst.provenance));
        done = true;
      }
    if (!done && k.provenance.status != model::DefaultStatus::none)
      out.push_back(make(k, path, t.decl.path, f.default_value, f.get(value), k.provenance));
  }
}

template <class S>
void add_array(std::vector<Parameter>& out, const detail::Table<S>& t, const std::string& prefix,
               const std::vector<S>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) add(out, t, fmt::format("{}[{}]", prefix, i), values[i]);
}

void add_knobs(std::vector<Parameter>& out, const std::string& mode, const modes::Knobs* knobs) {
  const modes::ModeInfo* m = modes::find_mode(mode);
  if (m == nullptr) return;
  const TableDecl* table = find_table("mode." + mode);
  for (const auto& spec : m->knobs) {
    if (spec.provenance.status == model::DefaultStatus::none) continue;
    const KeyDecl* k = table == nullptr ? nullptr : table->find(spec.key);
    if (k == nullptr) continue;
    const KeyValue value = knobs != nullptr && knobs->has(spec.key) ? knobs->values().at(spec.key) : spec.default_value;
    out.push_back(make(*k, "mode." + mode + "." + spec.key, "mode." + mode, spec.default_value, value, spec.provenance));
  }
}

}  // namespace

bool needs_provenance(const KeyDecl& decl) {
  return is_number(decl.type) && !decl.required && decl.type_text.rfind("array", 0) != 0;
}

std::string provenance_table_markdown(const TableDecl& table) {
  std::string out = "| key | default | plausible range | status | basis |\n|---|---|---|---|---|\n";
  for (const auto& k : table.keys) {
    for (const auto& inst : k.instances)
      out += fmt::format("| `{}` ({}) | {} | {} | {} | {} |\n", k.key, inst.name, set_text(k, as_number(inst.reference)),
                         range_cell(k, inst.provenance), status_text(inst.provenance), basis_cell(inst.provenance));
    const auto& p = k.provenance;
    if (p.status == model::DefaultStatus::none) continue;
    out += fmt::format("| `{}` | {} | {} | {} | {} |\n", k.key, k.default_text, range_cell(k, p), status_text(p), basis_cell(p));
  }
  return out;
}

std::string sources_markdown() {
  std::string out;
  for (const auto& s : model::sources()) out += "- [" + s.tag + "] " + s.text + "\n";
  return out;
}

std::vector<Parameter> parameters(const Scenario& s) {
  using namespace detail;
  std::vector<Parameter> out;
  const auto& w = s.world;
  add(out, area_table(), "area", w.area);
  add(out, vertical_table(), "vertical", w.vertical);
  add(out, population_table(), "population", w.population);
  add(out, demand_table(), "demand", w.demand);
  for (std::size_t c = 0; c < model::category_count; ++c) {
    const std::string name(model::name_of(static_cast<model::Category>(c)));
    add(out, category_table(), "demand." + name, w.demand.categories[c], name);
  }
  add_array(out, couriers_table(), "couriers", w.couriers);
  add(out, vehicles_table(), "vehicles", w.vehicles);
  add(out, sorting_table(), "sorting", w.sorting);
  add(out, lobby_volunteers_table(), "lobby_volunteers", w.lobby_volunteers);
  add(out, carts_table(), "carts", w.carts);
  add_array(out, duties_table(), "duties", w.duties);
  add(out, zone_table(), "zone", w.zone);
  add(out, disinfection_table(), "zone.disinfection", w.zone.disinfection);
  add(out, entry_table(), "zone.entry", w.zone.entry);
  add(out, sealed_table(), "zone.sealed", w.zone.sealed);
  add_array(out, gate_closure_table(), "events.gate_closure", w.gate_closures);
  add_array(out, zone_status_table(), "events.zone_status", w.zone_changes);
  add_array(out, reinforcement_table(), "events.reinforcement", w.reinforcements);
  add(out, contact_quarantine_table(), "events.contact_quarantine", w.contact_quarantine);
  add(out, dispatch_table(), "dispatch", w.dispatch);
  add(out, run_table(), "run", w.run);
  add(out, output_table(), "output", s.output);
  for (const auto& m : s.modes) add_knobs(out, m.name, &m.knobs);
  return out;
}

std::vector<Parameter> parameters() {
  // A scenario of defaults with one element in each array and every registered mode.
  Scenario s;
  s.world.demand = model::typical_demand();
  s.world.couriers.resize(1);
  s.world.duties.resize(1);
  s.world.gate_closures.resize(1);
  s.world.zone_changes.resize(1);
  s.world.reinforcements.resize(1);
  for (const auto& m : modes::all_modes()) s.modes.push_back({m.name, modes::Knobs::defaults(m.knobs)});
  return parameters(s);
}

std::vector<Parameter> assumed_only(const std::vector<Parameter>& list) {
  std::vector<Parameter> out;
  for (const auto& p : list)
    if (p.provenance.status == model::DefaultStatus::assumed) out.push_back(p);
  return out;
}

}  // namespace last100::scenario
