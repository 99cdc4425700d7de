"""Medians with their range, and number formats for the tables."""

import statistics


def summary(values):
    """(median, min, max) of the values that are not None; None when there are none."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return statistics.median(vals), min(vals), max(vals)


def num(x, digits=3):
    """A number with `digits` significant figures and thousands separators."""
    if x is None:
        return "-"
    if x == 0:
        return "0"
    mag = abs(x)
    if mag >= 10 ** (digits - 1):
        return f"{x:,.0f}"
    decimals = digits - 1 - int(f"{mag:e}".split("e")[1])
    text = f"{x:,.{max(decimals, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def med_range(values, digits=3, unit=""):
    """"1.23 (1.10-1.40)" or "1.23" for one run; "-" when there is nothing."""
    s = summary(values)
    if s is None:
        return "-"
    med, lo, hi = s
    if len([v for v in values if v is not None]) == 1:
        return f"{num(med, digits)}{unit}"
    return f"{num(med, digits)}{unit} ({num(lo, digits)}-{num(hi, digits)})"


def rate(x):
    """Events per second in millions: "12.34 M"."""
    return "-" if x is None else f"{x / 1e6:.2f} M"
