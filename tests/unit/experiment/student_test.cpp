// Student t quantiles from Boost.Math against printed tables, beyond where the old table
// switched to 1.96, and the one-sample estimates built on them.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "last100/experiment/student.hpp"

using namespace last100;

TEST_CASE("Student t quantiles match the printed tables, also past 30 degrees of freedom", "[experiment][student]") {
  CHECK(experiment::student_t_quantile(0.975, 1) == Approx(12.706).margin(5e-4));
  CHECK(experiment::student_t_quantile(0.975, 10) == Approx(2.228).margin(5e-4));
  CHECK(experiment::student_t_quantile(0.975, 40) == Approx(2.021).margin(5e-4));
  CHECK(experiment::student_t_quantile(0.975, 60) == Approx(2.000).margin(5e-4));
  CHECK(experiment::student_t_quantile(0.95, 9) == Approx(1.833).margin(5e-4));
  CHECK_THROWS_AS(experiment::student_t_quantile(1.0, 5), std::invalid_argument);
}

TEST_CASE("a sample's mean, sd and half-width leave NaN out", "[experiment][student]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> v{1, 2, nan, 3, 4};
  const auto s = experiment::sample_stats(v);
  CHECK(s.n == 4);
  CHECK(s.mean == 2.5);
  CHECK(s.sd == Approx(std::sqrt(5.0 / 3.0)));
  CHECK(experiment::half_width(s) == Approx(3.182 * std::sqrt(5.0 / 3.0) / 2.0).epsilon(1e-3));
  CHECK(std::isnan(experiment::half_width(experiment::sample_stats(std::vector<double>{1.0}))));
}
