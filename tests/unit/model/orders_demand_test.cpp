#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "last100/model/demand.hpp"
#include "last100/model/orders.hpp"
#include "last100/model/world.hpp"

using namespace last100;
using namespace last100::model;
using namespace std::chrono_literals;

TEST_CASE("an order's status follows its latest stage and terminal stages exclude each other",
          "[world][model]") {
  Orders o;
  const OrderId a = o.add(HouseholdId{3}, Category::fresh_food, 2.5f, 1, sim::TimePoint{10min});
  CHECK(o.status(a) == OrderStatus::placed);
  o.stamp(a, Stage::at_station, sim::TimePoint{20min});
  o.stamp(a, Stage::at_gate, sim::TimePoint{50min});
  CHECK(o.status(a) == OrderStatus::at_gate);
  o.stamp(a, Stage::handed_over, sim::TimePoint{70min});
  CHECK(o.status(a) == OrderStatus::delivered);
  CHECK(o.terminal(a));
  CHECK_THROWS_AS(o.stamp(a, Stage::spoiled, sim::TimePoint{80min}), std::logic_error);
  CHECK_THROWS_AS(o.cancel(a, CancelReason::other, sim::TimePoint{80min}), std::logic_error);

  const OrderId b = o.add(HouseholdId{4}, Category::takeout, 0.8f, 2, sim::TimePoint{30min});
  CHECK_THROWS_AS(o.stamp(b, Stage::loaded, sim::TimePoint{20min}), std::logic_error);  // before placed
  o.cancel(b, CancelReason::deadline_missed, sim::TimePoint{90min});
  CHECK(o.status(b) == OrderStatus::cancelled);
  CHECK(o.cancel_reason(b) == CancelReason::deadline_missed);

  o.clear_progress();
  CHECK(o.status(a) == OrderStatus::placed);
  CHECK(o.status(b) == OrderStatus::placed);
  CHECK(o.time(a, Stage::placed) == sim::TimePoint{10min});
}

namespace {

Households flat_households(std::size_t n) {
  Households h;
  h.building.assign(n, 0);
  h.unit.assign(n, 0);
  h.floor.assign(n, 1);
  h.size.assign(n, 2);
  h.limited_mobility.assign(n, 0);
  h.pickup.assign(n, PickupClass::delayed);
  return h;
}

std::array<std::uint64_t, category_count> count_by_category(const Orders& o) {
  std::array<std::uint64_t, category_count> n{};
  for (Category c : o.categories()) ++n[static_cast<std::size_t>(c)];
  return n;
}

}  // namespace

