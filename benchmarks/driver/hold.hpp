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

/// Runs the hold model on `o.engine` and on the bare binary heap (the baseline, nested under
/// "baseline"). With `slices` > 1 both are built first and then run in turn, M / slices
/// events at a time (which goes first alternating), so that both see the same load
/// over the same stretch of time; each one's time is the sum of its slices.
JsonLine run_hold_with_baseline(const HoldOptions& o, std::uint64_t slices);

}  // namespace last100::bench
