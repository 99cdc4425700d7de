// Jiuxianqiao: "short-haul relay + volunteer service". Orders wait at a temporary station
// outside the sealed zone, grouped by route-area; vehicles shuttle them to the compound gates;
// couriers inside take route-area batches and deliver door to door, and serve volunteer duty
// sessions (test registration, marshalling, garbage) for the share of their hours they owe.

#include <fmt/format.h>

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

std::vector<KnobSpec> relay_stage_knobs() {
  return {
      {"station", KnobType::integer, std::int64_t{0}, 0, 1000,
       "which outside station (from 0, in the area's order) the relay starts from", {},
       [](const KnobValue& v, const model::WorldParams& w) -> std::string {
         // A generated area has its stations, or else its inside outlets, numbered from 0;
         // an area from CSV files is only known once built (RunContext checks it then).
         if (!w.area.nodes_csv.empty()) return {};
         const std::uint32_t n = w.area.outside_stations > 0 ? w.area.outside_stations : w.area.outlets_inside;
         if (std::get<std::int64_t>(v) < static_cast<std::int64_t>(n)) return {};
         return fmt::format("a station index below {} (the area has {} outside station(s){})", n, w.area.outside_stations,
                            w.area.outside_stations == 0 ? fmt::format(" and {} outlet(s) inside", w.area.outlets_inside) : "");
       }},
      {"route_area_size", KnobType::integer, std::int64_t{4}, 1, 1000,
       "buildings per route-area, the smallest unit of a shuttle load (assumption: a courier's usual round)", {}},
      {"batch_items", KnobType::integer, std::int64_t{20}, 1, 10000,
       "largest batch handed over at the gate, about one courier load (assumption)", {}},
  };
}

ModeInfo relay_mode_info() {
  return {"relay",
          "Jiuxianqiao: station outside, route-area shuttles to the gate, couriers inside door to door, volunteer duty",
          gate_mode_knobs(),
          [](const Knobs& k) { return std::make_unique<RelayMode>(k); }};
}

}  // namespace last100::modes::detail
