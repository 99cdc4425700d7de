// Per-building figures for the report's map (issue 12): counts add up to the run's, stage
// waits are the orders' own, the files round-trip, and the page carries the map, sortable
// tables and CSV downloads.

#include <catch2/catch.hpp>

#include <cmath>

#include "last100/report/area_map.hpp"
#include "last100/report/csv.hpp"
#include "last100/report/json.hpp"
#include "last100/report/html.hpp"
#include "last100/report/table.hpp"
#include "modes/modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("per-building figures add up to the run's and their stage waits are the orders' own", "[report][buildings]") {
  const model::World world = model::build_world(small_world(31));
  for (const char* name : {"relay", "shelves"}) {
    INFO(name);
    const auto r = experiment::run_once(world, mode_run(name), "b", std::chrono::minutes{30});
    const auto& rows = r.summary.buildings;
    REQUIRE(rows.size() == r.world.area.buildings().size());
    double orders = 0, delivered = 0;
    for (const auto& b : rows) {
      orders += b.orders;
      delivered += b.delivered;
      CHECK(b.delivered + b.undelivered == b.orders);
    }
    CHECK(orders == double(r.summary.orders.created));
    CHECK(delivered == double(r.summary.orders.delivered));

    // The waits, worked out again from the orders' stamps: measured, delivered orders that
    // reached both ends of a wait.
    using model::Stage;
    const std::array<Stage, 6> st = {Stage::placed, Stage::at_station, Stage::loaded, Stage::at_gate, Stage::at_shelf_or_door,
                                     Stage::handed_over};
    std::vector<std::array<double, 5>> sum(rows.size());
    std::vector<std::array<int, 5>> n(rows.size());
    const auto& o = r.world.orders;
    const sim::TimePoint from{r.world.params.run.warmup}, to{r.world.params.run.duration};
    bool some = false;
    for (std::size_t i = 0; i < o.count(); ++i) {
      const auto id = make_id<model::OrderTag>(i);
      const auto placed = o.time(id, Stage::placed);
      if (placed < from || placed >= to || !o.reached(id, Stage::handed_over)) continue;
      const auto b = r.world.households.building[o.household(id).index()];
      for (std::size_t k = 0; k < 5; ++k)
        if (o.reached(id, st[k]) && o.reached(id, st[k + 1])) {
          sum[b][k] += sim::to_minutes(o.time(id, st[k + 1]) - o.time(id, st[k]));
          ++n[b][k];
        }
    }
    for (std::size_t b = 0; b < rows.size(); ++b)
      for (std::size_t k = 0; k < 5; ++k) {
        if (n[b][k] == 0) {
          CHECK(std::isnan(rows[b].wait_minutes[k]));
        } else {
          some = true;
          CHECK(rows[b].wait_minutes[k] == Approx(sum[b][k] / n[b][k]).margin(1e-9));
        }
      }
    CHECK(some);
  }
}

TEST_CASE("stage waits survive summary.json and buildings.csv, and places.csv reads back", "[report][buildings]") {
  const model::World world = model::build_world(small_world(32));
  auto r = experiment::run_once(world, mode_run("relay"), "b", std::chrono::minutes{30});
  r.summary.mode = "relay";
  const auto back = report::summaries_from_json(report::to_json(std::vector<metrics::Summary>{r.summary}, true));
  REQUIRE(back.size() == 1);
  REQUIRE(back[0].buildings.size() == r.summary.buildings.size());
  for (std::size_t b = 0; b < back[0].buildings.size(); ++b)
    for (std::size_t k = 0; k < 5; ++k) {
      const double w = r.summary.buildings[b].wait_minutes[k];
      if (std::isnan(w)) CHECK(std::isnan(back[0].buildings[b].wait_minutes[k]));
      else CHECK(back[0].buildings[b].wait_minutes[k] == Approx(w));
    }
  const std::string csv = report::places_csv({r.summary}, false);
  CHECK(csv.rfind("mode,building,orders,delivered,undelivered,", 0) == 0);
  CHECK(csv.find("wait_gate_to_shelf_door_min") != std::string::npos);

  const auto map = report::area_map(world.area);
  REQUIRE(map.size() > world.area.buildings().size());
  const auto again = report::area_map_from_csv(report::area_map_csv(map));
  REQUIRE(again.size() == map.size());
  for (std::size_t i = 0; i < map.size(); ++i) {
    CHECK(again[i].kind == map[i].kind);
    CHECK(again[i].index == map[i].index);
    CHECK(again[i].compound == map[i].compound);
    CHECK(again[i].x_m == Approx(map[i].x_m).margin(0.05));
  }
  CHECK(map.front().kind == "building");
  CHECK_THROWS_AS(report::area_map_from_csv("kind,index,compound,x_m,y_m\nbuilding,1,2\n"), std::runtime_error);
  CHECK_THROWS_AS(report::area_map_from_csv("kind,index,compound,x_m,y_m\ngate,x,0,1,2\n"), std::runtime_error);
}

