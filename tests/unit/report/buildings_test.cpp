// Per-building figures for the report's map (issue 12): counts add up to the run's, the
// CSV round-trips, and the page carries the map, sortable tables and CSV downloads.

#include <catch2/catch.hpp>

#include <cmath>

#include "last100/report/buildings.hpp"
#include "last100/report/html.hpp"
#include "last100/report/table.hpp"
#include "modes/modes_support.hpp"

using namespace last100;
using namespace last100::modes_test;

TEST_CASE("per-building figures add up to the run's orders and deliveries", "[report][buildings]") {
  const model::World world = model::build_world(small_world(31));
  const auto r = experiment::run_once(world, mode_run("shelves"), "b", std::chrono::minutes{30});
  const auto rows = report::building_figures("shelves", r.world);
  REQUIRE(rows.size() == r.world.area.buildings().size());
  std::uint64_t orders = 0, delivered = 0;
  for (const auto& b : rows) {
    orders += b.orders;
    delivered += b.delivered;
    CHECK(b.delivered <= b.orders);
    if (b.orders > 0) CHECK(b.undelivered_share == Approx(double(b.orders - b.delivered) / double(b.orders)));
    if (b.delivered > 0) CHECK(b.p50_minutes <= b.p90_minutes);
    else CHECK(std::isnan(b.p90_minutes));
  }
  CHECK(orders == r.summary.orders.created);
  CHECK(delivered == r.summary.orders.delivered);
}

TEST_CASE("buildings.csv and places.csv read back to the same figures", "[report][buildings]") {
  const model::World world = model::build_world(small_world(32));
  const auto r = experiment::run_once(world, mode_run("relay"), "b", std::chrono::minutes{30});
  const auto rows = report::building_figures("relay", r.world);
  const auto back = report::buildings_from_csv(report::buildings_csv(rows));
  REQUIRE(back.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(back[i].building == rows[i].building);
    CHECK(back[i].orders == rows[i].orders);
    CHECK(back[i].delivered == rows[i].delivered);
    if (std::isfinite(rows[i].p90_minutes)) CHECK(back[i].p90_minutes == Approx(rows[i].p90_minutes).margin(0.006));
    else CHECK(std::isnan(back[i].p90_minutes));
  }
  const auto places = report::map_places(r.world);
  REQUIRE(!places.empty());
  CHECK(report::map_places_from_csv(report::map_places_csv(places)).size() == places.size());
  CHECK_THROWS(report::buildings_from_csv("header\nrelay,1,2\n"));
}

TEST_CASE("the report has the map and sortable tables with CSV downloads and day-clock axes", "[report][buildings]") {
  const model::World world = model::build_world(small_world(33));
  std::vector<metrics::Summary> summaries;
  report::HtmlOptions opt;
  opt.title = "t";
  for (const char* name : {"relay", "shelves"}) {
    auto r = experiment::run_once(world, mode_run(name), "t", std::chrono::minutes{30});
    r.summary.mode = name;
    summaries.push_back(r.summary);
    const auto rows = report::building_figures(name, r.world);
    opt.buildings.insert(opt.buildings.end(), rows.begin(), rows.end());
    opt.places = report::map_places(r.world);
  }
  const std::string html = report::render_html(summaries, opt);
  CHECK(html.find("<svg class=\"chart map\" id=\"map\"") != std::string::npos);
  CHECK(html.find("<select id=\"map-mode\"><option value=\"0\">relay</option><option value=\"1\">shelves</option>") !=
        std::string::npos);
  CHECK(html.find("<table class=\"sortable\" id=\"kpis\">") != std::string::npos);
  CHECK(html.find("<table class=\"sortable\" id=\"buildings\">") != std::string::npos);
  CHECK(html.find("data-table=\"buildings\">download CSV") != std::string::npos);
  CHECK(html.find(">d1 12:00<") != std::string::npos);  // a time tick as day and clock
  CHECK(html.find("one replication") != std::string::npos);
  CHECK(html.find("worst buildings") != std::string::npos);
  CHECK(html.find("<pre class=\"kpi\">") == std::string::npos);  // a real table, not a dump
  // Mode colours: the peak-crowding bars use each mode's own colour (not one for all).
  const auto crowd = html.find("id=\"shelf-crowding\"");
  REQUIRE(crowd != std::string::npos);
  CHECK(html.find("fill=\"#1b6ca8\"", crowd) != std::string::npos);
  CHECK(html.find("fill=\"#d1495b\"", crowd) != std::string::npos);
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
