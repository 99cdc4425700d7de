// Group buying with pickup slots, counters sized per compound, supplier capacity per category
// with substitutions, and the aggregation step (issue 11, item 3).
#include <catch2/catch.hpp>

#include <cmath>

#include "modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

namespace {

model::World busy_compounds(std::uint64_t seed) {
  model::WorldParams p = small_world(seed);
  p.area.households_per_floor = 4;  // 240 households in 2 compounds
  for (auto& c : p.demand.categories) c.orders_per_household_per_day *= 2.0;
  p.run.duration = 72h;
  return model::build_world(p);
}

}  // namespace

TEST_CASE("staggered pickup slots cut crowding and contacts at group-buying stations", "[modes][group_buy]") {
  const model::World world = busy_compounds(51);
  const auto all = run(world, mode_run("group_buy", {{"pickup_slots", std::string("none")}, {"supply_ratio", 100.0}}));
  for (const char* slots : {"household", "unit", "building"}) {
    CAPTURE(slots);
    const auto r = run(world, mode_run("group_buy", {{"pickup_slots", std::string(slots)}, {"supply_ratio", 100.0}}));
    // Exposure as docs/metrics.md defines it: close contacts (household pairs co-present 15
    // minutes or more in a day) and person-minutes spent at the station with someone else.
    const double c0 = static_cast<double>(all.summary.contacts.close_contacts);
    const double c1 = static_cast<double>(r.summary.contacts.close_contacts);
    const auto& e0 = all.summary.contacts;
    const auto& e1 = r.summary.contacts;
    const double m0 = e0.queue_person_minutes + e0.counter_person_minutes;
    const double m1 = e1.queue_person_minutes + e1.counter_person_minutes;
    INFO("peak crowding " << all.summary.peak_shelf_crowding << " -> " << r.summary.peak_shelf_crowding
                          << "; close contacts " << c0 << " -> " << c1 << "; co-present person-minutes " << m0
                          << " -> " << m1 << "; fresh spoiled " << all.summary.spoiled_fresh << " -> "
                          << r.summary.spoiled_fresh);
    REQUIRE(all.summary.orders.delivered > 0);
    // Everyone told at once: a crowd at the opening. With slots the peak is at most a third.
    CHECK(3 * r.summary.peak_shelf_crowding <= all.summary.peak_shelf_crowding);
    // Close contacts fall by more than three Poisson standard errors.
    CHECK(c0 - c1 > 3 * std::sqrt(c0 + c1));
    // Time spent together falls too: by at least half (the crowd at the opening is gone).
    CHECK(2 * m1 < m0);
    // Slots move pickups within the day, they drop no order (a late slot may find fresh food
    // spoiled: the price of spreading residents out).
    CHECK(r.summary.orders.delivered + r.summary.orders.in_flight + r.summary.orders.spoiled ==
          all.summary.orders.delivered + all.summary.orders.in_flight + all.summary.orders.spoiled);
  }
}

TEST_CASE("counters sized per compound shorten the queue at the station", "[modes][group_buy]") {
  const model::World world = busy_compounds(52);
  const auto two = run(world, mode_run("group_buy", {{"pickup_slots", std::string("none")}, {"supply_ratio", 100.0}}));
  const auto sized = run(world, mode_run("group_buy", {{"pickup_slots", std::string("none")}, {"supply_ratio", 100.0},
                                                       {"counters_per_1000_households", 50.0}}));
  INFO("peak crowding: 2 counters " << two.summary.peak_shelf_crowding << ", 6 per compound "
                                    << sized.summary.peak_shelf_crowding);
  CHECK(sized.summary.peak_shelf_crowding < two.summary.peak_shelf_crowding);
  const auto minutes = [](const auto& c) { return c.queue_person_minutes + c.counter_person_minutes; };
  CHECK(minutes(sized.summary.contacts) < minutes(two.summary.contacts));
}

