from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kotacerdas.common.i18n import localized
from kotacerdas.common.numbers import shown

register = template.Library()


@register.filter
def loc(obj, field: str) -> str:
    """{{ dimension|loc:"name" }}: the field in the active language, falling back to Indonesian."""
    return localized(obj, field)


@register.filter
def rupiah(value) -> str:
    """Rp 1.500.000 in Indonesian, Rp 1,500,000 in English (grouping follows the active locale)."""
    if value in (None, ""):
        return "–"
    return "Rp " + number_format(Decimal(value), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def num(value) -> str:
    """A number without trailing zeros, grouped for the active locale."""
    if value in (None, ""):
        return "–"
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def pct(value) -> str:
    """An achievement as shown: rounded once, here, to two decimals (kept at full precision underneath)."""
    return num(shown(value) if value not in (None, "") else value)


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }} for dictionaries keyed by ids."""
    return mapping.get(key) if mapping else None
