#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "last100/net/generate.hpp"
#include "last100/net/travel_times.hpp"

using namespace last100;
using namespace last100::net;

namespace {

/// A small explicit area: station - junction - gate - square - two buildings.
struct Small {
  Area area;
  PlaceId station, junction, gate, square, b1, b2, d1, d2;

  Small() {
    const auto c = area.add_compound("A");
    station = area.add_place(PlaceKind::outside_station, -300, 0);
    junction = area.add_place(PlaceKind::junction, 0, 0);
    gate = area.add_place(PlaceKind::gate, 20, 0, c);
    square = area.add_place(PlaceKind::compound, 50, 0, c);
    b1 = area.add_place(PlaceKind::building_entrance, 90, 0, c);
    b2 = area.add_place(PlaceKind::building_entrance, 140, 0, c);
    d1 = area.add_place(PlaceKind::unit_door, 95, 0, c);
    d2 = area.add_place(PlaceKind::unit_door, 150, 0, c);
    area.add_edge(station, junction, 300, all_modes);
    area.add_edge(junction, gate, 20, all_modes);
    area.add_edge(gate, square, 30, walk_and_cart);
    area.add_edge(square, b1, 40, walk_and_cart);
    area.add_edge(b1, b2, 50, walk_only);     // a footpath the cart cannot use
    area.add_edge(square, b2, 200, walk_and_cart);
    const auto u1 = area.add_building(b1, 6, false);
    area.add_unit(u1, d1, 2, true, 5.0f);
    area.add_edge(b1, d1, 5, walk_only);
    const auto u2 = area.add_building(b2, 6, true);
    area.add_unit(u2, d2, 2, true, 10.0f);
    area.add_edge(b2, d2, 10, walk_only);
  }
};

double seconds(sim::Duration d) { return sim::to_seconds(d); }

}  // namespace

TEST_CASE("travel times match hand-computed ones on a small explicit graph", "[world][net]") {
  Small s;
  const TravelTimes t(s.area, TravelSpeeds{1.2, 3.0, 6.0});
  // Walking takes the footpath: 300 + 20 + 30 + 40 + 50 = 440 m.
  CHECK(t.distance_m(TravelMode::walk, s.station, s.b2) == Approx(440.0));
  CHECK(seconds(t.travel_time(TravelMode::walk, s.station, s.b2)) == Approx(440.0 / 1.2).margin(0.001));
  // The cart must go round: 300 + 20 + 30 + 200 = 550 m.
  CHECK(t.distance_m(TravelMode::cart, s.station, s.b2) == Approx(550.0));
  CHECK(seconds(t.travel_time(TravelMode::cart, s.station, s.b2)) == Approx(550.0 / 3.0).margin(0.001));
  // The van reaches the gate: 320 m at 6 m/s.
  CHECK(seconds(t.travel_time(TravelMode::van, s.station, s.gate)) == Approx(320.0 / 6.0).margin(0.001));
  // A unit door adds its fixed walk, on foot even when the rest is by cart.
  CHECK(t.distance_m(TravelMode::walk, s.station, s.d1) == Approx(395.0));
  CHECK(seconds(t.travel_time(TravelMode::cart, s.station, s.d1)) ==
        Approx(390.0 / 3.0 + 5.0 / 1.2).margin(0.001));
  // Door to door in neighbouring buildings: 5 + 50 + 10.
  CHECK(t.distance_m(TravelMode::walk, s.d1, s.d2) == Approx(65.0));
  CHECK(t.distance_m(TravelMode::walk, s.d2, s.d1) == Approx(65.0));
  // A courier's own speed.
  CHECK(seconds(t.travel_time(TravelMode::walk, s.gate, s.b1, 1.0)) == Approx(70.0).margin(0.001));
  CHECK(t.travel_time(TravelMode::walk, s.b1, s.b1) == sim::Duration{0});
  CHECK_THROWS_AS(t.distance_m(TravelMode::walk, s.junction, s.b1), std::out_of_range);
}

