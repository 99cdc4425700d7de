#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "demo_summaries.hpp"
#include "last100/report/csv.hpp"
#include "last100/report/files.hpp"
#include "last100/report/html.hpp"
#include "last100/report/json.hpp"
#include "last100/report/table.hpp"

using namespace last100;
using last100::test::demo_summary;

TEST_CASE("the table shows every KPI with its unit", "[report]") {
  const std::string t = report::format_table({demo_summary("relay", 1.0)});
  CHECK_THAT(t, Catch::Contains("throughput (orders/h)"));
  CHECK_THAT(t, Catch::Contains("lead time p90 (min)"));
  CHECK_THAT(t, Catch::Contains("240.0"));
  CHECK_THAT(t, !Catch::Contains("±"));
}

TEST_CASE("a comparison table has a column per mode, differences and half-widths", "[report]") {
  const std::string t = report::format_table({demo_summary("relay", 1.0, 5), demo_summary("shelves", 0.9, 5)});
  CHECK_THAT(t, Catch::Contains("shelves - relay"));
  CHECK_THAT(t, Catch::Contains("229.2 ± 4.2"));
  CHECK_THAT(t, Catch::Contains("-22.9 ± 5.9"));  // sqrt(4.2² + 4.2²) = 5.94
}

TEST_CASE("JSON escapes strings and has the documented fields", "[report]") {
  CHECK(report::json_string("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
  const std::string j = report::to_json(demo_summary("relay", 1.0));
  for (const char* key : {"\"scenario\"", "\"mode\"", "\"seed\"", "\"replications\"", "\"orders\"", "\"created\"",
                          "\"delivered\"", "\"spoiled\"", "\"cancelled\"", "\"in_flight\"", "\"throughput_per_hour\"",
                          "\"orders_per_courier_hour\"", "\"lead_time_minutes\"", "\"p50\"", "\"p90\"", "\"p99\"",
                          "\"courier_utilisation\"", "\"contacts\"", "\"peak_shelf_crowding\""})
    CHECK_THAT(j, Catch::Contains(key));
  CHECK_THAT(j, Catch::Contains("\"scenario\": \"demo <Jiuxianqiao & \\\"Shuangjing\\\">\""));
  CHECK_THAT(j, Catch::Contains("\"delivered\": 11000"));
}

TEST_CASE("with replications each KPI is a mean and a half-width", "[report]") {
  const std::string j = report::to_json(demo_summary("relay", 1.0, 5));
  CHECK_THAT(j, Catch::Contains("\"throughput_per_hour\": {\"mean\": "));
  CHECK_THAT(j, Catch::Contains("\"half_width\": 4.2"));
}

TEST_CASE("JSON summaries read back to the same figures", "[report]") {
  const std::vector<metrics::Summary> in{demo_summary("relay", 1.0, 5), demo_summary("shelves", 0.9, 5)};
  const auto out = report::summaries_from_json(report::to_json(in, true));
  REQUIRE(out.size() == 2);
  CHECK(out[0].scenario == in[0].scenario);
  CHECK(out[1].mode == "shelves");
  CHECK(out[1].orders.delivered == in[1].orders.delivered);
  CHECK(out[0].lead_time_minutes.p90 == Approx(in[0].lead_time_minutes.p90));
  CHECK(out[0].series.backlog.size() == in[0].series.backlog.size());
  CHECK(out[0].lead_time_cdf.size() == in[0].lead_time_cdf.size());
  CHECK(report::to_json(out, true) == report::to_json(in, true));
  CHECK_THROWS_AS(report::summaries_from_json("{\"mode\": "), std::runtime_error);
}

TEST_CASE("CSV quotes fields with commas, quotes and newlines", "[report]") {
  CHECK(report::CsvWriter::escape("plain") == "plain");
  CHECK(report::CsvWriter::escape("a,b") == "\"a,b\"");
  CHECK(report::CsvWriter::escape("say \"hi\"") == "\"say \"\"hi\"\"\"");
  const std::string ts = report::timeseries_csv({demo_summary("relay", 1.0)});
  CHECK_THAT(ts, Catch::StartsWith("mode,time_h,delivered_per_hour,backlog"));
}

TEST_CASE("the HTML report is self-contained, escaped and has marks in every chart", "[report]") {
  const std::string h = report::render_html({demo_summary("relay", 1.0), demo_summary("<script>x</script>", 0.9)}, {"t<1>", ""});
  CHECK_THAT(h, !Catch::Contains("<script>x</script>"));
  CHECK_THAT(h, Catch::Contains("&lt;script&gt;x&lt;/script&gt;"));
  CHECK_THAT(h, Catch::Contains("t&lt;1&gt;"));
  // Self-contained: the only URL allowed is the SVG namespace name, which fetches nothing.
  std::string rest = h;
  for (std::size_t at; (at = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;) rest.erase(at, 26);
  CHECK_THAT(rest, !Catch::Contains("http://") && !Catch::Contains("https://"));
  CHECK_THAT(h, !Catch::Contains("src=\"http"));
  CHECK_THAT(h, !Catch::Contains("href=\"http"));
  for (const char* id : {"throughput", "backlog", "leadtime-cdf", "courier-split", "shelf-crowding"})
    CHECK_THAT(h, Catch::Contains(std::string("id=\"") + id + "\""));
  CHECK_THAT(h, Catch::Contains("class=\"mark\""));
}

TEST_CASE("an empty series draws 'no data' and the page check would fail", "[report]") {
  metrics::Summary empty;
  empty.mode = "m";
  const std::string h = report::render_html({empty}, {});
  CHECK_THAT(h, Catch::Contains("no data"));
}

TEST_CASE("outputs are written atomically and the report rebuilds from them", "[report]") {
  const auto dir = std::filesystem::temp_directory_path() / "last100-report-test";
  std::filesystem::remove_all(dir);
  report::write_outputs(dir, {demo_summary("relay", 1.0)}, "demo", "name = \"demo\"\n");
  for (const char* f : {"summary.json", "summary.csv", "scenario.toml", "timeseries.csv", "report.html"})
    CHECK(std::filesystem::exists(dir / f));
  for (const auto& e : std::filesystem::directory_iterator(dir))
    CHECK_THAT(e.path().filename().string(), !Catch::Contains(".tmp-"));
  std::filesystem::remove(dir / "report.html");
  report::rebuild_report(dir);
  CHECK_THAT(report::read_file(dir / "report.html"), Catch::Contains("name = &quot;demo&quot;"));
}
