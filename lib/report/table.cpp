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

std::string value(double v, int decimals, bool integral, bool reps) {
  if (integral && !reps) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  return fmt::format("{:.{}f}", v, integral ? 1 : decimals);
}

}  // namespace

KpiCells kpi_cells(const std::vector<metrics::Summary>& summaries) {
  KpiCells cells;
  if (summaries.empty()) return cells;
  const auto& first = summaries.front();
  bool reps = false;
  for (const auto& s : summaries) reps = reps || s.replications > 1;

  std::vector<std::string> header{"KPI"};
  for (const auto& s : summaries) header.push_back(s.mode);
  for (std::size_t m = 1; m < summaries.size(); ++m) header.push_back(summaries[m].mode + " - " + first.mode);

  std::vector<std::vector<std::string>> rows;
  for (const auto& k : detail::kpis()) {
    std::vector<std::string> row{k.label};
    for (const auto& s : summaries) {
      std::string cell = value(k.get(s), k.decimals, k.integral, s.replications > 1);
      if (s.replications > 1) cell += " ± " + value(detail::half_width(s, k.key), k.decimals, false, true);
      row.push_back(cell);
    }
    for (std::size_t m = 1; m < summaries.size(); ++m) {
      const double d = k.get(summaries[m]) - k.get(first);
      std::string cell = value(d, k.decimals, k.integral, reps);
      if (d > 0) cell.insert(cell.begin(), '+');
      if (reps) {
        // Paired interval from the runner when the modes shared their replications (common
        // random numbers); otherwise the conservative unpaired sqrt(h1^2 + h2^2).
        const auto& iv = summaries[m].intervals;
        const auto paired = std::find_if(iv.begin(), iv.end(), [&](const auto& i) { return i.name == std::string("diff:") + k.key; });
        const double h1 = detail::half_width(first, k.key), h2 = detail::half_width(summaries[m], k.key);
        cell += " ± " + value(paired != iv.end() ? paired->half_width : std::sqrt(h1 * h1 + h2 * h2), k.decimals, false,
                              true);
      }
      row.push_back(cell);
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
  if (max_width > 0 && width(out) > max_width + 1) {  // the caption on two lines
    const auto cut = out.rfind(" | ");
    if (cut != std::string::npos) out.replace(cut, 3, "\n");
  }
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
