// Jinan "vegetable basket" (group buying): residents order through their compound's online
// group until a daily cut-off; the group leader tallies and sends one aggregated order; the
// supplier fills it after a lead time from limited stock (shortages cancel orders, oldest
// served first); logistics brings it to a mobile station set up with the compound; residents
// collect there, and a mobile team delivers to limited-mobility homes (and a share of others).

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

#include "builtin.hpp"
#include "last100/model/demand.hpp"
#include "last100/sim/event.hpp"
#include "last100/sim/resource.hpp"
#include "last100/modes/work_loop.hpp"
#include "tour.hpp"

namespace last100::modes::detail {
namespace {

constexpr std::int64_t day_ms = sim::one_day.count();

class GroupBuyMode final : public Mode {
 public:
  explicit GroupBuyMode(const Knobs& k)
      : cutoff_(k.duration("cutoff")),
        windows_(k.integer("windows_per_day")),
        lead_time_(k.duration("supplier_lead_time")),
        supply_ratio_(k.real("supply_ratio")),
        min_batch_(static_cast<std::uint32_t>(k.integer("min_batch"))),
        opens_(k.duration("station_opens")),
        closes_(k.duration("station_closes")),
        counters_(static_cast<std::uint32_t>(k.integer("station_counters"))),
        door_share_(k.real("door_share")),
        collect_time_(k.duration("collect_time")),
        resident_speed_(k.real("resident_walk_mps")),
        at_gate_(k.text("station_place") == "gate"),
        slot_length_(k.duration("slot_length")),
        counters_per_1000_(k.real("counters_per_1000_households")),
        substitute_share_(k.real("substitute_share")),
        aggregation_time_(k.duration("aggregation_time")) {
    const std::string& slots = k.text("pickup_slots");
    slots_ = slots == "household" ? Slots::household : slots == "unit" ? Slots::unit
           : slots == "building" ? Slots::building : Slots::none;
    for (std::size_t c = 0; c < model::category_count; ++c)
      supply_ratio_of_[c] = k.real(std::string("supply_") + std::string(model::to_string(static_cast<model::Category>(c))));
  }

  void start(RunContext& ctx) override {
    ctx_ = &ctx;
    ctx.spoil_rule.from_supplier = true;  // fresh food spoils from the supplier's dispatch
    const auto& area = ctx.world.area;
    const std::size_t compounds = area.compounds().size();
    tally_.assign(compounds, {});
    at_supplier_.assign(compounds, {});
    at_station_.assign(compounds, {});
    in_transport_.assign(compounds, {});
    door_queue_.assign(compounds, {});
    slot_free_.assign(compounds, sim::TimePoint{});
    carried_.assign(ctx.world.couriers.count(), {});
    pickups_ = ctx.streams.stream("pickup");
    doors_ = ctx.streams.stream("group_buy.door");
    // A mobile station per compound: the area's mobile station nearest its gate, else the gate.
    const auto mobiles = at_gate_ ? std::vector<PlaceId>{} : area.places_of_kind(net::PlaceKind::mobile_station);
    for (std::uint32_t c = 0; c < compounds; ++c) {
      PlaceId gate = ctx.gate_of_compound(c), best = gate;
      sim::Duration best_time = sim::Duration::max();
      for (PlaceId m : mobiles) {
        const sim::Duration t = ctx.world.travel.travel_time(model::TravelMode::walk, gate, m);
        if (t != net::unreachable && t < best_time && t < std::chrono::minutes{10}) {
          best = m;
          best_time = t;
        }
      }
      station_place_.push_back(best);
      // Counters sized per compound: at least station_counters, more for a large compound.
      std::uint32_t households = 0;
      for (std::uint32_t b : area.compounds()[c].buildings) {
        const auto& bd = area.buildings()[b];
        for (std::uint32_t u = bd.first_unit; u < bd.first_unit + bd.unit_count; ++u)
          households += area.units()[u].households_per_floor * bd.floors;
      }
      const auto sized = static_cast<std::uint32_t>(std::ceil(counters_per_1000_ * households / 1000.0));
      counters_res_.push_back(std::make_unique<sim::Resource>(ctx.sim, std::max(counters_, sized)));
    }
    substitutes_ = ctx.streams.stream("group_buy.substitute");
    // Daily stock per category: the supply ratio times the expected daily demand of the area.
    const double days = std::max(1.0, static_cast<double>(ctx.world.params.run.duration.count()) / day_ms);
    for (std::size_t k = 0; k < model::category_count; ++k)
      stock_per_day_[k] = (supply_ratio_of_[k] >= 0 ? supply_ratio_of_[k] : supply_ratio_) * model::expected_orders(ctx.world.params.demand, static_cast<model::Category>(k),
                                                                  ctx.world.households.count(), ctx.world.params.run.duration) / days;
    team_work_ = std::make_unique<sim::Event>(ctx.sim);
    ctx.sim.start(group_leaders());
    for (std::size_t i = 0; i < ctx.world.couriers.count(); ++i) {
      const CourierId c = make_id<model::CourierTag>(i);
      ctx.register_courier(c, ctx.sim.start(team_member(c, static_cast<std::uint32_t>(i % compounds))));
    }
  }

