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
  explicit RelayMode(const Knobs& k) : GateMode(k) { policy_.drop = k.text("drop") == "lobby" ? Drop::lobby : Drop::door; }
  void start(RunContext& ctx) override { start_relay_and_couriers(ctx); }
};

}  // namespace

ModeInfo relay_mode_info() {
  return {"relay",
          "Jiuxianqiao: station outside, route-area shuttles to the gate, couriers inside door to door, volunteer duty",
          [] {
            auto knobs = gate_mode_knobs();
            knobs.push_back({"drop", KnobType::text, std::string("door"), 0, 0,
                             "where couriers take the goods: to the doors, or to each building's lobby, from which "
                             "[lobby_volunteers] carry them up",
                             {"door", "lobby"},
                             [](const KnobValue& v, const model::WorldParams& w) -> std::string {
                               if (std::get<std::string>(v) != "lobby" || w.lobby_volunteers.per_building > 0) return {};
                               return "volunteers to carry from the lobbies: [lobby_volunteers] per_building >= 1";
                             }});
            return knobs;
          }(),
          [](const Knobs& k) { return std::make_unique<RelayMode>(k); }};
}

}  // namespace last100::modes::detail
