"""Horizontal bar charts: percentages (`percent_bars`), counts (`count_bars`), ratings on a fixed scale
(`scale_bars`) and scores out of a small maximum labelled by short codes (`score_bars`).

All are PHONE_WIDTH units wide with FONT-unit text (see the package docstring): a label that does not fit in its
column wraps over two lines; a long question of a rating scale gets the chart's full width above its bar."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import CHAR_W, DEFAULT_COLOUR, FONT, PALETTE, PHONE_WIDTH, decimal_text, svg_open, text_lines, wrap_label

COUNT_COLOURS = ["#0b6e4f", "#1f5fa8", "#b86e00", "#8a3ffc", "#c2185b", "#2e7d32", "#0b7a75"]
STAGE_COLOURS = {"proposal": "#8a94a0", "decided": "#1f5fa8", "trial": "#b86e00", "applied": "#0b6e4f"}
NO_STRETCH = ' preserveAspectRatio="xMinYMin meet"'
BAR_H, GAP, LINE = 22, 10, FONT * 1.15


def _labelled_rows(rows, *, label_w: int, value_w: int, title: str, testid: str, draw) -> SafeString:
    """Rows with a wrapped label on the left, a bar in the middle and a value on the right. `draw(row, y, plot_w)`
    returns the bar and value markup of one row; each row's first item is its label."""
    width = PHONE_WIDTH
    plot_w = width - label_w - value_w
    per_line = int((label_w - 8) / CHAR_W)
    labels = [wrap_label(row[0], per_line) for row in rows]
    heights = [max(BAR_H, len(lines) * LINE + 4) for lines in labels]
    height = sum(h + GAP for h in heights) + GAP
    parts = [svg_open(testid=testid, width=width, height=height, title=title, extra=NO_STRETCH)]
    y = GAP
    for row, lines, h in zip(rows, labels, heights, strict=True):
        bar_y = y + (h - BAR_H) / 2
        first = bar_y + BAR_H * 0.72 - (len(lines) - 1) * LINE / 2
        parts.append(text_lines(lines, x=label_w - 8, y=first, anchor="end"))
        parts.append(f'<rect x="{label_w}" y="{bar_y:.1f}" width="{plot_w}" height="{BAR_H}" fill="#eef1f4"/>')
        parts.append(draw(row, bar_y, label_w, plot_w))
        y += h + GAP
    parts.append("</svg>")
    return mark_safe("".join(parts))


def percent_bars(rows, *, title: str = "", maximum: int = 100, testid: str = "bar-chart") -> SafeString:
    """rows: iterable of (label, value or None, key for colour). Bars scaled to `maximum`, a % after each."""

    def draw(row, y, left, plot_w):
        label, value, key = row
        shown = f"{decimal_text(value)}{'%' if value is not None else ''}"
        out = ""
        if value is not None:
            w = max(0.0, min(float(value), maximum)) / maximum * plot_w
            out = (
                f'<rect x="{left}" y="{y:.1f}" width="{w:.1f}" height="{BAR_H}" '
                f'fill="{PALETTE.get(str(key), DEFAULT_COLOUR)}"><title>{escape(str(label))}: {shown}</title></rect>'
            )
        return out + f'<text x="{left + plot_w + 6}" y="{y + BAR_H * 0.72:.1f}" font-size="{FONT}">{shown}</text>'

    return _labelled_rows(list(rows), label_w=136, value_w=62, title=title, testid=testid, draw=draw)


