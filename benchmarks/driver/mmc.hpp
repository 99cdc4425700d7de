#pragma once
#include <cstdint>

#include "report.hpp"

namespace last100::bench {

struct MmcOptions {
  std::uint32_t servers = 8;          ///< c: units of the resource
  double load = 0.9;                  ///< rho = lambda / (c mu)
  std::uint64_t customers = 2'000'000;
  std::uint64_t seed = 1;
  bool monitor = false;               ///< record the resource's statistics
  bool patience = false;              ///< timed requests (mean patience = mean service)
};

/// Runs an M/M/c queue on a Resource (optionally monitored, optionally with reneging).
JsonLine run_mmc(const MmcOptions& o);

}  // namespace last100::bench
