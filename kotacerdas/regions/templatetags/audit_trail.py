"""The audit trail in words: a field by its name in the reader's language, a role as its name, a set of values
as "field: value" lines, yes/no for flags, instead of the keys, codes and Python dictionaries the events store."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kotacerdas.regions.models import Membership

register = template.Library()

ROLE_FIELDS = {"role"}


def _word(value, field: str = "") -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field in ROLE_FIELDS:
        return str(dict(Membership.Role.choices).get(value, value))
    if isinstance(value, list | tuple):
        return ", ".join(_word(v) for v in value) or "–"
    return str(value)


@register.filter
def audit_lines(value, field: str = "") -> list[str]:
    """One before/after value as lines: "field: value" for each entry of a dictionary, else one line."""
    if isinstance(value, dict):
        return [f"{key}: {_word(item, key)}" for key, item in value.items()] or ["–"]
    return [_word(value, field)]


@register.filter
def audit_field(key: str, event) -> str:
    """The changed field's name as its model calls it (`verbose_name`, translated), e.g. "Unit" / "Satuan" for
    `unit`; a key that is no field of the event's object (a computed entry, a removed field) as stored."""
    model = event.content_type.model_class() if event.content_type_id else None
    if model is None:
        return key
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return key
    name = getattr(field, "verbose_name", None)
    return str(capfirst(name)) if name else key
