#pragma once
/// Runs a scenario: every mode it names, every replication, on the same area and demand
/// (common random numbers). One scenario as one variant of experiment/experiment.hpp, which
/// compares several scenarios or variants and adds replications later.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/modes/run_mode.hpp"
#include "last100/scenario/scenario.hpp"

namespace last100::experiment {

/// How to run: overrides of the scenario's [run] section and a progress callback.
struct RunOptions {
  std::optional<std::uint64_t> seed;          ///< replaces run.seed
  std::optional<std::uint32_t> replications;  ///< replaces run.replications
  unsigned threads = 0;                       ///< runs at once (--jobs, a oneTBB arena); 0 = one per core
  /// The --set overrides the scenario was loaded with, recorded in the provenance.
  std::vector<std::string> overrides;
  /// Called now and then, from the calling thread, with the share done (0 to 1, counting
  /// simulated time inside runs, so that one long run moves too) and what is running
  /// ("3/16 runs done; relay"); may be empty.
  std::function<void(double done, std::string_view what)> progress;
  /// Called now and then, from the calling thread, while that thread builds a replication's
  /// world (0-based), with the share of the build done (model::build_world); may be empty.
  /// A large area's world takes long to build before any run starts.
  std::function<void(std::uint32_t replication, double done)> on_world_build;
  /// Called once per mode with the world of its first replication after the run, for
  /// per-order records; may be empty. Called from the thread that called run_scenario.
  std::function<void(std::string_view mode, const model::World& world)> on_orders;
  /// When set, the first replication of each mode records a trace (moves, hand-overs) and
  /// this is called once per mode with it and the world, for the animated replay; same
  /// thread and order as on_orders. Tracing does not change any result.
  std::function<void(std::string_view mode, const model::World& world, const modes::Trace& trace)> on_trace;
};

/// One run of one mode lives in Modes (modes::run_mode); these names stay for callers.
using VanCounts = modes::VanCounts;
using SingleRun = modes::RunResult;

/// Runs `mode` once on a copy of `world` (modes::run_mode with the scenario's mode entry)
/// and returns its KPIs. Throws metrics::ConservationError if an order was lost or counted twice.
/// `on_progress`, if given, is called with the share of simulated time done, 100 times a run
/// (the run is the same, event for event, with or without it).
SingleRun run_once(const model::World& world, const scenario::ModeRun& mode, const std::string& scenario_name,
                   sim::Duration sample_step, const std::function<void(double share)>& on_progress = {});

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

/// Returns the library's version and the commit it was configured from ("unknown" if none).
std::string version();
std::string commit();

/// Returns the command that reproduces a scenario's figures: the scenario file, overrides,
/// seed and replications (options that do not change the figures are left out).
std::string reproduce_command(const scenario::Scenario& scenario, const RunOptions& options);

/// Returns the knob specs of a registered mode, or nullptr; for scenario::LoadOptions.
const std::vector<modes::KnobSpec>* find_mode_knobs(std::string_view mode);

/// Returns the names of the registered modes, in registry order.
std::vector<std::string> mode_names();

/// Returns LoadOptions wired to the mode registry (an empty lookup while none exists).
scenario::LoadOptions load_options();

}  // namespace last100::experiment
