#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "last100/sim/random.hpp"

using namespace last100::sim;

namespace {
// Mean and standard error of a sample.
struct Moments {
  double mean = 0, se = 0, var = 0;
};
template <class F>
Moments sample(int n, F draw) {
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    s += x;
    s2 += x * x;
  }
  Moments m;
  m.mean = s / n;
  m.var = (s2 - n * m.mean * m.mean) / (n - 1);
  m.se = std::sqrt(m.var / n);
  return m;
}
// 99.9% two-sided normal quantile: a correct generator fails one check in a thousand seeds.
constexpr double z999 = 3.29;
}  // namespace

TEST_CASE("xoshiro256** reproduces its reference output", "[sim][random]") {
  // The first ten outputs of Blackman and Vigna's reference xoshiro256starstar.c from the
  // state {1, 2, 3, 4}, as published with the Rust rand_xoshiro crate's test of that file.
  Rng r = Rng::from_state(1, 2, 3, 4);
  const std::uint64_t reference[] = {11520ULL,
                                     0ULL,
                                     1509978240ULL,
                                     1215971899390074240ULL,
                                     1216172134540287360ULL,
                                     607988272756665600ULL,
                                     16172922978634559625ULL,
                                     8476171486693032832ULL,
                                     10595114339597558777ULL,
                                     2904607092377533576ULL};
  for (const std::uint64_t expected : reference) CHECK(r.next_u64() == expected);
  // Seeding goes through SplitMix64: the same seed gives the same stream, another seed another.
  Rng a(42), b(42), c(43);
  int same = 0;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    same += x == c.next_u64();
  }
  CHECK(same == 0);
}

TEST_CASE("the first SplitMix64 outputs match the published reference", "[sim][random]") {
  std::uint64_t s = 1234567;
  CHECK(splitmix64(s) == 6457827717110365317ULL);
  CHECK(splitmix64(s) == 3203168211198807973ULL);
}

