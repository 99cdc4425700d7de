// The replay player: one canvas for the map (drawn once) and one for what moves, redrawn
// each animation frame. Times in the data are seconds since midnight of day 1, delta-coded.

#include "report/replay_page.hpp"

#include <string>

namespace last100::report::detail {

namespace {

constexpr const char* head = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>loading</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:12px 20px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 6px}
#bar{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:6px 0}
#bar button{min-width:70px}
#slider{flex:1;min-width:260px}
#clock{font:600 18px ui-monospace,monospace;min-width:100px}
#stage{position:relative;width:100%;max-width:1100px}
#stage canvas{position:absolute;left:0;top:0;width:100%}
#legend span{margin-right:14px;white-space:nowrap}
#legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
#note{color:#555;font-size:13px}
</style></head><body>
)HTML";

constexpr const char* body = R"HTML(
<div id="bar">
<label>mode <select id="mode"></select></label>
<button id="play" type="button">pause</button>
<label>speed <select id="speed">
<option value="60">1 min/s</option><option value="300">5 min/s</option>
<option value="900" selected>15 min/s</option><option value="3600">1 h/s</option></select></label>
<span id="clock">d1 00:00</span>
<input id="slider" type="range" min="0" value="0" step="60" aria-label="time">
</div>
<div id="legend"></div>
<p id="note"></p>
<div id="stage"><canvas id="map"></canvas><canvas id="live"></canvas></div>
<script>
"use strict";
window.onerror = function (m) { document.title = "fail: " + m; };
const D = JSON.parse(document.getElementById("data").textContent);
const STATE = ["idle", "loading", "walking", "climbing", "handing over", "on duty", "off shift", "quarantined", "on break"];
const SCOL = ["#9e9e9e", "#00798c", "#1b6ca8", "#6a4c93", "#2a9d8f", "#edae49", null, "#d1495b"];
const W = 1100, PAD = 30;
const P = D.places;
let minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
for (let i = 0; i < P.length; i += 3) {
  minx = Math.min(minx, P[i]); maxx = Math.max(maxx, P[i]);
  miny = Math.min(miny, P[i + 1]); maxy = Math.max(maxy, P[i + 1]);
}
if (!(maxx > minx)) maxx = minx + 1;
if (!(maxy > miny)) maxy = miny + 1;
const scale = Math.min((W - 2 * PAD) / (maxx - minx), 700 / (maxy - miny));
const H = Math.ceil((maxy - miny) * scale + 2 * PAD);
const X = (p) => PAD + (P[3 * p] - minx) * scale;
const Y = (p) => H - PAD - (P[3 * p + 1] - miny) * scale;
const map = document.getElementById("map"), live = document.getElementById("live");
for (const c of [map, live]) { c.width = W; c.height = H; }
document.getElementById("stage").style.height = "auto";
document.getElementById("stage").style.aspectRatio = W + " / " + H;
const cell = Math.max(3, Math.min(14, scale * 100));  // a building's square, about 10 m

function undelta(a, width) {  // first field of each record: time delta -> time
  let t = 0;
  for (let i = 0; i < a.length; i += width) { t += a[i]; a[i] = t; }
  return a;
}
for (const m of D.modes) { undelta(m.moves, 4); undelta(m.states, 3); undelta(m.vans, 4); }

function drawMap() {
  const g = map.getContext("2d");
  g.fillStyle = "#fff"; g.fillRect(0, 0, W, H);
  g.fillStyle = "#d9d9d9";
  for (const b of D.buildings) g.fillRect(X(b) - cell / 2, Y(b) - cell / 2, cell, cell);
  for (let p = 0; p < P.length / 3; ++p) {
    const k = P[3 * p + 2];
    if (k === 1) {  // gate
      g.fillStyle = "#333"; g.beginPath();
      g.moveTo(X(p), Y(p) - 6); g.lineTo(X(p) - 5, Y(p) + 4); g.lineTo(X(p) + 5, Y(p) + 4); g.fill();
    } else if (k === 0 || k === 5 || k === 6) {  // outside station, outlet, mobile station
      g.fillStyle = "#111"; g.fillRect(X(p) - 6, Y(p) - 6, 12, 12);
    }
  }
}

