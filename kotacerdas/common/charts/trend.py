"""A line over periods on a 0–maximum axis (achievement per reporting period)."""

import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import decimal_text, svg_open


def trend_line(points, *, title: str = "", maximum: int = 100, testid: str = "line-chart") -> SafeString:
    """points: iterable of (label, value); values of None are left out. Labels thin out past six points, or
    sooner when they are too long to sit side by side (the last one is always shown)."""
    points = [(str(label), float(value)) for label, value in points if value is not None]
    width, height, left, bottom, top, right = 520, 220, 40, 30, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [svg_open(testid=testid, width=width, height=height, title=title)]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h - tick / maximum * plot_h
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e2e6ea"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{tick}</text>'
        )
    if points:
        step = plot_w / max(1, len(points) - 1)
        coords = []
        for i, (label, value) in enumerate(points):
            x = left + (i * step if len(points) > 1 else plot_w / 2)
            y = top + plot_h - min(max(value, 0), maximum) / maximum * plot_h
            coords.append((x, y, label, value))
        parts.append(
            '<polyline fill="none" stroke="#0b6e4f" stroke-width="3" points="'
            + " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in coords)
            + '"/>'
        )
        for x, y, label, value in coords:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0b6e4f"><title>{escape(label)}: '
                f"{decimal_text(value)}%</title></circle>"
            )
        # Only as many labels as fit side by side (about 6.5 px a character at 11 px): "Triwulan 3 2026" is long.
        longest = max(len(label) for _x, _y, label, _v in coords)
        fit = max(1, int(plot_w // (longest * 6.5 + 8)))
        every = max(1, len(coords) // 6, math.ceil(len(coords) / fit))
        last = len(coords) - 1
        for i, (x, _y, label, _v) in enumerate(coords):
            if (last - i) % every == 0:  # counted back from the newest, which is always labelled
                half = len(label) * 3.25  # kept inside the drawing, not cut at its edges
                x = min(max(x, half + 2), width - half - 2)
                parts.append(
                    f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">{escape(label)}</text>'
                )
    parts.append("</svg>")
    return mark_safe("".join(parts))
