#pragma once
// Private to lib/report: formatting KPI estimates the same way in every writer. The KPI list
// itself is metrics::kpi_table().

#include <string>

#include "last100/metrics/kpi_table.hpp"

namespace last100::report::detail {

/// Returns a value as the table shows it: "n/a" without observation, "> T" for a lower
/// bound, an integer for a count of one run, else `decimals` places; " ± h" when the
/// half-width is known.
std::string format_estimate(const metrics::KpiDef& k, const metrics::Estimate& e, bool replicated, bool signed_value = false);

/// Returns a double as text JSON accepts ("null" for NaN and infinities).
std::string json_number(double v);

/// Returns a double as a CSV field: empty for NaN (no observation), else shortest round trip.
std::string csv_number(double v);

}  // namespace last100::report::detail
