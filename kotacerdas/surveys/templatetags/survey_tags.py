"""A horizontal bar chart for ratings on a fixed scale (1–4 answers, 0–100 index), drawn as inline SVG with
its axis, tick labels and the value printed next to each bar."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _fmt(value, places: int) -> str:
    return number_format(Decimal(value), decimal_pos=places, use_l10n=True) if value is not None else "–"


@register.simple_tag
def scale_chart(rows, title: str = "", low: int = 1, high: int = 4, places: int = 2, testid: str = "scale-chart"):
    """rows: iterable of (label, value or None). Bars start at `low` and end at `high` (the scale's ends)."""
    rows = list(rows)
    bar_h, gap, label_w, width, axis_h = 20, 8, 230, 560, 22
    plot_w = width - label_w - 60
    height = len(rows) * (bar_h + gap) + gap + axis_h
    span = Decimal(high - low) or Decimal(1)
    parts = [
        f'<svg class="chart" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
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
                f"<title>{escape(str(label))}: {_fmt(value, places)}</title></rect>"
            )
        parts.append(
            f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="12">{_fmt(value, places)}</text>'
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
