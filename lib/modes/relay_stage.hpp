#pragma once
// The gate stage shared by the modes that receive goods at a gate (relay, shelves, the gate
// side of per-building): orders wait at the outside station in route-area queues (a few
// neighbouring buildings of one compound, the smallest unit of a shuttle load); each van
// decides on its own clock when to leave (full by items or kg, the oldest order aboard has
// waited long enough, or a timetable), serves up to max_stops gates in nearest-neighbour order,
// never leaves for a gate it would reach closed, and keeps fresh food at the station while no
// courier could take it at the gate before it spoils. Goods handed over at a gate wait in the
// gate pool, from which couriers fill their loads (docs/modes.md, "The gate stage").

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <vector>

#include "last100/modes/context.hpp"
#include "last100/modes/mode.hpp"
#include "last100/sim/event.hpp"

namespace last100::modes::detail {

/// Orders of one route-area handed over together at a gate.
struct Batch {
  std::uint32_t compound = 0;
  std::uint32_t route_area = 0;
  std::vector<OrderId> orders;
};

/// How a courier fills a load from the gate pool of a compound.
/// "First" is in dispatch order (RunContext::urgency: by priority, due time, age; by age under fifo).
enum class FillRule : std::uint8_t {
  oldest,      ///< the first order at the gate next, whatever its route-area
  route_area,  ///< the route-area of the first order whole, then the route-area of the next
};

/// Settings of the gate stage (relay stage knobs).
struct StageOptions {
  std::size_t station = 0;  ///< the area's outside station the goods start from (knob `station`)
  std::uint32_t route_area_size = 4;
  FillRule fill = FillRule::oldest;
  bool cold_storage = true;                                   ///< fresh food waits in the cold chain until loaded
  sim::Duration fresh_allowance = std::chrono::minutes{30};  ///< a courier's time to take and deliver it
};

/// Queues of orders, each kept oldest first (order ids grow with placement time). A queue holds
/// orders of one route-area and category, in which age order is dispatch order (one
/// priority, and due times a fixed span after placement).
class AgeQueues {
 public:
  void resize(std::size_t queues) { q_.resize(queues); }
  /// Adds `o` to queue `q` in age order (usually at the back).
  void push(std::uint32_t q, OrderId o);
  /// Removes `count` orders of queue `q` from position `first` on and appends them to `out`.
  void take(std::uint32_t q, std::size_t first, std::size_t count, std::vector<OrderId>& out);
  const std::deque<OrderId>& queue(std::uint32_t q) const { return q_[q]; }
  std::uint64_t size() const noexcept { return size_; }

 private:
  std::vector<std::deque<OrderId>> q_;
  std::uint64_t size_ = 0;
};

class RelayStage {
 public:
  RelayStage(RunContext& ctx, const StageOptions& options);

  /// Starts one process per van.
  void start();

  /// Takes an order at the station now; it can be loaded once the sorting crew (if any) has
  /// sorted it.
  void accept(OrderId order);

  /// Sends what vans hand over at a gate to `sink` instead of the gate pool (a mode that
  /// sorts goods itself, per-building).
  void set_sink(std::function<void(Batch&&)> sink) { sink_ = std::move(sink); }

  /// Puts a batch at its gate, ranked among the waiting batches in dispatch order (a batch
  /// taken back from a quarantined courier, too).
  void put_at_gate(Batch batch);

  /// Returns the gate place of a compound.
  PlaceId gate(std::uint32_t compound) const { return ctx_.gate_of_compound(compound); }

  // ---- the gate pool --------------------------------------------------------------------

  /// Returns true if goods of `compound` wait at its gate.
  bool has_at_gate(std::uint32_t compound) const { return at_gate_per_compound_[compound] > 0; }
  /// Returns how many orders of `compound` wait at its gate.
  std::uint32_t at_gate_count(std::uint32_t compound) const { return at_gate_per_compound_[compound]; }

  /// Returns the compound, among `near` and the compounds nearest it (crow_near), whose gate
  /// holds the first waiting order in dispatch order (the most urgent; the oldest under
  /// `fifo`), if any. Couriers help in their neighbourhood, not across a city.
  std::optional<std::uint32_t> first_compound_at_gate(std::uint32_t near);

  /// Moves orders of `compound`'s gate pool into `load` by the fill rule (in dispatch order:
  /// the most urgent order next, or the route-area of the most urgent order) while the load stays
  /// within `max_items` and `max_kg` (`kg`: the load's weight so far, updated). The first item
  /// of an empty load goes whatever its weight. Stops at the first item that does not fit.
  void take_at_gate(std::uint32_t compound, std::vector<OrderId>& load, std::uint32_t max_items, double max_kg,
                    double& kg);

  /// Puts orders back at their gates (a quarantined courier's load); they keep their age.
  void return_to_gate(std::vector<OrderId>&& orders);

