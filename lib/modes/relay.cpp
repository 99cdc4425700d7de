// Jiuxianqiao: "short-haul relay + volunteer service". Orders wait at a temporary station
// outside the sealed zone, grouped by route-area; vehicles shuttle them to the compound gates;
// couriers inside take route-area batches and deliver door to door, and serve volunteer duty
// sessions (test registration, marshalling, garbage) for the share of their hours they owe.

#include "builtin.hpp"
#include "gate_courier.hpp"

namespace last100::modes::detail {
namespace {

class RelayMode final : public Mode {
 public:
  explicit RelayMode(const Knobs& k)
      : route_area_size_(static_cast<std::uint32_t>(k.integer("route_area_size"))),
        batch_items_(static_cast<std::uint32_t>(k.integer("batch_items"))) {
    policy_.drop = Drop::door;
    policy_.home_compound_first = k.boolean("home_compound_first");
    policy_.help_after = k.duration("help_after");
  }

  void start(RunContext& ctx) override {
    stage_ = std::make_unique<RelayStage>(ctx, route_area_size_, batch_items_);
    stage_->start();
    start_gate_couriers(ctx, *stage_, loads_, policy_);
  }
  void on_order(RunContext&, OrderId order) override { stage_->accept(order); }
  Holdings holdings(const RunContext& ctx) const override {
    Holdings h;
    stage_->count(h);
    loads_.count(ctx, h);
    return h;
  }

 private:
  std::uint32_t route_area_size_, batch_items_;
  std::unique_ptr<RelayStage> stage_;
  CourierLoads loads_;
  GateCourierPolicy policy_;
};

}  // namespace

std::vector<KnobSpec> relay_stage_knobs() {
  return {
      {"station", KnobType::integer, std::int64_t{0}, 0, 1000,
       "which outside station (from 0, in the area's order) the relay starts from", {}},
      {"route_area_size", KnobType::integer, std::int64_t{4}, 1, 1000,
       "buildings per route-area, the smallest unit of a shuttle load (assumption: a courier's usual round)", {}},
      {"batch_items", KnobType::integer, std::int64_t{20}, 1, 10000,
       "largest batch handed over at the gate, about one courier load (assumption)", {}},
  };
}

ModeInfo relay_mode_info() {
  return {"relay",
          "Jiuxianqiao: station outside, route-area shuttles to the gate, couriers inside door to door, volunteer duty",
          [] {
            auto knobs = relay_stage_knobs();
            for (auto& k : gate_courier_knobs()) knobs.push_back(std::move(k));
            return knobs;
          }(),
          [](const Knobs& k) { return std::make_unique<RelayMode>(k); }};
}

}  // namespace last100::modes::detail
