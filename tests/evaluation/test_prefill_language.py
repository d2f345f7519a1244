"""The prefill sentences stored beside a self-assessment item are shown in the reader's language, with its
decimal mark (issue #16, both languages)."""

import pytest
from django.urls import reverse
from django.utils import translation

from kotacerdas.evaluation.models import Framework, Round
from kotacerdas.evaluation.prefill_texts import prefill_in_reader_language


def _stored(language: str) -> str:
    with translation.override(language):
        return translation.gettext(
            "Verified achievement %(value)s%% in %(period)s (%(r)s of %(e)s programmes verified)"
        ) % {"value": "88.0", "period": "Triwulan I 2024", "r": 3, "e": 4}


def test_a_prefill_sentence_in_either_language_reads_in_the_reader_language():
    for written in ("id", "en"):
        stored = _stored(written)
        with translation.override("en"):
            assert prefill_in_reader_language(stored) == (
                "Verified achievement 88.0% in Triwulan I 2024 (3 of 4 programmes verified)"
            )
        with translation.override("id"):
            shown = prefill_in_reader_language(stored)
            assert "88,0%" in shown and "88.0" not in shown and shown != _stored("en")
    with translation.override("en"):
        assert prefill_in_reader_language("Catatan sendiri 88.0") == "Catatan sendiri 88.0"
        assert prefill_in_reader_language("") == ""


@pytest.mark.django_db
def test_the_round_page_shows_the_prefill_in_english(world, client_for):
    users, home = world["users"], world["home"]
    c = client_for(users["evaluator"])
    c.post(reverse("evaluation_national:framework_create"), {"year": 2024})
    framework = Framework.objects.get(year=2024)
    c.post(
        reverse("evaluation_national:round_create"),
        {"region": home.pk, "framework": framework.pk, "assessors": [users["evaluator"].pk]},
    )
    round_ = Round.objects.get(region=home, year=2024)
    score = round_.scores.order_by("pk").first()
    score.prefill_value, score.prefill_url = _stored("id"), "/"
    score.save()
    url = reverse("evaluation:round", kwargs={"region_slug": home.slug, "pk": round_.pk})
    admin = client_for(users["region_admin"])
    assert "Capaian terverifikasi 88,0% pada Triwulan I 2024" in admin.get(url).content.decode()
    admin.get("/bahasa/en/")
    page = admin.get(url).content.decode()
    assert "Verified achievement 88.0% in Triwulan I 2024" in page
    # the framework's questions and dimensions are platform text too
    assert score.item.title_en and score.item.title_en in page and score.item.title not in page
    c = client_for(users["evaluator"])
    c.get("/bahasa/id/")
    framework_page = c.get(reverse("evaluation_national:framework", kwargs={"pk": framework.pk}))
    c.get("/bahasa/en/")
    assert score.item.title in framework_page.content.decode()
    assert (
        score.item.title_en
        in c.get(reverse("evaluation_national:framework", kwargs={"pk": framework.pk})).content.decode()
    )


def test_a_quick_win_rating_figure_reads_in_the_reader_language():
    with translation.override("id"):
        stored = translation.gettext("Verified achievement %(value)s%% in %(period)s") % {
            "value": "91.50",
            "period": "Triwulan II 2024",
        }
    with translation.override("en"):
        assert prefill_in_reader_language(stored) == "Verified achievement 91.50% in Triwulan II 2024"
    with translation.override("id"):
        assert prefill_in_reader_language(stored) == "Capaian terverifikasi 91,50% pada Triwulan II 2024"
