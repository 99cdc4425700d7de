// report.html: a self-contained page with inline SVG charts (no scripts from the network,
// no external fonts or styles). Every text that came from a scenario goes through html_escape.

#include "last100/report/html.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "last100/report/table.hpp"
#include "last100/metrics/kpi_table.hpp"

namespace last100::report {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* palette[] = {"#1b6ca8", "#d1495b", "#2a9d8f", "#edae49", "#6a4c93", "#8c8c8c", "#00798c", "#e76f51"};
const char* colour(std::size_t i) { return palette[i % 8]; }

constexpr double W = 640, H = 300, L = 64, R = 16, T = 16, B = 44;

/// Returns about five round tick values covering [lo, hi].
std::vector<double> ticks(double lo, double hi) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / mag;
  const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  std::vector<double> out;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9 && out.size() < 20; v += step) out.push_back(v);
  return out;
}

std::string fmt_tick(double v) {
  if (std::fabs(v) >= 10000) return fmt::format("{:.0f}", v);
  if (v == std::floor(v)) return fmt::format("{:.0f}", v);
  return fmt::format("{:g}", v);
}

struct Line {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
  /// A band line (lowest or highest replication) of the series `of` before it: drawn thin and
  /// dashed in that series' colour, and left out of the legend. -1: a series of its own.
  int band_of = -1;
};

std::string svg_open(const std::string& id, const std::string& title) {
  return fmt::format("<figure><figcaption>{}</figcaption>\n<svg class=\"chart\" id=\"{}\" viewBox=\"0 0 {} {}\" "
                     "role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                     html_escape(title), id, W, H, html_escape(title));
}

std::string axes(double x0, double x1, double y0, double y1, const std::string& xlabel, const std::string& ylabel) {
  const auto sx = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
  const auto sy = [&](double y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); };
  std::string out;
  for (double t : ticks(y0, y1))
    out += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       L, W - R, sy(t), sy(t), L - 6, sy(t) + 4, fmt_tick(t));
  for (double t : ticks(x0, x1))
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", sx(t), H - B + 16,
                       fmt_tick(t));
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", L, W - R, H - B, H - B);
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", L, L, T, H - B);
  out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", (L + W - R) / 2, H - 6,
                     html_escape(xlabel));
  out += fmt::format("<text class=\"label\" transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     (T + H - B) / 2, html_escape(ylabel));
  return out;
}

std::string legend(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("<span class=\"key\"><i style=\"background:{}\"></i>{}</span>", colour(i), html_escape(names[i]));
  return "<div class=\"legend\">" + out + "</div>";
}

std::string no_data() {
  return fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">no data</text>\n", W / 2, H / 2);
}

