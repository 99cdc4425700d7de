// Shuangjing: the relay, then shelves under each unit building. Couriers put batches on the
// unit's shelf and disinfect it; residents are called one by one (at most K at a shelf at
// once) to collect; limited-mobility homes get door delivery; uncollected items wait.

#include <deque>
#include <optional>

#include "builtin.hpp"
#include "gate_courier.hpp"
#include "last100/model/vertical.hpp"

namespace last100::modes::detail {
namespace {

class ShelvesMode final : public GateMode {
 public:
  explicit ShelvesMode(const Knobs& k)
      : GateMode(k),
        shelf_capacity_(static_cast<std::uint32_t>(k.integer("shelf_capacity"))),
        max_at_shelf_(static_cast<std::uint32_t>(k.integer("max_at_shelf"))),
        call_window_(k.duration("call_window")),
        collect_time_(k.duration("collect_time")) {
    policy_.drop = Drop::shelf_unless_limited;
    policy_.shelves = &hooks_;
  }

  void start(RunContext& ctx) override {
    ctx_ = &ctx;
    const auto units = ctx.world.area.units().size();
    shelf_.resize(units);
    call_queue_.resize(units);
    called_.assign(units, 0);
    queued_.assign(ctx.world.households.count(), 0);
    // K from the knob, capped by the zone rule when the scenario sets a stricter one.
    if (ctx.world.params.zone.max_at_shelf > 0) max_at_shelf_ = std::min(max_at_shelf_, ctx.world.params.zone.max_at_shelf);
    pickups_ = ctx.streams.stream("pickup");
    // A full shelf, or a sealed compound (nobody may come down), means door delivery.
    hooks_.full = [this](std::uint32_t unit, std::uint32_t planned) {
      return shelf_[unit].size() + planned >= shelf_capacity_ || !ctx_->residents_may_collect(compound_of_unit(unit));
    };
    hooks_.put = [this](OrderId o) { put_on_shelf(o); };
    dwell_ = ctx.world.params.zone.disinfection.shelf_dwell;
    if (dwell_.count() > 0) {
      put_standing_.emplace(ctx.sim);
      ctx.sim.start(release_after_dwell());
    }
    start_relay_and_couriers(ctx);
  }

  Holdings holdings(const RunContext& ctx) const override {
    Holdings h = GateMode::holdings(ctx);
    for (const auto& s : shelf_) h.add(ctx.world.orders, s, &Backlog::shelf);
    return h;
  }

 private:
  std::uint32_t compound_of_unit(std::uint32_t unit) const {
    const auto& area = ctx_->world.area;
    return area.buildings()[area.units()[unit].building].compound;
  }

  std::uint32_t unit_of(OrderId o) const { return ctx_->world.households.unit[ctx_->world.orders.household(o).index()]; }

  void put_on_shelf(OrderId o) {
    ctx_->stamp(o, Stage::at_shelf_or_door);
    const std::uint32_t unit = unit_of(o);
    shelf_[unit].push_back(o);
    const auto h = ctx_->world.orders.household(o).index();
    if (queued_[h]) return;  // called or to be called: collects this item too
    queued_[h] = 1;
    if (dwell_.count() > 0) {
      // The sprayed item stands for the disinfectant's contact time before anyone is called.
      if (standing_.empty()) put_standing_->notify_all();
      standing_.push_back({ctx_->sim.now() + dwell_, unit, static_cast<std::uint32_t>(h)});
      return;
    }
    call_queue_[unit].push_back(static_cast<std::uint32_t>(h));
    call_next(unit);
  }

  struct Standing {
    sim::TimePoint ready;
    std::uint32_t unit, household;
  };

  // Residents go on their unit's call list as their items' contact time ends (in drop order:
  // one dwell for all, so the ready times never decrease).
  sim::Process release_after_dwell() {
    auto& sim = ctx_->sim;
    for (;;) {
      if (standing_.empty()) {
        co_await put_standing_->wait();
        continue;
      }
      if (standing_.front().ready > sim.now()) {
        co_await sim.delay_until(standing_.front().ready);
        continue;
      }
      const Standing s = standing_.front();
      standing_.pop_front();
      call_queue_[s.unit].push_back(s.household);
      call_next(s.unit);
    }
  }

