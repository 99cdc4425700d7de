#pragma once
// Couriers barred from entering a compound (an entry ban, [zone.entry]): they hand goods over
// at the gate, either calling each recipient down and waiting (call_down) or leaving the goods
// on a shelf at the gate for residents to collect when told (gate_shelf).

#include <optional>
#include <vector>

#include "last100/modes/mode.hpp"
#include "last100/sim/event.hpp"
#include "last100/sim/random.hpp"
#include "tour.hpp"

namespace last100::modes::detail {

class GateHandovers {
 public:
  /// Sets up for a run; `ctx` must outlive it.
  void start(RunContext& ctx);

  /// True if couriers may not enter `compound` now (a ban, and residents may come down).
  bool barred(std::uint32_t compound) const;

  /// Plans a barred courier's session at `compound`'s gate with `load`: calls, waits and
  /// hand-overs (call_down), or shelf drops (gate_shelf). Orders of limited-mobility homes
  /// (for door delivery) and of recipients never reached stay in the load.
  std::vector<Leg> plan(CourierId c, std::uint32_t compound, const std::vector<OrderId>& load);

  /// Puts an order on its compound's gate shelf and tells its household (gate_shelf).
  void put_on_gate_shelf(OrderId order);

  /// Adds the orders on gate shelves.
  void count(const RunContext& ctx, Holdings& h) const;

 private:
  std::vector<Leg> plan_call_down(CourierId c, std::uint32_t compound, const std::vector<OrderId>& load);
  sim::Duration resident_to_gate(model::HouseholdId h, std::uint32_t compound) const;
  sim::Process collector(std::uint32_t compound, std::uint32_t household);

  RunContext* ctx_ = nullptr;
  sim::Rng calls_;
  sim::Rng pickups_;
  std::vector<std::vector<OrderId>> gate_shelf_;  // per compound
  std::vector<std::uint8_t> told_;                // per household: told, not yet collected
};

}  // namespace last100::modes::detail
