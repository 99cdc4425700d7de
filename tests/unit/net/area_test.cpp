#include <catch2/catch.hpp>

#include <sstream>

#include "last100/net/area.hpp"
#include "last100/net/csv_loader.hpp"
#include "last100/net/generate.hpp"

using namespace last100;
using namespace last100::net;

TEST_CASE("the generator reproduces 10 compounds with 75 buildings spread 8 and 7", "[world][net]") {
  AreaParams p;  // defaults: 10 compounds, 75 buildings, 3 units, 6 floors, 2 per floor
  const Area area = generate_area(p, 42);
  REQUIRE(area.compounds().size() == 10);
  REQUIRE(area.buildings().size() == 75);
  std::size_t eights = 0, sevens = 0;
  for (const Compound& c : area.compounds()) {
    REQUIRE(c.gates.size() == 1);
    if (c.buildings.size() == 8) ++eights;
    if (c.buildings.size() == 7) ++sevens;
  }
  CHECK(eights == 5);
  CHECK(sevens == 5);
  CHECK(area.units().size() == 225);
  CHECK(area.household_count() == 2700);
  CHECK(area.places_of_kind(PlaceKind::outside_station).size() == 1);
  CHECK(area.places_of_kind(PlaceKind::unit_door).size() == 225);
  std::size_t lifts = 0;
  for (const Building& b : area.buildings()) lifts += b.has_lift ? 1 : 0;
  CHECK(lifts == 15);  // round(0.2 x 75)
  CHECK_NOTHROW(area.validate());
}

TEST_CASE("the generator spreads any building count as evenly as possible", "[world][net]") {
  AreaParams p;
  p.compounds = 7;
  p.buildings = 100;
  p.gates_per_compound = 3;
  p.outlets_inside = 2;
  p.mobile_stations = 3;
  p.outside_stations = 2;
  const Area area = generate_area(p, 1);
  std::size_t total = 0;
  for (const Compound& c : area.compounds()) {
    CHECK((c.buildings.size() == 14 || c.buildings.size() == 15));
    CHECK(c.gates.size() == 3);
    total += c.buildings.size();
  }
  CHECK(total == 100);
  CHECK(area.places_of_kind(PlaceKind::outlet).size() == 2);
  CHECK(area.places_of_kind(PlaceKind::mobile_station).size() == 3);
  CHECK(area.places_of_kind(PlaceKind::outside_station).size() == 2);
  CHECK_NOTHROW(area.validate());
}

TEST_CASE("the generator refuses impossible parameters", "[world][net]") {
  AreaParams p;
  p.compounds = 0;
  CHECK_THROWS_AS(generate_area(p, 1), AreaError);
  p.compounds = 10;
  p.buildings = 5;
  CHECK_THROWS_AS(generate_area(p, 1), AreaError);
  p.buildings = 75;
  p.lift_share = 1.5;
  CHECK_THROWS_AS(generate_area(p, 1), AreaError);
}

TEST_CASE("the same seed gives the same area and another seed other lifts", "[world][net]") {
  AreaParams p;
  p.lift_share = 0.5;
  const Area a = generate_area(p, 7);
  const Area b = generate_area(p, 7);
  const Area c = generate_area(p, 8);
  REQUIRE(a.buildings().size() == b.buildings().size());
  bool differs = false;
  for (std::size_t i = 0; i < a.buildings().size(); ++i) {
    CHECK(a.buildings()[i].has_lift == b.buildings()[i].has_lift);
    differs = differs || a.buildings()[i].has_lift != c.buildings()[i].has_lift;
  }
  CHECK(differs);
  REQUIRE(a.edges().size() == b.edges().size());
  for (std::size_t i = 0; i < a.edges().size(); ++i) CHECK(a.edges()[i].length_m == b.edges()[i].length_m);
}

