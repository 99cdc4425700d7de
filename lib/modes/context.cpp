#include "last100/modes/context.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace last100::modes {

using sim::at_day;
using sim::day_of;

namespace {
// The work (person-ms) a session of duty d needs beyond its crew: test registration for
// every resident of the area, garbage runs for every household's daily volume.
std::int64_t duty_work_ms(const model::World& world, std::uint32_t d) {
  const auto& duty = world.params.duties[d];
  double residents = 0;
  for (auto size : world.households.size) residents += size;
  double work_ms = static_cast<double>(duty.per_resident.count()) * residents;
  if (duty.litres_per_household > 0 && duty.litres_per_trip > 0)
    work_ms += std::ceil(duty.litres_per_household * static_cast<double>(world.households.count()) /
                         duty.litres_per_trip) *
               static_cast<double>(duty.trip_time.count());
  return static_cast<std::int64_t>(work_ms);
}

// A session's whole need: its crew for the part inside the run, and its work.
std::int64_t session_need_ms(const model::World& world, std::uint32_t d, std::int64_t day) {
  const auto& duty = world.params.duties[d];
  const sim::TimePoint begin = at_day(day, duty.start);
  const sim::TimePoint run_end = sim::TimePoint{world.params.run.duration};
  const std::int64_t crew_ms = std::max<std::int64_t>(0, (std::min(begin + duty.length, run_end) - begin).count());
  return static_cast<std::int64_t>(duty.people) * crew_ms + duty_work_ms(world, d);
}
}  // namespace

void RunContext::created(OrderId order) {
  ledger_.on_created(world.orders.category(order));
  if (measured(order)) ++measured_open_;
}

void RunContext::stamp(OrderId order, Stage stage) {
  if (stage == Stage::handed_over || stage == Stage::spoiled || stage == Stage::cancelled)
    throw std::logic_error("RunContext::stamp: an outcome goes through hand_over, spoil, cancel or collect");
  stamp_now(order, stage);
}

void RunContext::stamp_now(OrderId order, Stage stage) {
  world_.orders.stamp(order, stage, now());
  if (trace_ != nullptr) [[unlikely]]
    record(TraceKind::stage, order.index(), static_cast<std::uint32_t>(stage));
}

bool RunContext::measured(OrderId order) const {
  const sim::TimePoint placed = world.orders.time(order, Stage::placed);
  return placed >= sim::TimePoint{world.params.run.warmup} && placed < sim::TimePoint{world.params.run.duration};
}

