#include "last100/metrics/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace last100::metrics {

double nearest_rank(const std::vector<double>& sorted, double p) {
  if (!(p >= 0.0 && p <= 100.0)) throw std::invalid_argument("percentile must be in [0, 100]");
  if (sorted.empty()) return 0.0;
  const auto n = static_cast<double>(sorted.size());
  // Subtracting a tiny amount keeps exact products (90/100 x 10 = 9) from rounding up.
  auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
  k = std::clamp<std::size_t>(k, 1, sorted.size());
  return sorted[k - 1];
}

Percentiles percentiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return Percentiles{nearest_rank(values, 50), nearest_rank(values, 90), nearest_rank(values, 99), values.size()};
}

std::vector<CdfPoint> empirical_cdf(const std::vector<double>& sorted, std::size_t max_points) {
  std::vector<CdfPoint> out;
  const std::size_t n = sorted.size();
  if (n == 0 || max_points == 0) return out;
  if (n <= max_points) {
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (i + 1 < n && sorted[i + 1] == sorted[i]) continue;  // one point per distinct value
      out.push_back(CdfPoint{sorted[i], static_cast<double>(i + 1) / static_cast<double>(n)});
    }
    return out;
  }
  out.reserve(max_points);
  for (std::size_t j = 1; j <= max_points; ++j) {
    const double q = static_cast<double>(j) / static_cast<double>(max_points);
    const double v = nearest_rank(sorted, 100.0 * q);
    if (!out.empty() && out.back().minutes == v) {
      out.back().share = q;
      continue;
    }
    out.push_back(CdfPoint{v, q});
  }
  return out;
}

}  // namespace last100::metrics