TEST_CASE("a short category is cancelled out of stock or substituted, and the aggregation step delays the supplier",
          "[modes][group_buy]") {
  const model::World world = busy_compounds(53);
  const auto staples = static_cast<std::size_t>(model::Category::staples);
  const auto none = run(world, mode_run("group_buy", {{"supply_ratio", 100.0}, {"supply_staples", 0.5}}));
  const auto half = run(world, mode_run("group_buy", {{"supply_ratio", 100.0}, {"supply_staples", 0.5},
                                                      {"substitute_share", 0.5}}));
  const double cut0 = static_cast<double>(none.summary.by_category[staples].orders.cancelled);
  const double cut1 = static_cast<double>(half.summary.by_category[staples].orders.cancelled);
  INFO("staples cancelled: no substitutes " << cut0 << ", half accept one " << cut1);
  // Only staples run short (half the expected demand in stock): about half are cancelled.
  REQUIRE(cut0 > 30);
  for (std::size_t k = 0; k < model::category_count; ++k)
    if (k != staples) CHECK(none.summary.by_category[k].orders.cancelled == 0);
  const double tallied = static_cast<double>(none.summary.by_category[staples].orders.created);
  CHECK(cut0 / tallied > 0.3);
  // Half of the short orders accept a substitute: cancellations fall to about half, within
  // three binomial standard errors.
  CHECK(std::abs(cut1 - cut0 / 2) < 3 * std::sqrt(cut0 * 0.25) + 1);
  // The aggregation step adds its time to every lead time.
  const auto slow = run(world, mode_run("group_buy", {{"supply_ratio", 100.0}, {"aggregation_time", sim::Duration{5h}}}));
  const auto fast = run(world, mode_run("group_buy", {{"supply_ratio", 100.0}, {"aggregation_time", sim::Duration{0}}}));
  CHECK(slow.summary.lead_time_minutes.p50 - fast.summary.lead_time_minutes.p50 > 180);
}

TEST_CASE("two group-buying windows deliver at least as much as one: slots end at closing and carry over in order",
          "[modes][group_buy][slots]") {
  // The same world and stock (ample, so that shortages do not enter), one window at 20:00
  // against two (08:00 and 20:00), pickup slots by unit. A second window must not make slots
  // run past the station's closing into the night (residents then came the next morning and
  // found fresh food spoiled) nor overlap the first window's slots.
  for (std::uint64_t seed : {61, 62, 63}) {
    CAPTURE(seed);
    const model::World world = busy_compounds(seed);
    const auto with = [&](std::int64_t windows) {
      return run(world, mode_run("group_buy", {{"windows_per_day", windows}, {"supply_ratio", 100.0}}));
    };
    const auto one = with(1), two = with(2);
    INFO("delivered " << one.summary.orders.delivered << " -> " << two.summary.orders.delivered << ", fresh spoiled "
                      << one.summary.spoiled_fresh << " -> " << two.summary.spoiled_fresh << ", peak crowding "
                      << one.summary.peak_shelf_crowding << " -> " << two.summary.peak_shelf_crowding);
    CHECK(two.summary.orders.delivered >= one.summary.orders.delivered);
    CHECK(two.summary.spoiled_fresh <= one.summary.spoiled_fresh);
    CHECK(two.summary.peak_shelf_crowding <= one.summary.peak_shelf_crowding + 1);
    // Nobody is served while the station is closed (07:00-20:00).
    const auto& orders = two.world.orders;
    for (std::size_t i = 0; i < orders.count(); ++i) {
      const auto o = order_id(i);
      if (!orders.reached(o, model::Stage::handed_over) || !orders.reached(o, model::Stage::at_shelf_or_door)) continue;
      const auto clock = orders.time(o, model::Stage::handed_over).time_since_epoch() % sim::Duration{24h};
      if (clock < 7h || clock > 20h + 30min) FAIL("collected at " << sim::to_minutes(clock) << " min after midnight");
    }
  }
}
