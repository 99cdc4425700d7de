#pragma once
/// Computes a run's Summary from the world's order stamps, courier accounts and what the
/// mode counted (contacts, shelf crowding, samples). Definitions in docs/world.md.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/model/world.hpp"

namespace last100::metrics {

/// Hours each courier state took, over all couriers, from the start up to `at`.
using CourierHours = std::array<double, model::courier_state_count>;

/// Returns the couriers' hours per state from the start of the run up to `at` (their open
/// state counted up to `at`).
CourierHours courier_hours(const model::Couriers& couriers, sim::TimePoint at);

/// What a mode reports at the end of a run, beside the stamps in World::orders.
struct RunRecord {
  std::string scenario;
  std::string mode;
  std::uint64_t seed = 0;
  sim::TimePoint end;               ///< when the run stopped (after the drain)
  sim::TimePoint horizon = model::never;  ///< demand's end; never: the same as `end`
  sim::Duration warmup{0};          ///< orders placed before this are not measured
  Contacts contacts;
  std::vector<std::uint64_t> contacts_by_building;  ///< face-to-face hand-overs per building; may be empty
  std::uint32_t peak_shelf_crowding = 0;
  std::uint64_t stale_fresh_in_flight = 0;  ///< fresh food still held at the end, past its spoil deadline
  std::vector<Sample> samples;      ///< from a TimeSeriesRecorder; may be empty
  sim::Duration sample_step = std::chrono::hours{1};  ///< the recorder's step (grid if no samples)
  /// Courier hours per state at the warm-up and at the horizon (the measurement window);
  /// when not given, courier time is taken from the start to `end`.
  std::optional<CourierHours> hours_at_warmup, hours_at_horizon;
};

/// Returns the KPIs of one run (docs/metrics.md). Measured orders are those placed in
/// [warmup, horizon); counts are theirs, by status at `end`; lead times cover all of them,
/// undelivered ones censored at what they had waited by `end`; throughput counts hand-overs
/// in [warmup, horizon); courier time is that of [warmup, horizon) when the record has it.
Summary summarise(const model::World& world, const RunRecord& record);

}  // namespace last100::metrics
