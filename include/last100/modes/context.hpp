#pragma once
/// RunContext: what a mode is given for one run, and the shared rules every mode obeys:
/// order stamps and the ledger, courier shifts and states, gate hours and closures,
/// volunteer duty, exposure counts. Modes differ in policy, never in these rules.

#include <cstdint>
#include <vector>

#include "last100/metrics/ledger.hpp"
#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/modes/trace.hpp"
#include "last100/sim/process.hpp"
#include "last100/sim/random.hpp"
#include "last100/sim/simulation.hpp"

namespace last100::modes {

using model::CourierId;
using model::CourierState;
using model::OrderId;
using model::Stage;
using net::PlaceId;

class RunContext {
 public:
  RunContext(sim::Simulation& sim, model::World& world, const Knobs& knobs, std::uint64_t seed);

  sim::Simulation& sim;
  model::World& world;
  const Knobs& knobs;
  sim::RandomStreams streams;
  metrics::OrderLedger ledger;
  metrics::Contacts contacts;
  std::uint32_t peak_shelf_crowding = 0;
  /// Where to record moves and hand-overs for a replay; nullptr (the default) records nothing.
  Trace* trace = nullptr;

  sim::TimePoint now() const noexcept { return sim.now(); }

  // ---- orders ---------------------------------------------------------------------------

  /// Records that `order` reached `stage` now.
  void stamp(OrderId order, Stage stage) {
    world.orders.stamp(order, stage, now());
    if (trace != nullptr) [[unlikely]]
      record(TraceKind::stage, order.index(), static_cast<std::uint32_t>(stage));
  }

  /// Where the spoilage clock of perishables starts and whether it pauses (docs/modes.md,
  /// "Fresh food"): from placement, or as the goods leave the supplier (the loaded stamp:
  /// group buying); paused while the order waits at a station with cold storage.
  struct SpoilRule {
    bool from_supplier = false;
    bool cold_storage_at_station = false;
  } spoil_rule;

  /// Returns the time after which `order` is spoiled if it is loaded at `loaded` (or was
  /// loaded already), or TimePoint::max() for a category that does not spoil.
  sim::TimePoint spoil_deadline(OrderId order, sim::TimePoint loaded) const;
  sim::TimePoint spoil_deadline(OrderId order) const { return spoil_deadline(order, now()); }

  /// Marks `order` spoiled now (thrown away where it waits).
  void spoil(OrderId order);

  /// Hands `order` over now; a perishable order past its spoil deadline is spoiled instead.
  /// Returns true if it was delivered.
  bool hand_over(OrderId order);

  /// What the relay vans did (for tests and measurements; the KPIs do not use it).
  struct VanTally {
    std::uint64_t trips = 0;
    std::uint64_t stops = 0;
    std::uint64_t items = 0;
    double kg = 0.0;
  } vans;

  /// A resident collects every item of household `h` in `items` (a shelf, a station): each
  /// is handed over (or found spoiled) and leaves `items`. Returns how many there were.
  std::size_t collect(std::vector<OrderId>& items, model::HouseholdId h);

  /// Cancels `order` now for `reason`.
  void cancel(OrderId order, model::CancelReason reason);

  /// Counts a new order (called by the run before Mode::on_order).
  void created(OrderId order) { ledger.on_created(world.orders.category(order)); }

  // ---- places ---------------------------------------------------------------------------

  /// Returns the outside station orders arrive at (the first of the area unless use_station).
  PlaceId station() const;

  /// Makes the area's outside station number `index` (from 0) the one orders arrive at; each
  /// compound's gate is then the one nearest to it. Throws std::invalid_argument if none.
  void use_station(std::size_t index);

  /// Returns the delivery outlets inside the zone (where locked-in couriers are based), in id order.
  const std::vector<PlaceId>& outlets() const noexcept { return outlets_; }

  /// Returns the gate of a compound nearest to the station by van (or on foot).
  PlaceId gate_of_compound(std::uint32_t compound) const;

  /// Returns a household's unit door, building and compound.
  PlaceId door_of(model::HouseholdId h) const;
  std::uint32_t building_of(model::HouseholdId h) const { return world.households.building[h.index()]; }
  std::uint32_t compound_of_building(std::uint32_t b) const { return world.area.buildings()[b].compound; }

  /// Returns the quickest travel time from `from` to `to` for a vehicle: by van if it can,
  /// else by cart, else on foot.
  sim::Duration vehicle_time(PlaceId from, PlaceId to) const;

  /// Returns a courier's walking time between two places.
  sim::Duration walk_time(CourierId c, PlaceId from, PlaceId to) const;

  // ---- gates ----------------------------------------------------------------------------

  /// Returns the first time at or after now when `gate` is open (daily hours, closures).
  sim::TimePoint next_gate_open(PlaceId gate) const { return next_gate_open(gate, now()); }

  /// Returns the first time at or after `t` when `gate` is open (daily hours, closures).
  sim::TimePoint next_gate_open(PlaceId gate, sim::TimePoint t) const;

