#pragma once
// Measurements of the gate stage taken from a run's order stamps, and the paired statistics
// the behavioural tests of issue 10 use: each test asserts a direction and a size with a
// tolerance from the replications' own 95% confidence interval.

#include <algorithm>
#include <cmath>
#include <vector>

#include "last100/metrics/kpi_table.hpp"
#include "modes_support.hpp"

namespace last100::modes_test {

/// Minutes from stage `from` to stage `to` of every order that reached both.
inline std::vector<double> stage_minutes(const model::World& w, model::Stage from, model::Stage to) {
  std::vector<double> out;
  for (std::size_t i = 0; i < w.orders.count(); ++i) {
    const auto o = order_id(i);
    if (w.orders.reached(o, from) && w.orders.reached(o, to))
      out.push_back(sim::to_seconds(w.orders.time(o, to) - w.orders.time(o, from)) / 60.0);
  }
  return out;
}

/// Nearest-rank percentile (docs/world.md), NaN for no values.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::max<std::size_t>(rank, 1) - 1];
}

/// Two-sided 95% Student t quantile for n - 1 degrees of freedom (the library's, Boost.Math).
inline double t95(std::size_t n) { return n < 2 ? INFINITY : metrics::t975(n - 1); }

/// Mean of a sample and the half-width of its 95% confidence interval.
struct MeanCi {
  double mean = 0.0;
  double half_width = 0.0;
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

inline MeanCi mean_ci(const std::vector<double>& x) {
  MeanCi r;
  const auto n = static_cast<double>(x.size());
  for (double v : x) r.mean += v / n;
  double ss = 0;
  for (double v : x) ss += (v - r.mean) * (v - r.mean);
  r.half_width = x.size() < 2 ? INFINITY : t95(x.size()) * std::sqrt(ss / (n - 1) / n);
  return r;
}

/// Paired differences a[i] - b[i] (common random numbers: replication i of both on one world).
inline MeanCi paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d.push_back(a[i] - b[i]);
  return mean_ci(d);
}

}  // namespace last100::modes_test
