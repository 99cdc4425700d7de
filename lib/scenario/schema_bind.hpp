#pragma once
// Private to lib/scenario: a declared table bound to the parameter struct it fills, so that
// the reader, the writer and the documentation walk one list (include/last100/scenario/schema.hpp).

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "last100/model/names.hpp"
#include "last100/scenario/schema.hpp"
#include "last100/scenario/scenario.hpp"

namespace last100::scenario::detail {

using model::assumed;
using model::setting;
using model::sourced;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { model::EnumNames<E>::values; };

/// Returns a member's value as a key value.
template <class M>
KeyValue to_value(const M& m) {
  if constexpr (std::is_same_v<M, bool>) return m;
  else if constexpr (NamedEnum<M>) return std::string(model::name_of(m));
  else if constexpr (std::is_integral_v<M>) return static_cast<std::int64_t>(m);
  else if constexpr (std::is_floating_point_v<M>) return static_cast<double>(m);
  else if constexpr (std::is_same_v<M, sim::Duration>) return m;
  else return std::string(m);
}

/// Stores a key value (of the member's type, as the reader produced it) in a member.
template <class M>
void from_value(const KeyValue& v, M& m) {
  if constexpr (std::is_same_v<M, bool>) m = std::get<bool>(v);
  else if constexpr (NamedEnum<M>) m = *model::parse<M>(std::get<std::string>(v));
  else if constexpr (std::is_integral_v<M>) m = static_cast<M>(std::get<std::int64_t>(v));
  else if constexpr (std::is_floating_point_v<M>) m = static_cast<M>(std::get<double>(v));
  else if constexpr (std::is_same_v<M, sim::Duration>) m = std::get<sim::Duration>(v);
  else m = std::get<std::string>(v);
}

template <class M>
constexpr KeyType key_type_of() {
  if constexpr (std::is_same_v<M, bool>) return KeyType::boolean;
  else if constexpr (NamedEnum<M>) return KeyType::text;
  else if constexpr (std::is_integral_v<M>) return KeyType::integer;
  else if constexpr (std::is_floating_point_v<M>) return KeyType::real;
  else if constexpr (std::is_same_v<M, sim::Duration>) return KeyType::duration;
  else return KeyType::text;
}

/// One key bound to its struct: the declaration plus how to get and set the member.
/// Declared with a builder: `key("floors", &AreaParams::floors).range(1, 200).doc("...")`.
template <class S>
struct Field {
  KeyDecl decl;
  std::function<KeyValue(const S&)> get;
  std::function<void(S&, const KeyValue&)> set;
  KeyValue default_value;  ///< of a default-constructed S (set by Table)

  Field&& range(double lo, double hi, std::string unit = {}) && {
    decl.min = lo;
    decl.max = hi;
    decl.unit = std::move(unit);
    return std::move(*this);
  }
  /// A range whose lower end is excluded (speeds, capacities).
  Field&& above(double lo, double hi, std::string unit = {}) && {
    decl.min_open = true;
    return std::move(*this).range(lo, hi, std::move(unit));
  }
  Field&& within(sim::Duration lo, sim::Duration hi) && {
    decl.min = sim::to_seconds(lo);
    decl.max = sim::to_seconds(hi);
    return std::move(*this);
  }
  Field&& after(sim::Duration lo, sim::Duration hi) && {
    decl.min_open = true;
    return std::move(*this).within(lo, hi);
  }
  Field&& clock() && {
    decl.type = KeyType::clock;
    return std::move(*this);
  }
  Field&& hint(std::string h) && {
    decl.hint = std::move(h);
    return std::move(*this);
  }
  Field&& doc(std::string d) && {
    decl.doc = std::move(d);
    return std::move(*this);
  }
  Field&& note(std::string n) && {
    decl.range_note = std::move(n);
    return std::move(*this);
  }
  Field&& choices(std::vector<std::string> c) && {
    decl.choices = std::move(c);
    return std::move(*this);
  }
  Field&& max_length(std::size_t n) && {
    decl.max_length = n;
    return std::move(*this);
  }
  Field&& type_text(std::string t) && {
    decl.type_text = std::move(t);
    return std::move(*this);
  }
  /// The default in words, where the struct's default is not what a file left out gets.
  Field&& default_text(std::string t) && {
    decl.default_text = std::move(t);
    return std::move(*this);
  }
  Field&& required() && {
    decl.required = true;
    return std::move(*this);
  }
  /// Read and written by hand (the declaration still names, types and documents it).
  Field&& by_hand() && {
    decl.read_by_hand = true;
    decl.write_by_hand = true;
    return std::move(*this);
  }
  Field&& read_by_hand() && {
    decl.read_by_hand = true;
    return std::move(*this);
  }
  Field&& write_by_hand() && {
    decl.write_by_hand = true;
    return std::move(*this);
  }
  Field&& omit_default() && {
    decl.omit_default = true;
    return std::move(*this);
  }
  /// Where the default comes from: model::sourced(...), model::assumed(...) or
  /// model::setting(...). Every numeric key needs one (scenario::needs_provenance).
  Field&& provenance(model::Provenance p) && {
    decl.provenance = std::move(p);
    return std::move(*this);
  }
  /// The same, with the default stated outside its sourced plausible range on purpose.
  Field&& provenance(model::Provenance p, std::string contradiction) && {
    p.contradiction = std::move(contradiction);
    return std::move(*this).provenance(std::move(p));
  }
  /// The provenance of each instance of a placeholder table (`demand.<category>`); their
  /// reference values are set by the table.
  Field&& per_instance(std::vector<std::pair<std::string, model::Provenance>> list) && {
    for (auto& [name, p] : list) decl.instances.push_back({std::move(name), KeyValue{}, std::move(p)});
    return std::move(*this);
  }
};

/// Returns the names of an enum's values, as files write them.
template <NamedEnum E>
std::vector<std::string> names_list() {
  std::vector<std::string> out;
  for (const auto n : model::names_of<E>()) out.emplace_back(n);
  return out;
}

/// Declares a key bound to a member of S.
template <class S, class M>
Field<S> key(std::string name, M S::*member) {
  Field<S> f;
  f.decl.key = std::move(name);
  f.decl.type = key_type_of<M>();
  if constexpr (NamedEnum<M>) f.decl.choices = names_list<M>();
  f.get = [member](const S& s) { return to_value(s.*member); };
  f.set = [member](S& s, const KeyValue& v) { from_value(v, s.*member); };
  return f;
}

/// Declares a key with its own conversion (a unit the struct stores differently).
template <class S>
Field<S> key(std::string name, KeyType type, std::function<KeyValue(const S&)> get,
             std::function<void(S&, const KeyValue&)> set) {
  Field<S> f;
  f.decl.key = std::move(name);
  f.decl.type = type;
  f.get = std::move(get);
  f.set = std::move(set);
  return f;
}

/// Returns a value as `validate --print` writes it (a TOML value).
std::string value_text(const KeyDecl& decl, const KeyValue& v);

/// A declared table bound to S.
template <class S>
struct Table {
  TableDecl decl;
  std::vector<Field<S>> fields;

