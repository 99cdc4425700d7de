// Dispatch by urgency (issue 11, item 1): one rule for every mode's queues -- priority, then
// earliest due time, then age -- and late orders cancelled where the category says so.
// Sizes are checked against the sampling error of the compared means and shares (fixed
// seeds): a difference must exceed three standard errors to count as one.
#include <catch2/catch.hpp>

#include <cmath>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

constexpr auto parcel = model::Category::parcel;
constexpr auto takeout = model::Category::takeout;
constexpr auto medicine = model::Category::medicine;

// Busy day: 1 courier for 120 households ordering about 6 times each between 07:00 and 19:00,
// more than it can deliver, so that orders queue at the gate and the dispatch order decides
// who waits.
model::WorldParams busy_world(std::uint64_t seed, model::DispatchRule rule, std::uint32_t couriers = 1,
                              double parcels = 4.0) {
  model::WorldParams p = small_world(seed);
  p.demand = daytime_demand();
  auto& cats = p.demand.categories;
  cats[static_cast<std::size_t>(parcel)].orders_per_household_per_day = parcels;
  cats[static_cast<std::size_t>(model::Category::fresh_food)].orders_per_household_per_day = 0.0;
  cats[static_cast<std::size_t>(model::Category::staples)].orders_per_household_per_day = 0.0;
  cats[static_cast<std::size_t>(takeout)].orders_per_household_per_day = 1.2;
  cats[static_cast<std::size_t>(takeout)].deadline = 90min;
  cats[static_cast<std::size_t>(medicine)].orders_per_household_per_day = 0.8;
  for (std::size_t k = 0; k < model::category_count; ++k) cats[k].priority = model::default_priority[k];
  p.couriers.front().count = couriers;
  p.vehicles.interval = 15min;
  p.dispatch.rule = rule;
  p.run.duration = 30h;
  return p;
}

// The mode with its defaults; the relay's one courier serves both compounds as one pool (with
// couriers grouped by compound, a lone courier would serve only its own while overloaded).
scenario::ModeRun one_pool(const std::string& mode) {
  if (mode == "relay") return mode_run(mode, {{"home_compound_first", false}});
  return mode_run(mode);
}

// The share of a category's orders handed over within `limit` of being placed (orders still
// in flight count as not handed over: no censoring bias), with its binomial standard error.
struct Share {
  double p = 0, se = 0;
  std::size_t n = 0;
};
// `stage`: what counts as done (handed over; for shelves, where the courier's dispatch ends,
// the drop on the shelf: the resident's own delay to collect is not dispatch).
Share within(const model::Orders& orders, model::Category c, sim::Duration limit,
             model::Stage stage = model::Stage::handed_over) {
  std::size_t n = 0, k = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (orders.category(o) != c) continue;
    ++n;
    k += orders.reached(o, stage) && orders.time(o, stage) - orders.time(o, model::Stage::placed) <= limit;
  }
  Share r;
  r.n = n;
  if (n == 0) return r;
  r.p = static_cast<double>(k) / static_cast<double>(n);
  r.se = std::sqrt(r.p * (1 - r.p) / static_cast<double>(n));
  return r;
}

}  // namespace

