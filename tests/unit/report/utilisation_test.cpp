// Issue 12, item 1: courier utilisation over time is a share (busy / on shift), n/a when nobody
// is on shift, from the couriers-per-state samples through the series, timeseries.csv,
// summary.json and the report's chart.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "../modes/modes_support.hpp"
#include "last100/metrics/kpi.hpp"
#include "last100/metrics/kpi_table.hpp"
#include "last100/metrics/time_series.hpp"
#include "last100/report/csv.hpp"
#include "last100/report/html.hpp"
#include "last100/report/json.hpp"

using namespace last100;
using model::CourierState;

namespace {

/// Four hourly samples of couriers per state, by hand: (busy, idle, off shift, quarantined)
/// = (3, 1, 6, 0), (0, 0, 10, 0), (1, 2, 5, 2), (2, 0, 0, 8). Busy is spread over the states
/// that count as busy (walking, loading, on duty).
metrics::Summary by_hand() {
  model::WorldParams p = modes_test::small_world();
  for (auto& c : p.demand.categories) c.orders_per_household_per_day = 0;
  model::World w = model::build_world(p);
  metrics::RunRecord r;
  r.end = sim::TimePoint{std::chrono::hours{4}};
  r.sample_step = std::chrono::hours{1};
  const std::uint32_t states[4][6] = {// walking, loading, on duty, idle, off shift, quarantined
                                      {2, 0, 1, 1, 6, 0},
                                      {0, 0, 0, 0, 10, 0},
                                      {0, 1, 0, 2, 5, 2},
                                      {1, 1, 0, 0, 0, 8}};
  const CourierState order[6] = {CourierState::walking, CourierState::loading,   CourierState::on_duty,
                                 CourierState::idle,    CourierState::off_shift, CourierState::quarantined};
  for (int h = 0; h < 4; ++h) {
    metrics::Sample smp;
    smp.at = sim::TimePoint{std::chrono::hours{h + 1}};
    for (int k = 0; k < 6; ++k) smp.couriers[static_cast<std::size_t>(order[k])] = states[h][k];
    r.samples.push_back(smp);
  }
  metrics::Summary s = metrics::summarise(w, r);
  s.scenario = "unit";
  s.mode = "relay";
  return s;
}

/// The y values (SVG units) of the utilisation chart's line, and how many sub-paths it has.
struct Drawn {
  std::vector<double> y;
  std::size_t subpaths = 0;
};

Drawn utilisation_line(const std::string& html) {
  const auto at = html.find("id=\"courier-utilisation\"");
  REQUIRE(at != std::string::npos);
  const auto end = html.find("</svg>", at);
  const std::string svg = html.substr(at, end - at);
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("<path class=\"mark\" d=\"([^\"]*)\"")));
  Drawn out;
  const std::string d = m[1].str();
  const std::regex point("([ML])([0-9.]+) ([0-9.]+)");
  for (auto it = std::sregex_iterator(d.begin(), d.end(), point); it != std::sregex_iterator(); ++it) {
    out.y.push_back(std::stod((*it)[3].str()));
    out.subpaths += (*it)[1].str() == "M";
  }
  return out;
}

}  // namespace

TEST_CASE("the series counts couriers on shift beside the busy ones", "[report][utilisation]") {
  const metrics::Summary s = by_hand();
  CHECK(s.series.couriers_busy == std::vector<double>{3, 0, 1, 2});
  // On shift: every state but off shift and quarantined.
  CHECK(s.series.couriers_on_shift == std::vector<double>{4, 0, 3, 2});
  CHECK(s.series.couriers_on_duty == std::vector<double>{1, 0, 0, 0});

  // timeseries.csv has the column, named, in its place; summary.json round-trips it.
  const std::string csv = report::timeseries_csv({s});
  CHECK_THAT(csv, Catch::StartsWith("mode,time_h,delivered_per_hour,backlog,backlog_station,backlog_gate,backlog_shelf,"
                                    "couriers_busy,couriers_on_shift,couriers_on_duty,backlog_min,backlog_max\r\n"));
  CHECK_THAT(csv, Catch::Contains("relay,3,0,0,0,0,0,1,3,0,,\r\n"));
  const auto back = report::summaries_from_json(report::to_json(std::vector<metrics::Summary>{s}, true));
  REQUIRE(back.size() == 1);
  CHECK(back[0].series.couriers_on_shift == s.series.couriers_on_shift);

  // Over replications: the mean of each count.
  metrics::Summary other = s;
  other.series.couriers_on_shift = {2, 2, 3, 4};
  const metrics::Summary mean = metrics::aggregate({s, other});
  CHECK(mean.series.couriers_on_shift == std::vector<double>{3, 1, 3, 3});
}