let mode = 0, t = 0, playing = true, speed = 900, drawn = 0, startT = 0;
let S;  // the playback state of the current mode
function reset() {
  const m = D.modes[mode];
  S = {mi: 0, si: 0, vi: 0, frame: -1,
       cFrom: new Int32Array(m.shown).fill(-1), cTo: new Int32Array(m.shown).fill(-1),
       cT0: new Float64Array(m.shown), cT1: new Float64Array(m.shown), cState: new Int8Array(m.shown).fill(0),
       vFrom: new Int32Array(m.vehicles).fill(m.station), vTo: new Int32Array(m.vehicles).fill(-1),
       vT0: new Float64Array(m.vehicles), vT1: new Float64Array(m.vehicles),
       shelf: new Float64Array(D.buildings.length), gate: new Float64Array(D.compounds.length),
       people: new Map(), t: 0};
}
function advance(to) {
  const m = D.modes[mode];
  if (to < S.t) reset();
  S.t = to;
  const mv = m.moves, st = m.states, vn = m.vans;
  while (S.mi < mv.length && mv[S.mi] <= to) {
    const c = mv[S.mi + 1];
    S.cFrom[c] = S.cTo[c] < 0 ? mv[S.mi + 2] : S.cTo[c];
    S.cTo[c] = mv[S.mi + 2]; S.cT0[c] = mv[S.mi]; S.cT1[c] = mv[S.mi] + mv[S.mi + 3];
    S.mi += 4;
  }
  while (S.si < st.length && st[S.si] <= to) { S.cState[st[S.si + 1]] = st[S.si + 2]; S.si += 3; }
  while (S.vi < vn.length && vn[S.vi] <= to) {
    const v = vn[S.vi + 1];
    S.vFrom[v] = S.vTo[v] < 0 ? m.station : S.vTo[v];
    S.vTo[v] = vn[S.vi + 2]; S.vT0[v] = vn[S.vi]; S.vT1[v] = vn[S.vi] + vn[S.vi + 3];
    S.vi += 4;
  }
  const f = Math.min(m.shelf.length - 1, Math.floor(to / m.frame));
  while (S.frame < f) {
    ++S.frame;
    const s = m.shelf[S.frame], g = m.gate[S.frame], p = m.people[S.frame];
    for (let i = 0; i < s.length; i += 2) S.shelf[s[i]] = s[i + 1];
    for (let i = 0; i < g.length; i += 2) S.gate[g[i]] = g[i + 1];
    for (let i = 0; i < p.length; i += 2) S.people.set(p[i], p[i + 1]);
  }
}
function at(from, to, t0, t1, now) {
  if (to < 0) return null;
  const a = from < 0 ? to : from;
  const u = t1 > t0 ? Math.min(1, Math.max(0, (now - t0) / (t1 - t0))) : 1;
  return [X(a) + (X(to) - X(a)) * u, Y(a) + (Y(to) - Y(a)) * u];
}
function clock(s) {
  const d = Math.floor(s / 86400), r = s - d * 86400;
  const h = Math.floor(r / 3600), mi = Math.floor((r - h * 3600) / 60);
  return "d" + (d + 1) + " " + String(h).padStart(2, "0") + ":" + String(mi).padStart(2, "0");
}
let shelfMax = 1;
function draw() {
  const m = D.modes[mode], g = live.getContext("2d");
  g.clearRect(0, 0, W, H);
  // Shelves filling and emptying: the building's square, deeper orange with more items.
  for (let b = 0; b < D.buildings.length; ++b) {
    const n = S.shelf[b];
    if (n <= 0) continue;
    g.fillStyle = "rgba(231,111,81," + Math.min(1, 0.25 + 0.75 * n / shelfMax).toFixed(2) + ")";
    const p = D.buildings[b];
    g.fillRect(X(p) - cell / 2, Y(p) - cell / 2, cell, cell);
  }
  // Items waiting at gates and at the station: circles of area proportional to the count.
  g.fillStyle = "rgba(237,174,73,0.55)";
  for (let c = 0; c < D.compounds.length; ++c) {
    if (S.gate[c] <= 0) continue;
    const p = D.compounds[c];
    g.beginPath(); g.arc(X(p), Y(p), 2 + Math.sqrt(S.gate[c]) * 1.5, 0, 7); g.fill();
  }
  const sf = Math.min(m.station_items.length - 1, Math.max(0, S.frame));
  const atSt = m.station_items[sf] || 0;
  if (atSt > 0) {
    g.fillStyle = "rgba(209,73,91,0.35)";
    g.beginPath(); g.arc(X(m.station), Y(m.station), 3 + Math.sqrt(atSt) * 1.2, 0, 7); g.fill();
  }
  // Residents queueing at shelves and stations.
  g.fillStyle = "#d1495b";
  for (const [p, n] of S.people) {
    for (let i = 0; i < Math.min(n, 12); ++i) {
      g.beginPath(); g.arc(X(p) + 4 + (i % 4) * 3.5, Y(p) - 4 - Math.floor(i / 4) * 3.5, 1.6, 0, 7); g.fill();
    }
  }
  // Vans, then couriers coloured by what they do.
  g.fillStyle = "#222";
  for (let v = 0; v < m.vehicles; ++v) {
    const q = at(S.vFrom[v], S.vTo[v], S.vT0[v], S.vT1[v], t);
    if (q) g.fillRect(q[0] - 5, q[1] - 3, 10, 6);
  }
  let moving = 0;
  for (let c = 0; c < m.shown; ++c) {
    const col = SCOL[S.cState[c]];
    if (!col) continue;
    const q = at(S.cFrom[c], S.cTo[c], S.cT0[c], S.cT1[c], t);
    if (!q) continue;
    if (t < S.cT1[c]) ++moving;
    g.fillStyle = col; g.beginPath(); g.arc(q[0], q[1], 2.6, 0, 7); g.fill();
  }
  document.getElementById("clock").textContent = clock(t);
  document.getElementById("slider").value = t;
  ++drawn;
  return moving;
}
function setMode(i) {
  mode = i;
  const m = D.modes[mode];
  shelfMax = 1;
  for (const f of m.shelf) for (let k = 1; k < f.length; k += 2) shelfMax = Math.max(shelfMax, f[k]);
  reset(); advance(t);
  document.getElementById("note").textContent =
    m.name + ": first replication; " + (m.stride > 1 ? "every " + m.stride + "th courier shown (" + m.shown + " of " + m.couriers + ")"
    : "all " + m.couriers + " couriers shown") + "; " + m.vehicles + " vans; " + m.delivered +
    " orders delivered in the run. Shelf squares deepen with items waiting; amber circles: items at gates; " +
    "red circle: items at the station; red dots: residents at a shelf or station (most in each " + Math.round(m.frame / 60) + " min).";
}
const sel = document.getElementById("mode");
D.modes.forEach((m, i) => { const o = document.createElement("option"); o.value = i; o.textContent = m.name; sel.appendChild(o); });
sel.onchange = () => setMode(+sel.value);
const slider = document.getElementById("slider");
slider.max = D.duration;
slider.oninput = () => { t = +slider.value; advance(t); draw(); };
document.getElementById("speed").onchange = (e) => { speed = +e.target.value; };
const btn = document.getElementById("play");
btn.onclick = () => { playing = !playing; btn.textContent = playing ? "pause" : "play"; last = null; };
let legend = "";
STATE.forEach((s, i) => { if (SCOL[i]) legend += '<span><i style="background:' + SCOL[i] + '"></i>' + s + "</span>"; });
legend += '<span><i style="background:#222;border-radius:0"></i>van</span>';
document.getElementById("legend").innerHTML = legend;
drawMap();
setMode(0);
// Start at the first courier move so the page opens on something happening.
const first = D.modes[0].moves.length ? D.modes[0].moves[0] : 0;
t = Math.max(0, first - 600); startT = t; advance(t); draw();

