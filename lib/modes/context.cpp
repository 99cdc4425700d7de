#include "last100/modes/context.hpp"

#include <algorithm>
#include <stdexcept>

namespace last100::modes {

namespace {
constexpr std::int64_t day_ms = 24LL * 3600 * 1000;

std::int64_t day_of(sim::TimePoint t) { return sim::ticks(t) / day_ms; }
sim::TimePoint at_day(std::int64_t day, sim::Duration clock) { return sim::at_tick(day * day_ms) + clock; }
}  // namespace

RunContext::RunContext(sim::Simulation& s, model::World& w, const Knobs& k, std::uint64_t seed)
    : sim(s), world(w), knobs(k), streams(seed) {
  const std::size_t couriers = world.couriers.count();
  courier_process_.assign(couriers, sim::ProcessId{});
  quarantined_.assign(couriers, 0);
  duty_served_ms_.assign(couriers, 0);
  duty_day_.assign(couriers, -1);
  duty_occupied_.assign(world.params.duties.size(), 0);
  at_shelf_.clear();
  free_seat_ = sim.add_handler([](void* self, sim::Simulation&, std::uint32_t duty) {
    --static_cast<RunContext*>(self)->duty_occupied_[duty];
  }, this);

  gates_ = world.area.places_of_kind(net::PlaceKind::gate);
  outlets_ = world.area.places_of_kind(net::PlaceKind::outlet);
  stations_ = world.area.places_of_kind(net::PlaceKind::outside_station);
  if (stations_.empty() && outlets_.empty())
    throw std::invalid_argument("the area has no outside station or outlet for orders to arrive at");
  use_station(0);
}

void RunContext::use_station(std::size_t index) {
  const auto& candidates = stations_.empty() ? outlets_ : stations_;
  if (index >= candidates.size())
    throw std::invalid_argument("station " + std::to_string(index) + " does not exist: the area has " +
                                std::to_string(candidates.size()) + " outside station(s), numbered from 0");
  station_ = candidates[index];
  if (trace != nullptr) [[unlikely]]
    record(TraceKind::station, 0, station_.index());
  compound_gate_.clear();
  for (std::uint32_t c = 0; c < world.area.compounds().size(); ++c) {
    const auto& gates = world.area.compounds()[c].gates;
    if (gates.empty()) throw std::invalid_argument("compound " + std::to_string(c) + " has no gate");
    PlaceId best = gates.front();
    sim::Duration best_time = sim::Duration::max();
    for (PlaceId g : gates) {
      const sim::Duration t = vehicle_time(station_, g);
      if (t < best_time) {
        best = g;
        best_time = t;
      }
    }
    compound_gate_.push_back(best);
  }
}

sim::TimePoint RunContext::spoil_deadline(OrderId order, sim::TimePoint loaded) const {
  const auto& o = world.orders;
  const auto& demand = world.params.demand.categories[static_cast<std::size_t>(o.category(order))];
  if (demand.spoil_after.count() <= 0) return sim::TimePoint::max();
  const sim::TimePoint left = o.reached(order, Stage::loaded) ? o.time(order, Stage::loaded) : loaded;
  // Group buying: the supplier packs in its cold chain; the clock starts as the goods leave it.
  if (spoil_rule.from_supplier) return left + demand.spoil_after;
  sim::TimePoint deadline = o.time(order, Stage::placed) + demand.spoil_after;
  // Time in the station's cold room does not count.
  if (spoil_rule.cold_storage_at_station && o.reached(order, Stage::at_station))
    deadline += std::max(sim::Duration{0}, left - o.time(order, Stage::at_station));
  return deadline;
}

void RunContext::spoil(OrderId order) {
  stamp(order, Stage::spoiled);
  ledger.on_spoiled(world.orders.category(order));
}

bool RunContext::hand_over(OrderId order) {
  if (now() > spoil_deadline(order)) {
    spoil(order);
    return false;
  }
  const auto category = world.orders.category(order);
  stamp(order, Stage::handed_over);
  ledger.on_delivered(category);
  return true;
}

std::size_t RunContext::collect(std::vector<OrderId>& items, model::HouseholdId h) {
  const auto mine = [&](OrderId o) { return world.orders.household(o) == h; };
  std::size_t n = 0;
  for (OrderId o : items)
    if (mine(o)) {
      hand_over(o);
      ++n;
    }
  std::erase_if(items, mine);
  return n;
}

void RunContext::cancel(OrderId order, model::CancelReason reason) {
  world.orders.cancel(order, reason, now());
  ledger.on_cancelled(world.orders.category(order));
  if (trace != nullptr) [[unlikely]]
    record(TraceKind::stage, order.index(), static_cast<std::uint32_t>(Stage::cancelled));
}

PlaceId RunContext::station() const { return station_; }

PlaceId RunContext::gate_of_compound(std::uint32_t compound) const { return compound_gate_.at(compound); }

PlaceId RunContext::door_of(model::HouseholdId h) const {
  return world.area.units()[world.households.unit[h.index()]].door;
}

sim::Duration RunContext::vehicle_time(PlaceId from, PlaceId to) const {
  for (auto mode : {model::TravelMode::van, model::TravelMode::cart, model::TravelMode::walk}) {
    const sim::Duration t = world.travel.travel_time(mode, from, to);
    if (t != net::unreachable) return t;
  }
  throw std::runtime_error("no path between two places of the area");
}

sim::Duration RunContext::walk_time(CourierId c, PlaceId from, PlaceId to) const {
  if (from == to) return sim::Duration{0};
  const sim::Duration t =
      world.travel.travel_time(model::TravelMode::walk, from, to, world.couriers.walk_speed_mps(c));
  if (t == net::unreachable) throw std::runtime_error("a courier cannot walk between two places of the area");
  return t;
}

sim::TimePoint RunContext::next_gate_open(PlaceId gate, sim::TimePoint t) const {
  const auto& zone = world.params.zone;
  const auto it = std::lower_bound(gates_.begin(), gates_.end(), gate);
  const auto gate_index = static_cast<std::uint32_t>(it - gates_.begin());
  for (int guard = 0; guard < 1000; ++guard) {
    bool moved = false;
    // Daily hours (an all-day gate has opens == closes or opens 0 and closes 24h).
    if (zone.gate_closes > zone.gate_opens && zone.gate_closes - zone.gate_opens < std::chrono::hours{24}) {
      const std::int64_t day = day_of(t);
      const sim::TimePoint open = at_day(day, zone.gate_opens), close = at_day(day, zone.gate_closes);
      if (t < open) {
        t = open;
        moved = true;
      } else if (t >= close) {
        t = at_day(day + 1, zone.gate_opens);
        moved = true;
      }
    }
    for (const auto& c : world.params.gate_closures) {
      if (c.gate == gate_index && t >= sim::TimePoint{c.from} && t < sim::TimePoint{c.to}) {
        t = sim::TimePoint{c.to};
        moved = true;
      }
    }
    if (!moved) return t;
  }
  return t;
}

bool RunContext::gate_open_through(PlaceId gate, sim::TimePoint from, sim::TimePoint to) const {
  if (next_gate_open(gate, from) != from) return false;
  const auto& zone = world.params.zone;
  if (zone.gate_closes > zone.gate_opens && zone.gate_closes - zone.gate_opens < std::chrono::hours{24}) {
    // Open at `from`, so `from` lies inside the day's hours: the gate closes at that day's close.
    if (to > at_day(day_of(from), zone.gate_closes)) return false;
  }
  const auto it = std::lower_bound(gates_.begin(), gates_.end(), gate);
  const auto gate_index = static_cast<std::uint32_t>(it - gates_.begin());
  for (const auto& c : world.params.gate_closures)
    if (c.gate == gate_index && sim::TimePoint{c.from} < to && sim::TimePoint{c.to} > from) return false;
  return true;
}

model::ZoneStatus RunContext::zone_status(std::uint32_t compound) const {
  model::ZoneStatus status = world.params.zone.initial_status;
  sim::Duration latest{-1};
  // The latest change at or before now wins (ties: the later entry in the file).
  for (const auto& z : world.params.zone_changes) {
    if (z.compound == compound && sim::TimePoint{z.at} <= now() && z.at >= latest) {
      status = z.status;
      latest = z.at;
    }
  }
  return status;
}

sim::TimePoint RunContext::next_shift_start(CourierId c, sim::TimePoint from) const {
  const auto& cs = world.couriers;
  sim::TimePoint t = std::max(from, sim::TimePoint{cs.arrives_at(c)});
  if (cs.on_shift(c, t)) return t;
  const std::int64_t day = day_of(t);
  const sim::TimePoint today = at_day(day, cs.shift_start(c));
  return t < today ? today : at_day(day + 1, cs.shift_start(c));
}

sim::TimePoint RunContext::first_courier_on_shift(sim::TimePoint t) const {
  sim::TimePoint best = sim::TimePoint::max();
  for (std::uint32_t i = 0; i < world.couriers.count(); ++i) {
    const CourierId c = make_id<model::CourierTag>(i);
    if (quarantined(c)) continue;
    best = std::min(best, next_shift_start(c, t));
    if (best == t) break;
  }
  return best;
}

sim::TimePoint RunContext::shift_end(CourierId c) const {
  if (!on_shift(c)) return now();
  const auto& cs = world.couriers;
  const std::int64_t day = day_of(now());
  sim::TimePoint end = at_day(day, cs.shift_end(c));
  if (end <= now()) end = at_day(day + 1, cs.shift_end(c));  // a shift across midnight
  return end;
}

void RunContext::register_courier(CourierId c, sim::ProcessId p) { courier_process_.at(c.index()) = p; }

sim::ProcessId RunContext::courier_process(CourierId c) const { return courier_process_.at(c.index()); }

sim::Duration RunContext::draft_for_duty(CourierId c) {
  const auto& cs = world.couriers;
  const double share = cs.duty_share(c);
  if (share <= 0.0 || !on_shift(c)) return sim::Duration{0};
  const std::int64_t day = day_of(now());
  if (duty_day_[c.index()] != day) {
    duty_day_[c.index()] = day;
    duty_served_ms_[c.index()] = 0;
  }
  const auto shift_ms = (cs.shift_end(c) - cs.shift_start(c)).count();
  const auto owed_ms = static_cast<std::int64_t>(share * static_cast<double>(shift_ms)) - duty_served_ms_[c.index()];
  if (owed_ms <= 60'000) return sim::Duration{0};  // less than a minute owed: not worth a trip
  const auto& duties = world.params.duties;
  for (std::uint32_t d = 0; d < duties.size(); ++d) {
    const sim::TimePoint begin = at_day(day, duties[d].start), end = begin + duties[d].length;
    if (now() < begin || now() >= end || duty_occupied_[d] >= duties[d].people) continue;
    const auto serve = std::min<std::int64_t>(owed_ms, (end - now()).count());
    ++duty_occupied_[d];
    sim.schedule(now() + sim::Duration{serve}, free_seat_, d);
    duty_served_ms_[c.index()] += serve;
    return sim::Duration{serve};
  }
  return sim::Duration{0};
}

void RunContext::arrive_at_shelf(std::uint32_t shelf, PlaceId where) {
  if (shelf >= at_shelf_.size()) at_shelf_.resize(shelf + 1, 0);
  contacts.resident_resident += at_shelf_[shelf];
  ++at_shelf_[shelf];
  peak_shelf_crowding = std::max(peak_shelf_crowding, at_shelf_[shelf]);
  if (trace != nullptr) [[unlikely]]
    record(TraceKind::shelf_arrive, shelf, where.index());
}

void RunContext::leave_shelf(std::uint32_t shelf, PlaceId where) {
  --at_shelf_.at(shelf);
  if (trace != nullptr) [[unlikely]]
    record(TraceKind::shelf_leave, shelf, where.index());
}

}  // namespace last100::modes
