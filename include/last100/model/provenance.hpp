#pragma once
/// Where a default comes from: every numeric default of the scenario schema and of the modes'
/// knobs states whether a source supports it (`sourced`, with the tags of the source list,
/// docs/parameters.md "Sources") or it is `assumed`, and a plausible range: what the sources
/// support, or what an assumption can reasonably span. The sensitivity screening varies the
/// assumed ones over that range. The rule is checked by tests/unit/scenario/provenance_test.cpp.

#include <cstdint>
#include <string>
#include <vector>

#include "last100/sim/time.hpp"

namespace last100::model {

/// What a default rests on.
enum class DefaultStatus : std::uint8_t {
  none,     ///< not stated: a numeric default with this status fails the provenance test
  sourced,  ///< a cited source supports the value (tags in Provenance::sources)
  assumed,  ///< no source supports it: an assumption, to be screened over its plausible range
  setting,  ///< not a claim about the world: a run control, an event's time or index, a policy
            ///< switch or a deprecated key (no plausible range)
};

/// The provenance of one default: its status, plausible range and sources.
struct Provenance {
  DefaultStatus status = DefaultStatus::none;
  /// The plausible range, in the key's unit (durations and clock times in seconds): what the
  /// sources support, or what the assumption spans. Inside the key's valid range.
  double low = 0.0;
  double high = 0.0;
  /// Tags of the source list ("S1"): what supports a `sourced` default, or what bounds the
  /// plausible range of an `assumed` one.
  std::vector<std::string> sources;
  std::string basis;                 ///< what the default and its range rest on, in words
  /// Non-empty when the default lies outside its sourced plausible range on purpose (a known
  /// contradiction left for a model change): says which and why.
  std::string contradiction;
};

/// Returns the provenance of a default a source supports.
inline Provenance sourced(double low, double high, std::vector<std::string> tags, std::string basis) {
  return {DefaultStatus::sourced, low, high, std::move(tags), std::move(basis), {}};
}
/// Returns the provenance of a sourced duration or clock default (range in time).
inline Provenance sourced(sim::Duration low, sim::Duration high, std::vector<std::string> tags, std::string basis) {
  return sourced(sim::to_seconds(low), sim::to_seconds(high), std::move(tags), std::move(basis));
}
/// Returns the provenance of an assumed default.
inline Provenance assumed(double low, double high, std::string basis) {
  return {DefaultStatus::assumed, low, high, {}, std::move(basis), {}};
}
/// Returns the provenance of an assumed duration or clock default (range in time).
inline Provenance assumed(sim::Duration low, sim::Duration high, std::string basis) {
  return assumed(sim::to_seconds(low), sim::to_seconds(high), std::move(basis));
}
/// Returns the provenance of an assumed default whose plausible range the tagged sources give
/// (they bound the value without supporting the default itself).
inline Provenance assumed(double low, double high, std::vector<std::string> tags, std::string basis) {
  return {DefaultStatus::assumed, low, high, std::move(tags), std::move(basis), {}};
}
/// Returns the same for a duration or clock default.
inline Provenance assumed(sim::Duration low, sim::Duration high, std::vector<std::string> tags, std::string basis) {
  return assumed(sim::to_seconds(low), sim::to_seconds(high), std::move(tags), std::move(basis));
}
/// Returns the provenance of a setting: not a claim about the world.
inline Provenance setting(std::string basis) { return {DefaultStatus::setting, 0.0, 0.0, {}, std::move(basis), {}}; }

/// Returns "sourced", "assumed", "setting" or "none".
inline const char* status_name(DefaultStatus s) {
  switch (s) {
    case DefaultStatus::sourced: return "sourced";
    case DefaultStatus::assumed: return "assumed";
    case DefaultStatus::setting: return "setting";
    case DefaultStatus::none: break;
  }
  return "none";
}

/// One entry of the source list: its tag ("S1") and the reference with what it says.
struct Source {
  std::string tag;
  std::string text;
};

/// Returns the source list the sourced defaults cite (lib/model/sources.cpp; docs/parameters.md
/// "Sources" is generated from it).
const std::vector<Source>& sources();

/// Returns the source with `tag`, or nullptr.
const Source* find_source(const std::string& tag);

}  // namespace last100::model
