#pragma once
// Private to lib/report: the headline KPIs once, for the table, JSON and CSV alike.

#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report::detail {

/// One KPI: its JSON key path, table label with unit, decimals, and accessors.
struct Kpi {
  const char* key;    ///< JSON key path, also the Summary::intervals name
  const char* label;  ///< table row label, unit included
  int decimals;
  bool integral;      ///< a count: written as an integer when there are no replications
  double (*get)(const metrics::Summary&);
  void (*set)(metrics::Summary&, double);
};

/// Returns the KPIs in table and JSON order (keys sharing a first segment are adjacent).
const std::vector<Kpi>& kpis();

/// Returns the 95% half-width recorded for `key`, or 0.
double half_width(const metrics::Summary& s, const std::string& key);

}  // namespace last100::report::detail