def count_bars(rows, *, title: str = "", unit: str = "", testid: str = "count-chart") -> SafeString:
    """rows: iterable of (label, count, key). Bars scaled to the largest count, the count printed after."""
    rows = [(str(label), int(value or 0), str(key), i) for i, (label, value, key) in enumerate(rows)]
    maximum = max([v for _l, v, _k, _i in rows] or [1]) or 1
    value_w = max(40, int(CHAR_W * len(number_format(maximum, use_l10n=True))) + 12)

    def draw(row, y, left, plot_w):
        label, value, key, i = row
        colour = STAGE_COLOURS.get(key) or COUNT_COLOURS[i % len(COUNT_COLOURS)]
        shown = number_format(value, use_l10n=True)
        return (
            f'<rect x="{left}" y="{y:.1f}" width="{value / maximum * plot_w:.1f}" height="{BAR_H}" fill="{colour}">'
            f"<title>{escape(label)}: {shown} {escape(unit)}</title></rect>"
            f'<text x="{left + plot_w + 6}" y="{y + BAR_H * 0.72:.1f}" font-size="{FONT}">{shown}</text>'
        )

    chart = _labelled_rows(rows, label_w=150, value_w=value_w, title=title, testid=testid, draw=draw)
    if unit:  # the unit under the chart, as text of the page (it scales with nothing)
        chart = mark_safe(chart + f'<p class="chart-unit muted">{escape(unit)}</p>')
    return chart


def scale_bars(
    rows, *, title: str = "", low: int = 1, high: int = 4, places: int = 2, testid: str = "scale-chart"
) -> SafeString:
    """rows: iterable of (label, value or None). Each label (often a whole question) takes the full width above
    its bar; bars start at `low` and end at `high` (the scale's ends), with an axis and tick labels."""
    rows = list(rows)
    width, value_w, axis_h, left = PHONE_WIDTH, 56, 26, 4
    plot_w = width - value_w - left
    per_line = int(width / CHAR_W)
    labels = [wrap_label(label, per_line) for label, _v in rows]
    span = Decimal(high - low) or Decimal(1)
    height = sum(len(lines) * LINE + BAR_H + GAP + 4 for lines in labels) + GAP + axis_h
    parts = [svg_open(testid=testid, width=width, height=height, title=title, extra=NO_STRETCH)]
    y = GAP
    for (label, value), lines in zip(rows, labels, strict=True):
        parts.append(text_lines(lines, x=left, y=y + FONT))
        y += len(lines) * LINE + 4
        parts.append(f'<rect x="{left}" y="{y:.1f}" width="{plot_w}" height="{BAR_H}" fill="#eef1f4"/>')
        if value is not None:
            share = max(Decimal(0), min(Decimal(value) - low, span)) / span
            parts.append(
                f'<rect x="{left}" y="{y:.1f}" width="{float(share) * plot_w:.1f}" height="{BAR_H}" fill="#0b6e4f">'
                f"<title>{escape(str(label))}: {decimal_text(value, places)}</title></rect>"
            )
        parts.append(
            f'<text x="{left + plot_w + 6}" y="{y + BAR_H * 0.72:.1f}" font-size="{FONT}">'
            f"{decimal_text(value, places)}</text>"
        )
        y += BAR_H + GAP
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#555"/>')
    steps = high - low if high - low <= 5 else 4
    for k in range(steps + 1):
        x = left + plot_w * k / steps
        tick = low + (high - low) * k / steps
        anchor = "start" if k == 0 else ("end" if k == steps else "middle")
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + 4:.1f}" stroke="#555"/>'
            f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="{anchor}" font-size="{FONT}">{tick:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def score_bars(
    rows, *, maximum: int, colour: str = DEFAULT_COLOUR, title: str = "", desc: str = "", testid: str = "score-chart"
) -> SafeString:
    """rows: iterable of (short code, score or None) on a 0–maximum scale, sized for a phone: the codes are
    explained in a table next to the chart, so the width goes to the bars and the text stays large."""
    rows = list(rows)
    bar_h, gap, label_w, value_w, width = 20, 8, 44, 58, PHONE_WIDTH
    plot_w = width - label_w - value_w
    top = 22
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
            f'<text x="{x:.1f}" y="{top - 7}" font-size="{FONT}" text-anchor="middle" fill="#555">{tick}</text>'
        )
    for n, (code, score) in enumerate(rows):
        y = top + n * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="{FONT}">'
            f"{escape(code)}</text>"
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
        parts.append(f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="{FONT}">{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
