"""Ratings on a fixed scale (1–4 answers, 0–100 index) as bars (kotacerdas.common.charts draws them)."""

from django import template

from kotacerdas.common.charts.bars import scale_bars

register = template.Library()


@register.simple_tag
def scale_chart(rows, title: str = "", low: int = 1, high: int = 4, places: int = 2, testid: str = "scale-chart"):
    """rows: iterable of (label, value or None). Bars start at `low` and end at `high` (the scale's ends)."""
    return scale_bars(rows, title=title, low=low, high=high, places=places, testid=testid)
