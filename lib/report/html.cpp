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
#include "last100/modes/mode.hpp"
#include "report/html_parts.hpp"

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

using detail::day_clock;

// One colour per mode, by its position in the comparison, in every chart and on the map's
// selector; activities (the courier time split) have their own palette so they never read
// as modes.
constexpr const char* palette[] = {"#1b6ca8", "#d1495b", "#2a9d8f", "#edae49", "#6a4c93", "#8c8c8c", "#00798c", "#e76f51"};
constexpr std::size_t palette_size = 8;
const char* colour(std::size_t i) { return palette[i % palette_size]; }

/// The colour index of each summary, the same for a mode in every report whatever the order
/// of the comparison: a mode named once takes its place in the registry (the four built-in
/// modes first: relay blue, shelves red, per-building green, group buying amber; a mode of
/// one's own after them); a name that appears several times (what-ifs of one mode, from
/// several files) gives each its own colour from those still free, in order.
std::vector<std::size_t> mode_colours(const std::vector<metrics::Summary>& summaries) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> out(summaries.size(), none);
  std::vector<bool> taken(palette_size, false);
  const auto& registry = modes::all_modes();
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const auto same = std::count_if(summaries.begin(), summaries.end(),
                                    [&](const metrics::Summary& s) { return s.mode == summaries[i].mode; });
    if (same != 1) continue;
    for (std::size_t r = 0; r < registry.size() && r < palette_size; ++r)
      if (registry[r].name == summaries[i].mode && !taken[r]) out[i] = r, taken[r] = true;
  }
  std::size_t next = 0;
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    if (out[i] != none) continue;
    while (next < palette_size && taken[next]) ++next;
    out[i] = next < palette_size ? next++ : i;  // more lines than colours: they repeat
  }
  return out;
}
constexpr const char* activity_palette[] = {"#4e79a7", "#a0cbe8", "#9c755f", "#f1ce63", "#d4d4d4"};

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

/// Tick positions in hours for a time axis: whole hours, at most about eight of them.
std::vector<double> time_ticks(double x0, double x1) {
  double step = 1;
  for (double s : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 72.0, 168.0}) {
    step = s;
    if ((x1 - x0) / s <= 8) break;
  }
  std::vector<double> out;
  for (double v = std::ceil(x0 / step) * step; v <= x1 + 1e-9 && out.size() < 40; v += step) out.push_back(v);
  return out;
}

struct Line {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
  std::size_t colour = 0;  ///< the mode's colour index
  /// A band line (lowest or highest replication) of the series `of` before it: drawn thin and
  /// dashed in that series' colour, and left out of the legend. -1: a series of its own.
  int band_of = -1;
};

std::string svg_open(const std::string& id, const std::string& title, const std::string& basis) {
  return fmt::format("<figure><figcaption>{} <span class=\"basis\">({})</span></figcaption>\n<svg class=\"chart\" id=\"{}\" "
                     "viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                     html_escape(title), html_escape(basis), id, W, H, html_escape(title));
}

std::string axes(double x0, double x1, double y0, double y1, const std::string& xlabel, const std::string& ylabel,
                 bool time_x) {
  const auto sx = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
  const auto sy = [&](double y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); };
  std::string out;
  for (double t : ticks(y0, y1))
    out += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       L, W - R, sy(t), sy(t), L - 6, sy(t) + 4, fmt_tick(t));
  const auto xt = time_x ? time_ticks(x0, x1) : ticks(x0, x1);
  for (double t : xt) {
    if (time_x)
      out += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\"/>", sx(t), sx(t), T, H - B);
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", sx(t), H - B + 16,
                       time_x ? day_clock(t) : fmt_tick(t));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", L, W - R, H - B, H - B);
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", L, L, T, H - B);
  out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", (L + W - R) / 2, H - 6,
                     html_escape(xlabel));
  out += fmt::format("<text class=\"label\" transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                     (T + H - B) / 2, html_escape(ylabel));
  return out;
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& keys) {
  std::string out;
  for (const auto& [name, col] : keys)
    out += fmt::format("<span class=\"key\"><i style=\"background:{}\"></i>{}</span>", col, html_escape(name));
  return "<div class=\"legend\">" + out + "</div>";
}