// Self-check: the map has marks, some courier moves between two instants, and the
// animation loop advances the clock. The title says "ok" or why not.
function checkStatic() {
  const m = D.modes[0];
  if (!D.buildings.length) return "no buildings on the map";
  if (!m.moves.length) return "no courier moves in the trace";
  const g = map.getContext("2d").getImageData(0, 0, W, H).data;
  let ink = 0;
  for (let i = 0; i < g.length; i += 4) if (g[i] < 250) ++ink;
  if (ink < 50) return "the map is blank";
  return "";
}
let problem = checkStatic();
let last = null, lastStep = -1e9;
function step(now) {
  lastStep = performance.now();
  if (playing && last !== null) {
    t = Math.min(D.duration, t + (now - last) / 1000 * speed);
    if (t >= D.duration) { playing = false; btn.textContent = "play"; }
    advance(t);
  }
  last = now;
  const moving = draw();
  if (document.title === "loading" && drawn > 5) {
    if (!problem && !(t > startT)) problem = "the clock did not advance";
    if (!problem) {
      // Mid-run, someone is on the map.
      const probe = D.modes[0].moves[Math.floor(D.modes[0].moves.length / 8) * 4];
      const keep = t; t = probe + 1; advance(t);
      const n = draw();
      const img = live.getContext("2d").getImageData(0, 0, W, H).data;
      let ink = 0;
      for (let i = 3; i < img.length; i += 4) if (img[i] > 0) ++ink;
      if (n === 0) problem = "no courier in motion mid-run";
      else if (ink === 0) problem = "nothing drawn on the live layer";
      t = keep; advance(t); draw();
    }
    document.title = problem ? "fail: " + problem : "ok";
  }
  void moving;
}
function frame(now) { step(now); requestAnimationFrame(frame); }
requestAnimationFrame(frame);
// A page that gets no animation frames (a hidden tab; headless Chromium on its virtual clock,
// which does not always paint) still plays, and its self-check still runs, on a timer.
setInterval(function () { if (performance.now() - lastStep > 100) step(performance.now()); }, 100);
</script>
</body></html>
)HTML";

}  // namespace

std::string replay_page(std::string_view escaped_scenario, std::string_view data_json) {
  std::string out = head;
  out += "<h1>Replay: ";
  out += escaped_scenario;
  out += "</h1>\n<script id=\"data\" type=\"application/json\">";
  out += data_json;
  out += "</script>\n";
  out += body;
  return out;
}

}  // namespace last100::report::detail
