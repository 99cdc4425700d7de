#pragma once
/// CSV output (RFC 4180 quoting): time series, and a writer for per-order records.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report {

/// Builds a CSV text row by row; fields with commas, quotes or newlines are quoted.
class CsvWriter {
 public:
  /// Starts the text with the header row.
  explicit CsvWriter(const std::vector<std::string>& header);
  /// Appends one row; it should have as many fields as the header.
  void row(const std::vector<std::string>& fields);
  /// Returns the text so far.
  const std::string& str() const noexcept { return text_; }
  /// Returns one field quoted if it needs to be.
  static std::string escape(std::string_view field);

 private:
  std::string text_;
};

/// Returns the time series of every summary as long-format CSV:
/// mode,time_h,delivered_per_hour,backlog,backlog_station,backlog_gate,backlog_shelf,couriers_busy,couriers_on_shift,
/// couriers_on_duty,backlog_min,backlog_max (the lowest and highest replication; empty for one run). Over
/// replications the values are means (docs/metrics.md).
std::string timeseries_csv(const std::vector<metrics::Summary>& summaries);

/// Returns one row per mode of the headline KPIs (a spreadsheet-friendly summary).
std::string summary_csv(const std::vector<metrics::Summary>& summaries);

/// Returns one row per mode and building (or compound): measured orders, delivered,
/// undelivered, lead-time p50 and p90 (censored: the value empty, the bound in *.at_least),
/// face-to-face contacts. Over replications: means.
std::string places_csv(const std::vector<metrics::Summary>& summaries, bool compounds);

}  // namespace last100::report
