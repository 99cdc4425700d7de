// The "which buildings starve" part of report.html: sentences, the area map and the
// building table, from per-building figures of each mode's first replication
// (report/buildings.hpp); plus the table helper shared with the KPI table.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "report/html_parts.hpp"

namespace last100::report::detail {

std::string day_clock(double hours) {
  const auto minutes = static_cast<long long>(std::llround(hours * 60));
  const long long day = minutes / (24 * 60), rest = minutes % (24 * 60);
  return fmt::format("d{} {:02}:{:02}", day + 1, rest / 60, rest % 60);
}

namespace {

std::string cell_sort_value(const std::string& text) {
  // "123.4 ± 5.6", "+12", "38 %": the leading number; n/a and text sort as text.
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  const char* start = text.c_str() + i;
  char* end = nullptr;
  const double v = std::strtod(start, &end);
  if (end == start || !std::isfinite(v)) return "";
  return fmt::format("{}", v);
}

}  // namespace

std::string render_table(const HtmlTable& t, const std::string& caption) {
  std::string out = fmt::format("<div class=\"tablebar\"><button type=\"button\" class=\"csv\" data-table=\"{}\">"
                                "download CSV</button> <span class=\"hint\">{}</span></div>\n",
                                t.id, html_escape(caption));
  out += fmt::format("<div class=\"tablewrap\"><table class=\"sortable\" id=\"{}\">\n<thead><tr>", t.id);
  for (std::size_t c = 0; c < t.header.size(); ++c)
    out += fmt::format("<th data-col=\"{}\" title=\"sort\">{}</th>", c, html_escape(t.header[c]));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    out += "<tr" + (r < t.row_attr.size() && !t.row_attr[r].empty() ? " " + t.row_attr[r] : std::string{}) + ">";
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const std::string v = c == 0 ? std::string{} : cell_sort_value(t.rows[r][c]);
      out += v.empty() ? "<td>" : "<td class=\"num\" data-v=\"" + v + "\">";
      out += html_escape(t.rows[r][c]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}


namespace {

/// The map's colour scale, pale (short waits, all delivered) to dark (starving); the page's
/// script repeats these stops when the selector changes.
std::string scale_colour(double t) {
  static constexpr double stops[4][3] = {{255, 241, 193}, {246, 178, 107}, {209, 73, 91}, {91, 26, 24}};
  t = std::clamp(t, 0.0, 1.0) * 3;
  const auto i = std::min<std::size_t>(2, static_cast<std::size_t>(t));
  const double u = t - static_cast<double>(i);
  const auto c = [&](int k) { return static_cast<int>(std::lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * u)); };
  return fmt::format("#{:02x}{:02x}{:02x}", c(0), c(1), c(2));
}

std::string minutes_text(double v) { return std::isfinite(v) ? fmt::format("{:.0f}", v) : std::string("n/a"); }

std::string json_num(double v, int decimals) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : "null"; }

/// The wait with the largest mean minutes (index into wait_names), or -1.
int longest_wait(const BuildingFigures& b) {
  int best = -1;
  for (std::size_t s = 0; s < b.wait_minutes.size(); ++s)
    if (std::isfinite(b.wait_minutes[s]) && (best < 0 || b.wait_minutes[s] > b.wait_minutes[static_cast<std::size_t>(best)]))
      best = static_cast<int>(s);
  return best;
}

/// Worse first: more undelivered, then longer p90 (none delivered counts as longest).
bool worse(const BuildingFigures& a, const BuildingFigures& b) {
  const double ua = std::isfinite(a.undelivered_share) ? a.undelivered_share : -1;
  const double ub = std::isfinite(b.undelivered_share) ? b.undelivered_share : -1;
  if (ua != ub) return ua > ub;
  const double pa = std::isfinite(a.p90_minutes) ? a.p90_minutes : (a.orders > 0 ? INFINITY : -1);
  const double pb = std::isfinite(b.p90_minutes) ? b.p90_minutes : (b.orders > 0 ? INFINITY : -1);
  if (pa != pb) return pa > pb;
  return a.building < b.building;
}

/// One sentence per mode: its worst buildings and where their orders wait, and when the
/// backlog peaks (from the series).
std::string sentences(const std::vector<metrics::Summary>& summaries, const std::vector<std::vector<BuildingFigures>>& by_mode) {
  std::string out = "<ul class=\"findings\">\n";
  for (std::size_t m = 0; m < summaries.size(); ++m) {
    const auto& s = summaries[m];
    out += "<li><b>" + html_escape(s.mode) + "</b>: ";
    const auto& rows = by_mode[m];
    if (!rows.empty()) {
      std::vector<const BuildingFigures*> sorted;
      for (const auto& r : rows)
        if (r.orders > 0) sorted.push_back(&r);
      std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return worse(*a, *b); });
      out += "worst buildings ";
      for (std::size_t i = 0; i < std::min<std::size_t>(3, sorted.size()); ++i) {
        const auto& b = *sorted[i];
        const int w = longest_wait(b);
        out += fmt::format("{}<b>{}</b> (compound {}: {:.0f} % of {} orders undelivered at the end, p90 {} min{})", i ? "; " : "",
                           b.building, b.compound, 100 * b.undelivered_share, b.orders, minutes_text(b.p90_minutes),
                           w < 0 ? std::string{}
                                 : fmt::format(", longest wait {} ({} min on average)", wait_names[static_cast<std::size_t>(w)],
                                               minutes_text(b.wait_minutes[static_cast<std::size_t>(w)])));
      }
      out += ". ";
    }
    const auto& ts = s.series;
    if (!ts.backlog.empty() && ts.backlog.size() == ts.time_hours.size()) {
      const auto peak = static_cast<std::size_t>(std::max_element(ts.backlog.begin(), ts.backlog.end()) - ts.backlog.begin());
      const auto at = [&](const std::vector<double>& v) { return peak < v.size() ? v[peak] : 0.0; };
      const double st = at(ts.backlog_station), gt = at(ts.backlog_gate), sh = at(ts.backlog_shelf);
      const char* where = st >= gt && st >= sh ? "at the station" : gt >= sh ? "at gates and on vehicles" : "on shelves";
      out += fmt::format("Backlog peaks at {} with {:.0f} orders, most {} ({:.0f} station, {:.0f} gate, {:.0f} shelf).",
                         day_clock(ts.time_hours[peak]), ts.backlog[peak], where, st, gt, sh);
    }
    out += "</li>\n";
  }
  return out + "</ul>\n";
}

}  // namespace

