#pragma once
/// Percentiles by the nearest-rank definition, and empirical CDFs for charts.
/// Nearest rank: the p-th percentile of n sorted values x(1) <= ... <= x(n) is x(k) with
/// k = ceil(p / 100 x n), and x(1) for p = 0; every percentile is an observed value.

#include <cstddef>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::metrics {

/// Returns the nearest-rank `p`-th percentile (0 <= p <= 100) of `sorted` (ascending); NaN (n/a) if empty.
/// Throws std::invalid_argument if p is outside [0, 100].
double nearest_rank(const std::vector<double>& sorted, double p);

/// Sorts `values` and returns their p50, p90 and p99 (nearest rank) and their count.
Percentiles percentiles(std::vector<double> values);

/// Returns p50, p90 and p99 over exact values and right-censored ones (each only known to
/// exceed its bound: an order not delivered by the end of the run, censored at the time it
/// had waited). With n = both counts, the p-th percentile is the k-th smallest (k = ceil(p n))
/// true value. It is known exactly when the k-th smallest exact value is no larger than every
/// censored bound; otherwise it is reported as a lower bound (at_least): the k-th smallest of
/// all the values and bounds together. NaN when both are empty. Sorts its arguments.
Percentiles censored_percentiles(std::vector<double> exact, std::vector<double> censored);

/// Returns the empirical CDF of `sorted` (ascending) at no more than `max_points` points:
/// every value if there are few, else the nearest-rank quantiles j / max_points.
std::vector<CdfPoint> empirical_cdf(const std::vector<double>& sorted, std::size_t max_points = 200);

}  // namespace last100::metrics
