#include "relay_stage.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "builtin.hpp"

namespace last100::modes::detail {

using namespace std::chrono_literals;

// ---- AgeQueues ----------------------------------------------------------------------------

void AgeQueues::push(std::uint32_t q, OrderId o) {
  auto& d = q_[q];
  // Goods arrive nearly in age order; an older one (held back, returned) is slotted in.
  if (d.empty() || d.back() < o) d.push_back(o);
  else d.insert(std::upper_bound(d.begin(), d.end(), o), o);
  ++size_;
}

void AgeQueues::take(std::uint32_t q, std::size_t first, std::size_t count, std::vector<OrderId>& out) {
  auto& d = q_[q];
  const auto b = d.begin() + static_cast<std::ptrdiff_t>(first);
  const auto e = b + static_cast<std::ptrdiff_t>(count);
  out.insert(out.end(), b, e);
  d.erase(b, e);
  size_ -= count;
}

// ---- RelayStage ---------------------------------------------------------------------------

RelayStage::RelayStage(RunContext& ctx, const StageOptions& options)
    : ctx_(ctx), options_(options), sort_started_(ctx.sim), arrivals_(ctx.sim), arrived_anywhere_(ctx.sim) {
  ctx.use_station(options.station);
  ctx.spoil_rule.cold_storage_at_station = options.cold_storage;
  const auto& area = ctx.world.area;
  route_area_of_building_.assign(area.buildings().size(), 0);
  const std::uint32_t size = std::max<std::uint32_t>(1, options.route_area_size);
  for (std::uint32_t c = 0; c < area.compounds().size(); ++c) {
    first_route_area_.push_back(static_cast<std::uint32_t>(compound_of_route_area_.size()));
    const auto& bs = area.compounds()[c].buildings;
    for (std::size_t i = 0; i < bs.size(); ++i) {
      if (i % size == 0) compound_of_route_area_.push_back(c);
      route_area_of_building_[bs[i]] = static_cast<std::uint32_t>(compound_of_route_area_.size() - 1);
    }
    arrived_.emplace_back(ctx.sim);
  }
  first_route_area_.push_back(static_cast<std::uint32_t>(compound_of_route_area_.size()));
  // Both by route-area and category, so that each queue is in dispatch order already.
  const std::size_t queues = model::category_count * compound_of_route_area_.size();
  station_.resize(queues);  // plans use open_ to find the first
  at_gate_.resize(queues);  // couriers look at their neighbourhood: gate_first_
  at_station_per_compound_.assign(area.compounds().size(), 0);
  at_gate_per_compound_.assign(area.compounds().size(), 0);
  gate_first_.assign(area.compounds().size(), OrderId::none());
  crow_near_.resize(area.compounds().size());
  on_vehicle_.resize(ctx.world.params.vehicles.count);
  for (std::uint32_t v = 0; v < ctx.world.params.vehicles.count; ++v) turn_.emplace_back(ctx.sim);
  const std::size_t compounds = area.compounds().size();
  first_leg_.assign(compounds, sim::Duration::min());
  gate_view_.assign(compounds, GateView{});
  filed_.assign(compounds, Filed::none);
  filed_first_.assign(compounds, LeaveKey{});
  filed_at_.assign(compounds, blocked_at_.end());
  station_front_.assign(queues, OrderId::none());
  nearest_.resize(compounds);
  tried_.assign(compounds, 0);
  sprayer_free_.assign(compounds, sim::TimePoint::min());
  for (std::uint32_t i = 0; i < ctx.world.params.sorting.crew; ++i) crew_free_.push(sim::TimePoint::min());
  // Couriers grouped by what fresh_slot reads of them: arrival and shift hours.
  const auto& cs = ctx.world.couriers;
  std::map<std::tuple<sim::Duration, sim::Duration, sim::Duration>, std::size_t> kinds;
  for (std::uint32_t i = 0; i < cs.count(); ++i) {
    const CourierId c = make_id<model::CourierTag>(i);
    const auto [it, added] = kinds.try_emplace({cs.arrives_at(c), cs.shift_start(c), cs.shift_end(c)}, shift_kinds_.size());
    if (added) shift_kinds_.emplace_back();
    shift_kinds_[it->second].couriers.push_back(c);
  }
}

void RelayStage::start() {
  for (std::uint32_t v = 0; v < ctx_.world.params.vehicles.count; ++v) ctx_.sim.start(vehicle(v));
  if (!crew_free_.empty()) ctx_.sim.start(sorter());
}

bool RelayStage::perishable_queue(std::uint32_t q) const {
  return ctx_.world.params.demand.categories[q % model::category_count].spoil_after.count() > 0;
}

std::uint32_t RelayStage::queue_of(OrderId o) const {
  const std::uint32_t b = ctx_.building_of(ctx_.world.orders.household(o));
  return static_cast<std::uint32_t>(model::category_count) * route_area_of_building_[b] +
         static_cast<std::uint32_t>(ctx_.world.orders.category(o));
}

std::uint32_t RelayStage::compound_of_order(OrderId o) const {
  return compound_of_route_area_[queue_of(o) / model::category_count];
}

// Under fifo the first term alone: the age promise, monotone in order ids. Under urgency an
// order with a due time must also leave early enough for the first leg, the unloading and the
// gate's per-load spraying and contact time, and a courier's fresh_allowance to deliver it.
sim::TimePoint RelayStage::leave_by(OrderId o, std::uint32_t compound) const {
  const auto& vp = ctx_.world.params.vehicles;
  const sim::TimePoint waited = ctx_.world.orders.time(o, Stage::at_station) + vp.interval;
  if (ctx_.urgency.rule() != model::DispatchRule::urgency) return waited;
  const sim::TimePoint due = ctx_.urgency.due(o);
  if (due == model::never) return waited;
  if (first_leg_[compound] == sim::Duration::min())
    first_leg_[compound] = vp.load_time + ctx_.vehicle_time(ctx_.station(), gate(compound));
  const auto& d = ctx_.world.params.zone.disinfection;
  const sim::Duration to_courier = first_leg_[compound] + vp.unload_time + d.gate_per_load + d.gate_dwell;
  return std::min(waited, due - to_courier - options_.fresh_allowance);
}

void RelayStage::accept(OrderId order) {
  const auto& demand = ctx_.world.params.demand.categories[static_cast<std::size_t>(ctx_.world.orders.category(order))];
  if (demand.rider_to_gate.count() > 0) {
    if (refuse_ride(order, demand.rider_to_gate)) return;
    riding_.insert(order);
    ctx_.sim.start(ride_to_gate(order, demand.rider_to_gate));
    return;
  }
  ctx_.stamp(order, Stage::at_station);
  if (crew_free_.empty()) {
    queue_at_station(order);
    return;
  }
  // First come, first sorted, by whichever crew member is free first; everyone takes the
  // same time per item, so goods leave the crew in the order they came.
  const auto& sorting = ctx_.world.params.sorting;
  const sim::Duration handling = sorting.per_item + ctx_.world.params.zone.disinfection.station_per_item;
  const sim::TimePoint begin = crew_start(std::max(ctx_.now(), crew_free_.top()));
  crew_free_.pop();
  crew_free_.push(begin + handling);
  if (sorting_.empty()) sort_started_.notify_all();
  sorting_.emplace_back(begin + handling, order);
}

sim::TimePoint RelayStage::crew_start(sim::TimePoint t) const {
  const auto& sorting = ctx_.world.params.sorting;
  const sim::Duration handling = sorting.per_item + ctx_.world.params.zone.disinfection.station_per_item;
  for (std::int64_t day = sim::day_of(t);; ++day) {
    const sim::TimePoint starts = sim::at_day(day, sorting.starts), ends = sim::at_day(day, sorting.ends);
    const sim::TimePoint begin = std::max(t, starts);
    if (begin + handling <= ends) return begin;  // the loader checks that an item fits in a shift
  }
}

sim::Process RelayStage::sorter() {
  auto& sim = ctx_.sim;
  for (;;) {
    if (sorting_.empty()) {
      co_await sort_started_.wait();
      continue;
    }
    if (sorting_.front().first > sim.now()) {
      co_await sim.delay_until(sorting_.front().first);
      continue;
    }
    while (!sorting_.empty() && sorting_.front().first <= sim.now()) {
      queue_at_station(sorting_.front().second);
      sorting_.pop_front();
    }
  }
}

// The platform sends a rider only where the meal can be handed over and delivered while it is
// still a meal (docs/modes.md, "Takeout by rider"): a gate closed when the rider would arrive
// (its hours, a closure, no passes yet) refuses it (zone_closed), as platforms suspended
// delivery to sealed addresses; a meal no courier inside could take and deliver before its
// deadline (it would reach the gate after the last shift) is cancelled at once
// (deadline_missed, counted as late takeout) instead of standing at the gate overnight.
bool RelayStage::refuse_ride(OrderId order, sim::Duration after) {
  const sim::TimePoint arrive = ctx_.now() + after;
  const PlaceId g = gate(compound_of_order(order));
  if (ctx_.next_gate_open(g, arrive) != arrive) {
    ctx_.cancel(order, model::CancelReason::zone_closed);
    return true;
  }
  const sim::TimePoint ready = arrive + ctx_.world.params.zone.disinfection.gate_dwell;
  const sim::TimePoint due = ctx_.urgency.due(order);
  const sim::TimePoint slot = fresh_slot(ready);
  if (due != model::never && (slot == sim::TimePoint::max() || slot + options_.fresh_allowance > due)) {
    ctx_.cancel(order, model::CancelReason::deadline_missed);
    return true;
  }
  return false;
}

// The rider reaches an open gate (refuse_ride): the meal is sprayed and stands like a van's load.
sim::Process RelayStage::ride_to_gate(OrderId order, sim::Duration after) {
  co_await ctx_.sim.delay(after);
  riding_.erase(order);
  ctx_.stamp(order, Stage::at_gate);
  const std::uint32_t ra = queue_of(order) / static_cast<std::uint32_t>(model::category_count);
  unloaded_at_gate(Batch{compound_of_route_area_[ra], ra, {order}});
}

void RelayStage::queue_at_station(OrderId order) {
  const std::uint32_t q = queue_of(order);
  station_.push(q, order);
  station_kg_ += ctx_.world.orders.weight_kg(order);
  ++at_station_per_compound_[compound_of_route_area_[q / model::category_count]];
  station_changed(q);
  arrivals_.notify_all();
}

// The earliest time at or after `handover` from which some courier not quarantined is on
// shift for fresh_allowance without a break (today's shift or the next one), or max().
// Couriers with the same arrival and shift hours give the same time: one of each kind that is
// not quarantined is asked.
sim::TimePoint RelayStage::fresh_slot(sim::TimePoint handover) const {
  const auto& cs = ctx_.world.couriers;
  sim::TimePoint best = sim::TimePoint::max();
  for (std::size_t k = 0; k < shift_kinds_.size() && best != handover; ++k) {
    const ShiftKind& kind = shift_kinds_[k];
    while (kind.first_free < kind.couriers.size() && ctx_.quarantined(kind.couriers[kind.first_free])) ++kind.first_free;
    if (kind.first_free == kind.couriers.size()) continue;
    const CourierId c = kind.couriers[kind.first_free];
    sim::TimePoint from = handover;
    for (int shift = 0; shift < 2 && from < best; ++shift) {
      const sim::TimePoint start = std::max(from, ctx_.next_shift_start(c, from));
      const sim::TimePoint midnight = start - (start.time_since_epoch() % sim::Duration{24h});
      sim::TimePoint end = midnight + cs.shift_end(c);
      if (end <= start) end += 24h;
      if (start + options_.fresh_allowance <= end) {
        best = std::min(best, start);
        break;
      }
      from = end;
    }
  }
  return best;
}

// Fresh food of one queue is shipped only from the first order a courier could still take at
// the gate and deliver before it spoils (a courier's time starts at `slot`, from fresh_slot);
// deadlines grow along the queue (placement order, the same cold-room pause for all), so the
// rest can go too: a binary search finds the first.
std::uint32_t RelayStage::fresh_servable_from(std::uint32_t queue, sim::TimePoint slot) const {
  const auto& d = station_.queue(queue);
  if (slot == sim::TimePoint::max()) return static_cast<std::uint32_t>(d.size());
  const auto it = std::partition_point(d.begin(), d.end(), [&](OrderId o) {
    return slot + options_.fresh_allowance > ctx_.spoil_deadline(o);
  });
  return static_cast<std::uint32_t>(it - d.begin());
}

// Adds `compound` as the next stop if its gate is open from arrival until the unloading and
// disinfection are done, with its route-areas in dispatch order until the van is full. Returns
// false (and leaves the plan as it was) if nothing of the compound can go on this trip.
bool RelayStage::add_stop(Plan& plan, std::uint32_t compound, sim::TimePoint& t, PlaceId& here) const {
  const auto& vp = ctx_.world.params.vehicles;
  const PlaceId g = gate(compound);
  const sim::TimePoint arrive = t + ctx_.vehicle_time(here, g);
  const sim::TimePoint done = arrive + vp.unload_time + ctx_.gate_disinfection(g, arrive);  // a sealed compound's own rule
  if (!ctx_.gate_open_through(g, arrive, done)) {
    if (plan.stops.empty()) {
      // Try again when leaving now would reach the gate as it opens.
      const sim::TimePoint opens = ctx_.next_gate_open(g, done);
      plan.retry = std::min(plan.retry, opens - (arrive - ctx_.now()));
    }
    return false;
  }
  // The compound's route-areas by their first order (dispatch order) that can go; in each, the
  // category queues merged in dispatch order, from the first order of each that can go.
  constexpr auto k = static_cast<std::uint32_t>(model::category_count);
  struct Area {
    OrderId first;
    std::uint32_t ra;
    std::array<std::uint32_t, model::category_count> next;
  };
  std::vector<Area> areas;
  std::optional<sim::TimePoint> slot;
  const auto before = ctx_.urgency.less();
  for (std::uint32_t ra = first_route_area_[compound]; ra < first_route_area_[compound + 1]; ++ra) {
    Area a{OrderId::none(), ra, {}};
    for (std::uint32_t cat = 0; cat < k; ++cat) {
      const std::uint32_t q = k * ra + cat;
      const auto& d = station_.queue(q);
      if (d.empty()) continue;
      if (perishable_queue(q)) {
        // Couriers can take the goods once they have stood their contact time (spraying
        // each item at the gate is not counted here: its queue is not known yet).
        if (!slot) slot = fresh_slot(done + ctx_.world.params.zone.disinfection.gate_dwell);
        a.next[cat] = fresh_servable_from(q, *slot);
      }
      if (a.next[cat] < d.size() && (!a.first.valid() || before(d[a.next[cat]], a.first))) a.first = d[a.next[cat]];
    }
    if (a.first.valid()) areas.push_back(a);
  }
  std::sort(areas.begin(), areas.end(), [&](const Area& x, const Area& y) { return before(x.first, y.first); });
  Stop stop{compound, {}};
  const auto& orders = ctx_.world.orders;
  bool full = false;
  for (Area& a : areas) {
    if (full) break;
    const auto from = a.next;
    for (;;) {
      // The first in dispatch order among the queues' next orders (a handful of queues).
      std::optional<std::uint32_t> best;
      for (std::uint32_t cat = 0; cat < k; ++cat) {
        const auto& d = station_.queue(k * a.ra + cat);
        if (a.next[cat] < d.size() &&
            (!best || before(d[a.next[cat]], station_.queue(k * a.ra + *best)[a.next[*best]])))
          best = cat;
      }
      if (!best) break;
      const OrderId o = station_.queue(k * a.ra + *best)[a.next[*best]];
      const double w = orders.weight_kg(o);
      if (plan.items >= vp.capacity_items || (plan.items > 0 && plan.kg + w > vp.capacity_kg)) {
        full = true;
        break;
      }
      ++plan.items;
      plan.kg += w;
      plan.leave_by = std::min(plan.leave_by, leave_by(o, compound));
      ++a.next[*best];
    }
    for (std::uint32_t cat = 0; cat < k; ++cat)
      if (a.next[cat] > from[cat]) stop.picks.push_back({k * a.ra + cat, from[cat], a.next[cat] - from[cat]});
  }
  if (stop.picks.empty()) return false;
  plan.stops.push_back(std::move(stop));
  t = done;
  here = g;
  return true;
}

// The first stop is the compound whose first order by leave_by can go; then, while there is room
// and stops left, the nearest compound by van (ties: lowest index) with goods that can go.
// Compounds whose gate a van leaving now would reach closed are kept apart (open_, blocked_*),
// so that the first stop looks only at compounds it could serve, and the retry time of an
// empty plan (the earliest time leaving would reach a gate as it opens) is read off an index.
RelayStage::Plan RelayStage::plan_trip() {
  const auto& vp = ctx_.world.params.vehicles;
  refresh_gate_views();
  Plan plan;
  plan.retry = ctx_.now() + 15min;  // goods that cannot go now: look again in a while
  sim::TimePoint t = ctx_.now() + vp.load_time;
  PlaceId here = ctx_.station();
  for (const auto& [first, c] : open_)
    if (add_stop(plan, c, t, here)) break;
  if (plan.stops.empty()) {
    // Every compound with goods was tried: the blocked ones set the retry time.
    if (!blocked_at_.empty()) plan.retry = std::min(plan.retry, *blocked_at_.begin());
    if (blocked_open_ > 0)
      plan.retry = std::min(plan.retry, ctx_.now() + (vp.unload_time + ctx_.world.params.zone.disinfection.gate_per_load));
    return plan;
  }
  // Compounds tried on this plan: tried_[c] == plan_mark_.
  if (++plan_mark_ == 0) {
    std::fill(tried_.begin(), tried_.end(), 0);
    plan_mark_ = 1;
  }
  std::uint32_t last = plan.stops.back().compound;
  tried_[last] = plan_mark_;
  std::size_t pos = 0;
  while (plan.stops.size() < vp.max_stops && plan.items < vp.capacity_items && plan.kg < vp.capacity_kg) {
    const std::vector<std::uint32_t>& near = nearest_from(last);
    while (pos < near.size() && (tried_[near[pos]] == plan_mark_ || at_station_per_compound_[near[pos]] == 0)) ++pos;
    if (pos == near.size()) break;
    const std::uint32_t c = near[pos];
    tried_[c] = plan_mark_;
    if (add_stop(plan, c, t, here)) {  // a stop with nothing that can go is skipped
      last = c;
      pos = 0;
    }
  }
  return plan;
}

// A van's further stops are among the compounds nearest its last stop: the nearest_stops
// nearest as the crow flies (every compound in areas of up to that many), ordered by van time.
// Shuttles served neighbouring compounds; a list over every compound would cost memory and
// time quadratic in the compounds at city scale.
const std::vector<std::uint32_t>& RelayStage::nearest_from(std::uint32_t compound) {
  auto& near = nearest_[compound];
  if (near.empty()) {
    const PlaceId from = gate(compound);
    std::vector<std::pair<sim::Duration, std::uint32_t>> by_time;
    for (const std::uint32_t c : crow_near(compound)) by_time.emplace_back(ctx_.vehicle_time(from, gate(c)), c);
    std::sort(by_time.begin(), by_time.end());
    near.reserve(by_time.size());
    for (const auto& [d, c] : by_time) near.push_back(c);
  }
  return near;
}

void RelayStage::station_changed(std::uint32_t q) {
  // Only a queue's front order enters the indexes (its spoil time, its compound's first
  // leave_by): most arrivals join the back of a queue and change nothing there.
  const auto& d = station_.queue(q);
  const OrderId front = d.empty() ? OrderId::none() : d.front();
  if (front == station_front_[q]) return;
  station_front_[q] = front;
  if (perishable_queue(q) && front.valid()) spoil_heap_.push({station_spoil_after(front), q, front});
  resync(compound_of_route_area_[q / model::category_count]);
}

sim::TimePoint RelayStage::station_spoil_after(OrderId o) const {
  const auto& orders = ctx_.world.orders;
  const auto& demand = ctx_.world.params.demand.categories[static_cast<std::size_t>(orders.category(o))];
  if (demand.spoil_after.count() <= 0) return sim::TimePoint::max();
  if (orders.reached(o, Stage::loaded)) return ctx_.spoil_deadline(o);  // fixed once loaded
  // Not loaded: spoil_deadline(o, now) with the clock starting at loading never passes now.
  if (ctx_.spoil_rule.from_supplier) return sim::TimePoint::max();
  const sim::TimePoint deadline = orders.time(o, Stage::placed) + demand.spoil_after;
  // Cold room: the deadline grows with now - at_station, so now passes it iff the order
  // reached the station after its deadline.
  if (ctx_.spoil_rule.cold_storage_at_station && orders.reached(o, Stage::at_station))
    return orders.time(o, Stage::at_station) > deadline ? sim::TimePoint::min() : sim::TimePoint::max();
  return deadline;
}

void RelayStage::resync(std::uint32_t compound) {
  const sim::TimePoint now = ctx_.now();
  Filed want = Filed::none;
  LeaveKey first{sim::TimePoint::max(), OrderId::none()};
  GateView& v = gate_view_[compound];
  if (at_station_per_compound_[compound] > 0) {
    if (v.until <= now) {
      // add_stop's check for a first stop, and how long its answer holds (see GateView).
      const auto& vp = ctx_.world.params.vehicles;
      const PlaceId g = gate(compound);
      if (first_leg_[compound] == sim::Duration::min())
        first_leg_[compound] = vp.load_time + ctx_.vehicle_time(ctx_.station(), g);
      const sim::Duration a = first_leg_[compound];
      const sim::TimePoint arrive = now + a;
      const sim::Duration u = vp.unload_time + ctx_.gate_disinfection(g, arrive);  // as add_stop
      const sim::TimePoint done = arrive + u;
      v.ok = ctx_.gate_open_through(g, arrive, done);
      v.done_open = false;
      v.retry_at = sim::TimePoint{};
      if (!v.ok) {
        const sim::TimePoint opens = ctx_.next_gate_open(g, done);
        v.done_open = opens == done;
        v.retry_at = opens - a;
      }
      // Answers about `arrive` hold until it reaches the next change; those about `done`
      // compare it with changes by > as well as >=, so they hold until the next change only
      // if `done` is not one itself.
      const sim::TimePoint arrive_change = ctx_.next_gate_change(g, arrive);
      const sim::TimePoint done_change = ctx_.next_gate_change(g, done - sim::Duration{1});
      v.until = std::min(arrive_change - a, done_change == done ? now + sim::Duration{1} : done_change - a - u);
      view_expiry_.emplace(v.until, compound);
    }
    want = v.ok ? Filed::open : v.done_open ? Filed::blocked_open : Filed::blocked_at;
    if (want == Filed::open) {
      // leave_by grows along each queue: the fronts hold the compound's first.
      constexpr auto k = model::category_count;
      for (std::size_t q = k * first_route_area_[compound]; q < k * first_route_area_[compound + 1]; ++q) {
        const auto& d = station_.queue(static_cast<std::uint32_t>(q));
        if (!d.empty()) first = std::min(first, LeaveKey{leave_by(d.front(), compound), d.front()});
      }
    }
  }
  if (want == filed_[compound]) {
    switch (want) {
      case Filed::none:
      case Filed::blocked_open:
        return;
      case Filed::open:
        if (first == filed_first_[compound]) return;
        break;
      case Filed::blocked_at:
        if (*filed_at_[compound] == v.retry_at) return;
        break;
    }
  }
  switch (filed_[compound]) {
    case Filed::none:
      break;
    case Filed::open:
      open_.erase({filed_first_[compound], compound});
      break;
    case Filed::blocked_at:
      blocked_at_.erase(filed_at_[compound]);
      break;
    case Filed::blocked_open:
      --blocked_open_;
      break;
  }
  filed_[compound] = want;
  switch (want) {
    case Filed::none:
      break;
    case Filed::open:
      filed_first_[compound] = first;
      open_.emplace(first, compound);
      break;
    case Filed::blocked_at:
      filed_at_[compound] = blocked_at_.insert(v.retry_at);
      break;
    case Filed::blocked_open:
      ++blocked_open_;
      break;
  }
}

void RelayStage::refresh_gate_views() {
  const sim::TimePoint now = ctx_.now();
  while (!view_expiry_.empty() && view_expiry_.top().first <= now) {
    const std::uint32_t c = view_expiry_.top().second;
    view_expiry_.pop();
    if (filed_[c] != Filed::none && gate_view_[c].until <= now) resync(c);
  }
}

// Takes the plan's orders off the station, one batch per route-area and stop.
std::vector<Batch> RelayStage::load(const Plan& plan) {
  std::vector<Batch> batches;
  for (const auto& stop : plan.stops) {
    // A queue belongs to one compound, so it has at most one pick in the whole plan.
    for (const auto& p : stop.picks) {
      Batch b{stop.compound, p.queue / static_cast<std::uint32_t>(model::category_count), {}};
      station_.take(p.queue, p.first, p.count, b.orders);
      at_station_per_compound_[stop.compound] -= p.count;
      for (OrderId o : b.orders) station_kg_ -= ctx_.world.orders.weight_kg(o);
      station_changed(p.queue);
      batches.push_back(std::move(b));
    }
  }
  return batches;
}

// Fresh food that spoiled while held at the station is thrown away there: in each fresh queue
// (in queue order) the orders from the front on that are past their deadline. Only queues
// whose front order is past it can have any: the heap by the fronts' spoil times finds them.
void RelayStage::discard_spoiled_at_station() {
  const sim::TimePoint now = ctx_.now();
  std::vector<std::uint32_t> due;
  while (!spoil_heap_.empty() && now > spoil_heap_.top().after) {
    const SpoilEntry e = spoil_heap_.top();
    spoil_heap_.pop();
    if (station_front_[e.queue] == e.front) due.push_back(e.queue);  // else stale: the front has changed
  }
  std::sort(due.begin(), due.end());
  due.erase(std::unique(due.begin(), due.end()), due.end());
  for (const std::uint32_t q : due) {
    std::size_t n = 0;
    const auto& d = station_.queue(q);
    while (n < d.size() && now > ctx_.spoil_deadline(d[n])) ++n;
    if (n == 0) {
      // Not spoiled after all (station_spoil_after is exact, so this does not happen): ask again later.
      spoil_heap_.push({std::max(now, station_spoil_after(d.front())), q, d.front()});
      continue;
    }
    std::vector<OrderId> gone;
    station_.take(q, 0, n, gone);
    at_station_per_compound_[compound_of_route_area_[q / model::category_count]] -= static_cast<std::uint32_t>(n);
    for (OrderId o : gone) {
      station_kg_ -= ctx_.world.orders.weight_kg(o);
      ctx_.spoil(o);
    }
    station_changed(q);
  }
}


bool RelayStage::take_watch(std::uint32_t index) {
  if (watch_ == index) return true;
  if (!watch_) {
    watch_ = index;
    return true;
  }
  standby_.push_back(index);
  return false;
}

void RelayStage::pass_watch() {
  watch_.reset();
  if (standby_.empty()) return;
  watch_ = standby_.front();
  standby_.pop_front();
  turn_[*watch_].trigger();
}

// Timetable: van v leaves at offset + k * interval from midnight of day 0, offsets staggered.
sim::TimePoint RelayStage::next_slot(std::uint32_t van, sim::TimePoint after) const {
  const auto& vp = ctx_.world.params.vehicles;
  const std::int64_t h = std::max<std::int64_t>(1, vp.interval.count());
  const std::int64_t offset = h * van / std::max<std::uint32_t>(1, vp.count);
  const std::int64_t t = sim::ticks(after);
  const std::int64_t k = t <= offset ? 0 : (t - offset + h - 1) / h;
  return sim::at_tick(offset + k * h);
}

sim::Process RelayStage::vehicle(std::uint32_t index) {
  auto& sim = ctx_.sim;
  const auto& vp = ctx_.world.params.vehicles;
  sim::TimePoint slot_tried = sim::TimePoint::min();
  const bool timetable = vp.dispatch == model::Dispatch::timetable;
  for (;;) {
    // Timetabled vans keep their own slots; the others watch the station in turn.
    if (!timetable && !take_watch(index)) {
      co_await turn_[index].wait();
      turn_[index].reset();
      continue;
    }
    if (station_.size() == 0) {
      co_await arrivals_.wait();
      continue;
    }
    discard_spoiled_at_station();
    if (vp.dispatch == model::Dispatch::timetable) {
      const sim::TimePoint slot = next_slot(index, slot_tried == sim.now() ? sim.now() + sim::Duration{1} : sim.now());
      if (slot > sim.now()) {
        co_await sim.delay_until(slot);
        continue;
      }
      slot_tried = sim.now();
      if (plan_trip().stops.empty()) continue;
    } else {
      Plan plan = plan_trip();
      if (plan.stops.empty()) {
        co_await sim::any_of_within(sim, std::max(plan.retry - sim.now(), sim::Duration{1000}), arrivals_);
        continue;
      }
      // Leave when full, or by the earliest latest departure aboard (leave_by).
      const bool full = plan.items >= vp.capacity_items || plan.kg >= vp.capacity_kg;
      const sim::TimePoint due = plan.leave_by;
      if (!(vp.leave_when_full && full) && sim.now() < due) {
        const auto could_fill = [&] {
          return vp.leave_when_full && (station_.size() >= vp.capacity_items || station_kg_ >= vp.capacity_kg);
        };
        if (could_fill()) {
          // Enough waits, but not for one trip (stops, gates, fresh food): look again in a while.
          co_await sim.delay(std::min(due - sim.now(), sim::Duration{5min}));
          continue;
        }
        // Only arrivals that could fill a van are worth a new plan.
        do {
          co_await sim::any_of_within(sim, due - sim.now(), arrivals_);
        } while (sim.now() < due && !could_fill());
        continue;
      }
    }
    // Plan again at the moment of leaving (nothing changes in between) and take the goods.
    const Plan plan = plan_trip();
    std::vector<Batch> batches = load(plan);
    if (!timetable) pass_watch();
    auto& carried = on_vehicle_[index];
    for (const auto& b : batches)
      for (OrderId o : b.orders) {
        ctx_.stamp(o, Stage::loaded);
        carried.push_back(o);
      }
    ++ctx_.vans.trips;
    ctx_.vans.stops += plan.stops.size();
    ctx_.vans.items += plan.items;
    ctx_.vans.kg += plan.kg;
    co_await sim.delay(vp.load_time);
    PlaceId here = ctx_.station();
    std::size_t next_batch = 0;
    for (const auto& stop : plan.stops) {
      const PlaceId g = gate(stop.compound);
      const sim::Duration leg = ctx_.vehicle_time(here, g);
      ctx_.vehicle_moving(index, g, leg);
      co_await sim.delay(leg);
      here = g;
      co_await sim.delay_until(ctx_.next_gate_open(g));  // never waits: checked when planning
      co_await sim.delay(vp.unload_time + ctx_.gate_disinfection(g));
      for (; next_batch < batches.size() && batches[next_batch].compound == stop.compound; ++next_batch) {
        for (OrderId o : batches[next_batch].orders) {
          ctx_.stamp(o, Stage::at_gate);
          std::erase(carried, o);
        }
        unloaded_at_gate(std::move(batches[next_batch]));
      }
    }
    const sim::Duration back = ctx_.vehicle_time(here, ctx_.station());
    ctx_.vehicle_moving(index, ctx_.station(), back);
    co_await sim.delay(back);
  }
}

// The gate crew sorts (sorting.gate_per_item) and sprays (gate_per_item) each batch a van
// unloads, in unloading order, the crew sharing a batch evenly (no crew: one sprayer); then
// the goods stand for the contact time; only then can couriers take them.
void RelayStage::unloaded_at_gate(Batch&& batch) {
  const auto& d = ctx_.world.params.zone.disinfection;
  const auto& sorting = ctx_.world.params.sorting;
  const sim::Duration per_item = d.gate_per_item + sorting.gate_per_item;
  if (per_item.count() == 0 && d.gate_dwell.count() == 0) {
    deliver(std::move(batch));
    return;
  }
  // The gate crew (or one sprayer) shares the stop's items evenly and works stop by stop.
  const auto crew = static_cast<std::int64_t>(std::max<std::uint32_t>(1, sorting.gate_crew));
  const auto rounds = (static_cast<std::int64_t>(batch.orders.size()) + crew - 1) / crew;
  sim::TimePoint& sprayer = sprayer_free_[batch.compound];
  sprayer = std::max(ctx_.now(), sprayer) + per_item * rounds;
  const std::uint64_t key = next_standing_++;
  const sim::TimePoint ready = sprayer + d.gate_dwell;
  standing_.emplace(key, std::move(batch));
  ctx_.sim.start(stand_at_gate(key, ready));
}

sim::Process RelayStage::stand_at_gate(std::uint64_t key, sim::TimePoint ready) {
  co_await ctx_.sim.delay_until(ready);
  auto node = standing_.extract(key);
  deliver(std::move(node.mapped()));
}

void RelayStage::deliver(Batch&& batch) {
  if (sink_) {
    sink_(std::move(batch));
    return;
  }
  for (OrderId o : batch.orders) at_gate_.push(queue_of(o), o);
  at_gate_per_compound_[batch.compound] += static_cast<std::uint32_t>(batch.orders.size());
  gate_changed(batch.compound);
  arrived_[batch.compound].notify_all();
  arrived_anywhere_.notify_all();
}

void RelayStage::return_to_gate(std::vector<OrderId>&& orders) {
  std::vector<std::uint32_t> compounds;
  for (OrderId o : orders) {
    const std::uint32_t c = compound_of_order(o);
    at_gate_.push(queue_of(o), o);
    ++at_gate_per_compound_[c];
    compounds.push_back(c);
  }
  std::sort(compounds.begin(), compounds.end());
  compounds.erase(std::unique(compounds.begin(), compounds.end()), compounds.end());
  for (std::uint32_t c : compounds) gate_changed(c);
  for (std::uint32_t c : compounds) arrived_[c].notify_all();
  if (!compounds.empty()) arrived_anywhere_.notify_all();
  orders.clear();
}

void RelayStage::gate_changed(std::uint32_t compound) {
  constexpr auto k = static_cast<std::uint32_t>(model::category_count);
  OrderId first = OrderId::none();
  for (std::uint32_t q = k * first_route_area_[compound]; q < k * first_route_area_[compound + 1]; ++q) {
    const auto& d = at_gate_.queue(q);
    if (!d.empty() && (!first.valid() || ctx_.urgency.before(d.front(), first))) first = d.front();
  }
  gate_first_[compound] = first;
}

std::optional<std::uint32_t> RelayStage::first_compound_at_gate(std::uint32_t near) {
  std::optional<std::uint32_t> best;
  for (const std::uint32_t c : crow_near(near))
    if (gate_first_[c].valid() && (!best || ctx_.urgency.before(gate_first_[c], gate_first_[*best]))) best = c;
  return best;
}

// Itself, then the nearest_stops compounds nearest it as the crow flies (gate to gate), nearest
// first, ties by index; every compound in areas of up to nearest_stops + 1.
const std::vector<std::uint32_t>& RelayStage::crow_near(std::uint32_t compound) const {
  auto& near = crow_near_[compound];
  if (!near.empty()) return near;
  const std::size_t n = crow_near_.size();
  const auto& places = ctx_.world.area.places();
  const auto& a = places[gate(compound).index()];
  std::vector<std::pair<double, std::uint32_t>> by_crow;
  by_crow.reserve(n);
  for (std::uint32_t c = 0; c < n; ++c) {
    const auto& b = places[gate(c).index()];
    const double dx = static_cast<double>(a.x_m) - b.x_m, dy = static_cast<double>(a.y_m) - b.y_m;
    by_crow.emplace_back(c == compound ? -1.0 : dx * dx + dy * dy, c);
  }
  const std::size_t keep = std::min(n, nearest_stops + 1);
  std::partial_sort(by_crow.begin(), by_crow.begin() + static_cast<std::ptrdiff_t>(keep), by_crow.end());
  near.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) near.push_back(by_crow[i].second);
  return near;
}

