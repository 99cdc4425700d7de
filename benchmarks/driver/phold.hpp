#pragma once
#include <cstdint>

#include "report.hpp"

namespace last100::bench {

struct PholdOptions {
  std::uint32_t lps = 1024;           ///< logical processes
  std::uint32_t population = 16;      ///< initial events per logical process
  std::uint64_t events = 10'000'000;  ///< events timed
  double remote = 0.9;                ///< share of events sent to another, random, process
  double mean_ticks = 1000.0;         ///< mean of the exponential increment
  std::uint64_t lookahead = 100;      ///< fixed minimum increment, in ticks
  std::uint64_t seed = 1;
};

/// Runs the PHOLD model on the engine's callback path and returns its result.
JsonLine run_phold(const PholdOptions& o);

}  // namespace last100::bench
