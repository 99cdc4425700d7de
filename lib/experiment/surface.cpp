// Least squares with Eigen: a column-pivoting QR decides the rank (a rank deficient design
// is refused, not silently given minimum-norm coefficients), and (X'X)^-1 comes from R.
#include "last100/experiment/surface.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "last100/experiment/student.hpp"

namespace last100::experiment {

SurfaceFit fit_surface(const std::vector<std::string>& names, const std::vector<std::vector<double>>& x,
                       const std::vector<double>& y, bool interactions) {
  const std::size_t p = names.size();
  if (p == 0) throw SurfaceError("a response surface needs at least one parameter");
  if (x.size() != y.size())
    throw SurfaceError(fmt::format("response surface: {} rows of parameters for {} KPI values", x.size(), y.size()));
  SurfaceFit fit;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].size() != p)
      throw SurfaceError(fmt::format("response surface: row {} has {} parameters, not {}", i, x[i].size(), p));
    const bool ok = !std::isnan(y[i]) && std::none_of(x[i].begin(), x[i].end(), [](double v) { return std::isnan(v); });
    if (ok)
      rows.push_back(i);
    else
      ++fit.rows_dropped;
  }
  fit.rows_used = rows.size();

  // Terms: intercept, linear, then interactions a:b with a < b.
  fit.terms.push_back({"(intercept)", {}, 0, 0, 0});
  for (std::size_t a = 0; a < p; ++a) fit.terms.push_back({names[a], {a}, 0, 0, 0});
  if (interactions)
    for (std::size_t a = 0; a < p; ++a)
      for (std::size_t b = a + 1; b < p; ++b) fit.terms.push_back({names[a] + ":" + names[b], {a, b}, 0, 0, 0});
  const std::size_t q = fit.terms.size();
  if (rows.size() <= q)
    throw SurfaceError(fmt::format("response surface: {} terms need at least {} points with a value, have {} "
                                   "({} dropped for NaN); add points or fit without interactions",
                                   q, q + 1, rows.size(), fit.rows_dropped));

  fit.centre.assign(p, 0.0);
  fit.half_range.assign(p, 0.0);
  for (std::size_t a = 0; a < p; ++a) {
    double lo = x[rows[0]][a], hi = lo;
    for (const auto i : rows) {
      lo = std::min(lo, x[i][a]);
      hi = std::max(hi, x[i][a]);
    }
    if (!(hi > lo))
      throw SurfaceError(fmt::format("response surface: parameter {} takes the single value {}; its effect cannot be "
                                     "estimated (vary it or leave it out)", names[a], lo));
    fit.centre[a] = (hi + lo) / 2.0;
    fit.half_range[a] = (hi - lo) / 2.0;
  }

  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd X(n, static_cast<Eigen::Index>(q));
  Eigen::VectorXd Y(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto& row = x[rows[static_cast<std::size_t>(r)]];
    Y(r) = y[rows[static_cast<std::size_t>(r)]];
    for (std::size_t t = 0; t < q; ++t) {
      double v = 1.0;
      for (const auto a : fit.terms[t].factors) v *= (row[a] - fit.centre[a]) / fit.half_range[a];
      X(r, static_cast<Eigen::Index>(t)) = v;
    }
  }

  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  qr.setThreshold(1e-10);  // coded columns are O(1), so a relative threshold suits them
  if (qr.rank() < static_cast<Eigen::Index>(q)) {
    // The pivots past the rank are the columns that add nothing new.
    std::string which;
    for (Eigen::Index j = qr.rank(); j < static_cast<Eigen::Index>(q); ++j)
      which += (which.empty() ? "" : ", ") + fit.terms[static_cast<std::size_t>(qr.colsPermutation().indices()(j))].name;
    throw SurfaceError(fmt::format("response surface: the design is rank deficient (rank {} for {} terms): {} cannot "
                                   "be told apart from the other terms; vary the parameters independently (a full "
                                   "grid or a Latin hypercube) or fit without interactions",
                                   qr.rank(), q, which));
  }
  const Eigen::VectorXd beta = qr.solve(Y);
  const Eigen::VectorXd resid = Y - X * beta;
  const double sse = resid.squaredNorm();
  const double sst = (Y.array() - Y.mean()).square().sum();
  fit.r_squared = sse == 0.0 ? 1.0 : sst == 0.0 ? 0.0 : 1.0 - sse / sst;
  fit.residual_df = rows.size() - q;
  const double sigma2 = sse / static_cast<double>(fit.residual_df);
  // (X'X)^-1 = P R^-1 R^-T P' from the QR, without forming X'X (which squares the condition).
  const Eigen::MatrixXd R = qr.matrixR().topLeftCorner(static_cast<Eigen::Index>(q), static_cast<Eigen::Index>(q))
                                .triangularView<Eigen::Upper>();
  const Eigen::MatrixXd Rinv =
      R.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(static_cast<Eigen::Index>(q), static_cast<Eigen::Index>(q)));
  const Eigen::MatrixXd cov_perm = Rinv * Rinv.transpose();
  const double t = student_t_quantile(0.975, static_cast<double>(fit.residual_df));
  const auto& perm = qr.colsPermutation().indices();
  for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(q); ++j) {
    auto& term = fit.terms[static_cast<std::size_t>(perm(j))];
    term.std_error = std::sqrt(sigma2 * cov_perm(j, j));
    term.half_width = t * term.std_error;
  }
  for (std::size_t t2 = 0; t2 < q; ++t2) fit.terms[t2].estimate = beta(static_cast<Eigen::Index>(t2));
  return fit;
}

}  // namespace last100::experiment
