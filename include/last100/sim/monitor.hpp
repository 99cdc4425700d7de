#pragma once
/// Monitors: opt-in statistics for resources and stores, in the manner of salabim's monitors.
/// LevelMonitor integrates a level over time (queue length, units in use); TallyMonitor keeps
/// samples (waits). Percentiles use the nearest-rank definition, as in metrics/percentile:
/// every percentile is a value that was observed. Statistics with no observation are nullopt,
/// never 0. A resource or store without a monitor pays one untaken branch per state change.

#include <cstdint>
#include <optional>
#include <vector>

#include "last100/sim/time.hpp"

namespace last100::sim {

/// A level that changes at points in time; statistics are weighted by the time spent at each.
class LevelMonitor {
 public:
  /// Starts observing at `t` with the current `level`, forgetting everything before (warm-up).
  void reset(TimePoint t, std::uint64_t level);

  /// Records that the level changed to `level` at `t` (not before the last change).
  void set(TimePoint t, std::uint64_t level);

  /// Returns the current level.
  std::uint64_t level() const noexcept { return level_; }

  /// Returns the time observed up to `now`.
  Duration observed(TimePoint now) const noexcept { return now - start_; }

  /// Returns the integral of the level over time up to `now`, in level x ticks.
  double area(TimePoint now) const noexcept;

  /// Returns the time-weighted mean level up to `now`; nullopt if no time was observed.
  std::optional<double> mean(TimePoint now) const noexcept;

  /// Returns the highest level seen since the reset.
  std::uint64_t max() const noexcept { return max_; }

  /// Returns the smallest level at or below which the level spent `p` percent of the observed
  /// time (0 <= p <= 100); nullopt if no time was observed. Throws std::invalid_argument for p.
  std::optional<std::uint64_t> percentile(double p, TimePoint now) const;

 private:
  std::vector<std::int64_t> ticks_at_;  // ticks spent at each level, up to the last change
  TimePoint start_{};
  TimePoint last_{};
  std::uint64_t level_ = 0;
  std::uint64_t max_ = 0;
};

/// Samples (waits in seconds); all are kept so that percentiles are exact.
class TallyMonitor {
 public:
  /// Records one sample.
  void add(double x) {
    samples_.push_back(x);
    sorted_ = false;
  }

  /// Forgets every sample (warm-up).
  void reset() {
    samples_.clear();
    sorted_ = true;
  }

  std::size_t count() const noexcept { return samples_.size(); }

  /// Returns the mean; nullopt without samples.
  std::optional<double> mean() const noexcept;

  /// Returns the largest sample; nullopt without samples.
  std::optional<double> max() const;

  /// Returns the nearest-rank `p`-th percentile (0 <= p <= 100); nullopt without samples.
  std::optional<double> percentile(double p) const;

  /// Returns the samples in the order they were added, unless a percentile sorted them.
  const std::vector<double>& samples() const noexcept { return samples_; }

 private:
  mutable std::vector<double> samples_;
  mutable bool sorted_ = true;
};

/// What a monitored Resource records.
struct ResourceMonitor {
  LevelMonitor queue_length;  ///< requests waiting (timed-out and interrupted ones leave at once)
  LevelMonitor in_use;        ///< units held
  LevelMonitor capacity;      ///< units in the pool (set_capacity changes it)
  TallyMonitor waits;         ///< seconds from request to grant, for every grant (0 if at once)
  TallyMonitor abandoned;     ///< seconds waited by requests that gave up (timeout, interrupt, cancel)

  /// Returns the time-weighted share of units in use up to `now`; nullopt if nothing was observed.
  std::optional<double> utilisation(TimePoint now) const noexcept;

  /// Restarts every statistic at `now` from the current levels (after a warm-up).
  void reset(TimePoint now);
};

/// What a monitored Store records.
struct StoreMonitor {
  LevelMonitor length;       ///< items in the store
  LevelMonitor getters;      ///< processes waiting to get
  TallyMonitor get_waits;    ///< seconds from get to item, for every item taken (0 if at once)
  TallyMonitor abandoned;    ///< seconds waited by gets that gave up (timeout, interrupt, cancel)

  /// Restarts every statistic at `now` from the current levels (after a warm-up).
  void reset(TimePoint now);
};

}  // namespace last100::sim
