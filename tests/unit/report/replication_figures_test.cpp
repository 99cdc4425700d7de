// Issue 9, items 4 and 7: per-building figures, series and CDFs over several replications are
// their means, and every table and chart of report.html says whether it shows one run or a
// mean of replications.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "last100/metrics/kpi_table.hpp"
#include "last100/report/files.hpp"
#include "last100/report/html.hpp"

using namespace last100;
using metrics::Summary;

namespace {

/// One replication: two buildings, a three-sample series and a two-point CDF.
Summary replication(double orders0, double p90_0, bool p90_0_at_least, double backlog_scale, double cdf_share) {
  Summary s;
  s.scenario = "unit";
  s.mode = "relay";
  s.measured_hours = 3;
  s.buildings.resize(2);
  s.buildings[0].orders = orders0;
  s.buildings[0].delivered = orders0 - 1;
  s.buildings[0].undelivered = 1;
  s.buildings[0].lead_time_minutes.p50 = 30;
  s.buildings[0].lead_time_minutes.p90 = p90_0;
  s.buildings[0].lead_time_minutes.p90_at_least = p90_0_at_least;
  s.buildings[1].orders = 4;
  s.buildings[1].delivered = 4;
  s.buildings[1].lead_time_minutes.p50 = 10;
  s.buildings[1].lead_time_minutes.p90 = 20;
  s.building_p90_minutes = {p90_0, 20};
  s.series.time_hours = {1, 2, 3};
  s.series.delivered_per_hour = {1, 2, 3};
  for (double b : {2.0, 4.0, 0.0}) s.series.backlog.push_back(b * backlog_scale);
  s.series.backlog_station = s.series.backlog_gate = s.series.backlog_shelf = {0, 0, 0};
  s.series.couriers_busy = s.series.couriers_on_duty = {1, 1, 1};
  s.lead_time_cdf = {{10, cdf_share}, {20, 1.0}};
  metrics::fill_kpis(s);
  return s;
}

/// The captions of the charts and the headings of the sections and tables, as text (tags
/// such as the basis span left out).
std::vector<std::string> labels(const std::string& html) {
  std::vector<std::string> out;
  const std::regex label("<(figcaption|h2)[^>]*>(.*?)</(figcaption|h2)>");
  const std::regex tag("<[^>]*>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), label); it != std::sregex_iterator(); ++it)
    out.push_back(std::regex_replace((*it)[2].str(), tag, ""));
  return out;
}

/// The cells of the building table's row of `building` (text, tags left out), or none.
std::vector<std::string> building_row(const std::string& html, int building) {
  const auto table = html.find("<table class=\"sortable\" id=\"buildings\">");
  if (table == std::string::npos) return {};
  const std::regex row("<tr data-mode=\"0\">(.*?)</tr>");
  const std::regex cell("<td[^>]*>(.*?)</td>");
  for (auto it = std::sregex_iterator(html.begin() + static_cast<std::ptrdiff_t>(table), html.end(), row);
       it != std::sregex_iterator(); ++it) {
    const std::string r = (*it)[1].str();
    std::vector<std::string> cells;
    for (auto c = std::sregex_iterator(r.begin(), r.end(), cell); c != std::sregex_iterator(); ++c) cells.push_back((*c)[1].str());
    if (cells.size() > 1 && cells[1] == std::to_string(building)) return cells;
  }
  return {};
}

}  // namespace

TEST_CASE("per-building figures, series and CDFs of several replications are their means", "[report][replications]") {
  const Summary m = metrics::aggregate({replication(10, 60, false, 1.0, 0.5), replication(20, 100, true, 2.0, 0.7)});
  REQUIRE(m.buildings.size() == 2);
  CHECK(m.buildings[0].orders == 15);
  CHECK(m.buildings[0].delivered == 14);
  CHECK(m.buildings[0].undelivered == 1);
  CHECK(m.buildings[0].lead_time_minutes.p90 == 80);      // (60 + 100) / 2
  CHECK(m.buildings[0].lead_time_minutes.p90_at_least);   // one replication's is a lower bound
  CHECK(m.buildings[1].lead_time_minutes.p90 == 20);
  CHECK(!m.buildings[1].lead_time_minutes.p90_at_least);
  CHECK(m.building_p90_minutes[0] == 80);
  CHECK(m.worst_building == 0);
  // Series: the mean at each sample, with the band of the lowest and highest replication.
  REQUIRE(m.series.backlog.size() == 3);
  CHECK(m.series.backlog[0] == 3);  // (2 + 4) / 2
  CHECK(m.series.backlog[1] == 6);  // (4 + 8) / 2
  CHECK(m.series.backlog_min[1] == 4);
  CHECK(m.series.backlog_max[1] == 8);
  // The CDF: the mean of the two step functions.
  REQUIRE(m.lead_time_cdf.size() == 2);
  CHECK(m.lead_time_cdf[0].share == Approx(0.6));
  CHECK(m.lead_time_cdf[1].share == Approx(1.0));
  CHECK(m.series_note == "mean of 2 replications");
}

TEST_CASE("every table and chart of the HTML report says one run or a mean of replications", "[report][replications]") {
  const Summary m = metrics::aggregate({replication(10, 60, false, 1.0, 0.5), replication(20, 100, true, 2.0, 0.7)});
  const std::string html = report::render_html({m}, {});
  const auto many = labels(html);
  REQUIRE(many.size() >= 8);  // the buildings and their map, the KPI table, the charts
  for (const auto& l : many) {
    INFO(l);
    CHECK_THAT(l, Catch::EndsWith("(mean of 2 replications)"));
  }
  // The buildings' table shows the means: building 0 first (p90 more than 80 minutes).
  // Columns: mode, building, compound, orders, delivered, undelivered %, p50, p90, ...
  const auto b0 = building_row(html, 0), b1 = building_row(html, 1);
  REQUIRE(b0.size() > 7);
  REQUIRE(b1.size() > 7);
  CHECK(std::vector<std::string>(b0.begin() + 3, b0.begin() + 8) ==
        std::vector<std::string>{"15.0", "14.0", "6.7", "30", "&gt; 80"});
  CHECK(std::vector<std::string>(b1.begin() + 3, b1.begin() + 8) == std::vector<std::string>{"4.0", "4.0", "0.0", "10", "20"});
  CHECK(html.find("data-v=\"15\">15.0</td>") < html.find("data-v=\"4\">4.0</td>"));

  // The backlog's band: the lowest and highest replication, dashed in the mode's colour, said
  // in a note rather than as series of their own in the legend.
  CHECK_THAT(html, Catch::Contains("<path class=\"mark band\""));
  CHECK_THAT(html, Catch::Contains("thin dashed: the lowest and highest replication"));
  CHECK_THAT(html, !Catch::Contains("</i>relay (lowest replication)"));

  const std::string one = report::render_html({replication(10, 60, false, 1.0, 0.5)}, {});
  CHECK_THAT(one, !Catch::Contains("mark band"));
  const auto single = labels(one);
  REQUIRE(single.size() == many.size());
  for (const auto& l : single) {
    INFO(l);
    CHECK_THAT(l, Catch::EndsWith("(one run)"));
  }
  const auto one0 = building_row(one, 0);
  REQUIRE(one0.size() > 7);
  CHECK(std::vector<std::string>(one0.begin() + 3, one0.begin() + 8) == std::vector<std::string>{"10", "9", "10.0", "30", "60"});
}

TEST_CASE("provenance.txt says that orders.csv is one replication's", "[report][replications]") {
  Summary m = metrics::aggregate({replication(10, 60, false, 1.0, 0.5), replication(20, 100, true, 2.0, 0.7)});
  m.seed = 2022;
  const auto dir = std::filesystem::temp_directory_path() / "last100-replication-figures-test";
  std::filesystem::remove_all(dir);
  report::write_outputs(dir, {m}, "demo", "", {}, {{"orders.csv", "mode,order\n"}});
  const std::string text = report::read_file(dir / "provenance.txt");
  CHECK_THAT(text, Catch::Contains("series and CDFs: mean of 2 replications\n"));
  CHECK_THAT(text, Catch::Contains("orders.csv: replication 1 (seed 2022) of 2, every mode\n"));
  // Without orders.csv there is nothing to say about it.
  report::write_outputs(dir, {m}, "demo", "");
  CHECK_THAT(report::read_file(dir / "provenance.txt"), !Catch::Contains("orders.csv"));
  std::filesystem::remove_all(dir);
}