  void on_order(RunContext& ctx, OrderId order) override {
    tally_[ctx.compound_of_building(ctx.building_of(ctx.world.orders.household(order)))].push_back(order);
  }

  Holdings holdings(const RunContext& ctx) const override {
    Holdings h;
    const auto& orders = ctx.world.orders;
    for (const auto& t : tally_) h.add(orders, t, &Backlog::station);
    h.add(orders, aggregating_, &Backlog::station);
    for (const auto& s : at_supplier_) h.add(orders, s, &Backlog::station);
    for (const auto& s : at_station_) h.add(orders, s, &Backlog::shelf);
    for (const auto& t : in_transport_) h.add(orders, t, &Backlog::gate);
    for (const auto& d : door_queue_) h.add(orders, d, &Backlog::gate);
    for (const auto& c : carried_) h.add(orders, c, &Backlog::gate);
    return h;
  }

 private:

  // The group leaders of all compounds: at every cut-off, tally, aggregate and order.
  sim::Process group_leaders() {
    auto& ctx = *ctx_;
    std::vector<std::uint8_t> rolled(tally_.size(), 0);
    // Order windows: `windows` tallies a day, evenly spaced, the last at `cutoff`; each window
    // gets its share of the day's stock.
    const std::int64_t spacing = day_ms / windows_;
    for (std::int64_t tally = 0;; ++tally) {
      const std::int64_t day = tally / windows_, k = tally % windows_;
      const std::int64_t at = day * day_ms + (cutoff_.count() - (windows_ - 1 - k) * spacing);
      if (at < 0) continue;  // a window that would close before the run starts
      co_await ctx.sim.delay_until(sim::at_tick(at));
      std::vector<std::pair<std::uint32_t, std::vector<OrderId>>> sent;
      for (std::uint32_t c = 0; c < tally_.size(); ++c) {
        if (tally_[c].empty()) continue;
        // Too small a batch waits one more window for company.
        if (tally_[c].size() < min_batch_ && !rolled[c]) {
          rolled[c] = 1;
          continue;
        }
        rolled[c] = 0;
        sent.emplace_back(c, std::move(tally_[c]));
        tally_[c].clear();
      }
      if (sent.empty()) continue;
      for (auto& [c, orders] : sent) aggregating_.insert(aggregating_.end(), orders.begin(), orders.end());
      ctx.sim.start(aggregate(std::move(sent)));
    }
  }

  // The aggregation step: the group leaders check and total the tallies and feed them back
  // (aggregation_time), then the supplier fills the area's orders in dispatch order
  // (ctx.urgency: medicine before parcels, then the oldest) from its stock for the window.
  // A category that runs short offers a substitute from the category with most stock left,
  // which a share of residents accept (counted); the rest is cancelled out of stock.
  sim::Process aggregate(std::vector<std::pair<std::uint32_t, std::vector<OrderId>>> sent) {
    auto& ctx = *ctx_;
    co_await ctx.sim.delay(aggregation_time_);
    std::array<double, model::category_count> stock = stock_per_day_;
    for (double& s : stock) s /= static_cast<double>(windows_);
    std::vector<OrderId> all;
    for (auto& [c, orders] : sent) all.insert(all.end(), orders.begin(), orders.end());
    std::sort(all.begin(), all.end());
    std::erase_if(aggregating_, [&](OrderId o) { return std::binary_search(all.begin(), all.end(), o); });
    ctx.urgency.sort(all);
    for (OrderId o : all) {
      if (ctx.cancel_if_late(o)) continue;
      auto& s = stock[static_cast<std::size_t>(ctx.world.orders.category(o))];
      bool filled = false;
      if (s >= 1.0) {
        s -= 1.0;
        filled = true;
      } else if (substitute_share_ > 0 && substitutes_.bernoulli(substitute_share_)) {
        auto most = std::max_element(stock.begin(), stock.end());
        if (*most >= 1.0) {
          *most -= 1.0;
          ++ctx.substituted;
          filled = true;
        }
      }
      if (filled) {
        ctx.stamp(o, Stage::at_station);
        at_supplier_[compound_of(o)].push_back(o);
      } else {
        ctx.cancel(o, model::CancelReason::out_of_stock);
      }
    }
    for (auto& [c, orders] : sent) ctx.sim.start(shipment(c));
  }