/// Said instead of marks when a chart has nothing to draw. The page's self-check fails a chart
/// without marks unless its writer said why it may be empty (`reason`, class "nodata": an
/// honest n/a); a plain "no data" still fails it.
std::string no_data(const std::string& reason = {}) {
  return fmt::format("<text class=\"label{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                     reason.empty() ? "" : " nodata", W / 2, H / 2, html_escape(reason.empty() ? "no data" : reason));
}

/// A line chart; `time_x`: x in hours since the start, labelled as day and clock time.
/// When one line peaks at more than three times any other, the y axis stops above the
/// others and the caption says which line is clipped (group buying's delivery spikes would
/// otherwise flatten every other mode). A point without a value (NaN: n/a) breaks its line,
/// so that a gap is never drawn as a slope through it. `y_max` > 0 fixes the y axis at
/// [0, y_max] (shares) and turns clipping off; `empty`: why the chart may honestly have
/// nothing to draw (see no_data); `note`: a line under the legend.
std::string line_chart(const std::string& id, const std::string& title, const std::string& basis,
                       const std::vector<Line>& lines, const std::string& xlabel, const std::string& ylabel,
                       bool time_x, bool step = false, double y_max = 0, const std::string& empty = {},
                       const std::string& note = {}) {
  double x0 = INFINITY, x1 = -INFINITY;
  std::vector<std::pair<double, std::size_t>> peaks;
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const auto& l = lines[li];
    double peak = 0;
    for (std::size_t i = 0; i < std::min(l.x.size(), l.y.size()); ++i) {
      if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
      x0 = std::min(x0, l.x[i]);
      x1 = std::max(x1, l.x[i]);
      peak = std::max(peak, l.y[i]);
    }
    if (x1 >= x0 && l.band_of < 0) peaks.emplace_back(peak, li);  // a band never sets the scale
  }
  std::string out;
  if (!(x1 >= x0)) return svg_open(id, title, basis) + no_data(empty) + "</svg></figure>\n";
  std::sort(peaks.rbegin(), peaks.rend());
  double y1 = y_max > 0 ? y_max : peaks.empty() ? 1 : peaks.front().first;
  std::string clipped;
  if (y_max <= 0 && peaks.size() > 1 && peaks[1].first > 0 && peaks[0].first > 3 * peaks[1].first) {
    y1 = peaks[1].first * 1.4;
    clipped = fmt::format("{} is clipped: it peaks at {}", lines[peaks[0].second].name, fmt_tick(std::round(peaks[0].first)));
  }
  out = svg_open(id, title, basis + (clipped.empty() ? "" : "; " + clipped));
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > 0)) y1 = 1;
  const auto yt = ticks(0, y1);
  y1 = std::max(y1, yt.empty() ? y1 : yt.back());
  out += axes(x0, x1, 0, y1, xlabel, ylabel, time_x);
  const auto sx = [&](double x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
  const auto sy = [&](double y) { return H - B - std::min(y, y1 * 1.02) / y1 * (H - T - B); };
  for (const auto& l : lines) {
    const std::size_t n = std::min(l.x.size(), l.y.size());
    const std::size_t stride = std::max<std::size_t>(1, n / 1000);
    std::string d;
    bool gap = true;
    for (std::size_t i = 0; i < n; i += stride) {
      if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) {
        gap = true;
        continue;
      }
      if (gap) d += fmt::format("M{:.1f} {:.1f}", sx(l.x[i]), sy(l.y[i])), gap = false;
      else if (step) d += fmt::format("H{:.1f}V{:.1f}", sx(l.x[i]), sy(l.y[i]));
      else d += fmt::format("L{:.1f} {:.1f}", sx(l.x[i]), sy(l.y[i]));
    }
    if (d.empty()) continue;
    if (l.band_of >= 0) {
      out += fmt::format("<path class=\"mark band\" d=\"{}\" stroke=\"{}\"><title>{}</title></path>\n", d, colour(l.colour),
                         html_escape(l.name));
    } else {
      out += fmt::format("<path class=\"mark\" d=\"{}\" stroke=\"{}\"><title>{}</title></path>\n", d, colour(l.colour),
                         html_escape(l.name));
    }
  }
  std::vector<std::pair<std::string, std::string>> keys;
  bool bands = false;
  for (const auto& l : lines) {
    if (l.band_of < 0) keys.emplace_back(l.name, colour(l.colour));
    bands = bands || l.band_of >= 0;
  }
  return out + "</svg>" + legend(keys) +
         (bands ? "<div class=\"legend\">thin dashed: the lowest and highest replication at each time</div>" : "") +
         (note.empty() ? "" : "<div class=\"legend\">" + html_escape(note) + "</div>") + "</figure>\n";
}

