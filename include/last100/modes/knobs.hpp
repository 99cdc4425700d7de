#pragma once
/// Knobs: the typed, documented settings a mode exposes to scenario files.
/// A mode declares KnobSpecs; the scenario loader validates a table against them and hands
/// the mode a Knobs object in which every declared key has a value (given or default).

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "last100/model/params.hpp"
#include "last100/model/provenance.hpp"
#include "last100/sim/time.hpp"

namespace last100::modes {

/// What a knob holds. `clock` is a time of day ("07:00"), `duration` a span ("90s").
enum class KnobType : std::uint8_t { integer, real, boolean, duration, clock, text };

/// One value; durations and clock times are both sim::Duration (clock = since midnight).
using KnobValue = std::variant<std::int64_t, double, bool, sim::Duration, std::string>;

/// Declares one knob: its key, type, allowed range (numbers and durations, in the knob's
/// own unit; durations in seconds), default and a one-line explanation.
struct KnobSpec {
  std::string key;
  KnobType type = KnobType::real;
  KnobValue default_value;
  double min = 0.0;
  double max = 1e18;
  std::string doc;
  std::vector<std::string> choices;  ///< for text knobs: the allowed words, empty = any
  /// A check of the value against the world it will run on, made by the scenario loader so
  /// that `validate` finds what the run would (a station the area lacks, a malformed
  /// building range). Returns "" when fine, else what was expected. May be empty.
  std::function<std::string(const KnobValue& value, const model::WorldParams& world)> check = {};
  /// Where the default comes from (status, plausible range, sources): required for every
  /// numeric knob of a built-in mode (tests/unit/scenario/provenance_test.cpp); set with cite().
  model::Provenance provenance = {};
};

/// Sets the provenance of the knob `key` of `knobs`; throws std::logic_error when no knob has
/// that key.
void cite(std::vector<KnobSpec>& knobs, std::string_view key, model::Provenance provenance);

/// The resolved knob values of one mode.
class Knobs {
 public:
  void set(std::string key, KnobValue value) { values_[std::move(key)] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) != 0; }

  std::int64_t integer(const std::string& key) const { return std::get<std::int64_t>(at(key)); }
  double real(const std::string& key) const {
    const auto& v = at(key);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::get<double>(v);
  }
  bool boolean(const std::string& key) const { return std::get<bool>(at(key)); }
  sim::Duration duration(const std::string& key) const { return std::get<sim::Duration>(at(key)); }
  const std::string& text(const std::string& key) const { return std::get<std::string>(at(key)); }
  const std::map<std::string, KnobValue>& values() const { return values_; }

  /// Returns knobs holding every default of `specs`.
  static Knobs defaults(const std::vector<KnobSpec>& specs) {
    Knobs k;
    for (const auto& s : specs) k.set(s.key, s.default_value);
    return k;
  }

 private:
  const KnobValue& at(const std::string& key) const;
  std::map<std::string, KnobValue> values_;
};

}  // namespace last100::modes