TEST_CASE("a van cannot pass a walk-only edge", "[world][net]") {
  Small s;
  const TravelTimes t(s.area);
  CHECK_FALSE(t.reachable(TravelMode::van, s.station, s.square));
  CHECK_FALSE(t.reachable(TravelMode::van, s.station, s.b1));
  CHECK_FALSE(t.reachable(TravelMode::van, s.gate, s.d1));
  CHECK(t.travel_time(TravelMode::van, s.station, s.b1) == unreachable);
  CHECK(t.reachable(TravelMode::van, s.station, s.gate));
  CHECK(t.reachable(TravelMode::walk, s.station, s.d2));
}

namespace {

/// Floyd-Warshall over every place but unit doors: the reference for the hierarchy.
std::vector<std::vector<double>> all_pairs(const Area& area, TravelMode mode) {
  const std::size_t n = area.places().size();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> d(n, std::vector<double>(n, inf));
  for (std::size_t i = 0; i < n; ++i) d[i][i] = 0;
  for (const Edge& e : area.edges()) {
    if (!allows(e.modes, mode)) continue;
    if (area.place(e.a).kind == PlaceKind::unit_door || area.place(e.b).kind == PlaceKind::unit_door) continue;
    d[e.a.index()][e.b.index()] = std::min(d[e.a.index()][e.b.index()], double{e.length_m});
    d[e.b.index()][e.a.index()] = d[e.a.index()][e.b.index()];
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
  return d;
}

}  // namespace

TEST_CASE("hub and compound matrices agree with a full all-pairs search", "[world][net]") {
  AreaParams p;
  p.compounds = 5;
  p.buildings = 13;
  p.gates_per_compound = 2;
  p.outside_stations = 2;
  p.outlets_inside = 1;
  p.mobile_stations = 2;
  Area area = generate_area(p, 3);
  // A shortcut between two compounds' gates and a long way round inside compound 0.
  const auto& g0 = area.compounds()[0].gates;
  const auto& g1 = area.compounds()[1].gates;
  area.add_edge(g0[1], g1[0], 15.0f, walk_only);
  const TravelTimes t(area);
  for (TravelMode mode : {TravelMode::walk, TravelMode::cart, TravelMode::van}) {
    const auto ref = all_pairs(area, mode);
    std::size_t compared = 0;
    for (std::size_t i = 0; i < area.places().size(); ++i) {
      const Place& a = area.places()[i];
      if (a.kind == PlaceKind::junction || a.kind == PlaceKind::unit_door) continue;
      for (std::size_t j = 0; j < area.places().size(); ++j) {
        const Place& b = area.places()[j];
        if (b.kind == PlaceKind::junction || b.kind == PlaceKind::unit_door) continue;
        const double got = t.distance_m(mode, make_id<PlaceTag>(i), make_id<PlaceTag>(j));
        if (std::isinf(ref[i][j])) {
          CHECK(std::isinf(got));
        } else {
          CHECK(got == Approx(ref[i][j]).epsilon(1e-5));
        }
        ++compared;
      }
    }
    CHECK(compared > 400);
  }
  CHECK(t.hub_count() == 5 * 2 + 2 + 1 + 2);
}

TEST_CASE("the travel tables report a rising share of their work, ending at 1, and are the same", "[world][net]") {
  // Several compounds with two gates (the merge rows count too), stations and outlets.
  AreaParams p;
  p.compounds = 6;
  p.buildings = 300;
  p.gates_per_compound = 2;
  p.outside_stations = 2;
  p.outlets_inside = 1;
  const Area area = generate_area(p, 7);
  std::vector<double> shares;
  const TravelTimes reported(area, {}, [&](double share) { shares.push_back(share); });
  const TravelTimes quiet(area);
  REQUIRE(shares.size() > 100);
  CHECK(shares.size() <= 1001);  // at most once per thousandth
  CHECK(std::is_sorted(shares.begin(), shares.end()));
  CHECK(shares.front() > 0.0);
  CHECK(shares.back() == 1.0);
  std::vector<PlaceId> places;  // every 13th place a travel time can be asked for
  for (std::size_t i = 0; i < area.places().size(); i += 13)
    if (area.places()[i].kind != PlaceKind::junction) places.push_back(make_id<PlaceTag>(i));
  for (TravelMode mode : {TravelMode::walk, TravelMode::cart, TravelMode::van})
    for (PlaceId a : places)
      for (PlaceId b : places) CHECK(reported.distance_m(mode, a, b) == quiet.distance_m(mode, a, b));
}
