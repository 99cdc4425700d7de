#pragma once
/// Scenario files: what a planner writes (TOML), loaded into plain parameter structs with
/// precise errors. The format is documented in docs/scenario-format.md.
/// toml++ stays inside lib/scenario: nothing here exposes it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "last100/model/params.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/sim/time.hpp"

namespace last100::scenario {

/// A mode to run and its resolved knobs.
struct ModeRun {
  std::string name;
  modes::Knobs knobs;
};

/// What a run writes besides the table on stdout.
struct Outputs {
  std::string dir;                      ///< results folder; empty = none unless --out
  std::string json;                     ///< JSON summary file; empty = none unless --json
  bool orders_csv = true;               ///< per-order records in DIR/orders.csv
  bool timeseries_csv = true;           ///< time series in DIR/timeseries.csv
  bool html = true;                     ///< DIR/report.html
  sim::Duration sample_interval = std::chrono::minutes{15};  ///< time-series step
};

/// A loaded, validated scenario.
struct Scenario {
  std::string name;                     ///< from `name`, else the file stem
  std::string description;
  std::string source;                   ///< the file it was loaded from
  model::WorldParams world;
  std::vector<ModeRun> modes;           ///< at least one
  Outputs output;
  /// Legal but suspicious things found while loading ("file:line:col: warning: ..."), e.g. an
  /// array that replaces a base file's array. The caller decides where to print them.
  std::vector<std::string> warnings;
};

/// A scenario that cannot be used, with where and why.
class ScenarioError : public std::runtime_error {
 public:
  /// Builds the error; `what()` reads "file:line:column: error: key: expected X, found Y\n  hint: H".
  ScenarioError(std::string file, std::uint32_t line, std::uint32_t column, std::string key,
                std::string expected, std::string found, std::string hint = {});

  const std::string& file() const noexcept { return file_; }
  std::uint32_t line() const noexcept { return line_; }
  std::uint32_t column() const noexcept { return column_; }
  const std::string& key() const noexcept { return key_; }
  const std::string& expected() const noexcept { return expected_; }
  const std::string& found() const noexcept { return found_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  std::string file_;
  std::uint32_t line_;
  std::uint32_t column_;
  std::string key_;
  std::string expected_;
  std::string found_;
  std::string hint_;
};

/// Returns the knob specs of a mode, or nullptr when no mode has that name.
using ModeLookup = std::function<const std::vector<modes::KnobSpec>*(std::string_view mode)>;

/// How to load: command-line overrides, the mode registry and the machine's limits.
struct LoadOptions {
  std::vector<std::string> overrides;   ///< "a.b.c=value", applied after the file and its bases
  /// Mode registry. When empty, mode names are not checked and knob tables are kept as
  /// given (integers, reals, booleans, text; duration strings stay text).
  ModeLookup lookup_mode;
  /// Names of the known modes, used for "did you mean" when lookup_mode finds nothing.
  std::vector<std::string> mode_names;
  std::uint64_t memory_limit_bytes = std::uint64_t{16} << 30;  ///< refuse larger worlds
  std::uint64_t max_file_bytes = std::uint64_t{16} << 20;      ///< refuse larger files
  bool allow_extends = true;            ///< false: `extends` is an error (fuzzing)
};

/// Loads and validates a scenario file, its `extends` chain and the overrides.
/// Throws ScenarioError on any problem; nothing is allocated for the world.
Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

/// Loads a scenario from text; `source_name` is used in messages and `extends` is
/// resolved relative to its directory.
Scenario load_scenario_string(std::string_view text, std::string source_name,
                              const LoadOptions& options = {});

/// Returns the resolved scenario as TOML that loads back to the same scenario; `lookup`
/// tells clock knobs ("07:00") from duration knobs ("7h").
std::string to_toml(const Scenario& scenario, const ModeLookup& lookup = {});

/// Returns the estimated bytes of model state for a world (households, orders, agents).
std::uint64_t estimate_memory_bytes(const model::WorldParams& world);

/// Parses a duration written as people write it: "90s", "30min", "2h", "1h30min", "1.5h",
/// "2d", "250ms". Throws std::invalid_argument with the reason on anything else.
sim::Duration parse_duration(std::string_view text);

/// Parses a clock time of day "07:00", "7:30" or "07:00:30" (up to "24:00") into the time
/// since midnight. Throws std::invalid_argument with the reason on anything else.
sim::Duration parse_clock(std::string_view text);

/// Returns a duration in the shortest form parse_duration reads back ("1h30min", "90s").
std::string format_duration(sim::Duration d);

/// Returns a time of day as "HH:MM" (or "HH:MM:SS" when there are seconds).
std::string format_clock(sim::Duration since_midnight);

/// Returns the candidate closest to `word` by edit distance, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace last100::scenario