  /// Pulsed when goods arrive at `compound`'s gate, and at any gate.
  sim::Event& arrived(std::uint32_t compound) { return arrived_[compound]; }
  sim::Event& arrived_anywhere() { return arrived_anywhere_; }

  /// How many compounds, besides itself, make a compound's neighbourhood.
  static constexpr std::size_t nearest_stops = 64;

  /// Returns `compound` and the compounds nearest it as the crow flies, nearest first (64, or
  /// every compound of a smaller area): where its couriers help and its vans' further stops.
  const std::vector<std::uint32_t>& neighbourhood(std::uint32_t compound) const { return crow_near(compound); }

  /// Adds the orders the stage holds (station, vans, gate pool).
  void count(Holdings& h) const;

  std::uint32_t compound_of_order(OrderId o) const;

 private:
  /// What one queue gives to a trip: `count` orders from position `first`.
  struct Pick {
    std::uint32_t queue;
    std::uint32_t first;
    std::uint32_t count;
  };
  struct Stop {
    std::uint32_t compound;
    std::vector<Pick> picks;
  };
  struct Plan {
    std::vector<Stop> stops;
    std::uint32_t items = 0;
    double kg = 0.0;
    sim::TimePoint leave_by = sim::TimePoint::max();  ///< the earliest latest departure aboard (leave_by)
    sim::TimePoint retry;  ///< when an empty plan is worth trying again
  };

  sim::Process vehicle(std::uint32_t index);
  /// Idle vans take turns at watching the station: one plans and waits for arrivals, the
  /// others stand by in the order they became idle, so an arrival wakes one van, not all.
  /// Returns true if van `index` watches now; otherwise it has joined the standby line.
  bool take_watch(std::uint32_t index);
  /// The watching van leaves: the first van on standby watches next (at once, same time).
  void pass_watch();
  /// Puts a sorted order in its route-area's queue, where vans can take it.
  void queue_at_station(OrderId order);
  /// Moves goods from the sorting crew to the station queues as each is done.
  sim::Process sorter();
  /// A seller's rider bringing `order` straight to its gate (CategoryDemand::rider_to_gate).
  sim::Process ride_to_gate(OrderId order, sim::Duration after);
  /// Cancels a rider's meal the gate or the couriers could not take (docs/modes.md); true if so.
  bool refuse_ride(OrderId order, sim::Duration after);
  /// The earliest time at or after `t` a crew member may start an item and finish it on shift.
  sim::TimePoint crew_start(sim::TimePoint t) const;
  /// Goods a van has unloaded at a gate: to couriers now, or after spraying and standing.
  void unloaded_at_gate(Batch&& batch);
  sim::Process stand_at_gate(std::uint64_t key, sim::TimePoint ready);
  Plan plan_trip();
  bool add_stop(Plan& plan, std::uint32_t compound, sim::TimePoint& t, PlaceId& here) const;
  sim::TimePoint fresh_slot(sim::TimePoint handover) const;
  std::uint32_t fresh_servable_from(std::uint32_t queue, sim::TimePoint slot) const;
  void discard_spoiled_at_station();
  std::vector<Batch> load(const Plan& plan);
  void deliver(Batch&& batch);
  sim::TimePoint next_slot(std::uint32_t van, sim::TimePoint after) const;
  /// The station's and the gate pool's queue of an order: route-area * category_count + category.
  std::uint32_t queue_of(OrderId o) const;
  /// Returns true if the category of queue `q` spoils.
  bool perishable_queue(std::uint32_t q) const;
  /// The latest time a van should leave the station with `o` aboard (docs/modes.md, "Vans and
  /// urgency"): once it has waited `interval` there, or (rule `urgency`) early enough to reach
  /// `compound`'s gate and a courier before its due time. Grows along each station queue.
  sim::TimePoint leave_by(OrderId o, std::uint32_t compound) const;
  /// The first order of a compound's station queues by leave_by, as an index key.
  using LeaveKey = std::pair<sim::TimePoint, OrderId>;

  // ---- indexes of the station, so that a plan or a discard costs no scan of everything ---

  /// After station queue `q` changed: its spoil entry and its compound's place in the indexes.
  void station_changed(std::uint32_t q);
  /// Puts `compound` where it belongs now: among the compounds whose gate a van leaving now
  /// could serve (by oldest order), or among the blocked ones (by their retry time), or none.
  void resync(std::uint32_t compound);
  /// Re-files the compounds whose gate view has expired.
  void refresh_gate_views();
  /// Returns the time after which the front order of a fresh queue at the station is spoiled
  /// (it is iff now > that time), as spoil_deadline decides for an order not loaded yet.
  sim::TimePoint station_spoil_after(OrderId o) const;
  /// Compounds by van time from `compound`'s gate, ties by index (built on first use): those
  /// of crow_near.
  const std::vector<std::uint32_t>& nearest_from(std::uint32_t compound);
  /// Itself and the nearest_stops compounds nearest it as the crow flies (built on first use).
  const std::vector<std::uint32_t>& crow_near(std::uint32_t compound) const;
  /// After the gate pool of `compound` changed: its first order in dispatch order.
  void gate_changed(std::uint32_t compound);
  void fill_from_gate(std::uint32_t compound, std::vector<OrderId>& load, std::uint32_t max_items, double max_kg,
                      double& kg);
  std::vector<OrderId> gate_first_;                   // per compound: its gate's first order
  mutable std::vector<std::vector<std::uint32_t>> crow_near_;  // per compound (crow_near), built on first use

