#pragma once
/// Student t quantiles and one-sample estimates shared by the experiment procedures (sizing,
/// selection, response surfaces, sweep summaries). Quantiles are metrics::t_quantile's
/// (Boost.Math, kept out of the public headers).

#include <cstddef>
#include <span>

namespace last100::experiment {

/// Returns the p-quantile of Student's t with `df` degrees of freedom (df > 0, 0 < p < 1).
double student_t_quantile(double p, double df);

/// A sample's mean, standard deviation and size; NaN values are left out.
struct SampleStats {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;  ///< with n - 1 in the denominator; 0 when n < 2
};

/// Returns the mean and standard deviation of the values that are not NaN.
SampleStats sample_stats(std::span<const double> values);

/// Returns the half-width of the two-sided interval of the mean at `confidence`
/// (t quantile times sd / sqrt(n)); NaN when n < 2.
double half_width(const SampleStats& s, double confidence = 0.95);

}  // namespace last100::experiment
