// One-sample estimates for the experiment procedures; t quantiles are metrics::t_quantile
// (Boost.Math), the one function every interval of the project uses.
#include "last100/experiment/student.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "last100/metrics/kpi_table.hpp"

namespace last100::experiment {

double student_t_quantile(double p, double df) {
  if (!(df > 0.0) || !(p > 0.0 && p < 1.0))
    throw std::invalid_argument("student_t_quantile: needs df > 0 and 0 < p < 1");
  return metrics::t_quantile(p, df);
}

SampleStats sample_stats(std::span<const double> values) {
  SampleStats s;
  double sum = 0.0;
  for (double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++s.n;
    }
  if (s.n == 0) {
    s.mean = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  s.mean = sum / static_cast<double>(s.n);
  // Two passes: the centred sum of squares does not lose digits to cancellation.
  double ss = 0.0;
  for (double v : values)
    if (!std::isnan(v)) ss += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(ss / static_cast<double>(s.n - 1)) : 0.0;
  return s;
}

double half_width(const SampleStats& s, double confidence) {
  if (s.n < 2) return std::numeric_limits<double>::quiet_NaN();
  const double t = student_t_quantile(0.5 + confidence / 2.0, static_cast<double>(s.n - 1));
  return t * s.sd / std::sqrt(static_cast<double>(s.n));
}

}  // namespace last100::experiment
