// The "which buildings starve" part of report.html: sentences, the area map and the
// building table, from the summaries' per-building figures (means over replications when
// there are several) drawn on the area map (report/area_map.hpp); plus the table helper
// shared with the KPI table.

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
  while (i < text.size() && (text[i] == ' ' || text[i] == '>')) ++i;
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

using metrics::PlaceFigures;
using metrics::stage_wait_names;

/// Minutes for a cell or a sentence: "n/a" without observation, "> T" for a lower bound.
std::string minutes_text(double v, bool at_least = false) {
  if (!std::isfinite(v)) return "n/a";
  return fmt::format("{}{:.0f}", at_least ? "> " : "", v);
}

std::string json_num(double v, int decimals) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, decimals) : "null"; }

/// Undelivered orders (spoiled, cancelled or still open at the end) over measured orders; NaN without orders.
double undelivered_share(const PlaceFigures& f) { return f.orders > 0 ? f.undelivered / f.orders : NAN; }

/// The wait with the largest mean minutes (index into stage_wait_names), or -1.
int longest_wait(const PlaceFigures& b) {
  int best = -1;
  for (std::size_t s = 0; s < b.wait_minutes.size(); ++s)
    if (std::isfinite(b.wait_minutes[s]) && (best < 0 || b.wait_minutes[s] > b.wait_minutes[static_cast<std::size_t>(best)]))
      best = static_cast<int>(s);
  return best;
}

/// A building of one mode: its index and figures.
struct Row {
  std::size_t building;
  const PlaceFigures* f;
};

/// Worse first: a larger share undelivered, then a longer p90 (a lower bound before an
/// exact value at equal minutes), then by index (deterministic).
bool worse(const Row& a, const Row& b) {
  const double ua = std::isfinite(undelivered_share(*a.f)) ? undelivered_share(*a.f) : -1;
  const double ub = std::isfinite(undelivered_share(*b.f)) ? undelivered_share(*b.f) : -1;
  if (ua != ub) return ua > ub;
  const auto& pa = a.f->lead_time_minutes;
  const auto& pb = b.f->lead_time_minutes;
  const double xa = std::isfinite(pa.p90) ? pa.p90 : -1, xb = std::isfinite(pb.p90) ? pb.p90 : -1;
  if (xa != xb) return xa > xb;
  if (pa.p90_at_least != pb.p90_at_least) return pa.p90_at_least;
  return a.building < b.building;
}

/// The buildings of one mode with measured orders, worst first.
std::vector<Row> ranked(const metrics::Summary& s) {
  std::vector<Row> rows;
  for (std::size_t b = 0; b < s.buildings.size(); ++b)
    if (s.buildings[b].orders > 0) rows.push_back({b, &s.buildings[b]});
  std::sort(rows.begin(), rows.end(), worse);
  return rows;
}

/// A count for a cell: whole for one run, one decimal for a mean over replications.
std::string count_text(double v, bool means) { return means ? fmt::format("{:.1f}", v) : fmt::format("{:.0f}", v); }