  /// The first stop's gate check of one compound (a van leaving the station now, arriving
  /// after load_time and the drive, unloading and disinfecting), valid while now < until:
  /// the answer and the retry time do not change before (RunContext::next_gate_change).
  struct GateView {
    sim::TimePoint until = sim::TimePoint::min();
    bool ok = false;
    bool done_open = false;         ///< blocked, the gate open when done: retry = now + unloading
    sim::TimePoint retry_at{};      ///< blocked, closed when done: the retry time
  };
  enum class Filed : std::uint8_t { none, open, blocked_at, blocked_open };
  mutable std::vector<sim::Duration> first_leg_;  // per compound: load_time + drive from the station (on first use)
  std::vector<GateView> gate_view_;
  std::vector<Filed> filed_;
  std::vector<LeaveKey> filed_first_;                              // when open
  std::vector<std::multiset<sim::TimePoint>::iterator> filed_at_;  // when blocked_at
  std::set<std::pair<LeaveKey, std::uint32_t>> open_;               // compounds a van could serve, by leave_by
  std::multiset<sim::TimePoint> blocked_at_;                         // retry times of blocked compounds
  std::uint32_t blocked_open_ = 0;
  std::priority_queue<std::pair<sim::TimePoint, std::uint32_t>, std::vector<std::pair<sim::TimePoint, std::uint32_t>>,
                      std::greater<>>
      view_expiry_;
  /// Fresh queues by the spoil time of their front order (stale entries skipped on pop).
  struct SpoilEntry {
    sim::TimePoint after;
    std::uint32_t queue;
    OrderId front;
    bool operator>(const SpoilEntry& o) const { return after > o.after; }
  };
  std::priority_queue<SpoilEntry, std::vector<SpoilEntry>, std::greater<>> spoil_heap_;
  std::vector<OrderId> station_front_;  // per queue: its front when the indexes were last told
  std::vector<std::vector<std::uint32_t>> nearest_;
  /// Couriers with the same arrival and shift hours answer fresh_slot alike: one entry each.
  struct ShiftKind {
    std::vector<CourierId> couriers;
    mutable std::size_t first_free = 0;  // couriers before it are quarantined (never undone)
  };
  std::vector<ShiftKind> shift_kinds_;
  std::vector<std::uint32_t> tried_;  // per compound: plan_mark_ if tried on the plan being made
  std::uint32_t plan_mark_ = 0;

  RunContext& ctx_;
  StageOptions options_;
  std::vector<std::uint32_t> route_area_of_building_;
  std::vector<std::uint32_t> compound_of_route_area_;
  std::vector<std::uint32_t> first_route_area_;  // per compound, and one past the last
  AgeQueues station_;                            // by queue_of; fronts by compound: open_
  double station_kg_ = 0.0;
  std::vector<std::uint32_t> at_station_per_compound_;
  std::vector<std::vector<OrderId>> on_vehicle_;  // per van
  std::optional<std::uint32_t> watch_;            // the idle van that plans (take_watch)
  std::deque<std::uint32_t> standby_;             // idle vans waiting for their turn, first idle first
  std::deque<sim::Event> turn_;                   // per van: its turn to watch has come
  AgeQueues at_gate_;                             // by queue_of; first per compound: gate_first_
  std::vector<std::uint32_t> at_gate_per_compound_;
  // The sorting crew: one free time per member, goods by the time they are sorted (FIFO with
  // equal handling times, so these times never decrease).
  std::priority_queue<sim::TimePoint, std::vector<sim::TimePoint>, std::greater<>> crew_free_;
  std::deque<std::pair<sim::TimePoint, OrderId>> sorting_;
  std::set<OrderId> riding_;  // on a seller's rider to the gate
  sim::Event sort_started_;
  // Goods standing at gates after unloading (sprayed, then the contact time), by key.
  std::map<std::uint64_t, Batch> standing_;
  std::uint64_t next_standing_ = 0;
  std::vector<sim::TimePoint> sprayer_free_;  // per compound gate
  std::deque<sim::Event> arrived_;
  sim::Event arrivals_, arrived_anywhere_;
  std::function<void(Batch&&)> sink_;
};

/// Returns the knobs of the gate stage (station, route-areas, fill rule, fresh food).
std::vector<KnobSpec> relay_stage_knobs();

/// Reads the gate stage's knobs.
StageOptions stage_options(const Knobs& k);

}  // namespace last100::modes::detail
