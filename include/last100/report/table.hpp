#pragma once
/// KPI tables for the terminal: aligned columns, units in the headers.

#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report {

/// Returns the KPI table: one value column for one summary; for several, one column per mode
/// and a difference column against the first mode. With replications > 1 each value shows
/// "mean ± 95% half-width"; a difference is the paired one (Summary::differences) when the
/// modes shared replications, else unpaired with half-width sqrt(h1² + h2²). Rows are
/// metrics::kpi_table(); "n/a" where nothing was observed, "> T" for a lower bound.
std::string format_table(const std::vector<metrics::Summary>& summaries);

}  // namespace last100::report
