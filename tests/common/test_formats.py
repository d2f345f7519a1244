"""One date format per language (issue #16): templates name DATE_FORMAT or DATETIME_FORMAT instead of a literal
format, and each language's formats module says what those look like."""

import datetime
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# machine formats stay literal: ISO for <time datetime> and <input type="date">, a weekday name
ALLOWED = {"DATE_FORMAT", "DATETIME_FORMAT", "c", "Y-m-d", "D"}


def test_templates_use_the_named_date_formats():
    literal = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("kotacerdas/**/templates/**/*.html")]:
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in ALLOWED:
                literal.append(f"{path.relative_to(ROOT)}: {fmt}")
    assert literal == []


def test_one_date_format_per_language():
    template = Template('{{ d|date:"DATE_FORMAT" }} · {{ t|date:"DATETIME_FORMAT" }} · {{ d|date }}')
    context = Context({"d": datetime.date(2026, 12, 3), "t": datetime.datetime(2026, 8, 17, 14, 5)})
    with translation.override("id"):
        assert template.render(context) == "3 Des 2026 · 17 Agu 2026 14:05 · 3 Des 2026"
    with translation.override("en"):
        assert template.render(context) == "3 Dec 2026 · 17 Aug 2026 14:05 · 3 Dec 2026"


def test_durations_in_the_reader_language_with_its_decimal_mark():
    from kotacerdas.participation.templatetags.aduan import hours

    with translation.override("id"):
        assert (hours(5.2), hours(60), hours(None)) == ("5 jam", "2,5 hari", "–")
    with translation.override("en"):
        assert (hours(5.2), hours(60)) == ("5 h", "2.5 d")