  /// Builds the table; each key's default is read from a default-constructed S.
  Table(std::string path, bool array, std::vector<Field<S>> f, std::vector<std::string> tables = {})
      : fields(std::move(f)) {
    decl.path = std::move(path);
    decl.array = array;
    decl.tables = std::move(tables);
    const S defaults{};
    for (auto& x : fields) {
      x.default_value = x.get(defaults);
      if (x.decl.default_text.empty() && !x.decl.required) x.decl.default_text = value_text(x.decl, x.default_value);
      decl.keys.push_back(x.decl);
    }
  }
  /// Sets the reference value of each instance of each key from `typical(name)`, the struct
  /// an instance typically holds.
  template <class F>
  void set_references(F typical) {
    for (std::size_t i = 0; i < fields.size(); ++i)
      for (auto& inst : fields[i].decl.instances) {
        inst.reference = fields[i].get(typical(inst.name));
        decl.keys[i].instances = fields[i].decl.instances;
      }
  }
  const Field<S>& at(std::string_view key) const {
    for (const auto& f : fields)
      if (f.decl.key == key) return f;
    throw std::logic_error("no key '" + std::string(key) + "' in the schema of [" + decl.path + "]");
  }
};

// The declared tables (lib/scenario/schema_*.cpp).
const Table<Scenario>& top_table();  ///< path "": the top level of a file
const Table<model::DispatchParams>& dispatch_table();
const Table<model::AreaParams>& area_table();
const Table<model::VerticalParams>& vertical_table();
const Table<model::PopulationParams>& population_table();
const Table<model::DemandParams>& demand_table();
const Table<model::CategoryDemand>& category_table();
const Table<model::Surge>& surge_table();
const Table<model::CourierGroup>& couriers_table();
const Table<model::VehicleParams>& vehicles_table();
const Table<model::DutyParams>& duties_table();
const Table<model::Carts>& carts_table();
const Table<model::LobbyVolunteers>& lobby_volunteers_table();
const Table<model::SortingCrew>& sorting_table();
const Table<model::ZoneRules>& zone_table();
const Table<model::Disinfection>& disinfection_table();
const Table<model::EntryRules>& entry_table();
const Table<model::SealedGateRules>& sealed_table();
const Table<model::Quarantine>& quarantine_table();
const Table<model::GateClosure>& gate_closure_table();
const Table<model::ZoneChange>& zone_status_table();
const Table<model::ReinforcementRule>& reinforcement_table();
const Table<model::ContactQuarantine>& contact_quarantine_table();
const Table<Scenario>& mode_table();  ///< name and modes (read by hand); knob tables are the modes'
const Table<model::RunParams>& run_table();
const Table<Outputs>& output_table();

}  // namespace last100::scenario::detail
