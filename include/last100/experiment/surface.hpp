#pragma once
/// Response surfaces: a least-squares fit of one KPI on the varied parameters, linear terms
/// plus every two-way interaction, with the parameters coded to [-1, 1] so that effects
/// compare (docs/experiments.md, "Response surface").

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace last100::experiment {

/// A fit that cannot be made (too few points, rank deficient design, a constant parameter);
/// the message says why and what to add.
class SurfaceError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// One coefficient: the intercept, a parameter's effect, or a two-way interaction.
struct SurfaceTerm {
  std::string name;                 ///< "(intercept)", "a" or "a:b"
  std::vector<std::size_t> factors; ///< the parameters multiplied (empty for the intercept)
  double estimate = 0.0;            ///< change in the KPI per coded unit (half the range)
  double half_width = 0.0;          ///< of the 95% interval (Student t, residual df)
  double std_error = 0.0;
};

/// The fit of one KPI.
struct SurfaceFit {
  std::vector<SurfaceTerm> terms;  ///< intercept, then linear in parameter order, then a:b for a < b
  std::vector<double> centre, half_range;  ///< coding: coded = (x - centre) / half_range
  double r_squared = 0.0;          ///< 1 - SSE / SST (1 when SSE is 0)
  std::size_t residual_df = 0;     ///< rows used - terms
  std::size_t rows_used = 0;
  std::size_t rows_dropped = 0;    ///< rows with a NaN in a parameter or the KPI
};

/// Fits y on x (one row per run or per point, one column per parameter named in `names`):
/// intercept, linear terms and, if `interactions`, every product of two coded parameters.
/// Parameters are coded over the range of the rows used. Throws SurfaceError when a
/// parameter takes a single value, when there are no more rows than terms (no residual
/// degree of freedom), or when the design is rank deficient (a term is a combination of
/// others), naming the terms involved.
SurfaceFit fit_surface(const std::vector<std::string>& names, const std::vector<std::vector<double>>& x,
                       const std::vector<double>& y, bool interactions = true);

}  // namespace last100::experiment
