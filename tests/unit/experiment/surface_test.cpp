// Response surfaces: known coefficients of a synthetic model with noise are covered by their
// 95% intervals about 95% of the time; an exact model has R^2 = 1 and its coded effects;
// rank deficient designs, too few points and constant parameters are refused; NaN rows are
// dropped and counted.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "last100/experiment/surface.hpp"
#include "last100/sim/random.hpp"

using namespace last100;

namespace {

// A 5 x 5 x 3 grid of raw parameters a in [10, 50], b in [1, 3], c in {0, 1, 2}.
std::vector<std::vector<double>> grid() {
  std::vector<std::vector<double>> x;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j)
      for (int k = 0; k < 3; ++k) x.push_back({10.0 + 10.0 * i, 1.0 + 0.5 * j, static_cast<double>(k)});
  return x;
}

// Coded: a' = (a - 30) / 20, b' = (b - 2) / 1, c' = c - 1.
double coded(const std::vector<double>& r, int i) {
  return i == 0 ? (r[0] - 30.0) / 20.0 : i == 1 ? (r[1] - 2.0) : r[2] - 1.0;
}

// True coefficients in coded units: intercept, a, b, c, a:b, a:c, b:c.
const std::vector<double> truth{3.0, 2.0, -1.5, 0.0, 0.8, 0.0, -0.4};

double model(const std::vector<double>& r) {
  const double a = coded(r, 0), b = coded(r, 1), c = coded(r, 2);
  return truth[0] + truth[1] * a + truth[2] * b + truth[3] * c + truth[4] * a * b + truth[5] * a * c + truth[6] * b * c;
}

}  // namespace

TEST_CASE("95% intervals of a response surface cover the true coefficients in about 95% of 200 fits",
          "[experiment][surface]") {
  const auto x = grid();
  constexpr int fits = 200;
  std::vector<int> covered(truth.size(), 0);
  for (int f = 0; f < fits; ++f) {
    sim::Rng rng(500 + f);
    std::vector<double> y;
    for (const auto& r : x) y.push_back(model(r) + rng.normal(0.0, 0.3));
    const auto fit = experiment::fit_surface({"a", "b", "c"}, x, y);
    REQUIRE(fit.terms.size() == truth.size());
    CHECK(fit.residual_df == x.size() - truth.size());
    for (std::size_t t = 0; t < truth.size(); ++t)
      covered[t] += std::abs(fit.terms[t].estimate - truth[t]) <= fit.terms[t].half_width;
  }
  // Binomial tolerance: 0.95 +- 3 sd at 200 fits (too narrow intervals fail the floor, too
  // wide ones the ceiling).
  const double sd = std::sqrt(0.95 * 0.05 / fits);
  for (std::size_t t = 0; t < truth.size(); ++t) {
    INFO("term " << t << " covered in " << covered[t] << " of " << fits);
    CHECK(covered[t] >= static_cast<int>(std::ceil((0.95 - 3 * sd) * fits)));
    CHECK(covered[t] <= static_cast<int>(std::floor((0.95 + 3 * sd) * fits)));
  }
}

TEST_CASE("an exact model is fitted with R^2 = 1 and its effects per coded unit", "[experiment][surface]") {
  const auto x = grid();
  std::vector<double> y;
  for (const auto& r : x) y.push_back(1.0 + 0.5 * r[0] - 2.0 * r[1] + 0.1 * r[0] * r[1]);  // raw units
  const auto fit = experiment::fit_surface({"a", "b", "c"}, x, y);
  CHECK(fit.r_squared == Approx(1.0).epsilon(1e-12));
  REQUIRE(fit.terms.size() == 7);
  CHECK(fit.terms[0].name == "(intercept)");
  CHECK(fit.terms[4].name == "a:b");
  // a = 30 + 20 a', b = 2 + b': y = 1 + 0.5 (30 + 20 a') - 2 (2 + b') + 0.1 (30 + 20 a')(2 + b')
  //   = 18 + 14 a' + 1 b' + 2 a'b'.
  CHECK(fit.terms[0].estimate == Approx(18.0).margin(1e-9));
  CHECK(fit.terms[1].estimate == Approx(14.0).margin(1e-9));
  CHECK(fit.terms[2].estimate == Approx(1.0).margin(1e-9));
  CHECK(fit.terms[3].estimate == Approx(0.0).margin(1e-9));
  CHECK(fit.terms[4].estimate == Approx(2.0).margin(1e-9));
  CHECK(fit.terms[1].half_width == Approx(0.0).margin(1e-9));
  CHECK(fit.centre[0] == 30.0);
  CHECK(fit.half_range[0] == 20.0);
}

TEST_CASE("a rank deficient design is refused with the terms involved", "[experiment][surface]") {
  // b moves in step with a: their effects cannot be told apart.
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (int i = 0; i < 10; ++i) {
    x.push_back({static_cast<double>(i), 2.0 * i + 1.0});
    y.push_back(static_cast<double>(i * i));
  }
  CHECK_THROWS_WITH(experiment::fit_surface({"a", "b"}, x, y, false), Catch::Matchers::Contains("rank deficient"));
  CHECK_THROWS_AS(experiment::fit_surface({"a", "b"}, x, y, true), experiment::SurfaceError);
}

TEST_CASE("too few points and a constant parameter are refused", "[experiment][surface]") {
  using Catch::Matchers::Contains;
  const std::vector<std::vector<double>> four{{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  CHECK_THROWS_WITH(experiment::fit_surface({"a", "b"}, four, {1, 2, 3, 4}), Contains("at least 5 points"));
  const std::vector<std::vector<double>> flat{{0, 3}, {1, 3}, {2, 3}, {3, 3}, {4, 3}};
  CHECK_THROWS_WITH(experiment::fit_surface({"a", "b"}, flat, {1, 2, 3, 4, 5}, false),
                    Contains("parameter b takes the single value 3"));
}

TEST_CASE("rows with NaN are dropped, counted, and the fit is that of the other rows", "[experiment][surface]") {
  auto x = grid();
  std::vector<double> y;
  sim::Rng rng(9);
  for (const auto& r : x) y.push_back(model(r) + rng.normal(0.0, 0.3));
  const auto clean = experiment::fit_surface({"a", "b", "c"}, x, y);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // A grid row repeated twice, once with a NaN KPI and once with a NaN parameter.
  x.push_back(x[7]);
  y.push_back(nan);
  x.push_back({nan, 2.0, 1.0});
  y.push_back(4.0);
  const auto fit = experiment::fit_surface({"a", "b", "c"}, x, y);
  CHECK(fit.rows_dropped == 2);
  CHECK(fit.rows_used == x.size() - 2);
  for (std::size_t t = 0; t < fit.terms.size(); ++t) CHECK(fit.terms[t].estimate == Approx(clean.terms[t].estimate));
}
