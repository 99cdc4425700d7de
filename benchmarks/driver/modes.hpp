#pragma once
#include <cstdint>
#include <string>

namespace last100::bench {

struct ModesOptions {
  std::uint64_t households = 100'000;  ///< about; the area is built from compounds of ~270
  double days = 2.0;
  std::uint64_t seed = 1;
  std::string only;                    ///< one mode, or all four when empty
};

/// Builds a Beijing-like area of the requested size, then runs each mode on it, printing one
/// JSON line per mode (world build time, run time, engine events/s, throughput, lead times).
int run_modes(const ModesOptions& o);

}  // namespace last100::bench
