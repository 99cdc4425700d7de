#pragma once
/// report.html: one self-contained page (no network), inline SVG charts.

#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/report/area_map.hpp"

namespace last100::report {

/// What the page shows besides the summaries.
struct HtmlOptions {
  std::string title;          ///< usually the scenario name
  std::string scenario_toml;  ///< the resolved scenario, shown in a collapsed block
  /// The area for the map (report/area_map.hpp); empty: the page has the building table and
  /// says the map was not recorded. The figures come from the summaries.
  std::vector<MapPlace> map;
};

/// Returns the HTML report: which buildings starve (a sentence per mode), the area map
/// coloured by each building's p90 or undelivered share (mode selector), sortable KPI and
/// building tables with CSV downloads, and charts over day-and-clock time: throughput,
/// backlog by stage, couriers at work, lead-time CDFs, courier time split and shelf
/// crowding, each saying whether it shows a mean over replications or one replication.
/// Every scenario-provided text is escaped. An inline script sets document.title to "ok"
/// when every chart has marks, every table rows and no script error happened, else "fail"
/// (the headless-browser test reads it).
std::string render_html(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options);

/// Returns `s` with &, <, >, " and ' escaped for HTML text and attributes.
std::string html_escape(std::string_view s);

}  // namespace last100::report
