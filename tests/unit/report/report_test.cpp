#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>

#include "demo_summaries.hpp"
#include "last100/metrics/kpi_table.hpp"
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
  CHECK_THAT(j, Catch::Contains("\"delivered\": {\"mean\": 11000, \"half_width\": null, \"observed\": 1}"));
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
  const auto delivered = metrics::kpi_index("orders.delivered"), p90 = metrics::kpi_index("lead_time_minutes.p90");
  CHECK(metrics::kpi_estimate(out[1], delivered).mean == metrics::kpi_estimate(in[1], delivered).mean);
  CHECK(metrics::kpi_estimate(out[0], p90).mean == in[0].lead_time_minutes.p90);
  CHECK(metrics::kpi_estimate(out[0], p90).half_width == 7.5);
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
  const std::string h = report::render_html({demo_summary("relay", 1.0), demo_summary("<script>x</script>", 0.9)}, {"t<1>", "", {}});
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

TEST_CASE("every KPI of the table appears in the table, CSV, JSON and HTML", "[report][kpi]") {
  const std::vector<metrics::Summary> two{demo_summary("relay", 1.0, 3), demo_summary("shelves", 0.9, 3)};
  const std::string table = report::format_table(two);
  const std::string csv = report::summary_csv(two);
  const std::string json = report::to_json(two, true);
  const std::string html = report::render_html(two, {"t", "", {}});
  const auto back = report::summaries_from_json(json);
  for (std::size_t i = 0; i < metrics::kpi_table().size(); ++i) {
    const auto& k = metrics::kpi_table()[i];
    INFO(k.key);
    const std::string label = std::string(k.label) + " (" + std::string(k.unit) + ")";
    CHECK_THAT(table, Catch::Contains(label));
    CHECK_THAT(html, Catch::Contains(report::html_escape(label)));
    CHECK_THAT(csv, Catch::Contains("," + std::string(k.key) + ","));
    const std::string key(k.key);
    const auto dot = key.find('.');
    CHECK_THAT(json, Catch::Contains("\"" + (dot == std::string::npos ? key : key.substr(dot + 1)) + "\": {\"mean\""));
    // Read back: the same estimate, bit for bit.
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    CHECK(same(metrics::kpi_estimate(back[1], i).mean, metrics::kpi_estimate(two[1], i).mean));
    CHECK(same(metrics::kpi_estimate(back[1], i).half_width, metrics::kpi_estimate(two[1], i).half_width));
  }
}

TEST_CASE("a statistic without observations is n/a in the table and null in JSON and CSV", "[report][kpi]") {
  metrics::Summary s;  // nothing delivered, no courier on shift, no measured time
  s.mode = "idle";
  metrics::fill_kpis(s);
  const std::string table = report::format_table({s});
  CHECK_THAT(table, Catch::Contains("n/a"));
  for (const char* row : {"lead time p50 (min)", "lead time p90 (min)", "worst building p90 (min)", "limited-mobility p90 (min)",
                          "throughput (orders/h)", "courier time: idle (share)"}) {
    const auto at = table.find(row);
    REQUIRE(at != std::string::npos);
    const std::string line = table.substr(at, table.find('\n', at) - at);
    INFO(line);
    CHECK_THAT(line, Catch::EndsWith("n/a"));
  }
  CHECK_THAT(table, !Catch::Contains("0.0\n"));
  const std::string json = report::to_json(s);
  CHECK_THAT(json, Catch::Contains("\"p90\": {\"mean\": null, \"half_width\": null, \"observed\": 0}"));
  const std::string csv = report::summary_csv({s});
  const auto header_end = csv.find("\r\n");
  const std::string header = csv.substr(0, header_end), row = csv.substr(header_end + 2);
  // The p90 column of the row is empty: count commas up to it in the header, then in the row.
  const auto column = [](const std::string& line, std::size_t n) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < n; ++i) start = line.find(',', start) + 1;
    return line.substr(start, line.find_first_of(",\r", start) - start);
  };
  std::size_t p90 = 0;
  for (std::size_t at = 0; at < header.find(",lead_time_minutes.p90,"); ++at) p90 += header[at] == ',';
  CHECK(column(row, p90 + 1).empty());
  CHECK(column(header, p90 + 1) == "lead_time_minutes.p90");
}

