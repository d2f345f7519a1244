"""Revision summaries the platform wrote are shown in the reader's language (issue #16, both languages)."""

from django.template import Context, Template
from django.utils import translation


def _written(language: str, msgid: str, **values) -> str:
    with translation.override(language):
        return translation.gettext(msgid) % values


def test_revision_summaries_in_the_reader_language():
    template = Template(
        "{% load masterplan_text %}{{ a|revision_summary }}|{{ b|revision_summary }}|{{ c|revision_summary }}"
    )
    context = Context(
        {
            "a": _written("id", "Programme %(code)s changed", code="GOV-01"),
            "b": _written("en", "Masterplan text changed"),
            "c": "Perbup No. 12 Tahun 2024",  # a decree number stays as written
        }
    )
    with translation.override("en"):
        assert template.render(context) == "Programme GOV-01 changed|Masterplan text changed|Perbup No. 12 Tahun 2024"
    with translation.override("id"):
        shown = template.render(context).split("|")
    assert shown[0] == _written("id", "Programme %(code)s changed", code="GOV-01") != "Programme GOV-01 changed"
    assert shown[1] == _written("id", "Masterplan text changed") != "Masterplan text changed"
    assert shown[2] == "Perbup No. 12 Tahun 2024"