std::string buildings_section(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options) {
  std::string out = "<h2 id=\"starving\">Which buildings starve, when, and why</h2>\n";
  std::vector<std::vector<BuildingFigures>> by_mode(summaries.size());
  for (const auto& b : options.buildings)
    for (std::size_t m = 0; m < summaries.size(); ++m)
      if (summaries[m].mode == b.mode) by_mode[m].push_back(b);
  const bool have = std::any_of(by_mode.begin(), by_mode.end(), [](const auto& v) { return !v.empty(); });
  const std::uint32_t reps = summaries.empty() ? 1 : summaries.front().replications;
  const std::string basis = reps > 1 ? fmt::format("first of {} replications", reps) : "one replication";
  out += sentences(summaries, by_mode);
  if (!have) {
    return out + "<p class=\"meta\">Per-building figures were not recorded (run with --out to record "
                 "buildings.csv).</p>\n";
  }

  // The map: buildings and gates at their coordinates, y up.
  const auto& first = *std::find_if(by_mode.begin(), by_mode.end(), [](const auto& v) { return !v.empty(); });
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  const auto extend = [&](double x, double y) {
    x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  };
  for (const auto& b : first) extend(b.x_m, b.y_m);
  for (const auto& p : options.places) extend(p.x_m, p.y_m);
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  constexpr double MW = 900, pad = 20;
  const double scale = std::min((MW - 2 * pad) / (x1 - x0), 560.0 / (y1 - y0));
  const double MH = std::ceil((y1 - y0) * scale + 2 * pad);
  const auto sx = [&](double x) { return pad + (x - x0) * scale; };
  const auto sy = [&](double y) { return MH - pad - (y - y0) * scale; };
  const double cell = std::clamp(scale * 14, 4.0, 18.0);

  // Colour domain shared by the modes, so that the same colour means the same minutes.
  double p90_max = 1;
  for (const auto& v : by_mode)
    for (const auto& b : v)
      if (std::isfinite(b.p90_minutes)) p90_max = std::max(p90_max, b.p90_minutes);

  out += "<div class=\"mapbar\"><label>mode <select id=\"map-mode\">";
  for (std::size_t m = 0; m < summaries.size(); ++m)
    out += fmt::format("<option value=\"{}\">{}</option>", m, html_escape(summaries[m].mode));
  out += "</select></label> <label>colour by <select id=\"map-metric\"><option value=\"p90\">p90 lead time</option>"
         "<option value=\"und\">share undelivered at the end</option></select></label> "
         "<span class=\"scale\"><span id=\"scale-lo\">0</span> <i class=\"ramp\"></i> <span id=\"scale-hi\"></span></span> "
         "<span class=\"key\"><i style=\"background:#e0e0e0\"></i>no orders</span></div>\n";
  out += fmt::format("<figure><figcaption>Area map: buildings coloured by the selected figure, gates &#9650;, stations "
                     "&#9632; <span class=\"basis\">{}</span></figcaption>\n<svg class=\"chart map\" id=\"map\" "
                     "viewBox=\"0 0 {} {:.0f}\" role=\"img\" aria-label=\"area map\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                     basis, MW, MH);
  const auto& m0 = first;
  for (const auto& b : m0) {
    const double t = std::isfinite(b.p90_minutes) ? b.p90_minutes / p90_max : (b.orders > 0 ? 1.0 : NAN);
    out += fmt::format("<rect class=\"mark bld\" data-b=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                       "fill=\"{}\"><title>building {}</title></rect>\n",
                       b.building, sx(b.x_m) - cell / 2, sy(b.y_m) - cell / 2, cell, cell,
                       std::isfinite(t) ? scale_colour(t) : "#e0e0e0", b.building);
  }
  for (const auto& p : options.places) {
    const double x = sx(p.x_m), y = sy(p.y_m);
    if (p.kind == "gate")
      out += fmt::format("<path class=\"gate\" d=\"M{:.1f} {:.1f}l5 8h-10z\"><title>gate</title></path>\n", x, y - 5);
    else
      out += fmt::format("<rect class=\"station\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\"><title>{}</title></rect>\n",
                         x - 5, y - 5, html_escape(p.kind));
  }
  out += "</svg></figure>\n";

  // Per-mode figures for the selector (null: no value).
  std::string data = fmt::format("{{\"p90max\":{},\"modes\":[", json_num(p90_max, 1));
  for (std::size_t m = 0; m < by_mode.size(); ++m) {
    data += m ? ",{" : "{";
    std::string p90 = "[", und = "[", tip = "[";
    for (std::size_t i = 0; i < by_mode[m].size(); ++i) {
      const auto& b = by_mode[m][i];
      const std::string sep = i ? "," : "";
      p90 += sep + (std::isfinite(b.p90_minutes) ? json_num(b.p90_minutes, 1) : (b.orders > 0 ? "-1" : "null"));
      und += sep + json_num(b.undelivered_share, 4);
      const int w = longest_wait(b);
      tip += sep + "\"" +
             fmt::format("building {} (compound {}): {} orders, {} delivered, p90 {} min{}", b.building, b.compound, b.orders,
                         b.delivered, std::isfinite(b.p90_minutes) ? minutes_text(b.p90_minutes) : "n/a (none delivered)",
                         w < 0 ? std::string{} : fmt::format(", longest wait {}", wait_names[static_cast<std::size_t>(w)])) +
             "\"";
    }
    data += "\"p90\":" + p90 + "],\"und\":" + und + "],\"tip\":" + tip + "]}";
  }
  data += "]}";
  out += "<script type=\"application/json\" id=\"map-data\">" + data + "</script>\n";

  // The building table: every mode's rows, worst first; the selector shows one mode.
  HtmlTable t;
  t.id = "buildings";
  t.header = {"mode", "building", "compound", "orders", "delivered", "undelivered at end (%)", "p50 (min)", "p90 (min)"};
  for (auto w : wait_names) t.header.push_back("wait: " + std::string(w) + " (min)");
  t.header.push_back("longest wait");
  for (std::size_t m = 0; m < by_mode.size(); ++m) {
    std::vector<const BuildingFigures*> rows;
    for (const auto& b : by_mode[m]) rows.push_back(&b);
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return worse(*a, *b); });
    for (const auto* b : rows) {
      std::vector<std::string> r{b->mode, fmt::format("{}", b->building), fmt::format("{}", b->compound),
                                 fmt::format("{}", b->orders), fmt::format("{}", b->delivered),
                                 std::isfinite(b->undelivered_share) ? fmt::format("{:.1f}", 100 * b->undelivered_share) : "n/a",
                                 minutes_text(b->p50_minutes), minutes_text(b->p90_minutes)};
      for (double v : b->wait_minutes) r.push_back(minutes_text(v));
      const int w = longest_wait(*b);
      r.push_back(w < 0 ? "n/a" : std::string(wait_names[static_cast<std::size_t>(w)]));
      t.rows.push_back(std::move(r));
      t.row_attr.push_back(fmt::format("data-mode=\"{}\"", m));
    }
  }
  out += "<h3>Buildings</h3>\n";
  out += render_table(t, "worst first; click a header to sort; the mode selector above filters; waits are means over the "
                         "building's delivered orders (" + basis + ")");
  return out;
}

}  // namespace last100::report::detail
