"""The "evidence needed" text of an evaluation item in both languages (issue #16): an English text beside the
Indonesian one, edited where the Indonesian is, copied with the framework, shown in the reader's language and
filled in by migration 0006 for the default items of frameworks made before it."""

import importlib

import pytest
from django.apps import apps

from kotacerdas.audit.models import AuditEvent
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Item

INDONESIAN = "Perbup/SK penetapan masterplan"
ENGLISH = "The regent's regulation or decree adopting the masterplan"


def test_the_default_items_carry_both_texts_and_a_copied_framework_keeps_them(ev):
    item = ev["framework"].items.get(code="OUT-1")
    assert (item.evidence_needed, item.evidence_needed_en) == (INDONESIAN, ENGLISH)
    assert not ev["framework"].items.filter(evidence_needed_en="").exclude(evidence_needed="").exists()
    copy = services.framework_create(actor=ev["users"]["evaluator"], year=2025, copy_from=ev["framework"])
    assert copy.items.get(code="OUT-1").evidence_needed_en == ENGLISH


@pytest.mark.parametrize(("language", "shown", "hidden"), [("en", ENGLISH, INDONESIAN), ("id", INDONESIAN, ENGLISH)])
def test_the_framework_and_self_assessment_pages_show_the_readers_language(ev, client_for, language, shown, hidden):
    pages = {
        ev["users"]["evaluator"]: f"/evaluasi/kerangka/{ev['framework'].pk}/",
        ev["users"]["region_admin"]: f"/r/luwu-utara/evaluasi/{ev['round'].pk}/",
    }
    for user, path in pages.items():
        client = client_for(user)
        client.get(f"/bahasa/{language}/")
        html = client.get(path).content.decode()
        assert shown.replace("'", "&#x27;") in html, path
        assert hidden.replace("'", "&#x27;") not in html, path


def test_an_empty_english_text_falls_back_to_the_indonesian(ev, client_for):
    Item.objects.filter(framework=ev["framework"], code="OUT-1").update(evidence_needed_en="")
    client = client_for(ev["users"]["evaluator"])
    client.get("/bahasa/en/")
    assert INDONESIAN in client.get(f"/evaluasi/kerangka/{ev['framework'].pk}/").content.decode()


def test_the_national_administrator_edits_the_english_text_audited(ev, client_for):
    framework = ev["framework"]
    item = framework.items.get(code="OUT-3")
    client = client_for(ev["users"]["evaluator"])
    path = f"/evaluasi/kerangka/{framework.pk}/butir/{item.pk}/"
    form = client.get(path).content.decode()
    assert 'name="evidence_needed_en"' in form and "budget implementation documents" in form
    data = {
        "dimension": item.dimension_id,
        "smart_dimension": "",
        "code": item.code,
        "title": item.title,
        "title_en": item.title_en,
        "evidence_needed": item.evidence_needed,
        "evidence_needed_en": "DPA of the agencies",
        "weight": "25",
        "source": "",
        "order": item.order,
    }
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.evidence_needed_en == "DPA of the agencies"
    event = AuditEvent.objects.filter(action__startswith="evaluation_item").latest("pk")
    assert event.after["evidence_needed_en"] == "DPA of the agencies"
    assert event.before["evidence_needed_en"] == "The agencies' budget implementation documents (DPA)"


@pytest.mark.parametrize("who", ["region_admin", "tim_pelaksana", "citizen", "other_admin", "anonymous"])
def test_nobody_else_edits_the_items(ev, client_for, who):
    framework = ev["framework"]
    item = framework.items.get(code="OUT-3")
    client = client_for(ev["users"][who])
    response = client.post(f"/evaluasi/kerangka/{framework.pk}/butir/{item.pk}/", {"evidence_needed_en": "x"})
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/masuk/" in response["Location"]
    item.refresh_from_db()
    assert item.evidence_needed_en == "The agencies' budget implementation documents (DPA)"


def test_the_migration_fills_the_english_of_default_texts_only(ev):
    migration = importlib.import_module("kotacerdas.evaluation.migrations.0006_item_evidence_needed_en")
    framework = ev["framework"]
    Item.objects.filter(framework=framework).update(evidence_needed_en="")
    Item.objects.filter(framework=framework, code="BAS-2").update(evidence_needed="Teks sendiri")
    Item.objects.filter(framework=framework, code="OC-REP").update(evidence_needed_en="Kept")
    migration.fill_english(apps, None)
    english = dict(Item.objects.filter(framework=framework).values_list("code", "evidence_needed_en"))
    assert english["OUT-1"] == ENGLISH and english["IMP-SRV"] == "Impact survey report (number of respondents, method)"
    assert english["BAS-2"] == ""  # a text someone wrote: no English is made up
    assert english["OC-REP"] == "Kept"  # an English text already there stays