void RelayStage::take_at_gate(std::uint32_t compound, std::vector<OrderId>& load, std::uint32_t max_items,
                              double max_kg, double& kg) {
  fill_from_gate(compound, load, max_items, max_kg, kg);
  gate_changed(compound);
}

void RelayStage::fill_from_gate(std::uint32_t compound, std::vector<OrderId>& load, std::uint32_t max_items,
                                double max_kg, double& kg) {
  const auto& orders = ctx_.world.orders;
  constexpr auto k = static_cast<std::uint32_t>(model::category_count);
  const std::uint32_t first = k * first_route_area_[compound], last = k * first_route_area_[compound + 1];
  // The queue of the compound whose front order is first in dispatch order, among queues
  // [lo, hi) (each queue is one category of one route-area, in dispatch order already).
  const auto first_queue = [&](std::uint32_t lo, std::uint32_t hi) -> std::optional<std::uint32_t> {
    std::optional<std::uint32_t> best;
    for (std::uint32_t q = lo; q < hi; ++q)
      if (!at_gate_.queue(q).empty() &&
          (!best || ctx_.urgency.before(at_gate_.queue(q).front(), at_gate_.queue(*best).front())))
        best = q;
    return best;
  };
  // Moves the first order of [lo, hi) into the load if it fits; false when it does not.
  const auto take_one = [&](std::uint32_t lo, std::uint32_t hi) {
    const auto q = first_queue(lo, hi);
    if (!q || load.size() >= max_items) return false;
    const double w = orders.weight_kg(at_gate_.queue(*q).front());
    if (!load.empty() && kg + w > max_kg) return false;
    at_gate_.take(*q, 0, 1, load);
    kg += w;
    --at_gate_per_compound_[compound];
    return true;
  };
  if (options_.fill == FillRule::oldest) {
    while (take_one(first, last)) {
    }
    return;
  }
  // By route-area: the route-area of the first order whole, then the route-area of the next.
  for (;;) {
    const auto q = first_queue(first, last);
    if (!q) return;
    const std::uint32_t ra_first = *q - *q % k;
    while (take_one(ra_first, ra_first + k)) {
    }
    if (first_queue(ra_first, ra_first + k)) return;  // the route-area did not fit whole: full
  }
}

