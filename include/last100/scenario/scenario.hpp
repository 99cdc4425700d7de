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
  /// array that replaces a base file's array, or a deprecated key. The caller decides where
  /// to print them (the CLI: on stderr).
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
  /// Mode registry. When empty, mode names are not checked; modes in the registry (the
  /// built-in ones, and any registered before loading) still get their default and typed
  /// knobs, other knob tables are kept as given (integers, reals, booleans, text).
  /// experiment::load_options() fills it to check names and knobs with "did you mean".
  ModeLookup lookup_mode;
  /// Names of the known modes, used for "did you mean" when lookup_mode finds nothing.
  std::vector<std::string> mode_names;
  std::uint64_t memory_limit_bytes = std::uint64_t{16} << 30;  ///< refuse larger worlds
  /// Refuse a file, with its `extends` bases, larger than this in all. Parsed TOML takes
  /// about 100 to 200 times its text (a node and a recorded position per value), so 1 MiB
  /// bounds the loader near 200 MiB; real scenarios are a few KiB (docs/scenario-format.md).
  std::uint64_t max_file_bytes = std::uint64_t{1} << 20;
  bool allow_extends = true;            ///< false: `extends` is an error (fuzzing)
  /// Folders where `extends = "NAME"` finds a bundled scenario when NAME (a bare name, with or
  /// without .toml) is not a file next to the extending one: the folders `last100 run NAME` uses.
  std::vector<std::filesystem::path> scenario_dirs;
};

/// Loads and validates a scenario file, its `extends` chain and the overrides.
/// Throws ScenarioError on any problem; nothing is allocated for the world.
Scenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

/// Loads a scenario from text; `source_name` is used in messages and `extends` is
/// resolved relative to its directory.
Scenario load_scenario_string(std::string_view text, std::string source_name,
                              const LoadOptions& options = {});

/// Returns the resolved scenario as TOML that loads back to the same scenario; `lookup`
/// tells clock knobs ("07:00") from duration knobs ("7h") (when empty, registered modes'
/// knobs are still told apart, as when loading).
std::string to_toml(const Scenario& scenario, const ModeLookup& lookup = {});

/// Returns the estimated bytes of one built world: model state (households, orders, agents,
/// places) and its travel-time tables, which grow with the square of the key places per
/// compound and of the hubs (gates, stations, outlets). Areas from CSV files count their
/// model state only.
std::uint64_t estimate_memory_bytes(const model::WorldParams& world);

/// The memory a run of a scenario needs at its peak, by part, in bytes (docs/cli.md).
struct MemoryEstimate {
  std::uint64_t world = 0;          ///< one world's model state: households, orders, couriers, places
  std::uint64_t travel_tables = 0;  ///< one world's travel-time matrices
  std::uint64_t per_run = 0;        ///< one run in progress: its copy of the state, samples, queued sample events
  std::uint64_t kept = 0;           ///< kept to the end: every run's time series, order records, output text
  std::uint64_t total = 0;          ///< the peak: the program, worlds and runs in progress at once, plus `kept`
};

/// Estimates a run of `scenario` with `replications` (0: the scenario's), `parallel` runs at
/// once (threads) and, if `order_records`, per-order records kept for orders.csv.
MemoryEstimate estimate_run_memory(const Scenario& scenario, std::uint32_t replications, unsigned parallel,
                                   bool order_records);

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
