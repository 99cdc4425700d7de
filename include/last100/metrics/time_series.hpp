#pragma once
/// Samples of the run's state on a fixed step (backlogs, couriers by state).

#include <array>
#include <cstdint>
#include <vector>

#include "last100/model/couriers.hpp"
#include "last100/sim/time.hpp"

namespace last100::metrics {

/// The state of a run at one sample time.
struct Sample {
  sim::TimePoint at;
  std::uint64_t backlog_station = 0;  ///< orders waiting at outside stations
  std::uint64_t backlog_gate = 0;     ///< orders waiting at gates / hand-over points
  std::uint64_t backlog_shelf = 0;    ///< orders on shelves, not yet collected
  std::array<std::uint32_t, model::courier_state_count> couriers{};  ///< couriers per state
};

/// Records samples at step, 2 x step, ...; a sampler process calls record() every step.
class TimeSeriesRecorder {
 public:
  /// Creates a recorder sampling every `step` (positive), starting at `step`.
  explicit TimeSeriesRecorder(sim::Duration step = std::chrono::hours{1});

  /// Returns the sampling step.
  sim::Duration step() const noexcept { return step_; }
  /// Returns the time the next sample is due.
  sim::TimePoint next_due() const noexcept { return next_; }

  /// Appends `sample`; throws std::logic_error unless sample.at == next_due().
  void record(const Sample& sample);

  /// Returns a sample of the couriers' states at `now` (backlogs left at zero), for convenience.
  static Sample couriers_at(const model::Couriers& couriers, sim::TimePoint now);

  /// Returns the samples in time order.
  const std::vector<Sample>& samples() const noexcept { return samples_; }

 private:
  sim::Duration step_;
  sim::TimePoint next_;
  std::vector<Sample> samples_;
};

}  // namespace last100::metrics
