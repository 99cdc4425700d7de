#pragma once
/// The one list of KPIs: key, label, unit, decimals, kind, how one run's value is computed
/// and how replications are combined. The experiment (means, paired differences) and every
/// writer (table, CSV, JSON, HTML) iterate over it; adding a KPI is one entry here (and its
/// definition in docs/metrics.md).

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::metrics {

/// A KPI's value in one run: NaN when nothing was observed (n/a); `at_least` when the value
/// is only a lower bound (a percentile that falls among undelivered orders).
struct KpiValue {
  double value = std::numeric_limits<double>::quiet_NaN();
  bool at_least = false;
};

/// What a KPI measures; writers format counts as integers for one run.
enum class KpiKind { count, rate, share, minutes, people };

/// How replications are combined. `mean`: the mean over the replications that observed it,
/// with a Student-t 95% half-width; a censored replication enters at its bound and makes the
/// mean a lower bound too.
enum class Aggregate { mean };

/// One row of the KPI table.
struct KpiDef {
  std::string_view key;    ///< JSON path ("orders.delivered"); the first segment groups keys
  std::string_view label;  ///< table label, without the unit
  std::string_view unit;   ///< "orders", "min", "share", ...
  int decimals;            ///< for means and non-count values
  KpiKind kind;
  Aggregate aggregate;
  bool censorable;         ///< may be a lower bound ("more than T")
  KpiValue (*compute)(const Summary&);  ///< from one run's fields
};

/// Returns the KPIs in output order (keys sharing a first segment are adjacent).
const std::vector<KpiDef>& kpi_table();

/// Returns the row label of `k` for `summary` (service levels name their threshold).
std::string kpi_label(const KpiDef& k, const Summary& summary);

/// Returns the index of `key` in kpi_table(); throws std::out_of_range if there is none.
std::size_t kpi_index(std::string_view key);

/// Returns KPI `i` of a summary: summary.kpis[i] when filled, else the value computed from
/// its fields as one run.
Estimate kpi_estimate(const Summary& summary, std::size_t i);

/// Returns the estimate of one run's value (observed 1, no half-width).
Estimate single(const KpiValue& v);

/// Returns the mean over the observed values (NaN ones are skipped) and the Student-t 95%
/// half-width; at_least if any value was.
Estimate combine(const std::vector<KpiValue>& values);

/// Returns the `p` quantile of Student's t with `df` (> 0, possibly fractional) degrees of
/// freedom, from Boost.Math; NaN when df <= 0 or p is outside (0, 1). Every interval uses it.
double t_quantile(double p, double df);

/// Returns the 97.5% quantile of Student's t with `df` degrees of freedom (0 for df = 0): the
/// factor of every 95% half-width.
double t975(std::size_t df);

/// Fills summary.kpis with the run's own values (one run).
void fill_kpis(Summary& summary);

/// Returns the summary of several replications of one mode: every KPI is the mean over the
/// replications (Summary::kpis), the count fields hold the rounded means, the real fields
/// the means; series and CDFs are aggregated by aggregate_details (time_series.hpp).
Summary aggregate(const std::vector<Summary>& replications);

/// Returns the Welch interval of mean(a) - mean(b) for independent samples (NaN values
/// skipped): the t quantile at the Welch-Satterthwaite degrees of freedom; no half-width
/// below two observations on either side; n/a when a value on either side is a lower bound.
Estimate welch_difference(const std::vector<KpiValue>& a, const std::vector<KpiValue>& b);

/// Sets out.differences to unpaired (Welch) differences against `baseline`, KPI by KPI, and
/// out.differences_paired to false: for columns that did not share their replications' worlds.
void add_unpaired_differences(Summary& out, const std::vector<Summary>& replications, const std::vector<Summary>& baseline);

/// Sets out.differences to the paired differences replication by replication against
/// `baseline` (the first mode, same replications: common random numbers). A difference
/// with a censored side is not known: n/a.
void add_paired_differences(Summary& out, const std::vector<Summary>& replications, const std::vector<Summary>& baseline);

}  // namespace last100::metrics
