#pragma once
// A courier inside the zone who fills a load from the goods handed over at a gate and delivers
// it (Jiuxianqiao), to doors or to unit shelves (Shuangjing), between volunteer duty sessions.

#include <functional>
#include <vector>

#include "gate_handover.hpp"
#include "lobby.hpp"
#include "relay_stage.hpp"
#include "last100/modes/work_loop.hpp"
#include "tour.hpp"

namespace last100::modes::detail {

/// Where a gate courier's shelf drops go; empty for door-to-door modes.
struct ShelfHooks {
  /// The shelf can take no more, counting `planned` items the tour already drops there.
  std::function<bool(std::uint32_t unit, std::uint32_t planned)> full;
  std::function<void(OrderId order)> put;                ///< the order is now on its shelf
};

/// What a gate courier is carrying, visible to the conservation count, and the hand-overs
/// at gates a courier may not pass (entry bans).
struct CourierLoads {
  std::vector<std::vector<OrderId>> carried;  ///< per courier: taken, not yet dropped
  GateHandovers at_gate;
  Lobbies lobbies;  ///< started when loads go to lobbies
  std::vector<std::uint32_t> carts_free;  ///< per compound: carts at its gate
  void count(const RunContext& ctx, Holdings& h) const;
};

/// How gate couriers work: where loads go, and whether a courier serves its own compound
/// first (couriers grouped by community, as the subdistrict did) or simply the oldest goods.
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

/// What relay and shelves share: the relay stage to the gates and couriers working from them.
/// A mode derived from it sets its drop policy and calls start_relay_and_couriers().
class GateMode : public Mode {
 public:
  explicit GateMode(const Knobs& k) : stage_options_(stage_options(k)) {
    policy_.home_compound_first = k.boolean("home_compound_first");
    policy_.help_after = k.duration("help_after");
  }

  void on_order(RunContext&, OrderId order) override { stage_->accept(order); }

  Holdings holdings(const RunContext& ctx) const override {
    Holdings h;
    stage_->count(h);
    loads_.count(ctx, h);
    return h;
  }

 protected:
  void start_relay_and_couriers(RunContext& ctx) {
    stage_ = std::make_unique<RelayStage>(ctx, stage_options_);
    stage_->start();
    start_gate_couriers(ctx, *stage_, loads_, policy_);
  }

  GateCourierPolicy policy_;

 private:
  StageOptions stage_options_;
  std::unique_ptr<RelayStage> stage_;
  CourierLoads loads_;
};

/// Returns the knobs of the relay stage and of gate couriers together.
std::vector<KnobSpec> gate_mode_knobs();

}  // namespace last100::modes::detail
