#pragma once
/// Random numbers that give the same values on every platform: a xoshiro256** engine and
/// hand-written distributions (std:: distributions differ between standard libraries).

#include <cmath>
#include <cstdint>
#include <string_view>

namespace last100::sim {

__extension__ using Uint128 = unsigned __int128;  // for Lemire's multiply-shift

/// Returns the next SplitMix64 output; used to expand seeds.
constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Returns the 64-bit FNV-1a hash of a name; stable across runs and platforms.
constexpr std::uint64_t fnv1a64(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// A xoshiro256** generator with the distributions the models need.
class Rng {
 public:
  /// Seeds the four words of state from one 64-bit seed through SplitMix64.
  explicit constexpr Rng(std::uint64_t seed = 1) noexcept {
    for (auto& w : s_) w = splitmix64(seed);
  }

  /// Returns a generator with the given four words of state (not all zero); for checking the
  /// engine against the reference implementation's published outputs.
  static constexpr Rng from_state(std::uint64_t s0, std::uint64_t s1, std::uint64_t s2, std::uint64_t s3) noexcept {
    Rng r;
    r.s_[0] = s0;
    r.s_[1] = s1;
    r.s_[2] = s2;
    r.s_[3] = s3;
    return r;
  }

  /// Returns 64 uniformly random bits.
  constexpr std::uint64_t next_u64() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Returns a uniform double in [0, 1) with 53 random bits.
  constexpr double uniform01() noexcept {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
  }

  /// Returns a uniform double in [lo, hi).
  constexpr double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform01(); }

  /// Returns an unbiased integer in [0, n) (Lemire's method); n must be positive.
  constexpr std::uint64_t uniform_int(std::uint64_t n) noexcept {
    Uint128 m = static_cast<Uint128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) {
        m = static_cast<Uint128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Returns true with probability p.
  constexpr bool bernoulli(double p) noexcept { return uniform01() < p; }

  /// Returns an exponential variate with the given mean (256-layer ziggurat: one 64-bit draw
  /// and no logarithm in 99% of calls; the hot path of every hold and travel time).
  double exponential(double mean) noexcept { return mean * standard_exponential(); }

  /// Returns an exponential variate with mean 1 (Marsaglia and Tsang's ziggurat).
  double standard_exponential() noexcept;

  /// Returns a normal variate (Marsaglia's polar method, no cached spare so streams stay simple).
  double normal(double mu, double sigma) noexcept {
    double u = 0, v = 0, s = 0;
    do {
      u = 2.0 * uniform01() - 1.0;
      v = 2.0 * uniform01() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return mu + sigma * u * std::sqrt(-2.0 * std::log(s) / s);
  }

  /// Returns a lognormal variate whose underlying normal has parameters mu and sigma.
  double lognormal(double mu, double sigma) noexcept { return std::exp(normal(mu, sigma)); }

  /// Returns a Poisson variate: inversion for small means, PTRD-free normal-free
  /// splitting for large ones (sum of Poisson(<=30) pieces keeps it exact).
  std::uint64_t poisson(double mean) noexcept {
    std::uint64_t total = 0;
    while (mean > 30.0) {
      // Split large means into exact pieces; cost grows with mean/30, fine for per-hour tallies.
      total += poisson_small(30.0);
      mean -= 30.0;
    }
    return total + poisson_small(mean);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

  std::uint64_t poisson_small(double mean) noexcept {
    if (mean <= 0.0) return 0;
    const double limit = std::exp(-mean);
    double p = uniform01();
    std::uint64_t k = 0;
    while (p > limit) {
      p *= uniform01();
      ++k;
    }
    return k;
  }

  std::uint64_t s_[4]{};
};

namespace detail {
/// Ziggurat tables for the standard exponential: layer edges x and densities f, 257 each.
struct ExpZiggurat {
  double x[257];
  double f[257];
};
const ExpZiggurat& exp_ziggurat() noexcept;
}  // namespace detail

inline double Rng::standard_exponential() noexcept {
  const auto& z = detail::exp_ziggurat();
  for (;;) {
    const std::uint64_t bits = next_u64();
    const auto i = static_cast<std::size_t>(bits & 0xff);
    const double u = static_cast<double>(bits >> 11) * 0x1.0p-53;
    const double x = u * z.x[i];
    if (x < z.x[i + 1]) return x;                      // inside the layer's rectangle
    if (i == 0) return z.x[1] - std::log1p(-uniform01());  // the tail beyond R is R + Exp(1)
    if (z.f[i + 1] + (z.f[i] - z.f[i + 1]) * uniform01() < std::exp(-x)) return x;
  }
}

/// Independent named streams from one master seed: one per purpose (and per entity), so
/// changing how one purpose draws does not shift another's numbers (common random numbers).
class RandomStreams {
 public:
  explicit constexpr RandomStreams(std::uint64_t master_seed) noexcept : master_(master_seed) {}

  /// Returns the generator for `purpose` and entity `index`; the same call gives the same stream.
  constexpr Rng stream(std::string_view purpose, std::uint64_t index = 0) const noexcept {
    std::uint64_t s = master_ ^ fnv1a64(purpose);
    std::uint64_t mixed = splitmix64(s) ^ (index * 0xd1342543de82ef95ULL);
    return Rng{splitmix64(mixed)};
  }

  constexpr std::uint64_t master_seed() const noexcept { return master_; }

 private:
  std::uint64_t master_;
};

}  // namespace last100::sim
