"""Counts (people, innovations) as bars and as a point map (kotacerdas.common.charts draws them)."""

from django import template

from kotacerdas.common.charts import maps
from kotacerdas.common.charts.bars import count_bars

register = template.Library()


@register.simple_tag
def count_chart(rows, title: str = "", unit: str = "", testid: str = "count-chart"):
    """rows: iterable of (label, count, key). Bars scaled to the largest count, the count printed after."""
    return count_bars(rows, title=title, unit=unit, testid=testid)


@register.simple_tag
def point_map(points, title: str = "", unit: str = "", key: str = "value", testid: str = "point-map"):
    """points: iterable of dicts with name, lat, lng and `key`: a circle per place, area by value."""
    return maps.point_map(points, title=title, unit=unit, key=key, testid=testid)