  std::uint32_t compound_of(OrderId o) const {
    return ctx_->compound_of_building(ctx_->building_of(ctx_->world.orders.household(o)));
  }

  // One compound's aggregated order: supplier lead time, transport, then the mobile station.
  sim::Process shipment(std::uint32_t compound) {
    auto& ctx = *ctx_;
    co_await ctx.sim.delay(lead_time_);
    // With slots, goods that would arrive too late for the shipment's slots before closing stay
    // in the supplier's cold chain and leave to arrive for the slots of the next opening.
    if (slots_ != Slots::none && !at_supplier_[compound].empty()) {
      const sim::TimePoint leave = dispatch_time(compound);
      if (leave > ctx.sim.now()) co_await ctx.sim.delay_until(leave);
    }
    auto& transport = in_transport_[compound];
    transport.insert(transport.end(), at_supplier_[compound].begin(), at_supplier_[compound].end());
    const std::size_t first = transport.size() - at_supplier_[compound].size();
    at_supplier_[compound].clear();
    if (first == transport.size()) co_return;
    for (std::size_t i = first; i < transport.size(); ++i) ctx.stamp(transport[i], Stage::loaded);
    const PlaceId place = station_place_[compound];
    const sim::Duration trip = ctx.vehicle_time(ctx.station(), place);
    ctx.vehicle_moving(compound, place, trip);  // one supplier van per compound
    co_await ctx.sim.delay(trip);
    // Shipments of one compound arrive in the order they left (same lead time and trip).
    std::vector<OrderId> goods(transport.begin(), transport.end());
    transport.clear();
    // Limited-mobility homes and a share of the others get door delivery by the mobile team.
    std::vector<std::uint32_t> households;
    for (OrderId o : goods) {
      ctx.stamp(o, Stage::at_gate);
      const auto h = ctx.world.orders.household(o).index();
      const bool door = ctx.world.households.limited_mobility[h] != 0 || !ctx.residents_may_collect(compound) ||
                        door_share_draw(h);
      if (door) {
        ctx.urgency.insert(door_queue_[compound], o);
        door_changed(compound);
      } else {
        ctx.stamp(o, Stage::at_shelf_or_door);
        at_station_[compound].push_back(o);
        households.push_back(static_cast<std::uint32_t>(h));
      }
    }
    team_work_->notify_one();  // one idle member; it passes the rest on
    std::sort(households.begin(), households.end());
    households.erase(std::unique(households.begin(), households.end()), households.end());
    if (slots_ == Slots::none) {
      for (std::uint32_t h : households) ctx.sim.start(resident(compound, h, sim::TimePoint{}));
      co_return;
    }
    // Staggered pickup slots: households (or whole units, or buildings) in area order get
    // consecutive slots of slot_length from the compound's first free slot (its station's next
    // opening, or after the slots given to the shipment before), as many groups to a slot as
    // spread one shipment over a day's opening hours. Slots end at closing: the rest carry
    // over, in order, to the next opening, so that a second window's shipment neither calls
    // residents after closing nor crowds into the slots of the first.
    std::vector<std::uint32_t> group_of(households.size());
    for (std::size_t i = 0; i < households.size(); ++i) {
      const auto h = households[i];
      group_of[i] = slots_ == Slots::household ? h
                  : slots_ == Slots::unit      ? ctx.world.households.unit[h]
                                               : ctx.world.households.building[h];
    }
    std::vector<std::uint32_t> groups = group_of;
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    const auto slots_open = std::max<std::int64_t>(1, (closes_ - opens_).count() / std::max<std::int64_t>(1, slot_length_.count()));
    const auto per_slot = static_cast<std::int64_t>((static_cast<std::int64_t>(groups.size()) + slots_open - 1) / slots_open);
    if (groups.empty()) co_return;  // every household's goods go to the door
    std::vector<sim::TimePoint> slot_of((groups.size() + static_cast<std::size_t>(per_slot) - 1) / static_cast<std::size_t>(per_slot));
    sim::TimePoint t = std::max(ctx.sim.now(), slot_free_[compound]);
    for (auto& s : slot_of) {
      t = slot_start(t);
      s = t;
      t += slot_length_;
    }
    if (!slot_of.empty()) slot_free_[compound] = t;
    for (std::size_t i = 0; i < households.size(); ++i) {
      const auto k = static_cast<std::int64_t>(std::lower_bound(groups.begin(), groups.end(), group_of[i]) - groups.begin());
      ctx.sim.start(resident(compound, households[i], slot_of[static_cast<std::size_t>(k / per_slot)]));
    }
  }