TEST_CASE("a lower bound reads 'more than T' in the table and null with at_least in JSON and CSV", "[report][kpi]") {
  metrics::Summary s = demo_summary("relay", 1.0);
  s.lead_time_minutes.p99 = 1440;
  s.lead_time_minutes.p99_at_least = true;
  const std::string table = report::format_table({s});
  CHECK_THAT(table, Catch::Contains("> 1440.0"));
  const std::string json = report::to_json(s);
  CHECK_THAT(json, Catch::Contains("\"p99\": {\"mean\": null, \"at_least\": 1440, \"half_width\": null, \"observed\": 1}"));
  CHECK_THAT(report::summary_csv({s}), Catch::Contains(",,,1440,"));  // p99 empty, half-width empty, at_least 1440
  const auto back = report::summaries_from_json(json);
  const auto e = metrics::kpi_estimate(back[0], metrics::kpi_index("lead_time_minutes.p99"));
  CHECK(e.at_least);
  CHECK(e.mean == 1440);
}

TEST_CASE("summary JSON carries a schema version and refuses a newer one", "[report][json]") {
  const std::string j = report::to_json(demo_summary("relay", 1.0));
  CHECK_THAT(j, Catch::StartsWith("{\n  \"schema_version\": 1,\n  \"scenario\": "));
  CHECK(report::summaries_from_json(j).size() == 1);
  std::string newer = j;
  newer.replace(newer.find("\"schema_version\": 1"), 19, "\"schema_version\": 99");
  CHECK_THROWS_WITH(report::summaries_from_json(newer), Catch::Contains("schema_version 99 is newer"));
}

TEST_CASE("summary JSON reads every escape and refuses bad ones with a located message", "[report][json]") {
  // The old hand-written reader threw "stoul" (not even a runtime_error) on a bad \u escape.
  CHECK_THROWS_AS(report::summaries_from_json(R"({"mode": "\uZZZZ"})"), std::runtime_error);
  CHECK_THROWS_WITH(report::summaries_from_json(R"({"mode": "\uZZZZ"})"),
                    Catch::Contains("summary JSON:") && Catch::Contains("line 1, column"));
  // A lone surrogate is not a character: refused, never turned into invalid UTF-8.
  CHECK_THROWS_AS(report::summaries_from_json(R"({"mode": "\ud800"})"), std::runtime_error);
  // A surrogate pair is one code point (U+1F600, 4 bytes of UTF-8).
  const auto s = report::summaries_from_json(R"({"mode": "a\ud83d\ude00\u00e9\/"})");
  CHECK(s.at(0).mode == "a\xF0\x9F\x98\x80\xC3\xA9/");
  CHECK_THROWS_WITH(report::summaries_from_json(R"({"mode": 5})"), Catch::Contains("'mode' should be a string"));
  CHECK_THROWS_WITH(report::summaries_from_json(R"({"mode": "relay", "series": {"backlog": [1, "x"]}})"),
                    Catch::Contains("'series.backlog' should be a number"));
  CHECK_THROWS_WITH(report::summaries_from_json("{}"), Catch::Contains("without 'mode'"));
  CHECK_THROWS_AS(report::summaries_from_json(std::string(100000, '[')), std::runtime_error);
}

TEST_CASE("summary JSON keeps 64-bit seeds and n/a figures exactly", "[report][json]") {
  auto in = demo_summary("relay", 1.0);
  in.seed = 18446744073709551615ULL;  // a double would round it to 2^64
  in.limited_mobility_minutes.p90 = std::numeric_limits<double>::quiet_NaN();
  metrics::fill_kpis(in);
  const std::string j = report::to_json(in, true);
  CHECK_THAT(j, Catch::Contains("\"seed\": 18446744073709551615,"));
  CHECK_THAT(j, Catch::Contains("\"limited_mobility_p90_minutes\": {\"mean\": null"));
  const auto out = report::summaries_from_json(j);
  CHECK(out.at(0).seed == in.seed);
  CHECK(std::isnan(metrics::kpi_estimate(out.at(0), metrics::kpi_index("limited_mobility_p90_minutes")).mean));
  CHECK(report::to_json(out.at(0), true) == j);
}
