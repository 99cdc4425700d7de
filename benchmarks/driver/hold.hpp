#pragma once
#include <cstdint>
#include <string>

#include "report.hpp"

namespace last100::bench {

struct HoldOptions {
  std::uint64_t pending = 10'000;     ///< N: processes (or entries) holding at once
  std::uint64_t events = 10'000'000;  ///< M: hold events timed
  double mean_ticks = 1'000'000.0;    ///< mean of the exponential hold, in ticks
  std::uint64_t seed = 1;
  std::string engine = "processes";   ///< processes | callbacks | radix-raw | binary | quaternary
};

/// Runs the hold model on one engine and returns its result.
JsonLine run_hold(const HoldOptions& o);

}  // namespace last100::bench
