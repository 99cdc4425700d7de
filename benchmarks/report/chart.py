"""The log-log scaling chart as a small hand-written SVG: run time and peak memory of each
mode against households, two panels, with a dashed line proportional to households."""

import math
from xml.sax.saxutils import escape

COLOURS = ["#1b6ca8", "#d1495b", "#2e8b57", "#e39b17", "#6a4c93", "#555555"]
W, H = 760, 330
PANEL_W, PANEL_H = 290, 220
LEFT, TOP = 70, 40
GAP = 90


def _decades(lo, hi):
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return a, b


def _label(exp, unit=""):
    v = 10.0 ** exp
    if exp >= 6:
        text = f"{v / 1e6:g}M"
    elif exp >= 3 and unit == "hh":
        text = f"{v / 1e3:g}k"
    else:
        text = f"{v:g}"
    return text


def _panel(x0, title, points_by_mode, colours, xdec, y_unit):
    """One panel: axes, decade grid, a line per mode, the linear reference."""
    ys = [y for pts in points_by_mode.values() for _, y in pts if y and y > 0]
    ydec = _decades(min(ys), max(ys))
    out = []

    def px(x):
        return x0 + (math.log10(x) - xdec[0]) / (xdec[1] - xdec[0]) * PANEL_W

    def py(y):
        return TOP + PANEL_H - (math.log10(y) - ydec[0]) / (ydec[1] - ydec[0]) * PANEL_H

    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 14}" class="title">{escape(title)}</text>')
    for e in range(xdec[0], xdec[1] + 1):
        x = px(10.0 ** e)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + PANEL_H}" class="grid"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + PANEL_H + 16}" class="tick" text-anchor="middle">{_label(e, "hh")}</text>')
    for e in range(ydec[0], ydec[1] + 1):
        y = py(10.0 ** e)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + PANEL_W}" y2="{y:.1f}" class="grid"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{_label(e)}</text>')
    out.append(f'<rect x="{x0}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" class="frame"/>')
    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP + PANEL_H + 34}" class="axis">households</text>')
    out.append(f'<text transform="translate({x0 - 46},{TOP + PANEL_H / 2}) rotate(-90)" class="axis">{escape(y_unit)}</text>')

    # Linear reference through the smallest size's geometric mean over the modes.
    firsts = [pts[0] for pts in points_by_mode.values() if pts and pts[0][1]]
    if firsts:
        x_ref = min(p[0] for p in firsts)
        at_ref = [p[1] for p in firsts if p[0] == x_ref]
        y_ref = math.exp(sum(math.log(v) for v in at_ref) / len(at_ref))
        x_end = 10.0 ** xdec[1]
        y_end = y_ref * x_end / x_ref
        if y_end > 10.0 ** ydec[1]:  # clip at the top of the panel
            x_end = x_ref * 10.0 ** ydec[1] / y_ref
            y_end = 10.0 ** ydec[1]
        out.append(f'<line x1="{px(x_ref):.1f}" y1="{py(y_ref):.1f}" x2="{px(x_end):.1f}" y2="{py(y_end):.1f}" class="ref"/>')

    for mode, pts in points_by_mode.items():
        pts = [(x, y) for x, y in pts if y and y > 0]
        if not pts:
            continue
        c = colours[mode]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="1.8"/>')
        out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.8" fill="{c}"/>' for x, y in pts)
    return out


def render(series, caption):
    """series: mode -> [(households, run seconds, peak MB)]. Returns the SVG text."""
    modes = list(series)
    colours = {m: COLOURS[i % len(COLOURS)] for i, m in enumerate(modes)}
    xs = [p[0] for pts in series.values() for p in pts]
    xdec = _decades(min(xs), max(xs))
    body = []
    body += _panel(LEFT, "Run time of one mode", {m: [(p[0], p[1]) for p in series[m]] for m in modes},
                   colours, xdec, "seconds")
    body += _panel(LEFT + PANEL_W + GAP, "Peak memory of the process", {m: [(p[0], p[2]) for p in series[m]] for m in modes},
                   colours, xdec, "MB (peak resident set)")
    # Legend: the modes, then the reference line.
    y = H - 22
    x = LEFT
    for m in modes:
        body.append(f'<line x1="{x}" y1="{y}" x2="{x + 18}" y2="{y}" stroke="{colours[m]}" stroke-width="2"/>')
        body.append(f'<text x="{x + 23}" y="{y + 4}" class="tick">{escape(m)}</text>')
        x += 23 + 6 * len(m) + 22
    body.append(f'<line x1="{x}" y1="{y}" x2="{x + 18}" y2="{y}" class="ref"/>')
    body.append(f'<text x="{x + 23}" y="{y + 4}" class="tick">proportional to households</text>')
    body.append(f'<text x="{W - 8}" y="{H - 6}" class="note" text-anchor="end">{escape(caption)}</text>')
    style = ("text{font-family:sans-serif;fill:#222}.title{font-size:13px;text-anchor:middle;font-weight:bold}"
             ".tick{font-size:10px}.axis{font-size:11px;text-anchor:middle}.note{font-size:9px;fill:#666}"
             ".grid{stroke:#e4e4e4;stroke-width:1}.frame{fill:none;stroke:#888}"
             ".ref{stroke:#888;stroke-width:1.2;stroke-dasharray:5 4}")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">\n'
            f'<style>{style}</style>\n<rect width="{W}" height="{H}" fill="white"/>\n'
            + "\n".join(body) + "\n</svg>\n")