  // Pickup groups (households, units or buildings) of a list of households, sorted, unique.
  std::vector<std::uint32_t> pickup_groups(const std::vector<std::uint32_t>& households) const {
    std::vector<std::uint32_t> groups;
    for (const std::uint32_t h : households)
      groups.push_back(slots_ == Slots::household ? h
                       : slots_ == Slots::unit    ? ctx_->world.households.unit[h]
                                                  : ctx_->world.households.building[h]);
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    return groups;
  }

  // When the supplier sends what waits for `compound` so that all its pickup slots (counted
  // over every household of the goods, door deliveries included: an upper bound) fall in one
  // opening: now if they fit before today's closing, else to arrive at the first opening where
  // they do (after the slots already given out).
  sim::TimePoint dispatch_time(std::uint32_t compound) const {
    auto& ctx = *ctx_;
    std::vector<std::uint32_t> households;
    for (const OrderId o : at_supplier_[compound]) households.push_back(static_cast<std::uint32_t>(ctx.world.orders.household(o).index()));
    const auto groups = static_cast<std::int64_t>(pickup_groups(households).size());
    const auto slots_open = std::max<std::int64_t>(1, (closes_ - opens_).count() / std::max<std::int64_t>(1, slot_length_.count()));
    const std::int64_t per_slot = (groups + slots_open - 1) / slots_open;
    const std::int64_t needed = per_slot == 0 ? 0 : (groups + per_slot - 1) / per_slot;
    const sim::Duration trip = ctx.vehicle_time(ctx.station(), station_place_[compound]);
    sim::TimePoint first = slot_start(std::max(ctx.sim.now() + trip, slot_free_[compound]));
    for (int day = 0; day < 3; ++day) {
      const sim::TimePoint close = sim::at_day(sim::day_of(first), closes_);
      if (first + slot_length_ * needed <= close) break;
      first = slot_start(std::max(next_open(close), slot_free_[compound]));
    }
    return std::max(ctx.sim.now(), first - trip);
  }

  // The first slot starting at or after `t` that ends by the station's closing (a slot that
  // would run past closing starts at the next opening instead).
  sim::TimePoint slot_start(sim::TimePoint t) const {
    t = next_open(t);
    const sim::TimePoint close = sim::at_day(sim::day_of(t), closes_);
    if (t + slot_length_ > close) t = next_open(close);
    return t;
  }

  // Keeps door_work_ in step with door_queue_[k] after a change.
  void door_changed(std::uint32_t k) {
    if (door_queue_[k].empty()) door_work_.erase(k);
    else door_work_.insert(k);
  }

  // Door delivery for a share of households, drawn once per household and day of shipment.
  bool door_share_draw(std::size_t) { return door_share_ > 0 && doors_.bernoulli(door_share_); }

  sim::TimePoint next_open(sim::TimePoint t) const {
    const std::int64_t day = sim::day_of(t);
    const sim::TimePoint open = sim::at_day(day, opens_), close = sim::at_day(day, closes_);
    if (t < open) return open;
    if (t >= close) return open + std::chrono::hours{24};
    return t;
  }