TEST_CASE("the report has the map and sortable tables with CSV downloads and day-clock axes", "[report][buildings]") {
  const model::World world = model::build_world(small_world(33));
  std::vector<metrics::Summary> summaries;
  report::HtmlOptions opt;
  opt.title = "t";
  opt.map = report::area_map(world.area);
  for (const char* name : {"relay", "shelves"}) {
    auto r = experiment::run_once(world, mode_run(name), "t", std::chrono::minutes{30});
    r.summary.mode = name;
    summaries.push_back(r.summary);
  }
  const std::string html = report::render_html(summaries, opt);
  CHECK(html.find("<svg class=\"chart map\" id=\"map\"") != std::string::npos);
  CHECK(html.find("<select id=\"map-mode\"><option value=\"0\">relay</option><option value=\"1\">shelves</option>") !=
        std::string::npos);
  CHECK(html.find("<table class=\"sortable\" id=\"kpis\">") != std::string::npos);
  CHECK(html.find("<table class=\"sortable\" id=\"buildings\">") != std::string::npos);
  CHECK(html.find("data-table=\"buildings\">download CSV") != std::string::npos);
  CHECK(html.find(">d1 12:00<") != std::string::npos);  // a time tick as day and clock
  CHECK(html.find("(one run)") != std::string::npos);
  CHECK(html.find("worst buildings") != std::string::npos);
  CHECK(html.find("longest wait") != std::string::npos);
  CHECK(html.find("<pre class=\"kpi\">") == std::string::npos);  // a real table, not a dump
  // One building table only (no second, older one).
  CHECK(html.find("Buildings with the longest lead times") == std::string::npos);
  // Mode colours: the peak-crowding bars use each mode's own colour (not one for all).
  const auto crowd = html.find("id=\"shelf-crowding\"");
  REQUIRE(crowd != std::string::npos);
  CHECK(html.find("fill=\"#1b6ca8\"", crowd) != std::string::npos);
  CHECK(html.find("fill=\"#d1495b\"", crowd) != std::string::npos);
  // Without the area the page still has the building table and says the map is missing.
  const std::string bare = report::render_html(summaries, {"t", "", {}});
  CHECK(bare.find("id=\"map\"") == std::string::npos);
  CHECK(bare.find("<table class=\"sortable\" id=\"buildings\">") != std::string::npos);
  // Results without per-building figures (an earlier summary.json): no empty table.
  auto old = summaries;
  for (auto& x : old) x.buildings.clear();
  const std::string none = report::render_html(old, opt);
  CHECK(none.find("id=\"buildings\"") == std::string::npos);
  CHECK(none.find("No per-building figures") != std::string::npos);
}

TEST_CASE("a wide comparison table wraps into blocks that fit the width", "[report][table]") {
  const model::World world = model::build_world(small_world(34));
  std::vector<metrics::Summary> summaries;
  for (const char* name : {"relay", "shelves", "per_building", "group_buy"}) {
    auto r = experiment::run_once(world, mode_run(name), "t", std::chrono::minutes{30});
    r.summary.mode = name;
    summaries.push_back(r.summary);
  }
  const std::string wide = report::format_table(summaries);
  const std::string narrow = report::format_table(summaries, 80);
  std::size_t widest = 0, lines = 0;
  for (std::size_t a = 0, b; a < narrow.size(); a = b + 1) {
    b = narrow.find('\n', a);
    std::size_t w = 0;
    for (std::size_t i = a; i < b; ++i) w += (static_cast<unsigned char>(narrow[i]) & 0xC0) != 0x80;
    widest = std::max(widest, w);
    ++lines;
  }
  CHECK(widest <= 80);
  CHECK(narrow.size() > wide.size() / 2);
  // Every KPI label appears once per block: more than one block.
  CHECK(std::count(narrow.begin(), narrow.end(), '\n') > std::count(wide.begin(), wide.end(), '\n'));
  CHECK(report::format_table(summaries, 0) == wide);
}
