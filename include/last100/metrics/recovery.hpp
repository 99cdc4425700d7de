#pragma once
/// Backlog recovery after a demand surge (docs/metrics.md, "Recovery after a surge"): which
/// stretches of the run a scenario's [[demand.surge]] days raise, and how long the backlog
/// took after each to fall back to where it stood when the surge began.

#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/model/params.hpp"

namespace last100::metrics {

/// A stretch of raised demand, in hours since the start of the run.
struct SurgeWindow {
  double start_hours = 0.0;
  double end_hours = 0.0;
};

/// Returns the surge windows of `demand`: runs of consecutive days on which some category's
/// demand is multiplied by more than 1 (model::surge_multiplier; several surges on one day
/// multiply, a multiplier of 1 or less is no surge), from the start of the first day to the
/// end of the last, cut at `horizon_hours` (demand stops there). Windows starting at or after
/// the horizon never happen and are left out. In time order.
std::vector<SurgeWindow> surge_windows(const model::DemandParams& demand, double horizon_hours);

/// Returns how the backlog recovered after `window`, from a backlog series sampled at
/// `time_hours` (increasing; TimeSeries::time_hours and ::backlog) of a run that stopped at
/// `end_hours`:
/// - pre_surge_backlog: the sample at or before the window's start, latest first; 0 when no
///   sample is that early (a surge that opens the run starts from an empty backlog);
/// - clear_hours: from the window's end to the first sample at or after it whose backlog is
///   at or below that level (0 if the backlog was already there when the surge ended);
///   when no sample is, end_hours - window end as a lower bound (at_least).
/// Times within 1e-9 h count as equal (grids of k x step hours).
SurgeRecovery surge_recovery(const std::vector<double>& time_hours, const std::vector<double>& backlog,
                             const SurgeWindow& window, double end_hours);

/// Sets recovery.surges (one per window) and recovery.clear_after_surge_hours (the longest;
/// a lower bound if any window's is; NaN without windows) from the run's backlog series.
void add_surge_recovery(Recovery& recovery, const std::vector<SurgeWindow>& windows, const TimeSeries& series);

}  // namespace last100::metrics