  // A resident told that the goods are in: comes when the station is open, queues, collects.
  // With a slot (slot != TimePoint{}): comes at a uniformly random moment within it.
  sim::Process resident(std::uint32_t compound, std::uint32_t h, sim::TimePoint slot) {
    auto& ctx = *ctx_;
    const auto& pop = ctx.world.params.population;
    if (slot != sim::TimePoint{}) {
      const auto within = static_cast<std::int64_t>(pickups_.uniform01() * static_cast<double>(slot_length_.count()));
      co_await ctx.sim.delay_until(slot + sim::Duration{within});
    } else {
      // The group is told when the station opens; each resident then comes in their own time.
      co_await ctx.sim.delay_until(next_open(ctx.sim.now()));
      co_await ctx.sim.delay(model::sample_pickup_delay(pop, ctx.world.households.pickup[h], pickups_));
    }
    co_await ctx.sim.delay_until(next_open(ctx.sim.now()));
    if (!ctx.residents_may_collect(compound)) {
      // Sealed meanwhile: the mobile team brings this household's goods to the door instead.
      auto& items = at_station_[compound];
      for (std::size_t i = 0; i < items.size();) {
        if (ctx.world.orders.household(items[i]).index() == h) {
          ctx.urgency.insert(door_queue_[compound], items[i]);
          door_changed(compound);
          items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
          ++i;
        }
      }
      team_work_->notify_one();  // one idle member; it passes the rest on
      co_return;
    }
    const PlaceId door = ctx.door_of(model::HouseholdId{h});
    const sim::Duration walk =
        ctx.world.travel.travel_time(model::TravelMode::walk, door, station_place_[compound], resident_speed_);
    co_await ctx.sim.delay(walk == net::unreachable ? std::chrono::minutes{10} : walk);
    // Everyone at the station, queueing or served, stands together: that is the crowding.
    const model::HouseholdId home{h};
    ctx.enter_pickup(compound, RunContext::PickupArea::queue, home, station_place_[compound]);
    {
      auto counter = co_await counters_res_[compound]->request();
      ctx.move_to_counter(compound, home);
      co_await ctx.sim.delay(collect_time_);
      ctx.counter_contact(home);  // served by the station's staff, face to face
      ctx.collect(at_station_[compound], home);
    }
    ctx.leave_pickup(compound, RunContext::PickupArea::counter, home, station_place_[compound]);
  }

  // A member of the mobile team: door deliveries from its compound's station, helping others.
  sim::Process team_member(CourierId c, std::uint32_t home) {
    auto& ctx = *ctx_;
    auto& sim = ctx.sim;
    auto& carried = carried_[c.index()];
    PlaceId here = station_place_[home];
    CourierWork work(ctx, c);
    try {
      for (;;) {
        if (co_await work.pause()) continue;  // off shift or on duty: waited
        // Its own compound's station first, else the first compound (by index) with door work.
        std::uint32_t from = home;
        if (door_queue_[home].empty() && !door_work_.empty()) from = *door_work_.begin();
        if (door_queue_[from].empty()) {
          ctx.set_state(c, CourierState::idle);
          const std::size_t woken_by = co_await sim::any_of_within(sim, ctx.idle_limit(c), *team_work_);
          // Woken for work at the very end of its shift or before duty: the next one takes it.
          if (woken_by == 0 && ctx.pause_before_work(c).length.count() > 0) team_work_->notify_one();
          continue;
        }
        ctx.drop_late(door_queue_[from]);
        door_changed(from);
        if (door_queue_[from].empty()) continue;
        std::vector<OrderId> all(door_queue_[from].begin(), door_queue_[from].end());
        auto loads = split_to_capacity(ctx, c, std::move(all));
        carried = std::move(loads.front());
        door_queue_[from].erase(door_queue_[from].begin(),
                                door_queue_[from].begin() + static_cast<std::ptrdiff_t>(carried.size()));
        door_changed(from);
        if (!door_work_.empty()) team_work_->notify_one();  // work left: the next idle member
        const PlaceId station = station_place_[from];
        ctx.set_state(c, CourierState::walking);
        const sim::Duration to_station = ctx.walk_time(c, here, station);
        ctx.moving(c, station, to_station);
        co_await sim.delay(to_station);
        here = station;
        const Leg loading = loading_leg(carried.size());
        ctx.set_state(c, loading.state);
        co_await sim.delay(loading.duration);
        for (const Leg& leg : plan_door_tour(ctx, c, station, station, carried)) {
          ctx.set_state(c, leg.state);
          ctx.moving(c, leg.to, leg.duration);
          co_await sim.delay(leg.duration);
          complete_leg(ctx, leg, carried);
        }
      }
    } catch (const sim::Interrupted&) {
      // Quarantined: the load goes back to its compound's door queue, in dispatch order.
      work.quarantined(carried, [&](std::vector<OrderId> load) {
        for (OrderId o : load) {
          ctx.urgency.insert(door_queue_[compound_of(o)], o);
          door_changed(compound_of(o));
        }
        team_work_->notify_one();  // one idle member; it passes the rest on
      });
      if (!door_work_.empty()) team_work_->notify_one();  // it may have been woken for work
    }
  }