TEST_CASE("demand rates match their parameters within three Poisson standard errors", "[world][model]") {
  const DemandParams d = typical_demand();
  const Households h = flat_households(50'000);
  const Orders o = generate_demand(d, h, 24h, sim::RandomStreams(11));
  const auto n = count_by_category(o);
  for (std::size_t c = 0; c < category_count; ++c) {
    const double mean = expected_orders(d, static_cast<Category>(c), h.count(), 24h);
    CHECK(mean == Approx(50'000 * d.categories[c].orders_per_household_per_day));
    // The count is Poisson(mean): standard deviation sqrt(mean).
    CHECK(std::abs(static_cast<double>(n[c]) - mean) < 3.0 * std::sqrt(mean));
  }
  for (std::size_t i = 1; i < o.count(); ++i)
    REQUIRE(o.time(make_id<OrderTag>(i - 1), Stage::placed) <= o.time(make_id<OrderTag>(i), Stage::placed));
}

TEST_CASE("takeout follows its daily profile with meal peaks", "[world][model]") {
  const DemandParams d = typical_demand();
  const Households h = flat_households(100'000);
  const Orders o = generate_demand(d, h, 24h, sim::RandomStreams(12));
  std::array<double, 24> per_hour{};
  for (std::size_t i = 0; i < o.count(); ++i) {
    const OrderId id = make_id<OrderTag>(i);
    if (o.category(id) != Category::takeout) continue;
    per_hour[static_cast<std::size_t>(sim::ticks(o.time(id, Stage::placed)) / 3'600'000)] += 1;
  }
  const CategoryDemand& t = d.categories[static_cast<std::size_t>(Category::takeout)];
  for (unsigned hr = 0; hr < 24; ++hr) {
    const double mean = 100'000 * t.orders_per_household_per_day * hour_share(t, hr);
    CHECK(std::abs(per_hour[hr] - mean) < 4.0 * std::sqrt(mean) + 1.0);
  }
  CHECK(per_hour[12] > 5 * per_hour[3]);
  CHECK(per_hour[18] > 5 * per_hour[3]);
  CHECK(per_hour[12] > 2 * per_hour[15]);
}

TEST_CASE("a surge day multiplies that day's demand", "[world][model]") {
  DemandParams d = typical_demand();
  d.surges.push_back(Surge{1, 3.0, {}});
  CHECK(surge_multiplier(d, 0) == 1.0);
  CHECK(surge_multiplier(d, 1) == 3.0);
  const Households h = flat_households(20'000);
  const Orders o = generate_demand(d, h, 48h, sim::RandomStreams(13));
  double day0 = 0, day1 = 0;
  for (auto t : o.times(Stage::placed)) (t < sim::TimePoint{24h} ? day0 : day1) += 1;
  const double m0 = 20'000 * 0.95;
  CHECK(std::abs(day0 - m0) < 3 * std::sqrt(m0));
  CHECK(std::abs(day1 - 3 * m0) < 3 * std::sqrt(3 * m0));
}

TEST_CASE("a surge for one category multiplies only that category, leaving the others' orders alone",
          "[world][model]") {
  DemandParams d = typical_demand();
  const Households h = flat_households(20'000);
  const Orders plain = generate_demand(d, h, 48h, sim::RandomStreams(17));
  d.surges.push_back(Surge{0, 3.0, Category::fresh_food});
  d.surges.push_back(Surge{0, 2.0, std::nullopt});
  CHECK(surge_multiplier(d, 0, Category::fresh_food) == 6.0);
  CHECK(surge_multiplier(d, 0, Category::parcel) == 2.0);
  CHECK(surge_multiplier(d, 0) == 2.0);
  CHECK(surge_multiplier(d, 1, Category::fresh_food) == 1.0);
  d.surges.erase(d.surges.begin() + 1);  // only the fresh-food surge
  const Orders surged = generate_demand(d, h, 48h, sim::RandomStreams(17));
  auto count = [](const Orders& o, Category c, bool first_day) {
    double n = 0;
    for (std::size_t i = 0; i < o.count(); ++i)
      if (o.categories()[i] == c && (o.times(Stage::placed)[i] < sim::TimePoint{24h}) == first_day) n += 1;
    return n;
  };
  // Other categories draw from their own streams: identical counts on both days.
  for (Category c : {Category::parcel, Category::takeout, Category::staples, Category::medicine}) {
    CHECK(count(plain, c, true) == count(surged, c, true));
    CHECK(count(plain, c, false) == count(surged, c, false));
  }
  const double m = 20'000 * 0.30;  // fresh food per day
  CHECK(std::abs(count(surged, Category::fresh_food, true) - 3 * m) < 3 * std::sqrt(3 * m));
  CHECK(std::abs(count(surged, Category::fresh_food, false) - m) < 3 * std::sqrt(m));
}

TEST_CASE("a partial last hour gets its share of demand", "[world][model]") {
  DemandParams d;
  d.categories[0].orders_per_household_per_day = 24.0;  // one per household per hour, flat
  CHECK(expected_orders(d, Category::parcel, 10, 90min) == Approx(15.0));
}

TEST_CASE("one category's parameters do not change another category's orders", "[world][model]") {
  DemandParams d = typical_demand();
  const Households h = flat_households(10'000);
  const Orders a = generate_demand(d, h, 24h, sim::RandomStreams(21));
  d.categories[static_cast<std::size_t>(Category::takeout)].orders_per_household_per_day = 0.6;
  const Orders b = generate_demand(d, h, 24h, sim::RandomStreams(21));
  auto parcels = [](const Orders& o) {
    std::vector<std::pair<sim::TimePoint, std::uint32_t>> v;
    for (std::size_t i = 0; i < o.count(); ++i)
      if (o.categories()[i] == Category::parcel) v.emplace_back(o.times(Stage::placed)[i], o.households()[i]);
    return v;
  };
  CHECK(parcels(a) == parcels(b));
  CHECK(a.count() != b.count());
}

namespace {

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

WorldParams small_world(std::uint64_t seed) {
  WorldParams p;
  p.demand = typical_demand();
  p.run.seed = seed;
  CourierGroup g;
  g.name = "locked in";
  g.count = 22;
  p.couriers.push_back(g);
  return p;
}

}  // namespace

TEST_CASE("the same seed gives the same world byte for byte", "[world][model]") {
  const World a = build_world(small_world(5));
  const World b = build_world(small_world(5));
  const World c = build_world(small_world(6));
  CHECK(a.households.count() == 2700);
  CHECK(a.couriers.count() == 22);
  CHECK(same_bytes(a.households.size, b.households.size));
  CHECK(same_bytes(a.households.limited_mobility, b.households.limited_mobility));
  CHECK(same_bytes(a.households.pickup, b.households.pickup));
  CHECK(same_bytes(a.orders.households(), b.orders.households()));
  CHECK(same_bytes(a.orders.categories(), b.orders.categories()));
  CHECK(same_bytes(a.orders.weights(), b.orders.weights()));
  CHECK(same_bytes(a.orders.times(Stage::placed), b.orders.times(Stage::placed)));
  CHECK_FALSE(same_bytes(a.orders.times(Stage::placed), c.orders.times(Stage::placed)));
  const net::PlaceId gate = a.area.compounds()[0].gates[0];
  const net::PlaceId door = a.area.units().back().door;
  CHECK(a.travel.travel_time(TravelMode::walk, gate, door) == b.travel.travel_time(TravelMode::walk, gate, door));
}

TEST_CASE("a 100k-household world with a day of demand takes under 200 bytes per household",
          "[world][model]") {
  WorldParams p = small_world(1);
  p.area.compounds = 100;
  p.area.buildings = 2778;  // 36 households each: 100,008 households
  const World w = build_world(p);
  REQUIRE(w.households.count() == 100'008);
  const MemoryReport m = memory_report(w);
  INFO("bytes per household: " << m.per_household << " (orders " << m.orders << ", travel " << m.travel << ")");
  CHECK(m.per_household < 200.0);
  CHECK(memory_bytes(w) == m.total);
}