TEST_CASE("uniform01 has mean 1/2 and variance 1/12 within their confidence intervals", "[sim][random]") {
  Rng r(1);
  const auto m = sample(200'000, [&] { return r.uniform01(); });
  CHECK(std::abs(m.mean - 0.5) < z999 * std::sqrt(1.0 / 12 / 200'000));
  CHECK(m.var == Approx(1.0 / 12).epsilon(0.01));
}

TEST_CASE("uniform_int covers its range evenly (chi-square)", "[sim][random]") {
  Rng r(2);
  const int k = 10, n = 100'000;
  std::vector<int> counts(k);
  for (int i = 0; i < n; ++i) ++counts[r.uniform_int(k)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / k) * double(c - n / k) / (n / k);
  CHECK(chi2 < 27.88);  // chi-square 99.9% quantile with 9 degrees of freedom
}

TEST_CASE("exponential draws have the requested mean within a confidence interval", "[sim][random]") {
  Rng r(3);
  const double mean = 90.0;
  const auto m = sample(200'000, [&] { return r.exponential(mean); });
  CHECK(std::abs(m.mean - mean) < z999 * mean / std::sqrt(200'000.0));  // sd of exponential = mean
}

TEST_CASE("normal draws have the requested mean and deviation", "[sim][random]") {
  Rng r(4);
  const auto m = sample(200'000, [&] { return r.normal(10.0, 2.0); });
  CHECK(std::abs(m.mean - 10.0) < z999 * 2.0 / std::sqrt(200'000.0));
  CHECK(std::sqrt(m.var) == Approx(2.0).epsilon(0.01));
}

TEST_CASE("poisson draws have mean and variance equal to the rate, small and large", "[sim][random]") {
  for (double rate : {0.3, 4.0, 75.0}) {
    Rng r(5);
    const auto m = sample(100'000, [&] { return static_cast<double>(r.poisson(rate)); });
    CHECK(std::abs(m.mean - rate) < z999 * std::sqrt(rate / 100'000));
    CHECK(m.var == Approx(rate).epsilon(0.03));
  }
}

TEST_CASE("named streams are reproducible and independent of each other", "[sim][random]") {
  RandomStreams s(2022);
  Rng a1 = s.stream("demand"), a2 = s.stream("demand"), b = s.stream("walking"), c = s.stream("demand", 1);
  int same_b = 0, same_c = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto x = a1.next_u64();
    CHECK(x == a2.next_u64());
    same_b += x == b.next_u64();
    same_c += x == c.next_u64();
  }
  CHECK(same_b == 0);
  CHECK(same_c == 0);
  // Low correlation between two streams' uniforms: |r| < z / sqrt(n).
  Rng u = s.stream("u"), v = s.stream("v");
  const int n = 100'000;
  double sxy = 0;
  for (int i = 0; i < n; ++i) sxy += (u.uniform01() - 0.5) * (v.uniform01() - 0.5);
  const double corr = sxy / n * 12.0;
  CHECK(std::abs(corr) < z999 / std::sqrt(double(n)));
}

TEST_CASE("exponential draws follow the exponential distribution (chi-square on 20 equiprobable bins)",
          "[sim][random]") {
  Rng r(6);
  const int bins = 20, n = 200'000;
  std::vector<int> counts(bins);
  for (int i = 0; i < n; ++i) {
    const double x = r.exponential(1.0);
    // CDF 1 - e^-x maps the draw to a uniform bin.
    const auto b = static_cast<int>((1.0 - std::exp(-x)) * bins);
    ++counts[std::min(b, bins - 1)];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / bins) * double(c - n / bins) / (n / bins);
  CHECK(chi2 < 43.82);  // chi-square 99.9% quantile with 19 degrees of freedom
  // The tail beyond the ziggurat's base (x > 7.697) has probability e^-7.697 = 4.5e-4.
  Rng t(8);
  int tail = 0;
  const int m = 1'000'000;
  for (int i = 0; i < m; ++i) tail += t.standard_exponential() > 7.69711747013104972;
  const double p = std::exp(-7.69711747013104972);
  CHECK(std::abs(tail - m * p) < z999 * std::sqrt(m * p * (1 - p)));
}

TEST_CASE("bernoulli draws succeed with probability p within a binomial interval", "[sim][random]") {
  Rng r(9);
  const int n = 200'000;
  for (double p : {0.02, 0.3, 0.75}) {
    int hits = 0;
    for (int i = 0; i < n; ++i) hits += r.bernoulli(p);
    CAPTURE(p, hits);
    CHECK(std::abs(hits - n * p) < z999 * std::sqrt(n * p * (1 - p)));
  }
  // The ends are exact: never with p = 0, always with p = 1.
  int never = 0, always = 0;
  for (int i = 0; i < 10'000; ++i) {
    never += r.bernoulli(0.0);
    always += r.bernoulli(1.0);
  }
  CHECK(never == 0);
  CHECK(always == 10'000);
}

TEST_CASE("lognormal draws have the mean and variance of their parameters", "[sim][random]") {
  // X = exp(N(mu, sigma)): E X = exp(mu + sigma^2/2), Var X = (exp(sigma^2) - 1) exp(2 mu + sigma^2),
  // and log X is normal with mean mu and deviation sigma.
  Rng r(10);
  const int n = 200'000;
  const double mu = 1.2, sigma = 0.5;
  const double mean = std::exp(mu + sigma * sigma / 2);
  const double var = (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma);
  std::vector<double> xs;
  const auto m = sample(n, [&] {
    xs.push_back(r.lognormal(mu, sigma));
    return xs.back();
  });
  CHECK(std::abs(m.mean - mean) < z999 * std::sqrt(var / n));
  // The sample variance's standard error from the fourth central moment of the lognormal.
  const double s2 = sigma * sigma;
  const double mu4 = std::exp(4 * mu + 2 * s2) * (std::exp(6 * s2) - 4 * std::exp(3 * s2) + 6 * std::exp(s2) - 3);
  CHECK(std::abs(m.var - var) < z999 * std::sqrt((mu4 - var * var) / n));
  std::size_t i = 0;
  const auto logs = sample(n, [&] { return std::log(xs[i++]); });
  CHECK(std::abs(logs.mean - mu) < z999 * sigma / std::sqrt(double(n)));
  // Var of a normal sample variance: 2 sigma^4 / (n - 1).
  CHECK(std::abs(logs.var - s2) < z999 * std::sqrt(2.0 / (n - 1)) * s2);
  CHECK(*std::min_element(xs.begin(), xs.end()) > 0.0);
}