TEST_CASE("the urgency comparator: priority, then due time, then age", "[modes][dispatch]") {
  model::WorldParams p = small_world(3);
  p.run.duration = 6h;
  model::World w = model::build_world(p);
  model::Orders orders;
  const model::HouseholdId h{0};
  auto& cats = p.demand.categories;
  cats[static_cast<std::size_t>(takeout)].deadline = 60min;
  cats[static_cast<std::size_t>(model::Category::fresh_food)].spoil_after = 4h;
  cats[static_cast<std::size_t>(model::Category::fresh_food)].deadline = 0min;
  const auto pr = [&](model::Category c) { return cats[static_cast<std::size_t>(c)].priority; };
  const auto a = orders.add(h, parcel, 1, pr(parcel), sim::at_tick(0));
  const auto b = orders.add(h, medicine, 1, pr(medicine), sim::at_tick(60'000));
  const auto t1 = orders.add(h, takeout, 1, pr(takeout), sim::at_tick(120'000));
  const auto t0 = orders.add(h, takeout, 1, 3, sim::at_tick(30'000));  // placed earlier, added later
  const auto f = orders.add(h, model::Category::fresh_food, 1, pr(model::Category::fresh_food), sim::at_tick(0));
  modes::Urgency u(orders, p.demand, model::DispatchRule::urgency);
  CHECK(u.before(b, a));    // medicine (4) before parcel (0) placed a minute earlier
  CHECK(u.before(b, t1));   // medicine before takeout (3)
  CHECK(u.before(t0, t1));  // same priority: the earlier due time
  CHECK(u.before(t1, f));   // takeout (3) before fresh food (2)
  CHECK(orders.priority(f) > orders.priority(a));
  CHECK(u.due(f) == sim::at_tick(0) + 4h);  // a perishable is due when it would spoil
  CHECK(u.due(a) == model::never);
  modes::Urgency fifo(orders, p.demand, model::DispatchRule::fifo);
  CHECK(fifo.before(a, b));
  CHECK(fifo.before(t1, t0));  // fifo by id: the order added first
  std::deque<model::OrderId> q;
  for (auto o : {a, b, t1, t0, f}) u.insert(q, o);
  CHECK(std::vector<model::OrderId>(q.begin(), q.end()) == std::vector<model::OrderId>{b, t0, t1, f, a});
}

TEST_CASE("medicine overtakes parcels in the courier modes and at the supplier", "[modes][dispatch]") {
  // The relay and shelves couriers fill their loads from the gate pool in dispatch order; the
  // vans before them still load by age (docs/modes.md, "Dispatch by urgency").
  for (const char* mode : {"relay", "shelves", "per_building"}) {
    CAPTURE(mode);
    const auto ru = run(model::build_world(busy_world(21, model::DispatchRule::urgency)), one_pool(mode));
    const auto rf = run(model::build_world(busy_world(21, model::DispatchRule::fifo)), one_pool(mode));
    // The share of orders handed over (shelves: dropped on the shelf) within 2 hours of being placed.
    const auto done = std::string(mode) == "shelves" ? model::Stage::at_shelf_or_door : model::Stage::handed_over;
    const Share mu = within(ru.world.orders, medicine, 2h, done), pu = within(ru.world.orders, parcel, 2h, done);
    const Share mf = within(rf.world.orders, medicine, 2h, done), pf = within(rf.world.orders, parcel, 2h, done);
    INFO("within 2 h, urgency: medicine " << mu.p << " (n " << mu.n << "), parcels " << pu.p << "; fifo: medicine "
                                          << mf.p << ", parcels " << pf.p);
    REQUIRE(mu.n > 50);
    // (First in first out the two are no longer exchangeable: since main's demand shapes,
    // medicine peaks in the morning and parcels in the evening.)
    // By urgency: medicine is on time more often than parcels by more than 3 SE ...
    CHECK(mu.p - pu.p > 3 * std::hypot(mu.se, pu.se));
    // ... and more often than it was first in first out.
    CHECK(mu.p - mf.p > 3 * std::hypot(mu.se, mf.se));
  }
  // Group buying: stock for half the demand; the supplier fills medicine first.
  model::WorldParams p = busy_world(21, model::DispatchRule::urgency);
  p.couriers.front().count = 3;
  p.run.duration = 72h;
  const auto r = run(model::build_world(p), mode_run("group_buy", {{"supply_ratio", 0.5}}));
  const auto cancelled_share = [&](model::Category c) {
    const auto& o = r.summary.by_category[static_cast<std::size_t>(c)].orders;
    return static_cast<double>(o.cancelled) / static_cast<double>(o.created);
  };
  INFO("out of stock: medicine " << cancelled_share(medicine) << ", parcels " << cancelled_share(parcel));
  CHECK(cancelled_share(medicine) < cancelled_share(parcel));
}

TEST_CASE("takeout lateness falls when dispatch follows urgency", "[modes][dispatch]") {
  for (const char* mode : {"relay", "shelves", "per_building"}) {
    CAPTURE(mode);
    // Two couriers and more parcels: urgent orders alone fit their time, all orders do not.
    // (Shelves couriers only drop at shelves, quick enough that two keep up: one here.)
    const std::uint32_t couriers = std::string(mode) == "shelves" ? 1 : 2;
    const auto ru = run(model::build_world(busy_world(22, model::DispatchRule::urgency, couriers, 9.0)), one_pool(mode));
    const auto rf = run(model::build_world(busy_world(22, model::DispatchRule::fifo, couriers, 9.0)), one_pool(mode));
    // Late = not handed over (shelves: on the shelf) within the 90-minute deadline (in flight
    // at the end counts too).
    const auto done = std::string(mode) == "shelves" ? model::Stage::at_shelf_or_door : model::Stage::handed_over;
    const Share u = within(ru.world.orders, takeout, 90min, done), f = within(rf.world.orders, takeout, 90min, done);
    INFO("takeout on time: urgency " << u.p << " of " << u.n << ", fifo " << f.p << " of " << f.n);
    REQUIRE(u.n > 100);
    // Two-proportion test: the late share falls by more than three standard errors.
    CHECK(u.p - f.p > 3 * std::hypot(u.se, f.se));
  }
}

TEST_CASE("late orders are cancelled with a reason where the category says so", "[modes][dispatch]") {
  model::WorldParams p = busy_world(23, model::DispatchRule::fifo);
  p.demand.categories[static_cast<std::size_t>(takeout)].cancel_when_late = true;
  for (const char* mode : {"relay", "per_building", "group_buy"}) {
    CAPTURE(mode);
    const auto r = run(model::build_world(p), mode_run(mode));  // run_once checks conservation
    const auto& orders = r.world.orders;
    std::size_t cancelled = 0, late_delivered = 0, cancelled_other = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (orders.status(o) == model::OrderStatus::cancelled) {
        if (orders.category(o) == takeout && orders.cancel_reason(o) == model::CancelReason::deadline_missed) ++cancelled;
        else if (orders.category(o) != takeout && orders.cancel_reason(o) == model::CancelReason::deadline_missed) ++cancelled_other;
      }
      if (orders.category(o) == takeout && orders.reached(o, model::Stage::handed_over) &&
          orders.time(o, model::Stage::handed_over) - orders.time(o, model::Stage::placed) > 90min)
        ++late_delivered;
    }
    CHECK(cancelled > 0);
    CHECK(cancelled_other == 0);
    // Cancellation happens when an order is next dispatched, so an order already on its way
    // may still arrive late; late orders are counted either way.
    CHECK(r.summary.late_takeout >= cancelled);
    CHECK(r.summary.late_takeout == cancelled + late_delivered);
  }
}

TEST_CASE("vans leave in time for takeout aboard when dispatch follows urgency", "[modes][dispatch]") {
  // The station is the bottleneck: one van that may wait an hour for a fuller load, couriers
  // enough at the gate. Under fifo the van waits for its oldest order's hour; under urgency
  // it leaves by the takeout's latest departure (docs/modes.md, "Vans and urgency").
  const auto world = [](model::DispatchRule rule) {
    model::WorldParams p = busy_world(24, rule, 6, 2.0);
    p.vehicles.count = 1;
    p.vehicles.interval = 60min;
    return model::build_world(p);
  };
  const auto ru = run(world(model::DispatchRule::urgency), one_pool("relay"));
  const auto rf = run(world(model::DispatchRule::fifo), one_pool("relay"));
  const Share u = within(ru.world.orders, takeout, 90min), f = within(rf.world.orders, takeout, 90min);
  INFO("takeout on time: urgency " << u.p << " of " << u.n << ", fifo " << f.p << " of " << f.n);
  REQUIRE(u.n > 100);
  CHECK(u.p - f.p > 3 * std::hypot(u.se, f.se));
  // The age promise still holds for the rest: no parcel waits at the station much longer
  // under urgency than the longest wait first in first out (one trip's length of slack).
  const auto longest_station_wait = [](const model::Orders& orders) {
    sim::Duration w{0};
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (orders.category(o) == parcel && orders.reached(o, model::Stage::loaded))
        w = std::max(w, orders.time(o, model::Stage::loaded) - orders.time(o, model::Stage::at_station));
    }
    return w;
  };
  INFO("longest parcel wait at the station: urgency " << sim::to_minutes(longest_station_wait(ru.world.orders))
                                                       << " min, fifo " << sim::to_minutes(longest_station_wait(rf.world.orders)));
  CHECK(longest_station_wait(ru.world.orders) <= longest_station_wait(rf.world.orders) + 60min);
}

TEST_CASE("takeout by the seller's rider reaches the gate without the station and the vans", "[modes][dispatch]") {
  // rider_to_gate > 0: no station stamp, no van, at the gate exactly that long after placement;
  // with one van that waits for its oldest order's hour (fifo), on time far more often than via
  // the station.
  const auto world = [](sim::Duration rider) {
    model::WorldParams p = busy_world(25, model::DispatchRule::fifo, 6, 2.0);
    p.vehicles.count = 1;
    p.vehicles.interval = 60min;
    p.demand.categories[static_cast<std::size_t>(takeout)].rider_to_gate = rider;
    return model::build_world(p);
  };
  for (const char* mode : {"relay", "shelves", "per_building"}) {
    CAPTURE(mode);
    const auto by_rider = run(world(30min), one_pool(mode));
    const auto via_station = run(world(0min), one_pool(mode));
    const auto& orders = by_rider.world.orders;
    std::size_t n = 0, exact = 0, bypassed = 0;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (orders.category(o) != takeout || !orders.reached(o, model::Stage::at_gate)) continue;
      ++n;
      exact += orders.time(o, model::Stage::at_gate) - orders.time(o, model::Stage::placed) == 30min;
      bypassed += !orders.reached(o, model::Stage::at_station) && !orders.reached(o, model::Stage::loaded);
    }
    REQUIRE(n > 100);
    CHECK(exact == n);
    CHECK(bypassed == n);
    const auto done = std::string(mode) == "shelves" ? model::Stage::at_shelf_or_door : model::Stage::handed_over;
    const Share r = within(orders, takeout, 90min, done), s = within(via_station.world.orders, takeout, 90min, done);
    INFO("takeout on time: by rider " << r.p << " of " << r.n << ", via the station " << s.p << " of " << s.n);
    CHECK(r.p - s.p > 3 * std::hypot(r.se, s.se));
  }
}

TEST_CASE("medicine's van leaves earlier than a parcel's placed at the same time under urgency dispatch",
          "[modes][dispatch][medicine]") {
  // One order at 09:00 and nothing else; one van that may wait 6 hours for a fuller load. A
  // parcel waits the whole interval (the age promise); medicine, due 4 h after it is placed
  // (the default), leaves early enough to be handed over before it is due. Under fifo both
  // wait alike.
  const auto first_load = [](model::Category c, model::DispatchRule rule) {
    model::WorldParams p = small_world(9);
    for (auto& cat : p.demand.categories) cat.orders_per_household_per_day = 0.0;
    p.vehicles.count = 1;
    p.vehicles.interval = 6h;
    p.dispatch.rule = rule;
    model::World w = model::build_world(p);
    const auto o = w.orders.add(model::HouseholdId{0}, c, 0.5f, model::default_priority[static_cast<std::size_t>(c)],
                                sim::TimePoint{9h});
    const auto r = run(w, mode_run("relay"));
    REQUIRE(r.world.orders.reached(o, model::Stage::handed_over));
    return std::pair{r.world.orders.time(o, model::Stage::loaded), r.world.orders.time(o, model::Stage::handed_over)};
  };
  const auto [medicine_loaded, medicine_handed] = first_load(medicine, model::DispatchRule::urgency);
  const auto [parcel_loaded, parcel_handed] = first_load(parcel, model::DispatchRule::urgency);
  INFO("loaded: medicine " << sim::to_minutes(medicine_loaded.time_since_epoch()) << " min, parcel "
                           << sim::to_minutes(parcel_loaded.time_since_epoch()) << " min");
  CHECK(medicine_loaded < parcel_loaded);
  CHECK(parcel_loaded >= sim::TimePoint{15h});
  CHECK(medicine_handed <= sim::TimePoint{13h});
  CHECK(first_load(medicine, model::DispatchRule::fifo).first == first_load(parcel, model::DispatchRule::fifo).first);
}

TEST_CASE("the urgency key sorts as the comparator does, priority first", "[modes][dispatch][mechanisms]") {
  // Urgency::key promises key(a) < key(b) exactly when before(a, b), so that indexes kept by key
  // and queues kept by the comparator agree: checked over every pair of orders that differ in
  // priority, due time and age, under both rules.
  model::WorldParams p = small_world(3);
  auto& cats = p.demand.categories;
  cats[static_cast<std::size_t>(takeout)].deadline = 60min;
  cats[static_cast<std::size_t>(model::Category::fresh_food)].spoil_after = 4h;
  model::Orders orders;
  const model::HouseholdId h{0};
  std::vector<model::OrderId> all;
  for (const auto c : {parcel, medicine, takeout, model::Category::fresh_food, model::Category::staples})
    for (const int minute : {0, 30, 90})
      all.push_back(orders.add(h, c, 1, cats[static_cast<std::size_t>(c)].priority, sim::at_tick(minute * 60'000LL)));
  for (const auto rule : {model::DispatchRule::urgency, model::DispatchRule::fifo}) {
    modes::Urgency u(orders, p.demand, rule);
    for (const auto a : all)
      for (const auto b : all) {
        CAPTURE(a.index(), b.index());
        CHECK((u.key(a) < u.key(b)) == u.before(a, b));
      }
  }
}
