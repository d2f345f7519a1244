"""One Indonesian word, one meaning (issue #16): Bimtek rounds, evaluation rounds and monitoring periods are
named apart (pgettext), not all "Periode"."""

from django.template import Context, Template
from django.utils import translation


def test_rounds_and_periods_have_distinct_indonesian_words():
    template = Template(
        '{% load i18n %}{% translate "Rounds" context "Bimtek" %}|{% translate "Rounds" context "evaluation" %}'
        '|{% translate "Periods" %}'
    )
    with translation.override("id"):
        bimtek, evaluation, periods = template.render(Context()).split("|")
    assert (bimtek, evaluation, periods) == ("Tahap Bimtek", "Putaran evaluasi", "Periode")
    with translation.override("en"):
        assert template.render(Context()) == "Rounds|Rounds|Periods"
