from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def late(report, now) -> bool:
    """Whether the report missed its SP4N-LAPOR deadline (first response or resolution) at `now`."""
    return report.is_late(now)


@register.filter
def hours(value) -> str:
    """A duration in hours as '5 h' or '2.5 d' ('5 jam', '2,5 hari' in Indonesian)."""
    if value is None:
        return "–"
    if value < 48:
        return pgettext("duration", "%(n)s h") % {"n": number_format(round(value))}
    return pgettext("duration", "%(n)s d") % {"n": number_format(Decimal(value / 24), decimal_pos=1)}
