"""A horizontal bar chart of counts (people, innovations) drawn on the server as inline SVG.

`charts.bar_chart` draws percentages; counts need their own scale and no % sign. Templates show the same
numbers in a table next to the chart.
"""

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

COLOURS = ["#0b6e4f", "#1f5fa8", "#b86e00", "#8a3ffc", "#c2185b", "#2e7d32", "#0b7a75"]
STAGE_COLOURS = {"proposal": "#8a94a0", "decided": "#1f5fa8", "trial": "#b86e00", "applied": "#0b6e4f"}


@register.simple_tag
def count_chart(rows, title: str = "", unit: str = "", testid: str = "count-chart"):
    """rows: iterable of (label, count, key). Bars scaled to the largest count, the count printed after."""
    rows = [(str(label), int(value or 0), str(key)) for label, value, key in rows]
    maximum = max([v for _l, v, _k in rows] or [1]) or 1
    bar_h, gap, label_w, width = 22, 10, 170, 520
    plot_w = width - label_w - 80
    height = max(1, len(rows)) * (bar_h + gap) + gap + 18
    parts = [
        f'<svg class="chart" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        colour = STAGE_COLOURS.get(key) or COLOURS[i % len(COLOURS)]
        shown = number_format(value, use_l10n=True)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="13">'
            f"{escape(label)[:26]}</text>"
            f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="#eef1f4"/>'
            f'<rect x="{label_w}" y="{y}" width="{value / maximum * plot_w:.1f}" height="{bar_h}" fill="{colour}">'
            f"<title>{escape(label)}: {shown} {escape(unit)}</title></rect>"
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.7:.1f}" font-size="13">{shown}</text>'
        )
    if unit:
        parts.append(
            f'<text x="{label_w + plot_w / 2:.1f}" y="{height - 4}" font-size="11" text-anchor="middle">'
            f"{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


@register.simple_tag
def point_map(points, title: str = "", unit: str = "", key: str = "value", testid: str = "point-map"):
    """points: iterable of dicts with name, lat, lng, value. A tile-less map: each place a circle whose area
    grows with its value, labelled with name and value. Server-side SVG, so it works without JavaScript."""
    points = [p for p in points if p.get("lat") is not None and p.get("lng") is not None]
    width, height, pad = 520, 420, 40
    parts = [
        f'<svg class="chart" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    if points:
        lats = [p["lat"] for p in points]
        lngs = [p["lng"] for p in points]
        lat0, lat1 = min(lats), max(lats)
        lng0, lng1 = min(lngs), max(lngs)
        span = max(lat1 - lat0, lng1 - lng0, 0.01)
        scale = min((width - 2 * pad) / span, (height - 2 * pad) / span)
        biggest = max([p.get(key) or 0 for p in points] or [1]) or 1
        for p in sorted(points, key=lambda p: -(p.get(key) or 0)):
            x = pad + (p["lng"] - lng0) * scale
            y = height - pad - (p["lat"] - lat0) * scale
            value = p.get(key) or 0
            r = 3 + 22 * (value / biggest) ** 0.5
            shown = number_format(value, use_l10n=True)
            fill = "#0b6e4f" if value else "#8a94a0"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" fill-opacity=".55" stroke="{fill}">'
                f"<title>{escape(p['name'])}: {shown} {escape(unit)}</title></circle>"
            )
            if value:  # places without activity stay unlabelled dots, so the busy ones stay readable
                parts.append(
                    f'<text x="{x:.1f}" y="{y - r - 3:.1f}" font-size="11" text-anchor="middle">'
                    f"{escape(p['name'])} ({shown})</text>"
                )
    parts.append("</svg>")
    return mark_safe("".join(parts))
