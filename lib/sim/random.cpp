#include "last100/sim/random.hpp"

namespace last100::sim::detail {

const ExpZiggurat& exp_ziggurat() noexcept {
  // Marsaglia and Tsang (2000): R is the start of the tail, V the area of every layer.
  static const ExpZiggurat tables = [] {
    constexpr double r = 7.69711747013104972;
    constexpr double v = 0.0039496598225815571993;
    ExpZiggurat z{};
    z.x[0] = v / std::exp(-r);
    z.x[1] = r;
    for (int i = 2; i < 256; ++i) z.x[i] = -std::log(v / z.x[i - 1] + std::exp(-z.x[i - 1]));
    z.x[256] = 0.0;
    for (int i = 0; i < 257; ++i) z.f[i] = std::exp(-z.x[i]);
    return z;
  }();
  return tables;
}

}  // namespace last100::sim::detail
