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

// Busy day: 2 couriers for 120 households ordering about 5 times each between 07:00 and
// 19:00, so that orders queue at the gate and the dispatch order decides who waits.
model::WorldParams busy_world(std::uint64_t seed, model::DispatchRule rule) {
  model::WorldParams p = small_world(seed);
  p.demand = daytime_demand();
  auto& cats = p.demand.categories;
  cats[static_cast<std::size_t>(parcel)].orders_per_household_per_day = 3.0;
  cats[static_cast<std::size_t>(model::Category::fresh_food)].orders_per_household_per_day = 0.0;
  cats[static_cast<std::size_t>(model::Category::staples)].orders_per_household_per_day = 0.0;
  cats[static_cast<std::size_t>(takeout)].orders_per_household_per_day = 1.2;
  cats[static_cast<std::size_t>(takeout)].deadline = 90min;
  cats[static_cast<std::size_t>(medicine)].orders_per_household_per_day = 0.6;
  for (std::size_t k = 0; k < model::category_count; ++k) cats[k].priority = model::default_priority[k];
  p.couriers.front().count = 2;
  p.vehicles.interval = 20min;
  p.dispatch.rule = rule;
  p.run.duration = 30h;
  return p;
}

struct Mean {
  double mean = 0, se = 0;
  std::size_t n = 0;
};

// Mean lead time (minutes) of delivered orders of a category, with its standard error.
Mean lead_time(const model::Orders& orders, model::Category c) {
  double sum = 0, sq = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < orders.count(); ++i) {
    const auto o = order_id(i);
    if (orders.category(o) != c || !orders.reached(o, model::Stage::handed_over)) continue;
    const double m = std::chrono::duration<double>(orders.time(o, model::Stage::handed_over) -
                                                   orders.time(o, model::Stage::placed)).count() / 60.0;
    sum += m;
    sq += m * m;
    ++n;
  }
  Mean r;
  r.n = n;
  if (n < 2) return r;
  r.mean = sum / static_cast<double>(n);
  const double var = (sq - static_cast<double>(n) * r.mean * r.mean) / static_cast<double>(n - 1);
  r.se = std::sqrt(var / static_cast<double>(n));
  return r;
}

// Share of takeout orders not handed over within their deadline (late, or cancelled late).
struct Share {
  double p = 0;
  std::size_t n = 0;
};
Share late_takeout(const experiment::SingleRun& r) {
  const auto& s = r.summary.by_category[static_cast<std::size_t>(takeout)].orders;
  return {static_cast<double>(r.summary.late_takeout) / static_cast<double>(s.created), static_cast<std::size_t>(s.created)};
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

TEST_CASE("medicine overtakes parcels in every courier mode", "[modes][dispatch]") {
  for (const char* mode : {"relay", "per_building", "shelves"}) {
    CAPTURE(mode);
    const model::World urgent = model::build_world(busy_world(21, model::DispatchRule::urgency));
    const model::World fifo = model::build_world(busy_world(21, model::DispatchRule::fifo));
    const auto ru = run(urgent, mode_run(mode));
    const auto rf = run(fifo, mode_run(mode));
    const Mean mu = lead_time(ru.world.orders, medicine), pu = lead_time(ru.world.orders, parcel);
    const Mean mf = lead_time(rf.world.orders, medicine), pf = lead_time(rf.world.orders, parcel);
    INFO("urgency: medicine " << mu.mean << " +- " << mu.se << " (n " << mu.n << "), parcels " << pu.mean << " +- " << pu.se);
    INFO("fifo:    medicine " << mf.mean << " +- " << mf.se << " (n " << mf.n << "), parcels " << pf.mean << " +- " << pf.se);
    REQUIRE(mu.n > 100);
    // First in first out: medicine and parcels are exchangeable, their means agree within 3 SE.
    CHECK(std::abs(mf.mean - pf.mean) < 3 * std::hypot(mf.se, pf.se));
    // By urgency: medicine waits less than parcels by more than 3 SE of the difference ...
    CHECK(pu.mean - mu.mean > 3 * std::hypot(mu.se, pu.se));
    // ... and less than it did first in first out.
    CHECK(mf.mean - mu.mean > 3 * std::hypot(mu.se, mf.se));
  }
}

TEST_CASE("takeout lateness falls when dispatch follows urgency", "[modes][dispatch]") {
  for (const char* mode : {"relay", "per_building"}) {
    CAPTURE(mode);
    const auto ru = run(model::build_world(busy_world(22, model::DispatchRule::urgency)), mode_run(mode));
    const auto rf = run(model::build_world(busy_world(22, model::DispatchRule::fifo)), mode_run(mode));
    const Share u = late_takeout(ru), f = late_takeout(rf);
    INFO("late takeout share: urgency " << u.p << " of " << u.n << ", fifo " << f.p << " of " << f.n);
    REQUIRE(u.n > 100);
    // Two-proportion test: the fall exceeds three standard errors of the difference.
    const double se = std::sqrt(u.p * (1 - u.p) / static_cast<double>(u.n) + f.p * (1 - f.p) / static_cast<double>(f.n));
    CHECK(f.p - u.p > 3 * se);
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
      if (orders.category(o) == takeout && orders.reached(o, model::Stage::at_shelf_or_door) &&
          orders.time(o, model::Stage::at_shelf_or_door) - orders.time(o, model::Stage::placed) > 90min)
        ++late_delivered;
    }
    CHECK(cancelled > 0);
    CHECK(cancelled_other == 0);
    // Cancellation happens when an order is next dispatched, so an order already on its way
    // may still arrive late; but no order dispatched after its deadline is delivered.
    CHECK(r.summary.late_takeout >= cancelled);
    (void)late_delivered;
  }
}
