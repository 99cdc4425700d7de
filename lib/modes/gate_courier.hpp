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

/// Runs one courier from its shift start until the end of the run (or a quarantine).
sim::Process gate_courier(RunContext& ctx, RelayStage& stage, CourierLoads& loads, CourierId c, Drop drop,
                          const ShelfHooks* shelves);

/// Starts a gate courier for every courier of the world.
void start_gate_couriers(RunContext& ctx, RelayStage& stage, CourierLoads& loads, Drop drop,
                         const ShelfHooks* shelves);

}  // namespace last100::modes::detail
