#include "last100/report/table.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/kpis.hpp"

namespace last100::report {

namespace {

/// Returns the number of terminal columns a UTF-8 string takes (one per code point here).
std::size_t width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad_left(const std::string& s, std::size_t w) { return std::string(w - std::min(w, width(s)), ' ') + s; }
std::string pad_right(const std::string& s, std::size_t w) { return s + std::string(w - std::min(w, width(s)), ' '); }

}  // namespace

std::string format_table(const std::vector<metrics::Summary>& summaries) {
  if (summaries.empty()) return "(no results)\n";
  const auto& first = summaries.front();
  bool reps = false;
  for (const auto& s : summaries) reps = reps || s.replications > 1;

  std::vector<std::string> header{"KPI"};
  for (const auto& s : summaries) header.push_back(s.mode);
  for (std::size_t m = 1; m < summaries.size(); ++m) header.push_back(summaries[m].mode + " - " + first.mode);

  std::vector<std::vector<std::string>> rows;
  const auto& table = metrics::kpi_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& k = table[i];
    std::vector<std::string> row{metrics::kpi_label(k, first) + " (" + std::string(k.unit) + ")"};
    for (const auto& s : summaries) row.push_back(detail::format_estimate(k, metrics::kpi_estimate(s, i), s.replications > 1));
    for (std::size_t m = 1; m < summaries.size(); ++m) {
      // Paired differences from the runner when the modes shared their replications (common
      // random numbers); otherwise the difference of the values, without an interval.
      const auto& diffs = summaries[m].differences;
      metrics::Estimate d;
      if (diffs.size() == table.size()) {
        d = diffs[i];
      } else {
        const auto a = metrics::kpi_estimate(summaries[m], i), b = metrics::kpi_estimate(first, i);
        if (!a.at_least && !b.at_least) {
          d.mean = a.mean - b.mean;
          // Unpaired (separate runs): the conservative sqrt(h1^2 + h2^2).
          d.half_width = std::sqrt(a.half_width * a.half_width + b.half_width * b.half_width);
        }
      }
      row.push_back(detail::format_estimate(k, d, reps, true));
    }
    rows.push_back(std::move(row));
  }

  std::vector<std::size_t> widths(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], width(r[c]));

  std::string out = fmt::format("scenario {} | seed {} | replications {} | measured {:.1f} h{}\n", first.scenario,
                                first.seed, first.replications, first.measured_hours,
                                reps ? " | values: mean ± 95% half-width" : "");
  const auto& pv = first.provenance;
  if (!pv.version.empty())
    out += fmt::format("last100 {} (commit {}) | reproduce: {}\nseeds: {}\n", pv.version, pv.commit, pv.command, pv.seed_scheme);
  out += fmt::format("series and CDFs: {}\n", first.series_note);
  out += "n/a: nothing observed; > T: more than T (a percentile among orders not delivered by the end)\n";
  const auto line = [&](const std::vector<std::string>& r) {
    std::string l = pad_right(r[0], widths[0]);
    for (std::size_t c = 1; c < r.size(); ++c) l += "  " + pad_left(r[c], widths[c]);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    return l + "\n";
  };
  out += line(header);
  std::size_t total = widths[0];
  for (std::size_t c = 1; c < widths.size(); ++c) total += 2 + widths[c];
  out += std::string(total, '-') + "\n";
  for (const auto& r : rows) out += line(r);
  return out;
}

}  // namespace last100::report
