# ruff: noqa: S314 -- parsing our own answers with the stdlib, to prove them well-formed
"""strip_xml_illegal and the mixins that apply it where input enters."""

from xml.etree import ElementTree as ET

import pytest
from django.http import QueryDict

from kotacerdas.common.text import clean_data, strip_xml_illegal
from kotacerdas.ideas.forms import CommentForm, IdeaForm
from kotacerdas.news.forms import ArticleForm
from kotacerdas.surveys.forms import SurveyForm


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("a\x0bb", "a\nb"),  # Word's line break
        ("a\x0cb", "a\nb"),  # and page break
        ("a\x00b\x01\x08\x0e\x1f", "ab"),
        ("tab\tLF\nCR\r", "tab\tLF\nCR\r"),  # allowed in XML 1.0
        ("x\ufffe\uffffy", "xy"),
        ("lone \ud800 surrogate \udfff", "lone  surrogate "),
        ("Rp 1.500.000 · ñ 😀 \u2028", "Rp 1.500.000 · ñ 😀 \u2028"),
        (None, None),
        (12, 12),
    ],
)
def test_strip_xml_illegal(dirty, clean):
    assert strip_xml_illegal(dirty) == clean
    if isinstance(clean, str):
        ET.fromstring(f"<t>{clean.replace('&', '&amp;')}</t>")  # well-formed


def test_clean_data_keeps_every_value_of_a_query_dict():
    data = QueryDict("tag=a%0Bb&tag=c&n=1%00")
    cleaned = clean_data(data)
    assert cleaned.getlist("tag") == ["a\nb", "c"] and cleaned["n"] == "1"
    assert clean_data({"x": ["a\x00", {"y": "b\x0b"}], "n": 3}) == {"x": ["a", {"y": "b\n"}], "n": 3}


def test_forms_of_ideas_surveys_and_news_clean_their_text(world):
    idea = IdeaForm(
        data={"title": "Ide\x0b bagus", "description": "Deskripsi yang cukup panjang\x00 sekali", "dimension": ""},
        region=world["home"],
    )
    idea.is_valid()
    assert idea.cleaned_data["title"] == "Ide\n bagus"
    assert idea.cleaned_data["description"] == "Deskripsi yang cukup panjang sekali"  # NUL: stripped, not refused
    comment = CommentForm(data={"body": "Setuju\x1b!"})
    assert comment.is_valid() and comment.cleaned_data["body"] == "Setuju!"
    article = ArticleForm(data={"title": "Berita\x0c", "body": "Isi"}, region=world["home"])
    article.is_valid()
    assert article.cleaned_data["title"] == "Berita"
    survey = SurveyForm(data={"title": "Survei\x0b SKM"}, region=world["home"])
    survey.is_valid()
    assert survey.cleaned_data["title"] == "Survei\n SKM"
