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

/// Breaks each line of `text` at spaces so that it fits `max_width` columns (a word longer
/// than that, such as a long path, keeps a line of its own).
std::string wrap_lines(const std::string& text, std::size_t max_width) {
  std::string out;
  std::size_t a = 0;
  while (a < text.size()) {
    std::size_t b = text.find('\n', a);
    if (b == std::string::npos) b = text.size();
    std::string line = text.substr(a, b - a);
    while (width(line) > max_width) {
      // The last space after the indentation at which the head fits (or the first, after a
      // word too long to fit), counting code points as width does.
      const std::size_t indent = line.find_first_not_of(' ');
      std::size_t cut = std::string::npos;
      for (std::size_t i = line.find(' ', indent); i != std::string::npos; i = line.find(' ', i + 1)) {
        if (width(line.substr(0, i)) > max_width) {
          if (cut == std::string::npos) cut = i;
          break;
        }
        cut = i;
      }
      if (cut == std::string::npos) break;
      out += line.substr(0, cut) + "\n";
      line = "  " + line.substr(cut + 1);  // continued lines indented
    }
    out += line + "\n";
    a = b + 1;
  }
  return out;
}

}  // namespace

KpiCells kpi_cells(const std::vector<metrics::Summary>& summaries) {
  KpiCells cells;
  if (summaries.empty()) return cells;
  const auto& first = summaries.front();
  bool reps = false;
  for (const auto& s : summaries) reps = reps || s.replications > 1;

  std::vector<std::string> header{"KPI"};
  for (const auto& s : summaries) header.push_back(metrics::column_label(s));
  for (std::size_t m = 1; m < summaries.size(); ++m)
    header.push_back(metrics::column_label(summaries[m]) + " - " + metrics::column_label(first) +
                     (summaries[m].differences_paired ? "" : " (unpaired)"));

  std::vector<std::vector<std::string>> rows;
  const auto& table = metrics::kpi_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& k = table[i];
    std::vector<std::string> row{metrics::kpi_label(k, first) + " (" + std::string(k.unit) + ")"};
    for (const auto& s : summaries) row.push_back(detail::format_estimate(k, metrics::kpi_estimate(s, i), s.replications > 1));
    for (std::size_t m = 1; m < summaries.size(); ++m) {
      // Differences from the runner (paired under common random numbers, or Welch); for
      // summaries without them, the difference of the values with a conservative interval.
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
  cells.header = std::move(header);
  cells.rows = std::move(rows);
  return cells;
}

std::string format_table(const std::vector<metrics::Summary>& summaries, std::size_t max_width) {
  if (summaries.empty()) return "(no results)\n";
  const auto& first = summaries.front();
  bool reps = false;
  for (const auto& s : summaries) reps = reps || s.replications > 1;
  const KpiCells cells = kpi_cells(summaries);
  const auto& header = cells.header;
  const auto& rows = cells.rows;

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
  // Each variant's own reproduce command, when several are compared.
  for (std::size_t m = 1; m < summaries.size(); ++m)
    if (!summaries[m].variant.empty() && summaries[m].variant != summaries[m - 1].variant)
      out += fmt::format("reproduce {}: {}\n", summaries[m].variant, summaries[m].provenance.command);
  out += fmt::format("series and CDFs: {}\n", first.series_note);
  if (!first.stopping_rule.empty()) out += first.stopping_rule + "\n";
  for (std::size_t m = 1; m < summaries.size(); ++m)
    if (!summaries[m].differences_paired)
      out += fmt::format("{} - {}: unpaired: area or demand differ (Welch interval, not common random numbers)\n",
                         metrics::column_label(summaries[m]), metrics::column_label(first));
  out += "n/a: nothing observed; > T: more than T (a percentile among orders not delivered by the end)\n";
  if (max_width > 0) out = wrap_lines(out, max_width);
  // Blocks of value columns that fit in max_width next to the KPI column (at least one each).
  std::vector<std::pair<std::size_t, std::size_t>> blocks;  // [first, last) column
  for (std::size_t c = 1; c < widths.size();) {
    std::size_t end = c, total = widths[0];
    while (end < widths.size() && (end == c || max_width == 0 || total + 2 + widths[end] <= max_width))
      total += 2 + widths[end++];
    blocks.emplace_back(c, end);
    c = end;
  }
  for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
    const auto [c0, c1] = blocks[bi];
    const auto line = [&](const std::vector<std::string>& r) {
      std::string l = pad_right(r[0], widths[0]);
      for (std::size_t c = c0; c < c1; ++c) l += "  " + pad_left(r[c], widths[c]);
      while (!l.empty() && l.back() == ' ') l.pop_back();
      return l + "\n";
    };
    if (bi > 0) out += "\n";
    out += line(header);
    std::size_t total = widths[0];
    for (std::size_t c = c0; c < c1; ++c) total += 2 + widths[c];
    out += std::string(total, '-') + "\n";
    for (const auto& r : rows) out += line(r);
  }
  return out;
}

}  // namespace last100::report