std::string line_chart(const std::string& id, const std::string& title, const std::vector<Line>& lines,
                       const std::string& xlabel, const std::string& ylabel, bool step = false) {
  double x0 = INFINITY, x1 = -INFINITY, y1 = 0;
  bool any = false;
  for (const auto& l : lines)
    for (std::size_t i = 0; i < std::min(l.x.size(), l.y.size()); ++i) {
      if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
      x0 = std::min(x0, l.x[i]);
      x1 = std::max(x1, l.x[i]);
      y1 = std::max(y1, l.y[i]);
      any = true;
    }
  std::string out = svg_open(id, title);
  if (!any) return out + no_data() + "</svg></figure>\n";
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > 0)) y1 = 1;
  const auto yt = ticks(0, y1);
  y1 = std::max(y1, yt.empty() ? y1 : yt.back());
  out += axes(x0, x1, 0, y1, xlabel, ylabel);
  const auto sx = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
  const auto sy = [&](double y) { return H - B - y / y1 * (H - T - B); };
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const auto& l = lines[li];
    const std::size_t n = std::min(l.x.size(), l.y.size());
    const std::size_t stride = std::max<std::size_t>(1, n / 1000);
    std::string d;
    double prev_y = 0;
    for (std::size_t i = 0; i < n; i += stride) {
      if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
      if (d.empty()) d += fmt::format("M{:.1f} {:.1f}", sx(l.x[i]), sy(l.y[i]));
      else if (step) d += fmt::format("H{:.1f}V{:.1f}", sx(l.x[i]), sy(l.y[i]));
      else d += fmt::format("L{:.1f} {:.1f}", sx(l.x[i]), sy(l.y[i]));
      prev_y = l.y[i];
    }
    (void)prev_y;
    if (d.empty()) continue;
    // Colours follow the legend's order: the series alone, bands in their series' colour.
    std::size_t series = 0;
    for (std::size_t k = 0; k < li; ++k) series += lines[k].band_of < 0;
    if (l.band_of >= 0) {
      std::size_t of = 0;
      for (std::size_t k = 0; k < static_cast<std::size_t>(l.band_of); ++k) of += lines[k].band_of < 0;
      out += fmt::format("<path class=\"mark band\" d=\"{}\" stroke=\"{}\"><title>{}</title></path>\n", d, colour(of),
                         html_escape(l.name));
    } else {
      out += fmt::format("<path class=\"mark\" d=\"{}\" stroke=\"{}\"><title>{}</title></path>\n", d, colour(series),
                         html_escape(l.name));
    }
  }
  std::vector<std::string> names;
  bool bands = false;
  for (const auto& l : lines) {
    if (l.band_of < 0) names.push_back(l.name);
    bands = bands || l.band_of >= 0;
  }
  return out + "</svg>" + legend(names) +
         (bands ? "<div class=\"legend\">thin dashed: the lowest and highest replication at each time</div>" : "") +
         "</figure>\n";
}

struct Segment {
  std::string name;
  double value;
};

std::string stacked_bars(const std::string& id, const std::string& title, const std::vector<std::string>& bars,
                         const std::vector<std::vector<Segment>>& stacks, const std::string& ylabel) {
  std::string out = svg_open(id, title);
  if (bars.empty()) return out + no_data() + "</svg></figure>\n";
  double y1 = 0;
  for (const auto& s : stacks) {
    double sum = 0;
    for (const auto& seg : s) sum += std::max(0.0, seg.value);
    y1 = std::max(y1, sum);
  }
  if (!(y1 > 0)) y1 = 1;
  const auto yt = ticks(0, y1);
  y1 = std::max(y1, yt.empty() ? y1 : yt.back());
  const auto sy = [&](double y) { return H - B - y / y1 * (H - T - B); };
  for (double t : yt)
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       L, W - R, sy(t), sy(t), L - 6, sy(t) + 4, fmt_tick(t));
  out += fmt::format("<text class=\"label\" transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     (T + H - B) / 2, html_escape(ylabel));
  const double slot = (W - L - R) / static_cast<double>(bars.size());
  const double bw = std::min(80.0, slot * 0.6);
  for (std::size_t b = 0; b < bars.size(); ++b) {
    const double x = L + slot * (static_cast<double>(b) + 0.5) - bw / 2;
    double acc = 0;
    for (std::size_t k = 0; k < stacks[b].size(); ++k) {
      const double v = std::max(0.0, stacks[b][k].value);
      out += fmt::format("<rect class=\"mark\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                         "<title>{}: {}</title></rect>\n",
                         x, sy(acc + v), bw, sy(acc) - sy(acc + v), colour(k), html_escape(bars[b] + " " + stacks[b][k].name),
                         fmt_tick(std::round(v * 1000) / 1000));
      acc += v;
    }
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x + bw / 2, H - B + 16,
                       html_escape(bars[b]));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", L, W - R, H - B, H - B);
  std::vector<std::string> names;
  if (!stacks.empty())
    for (const auto& seg : stacks.front()) names.push_back(seg.name);
  return out + "</svg>" + (names.size() > 1 ? legend(names) : "") + "</figure>\n";
}

/// A lead time in minutes for a table cell: "n/a", "> T" for a lower bound.
std::string minutes_cell(double v, bool at_least) {
  if (!std::isfinite(v)) return "n/a";
  return fmt::format("{}{:.0f}", at_least ? "&gt; " : "", v);
}

