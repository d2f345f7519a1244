"""A Gantt-style roadmap: one bar per row over a run of years, a dot per milestone."""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import svg_open


@dataclass(frozen=True)
class GanttBar:
    label: str  # short, shown left of the bar
    title: str  # shown on hover with the years
    start: int
    end: int
    colour: str
    marks: tuple[int, ...] = field(default=())  # milestone years


def gantt(bars: list[GanttBar], years: list[int], *, title: str) -> SafeString:
    """Bars are clipped to `years` (consecutive, at least one); marks outside them are left out."""
    row_h, label_w, width, top = 16, 170, 640, 22
    plot_w = width - label_w - 10
    step = plot_w / max(1, len(years))
    height = top + len(bars) * row_h + 8
    parts = [svg_open(testid="", width=width, height=height, title=title, css="chart gantt")]
    for i, year in enumerate(years):
        x = label_w + i * step
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{height - 4}" stroke="#e2e6ea"/>'
            f'<text x="{x + step / 2:.1f}" y="14" font-size="10" text-anchor="middle">{year}</text>'
        )
    for r, bar in enumerate(bars):
        y = top + r * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 11}" font-size="10" text-anchor="end">{escape(bar.label)}</text>'
        )
        start = max(bar.start, years[0]) - years[0]
        end = min(bar.end, years[-1]) - years[0] + 1
        parts.append(
            f'<rect x="{label_w + start * step:.1f}" y="{y + 2}" width="{max(step * (end - start), 2):.1f}" '
            f'height="{row_h - 5}" rx="2" fill="{bar.colour}"><title>{escape(bar.label)} {escape(bar.title)}: '
            f"{bar.start}–{bar.end}</title></rect>"
        )
        for year in bar.marks:
            if years[0] <= year <= years[-1]:
                cx = label_w + (year - years[0] + 0.5) * step
                parts.append(f'<circle cx="{cx:.1f}" cy="{y + 7.5}" r="3" fill="#ffffff" stroke="#1b1f23"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
