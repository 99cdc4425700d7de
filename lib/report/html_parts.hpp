#pragma once
// Private to lib/report: pieces of report.html shared by html.cpp (charts, page) and
// html_buildings.cpp (map, building table): tables with sorting and CSV download, time labels.

#include <string>
#include <vector>

#include "last100/metrics/summary.hpp"
#include "last100/report/html.hpp"

namespace last100::report::detail {

/// "d2 08:00": the day (from 1) and clock time of `hours` since midnight of the first day.
std::string day_clock(double hours);

/// A table the page can sort (click a header) and download as CSV; texts are escaped when
/// rendered, numeric cells get data-v for sorting.
struct HtmlTable {
  std::string id;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_attr;  ///< extra attributes per row (may be empty)
};

std::string render_table(const HtmlTable& table, const std::string& caption);

/// The "which buildings starve" section: a sentence per mode, the area map coloured by each
/// building's p90 or undelivered share with a mode selector, and the building table.
std::string buildings_section(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options);

}  // namespace last100::report::detail