/// The buildings with the longest lead-time p90 in each mode (at most `rows`), from the
/// summaries' per-building figures: the means over replications when there are several.
std::string worst_buildings(const std::vector<metrics::Summary>& summaries, const std::string& note,
                            std::size_t rows = 10) {
  std::string out = "<h2>Buildings with the longest lead times" + html_escape(note) + "</h2>\n";
  out += "<p class=\"meta\">Per building: measured orders of its households, undelivered (spoiled, cancelled or "
         "still open), lead-time p50 and p90 in minutes (&gt; T: a lower bound, orders not delivered); "
         "every building in <code>buildings.csv</code>.</p>\n<div class=\"grid2\">\n";
  for (const auto& s : summaries) {
    std::vector<std::size_t> order;
    for (std::size_t b = 0; b < s.buildings.size(); ++b)
      if (std::isfinite(s.buildings[b].lead_time_minutes.p90)) order.push_back(b);
    // Longest p90 first; at equal p90 a lower bound first, then by index (deterministic).
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const auto& pa = s.buildings[a].lead_time_minutes;
      const auto& pb = s.buildings[b].lead_time_minutes;
      if (pa.p90 != pb.p90) return pa.p90 > pb.p90;
      if (pa.p90_at_least != pb.p90_at_least) return pa.p90_at_least;
      return a < b;
    });
    if (order.size() > rows) order.resize(rows);
    const bool means = s.replications > 1;
    const auto count = [&](double v) { return means ? fmt::format("{:.1f}", v) : fmt::format("{:.0f}", v); };
    out += "<table class=\"places\"><caption>" + html_escape(s.mode) + "</caption>\n"
           "<tr><th>building</th><th>orders</th><th>undelivered</th><th>p50</th><th>p90</th></tr>\n";
    if (order.empty()) out += "<tr><td colspan=\"5\">no building had measured orders</td></tr>\n";
    for (std::size_t b : order) {
      const auto& f = s.buildings[b];
      const auto& p = f.lead_time_minutes;
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", b, count(f.orders),
                         count(f.undelivered), minutes_cell(p.p50, p.p50_at_least), minutes_cell(p.p90, p.p90_at_least));
    }
    out += "</table>\n";
  }
  return out + "</div>\n";
}

constexpr const char* style = R"(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#666;margin-top:0}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1rem 2rem}
figure{margin:0} figcaption{font-weight:600;margin:.6rem 0 .2rem}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid #e3e3e3}
svg .grid{stroke:#eee} svg .axis{stroke:#999} svg .tick{font-size:11px;fill:#555} svg .label{font-size:12px;fill:#333}
svg path.mark{fill:none;stroke-width:2} svg path.band{stroke-width:1;stroke-dasharray:4 3;opacity:.7}
.legend{font-size:13px;margin:.2rem 0} .key{margin-right:1rem;white-space:nowrap}
.key i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
pre{background:#f6f6f6;padding: .8rem;overflow:auto;font-size:12.5px}
table.places{border-collapse:collapse;font-size:13px;margin:.4rem 0;align-self:start}
table.places caption{font-weight:600;text-align:left;margin:.2rem 0}
table.places th,table.places td{border-bottom:1px solid #e3e3e3;padding:.15rem .7rem;text-align:right}
)";

constexpr const char* check_script = R"(<script>
(function () {
  var ok = true;
  window.addEventListener('error', function () { ok = false; document.title = 'fail'; });
  var charts = document.querySelectorAll('svg.chart');
  if (charts.length === 0) ok = false;
  for (var i = 0; i < charts.length; i++) {
    if (charts[i].querySelectorAll('.mark').length === 0) { ok = false; charts[i].setAttribute('data-empty', '1'); }
  }
  document.title = ok ? 'ok' : 'fail';
})();
</script>
)";

}  // namespace

