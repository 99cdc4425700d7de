#pragma once
// The short-haul relay from the outside station to the compound gates (Jiuxianqiao), shared
// by the modes that receive goods at a gate: orders wait at the station grouped by route-area
// (a few neighbouring buildings of one compound, the smallest unit of a shuttle load);
// vehicles leave when full or when the relay interval has passed, wait for the gate to open,
// unload with a contactless hand-over and disinfection, and drive back.

#include <deque>
#include <vector>

#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/event.hpp"
#include "last100/sim/store.hpp"

namespace last100::modes::detail {

/// Orders of one route-area handed over together at a gate.
struct Batch {
  std::uint32_t compound = 0;
  std::uint32_t route_area = 0;
  std::vector<OrderId> orders;
};

class RelayStage {
 public:
  /// `route_area_size`: buildings per route-area; `batch_items`: largest batch put at the gate.
  RelayStage(RunContext& ctx, std::uint32_t route_area_size, std::uint32_t batch_items);

  /// Starts one process per vehicle.
  void start();

  /// Takes an order at the station now.
  void accept(OrderId order);

  /// Batches handed over at the gates, oldest first.
  sim::Store<Batch>& at_gates() noexcept { return at_gates_; }

  /// Puts a batch at its gate, ranked among the waiting batches in dispatch order (a batch
  /// taken back from a quarantined courier, too).
  void put_at_gate(Batch batch);

  /// Returns the gate place of a compound.
  PlaceId gate(std::uint32_t compound) const { return ctx_.gate_of_compound(compound); }

  /// Adds the orders the stage holds (station, vehicles, gate store).
  void count(Holdings& h) const;

 private:
  sim::Process vehicle(std::uint32_t index);
  std::uint32_t choose_compound() const;
  std::vector<Batch> load_for(std::uint32_t compound, std::uint32_t capacity);

  RunContext& ctx_;
  std::uint32_t batch_items_;
  std::vector<std::uint32_t> route_area_of_building_;
  std::vector<std::uint32_t> compound_of_route_area_;
  std::vector<std::deque<OrderId>> waiting_;  // per route-area, at the station
  std::uint64_t waiting_count_ = 0;
  std::vector<std::vector<OrderId>> on_vehicle_;  // per vehicle
  sim::Event arrivals_;
  sim::Store<Batch> at_gates_;
  sim::TimePoint last_departure_{};
};

}  // namespace last100::modes::detail