  /// Returns true if `gate` is open at `from` and stays open until `to` (a van arriving at
  /// `from` can unload and disinfect before it closes).
  bool gate_open_through(PlaceId gate, sim::TimePoint from, sim::TimePoint to) const;

  /// Returns a compound's status now (sealed: every delivery goes to the door).
  model::ZoneStatus zone_status(std::uint32_t compound) const;

  /// Returns true if residents of the compound may come down to a shelf or a station now.
  bool residents_may_collect(std::uint32_t compound) const {
    return zone_status(compound) != model::ZoneStatus::sealed;
  }

  // ---- couriers -------------------------------------------------------------------------

  /// Sets a courier's state now (time accounting).
  void set_state(CourierId c, CourierState s) {
    world.couriers.set_state(c, s, now());
    if (trace != nullptr) [[unlikely]]
      record(TraceKind::state, c.index(), static_cast<std::uint32_t>(s));
  }

  /// Tells the trace that courier `c` sets off now to `to`, arriving after `length` (for the
  /// replay; an invalid `to` -- a leg that stays put -- records nothing).
  void moving(CourierId c, PlaceId to, sim::Duration length) {
    if (trace != nullptr && to.valid()) [[unlikely]]
      record(TraceKind::courier_move, c.index(), to.index(), length.count());
  }

  /// Tells the trace that vehicle `v` sets off now to `to`, arriving after `length`.
  void vehicle_moving(std::uint32_t v, PlaceId to, sim::Duration length) {
    if (trace != nullptr) [[unlikely]]
      record(TraceKind::vehicle_move, v, to.index(), length.count());
  }

  /// Returns true if the courier has arrived and is inside its shift hours now.
  bool on_shift(CourierId c) const { return world.couriers.on_shift(c, now()); }

  /// Returns the start of the courier's next shift (now if on shift).
  sim::TimePoint next_shift_start(CourierId c) const { return next_shift_start(c, now()); }

  /// Returns the start of the courier's first shift at or after `t` (`t` if on shift then).
  sim::TimePoint next_shift_start(CourierId c, sim::TimePoint t) const;

  /// Returns the first time at or after `t` when some courier not quarantined is on shift,
  /// or TimePoint::max() if none ever will be.
  sim::TimePoint first_courier_on_shift(sim::TimePoint t) const;

  /// Returns the end of the courier's current shift (now if off shift).
  sim::TimePoint shift_end(CourierId c) const;

  /// Records the process that runs a courier, so that a quarantine can interrupt it.
  void register_courier(CourierId c, sim::ProcessId p);

  /// Returns the process of a courier (none if the mode does not run it).
  sim::ProcessId courier_process(CourierId c) const;

  /// Returns true once the courier has been quarantined.
  bool quarantined(CourierId c) const { return quarantined_[c.index()] != 0; }
  void mark_quarantined(CourierId c) { quarantined_[c.index()] = 1; }

  /// A stretch a courier spends away from delivery work, and in which state.
  struct Pause {
    sim::Duration length{0};
    CourierState state = CourierState::idle;
  };

  /// Returns what keeps the courier from delivery work now: the rest of the time off shift
  /// (until the next shift, or its arrival), or a volunteer duty session it is drafted to;
  /// a zero length when it is free to work. The same rule for every mode.
  Pause pause_before_work(CourierId c) {
    if (!on_shift(c)) return {next_shift_start(c) - now(), CourierState::off_shift};
    return {draft_for_duty(c), CourierState::on_duty};
  }

  /// Returns how long the courier should now serve on volunteer duty (zero if not drafted):
  /// a duty session is running with a seat free and the courier still owes duty time today.
  /// Taking the seat is part of the call.
  sim::Duration draft_for_duty(CourierId c);

  // ---- exposure -------------------------------------------------------------------------

  /// Counts a face-to-face hand-over at a door.
  void door_contact() { ++contacts.courier_resident; }

  /// A resident steps up to shelf `shelf` (any index the mode uses) standing at place `where`
  /// (for the replay); counts contacts with those already there and the peak crowding.
  void arrive_at_shelf(std::uint32_t shelf, PlaceId where = {});

  /// A resident leaves shelf `shelf` at `where`.
  void leave_shelf(std::uint32_t shelf, PlaceId where = {});

 private:
  std::vector<sim::ProcessId> courier_process_;
  std::vector<std::uint8_t> quarantined_;
  std::vector<std::uint32_t> at_shelf_;
  std::vector<std::int64_t> duty_served_ms_;  // per courier, on day duty_day_
  std::vector<std::int64_t> duty_day_;
  std::vector<std::uint32_t> duty_occupied_;  // per duty: seats taken now
  sim::HandlerId free_seat_;
  std::vector<PlaceId> compound_gate_;
  std::vector<PlaceId> gates_;
  std::vector<PlaceId> outlets_;
  std::vector<PlaceId> stations_;  // the area's gates in id order: closures name them by index
  PlaceId station_;

  void record(TraceKind kind, std::size_t subject, std::size_t value, std::int64_t length_ms = 0) {
    trace->add(sim::ticks(now()), kind, static_cast<std::uint32_t>(subject), static_cast<std::uint32_t>(value),
               length_ms);
  }
};

}  // namespace last100::modes