  // Calls residents while fewer than K are called and not yet done.
  void call_next(std::uint32_t unit) {
    while (called_[unit] < max_at_shelf_ && !call_queue_[unit].empty()) {
      const std::uint32_t h = call_queue_[unit].front();
      call_queue_[unit].pop_front();
      ++called_[unit];
      ctx_->sim.start(resident(unit, h));
    }
  }

  sim::Process resident(std::uint32_t unit, std::uint32_t h) {
    auto& ctx = *ctx_;
    const auto& pop = ctx.world.params.population;
    const sim::Duration delay = model::sample_pickup_delay(pop, ctx.world.households.pickup[h], pickups_);
    // A resident of a sealed compound may not come down: like a no-show, called again later.
    if (delay > call_window_ || !ctx.residents_may_collect(compound_of_unit(unit))) {
      // Did not come within the window: back of the queue, the next one is called.
      co_await ctx.sim.delay(call_window_);
      --called_[unit];
      call_queue_[unit].push_back(h);
      call_next(unit);
      co_return;
    }
    co_await ctx.sim.delay(delay);
    const auto building = ctx.world.households.building[h];
    const bool lift = ctx.world.area.buildings()[building].has_lift;
    const auto floor = ctx.world.households.floor[h];
    const auto& v = ctx.world.params.vertical;
    co_await ctx.sim.delay(lift ? model::lift_ride(v, floor) : model::stairs_down(v, floor));
    // At the shelf itself (no line: at most K are called at once).
    const PlaceId door = ctx.world.area.units()[unit].door;
    ctx.enter_pickup(unit, RunContext::PickupArea::counter, model::HouseholdId{h}, door);
    co_await ctx.sim.delay(collect_time_);
    ctx.collect(shelf_[unit], model::HouseholdId{h});
    ctx.leave_pickup(unit, RunContext::PickupArea::counter, model::HouseholdId{h}, door);
    queued_[h] = 0;
    --called_[unit];
    call_next(unit);
  }

  std::uint32_t shelf_capacity_, max_at_shelf_;
  sim::Duration dwell_{0};
  std::deque<Standing> standing_;
  std::optional<sim::Event> put_standing_;  // pulsed when an item starts to stand on an empty list
  sim::Duration call_window_, collect_time_;
  RunContext* ctx_ = nullptr;
  ShelfHooks hooks_;
  sim::Rng pickups_;
  std::vector<std::vector<OrderId>> shelf_;          // per unit
  std::vector<std::deque<std::uint32_t>> call_queue_;  // per unit: households to call
  std::vector<std::uint32_t> called_;                // per unit: called, not yet done
  std::vector<std::uint8_t> queued_;                 // per household: in a queue or called
};

}  // namespace

ModeInfo shelves_mode_info() {
  auto knobs = gate_mode_knobs();
  using namespace std::chrono_literals;
  knobs.push_back({"shelf_capacity", KnobType::integer, std::int64_t{40}, 1, 100000,
                   "items one unit's shelf holds; beyond it the courier delivers to the door (assumption)", {}});
  knobs.push_back({"max_at_shelf", KnobType::integer, std::int64_t{1}, 1, 1000,
                   "K: residents called to a shelf at once (the article: one by one)", {}});
  knobs.push_back({"call_window", KnobType::duration, sim::Duration{10min}, 1, 86400,
                   "how long a called resident has to come before the next is called (assumption)", {}});
  knobs.push_back({"collect_time", KnobType::duration, sim::Duration{30s}, 1, 3600,
                   "a resident's time at the shelf (assumption)", {}});
  cite(knobs, "shelf_capacity", model::assumed(20.0, 100.0, "assumed"));
  cite(knobs, "max_at_shelf", model::sourced(1.0, 1.0, {"S0"}, "the report: residents are contacted one by one so that nobody gathers"));
  cite(knobs, "call_window", model::assumed(5min, 30min, "assumed"));
  cite(knobs, "collect_time", model::assumed(15s, 90s, "assumed"));
  return {"shelves",
          "Shuangjing: the relay, then shelves under each unit, disinfection, residents called one by one",
          std::move(knobs), [](const Knobs& k) { return std::make_unique<ShelvesMode>(k); }};
}

}  // namespace last100::modes::detail
