#pragma once
/// Runs a scenario: every mode it names, every replication, on the same area and demand
/// (common random numbers). The `last100` command is a thin shell around this.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/modes/trace.hpp"
#include "last100/scenario/scenario.hpp"

namespace last100::experiment {

/// How to run: overrides of the scenario's [run] section and a progress callback.
struct RunOptions {
  std::optional<std::uint64_t> seed;          ///< replaces run.seed
  std::optional<std::uint32_t> replications;  ///< replaces run.replications
  unsigned threads = 0;                       ///< 0 = one per core
  /// Called now and then with the share done (0 to 1) and what is running; may be empty.
  std::function<void(double done, std::string_view what)> progress;
  /// Called once per mode with the world of its first replication after the run, for
  /// per-order records; may be empty. Called from the thread that called run_scenario.
  std::function<void(std::string_view mode, const model::World& world)> on_orders;
  /// When set, the first replication of each mode records a trace (moves, hand-overs) and
  /// this is called once per mode with it and the world, for the animated replay; same
  /// thread and order as on_orders. Tracing does not change any result.
  std::function<void(std::string_view mode, const model::World& world, const modes::Trace& trace)> on_trace;
};

/// What the relay vans of one run did (trips, gate stops, items and kg carried).
struct VanCounts {
  std::uint64_t trips = 0;
  std::uint64_t stops = 0;
  std::uint64_t items = 0;
  double kg = 0.0;
};

/// One run of one mode on one world: the summary and the world as the run left it.
struct SingleRun {
  metrics::Summary summary;
  model::World world;
  std::uint64_t events = 0;  ///< engine events the run processed
  VanCounts vans;
};

/// Runs `mode` once on a copy of `world` with `seed` for the mode's own random streams and
/// returns its KPIs. Throws metrics::ConservationError if an order was lost or counted twice.
/// With `trace`, records the run's moves and hand-overs there.
SingleRun run_once(const model::World& world, const scenario::ModeRun& mode, const std::string& scenario_name,
                   sim::Duration sample_step, modes::Trace* trace = nullptr);

/// Runs every mode of the scenario and returns one summary per mode, in scenario order.
/// With replications > 1 each summary holds the means and `intervals` the 95% half-widths.
/// Throws std::runtime_error when a run fails a check (conservation of orders, ...).
std::vector<metrics::Summary> run_scenario(const scenario::Scenario& scenario, const RunOptions& options = {});

/// Returns the number of runs of a scenario: replications x modes. Job j is replication
/// j / modes of mode j % modes.
std::size_t job_count(const scenario::Scenario& scenario, const RunOptions& options = {});

/// Runs the jobs for which `mine(j)` is true (all when empty) on this process's threads and
/// returns one summary per job, in job order (empty summaries for jobs not run). Splitting
/// the jobs between processes (MPI ranks) and combining gives what run_scenario gives.
std::vector<metrics::Summary> run_jobs(const scenario::Scenario& scenario, const RunOptions& options,
                                       const std::function<bool(std::size_t job)>& mine);

/// Combines one summary per job (all of them) into one summary per mode: means, 95%
/// half-widths and paired differences, as run_scenario returns them.
std::vector<metrics::Summary> combine_jobs(const scenario::Scenario& scenario, const RunOptions& options,
                                           const std::vector<metrics::Summary>& per_job);

/// Returns the knob specs of a registered mode, or nullptr; for scenario::LoadOptions.
const std::vector<modes::KnobSpec>* find_mode_knobs(std::string_view mode);

/// Returns the names of the registered modes, in registry order.
std::vector<std::string> mode_names();

/// Returns LoadOptions wired to the mode registry (an empty lookup while none exists).
scenario::LoadOptions load_options();

}  // namespace last100::experiment
