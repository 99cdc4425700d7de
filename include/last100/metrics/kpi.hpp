#pragma once
/// Computes a run's Summary from the world's order stamps, courier accounts and what the
/// mode counted (contacts, shelf crowding, samples). Definitions in docs/world.md.

#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/model/world.hpp"

namespace last100::metrics {

/// What a mode reports at the end of a run, beside the stamps in World::orders.
struct RunRecord {
  std::string scenario;
  std::string mode;
  std::uint64_t seed = 0;
  sim::TimePoint end;             ///< when the run stopped
  sim::Duration warmup{0};        ///< orders placed before this are not in lead-time statistics
  Contacts contacts;
  std::uint32_t peak_shelf_crowding = 0;
  std::uint64_t stale_fresh_in_flight = 0;  ///< fresh food still held at the end, past its spoil deadline
  std::vector<Sample> samples;    ///< from a TimeSeriesRecorder; may be empty
  sim::Duration sample_step = std::chrono::hours{1};  ///< the recorder's step (grid if no samples)
};

/// Returns the KPIs of one run. Counts cover orders placed before `end`; lead times cover
/// orders placed in [warmup, end) and handed over; throughput counts hand-overs in
/// [warmup, end); courier time includes each courier's open state up to `end`.
Summary summarise(const model::World& world, const RunRecord& record);

}  // namespace last100::metrics
