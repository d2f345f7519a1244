"""The readiness chart: one bar per questionnaire item, drawn on the server as SVG, sized for a phone.

`bar_chart` (common) is made for long labels on a desktop; items here are labelled by short codes (ST1, IN2)
explained in the table next to the chart, so this one spends its width on the bars and keeps text large.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kotacerdas.planning.models import SCORE_MAX

register = template.Library()

COLOURS = {"struktur": "#1f5fa8", "infrastruktur": "#0b7a75", "suprastruktur": "#8a3ffc"}


@register.simple_tag
def readiness_chart(items, pillar: str = "", title: str = "", testid: str = "readiness-chart"):
    """items: ReadinessItem rows with `code` and `score` (None = not scored). Bars show score / 4."""
    items = list(items)
    bar_h, gap, label_w, value_w, width = 20, 8, 44, 58, 360
    plot_w = width - label_w - value_w
    top = 20
    height = top + max(1, len(items)) * (bar_h + gap) + 4
    colour = COLOURS.get(pillar, "#0b6e4f")
    desc = "; ".join(f"{i.code}: {i.score if i.score is not None else _('not scored')}/{SCORE_MAX}" for i in items)
    parts = [
        f'<svg class="chart chart-narrow" data-testid="{escape(testid)}" viewBox="0 0 {width} {height}" '
        f'role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for tick in range(SCORE_MAX + 1):
        x = label_w + tick / SCORE_MAX * plot_w
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="#e2e6ea"/>'
            f'<text x="{x:.1f}" y="{top - 7}" font-size="11" text-anchor="middle" fill="#555">{tick}</text>'
        )
    for n, item in enumerate(items):
        y = top + n * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="14">'
            f"{escape(item.code)}</text>"
        )
        if item.score is not None:
            w = item.score / SCORE_MAX * plot_w
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}">'
                f"<title>{escape(item.code)}: {item.score}/{SCORE_MAX}</title></rect>"
            )
            value = f"{item.score}/{SCORE_MAX}"
        else:
            value = "–"
        parts.append(f'<text x="{label_w + plot_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="14">{value}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
