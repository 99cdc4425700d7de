#pragma once
/// JSON summaries (`--json FILE`, DIR/summary.json), written by hand with proper escaping.
///
/// Note to metrics/experiment: with replications > 1 the writer looks up
/// `Summary::intervals` by the JSON key path of each KPI, e.g. "throughput_per_hour",
/// "orders.delivered", "lead_time_minutes.p90", "courier_utilisation.duty",
/// "contacts.resident_resident", "peak_shelf_crowding". A KPI without an interval is
/// written with half_width 0.

#include <string>
#include <string_view>
#include <vector>

#include "last100/metrics/summary.hpp"

namespace last100::report {

/// Returns one summary as a JSON object; `details` adds time series, the lead-time CDF and
/// per-category figures (what `last100 report DIR` needs to redraw the charts).
std::string to_json(const metrics::Summary& summary, bool details = false);

/// Returns a JSON array of summaries (one per mode, for `compare`).
std::string to_json(const std::vector<metrics::Summary>& summaries, bool details = false);

/// Reads summaries back from to_json output (an object or an array of objects).
/// Throws std::runtime_error naming the offset of the first problem.
std::vector<metrics::Summary> summaries_from_json(std::string_view json);

/// Returns `s` as a JSON string literal, quotes included.
std::string json_string(std::string_view s);

}  // namespace last100::report
