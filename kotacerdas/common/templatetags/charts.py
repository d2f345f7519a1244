"""Template tags for the shared charts (kotacerdas.common.charts draws them)."""

from django import template

from kotacerdas.common.charts.bars import percent_bars
from kotacerdas.common.charts.trend import trend_line

register = template.Library()


@register.simple_tag
def bar_chart(rows, title: str = "", maximum: int = 100, testid: str = "bar-chart"):
    """rows: iterable of (label, value or None, key for colour). Horizontal bars scaled to `maximum`."""
    return percent_bars(rows, title=title, maximum=maximum, testid=testid)


@register.simple_tag
def line_chart(points, title: str = "", maximum: int = 100, testid: str = "line-chart"):
    """points: iterable of (label, value). A line over the periods with a 0–maximum axis."""
    return trend_line(points, title=title, maximum=maximum, testid=testid)
