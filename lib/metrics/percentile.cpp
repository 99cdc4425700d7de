#include "last100/metrics/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace last100::metrics {

double nearest_rank(const std::vector<double>& sorted, double p) {
  if (!(p >= 0.0 && p <= 100.0)) throw std::invalid_argument("percentile must be in [0, 100]");
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto n = static_cast<double>(sorted.size());
  // Subtracting a tiny amount keeps exact products (90/100 x 10 = 9) from rounding up.
  auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
  k = std::clamp<std::size_t>(k, 1, sorted.size());
  return sorted[k - 1];
}

Percentiles percentiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  Percentiles p;
  p.p50 = nearest_rank(values, 50);
  p.p90 = nearest_rank(values, 90);
  p.p99 = nearest_rank(values, 99);
  p.samples = values.size();
  return p;
}

namespace {

// The k-th smallest (1-based) of two sorted lists together.
double kth_of_both(const std::vector<double>& a, const std::vector<double>& b, std::size_t k) {
  std::size_t i = 0, j = 0;
  double v = 0.0;
  while (k-- > 0) v = (j >= b.size() || (i < a.size() && a[i] <= b[j])) ? a[i++] : b[j++];
  return v;
}

}  // namespace

Percentiles censored_percentiles(std::vector<double> exact, std::vector<double> censored) {
  std::sort(exact.begin(), exact.end());
  std::sort(censored.begin(), censored.end());
  Percentiles out;
  out.samples = exact.size() + censored.size();
  out.censored = censored.size();
  if (out.samples == 0) return out;
  const auto n = static_cast<double>(out.samples);
  const auto one = [&](double p, double& value, bool& at_least) {
    auto k = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
    k = std::clamp<std::size_t>(k, 1, out.samples);
    if (k <= exact.size() && (censored.empty() || censored.front() >= exact[k - 1])) {
      value = exact[k - 1];
      at_least = false;
    } else {
      value = kth_of_both(exact, censored, k);
      at_least = true;
    }
  };
  one(50, out.p50, out.p50_at_least);
  one(90, out.p90, out.p90_at_least);
  one(99, out.p99, out.p99_at_least);
  return out;
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