void RelayStage::count(Holdings& h) const {
  const auto& orders = ctx_.world.orders;
  for (std::uint32_t q = 0; q < model::category_count * compound_of_route_area_.size(); ++q) {
    h.add(orders, station_.queue(q), &Backlog::station);
    h.add(orders, at_gate_.queue(q), &Backlog::gate);
  }
  for (const auto& v : on_vehicle_) h.add(orders, v, &Backlog::gate);
  for (const auto& [ready, o] : sorting_) h.add(orders, std::array<OrderId, 1>{o}, &Backlog::station);
  for (OrderId o : riding_) h.add(orders, std::array<OrderId, 1>{o}, &Backlog::gate);
  for (const auto& [key, b] : standing_) h.add(orders, b.orders, &Backlog::gate);
}

// ---- knobs --------------------------------------------------------------------------------

std::vector<KnobSpec> relay_stage_knobs() {
  std::vector<KnobSpec> knobs{
      {"station", KnobType::integer, std::int64_t{0}, 0, 1000,
       "which outside station (from 0, in the area's order) the relay starts from", {},
       [](const KnobValue& v, const model::WorldParams& w) -> std::string {
         // The area's stations, or else its outlets, numbered from 0 (a CSV area's counts are
         // measured when the scenario loader checks its files).
         const std::uint32_t stations = model::outside_station_count(w.area);
         const std::uint32_t outlets = model::outlet_inside_count(w.area);
         const std::uint32_t n = stations > 0 ? stations : outlets;
         if (std::get<std::int64_t>(v) < static_cast<std::int64_t>(n)) return {};
         return fmt::format("a station index below {} (the area has {} outside station(s){})", n, stations,
                            stations == 0 ? fmt::format(" and {} outlet(s) inside", outlets) : "");
       }},
      {"route_area_size", KnobType::integer, std::int64_t{4}, 1, 1000,
       "buildings per route-area, the smallest unit of a shuttle load (assumption: a courier's usual round)", {}},
      {"batch_items", KnobType::integer, std::int64_t{20}, 1, 10000,
       "deprecated and ignored: couriers now fill their loads to capacity from the gate pool (see fill)", {}},
      {"fill", KnobType::text, std::string("oldest"), 0, 0,
       "how a courier fills a load at the gate: the oldest orders first, or whole route-areas by age",
       {"oldest", "route_area"}},
      {"cold_storage", KnobType::boolean, true, 0, 1,
       "fresh food waits in the cold chain (the platform's warehouse, or a cold room at the station) until a van "
       "loads it: its spoilage clock starts then; false: it waits at the station uncooled from its placement",
       {}},
      {"fresh_allowance", KnobType::duration, sim::Duration{30min}, 0, 86400,
       "fresh food leaves the station only if a courier on shift has this long to take and deliver it "
       "before it spoils (assumption)",
       {}},
  };
  cite(knobs, "station", model::setting("which of the area's stations: a scenario's choice"));
  cite(knobs, "route_area_size", model::assumed(1.0, 10.0, "a courier's usual round; the report: the route-area (路区) is the smallest unit of a shuttle load [S0]"));
  cite(knobs, "batch_items", model::setting("deprecated and ignored"));
  cite(knobs, "cold_storage", model::assumed(0.0, 1.0, {"S33"}, "the sources show the platforms' upstream cold warehouses (Dingdong's community and Pudong warehouses, next-day trucks to pick-up points) [S33], not a cold room at a temporary relay station; true keeps fresh food in the cold chain until a van loads it. Whether the relay spoils fresh food turns on it (issue 22)"));
  cite(knobs, "fresh_allowance", model::assumed(15min, 60min, "time a courier on shift needs to take fresh food from the gate and deliver it"));
  return knobs;
}

StageOptions stage_options(const Knobs& k) {
  StageOptions o;
  o.station = static_cast<std::size_t>(k.integer("station"));
  o.route_area_size = static_cast<std::uint32_t>(k.integer("route_area_size"));
  o.fill = k.text("fill") == "route_area" ? FillRule::route_area : FillRule::oldest;
  o.cold_storage = k.boolean("cold_storage");
  o.fresh_allowance = k.duration("fresh_allowance");
  return o;
}

}  // namespace last100::modes::detail