TEST_CASE("the report draws busy / on shift as a share, with a gap where nobody is on shift", "[report][utilisation]") {
  const metrics::Summary s = by_hand();
  const std::string html = report::render_html({s}, {});
  CHECK_THAT(html, Catch::Contains("Courier utilisation: busy couriers / couriers on shift"));
  CHECK_THAT(html, Catch::Contains("busy / on shift (%)"));
  CHECK_THAT(html, Catch::Contains("a gap in a line: nobody on shift then (n/a, not 0)"));
  // Shares 75 %, n/a, 33.3 %, 100 % on a fixed 0..100 % axis: three points in two pieces.
  const Drawn d = utilisation_line(html);
  REQUIRE(d.y.size() == 3);
  CHECK(d.subpaths == 2);
  // y = H - B - share / 100 * (H - T - B) with H 300, B 44, T 16: 256 - 2.4 * share.
  CHECK(d.y[0] == Approx(256 - 2.4 * 75).margin(0.06));
  CHECK(d.y[1] == Approx(256 - 2.4 * 100.0 / 3).margin(0.06));
  CHECK(d.y[2] == Approx(256 - 2.4 * 100).margin(0.06));
  // The count of couriers on shift has its own chart.
  CHECK_THAT(html, Catch::Contains("id=\"couriers-on-shift\""));

  // Nobody ever on shift, or a summary.json from before the column: the chart says n/a and
  // draws no line at 0; the page's check accepts it only because it says why.
  metrics::Summary none = s;
  none.series.couriers_on_shift.clear();
  const std::string na = report::render_html({none}, {});
  const auto at = na.find("id=\"courier-utilisation\"");
  REQUIRE(at != std::string::npos);
  const std::string svg = na.substr(at, na.find("</svg>", at) - at);
  CHECK_THAT(svg, !Catch::Contains("class=\"mark\""));
  CHECK_THAT(svg, Catch::Contains("class=\"label nodata\"") && Catch::Contains("n/a: no courier on shift"));
  // A series that is merely empty still fails the page's check ("no data" without nodata).
  metrics::Summary empty;
  empty.mode = "m";
  CHECK_THAT(report::render_html({empty}, {}), Catch::Contains("<text class=\"label\" x=\"320\" y=\"150\" text-anchor=\"middle\">no data"));
}

TEST_CASE("with replications the utilisation chart says it is the ratio of the means", "[report][utilisation]") {
  metrics::Summary a = by_hand(), b = by_hand();
  b.series.couriers_busy = {1, 0, 3, 2};
  const metrics::Summary mean = metrics::aggregate({a, b});
  const std::string html = report::render_html({mean}, {});
  CHECK_THAT(html, Catch::Contains("Courier utilisation: mean busy couriers / mean couriers on shift"));
  // (3 + 1) / 2 busy over 4 on shift at 1 h: 50 %.
  const Drawn d = utilisation_line(html);
  REQUIRE(d.y.size() == 3);
  CHECK(d.y[0] == Approx(256 - 2.4 * 50).margin(0.06));
}

TEST_CASE("a mode has the same colour in every report, whatever the order of the comparison", "[report][colours]") {
  metrics::Summary relay = by_hand(), shelves = by_hand();
  shelves.mode = "shelves";
  // The colour of the line of `mode` in the throughput chart.
  const auto stroke = [](const std::string& html, const std::string& mode) {
    const auto at = html.find("id=\"throughput\"");
    REQUIRE(at != std::string::npos);
    const std::string svg = html.substr(at, html.find("</svg>", at) - at);
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex("stroke=\"(#[0-9a-f]{6})\"><title>" + mode + "</title>")));
    return m[1].str();
  };
  const std::string a = report::render_html({relay, shelves}, {}), b = report::render_html({shelves, relay}, {});
  CHECK(stroke(a, "relay") == stroke(b, "relay"));
  CHECK(stroke(a, "shelves") == stroke(b, "shelves"));
  CHECK(stroke(a, "relay") != stroke(a, "shelves"));
  // Shelves alone keeps its colour too (not the first colour of the palette).
  CHECK(stroke(report::render_html({shelves}, {}), "shelves") == stroke(a, "shelves"));
  // Two what-ifs of one mode: a colour each, neither taken from a mode named once.
  metrics::Summary relay2 = relay;
  const std::string c = report::render_html({relay, shelves, relay2}, {});
  const auto at = c.find("id=\"throughput\"");
  const std::string svg = c.substr(at, c.find("</svg>", at) - at);
  std::vector<std::string> relays;
  const std::regex line("stroke=\"(#[0-9a-f]{6})\"><title>relay</title>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), line); it != std::sregex_iterator(); ++it)
    relays.push_back((*it)[1].str());
  REQUIRE(relays.size() == 2);
  CHECK(relays[0] != relays[1]);
  CHECK(relays[0] != stroke(c, "shelves"));
  CHECK(relays[1] != stroke(c, "shelves"));
}
