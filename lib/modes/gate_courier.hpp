#pragma once
// A courier inside the zone who takes batches handed over at the gates and delivers them
// (Jiuxianqiao), to doors or to unit shelves (Shuangjing), between volunteer duty sessions.

#include <functional>
#include <vector>

#include "relay_stage.hpp"
#include "tour.hpp"

namespace last100::modes::detail {

/// Where a gate courier's shelf drops go; empty for door-to-door modes.
struct ShelfHooks {
  std::function<bool(std::uint32_t unit)> full;          ///< the shelf can take no more
  std::function<void(OrderId order)> put;                ///< the order is now on its shelf
};

/// What a gate courier is carrying, visible to the conservation count.
struct CourierLoads {
  std::vector<std::vector<OrderId>> carried;  ///< per courier: taken, not yet dropped
  void count(const RunContext& ctx, Holdings& h) const;
};

/// How gate couriers work: where loads go, and whether a courier serves its own compound
/// first (couriers grouped by community, as the subdistrict did) or simply the oldest batch.
struct GateCourierPolicy {
  Drop drop = Drop::door;
  const ShelfHooks* shelves = nullptr;
  bool home_compound_first = true;
  sim::Duration help_after = std::chrono::minutes{10};  ///< idle this long: help other compounds
};

/// Runs one courier from its shift start until the end of the run (or a quarantine).
sim::Process gate_courier(RunContext& ctx, RelayStage& stage, CourierLoads& loads, CourierId c,
                          const GateCourierPolicy& policy);

/// Starts a gate courier for every courier of the world; `policy` must outlive the run.
void start_gate_couriers(RunContext& ctx, RelayStage& stage, CourierLoads& loads, const GateCourierPolicy& policy);

/// Returns the knobs of gate couriers (relay and shelves).
std::vector<KnobSpec> gate_courier_knobs();

}  // namespace last100::modes::detail
