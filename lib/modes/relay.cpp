// Jiuxianqiao: "short-haul relay + volunteer service". Orders wait at a temporary station
// outside the sealed zone, grouped by route-area; vehicles shuttle them to the compound gates;
// couriers inside take route-area batches and deliver door to door, and serve volunteer duty
// sessions (test registration, marshalling, garbage) for the share of their hours they owe.

#include "builtin.hpp"
#include "gate_courier.hpp"

namespace last100::modes::detail {
namespace {

class RelayMode final : public GateMode {
 public:
  explicit RelayMode(const Knobs& k) : GateMode(k) { policy_.drop = Drop::door; }
  void start(RunContext& ctx) override { start_relay_and_couriers(ctx); }
};

}  // namespace

ModeInfo relay_mode_info() {
  return {"relay",
          "Jiuxianqiao: station outside, route-area shuttles to the gate, couriers inside door to door, volunteer duty",
          gate_mode_knobs(),
          [](const Knobs& k) { return std::make_unique<RelayMode>(k); }};
}

}  // namespace last100::modes::detail