std::string render_html(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options) {
  const std::string title = options.title.empty() ? (summaries.empty() ? "last100" : summaries.front().scenario) : options.title;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>last100 report: " + html_escape(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
  out += "<h1>last100: " + html_escape(title) + "</h1>\n";
  if (!summaries.empty()) {
    const auto& f = summaries.front();
    out += fmt::format("<p class=\"meta\">seed {} &middot; replications {} &middot; measured {:.1f} h &middot; {} mode(s)</p>\n",
                       f.seed, f.replications, f.measured_hours, summaries.size());
    out += fmt::format("<p class=\"meta provenance\">last100 {} &middot; commit {} &middot; reproduce: <code>{}</code><br>seeds: {}<br>"
                       "charts: {}</p>\n",
                       html_escape(f.provenance.version), html_escape(f.provenance.commit), html_escape(f.provenance.command),
                       html_escape(f.provenance.seed_scheme), html_escape(f.series_note));
  }

  // Say what every table and chart shows: one run, or the mean over replications (the KPIs,
  // lines, CDFs, bars and buildings all come from the aggregated summaries: metrics::aggregate).
  const std::string note = summaries.empty() ? std::string() : " (" + summaries.front().series_note + ")";

  // KPI table (the same rows as the terminal table).
  out += "<h2>Key figures" + html_escape(note) + "</h2>\n<pre class=\"kpi\">" + html_escape(format_table(summaries)) + "</pre>\n";

  std::vector<Line> throughput, backlog, cdf, shelf;
  for (const auto& s : summaries) {
    throughput.push_back({s.mode, s.series.time_hours, s.series.delivered_per_hour});
    backlog.push_back({s.mode, s.series.time_hours, s.series.backlog});
    if (!s.series.backlog_min.empty()) {
      const int of = static_cast<int>(backlog.size()) - 1;
      backlog.push_back({s.mode + " (lowest replication)", s.series.time_hours, s.series.backlog_min, of});
      backlog.push_back({s.mode + " (highest replication)", s.series.time_hours, s.series.backlog_max, of});
    }
    shelf.push_back({s.mode, s.series.time_hours, s.series.backlog_shelf});
    Line c{s.mode, {}, {}};
    for (const auto& p : s.lead_time_cdf) {
      c.x.push_back(p.minutes);
      c.y.push_back(p.share);
    }
    cdf.push_back(std::move(c));
  }
  std::vector<std::string> modes;
  std::vector<std::vector<Segment>> split, crowd;
  for (const auto& s : summaries) {
    modes.push_back(s.mode);
    // From the KPI estimates (means over replications), as the table shows them.
    const auto kpi = [&](std::string_view key) {
      const double v = metrics::kpi_estimate(s, metrics::kpi_index(key)).mean;
      return std::isfinite(v) ? v : 0.0;
    };
    split.push_back({{"delivery", kpi("courier_utilisation.delivery")},
                     {"walking", kpi("courier_utilisation.walking")},
                     {"stairs/lift", kpi("courier_utilisation.stairs")},
                     {"volunteer duty", kpi("courier_utilisation.duty")},
                     {"idle", kpi("courier_utilisation.idle")}});
    crowd.push_back({{"peak residents at one pickup place", kpi("peak_shelf_crowding")}});
  }

  out += "<h2>Charts</h2>\n<div class=\"grid2\">\n";
  out += line_chart("throughput", "Throughput over time" + note, throughput, "time (h)", "orders delivered per hour");
  out += line_chart("backlog", "Backlog over time" + note, backlog, "time (h)", "orders placed, not yet handed over");
  out += line_chart("leadtime-cdf", "Lead time, order to hand-over (CDF)" + note, cdf, "lead time (min)",
                    "share of measured orders delivered", true);
  out += stacked_bars("courier-split", "Courier time split" + note, modes, split, "share of on-shift time");
  out += stacked_bars("shelf-crowding", "Peak crowding at a pickup place" + note, modes, crowd, "residents at one place");
  out += line_chart("shelf-backlog", "Items waiting on shelves" + note, shelf, "time (h)", "items on shelves");
  out += "</div>\n";
  out += worst_buildings(summaries, note);

  if (!options.scenario_toml.empty())
    out += "<details><summary>Resolved scenario</summary>\n<pre>" + html_escape(options.scenario_toml) + "</pre>\n</details>\n";
  out += "<p class=\"meta\">Generated by last100. Self-contained: no scripts, fonts or styles are fetched.</p>\n";
  out += check_script;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace last100::report
