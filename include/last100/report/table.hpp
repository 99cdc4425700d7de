#pragma once
/// KPI tables for the terminal: aligned columns, units in the headers.

#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report {

/// The KPI table's cells: a header ("KPI", one column per mode, then "mode - first") and
/// one row per KPI, formatted as the terminal shows them (the report's HTML table too).
struct KpiCells {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
KpiCells kpi_cells(const std::vector<metrics::Summary>& summaries);

/// Returns the KPI table: one value column for one summary; for several, one column per mode
/// and a difference column against the first mode. With replications > 1 each value shows
/// "mean ± 95% half-width"; a difference is the paired one (Summary::differences) when the
/// modes shared replications, else unpaired with half-width sqrt(h1² + h2²). Rows are
/// metrics::kpi_table(); "n/a" where nothing was observed, "> T" for a lower bound.
/// When `max_width` > 0 and the table is wider, the value columns are wrapped into blocks
/// that fit, each repeating the KPI column (a terminal of 80 columns gets the modes, then
/// the differences, instead of 156-column lines that the terminal folds mid-number).
std::string format_table(const std::vector<metrics::Summary>& summaries, std::size_t max_width = 0);

}  // namespace last100::report