struct Segment {
  std::string name;
  double value;
  std::string colour;
};

/// Stacked bars, one per mode; each segment brings its own colour.
std::string stacked_bars(const std::string& id, const std::string& title, const std::string& basis,
                         const std::vector<std::string>& bars, const std::vector<std::vector<Segment>>& stacks,
                         const std::string& ylabel) {
  std::string out = svg_open(id, title, basis);
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
    for (const auto& seg : stacks[b]) {
      const double v = std::max(0.0, seg.value);
      out += fmt::format("<rect class=\"mark\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                         "<title>{}: {}</title></rect>\n",
                         x, sy(acc + v), bw, std::max(0.5, sy(acc) - sy(acc + v)), seg.colour,
                         html_escape(bars[b] + " " + seg.name), fmt_tick(std::round(v * 1000) / 1000));
      acc += v;
    }
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x + bw / 2, H - B + 16,
                       html_escape(bars[b]));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", L, W - R, H - B, H - B);
  std::vector<std::pair<std::string, std::string>> keys;
  if (!stacks.empty() && stacks.front().size() > 1)
    for (const auto& seg : stacks.front()) keys.emplace_back(seg.name, seg.colour);
  return out + "</svg>" + (keys.empty() ? "" : legend(keys)) + "</figure>\n";
}

