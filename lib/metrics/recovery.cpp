// Backlog recovery after a demand surge (docs/metrics.md, "Recovery after a surge").

#include "last100/metrics/recovery.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "last100/metrics/kpi_table.hpp"
#include "last100/model/demand.hpp"

namespace last100::metrics {

namespace {

constexpr double tolerance_hours = 1e-9;

bool surge_day(const model::DemandParams& demand, std::uint32_t day) {
  for (std::size_t c = 0; c < model::category_count; ++c)
    if (model::surge_multiplier(demand, day, static_cast<model::Category>(c)) > 1.0) return true;
  return false;
}

}  // namespace

std::vector<SurgeWindow> surge_windows(const model::DemandParams& demand, double horizon_hours) {
  std::vector<SurgeWindow> out;
  if (demand.surges.empty() || !(horizon_hours > 0.0)) return out;
  std::uint32_t last = 0;
  for (const auto& s : demand.surges) last = std::max(last, s.day);
  for (std::uint32_t day = 0; day <= last; ++day) {
    if (!surge_day(demand, day)) continue;
    const double start = 24.0 * day;
    if (start >= horizon_hours) break;
    const double end = std::min(24.0 * (day + 1), horizon_hours);
    if (!out.empty() && std::fabs(out.back().end_hours - start) <= tolerance_hours) {
      out.back().end_hours = end;  // the day after a surge day: one window
    } else {
      out.push_back({start, end});
    }
  }
  return out;
}

SurgeRecovery surge_recovery(const std::vector<double>& time_hours, const std::vector<double>& backlog,
                             const SurgeWindow& window, double end_hours) {
  SurgeRecovery r;
  r.start_hours = window.start_hours;
  r.end_hours = window.end_hours;
  const std::size_t n = std::min(time_hours.size(), backlog.size());
  for (std::size_t k = 0; k < n && time_hours[k] <= window.start_hours + tolerance_hours; ++k) r.pre_surge_backlog = backlog[k];
  for (std::size_t k = 0; k < n; ++k) {
    if (time_hours[k] < window.end_hours - tolerance_hours || backlog[k] > r.pre_surge_backlog) continue;
    r.clear_hours = single({std::max(0.0, time_hours[k] - window.end_hours), false});
    return r;
  }
  // Never back before the run stopped: more than what had passed since the surge ended.
  r.clear_hours = single({std::max(0.0, end_hours - window.end_hours), true});
  return r;
}

void add_surge_recovery(Recovery& recovery, const std::vector<SurgeWindow>& windows, const TimeSeries& series) {
  recovery.surges.clear();
  recovery.clear_after_surge_hours = std::numeric_limits<double>::quiet_NaN();
  recovery.clear_after_surge_at_least = false;
  for (const auto& w : windows) {
    recovery.surges.push_back(surge_recovery(series.time_hours, series.backlog, w, recovery.end_hours));
    const Estimate& c = recovery.surges.back().clear_hours;
    if (!std::isfinite(c.mean)) continue;
    if (!std::isfinite(recovery.clear_after_surge_hours) || c.mean > recovery.clear_after_surge_hours)
      recovery.clear_after_surge_hours = c.mean;
    recovery.clear_after_surge_at_least = recovery.clear_after_surge_at_least || c.at_least;
  }
}

}  // namespace last100::metrics
