"""Text that XML 1.0 can carry. A vertical tab pasted from Word, once stored, would make every XML feed
(Open311 `requests.xml`, RSS/Atom) ill-formed for every client, so input is cleaned where it enters (the
form and serializer mixins below, Open311's POST) and the XML writers clean again on output."""

import re

from django import forms
from django.http import QueryDict

from .formcopy import quick_copy_fields

# Not a Char in XML 1.0: C0 controls except tab, LF, CR (NUL included); lone surrogates; U+FFFE and U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word writes a manual line break as a vertical tab and a page break as a form feed: keep them as line breaks.
LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def strip_xml_illegal(value):
    """`value` without the characters XML 1.0 does not allow (a vertical tab or form feed becomes a line
    break); anything that is not a string comes back as it is."""
    if not isinstance(value, str) or not XML_ILLEGAL.search(value):
        return value
    return XML_ILLEGAL.sub("", value.translate(LINE_BREAKS))


def clean_data(data):
    """A copy of submitted data (QueryDict, dict, list) with every string passed through strip_xml_illegal."""
    if isinstance(data, QueryDict):
        copy = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            copy.setlist(key, [clean_data(v) for v in values])
        return copy
    if isinstance(data, dict):
        return {key: clean_data(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [clean_data(value) for value in data]
    return strip_xml_illegal(data)


class CleanTextMixin:
    """For a form: every submitted string is cleaned before any field sees it (files are left alone). Its fields
    are copied for each form quickly (common/formcopy.py)."""

    def __init__(self, *args, **kwargs):
        quick_copy_fields(type(self))
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = clean_data(self.data)


class CleanForm(CleanTextMixin, forms.Form):
    pass


class CleanModelForm(CleanTextMixin, forms.ModelForm):
    pass


class CleanSerializerMixin:
    """For a DRF serializer that takes input: strings are cleaned before the fields validate them."""

    def to_internal_value(self, data):
        return super().to_internal_value(clean_data(data))


def stored_text_pattern(vendor: str) -> str:
    """The illegal characters a database of this vendor can hold (PostgreSQL text has no NUL and no lone
    surrogates; SQLite through Python none of the surrogates), as a pattern for `__regex` lookups."""
    return (
        "[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
        if vendor == "postgresql"
        else "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    )


def clean_stored_text(model, fields: list[str], *, using: str = "default") -> int:
    """Clean rows stored before input was cleaned (for data migrations: `model` may be a historical one).
    Only rows holding an illegal character are read and written. Returns how many rows changed."""
    from django.db import connections
    from django.db.models import Q

    pattern = stored_text_pattern(connections[using].vendor)
    dirty = Q()
    for name in fields:
        dirty |= Q(**{f"{name}__regex": pattern})
    rows = list(model._base_manager.using(using).filter(dirty).only("pk", *fields))
    for row in rows:
        for name in fields:
            setattr(row, name, strip_xml_illegal(getattr(row, name)))
    model._base_manager.using(using).bulk_update(rows, fields, batch_size=500)
    return len(rows)