TEST_CASE("an edge that leaves a compound other than at a gate is refused", "[world][net]") {
  Area area;
  const auto c = area.add_compound("c");
  area.add_place(PlaceKind::gate, 0, 0, c);
  const PlaceId square = area.add_place(PlaceKind::compound, 0, 10, c);
  const PlaceId street = area.add_place(PlaceKind::junction, 0, -10);
  area.add_edge(square, street, 20.0f, all_modes);
  CHECK_THROWS_AS(area.validate(), AreaError);
}

namespace {

const char* good_nodes =
    "# a small compound\n"
    "id,kind,compound,x_m,y_m,floors,households_per_floor,lift,shelf\n"
    "S,outside_station,,-300,0,,,,\n"
    "J,junction,,0,0,,,,\n"
    "G,gate,A,20,0,,,,\n"
    "B1,building_entrance,A,60,0,6,,0,\n"
    "D1,unit_door,A,65,0,,2,,1\n"
    "D2,unit_door,A,80,0,,2,,0\n";
const char* good_edges =
    "from,to,length_m,modes\n"
    "S,J,300,walk|cart|van\n"
    "J,G,20,walk|cart|van\n"
    "G,B1,40,walk|cart\n"
    "B1,D1,5,walk\n"
    "B1,D2,20,walk\n";

Area load(const std::string& nodes, const std::string& edges) {
  std::istringstream n(nodes), e(edges);
  return load_area_csv(n, "nodes.csv", e, "edges.csv");
}

LoadError load_error(const std::string& nodes, const std::string& edges) {
  try {
    load(nodes, edges);
  } catch (const LoadError& e) {
    return e;
  }
  FAIL("no LoadError thrown");
  return LoadError("", 0, 0, "", "");
}

}  // namespace

TEST_CASE("the CSV loader reads a small compound", "[world][net]") {
  const Area area = load(good_nodes, good_edges);
  CHECK(area.compounds().size() == 1);
  CHECK(area.buildings().size() == 1);
  CHECK(area.units().size() == 2);
  CHECK(area.household_count() == 24);
  CHECK(area.units()[1].walk_m == 20.0f);
  CHECK_FALSE(area.units()[1].has_shelf);
  CHECK(area.place(area.buildings()[0].entrance).name == "B1");
}

