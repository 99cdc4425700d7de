#pragma once
/// A mode is an operating policy: given the world and the engine, it starts the processes of
/// its couriers, vehicles, stations and residents. All modes run on the same area and the
/// same demand, so differences between their results are the policy's alone.
/// docs/modes.md shows how to add one in a single file.

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/ledger.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/model/orders.hpp"

namespace last100::modes {

class RunContext;

/// Orders a mode holds at one moment, by where they wait (for the time series).
struct Backlog {
  std::uint64_t station = 0;  ///< at outside stations, suppliers or outlets
  std::uint64_t gate = 0;     ///< at gates / hand-over points, on vehicles
  std::uint64_t shelf = 0;    ///< on shelves or at mobile stations, awaiting collection
};

/// What a mode holds now: per category (for the conservation check) and by where it waits.
struct Holdings {
  metrics::PerCategory held{};
  Backlog backlog;

  /// Counts every order of `orders_held` as held, waiting at `where` (&Backlog::station, ...).
  template <class Range>
  void add(const model::Orders& orders, const Range& orders_held, std::uint64_t Backlog::*where) {
    for (model::OrderId o : orders_held) {
      ++held[static_cast<std::size_t>(orders.category(o))];
      ++(backlog.*where);
    }
  }
};

/// The interface every mode implements.
class Mode {
 public:
  virtual ~Mode() = default;

  /// Starts the mode's processes; called once at time zero, before any order.
  virtual void start(RunContext& ctx) = 0;

  /// Takes an order the moment it is placed (ctx has already counted it as created).
  virtual void on_order(RunContext& ctx, model::OrderId order) = 0;

  /// Returns the orders the mode holds now (not delivered, spoiled or cancelled), counted from
  /// its own containers, and where they wait. The run checks the count against the order
  /// stamps (conservation) and samples where they wait for the time series.
  virtual Holdings holdings(const RunContext& ctx) const = 0;
};

/// Describes a mode: its name in scenario files, a one-line summary, its knobs and a factory.
struct ModeInfo {
  std::string name;
  std::string summary;
  std::vector<KnobSpec> knobs;
  std::function<std::unique_ptr<Mode>(const Knobs&)> make;
};

/// Adds a mode to the registry (a researcher's own mode); replaces one of the same name.
void register_mode(ModeInfo info);

/// Returns the mode with this name, or nullptr. The pointer stays valid as modes are added.
const ModeInfo* find_mode(std::string_view name);

/// Returns every registered mode: the four built-in ones first, in the article's order.
/// A deque, so that references stay valid when a mode is registered later.
const std::deque<ModeInfo>& all_modes();

}  // namespace last100::modes