  sim::Duration cutoff_;
  std::int64_t windows_;
  sim::Duration lead_time_;
  double supply_ratio_;
  std::uint32_t min_batch_;
  sim::Duration opens_, closes_;
  std::uint32_t counters_;
  double door_share_;
  sim::Duration collect_time_;
  double resident_speed_;
  bool at_gate_;
  enum class Slots : std::uint8_t { none, household, unit, building } slots_ = Slots::none;
  sim::Duration slot_length_;
  double counters_per_1000_, substitute_share_;
  sim::Duration aggregation_time_;
  std::array<double, model::category_count> supply_ratio_of_{};
  RunContext* ctx_ = nullptr;
  sim::Rng pickups_, doors_, substitutes_;
  std::vector<OrderId> aggregating_;  // tallied, with the group leaders
  std::array<double, model::category_count> stock_per_day_{};
  std::vector<std::vector<OrderId>> tally_, at_supplier_, at_station_;
  std::vector<std::deque<OrderId>> door_queue_;
  std::vector<sim::TimePoint> slot_free_;  // per compound: the start of its first slot not given out
  std::set<std::uint32_t> door_work_;  // compounds whose door queue is not empty
  std::vector<std::vector<OrderId>> carried_;
  std::vector<std::vector<OrderId>> in_transport_;
  std::vector<PlaceId> station_place_;
  std::vector<std::unique_ptr<sim::Resource>> counters_res_;
  std::unique_ptr<sim::Event> team_work_;
};

}  // namespace

ModeInfo group_buy_mode_info() {
  using namespace std::chrono_literals;
  std::vector<KnobSpec> knobs = {
      {"cutoff", KnobType::clock, sim::Duration{20h}, 0, 86400, "daily tally time of the group leaders (assumption)", {}},
      {"windows_per_day", KnobType::integer, std::int64_t{1}, 1, 24,
       "order windows a day, evenly spaced, the last closing at the cut-off (2: tallies at 08:00 and 20:00)", {}},
      {"supplier_lead_time", KnobType::duration, sim::Duration{10h}, 0, 30 * 86400,
       "from the tally to dispatch by the supplier (assumption: overnight)", {}},
      {"supply_ratio", KnobType::real, 1.2, 0, 100,
       "daily stock over expected daily demand, per category; below 1 means shortages (assumption)", {}},
      {"min_batch", KnobType::integer, std::int64_t{10}, 0, 1000000,
       "smallest aggregated order a compound sends; smaller ones wait one day", {}},
      {"station_opens", KnobType::clock, sim::Duration{7h}, 0, 86400, "mobile station opening (couriers from 07:00)", {}},
      {"station_closes", KnobType::clock, sim::Duration{20h}, 0, 86400, "mobile station closing (assumption)", {}},
      {"station_place", KnobType::text, std::string("mobile"), 0, 0,
       "where a compound's mobile station stands: the area's mobile station nearest its gate (within 10 minutes' walk, "
       "else the gate), or always the gate",
       {"mobile", "gate"}},
      {"station_counters", KnobType::integer, std::int64_t{2}, 1, 1000, "residents served at once at a mobile station", {}},
      {"door_share", KnobType::real, 0.0, 0, 1,
       "share of other households whose goods the mobile team brings to the door", {}},
      {"collect_time", KnobType::duration, sim::Duration{60s}, 1, 3600, "a resident's time at the counter (assumption)", {}},
      {"resident_walk_mps", KnobType::real, 1.0, 0.1, 5, "residents' walking speed to the station (assumption)", {}},
      {"pickup_slots", KnobType::text, std::string("unit"), 0, 0,
       "staggered pickup slots by household, unit or building (the report: avoid gathering); none: everyone is "
       "told when the station opens",
       {"none", "household", "unit", "building"}},
      {"slot_length", KnobType::duration, sim::Duration{15min}, 60, 86400,
       "length of one pickup slot; slots run from the station's opening, groups share a slot when there are more "
       "groups than slots (assumption)",
       {}},
      {"counters_per_1000_households", KnobType::real, 0.0, 0, 1000,
       "counters per 1,000 households of the compound (at least station_counters); 0: station_counters everywhere", {}},
      {"substitute_share", KnobType::real, 0.0, 0, 1,
       "share of residents whose item ran short who accept a substitute from the category with most stock left "
       "(counted as substitutions); the others are cancelled out of stock",
       {}},
      {"aggregation_time", KnobType::duration, sim::Duration{1h}, 0, 86400,
       "group leaders checking, totalling and feeding back the tally before the supplier fills it (assumption)", {}},
  };
  for (std::size_t c = 0; c < model::category_count; ++c)
    knobs.push_back({std::string("supply_") + std::string(model::to_string(static_cast<model::Category>(c))),
                     KnobType::real, -1.0, -1, 100,
                     "the supplier's daily stock of this category over its expected daily demand; -1: supply_ratio",
                     {}});
  cite(knobs, "cutoff", model::assumed(18h, 22h, "an evening tally, as the report's online groups [S0]"));
  cite(knobs, "windows_per_day", model::assumed(1.0, 2.0, "one evening tally, as the report's online groups [S0]; a morning one at most"));
  cite(knobs, "supplier_lead_time", model::assumed(6h, 72h, {"S39"}, "overnight for an organised scheme such as Jinan's (assumed); in Shanghai 2022 vendors dispatched group orders to the compound usually days later [S39]"));
  cite(knobs, "min_batch", model::assumed(0.0, 30.0, {"S39"}, "assumed; in Shanghai 2022 vendors' group deals needed 10 buyers or 30 sets [S39]"));
  cite(knobs, "station_opens", model::sourced(6h, 8h, {"S0"}, "the report (Jinan): couriers start at 07:00"));
  cite(knobs, "station_closes", model::assumed(18h, 22h, "assumed"));
  cite(knobs, "station_counters", model::assumed(1.0, 8.0, "assumed"));
  cite(knobs, "door_share", model::assumed(0.0, 0.2, "the report: mobile teams bring goods to those who cannot come [S0]; the share is assumed"));
  cite(knobs, "collect_time", model::assumed(30s, 180s, "assumed"));
  cite(knobs, "resident_walk_mps", model::sourced(0.8, 1.3, {"S1"}, "residents include the elderly: 65+ walk at 1.25 m/s on average, 0.97 m/s at the 15th percentile [S1]; carrying goods back"));
  cite(knobs, "slot_length", model::assumed(10min, 60min, "assumed"));
  cite(knobs, "counters_per_1000_households", model::setting("0: `station_counters` at every station"));
  cite(knobs, "substitute_share", model::assumed(0.0, 0.5, "assumed"));
  cite(knobs, "aggregation_time", model::assumed(30min, 3h, "group leaders checking and totalling the tally"));
  {
    model::Provenance p = model::assumed(1.5, 5.0, {"S16"}, "platforms raised their stock 1.5 to 5 times when Beijing's panic buying began (Dingdong 1.5x against orders +50%, Freshippo and 7Fresh 2-3x, Meituan Maicai 3-5x) [S16]; these are against normal stock, while demand rose too (Dingdong's orders +50% [S16])");
    p.contradiction = "the default 1.2 lies below what the platforms stocked [S16]; kept until the supplier rule is revised (issue 23)";
    cite(knobs, "supply_ratio", std::move(p));
  }
  for (std::size_t c = 0; c < model::category_count; ++c)
    cite(knobs, std::string("supply_") + std::string(model::to_string(static_cast<model::Category>(c))),
         model::setting("-1: `supply_ratio`"));
  return {"group_buy",
          "Jinan vegetable basket: group tallies at a cut-off, supplier with lead time and stock, mobile stations and teams",
          std::move(knobs), [](const Knobs& k) { return std::make_unique<GroupBuyMode>(k); }};
}

}  // namespace last100::modes::detail