RunContext::RunContext(sim::Simulation& s, model::World& w, const Knobs& k, std::uint64_t seed, Trace* trace)
    : sim(s), world(w), knobs(k), streams(seed),
      urgency(w.orders, w.params.demand, w.params.dispatch.rule), world_(w), trace_(trace) {
  const std::size_t couriers = world.couriers.count();
  courier_process_.assign(couriers, sim::ProcessId{});
  quarantined_.assign(couriers, 0);
  meal_day_.assign(couriers, -1);
  rested_until_.assign(couriers, sim::TimePoint{});
  for (const auto& g : world.params.couriers) breaks_ = breaks_ || g.meal_break.count() > 0 || g.rest_break.count() > 0;
  group_members_.resize(world.params.couriers.size());
  for (std::size_t c = 0; c < couriers; ++c) {
    const CourierId id = make_id<model::CourierTag>(c);
    group_members_.at(world.couriers.group(id)).push_back(id);
  }
  meal_ends_.resize(world.params.couriers.size());
  on_shift_count_.assign(world.params.couriers.size(), {sim::TimePoint::min(), 0});
  duty_served_ms_.assign(couriers, 0);
  duty_day_.assign(couriers, -1);
  duty_occupied_.assign(world.params.duties.size(), 0);
  duty_session_day_.assign(world.params.duties.size(), -1);
  duty_work_left_ms_.assign(world.params.duties.size(), 0);
  duty_working_.assign(world.params.duties.size(), 0);
  free_worker_ = sim.add_handler([](void* self, sim::Simulation&, std::uint32_t duty) {
    --static_cast<RunContext*>(self)->duty_working_[duty];
  }, this);
  contacts_by_building.assign(world.area.buildings().size(), 0);
  warm_ = sim::TimePoint{world.params.run.warmup};
  stored_pairs_ = world.households.count() >= (std::size_t{1} << 24);
  last_visit_.assign(world.households.count(), no_visit);
  free_seat_ = sim.add_handler([](void* self, sim::Simulation&, std::uint32_t duty) {
    --static_cast<RunContext*>(self)->duty_occupied_[duty];
  }, this);

  gates_ = world.area.places_of_kind(net::PlaceKind::gate);
  gate_compound_.assign(gates_.size(), 0);
  for (std::uint32_t c = 0; c < world.area.compounds().size(); ++c)
    for (PlaceId g : world.area.compounds()[c].gates) {
      const auto it = std::lower_bound(gates_.begin(), gates_.end(), g);
      if (it != gates_.end() && *it == g) gate_compound_[static_cast<std::size_t>(it - gates_.begin())] = c;
    }

  // Staffing rules (docs/modes.md, "Staffing rules"): on-call groups wait until called.
  on_call_.assign(couriers, 0);
  const auto& rules = world.params.reinforcements;
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    const auto& groups = world.params.couriers;
    const auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.name == rules[r].group; });
    if (g == groups.end())
      throw std::invalid_argument("reinforcement rule " + std::to_string(r) + ": no [[couriers]] group named '" +
                                  rules[r].group + "'");
    CallRule rule;
    for (std::size_t c = 0; c < couriers; ++c) {
      const CourierId id = make_id<model::CourierTag>(c);
      if (world.couriers.group(id) != static_cast<std::uint32_t>(g - groups.begin()) || on_call_[c]) continue;
      on_call_[c] = 1;
      // Until called, its arrival lies past the end of the run (so it is never on shift).
      world_.couriers.set_arrival(id, world.params.run.duration + std::chrono::hours{24});
      rule.members.push_back(id);
    }
    call_rules_.push_back(std::move(rule));
    call_poll_ = std::min(call_poll_, rules[r].check_every);
  }
  check_backlog_ = sim.add_handler([](void* self, sim::Simulation&, std::uint32_t rule) {
    static_cast<RunContext*>(self)->check_backlog(rule);
  }, this);
  for (std::uint32_t r = 0; r < rules.size(); ++r)
    sim.schedule(sim::TimePoint{std::max(rules[r].from, rules[r].check_every)}, check_backlog_, r);
  contact_cases_ = streams.stream("quarantine.contact");
  quarantine_now_ = sim.add_handler([](void* self, sim::Simulation&, std::uint32_t c) {
    static_cast<RunContext*>(self)->quarantine(make_id<model::CourierTag>(c));
  }, this);
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
  if (trace_ != nullptr) [[unlikely]]
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
  stamp_now(order, Stage::spoiled);
  ledger_.on_spoiled(world.orders.category(order));
  if (measured(order)) --measured_open_;
}

