"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable on any phone and printable.

Each chart carries a <title> and <desc>, and templates put the same numbers in a table next to it, so a
council member with a screen reader gets the figures too.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

PALETTE = {
    "governance": "#1f5fa8",
    "branding": "#8a3ffc",
    "economy": "#b86e00",
    "living": "#0b7a75",
    "society": "#c2185b",
    "environment": "#2e7d32",
}


def _fmt(value) -> str:
    return number_format(Decimal(value), decimal_pos=1, use_l10n=True) if value is not None else "–"


@register.simple_tag
def bar_chart(rows, title: str = "", maximum: int = 100, testid: str = "bar-chart"):
    """rows: iterable of (label, value or None, key for colour). Horizontal bars scaled to `maximum`."""
    rows = list(rows)
    bar_h, gap, label_w, width = 22, 10, 150, 520
    plot_w = width - label_w - 60
    height = max(1, len(rows)) * (bar_h + gap) + gap
    parts = [
        f'<svg class="chart" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        colour = PALETTE.get(str(key), "#0b6e4f")
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="13">'
            f"{escape(str(label))[:24]}</text>"
        )
        parts.append(f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="#eef1f4"/>')
        if value is not None:
            w = max(0.0, min(float(value), maximum)) / maximum * plot_w
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(str(label))}: {_fmt(value)}%</title></rect>"
            )
        parts.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.7:.1f}" font-size="13">'
            f"{_fmt(value)}{'%' if value is not None else ''}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


@register.simple_tag
def line_chart(points, title: str = "", maximum: int = 100, testid: str = "line-chart"):
    """points: iterable of (label, value). A line over the periods with a 0–maximum axis."""
    points = [(str(label), float(value)) for label, value in points if value is not None]
    width, height, left, bottom, top, right = 520, 220, 40, 30, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg class="chart" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
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
                f"{_fmt(value)}%</title></circle>"
            )
        every = max(1, len(coords) // 6)
        for i, (x, _y, label, _v) in enumerate(coords):
            if i % every == 0 or i == len(coords) - 1:
                parts.append(
                    f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle">{escape(label)}</text>'
                )
    parts.append("</svg>")
    return mark_safe("".join(parts))