TEST_CASE("CSV loader errors carry the file, line and column", "[world][net]") {
  std::string nodes = good_nodes;
  SECTION("an unknown kind") {
    nodes += "X,tower,A,0,0,,,,\n";
    const LoadError e = load_error(nodes, good_edges);
    CHECK(e.file() == "nodes.csv");
    CHECK(e.line() == 9);
    CHECK(e.column() == 3);
    CHECK_THAT(e.hint(), Catch::Contains("building_entrance"));
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("nodes.csv:9:3:"));
  }
  SECTION("a number that is not a number") {
    nodes += "J2,junction,,1o0,0,,,,\n";
    const LoadError e = load_error(nodes, good_edges);
    CHECK(e.line() == 9);
    CHECK(e.column() == 14);
  }
  SECTION("a duplicate id") {
    nodes += "G,gate,A,0,0,,,,\n";
    CHECK(load_error(nodes, good_edges).line() == 9);
  }
  SECTION("an edge to an unknown node") {
    const LoadError e = load_error(nodes, std::string(good_edges) + "J,Q,10,walk\n");
    CHECK(e.file() == "edges.csv");
    CHECK(e.line() == 7);
    CHECK(e.column() == 3);
  }
  SECTION("a negative length") {
    const LoadError e = load_error(nodes, std::string(good_edges) + "J,G,-4,walk\n");
    CHECK(e.line() == 7);
    CHECK(e.column() == 5);
  }
  SECTION("an unknown travel mode") {
    const LoadError e = load_error(nodes, std::string(good_edges) + "J,G,4,walk|bike\n");
    CHECK(e.line() == 7);
    CHECK_THAT(e.hint(), Catch::Contains("walk|cart"));
  }
  SECTION("a missing field") {
    const LoadError e = load_error(nodes, std::string(good_edges) + "J,G,4\n");
    CHECK(e.line() == 7);
  }
  SECTION("an edge leaving the compound from a building") {
    const LoadError e = load_error(nodes, std::string(good_edges) + "J,B1,30,walk\n");
    CHECK(e.line() == 7);
    CHECK(e.column() == 3);
  }
  SECTION("a wrong header") {
    const LoadError e = load_error("id,kind\n", good_edges);
    CHECK(e.line() == 1);
  }
  SECTION("a building no path reaches") {
    nodes += "B2,building_entrance,A,90,0,4,,0,\nD3,unit_door,A,95,0,,2,,1\n";
    const LoadError e = load_error(nodes, std::string(good_edges) + "B2,D3,5,walk\n");
    CHECK(e.file() == "nodes.csv");
    CHECK(e.line() == 9);
    CHECK_THAT(e.message(), Catch::Contains("'B2' is joined to 'S' by no path"));
  }
  SECTION("a building reached only by van, not on foot from a gate") {
    nodes += "B2,building_entrance,A,90,0,4,,0,\nD3,unit_door,A,95,0,,2,,1\n";
    const LoadError e = load_error(nodes, std::string(good_edges) + "B2,D3,5,walk\nG,B2,30,van\n");
    CHECK(e.line() == 9);
    CHECK_THAT(e.message(), Catch::Contains("cannot be reached on foot from any gate of compound 'A'"));
  }
  SECTION("a compound linked to the others by van only: couriers walk between compounds") {
    nodes += "G2,gate,B,200,0,,,,\nB2,building_entrance,B,230,0,4,,0,\nD3,unit_door,B,235,0,,2,,1\n";
    const LoadError e = load_error(nodes, std::string(good_edges) + "G,G2,180,van\nG2,B2,30,walk\nB2,D3,5,walk\n");
    CHECK(e.line() == 9);
    CHECK_THAT(e.message(), Catch::Contains("compound 'B' cannot be reached on foot from compound 'A'"));
    CHECK_NOTHROW(load(nodes, std::string(good_edges) + "G,G2,180,walk|van\nG2,B2,30,walk\nB2,D3,5,walk\n"));
  }
  SECTION("a compound without a gate is located at its first node") {
    nodes += "B2,building_entrance,C,90,0,4,,0,\nD3,unit_door,C,95,0,,2,,1\n";
    const LoadError e = load_error(nodes, std::string(good_edges) + "B2,D3,5,walk\n");
    CHECK(e.line() == 9);
    CHECK_THAT(e.message(), Catch::Contains("compound 'C' has no gate"));
  }
  SECTION("a layout without any building") {
    const LoadError e = load_error("id,kind,compound,x_m,y_m,floors,households_per_floor,lift,shelf\n"
                                   "S,outside_station,,-300,0,,,,\nG,gate,A,20,0,,,,\n",
                                   "from,to,length_m,modes\nS,G,320,walk\n");
    CHECK(e.file() == "nodes.csv");
    CHECK(e.line() == 3);
    CHECK_THAT(e.message(), Catch::Contains("no building"));
  }
  SECTION("lengths the clock and the street graph cannot hold") {
    for (const char* length : {"1e-5", "1e17"}) {
      const LoadError e = load_error(nodes, std::string(good_edges) + "J,G," + length + ",walk\n");
      CHECK(e.file() == "edges.csv");
      CHECK(e.line() == 7);
      CHECK(e.column() == 5);
    }
    CHECK_NOTHROW(load(nodes, std::string(good_edges) + "J,G,0.002,walk\n"));
  }
  SECTION("a coordinate beyond what float metres hold") {
    nodes += "J2,junction,,1e39,0,,,,\n";
    const LoadError e = load_error(nodes, good_edges);
    CHECK(e.line() == 9);
    CHECK(e.column() == 14);
  }
  SECTION("a station joined by van only is fine: vans fall back to other modes, couriers walk inside") {
    CHECK_NOTHROW(load(nodes, "from,to,length_m,modes\nS,J,300,van\nJ,G,20,van\nG,B1,40,walk|cart\nB1,D1,5,walk\nB1,D2,20,walk\n"));
  }
}