/// One sentence per mode: its worst buildings and where their orders wait, and when the
/// backlog peaks (from the series).
std::string sentences(const std::vector<metrics::Summary>& summaries, const std::vector<std::int64_t>& compound_of) {
  std::string out = "<ul class=\"findings\">\n";
  for (const auto& s : summaries) {
    out += "<li><b>" + html_escape(metrics::column_label(s)) + "</b>: ";
    const auto rows = ranked(s);
    const bool means = s.replications > 1;
    if (!rows.empty()) {
      out += "worst buildings ";
      for (std::size_t i = 0; i < std::min<std::size_t>(3, rows.size()); ++i) {
        const auto& [b, f] = rows[i];
        const int w = longest_wait(*f);
        const auto& p = f->lead_time_minutes;
        out += fmt::format("{}<b>{}</b> ({}{:.0f} % of {} orders undelivered at the end, p90 {} min{})", i ? "; " : "", b,
                           b < compound_of.size() && compound_of[b] >= 0 ? fmt::format("compound {}: ", compound_of[b]) : "",
                           100 * undelivered_share(*f), count_text(f->orders, means),
                           html_escape(minutes_text(p.p90, p.p90_at_least)),
                           w < 0 ? std::string{}
                                 : fmt::format(", longest wait {} ({} min on average)",
                                               html_escape(stage_wait_names[static_cast<std::size_t>(w)]),
                                               minutes_text(f->wait_minutes[static_cast<std::size_t>(w)])));
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
  if (summaries.empty()) return {};
  const std::string basis = summaries.front().series_note;
  const bool means = summaries.front().replications > 1;
  std::string out = "<h2 id=\"starving\">Which buildings starve, when, and why <span class=\"basis\">(" +
                    html_escape(basis) + ")</span></h2>\n";
  std::vector<std::int64_t> compound_of;
  std::vector<const MapPlace*> buildings;
  for (const auto& p : options.map)
    if (p.kind == "building") {
      if (p.index >= compound_of.size()) compound_of.resize(p.index + 1, -1);
      compound_of[p.index] = p.compound;
      buildings.push_back(&p);
    }
  out += sentences(summaries, compound_of);

  if (buildings.empty()) {
    out += "<p class=\"meta\">The area map was not recorded (places.csv is missing).</p>\n";
  } else {
    // The map: buildings and gates at their coordinates, y up.
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto& p : options.map)
      x0 = std::min(x0, p.x_m), x1 = std::max(x1, p.x_m), y0 = std::min(y0, p.y_m), y1 = std::max(y1, p.y_m);
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
    for (const auto& s : summaries)
      for (const auto& b : s.buildings)
        if (std::isfinite(b.lead_time_minutes.p90)) p90_max = std::max(p90_max, b.lead_time_minutes.p90);

    out += "<div class=\"mapbar\"><label>mode <select id=\"map-mode\">";
    for (std::size_t m = 0; m < summaries.size(); ++m)
      out += fmt::format("<option value=\"{}\">{}</option>", m, html_escape(metrics::column_label(summaries[m])));
    out += "</select></label> <label>colour by <select id=\"map-metric\"><option value=\"p90\">p90 lead time</option>"
           "<option value=\"und\">share undelivered at the end</option></select></label> "
           "<span class=\"scale\"><span id=\"scale-lo\">0</span> <i class=\"ramp\"></i> <span id=\"scale-hi\"></span></span> "
           "<span class=\"key\"><i style=\"background:#e0e0e0\"></i>no orders</span></div>\n";
    out += fmt::format("<figure><figcaption>Area map: buildings coloured by the selected figure, gates &#9650;, stations "
                       "&#9632; <span class=\"basis\">({})</span></figcaption>\n<svg class=\"chart map\" id=\"map\" "
                       "viewBox=\"0 0 {} {:.0f}\" role=\"img\" aria-label=\"area map\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                       html_escape(basis), MW, MH);
    const auto& first = summaries.front().buildings;
    for (const MapPlace* b : buildings) {
      const PlaceFigures* f = b->index < first.size() ? &first[b->index] : nullptr;
      const double p90 = f ? f->lead_time_minutes.p90 : NAN;
      out += fmt::format("<rect class=\"mark bld\" data-b=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                         "fill=\"{}\"><title>building {}</title></rect>\n",
                         b->index, sx(b->x_m) - cell / 2, sy(b->y_m) - cell / 2, cell, cell,
                         std::isfinite(p90) ? scale_colour(p90 / p90_max) : "#e0e0e0", b->index);
    }
    for (const auto& p : options.map) {
      if (p.kind == "building") continue;
      const double x = sx(p.x_m), y = sy(p.y_m);
      if (p.kind == "gate")
        out += fmt::format("<path class=\"gate\" d=\"M{:.1f} {:.1f}l5 8h-10z\"><title>gate {}</title></path>\n", x, y - 5, p.index);
      else
        out += fmt::format("<rect class=\"station\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"10\" height=\"10\"><title>{} {}</title></rect>\n",
                           x - 5, y - 5, html_escape(p.kind), p.index);
    }
    out += "</svg></figure>\n";

    // Per-mode figures for the selector, indexed by building (null: no orders).
    std::string data = fmt::format("{{\"p90max\":{},\"modes\":[", json_num(p90_max, 1));
    for (std::size_t m = 0; m < summaries.size(); ++m) {
      data += m ? ",{" : "{";
      std::string p90 = "[", und = "[", tip = "[";
      const auto& v = summaries[m].buildings;
      for (std::size_t b = 0; b < v.size(); ++b) {
        const auto& f = v[b];
        const auto& p = f.lead_time_minutes;
        const std::string sep = b ? "," : "";
        p90 += sep + json_num(p.p90, 1);
        und += sep + json_num(undelivered_share(f), 4);
        const int w = longest_wait(f);
        // Only the page's own text goes into the JSON strings (numbers and fixed words).
        tip += sep + "\"" +
               fmt::format("building {}{}: {} orders, {} delivered, p90 {} min{}", b,
                           b < compound_of.size() && compound_of[b] >= 0 ? fmt::format(" (compound {})", compound_of[b]) : "",
                           count_text(f.orders, means), count_text(f.delivered, means), minutes_text(p.p90, p.p90_at_least),
                           w < 0 ? std::string{} : fmt::format(", longest wait {}", stage_wait_names[static_cast<std::size_t>(w)])) +
               "\"";
      }
      data += "\"p90\":" + p90 + "],\"und\":" + und + "],\"tip\":" + tip + "]}";
    }
    data += "]}";
    out += "<script type=\"application/json\" id=\"map-data\">" + data + "</script>\n";
  }

  // The building table: every mode's rows, worst first; the selector shows one mode.
  HtmlTable t;
  t.id = "buildings";
  t.header = {"mode", "building", "compound", "orders", "delivered", "undelivered at end (%)", "p50 (min)", "p90 (min)"};
  for (auto w : stage_wait_names) t.header.push_back("wait: " + std::string(w) + " (min)");
  t.header.push_back("longest wait");
  for (std::size_t m = 0; m < summaries.size(); ++m) {
    for (const auto& [b, f] : ranked(summaries[m])) {
      const auto& p = f->lead_time_minutes;
      const double und = undelivered_share(*f);
      std::vector<std::string> r{metrics::column_label(summaries[m]), fmt::format("{}", b),
                                 b < compound_of.size() && compound_of[b] >= 0 ? fmt::format("{}", compound_of[b]) : "n/a",
                                 count_text(f->orders, means), count_text(f->delivered, means),
                                 std::isfinite(und) ? fmt::format("{:.1f}", 100 * und) : "n/a",
                                 minutes_text(p.p50, p.p50_at_least), minutes_text(p.p90, p.p90_at_least)};
      for (double v : f->wait_minutes) r.push_back(minutes_text(v));
      const int w = longest_wait(*f);
      r.push_back(w < 0 ? "n/a" : std::string(stage_wait_names[static_cast<std::size_t>(w)]));
      t.rows.push_back(std::move(r));
      t.row_attr.push_back(fmt::format("data-mode=\"{}\"", m));
    }
  }
  out += "<h3>Buildings</h3>\n";
  // An empty table would pass for "no building starves": say why there are no rows instead.
  if (t.rows.empty())
    return out + "<p class=\"meta\">No per-building figures: no building had measured orders, or the results come "
                 "from a summary.json without them (an earlier version).</p>\n";
  out += render_table(t, "worst first; click a header to sort; the mode selector above filters; > T: more than T "
                         "(orders not delivered by the end); waits are means over the building's delivered orders; " +
                         basis + "; every building and compound in buildings.csv and compounds.csv");
  return out;
}

}  // namespace last100::report::detail
