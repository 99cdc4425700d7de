#pragma once
/// report.html: one self-contained page (no network), inline SVG charts.

#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report {

/// What the page shows besides the summaries.
struct HtmlOptions {
  std::string title;          ///< usually the scenario name
  std::string scenario_toml;  ///< the resolved scenario, shown in a collapsed block
};

/// Returns the HTML report: KPI table, throughput and backlog over time per mode, lead-time
/// CDFs, courier time split (stacked bars) and shelf crowding. Every scenario-provided text
/// is escaped. An inline script sets document.title to "ok" when every chart has marks and
/// no script error happened, else "fail" (the headless-browser test reads it).
std::string render_html(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options);

/// Returns `s` with &, <, >, " and ' escaped for HTML text and attributes.
std::string html_escape(std::string_view s);

}  // namespace last100::report
