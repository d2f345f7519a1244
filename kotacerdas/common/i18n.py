import functools
import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language


def active_site_language() -> str:
    """The active language as one of settings.LANGUAGES ("en-us" → "en"), else the site's default."""
    code = (get_language() or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


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
    # re.split alternates literal text and placeholder names: escape the text ("%%" was written as "%"),
    # capture the names
    return re.compile(
        "".join(re.escape(p.replace("%%", "%")) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    )


def _number_in_reader_language(raw: str) -> str:
    """A figure the platform wrote with either decimal mark ("88.0", "88,0"), in the active language's."""
    if not re.fullmatch(r"-?\d+([.,]\d+)?", raw):
        return raw
    places = len(re.split(r"[.,]", raw)[1]) if re.search(r"[.,]", raw) else 0
    return number_format(Decimal(raw.replace(",", ".")), decimal_pos=places)


def in_reader_language(stored: str, *msgids: str, numbers: tuple[str, ...] = ()) -> str:
    """`stored` as written by the platform, `gettext(msgid) % values` for one of `msgids` in whichever site
    language was active then, re-rendered in the active language with the same values (the placeholders named
    in `numbers` with the active language's decimal mark); any other text (a person's own words) comes back
    unchanged."""
    for msgid in msgids:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                match = _pattern(translation.gettext(msgid)).fullmatch(stored)
            if match:
                values = match.groupdict()
                for name in numbers:
                    if name in values:
                        values[name] = _number_in_reader_language(values[name])
                return translation.gettext(msgid) % values
    return stored
