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

std::string format_table(const std::vector<metrics::Summary>& summaries) {
  if (summaries.empty()) return "(no results)\n";
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

  std::vector<std::size_t> widths(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) widths[c] = width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], width(r[c]));

  std::string out = fmt::format("scenario {} | seed {} | replications {} | measured {:.1f} h{}\n", first.scenario,
                                first.seed, first.replications, first.measured_hours,
                                reps ? " | values: mean ± 95% half-width" : "");
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