bool RunContext::hand_over(OrderId order) {
  if (now() > spoil_deadline(order)) {
    spoil(order);
    return false;
  }
  const auto category = world.orders.category(order);
  stamp_now(order, Stage::handed_over);
  ledger_.on_delivered(category);
  if (measured(order)) --measured_open_;
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
  world_.orders.cancel(order, reason, now());
  ledger_.on_cancelled(world.orders.category(order));
  if (measured(order)) --measured_open_;
  if (trace_ != nullptr) [[unlikely]]
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
  const std::uint32_t compound = compound_of_gate(gate);
  for (int guard = 0; guard < 1000; ++guard) {
    bool moved = false;
    // Daily hours (an all-day gate has opens == closes or opens 0 and closes 24h); a sealed
    // compound's gate keeps its own hours while it is sealed.
    sim::Duration opens = zone.gate_opens, closes = zone.gate_closes;
    if (zone.sealed.gate_closes.count() > 0 && compound != UINT32_MAX &&
        status_at(compound, t) == model::ZoneStatus::sealed) {
      opens = zone.sealed.gate_opens;
      closes = zone.sealed.gate_closes;
    }
    if (closes > opens && closes - opens < std::chrono::hours{24}) {
      const std::int64_t day = day_of(t);
      const sim::TimePoint open = at_day(day, opens), close = at_day(day, closes);
      if (t < open) {
        t = open;
        moved = true;
      } else if (t >= close) {
        t = at_day(day + 1, opens);
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
  // The hours that hold at `from`: a sealed compound's own, else the zone's.
  sim::Duration opens = zone.gate_opens, closes = zone.gate_closes;
  const std::uint32_t compound = compound_of_gate(gate);
  if (zone.sealed.gate_closes.count() > 0 && compound != UINT32_MAX &&
      status_at(compound, from) == model::ZoneStatus::sealed) {
    opens = zone.sealed.gate_opens;
    closes = zone.sealed.gate_closes;
  }
  if (closes > opens && closes - opens < std::chrono::hours{24}) {
    // Open at `from`, so `from` lies inside the day's hours: the gate closes at that day's close.
    if (to > at_day(day_of(from), closes)) return false;
  }
  const auto it = std::lower_bound(gates_.begin(), gates_.end(), gate);
  const auto gate_index = static_cast<std::uint32_t>(it - gates_.begin());
  for (const auto& c : world.params.gate_closures)
    if (c.gate == gate_index && sim::TimePoint{c.from} < to && sim::TimePoint{c.to} > from) return false;
  return true;
}

sim::TimePoint RunContext::next_gate_change(PlaceId gate, sim::TimePoint t) const {
  const auto& zone = world.params.zone;
  const std::int64_t day = day_of(t);
  sim::TimePoint next = at_day(day + 1, sim::Duration{0});
  const auto consider = [&](sim::TimePoint b) {
    if (b > t && b < next) next = b;
  };
  consider(at_day(day, zone.gate_opens));
  consider(at_day(day, zone.gate_closes));
  // A sealed compound's own gate rules: its hours, and the moments its status changes.
  const std::uint32_t compound = compound_of_gate(gate);
  if (compound != UINT32_MAX && (zone.sealed.gate_closes.count() > 0 || zone.sealed.disinfection.count() > 0)) {
    consider(at_day(day, zone.sealed.gate_opens));
    consider(at_day(day, zone.sealed.gate_closes));
    for (const auto& z : world.params.zone_changes)
      if (z.compound == compound) consider(sim::TimePoint{z.at});
  }
  const auto it = std::lower_bound(gates_.begin(), gates_.end(), gate);
  const auto gate_index = static_cast<std::uint32_t>(it - gates_.begin());
  for (const auto& c : world.params.gate_closures) {
    if (c.gate != gate_index) continue;
    consider(sim::TimePoint{c.from});
    consider(sim::TimePoint{c.to});
  }
  return next;
}

model::ZoneStatus RunContext::zone_status(std::uint32_t compound) const { return status_at(compound, now()); }

model::ZoneStatus RunContext::status_at(std::uint32_t compound, sim::TimePoint t) const {
  model::ZoneStatus status = world.params.zone.initial_status;
  sim::Duration latest{-1};
  // The latest change at or before t wins (ties: the later entry in the file).
  for (const auto& z : world.params.zone_changes) {
    if (z.compound == compound && sim::TimePoint{z.at} <= t && z.at >= latest) {
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

// The drafting rule (docs/modes.md, "Volunteer duty"): at each trip boundary a courier on
// shift whose group owes duty (duty_share > 0, the most of its shift it may give a day) goes
// to the first running session, in file order, that still needs someone: a free crew seat
// (it stays to the end of the session or of its allowance), else unassigned work with fewer
// than max_people on it (it takes as much of the work as the session and its allowance
// allow). Duty comes before delivery; how much of their time couriers give follows from the
// work the sessions need, not from a quota.
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
  const auto allowance_ms = static_cast<std::int64_t>(share * static_cast<double>(shift_ms)) - duty_served_ms_[c.index()];
  if (allowance_ms <= 60'000) return sim::Duration{0};  // less than a minute left: not worth a trip
  const auto& duties = world.params.duties;
  const sim::TimePoint run_end = sim::TimePoint{world.params.run.duration};
  for (std::uint32_t d = 0; d < duties.size(); ++d) {
    const sim::TimePoint begin = at_day(day, duties[d].start), end = begin + duties[d].length;
    if (now() < begin || now() >= end) continue;
    if (duty_session_day_[d] != day) {  // today's session begins: the work it needs
      duty_session_day_[d] = day;
      duty_work_left_ms_[d] = duty_work_ms(world, d);
    }
    std::int64_t serve = 0;
    if (duty_occupied_[d] < duties[d].people) {
      serve = std::min<std::int64_t>(allowance_ms, (end - now()).count());
      ++duty_occupied_[d];
      sim.schedule(now() + sim::Duration{serve}, free_seat_, d);
    } else if (duty_work_left_ms_[d] > 0 && (duties[d].max_people == 0 || duty_working_[d] < duties[d].max_people)) {
      serve = std::min<std::int64_t>({allowance_ms, (end - now()).count(), duty_work_left_ms_[d]});
      duty_work_left_ms_[d] -= serve;
      ++duty_working_[d];
      sim.schedule(now() + sim::Duration{serve}, free_worker_, d);
    } else {
      continue;
    }
    duty_served_ms_[c.index()] += serve;
    duty_served_ms_total_ += std::min<std::int64_t>(serve, std::max<std::int64_t>(0, (run_end - now()).count()));
    return sim::Duration{serve};
  }
  return sim::Duration{0};
}

sim::TimePoint RunContext::shift_began(CourierId c) const {
  const auto& cs = world.couriers;
  std::int64_t day = day_of(now());
  if (at_day(day, cs.shift_start(c)) > now()) --day;  // a shift across midnight began yesterday
  return std::max(at_day(day, cs.shift_start(c)), sim::TimePoint{cs.arrives_at(c)});
}

sim::TimePoint RunContext::next_break_due(CourierId c) const {
  if (!breaks_ || !on_shift(c)) return sim::TimePoint::max();
  const model::CourierGroup& g = world.params.couriers[world.couriers.group(c)];
  const sim::TimePoint began = shift_began(c), end = shift_end(c);
  sim::TimePoint due = sim::TimePoint::max();
  bool meal_waits = false;  // due, but the group's share is eating
  if (g.meal_break.count() > 0) {
    // The meal window of the day the shift began (a shift from 22:00 eats the next day's:
    // not modelled, shifts past midnight are split into two groups by the reader).
    const std::int64_t day = day_of(began);
    const sim::TimePoint from = at_day(day, g.meal_break_from), until = at_day(day, g.meal_break_until);
    if (meal_day_[c.index()] != day && began < until && from < end) {
      due = std::max(from, now());
      // Staggered: while the group's share is eating, the meal waits for the first to return.
      if (due == now() && !meal_seat_free(world.couriers.group(c))) {
        due = meal_seat_frees(world.couriers.group(c));
        meal_waits = true;
      }
      if (due >= end) due = sim::TimePoint::max();
    }
  }
  if (g.rest_break.count() > 0) {
    sim::TimePoint rest = std::max(std::max(began, rested_until_[c.index()]) + g.rest_break_every, now());
    if (meal_waits) rest = std::max(rest, due);  // the meal, which is also the rest, comes first
    if (rest < end) due = std::min(due, rest);
  }
  return due;
}

sim::Duration RunContext::take_break(CourierId c) {
  if (!breaks_) return sim::Duration{0};
  const sim::TimePoint due = next_break_due(c);
  if (due > now()) return sim::Duration{0};
  const model::CourierGroup& g = world.params.couriers[world.couriers.group(c)];
  const sim::TimePoint began = shift_began(c);
  const std::int64_t day = day_of(began);
  sim::Duration length = g.rest_break;
  const std::uint32_t group = world.couriers.group(c);
  bool meal = false;
  if (g.meal_break.count() > 0 && meal_day_[c.index()] != day && now() >= at_day(day, g.meal_break_from) &&
      began < at_day(day, g.meal_break_until)) {
    if (!meal_seat_free(group)) return sim::Duration{0};  // a rest due now waits for the meal too
    meal_day_[c.index()] = day;  // the meal break, which also counts as the rest
    length = g.meal_break;
    meal = true;
  }
  length = std::min(length, shift_end(c) - now());
  if (meal) meal_ends_[group].insert(now() + length);
  rested_until_[c.index()] = now() + length;
  return length;
}

// Staggered meals (docs/modes.md, "Breaks"): at most meal_break_max_share of the group's
// couriers on shift (not quarantined) eat at once, and at least one may always go, so that a
// lone courier still eats. The count on shift is taken once per moment (a wave of couriers
// asking at 11:30 costs one pass over the group).
bool RunContext::meal_seat_free(std::uint32_t group) const {
  auto& [at, on] = on_shift_count_[group];
  if (at != now()) {
    at = now();
    on = 0;
    for (const CourierId m : group_members_[group]) on += on_shift(m) && !quarantined(m);
  }
  auto& ends = meal_ends_[group];
  ends.erase(ends.begin(), ends.upper_bound(now()));  // those back at work
  const std::size_t eating = ends.size();
  const double share = world.params.couriers[group].meal_break_max_share;
  const auto seats = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(share * on + 1e-9)));
  return eating < seats;
}

sim::TimePoint RunContext::meal_seat_frees(std::uint32_t group) const {
  const auto& ends = meal_ends_[group];
  const auto it = ends.upper_bound(now());
  return it == ends.end() ? now() : *it;
}

sim::Duration RunContext::idle_limit(CourierId c) const {
  sim::Duration limit = shift_end(c) - now();
  if (breaks_) {
    const sim::TimePoint due = next_break_due(c);
    if (due != sim::TimePoint::max()) limit = std::min(limit, due - now());
  }
  if (world.couriers.duty_share(c) <= 0.0) return limit;
  const std::int64_t day = day_of(now());
  for (const auto& d : world.params.duties) {
    // The next start of this duty's session after now (today or tomorrow).
    sim::TimePoint begin = at_day(day, d.start);
    if (begin <= now()) begin = at_day(day + 1, d.start);
    limit = std::min(limit, begin - now());
  }
  return std::max(limit, sim::Duration{0});
}

RunContext::DutyTotals RunContext::duty_totals() const {
  // Every session begun before now and before the end of the run, whether anyone came or not.
  DutyTotals t;
  const auto& duties = world.params.duties;
  const sim::TimePoint until = std::min(now(), sim::TimePoint{world.params.run.duration});
  for (std::uint32_t d = 0; d < duties.size(); ++d)
    for (std::int64_t day = 0; at_day(day, duties[d].start) < until; ++day)
      t.needed_ms += session_need_ms(world, d, day);
  t.served_ms = duty_served_ms_total_;
  t.unmet_ms = std::max<std::int64_t>(0, t.needed_ms - t.served_ms);
  return t;
}

void RunContext::check_backlog(std::uint32_t r) {
  const auto& rule = world.params.reinforcements[r];
  auto& state = call_rules_[r];
  const std::uint32_t left = static_cast<std::uint32_t>(state.members.size()) - state.called;
  if (left == 0) return;  // the cap is reached: no more checks
  // One call at a time: a new one only once the previous call's couriers have arrived.
  if (ledger_.total().in_flight > rule.backlog_above && now() >= state.last_arrival) {
    const std::uint32_t n = rule.step == 0 ? left : std::min(rule.step, left);
    const sim::TimePoint arrive = now() + rule.lead_time;
    for (std::uint32_t i = 0; i < n; ++i) {
      const CourierId c = state.members[state.called + i];
      world_.couriers.set_arrival(c, arrive - sim::TimePoint{});
      on_call_[c.index()] = 0;
    }
    state.called += n;
    state.last_arrival = arrive;
    calls_.push_back({r, now(), n, arrive});
  }
  sim.schedule(now() + rule.check_every, check_backlog_, r);
}

bool RunContext::door_hand_over(OrderId order, CourierId c) {
  if (exposure_counts()) {
    ++contacts.courier_resident;
    ++contacts_by_building[building_of(world.orders.household(order))];
  }
  maybe_case(c);
  return hand_over(order);
}

void RunContext::maybe_case(CourierId c) {
  const auto& cq = world.params.contact_quarantine;
  if (cq.per_contact <= 0.0 || !c.valid() || now() < sim::TimePoint{cq.from} || quarantined(c)) return;
  // The draw is made for every door hand-over by a courier (the warm-up included: a case
  // does not wait for the measurement), so the stream's use does not depend on earlier
  // outcomes of other couriers.
  if (!contact_cases_.bernoulli(cq.per_contact)) return;
  ++contact_quarantines_;
  // Taken out when its process next waits (it is running now, inside a hand-over).
  sim.schedule(now(), quarantine_now_, static_cast<std::uint32_t>(c.index()));
}

void RunContext::quarantine(CourierId c) {
  if (c.index() >= world.couriers.count() || quarantined(c)) return;
  mark_quarantined(c);
  sim.interrupt(courier_process(c), 1, "quarantined");
}

std::uint32_t RunContext::compound_of_gate(PlaceId gate) const {
  const auto it = std::lower_bound(gates_.begin(), gates_.end(), gate);
  if (it == gates_.end() || *it != gate) return UINT32_MAX;
  return gate_compound_[static_cast<std::size_t>(it - gates_.begin())];
}

sim::Duration RunContext::gate_disinfection(PlaceId gate, sim::TimePoint t) const {
  const auto& zone = world.params.zone;
  const std::uint32_t c = compound_of_gate(gate);
  if (zone.sealed.disinfection.count() > 0 && c != UINT32_MAX && status_at(c, t) == model::ZoneStatus::sealed)
    return zone.sealed.disinfection;
  return zone.disinfection.gate_per_load;
}

void RunContext::pickup_changed(PickupPlace& p) {
  // Person-minutes co-present: everyone there while at least two are, by where they stand.
  const std::int64_t dt = (now() - std::max(p.last_change, warm_)).count();
  if (p.queue + p.counter >= 2 && dt > 0) {
    contacts.queue_person_minutes += static_cast<double>(dt) * p.queue / 60000.0;
    contacts.counter_person_minutes += static_cast<double>(dt) * p.counter / 60000.0;
  }
  p.last_change = now();
}

void RunContext::enter_pickup(std::uint32_t place, PickupArea area, model::HouseholdId h, PlaceId where) {
  if (trace_ != nullptr && where.valid()) [[unlikely]]
    record(TraceKind::shelf_arrive, place, where.index());
  PickupPlace& p = pickup_[place];
  pickup_changed(p);
  ++(area == PickupArea::queue ? p.queue : p.counter);
  const auto me = static_cast<std::uint32_t>(h.index());
  if (me >= last_visit_.size()) last_visit_.resize(std::size_t{me} + 1, no_visit);
  Visit v;
  v.place = place;
  v.older = last_visit_[me];
  v.since = now();
  v.entered_seq = ++pickup_seq_;
  v.older_left_bound = v.older == no_visit
                           ? sim::TimePoint::min()
                           : std::max(visits_[v.older].left, visits_[v.older].older_left_bound);
  const auto visit = static_cast<std::uint32_t>(visits_.size());
  visits_.push_back(v);
  last_visit_[me] = visit;
  p.present.push_back({me, visit, now(), v.older_left_bound});
  peak_shelf_crowding = std::max(peak_shelf_crowding, p.queue + p.counter);
}

void RunContext::move_to_counter(std::uint32_t place, model::HouseholdId) {
  PickupPlace& p = pickup_.at(place);
  pickup_changed(p);
  --p.queue;
  ++p.counter;
}

void RunContext::leave_pickup(std::uint32_t place, PickupArea area, model::HouseholdId h, PlaceId where) {
  if (trace_ != nullptr && where.valid()) [[unlikely]]
    record(TraceKind::shelf_leave, place, where.index());
  PickupPlace& p = pickup_.at(place);
  pickup_changed(p);
  --(area == PickupArea::queue ? p.queue : p.counter);
  const auto me = static_cast<std::uint32_t>(h.index());
  const auto it = std::find_if(p.present.begin(), p.present.end(), [&](const Present& e) { return e.household == me; });
  if (it == p.present.end()) throw std::logic_error("leave_pickup: the household is not at the place");
  const sim::TimePoint since = it->since;
  const std::uint32_t mine = it->visit;
  p.present.erase(it);
  const std::uint64_t seq = ++pickup_seq_;
  // Close contacts: the time this resident shared the place with each one still there, added
  // to the pair's total for the day the leaver arrived; crossing 15 minutes makes a contact.
  const auto day = static_cast<std::uint64_t>(day_of(since)) & 0xffff;
  const std::int64_t threshold = close_contact_time.count();
  // Under the pruning rule of pair_ms_before: when neither household has another visit that
  // ended on or after the start of the leaver's day (or is newer), this is the pair's first
  // co-presence credited to the day and its total before is 0.
  const sim::TimePoint from = at_day(day_of(since), sim::Duration{0});
  const bool alone = day_of(now()) < 0x10000 && last_visit_[me] == mine && visits_[mine].older_left_bound < from;
  for (const Present& o : p.present) {
    const std::uint32_t other = o.household;
    if (other == me) continue;
    const std::int64_t overlap = (now() - std::max({since, o.since, warm_})).count();
    if (overlap <= 0) continue;
    if (stored_pairs_) {
      const std::uint64_t a = std::min(me, other), b = std::max(me, other);
      std::int64_t& total = pair_ms_[(a << 40) | (b << 16) | day];
      if (total < threshold && total + overlap >= threshold) ++contacts.close_contacts;
      total += overlap;
      continue;
    }
    const std::int64_t total =
        alone && o.older_left_bound < from && last_visit_[other] == o.visit ? 0 : pair_ms_before(me, mine, seq, o, day);
    if (total < threshold && total + overlap >= threshold) ++contacts.close_contacts;
  }
  visits_[mine].left = now();
  visits_[mine].left_seq = seq;
}

// The pair's total for `day` before this contribution, as the stored totals had it: the sum
// over the pair's earlier co-presences credited to `day`. Two stays at one place were credited
// when the first of them ended (if the other had begun), to the day the first began, with the
// time both were there since the warm-up; in the leave being made (`mine` ends as event
// `seq`), the other household's stays listed before `other` have been credited already.
std::int64_t RunContext::pair_ms_before(std::uint32_t me, std::uint32_t mine, std::uint64_t seq, const Present& other,
                                        std::uint64_t day) const {
  const std::uint32_t b = other.household;
  constexpr std::uint64_t there = ~std::uint64_t{0};
  // Every stay in a co-presence credited to the day `mine` began ended on or after that day's
  // start (unless the run is 65,536 days old, when days wrap in the key): older ones are skipped.
  const std::int64_t day_index = day_of(visits_[mine].since);
  const bool prune = day_of(now()) < 0x10000;
  const sim::TimePoint from = at_day(day_index, sim::Duration{0});
  const std::uint64_t other_entered = visits_[other.visit].entered_seq;
  std::int64_t total = 0;
  for (std::uint32_t x = last_visit_[me]; x != no_visit; x = visits_[x].older) {
    const Visit& vx = visits_[x];
    const std::uint64_t x_left_seq = x == mine ? seq : vx.left_seq;
    const sim::TimePoint x_left = x == mine ? now() : vx.left;
    if (!prune || x_left >= from) {
      for (std::uint32_t y = last_visit_[b]; y != no_visit; y = visits_[y].older) {
        const Visit& vy = visits_[y];
        if ((!prune || vy.left >= from) && vx.place == vy.place && !(x == mine && y == other.visit)) {
          // The stay that ended first (L) and the other (O).
          const bool x_first = x_left_seq < vy.left_seq;
          const std::uint64_t l_seq = x_first ? x_left_seq : vy.left_seq;
          const sim::TimePoint l_since = x_first ? vx.since : vy.since, o_since = x_first ? vy.since : vx.since;
          const sim::TimePoint l_left = x_first ? x_left : vy.left;
          const std::uint64_t o_entered = x_first ? vy.entered_seq : vx.entered_seq;
          bool credited;
          if (l_seq == there) credited = false;                       // both still there
          else if (x == mine && x_first) credited = vy.entered_seq < other_entered;  // earlier in this leave
          else credited = o_entered < l_seq;
          if (credited && (static_cast<std::uint64_t>(day_of(l_since)) & 0xffff) == day) {
            const std::int64_t overlap = (l_left - std::max({l_since, o_since, warm_})).count();
            if (overlap > 0) total += overlap;
          }
        }
        if (prune && vy.older_left_bound < from) break;
      }
    }
    if (prune && vx.older_left_bound < from) break;
  }
  return total;
}

}  // namespace last100::modes
