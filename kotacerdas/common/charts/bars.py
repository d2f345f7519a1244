"""Horizontal bar charts: percentages (`percent_bars`), counts (`count_bars`), ratings on a fixed scale
(`scale_bars`) and scores out of a small maximum labelled by short codes (`score_bars`)."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import DEFAULT_COLOUR, PALETTE, decimal_text, svg_open

COUNT_COLOURS = ["#0b6e4f", "#1f5fa8", "#b86e00", "#8a3ffc", "#c2185b", "#2e7d32", "#0b7a75"]
STAGE_COLOURS = {"proposal": "#8a94a0", "decided": "#1f5fa8", "trial": "#b86e00", "applied": "#0b6e4f"}
NO_STRETCH = ' preserveAspectRatio="xMinYMin meet"'


def percent_bars(rows, *, title: str = "", maximum: int = 100, testid: str = "bar-chart") -> SafeString:
    """rows: iterable of (label, value or None, key for colour). Bars scaled to `maximum`, a % after each."""
    rows = list(rows)
    bar_h, gap, label_w, width = 22, 10, 150, 520
    plot_w = width - label_w - 60
    height = max(1, len(rows)) * (bar_h + gap) + gap
    parts = [svg_open(testid=testid, width=width, height=height, title=title, extra=NO_STRETCH)]
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        colour = PALETTE.get(str(key), DEFAULT_COLOUR)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="13">'
            f"{escape(str(label))[:24]}</text>"
        )
        parts.append(f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="#eef1f4"/>')
        if value is not None:
            w = max(0.0, min(float(value), maximum)) / maximum * plot_w
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(str(label))}: {decimal_text(value)}%</title></rect>"
            )
        parts.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.7:.1f}" font-size="13">'
            f"{decimal_text(value)}{'%' if value is not None else ''}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def count_bars(rows, *, title: str = "", unit: str = "", testid: str = "count-chart") -> SafeString:
    """rows: iterable of (label, count, key). Bars scaled to the largest count, the count printed after."""
    rows = [(str(label), int(value or 0), str(key)) for label, value, key in rows]
    maximum = max([v for _l, v, _k in rows] or [1]) or 1
    bar_h, gap, label_w, width = 22, 10, 170, 520
    plot_w = width - label_w - 80
    height = max(1, len(rows)) * (bar_h + gap) + gap + 18
    parts = [svg_open(testid=testid, width=width, height=height, title=title, extra=NO_STRETCH)]
    for i, (label, value, key) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        colour = STAGE_COLOURS.get(key) or COUNT_COLOURS[i % len(COUNT_COLOURS)]
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


def scale_bars(
    rows, *, title: str = "", low: int = 1, high: int = 4, places: int = 2, testid: str = "scale-chart"
) -> SafeString:
    """rows: iterable of (label, value or None). Bars start at `low` and end at `high` (the scale's ends),
    with an axis and tick labels."""
    rows = list(rows)
    bar_h, gap, label_w, width, axis_h = 20, 8, 230, 560, 22
    plot_w = width - label_w - 60
    height = len(rows) * (bar_h + gap) + gap + axis_h
    span = Decimal(high - low) or Decimal(1)
    parts = [svg_open(testid=testid, width=width, height=height, title=title, extra=NO_STRETCH)]
    for i, (label, value) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="12">'
            f"{escape(str(label))[:36]}</text>"
            f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="#eef1f4"/>'
        )
        if value is not None:
            share = max(Decimal(0), min(Decimal(value) - low, span)) / span
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{float(share) * plot_w:.1f}" height="{bar_h}" fill="#0b6e4f">'
                f"<title>{escape(str(label))}: {decimal_text(value, places)}</title></rect>"
            )
        parts.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="12">'
            f"{decimal_text(value, places)}</text>"
        )
    axis_y = len(rows) * (bar_h + gap) + gap
    parts.append(f'<line x1="{label_w}" x2="{label_w + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="#555"/>')
    steps = high - low if high - low <= 5 else 4
    for k in range(steps + 1):
        x = label_w + plot_w * k / steps
        tick = low + (high - low) * k / steps
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#555"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11">{tick:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def score_bars(
    rows, *, maximum: int, colour: str = DEFAULT_COLOUR, title: str = "", desc: str = "", testid: str = "score-chart"
) -> SafeString:
    """rows: iterable of (short code, score or None) on a 0–maximum scale, sized for a phone: the codes are
    explained in a table next to the chart, so the width goes to the bars and the text stays large."""
    rows = list(rows)
    bar_h, gap, label_w, value_w, width = 20, 8, 44, 58, 360
    plot_w = width - label_w - value_w
    top = 20
    height = top + max(1, len(rows)) * (bar_h + gap) + 4
    parts = [
        f'<svg class="chart chart-narrow" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" '
        f'role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for tick in range(maximum + 1):
        x = label_w + tick / maximum * plot_w
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="#e2e6ea"/>'
            f'<text x="{x:.1f}" y="{top - 7}" font-size="11" text-anchor="middle" fill="#555">{tick}</text>'
        )
    for n, (code, score) in enumerate(rows):
        y = top + n * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="14">{escape(code)}</text>'
        )
        if score is not None:
            w = score / maximum * plot_w
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(code)}: {score}/{maximum}</title></rect>"
            )
            value = f"{score}/{maximum}"
        else:
            value = "–"
        parts.append(f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="14">{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
