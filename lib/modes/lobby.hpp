#pragma once
// Lobby drops: couriers leave a building's goods in its lobby and volunteer unit leaders carry
// them up to the doors (the relay's `drop = "lobby"`, [lobby_volunteers]).

#include <deque>
#include <vector>

#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/event.hpp"

namespace last100::modes::detail {

class Lobbies {
 public:
  /// Starts the volunteers of every building; `ctx` must outlive the run.
  void start(RunContext& ctx);

  /// Puts an order in its building's lobby (a courier's drop).
  void put(OrderId order);

  /// Adds the orders in lobbies and in volunteers' hands.
  void count(const RunContext& ctx, Holdings& h) const;

 private:
  sim::Process volunteer(std::uint32_t building, std::uint32_t index);

  RunContext* ctx_ = nullptr;
  std::vector<std::deque<OrderId>> lobby_;              // per building, in drop order
  std::deque<sim::Event> dropped_;                      // per building: pulsed on a drop
  std::vector<std::vector<OrderId>> carrying_;          // per volunteer
};

}  // namespace last100::modes::detail
