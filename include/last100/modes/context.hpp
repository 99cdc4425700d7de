#pragma once
/// RunContext: what a mode is given for one run, and the shared rules every mode obeys:
/// order stamps and the ledger, courier shifts and states, gate hours and closures,
/// volunteer duty, exposure counts. Modes differ in policy, never in these rules.

#include <cstdint>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "last100/metrics/ledger.hpp"
#include "last100/metrics/summary.hpp"
#include "last100/model/world.hpp"
#include "last100/modes/knobs.hpp"
#include "last100/modes/trace.hpp"
#include "last100/modes/urgency.hpp"
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
  /// With `trace`, every stamp, state change, move and pickup visit is also appended there
  /// (for the replay); without (the default) each of those calls costs one untaken branch.
  RunContext(sim::Simulation& sim, model::World& world, const Knobs& knobs, std::uint64_t seed,
             Trace* trace = nullptr);

  sim::Simulation& sim;
  /// The world, read-only: orders and couriers change through the methods below, so that
  /// every stamp and state change is the context's and the ledger sees every outcome.
  const model::World& world;
  const Knobs& knobs;
  sim::RandomStreams streams;
  metrics::Contacts contacts;
  std::uint32_t peak_shelf_crowding = 0;  ///< most residents at one pickup place (queue and counter)
  std::vector<std::uint64_t> contacts_by_building;  ///< face-to-face hand-overs per building
  /// The dispatch order every queue of every mode keeps (include/last100/modes/urgency.hpp).
  Urgency urgency;
  /// Group buying: orders the supplier filled with a substitute when their category ran short.
  std::uint64_t substituted = 0;
  /// Volunteer duty over the run, in person-milliseconds: the work the sessions needed, what
  /// couriers served, and what was left to community staff (sessions begun before the end).
  struct DutyTotals {
    std::int64_t needed_ms = 0, served_ms = 0, unmet_ms = 0;
  };
  DutyTotals duty_totals() const;

  sim::TimePoint now() const noexcept { return sim.now(); }

  // ---- orders ---------------------------------------------------------------------------

  /// Records that `order` reached `stage` now: an intermediate stage only (placed to
  /// at_shelf_or_door). Outcomes go through hand_over, spoil, cancel and collect, which the
  /// ledger records; a mode that stamps one here gets std::logic_error.
  void stamp(OrderId order, Stage stage);

  /// Returns the count of outcomes per category, as the accounting methods recorded them.
  const metrics::OrderLedger& ledger() const noexcept { return ledger_; }

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

  /// Called where a mode dispatches `order` (loads it on a vehicle or hands it to a courier):
  /// if its category says late orders are cancelled and it is past its deadline, cancels it
  /// now (deadline_missed) and returns true; the mode then drops it from its containers.
  bool cancel_if_late(OrderId order) {
    if (!urgency.cancel_when_late(order) || !urgency.late(order, now())) return false;
    cancel(order, model::CancelReason::deadline_missed);
    return true;
  }

  /// Removes (cancels) the late orders of `orders` that are to be cancelled; keeps the rest in order.
  template <class Container>
  void drop_late(Container& orders) {
    std::erase_if(orders, [this](OrderId o) { return cancel_if_late(o); });
  }

  /// Counts a new order: run_mode's demand feed calls it before Mode::on_order (tests that
  /// feed orders by hand do too); a mode never does, and a second call for one order is a
  /// conservation error at the end of the run.
  void created(OrderId order);

  /// Returns true if `order` is measured: placed in [warmup, horizon) (docs/metrics.md).
  bool measured(OrderId order) const;

  /// Returns how many measured orders are neither delivered, spoiled nor cancelled yet; the
  /// run drains after the horizon until this is 0 (or the drain limit passes).
  std::uint64_t measured_open() const noexcept { return measured_open_; }

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

  /// Returns the first time after `t` at which anything next_gate_open, gate_open_through and
  /// gate_disinfection look at may change for `gate` (a midnight, the daily opening or closing,
  /// the start or end of one of its closures, a change of its compound's status when sealed
  /// compounds have their own gate rules): between `t` and that time the answers stay the same.
  sim::TimePoint next_gate_change(PlaceId gate, sim::TimePoint t) const;

  /// Returns a compound's status now (sealed: every delivery goes to the door).
  model::ZoneStatus zone_status(std::uint32_t compound) const;

  /// Returns true if residents of the compound may come down to a shelf or a station now.
  bool residents_may_collect(std::uint32_t compound) const {
    return zone_status(compound) != model::ZoneStatus::sealed;
  }

  // ---- couriers -------------------------------------------------------------------------

  /// Sets a courier's state now (time accounting).
  void set_state(CourierId c, CourierState s) {
    world_.couriers.set_state(c, s, now());
    if (trace_ != nullptr) [[unlikely]]
      record(TraceKind::state, c.index(), static_cast<std::uint32_t>(s));
  }

  /// Tells the trace that courier `c` sets off now to `to`, arriving after `length` (for the
  /// replay; an invalid `to` -- a leg that stays put -- records nothing).
  void moving(CourierId c, PlaceId to, sim::Duration length) {
    if (trace_ != nullptr && to.valid()) [[unlikely]]
      record(TraceKind::courier_move, c.index(), to.index(), length.count());
  }

  /// Tells the trace that vehicle `v` sets off now to `to`, arriving after `length`.
  void vehicle_moving(std::uint32_t v, PlaceId to, sim::Duration length) {
    if (trace_ != nullptr) [[unlikely]]
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
  /// (until the next shift, or its arrival), a break that is due, or a volunteer duty session
  /// it is drafted to; a zero length when it is free to work. The same rule for every mode,
  /// asked between tours (include/last100/modes/work_loop.hpp), so a break never splits a tour.
  Pause pause_before_work(CourierId c) {
    // Not yet called: look again at the next backlog check (a call sets the arrival time).
    if (on_call(c)) return {call_poll_, CourierState::off_shift};
    if (!on_shift(c)) return {next_shift_start(c) - now(), CourierState::off_shift};
    if (const sim::Duration b = take_break(c); b.count() > 0) return {b, CourierState::on_break};
    return {draft_for_duty(c), CourierState::on_duty};
  }

  /// Returns how long the courier on shift should now rest (zero if no break is due), and
  /// counts the break as taken (docs/modes.md, "Breaks"): the day's meal break once it is
  /// due (from meal_break_from, for a courier on shift before meal_break_until, while fewer
  /// than meal_break_max_share of its group's couriers on shift are eating), else a rest
  /// once rest_break_every has passed since the shift began or the last break ended. A break
  /// ends at the end of the shift at the latest.
  sim::Duration take_break(CourierId c);

  /// Returns the first time at or after now when a break of the courier falls due this shift
  /// (TimePoint::max() if none will), so that an idle courier stops waiting then.
  sim::TimePoint next_break_due(CourierId c) const;

  /// Returns how long an idle courier may wait for work before it must look again: until the
  /// end of its shift, or until the next volunteer duty session starts if it owes duty, so
  /// that a courier waiting at a gate is drafted as a session begins.
  sim::Duration idle_limit(CourierId c) const;

  /// Returns how long the courier should now serve on volunteer duty (zero if not drafted):
  /// a duty session is running with a seat free and the courier still owes duty time today.
  /// Taking the seat is part of the call.
  sim::Duration draft_for_duty(CourierId c);

  // ---- exposure (docs/metrics.md, "Exposure") -------------------------------------------

  /// Hands `order` over at its household's door, face to face, by courier `c` (none:
  /// unknown): counts a courier-resident contact, then hands it over (or finds it spoiled).
  /// Returns true if it was delivered. With [events.contact_quarantine] the resident is a
  /// case with a probability, and the courier is then quarantined (its process interrupted
  /// as soon as it next waits).
  bool door_hand_over(OrderId order, CourierId c = CourierId::none());

  /// Leaves `order` at its household's door without meeting anyone ([zone] door_handover =
  /// "contactless"): counts a contactless drop, no contact, then hands it over (delivered at
  /// the drop, docs/metrics.md). Returns true if it was delivered.
  bool door_drop(OrderId order) {
    contactless_drop();
    return hand_over(order);
  }

  /// Quarantines a courier now (an event, or contact with a case): marks it and interrupts
  /// its process; the mode returns its load. Nothing if it is already quarantined.
  void quarantine(CourierId c);

  /// Couriers quarantined after contact with a case so far.
  std::uint32_t contact_quarantines() const noexcept { return contact_quarantines_; }

  // ---- staffing rules -------------------------------------------------------------------

  /// A call of on-call reinforcements (issue 11): when, how many, and when they arrive.
  struct Call {
    std::uint32_t rule = 0;
    sim::TimePoint at{};
    std::uint32_t couriers = 0;
    sim::TimePoint arrive{};
  };
  /// Every call made so far, in time order.
  const std::vector<Call>& reinforcement_calls() const noexcept { return calls_; }

  /// Returns true if the courier belongs to an on-call group and has not been called yet.
  bool on_call(CourierId c) const { return on_call_[c.index()] != 0; }

  /// Returns how long the disinfection of a van stop at `gate` takes at time `t` (a sealed
  /// compound's own rule, or the zone's [zone.disinfection] gate_per_load).
  sim::Duration gate_disinfection(PlaceId gate, sim::TimePoint t) const;
  sim::Duration gate_disinfection(PlaceId gate) const { return gate_disinfection(gate, now()); }

  // ---- exposure, pickup places ----------------------------------------------------------

  /// Counts a face-to-face hand-over across a counter (a resident of `h` served by staff).
  void counter_contact(model::HouseholdId h) {
    if (!exposure_counts()) return;
    ++contacts.courier_resident;
    ++contacts_by_building[building_of(h)];
  }

  /// Counts an item left without meeting anyone (a shelf or locker drop).
  void contactless_drop() {
    if (exposure_counts()) ++contacts.contactless_drops;
  }

  /// Exposure is counted from the warm-up to the end of the run (the drain included).
  bool exposure_counts() const noexcept { return now() >= warm_; }

  /// Where a resident stands at a pickup place: waiting in line, or at the counter/shelf.
  enum class PickupArea : std::uint8_t { queue, counter };

  /// A resident of household `h` arrives at pickup place `place` (any index the mode uses:
  /// a shelf, a compound's station) in `area`. Keeps co-present person-minutes, close
  /// contacts and the peak crowding. `where` is the place on the map (for the replay trace).
  void enter_pickup(std::uint32_t place, PickupArea area, model::HouseholdId h, PlaceId where = {});

  /// The resident of household `h` moves from the queue to the counter of `place`.
  void move_to_counter(std::uint32_t place, model::HouseholdId h);

  /// The resident of household `h` leaves `place` (on the map: `where`) from `area`.
  void leave_pickup(std::uint32_t place, PickupArea area, model::HouseholdId h, PlaceId where = {});

  /// Cumulative co-presence of one pair of households that makes a close contact: 15 minutes
  /// in a day, the CDC's operational definition (within 6 feet for a cumulative total of
  /// 15 minutes or more over a 24-hour period; CDC, updated 21 October 2020).
  static constexpr sim::Duration close_contact_time = std::chrono::minutes{15};

 private:
  struct CallRule {
    std::vector<CourierId> members;  // the on-call group, called in index order
    std::uint32_t called = 0;
    sim::TimePoint last_arrival{};
  };
  void check_backlog(std::uint32_t rule);
  void maybe_case(CourierId c);  // a door contact: the resident may be a case (contact_quarantine)
  model::ZoneStatus status_at(std::uint32_t compound, sim::TimePoint t) const;
  std::uint32_t compound_of_gate(PlaceId gate) const;

  std::vector<CallRule> call_rules_;
  std::vector<Call> calls_;
  std::vector<std::uint8_t> on_call_;
  sim::Duration call_poll_{std::chrono::hours{1}};
  sim::HandlerId check_backlog_, quarantine_now_;
  sim::Rng contact_cases_;
  std::uint32_t contact_quarantines_ = 0;
  std::vector<std::uint32_t> gate_compound_;  // per gate index (gates_ order)
  model::World& world_;  // the same world, writable by the context's own methods
  metrics::OrderLedger ledger_;
  /// One stay of a household at a pickup place, from enter_pickup to leave_pickup. Pickup
  /// events are numbered in the order they happen (`seq`), which orders events at one time.
  struct Visit {
    std::uint32_t place = 0;
    std::uint32_t older = 0;  ///< the household's previous visit, or no_visit
    sim::TimePoint since{};
    sim::TimePoint left = sim::TimePoint::max();  ///< max while there
    std::uint64_t entered_seq = 0;
    std::uint64_t left_seq = ~std::uint64_t{0};  ///< max while there
    sim::TimePoint older_left_bound{};           ///< no older visit of the household left after this
  };
  static constexpr std::uint32_t no_visit = ~std::uint32_t{0};
  struct Present {
    std::uint32_t household;
    std::uint32_t visit;
    sim::TimePoint since;
    sim::TimePoint older_left_bound;  // the visit's
  };
  struct PickupPlace {
    std::uint32_t queue = 0, counter = 0;
    sim::TimePoint last_change{};
    std::vector<Present> present;  // in the order they came
  };
  void pickup_changed(PickupPlace& p);
  std::int64_t pair_ms_before(std::uint32_t me, std::uint32_t mine, std::uint64_t seq, const Present& other,
                              std::uint64_t day) const;

  std::unordered_map<std::uint32_t, PickupPlace> pickup_;
  // Close contacts: a pair's co-present time per day is worked out from the two households'
  // visits when needed (pair_ms_before) instead of being stored for every pair. Areas of 2^24
  // households or more keep the stored totals, whose keys then overlap as they always did.
  std::vector<Visit> visits_;
  std::vector<std::uint32_t> last_visit_;  // per household: newest visit, or no_visit
  std::uint64_t pickup_seq_ = 0;
  bool stored_pairs_ = false;
  std::unordered_map<std::uint64_t, std::int64_t> pair_ms_;  // (household pair, day) -> co-present ms
  std::uint64_t measured_open_ = 0;
  sim::TimePoint warm_{};
  std::vector<sim::ProcessId> courier_process_;
  std::vector<std::uint8_t> quarantined_;
  std::vector<std::int64_t> meal_day_;         // per courier: the day of its last meal break, or -1
  std::vector<sim::TimePoint> rested_until_;   // per courier: the end of its last break
  bool breaks_ = false;                        // some group takes breaks
  std::vector<std::vector<CourierId>> group_members_;      // per group, in index order
  mutable std::vector<std::multiset<sim::TimePoint>> meal_ends_;  // per group: ends of the meal breaks under way
  mutable std::vector<std::pair<sim::TimePoint, std::uint32_t>> on_shift_count_;  // per group: (when, couriers on shift)
  bool meal_seat_free(std::uint32_t group) const;  // fewer than the group's share are eating now
  sim::TimePoint meal_seat_frees(std::uint32_t group) const;  // when the next meal break ends
  sim::TimePoint shift_began(CourierId c) const;  // the start of the current shift (or arrival in it)
  std::vector<std::int64_t> duty_served_ms_;  // per courier, on day duty_day_
  std::vector<std::int64_t> duty_day_;
  std::vector<std::uint32_t> duty_occupied_;  // per duty: seats taken now
  std::vector<std::int64_t> duty_session_day_;  // per duty: the day of the session below
  std::vector<std::int64_t> duty_work_left_ms_;  // per duty: work not yet assigned in today's session
  std::vector<std::uint32_t> duty_working_;  // per duty: people on its work now
  std::int64_t duty_served_ms_total_ = 0;
  sim::HandlerId free_worker_;
  sim::HandlerId free_seat_;
  std::vector<PlaceId> compound_gate_;
  std::vector<PlaceId> gates_;     // the area's gates in id order: closures name them by index
  std::vector<PlaceId> outlets_;
  std::vector<PlaceId> stations_;  // the area's outside stations in id order (the relay's `station` knob)
  PlaceId station_;

  Trace* trace_ = nullptr;  // where to record for a replay; nullptr records nothing
  void stamp_now(OrderId order, Stage stage);  // any stage, traced
  void record(TraceKind kind, std::size_t subject, std::size_t value, std::int64_t length_ms = 0) {
    trace_->add(sim::ticks(now()), kind, static_cast<std::uint32_t>(subject), static_cast<std::uint32_t>(value),
               length_ms);
  }
};

}  // namespace last100::modes
