import functools
import re

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """`obj.<field>_en` when the active language is English and it is filled, else `obj.<field>`."""
    if (get_language() or "id").startswith("en"):
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, field)


class LocalizedModelChoiceField(forms.ModelChoiceField):
    """A model choice whose options read `<label_field>_en` in English (e.g. a report category's name)."""

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj) -> str:
        return localized(obj, self.label_field)


@functools.lru_cache(maxsize=256)
def _pattern(translated: str) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", translated)
    # re.split alternates literal text and placeholder names: escape the text, capture the names
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


def in_reader_language(stored: str, msgid: str) -> str:
    """`stored` as written by the platform, `gettext(msgid) % values` in whichever site language was active
    then, re-rendered in the active language with the same values; any other text (a person's own words)
    comes back unchanged."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            match = _pattern(translation.gettext(msgid)).fullmatch(stored)
        if match:
            return translation.gettext(msgid) % match.groupdict()
    return stored