constexpr const char* style = R"CSS(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1400px;padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#666;margin-top:0}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1rem 2rem}
figure{margin:0} figcaption{font-weight:600;margin:.6rem 0 .2rem} .basis{font-weight:400;color:#666;font-size:13px}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid #e3e3e3}
svg.map{max-width:900px}
svg .grid{stroke:#eee} svg .axis{stroke:#999} svg .tick{font-size:11px;fill:#555} svg .label{font-size:12px;fill:#333}
svg path.mark{fill:none;stroke-width:2} svg path.band{stroke-width:1;stroke-dasharray:4 3;opacity:.7}
svg .gate{fill:#333} svg .station{fill:#111} svg rect.bld{stroke:#999;stroke-width:.5}
.legend{font-size:13px;margin:.2rem 0} .key{margin-right:1rem;white-space:nowrap}
.key i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.ramp{display:inline-block;width:120px;height:.8rem;vertical-align:-2px;
 background:linear-gradient(90deg,#fff1c1,#f6b26b,#d1495b,#5b1a18)}
.mapbar{margin:.4rem 0} .findings li{margin:.3rem 0}
table.sortable{border-collapse:collapse;font-size:13px} .tablewrap{max-height:28rem;overflow:auto;border:1px solid #e3e3e3}
table.sortable th{position:sticky;top:0;background:#f3f3f3;cursor:pointer;text-align:left;padding:.3rem .5rem;white-space:nowrap}
table.sortable th.asc:after{content:" \25B2"} table.sortable th.desc:after{content:" \25BC"}
table.sortable td{padding:.2rem .5rem;border-top:1px solid #eee;white-space:nowrap} td.num{text-align:right}
.tablebar{margin:.5rem 0 .3rem} .hint{color:#666;font-size:13px}
pre{background:#f6f6f6;padding: .8rem;overflow:auto;font-size:12.5px}
)CSS";

// Sorting, CSV downloads, the map's selectors, and the self-check the headless browser reads.
constexpr const char* page_script = R"JS(<script>
(function () {
  var failed = false;
  window.addEventListener('error', function () { failed = true; document.title = 'fail'; });
  function cellText(td) { return td.textContent; }
  function csvOf(table) {
    var lines = [];
    var rows = table.querySelectorAll('tr');
    for (var i = 0; i < rows.length; i++) {
      var cells = rows[i].querySelectorAll('th,td'), out = [];
      for (var j = 0; j < cells.length; j++) {
        var v = cellText(cells[j]);
        out.push(/[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v);
      }
      lines.push(out.join(','));
    }
    return lines.join('\n') + '\n';
  }
  document.querySelectorAll('button.csv').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = document.getElementById(b.getAttribute('data-table'));
      var url = URL.createObjectURL(new Blob([csvOf(t)], {type: 'text/csv'}));
      var a = document.createElement('a');
      a.href = url; a.download = t.id + '.csv';
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  });
  document.querySelectorAll('table.sortable th').forEach(function (th) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), col = +th.getAttribute('data-col');
      var asc = !th.classList.contains('asc');
      table.querySelectorAll('th').forEach(function (h) { h.classList.remove('asc', 'desc'); });
      th.classList.add(asc ? 'asc' : 'desc');
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col], y = b.cells[col];
        var vx = x.hasAttribute('data-v') ? +x.getAttribute('data-v') : null;
        var vy = y.hasAttribute('data-v') ? +y.getAttribute('data-v') : null;
        var c;
        if (vx !== null && vy !== null) c = vx - vy;
        else if (vx !== null) c = -1;        // numbers before n/a, whichever the direction
        else if (vy !== null) c = 1;
        else c = x.textContent.localeCompare(y.textContent);
        return (vx === null) !== (vy === null) ? c : (asc ? c : -c);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  // The map: recolour buildings for the selected mode and figure; filter the building table.
  var dataEl = document.getElementById('map-data');
  if (dataEl) {
    var D = JSON.parse(dataEl.textContent);
    var stops = [[255, 241, 193], [246, 178, 107], [209, 73, 91], [91, 26, 24]];
    var ramp = function (t) {
      t = Math.max(0, Math.min(1, t)) * 3;
      var i = Math.min(2, Math.floor(t)), u = t - i, c = [];
      for (var k = 0; k < 3; k++) c.push(Math.round(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * u));
      return 'rgb(' + c.join(',') + ')';
    };
    var modeSel = document.getElementById('map-mode'), metricSel = document.getElementById('map-metric');
    var paint = function () {
      var m = D.modes[+modeSel.value], metric = metricSel.value;
      var rects = document.querySelectorAll('#map rect.bld');
      for (var i = 0; i < rects.length; i++) {
        var b = +rects[i].getAttribute('data-b'), v, fill = '#e0e0e0';
        if (metric === 'p90') {
          v = m.p90[b];
          if (v === -1) fill = ramp(1); else if (v !== null) fill = ramp(v / D.p90max);
        } else {
          v = m.und[b];
          if (v !== null) fill = ramp(v);
        }
        rects[i].setAttribute('fill', fill);
        rects[i].querySelector('title').textContent = m.tip[b] + '; undelivered ' +
          (m.und[b] === null ? 'n/a' : (100 * m.und[b]).toFixed(1) + ' %');
      }
      document.getElementById('scale-lo').textContent = metric === 'p90' ? '0 min' : '0 %';
      document.getElementById('scale-hi').textContent = metric === 'p90' ? Math.round(D.p90max) + ' min' : '100 %';
      document.querySelectorAll('#buildings tbody tr').forEach(function (r) {
        r.style.display = r.getAttribute('data-mode') === modeSel.value ? '' : 'none';
      });
    };
    modeSel.addEventListener('change', paint);
    metricSel.addEventListener('change', paint);
    paint();
  }
  // Self-check: every chart has marks, every table rows and a CSV, no script error.
  var ok = !failed;
  var charts = document.querySelectorAll('svg.chart');
  if (charts.length === 0) ok = false;
  for (var i = 0; i < charts.length; i++) {
    // A chart with no marks passes only if it says why (the writer's "n/a: ..." text).
    if (charts[i].querySelectorAll('.mark').length === 0 && !charts[i].querySelector('.nodata')) {
      ok = false; charts[i].setAttribute('data-empty', '1');
    }
  }
  document.querySelectorAll('table.sortable').forEach(function (t) {
    if (t.tBodies[0].rows.length === 0 || csvOf(t).split('\n').length < 3) { ok = false; t.setAttribute('data-empty', '1'); }
  });
  document.title = ok ? 'ok' : 'fail';
})();
</script>
)JS";

}  // namespace

std::string render_html(const std::vector<metrics::Summary>& summaries, const HtmlOptions& options) {
  const std::string title = options.title.empty() ? (summaries.empty() ? "last100" : summaries.front().scenario) : options.title;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>last100 report: " + html_escape(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n";
  out += "<h1>last100: " + html_escape(title) + "</h1>\n";
  if (summaries.empty()) return out + "<p>No results.</p>\n</body>\n</html>\n";
  const auto& f = summaries.front();
  // Every table and chart says what it shows: one run, or the mean over replications (the
  // KPIs, lines, CDFs, bars and buildings all come from the aggregated summaries).
  const std::string basis = f.series_note;
  out += fmt::format("<p class=\"meta\">seed {} &middot; replications {} &middot; measured {:.1f} h &middot; {} mode(s). "
                     "Time on the axes is day and clock time (d1 = the first day).</p>\n",
                     f.seed, f.replications, f.measured_hours, summaries.size());
  out += fmt::format("<p class=\"meta provenance\">last100 {} &middot; commit {} &middot; reproduce: <code>{}</code><br>seeds: {}<br>"
                     "tables and charts: {}</p>\n",
                     html_escape(f.provenance.version), html_escape(f.provenance.commit), html_escape(f.provenance.command),
                     html_escape(f.provenance.seed_scheme), html_escape(basis));

  out += detail::buildings_section(summaries, options);

  // KPI table: the terminal table's cells, sortable, downloadable.
  const KpiCells cells = kpi_cells(summaries);
  detail::HtmlTable kpi_table{"kpis", cells.header, cells.rows, {}};
  const std::string basis_span = " <span class=\"basis\">(" + html_escape(basis) + ")</span>";
  out += "<h2>Key figures" + basis_span + "</h2>\n";
  // Unpaired columns and a precision search are said here as under the terminal table.
  std::string unpaired;
  for (const auto& s : summaries)
    if (!s.differences_paired) unpaired += (unpaired.empty() ? "" : ", ") + metrics::column_label(s);
  const std::string notes = (unpaired.empty() ? std::string() : "; unpaired (area or demand differ, Welch interval): " + unpaired) +
                            (f.stopping_rule.empty() ? std::string() : "; " + f.stopping_rule);
  out += detail::render_table(kpi_table, basis + (f.replications > 1 ? "; ± is the 95 % half-width" : "") + notes +
                                       "; differences are against " + metrics::column_label(f) +
                                       "; n/a: nothing observed; > T: more than T (a percentile among orders not "
                                       "delivered by the end)");

  std::vector<Line> throughput, backlog, cdf, utilisation, on_shift, st_station, st_gate, st_shelf;
  const std::vector<std::size_t> colours = mode_colours(summaries);
  for (std::size_t m = 0; m < summaries.size(); ++m) {
    const auto& s = summaries[m];
    const auto& ts = s.series;
    const std::size_t col = colours[m];
    throughput.push_back({metrics::column_label(s), ts.time_hours, ts.delivered_per_hour, col});
    backlog.push_back({metrics::column_label(s), ts.time_hours, ts.backlog, col});
    if (!ts.backlog_min.empty()) {
      const int of = static_cast<int>(backlog.size()) - 1;
      backlog.push_back({metrics::column_label(s) + " (lowest replication)", ts.time_hours, ts.backlog_min, col, of});
      backlog.push_back({metrics::column_label(s) + " (highest replication)", ts.time_hours, ts.backlog_max, col, of});
    }
    st_station.push_back({metrics::column_label(s), ts.time_hours, ts.backlog_station, col});
    st_gate.push_back({metrics::column_label(s), ts.time_hours, ts.backlog_gate, col});
    st_shelf.push_back({metrics::column_label(s), ts.time_hours, ts.backlog_shelf, col});
    // Utilisation: busy over on shift at each sample, in %; n/a (a gap, never 0) when nobody
    // is on shift. Over replications both are means, so this is the ratio of the means.
    Line u{metrics::column_label(s), ts.time_hours, {}, col};
    for (std::size_t i = 0; i < ts.time_hours.size(); ++i) {
      const double busy = i < ts.couriers_busy.size() ? ts.couriers_busy[i] : NAN;
      const double shift = i < ts.couriers_on_shift.size() ? ts.couriers_on_shift[i] : NAN;
      u.y.push_back(shift > 0 ? 100 * busy / shift : NAN);
    }
    utilisation.push_back(std::move(u));
    on_shift.push_back({metrics::column_label(s), ts.time_hours, ts.couriers_on_shift, col});
    Line c{metrics::column_label(s), {}, {}, col};
    for (const auto& p : s.lead_time_cdf) {
      c.x.push_back(p.minutes);
      c.y.push_back(p.share);
    }
    cdf.push_back(std::move(c));
  }
  std::vector<std::string> modes;
  std::vector<std::vector<Segment>> split, crowd;
  for (std::size_t m = 0; m < summaries.size(); ++m) {
    const auto& s = summaries[m];
    modes.push_back(metrics::column_label(s));
    // From the KPI estimates (means over replications), as the table shows them.
    const auto kpi = [&](std::string_view key) {
      const double v = metrics::kpi_estimate(s, metrics::kpi_index(key)).mean;
      return std::isfinite(v) ? v : 0.0;
    };
    const auto& a = activity_palette;
    split.push_back({{"delivery", kpi("courier_utilisation.delivery"), a[0]},
                     {"walking", kpi("courier_utilisation.walking"), a[1]},
                     {"stairs/lift", kpi("courier_utilisation.stairs"), a[2]},
                     {"volunteer duty", kpi("courier_utilisation.duty"), a[3]},
                     {"idle", kpi("courier_utilisation.idle"), a[4]}});
    crowd.push_back({{"peak residents at one pickup place", kpi("peak_shelf_crowding"), colour(colours[m])}});
  }

  const std::string& sb = basis;
  out += "<h2>When: over time" + basis_span + "</h2>\n<div class=\"grid2\">\n";
  out += line_chart("backlog", "Backlog: orders placed, not yet handed over", sb, backlog, "time (day, clock)", "orders", true);
  out += line_chart("throughput", "Throughput", sb, throughput, "time (day, clock)", "orders delivered per hour", true);
  out += line_chart("backlog-station", "Backlog by stage: at the outside station", sb, st_station, "time (day, clock)",
                    "orders at stations", true);
  out += line_chart("backlog-gate", "Backlog by stage: at gates and on vehicles", sb, st_gate, "time (day, clock)",
                    "orders at gates", true);
  out += line_chart("shelf-backlog", "Backlog by stage: on shelves, not yet collected", sb, st_shelf, "time (day, clock)",
                    "items on shelves", true);
  out += line_chart("courier-utilisation",
                    f.replications > 1 ? "Courier utilisation: mean busy couriers / mean couriers on shift"
                                       : "Courier utilisation: busy couriers / couriers on shift",
                    sb, utilisation, "time (day, clock)", "busy / on shift (%)", true, false, 100,
                    "n/a: no courier on shift at any sample (or a summary.json without couriers_on_shift)",
                    "busy: loading, walking, climbing, handing over or on volunteer duty; on shift: neither off "
                    "shift nor quarantined; a gap in a line: nobody on shift then (n/a, not 0)");
  out += line_chart("couriers-on-shift", "Couriers on shift", sb, on_shift, "time (day, clock)", "couriers on shift",
                    true, false, 0, "n/a: a summary.json without couriers_on_shift");
  out += "</div>\n<h2>How long, and who does what" + basis_span + "</h2>\n<div class=\"grid2\">\n";
  out += line_chart("leadtime-cdf", "Lead time, order to hand-over (CDF)", sb, cdf, "lead time (min)",
                    "share of measured orders delivered", false, true);
  out += stacked_bars("courier-split", "Courier time split", sb, modes, split, "share of on-shift time");
  out += stacked_bars("shelf-crowding", "Peak crowding at a pickup place", sb, modes, crowd, "residents at one place");
  out += "</div>\n";

  if (!options.scenario_toml.empty())
    out += "<details><summary>Resolved scenario</summary>\n<pre>" + html_escape(options.scenario_toml) + "</pre>\n</details>\n";
  out += "<p class=\"meta\">Generated by last100. Self-contained: no scripts, fonts or styles are fetched; CSV downloads are "
         "made in the page.</p>\n";
  out += page_script;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace last100::report
