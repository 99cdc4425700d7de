#pragma once
/// One run of one mode on one world: the demand feed, quarantine interrupts, the sampler, the
/// drain after the horizon and the conservation check. Replications, threads, common random
/// numbers and MPI are Experiment's; a researcher who wants one run calls this.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/modes/trace.hpp"
#include "last100/sim/time.hpp"

namespace last100::modes {

/// What the relay vans of one run did (trips, gate stops, items and kg carried).
struct VanCounts {
  std::uint64_t trips = 0;
  std::uint64_t stops = 0;
  std::uint64_t items = 0;
  double kg = 0.0;
};

/// One run of one mode: the summary and the world as the run left it.
struct RunResult {
  metrics::Summary summary;
  model::World world;
  std::uint64_t events = 0;  ///< engine events the run processed
  VanCounts vans;
};

/// How to run: names for the summary, the sampling step, an optional progress callback and
/// an optional trace.
struct RunModeOptions {
  std::string scenario_name;
  sim::Duration sample_step = std::chrono::minutes{15};
  /// Called with the share of simulated time done, 100 times a run (the run is the same,
  /// event for event, with or without it).
  std::function<void(double share)> on_progress;
  /// When set, the run's stamps, courier states, moves and pickup visits are appended here
  /// (for the replay); the run is the same, event for event, with or without it.
  Trace* trace = nullptr;
};

/// Runs mode `mode` (a registered name) with `knobs` once on a copy of `world`, the mode's own
/// random streams seeded from the world's run seed, and returns its KPIs. Throws
/// std::invalid_argument for an unknown mode and metrics::ConservationError if an order was
/// lost or counted twice.
RunResult run_mode(const model::World& world, const std::string& mode, const Knobs& knobs,
                   const RunModeOptions& options = {});

}  // namespace last100::modes
