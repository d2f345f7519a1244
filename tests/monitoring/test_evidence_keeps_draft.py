"""Issue 16 item 3 on the progress report: the evidence block is part of the report form, above its submit
button; adding or removing evidence saves the draft first (one transaction), so nothing typed is lost, and a
refusal of either part saves nothing and shows every typed value again. Autosave never touches evidence."""

import re
from decimal import Decimal

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence

from .helpers import db_state, photo_upload
from .test_views import HX, _url

NARRATIVE = "Dua titik pantau dipasang di Sungai Rongkong."


@pytest.fixture
def draft(mon):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    return services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})


@pytest.fixture
def officer(mon, client_for):
    return client_for(mon["users"]["agency_officer"])


def _typed(mon, draft, **extra) -> dict:
    return {
        "revision": draft.revision,
        f"value_{mon['indicator'].pk}": "12,5",
        "progress_percent": "40",
        "narrative": NARRATIVE,
        **extra,
    }


def test_the_evidence_block_sits_in_the_form_above_the_submit_button(draft, officer):
    html = officer.get(_url(draft)).content.decode()
    form = html.split('data-testid="report-form"', 1)[1].split("</form>", 1)[0]
    assert 'enctype="multipart/form-data"' in html.split('data-testid="report-form"', 1)[0].rsplit("<form", 1)[1]
    assert form.index('data-testid="evidence-form"') < form.index('data-testid="submit-report"')
    assert 'name="ev-file"' in form and 'hx-params="not ev-file"' in html
    # Enter in a field saves the draft: the first submit button of the form is "save", not a "Remove".
    assert 'value="save"' in re.search(r"<button[^>]*type=\"submit\"[^>]*>", form).group(0)


def test_adding_a_link_saves_the_draft_first(mon, draft, officer):
    data = _typed(mon, draft, then="evidence", **{"ev-kind": "link", "ev-url": "https://example.org/berita"})
    response = officer.post(_url(draft, "simpan/"), data)
    assert response.status_code == 302 and response["Location"] == _url(draft) + "#evidence"
    draft.refresh_from_db()
    assert draft.narrative == NARRATIVE and draft.progress_percent == Decimal("40")
    assert draft.values.get().realised == Decimal("12.5")
    assert Evidence.objects.get(report=draft).url == "https://example.org/berita"
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))[-2:]
    assert actions[0].startswith("progress_report.") and actions[1] == "evidence.add"
    page = officer.get(_url(draft)).content.decode()
    assert NARRATIVE in page and 'value="12,5"' in page


def test_a_photo_chosen_then_save_draft_is_added_too(mon, draft, officer):
    data = _typed(mon, draft, then="save", **{"ev-kind": "photo", "ev-file": photo_upload(), "ev-caption": "Lokasi"})
    assert officer.post(_url(draft, "simpan/"), data).status_code == 302
    assert Evidence.objects.get(report=draft).caption == "Lokasi"
    draft.refresh_from_db()
    assert draft.narrative == NARRATIVE


def test_a_refused_evidence_saves_nothing_and_keeps_the_typed_values(mon, draft, officer):
    before = db_state()
    data = _typed(mon, draft, then="evidence", **{"ev-kind": "photo", "ev-caption": "Tanpa berkas"})
    response = officer.post(_url(draft, "simpan/"), data)
    assert response.status_code == 400
    assert db_state() == before
    html = response.content.decode()
    assert NARRATIVE in html and 'value="12,5"' in html and 'value="Tanpa berkas"' in html
    assert response.context["evidence_form"].errors["file"]


def test_a_refused_draft_adds_no_evidence(mon, draft, officer):
    before = db_state()
    data = _typed(mon, draft, then="evidence", progress_percent="abc", **{"ev-kind": "link", "ev-url": "https://x.org"})
    response = officer.post(_url(draft, "simpan/"), data)
    assert response.status_code == 400 and db_state() == before
    assert 'value="abc"' in response.content.decode() and NARRATIVE in response.content.decode()


def test_removing_evidence_saves_the_draft_first(mon, draft, officer):
    evidence = services.evidence_add(
        actor=mon["users"]["agency_officer"], report=draft, kind="link", url="https://example.org/"
    )
    draft.refresh_from_db()
    response = officer.post(_url(draft, "simpan/"), _typed(mon, draft, remove_evidence=str(evidence.pk)))
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    draft.refresh_from_db()
    assert draft.narrative == NARRATIVE


def test_removing_evidence_of_another_report_is_refused_and_saves_nothing(mon, draft, officer):
    before = db_state()
    response = officer.post(_url(draft, "simpan/"), _typed(mon, draft, remove_evidence="999999"))
    assert response.status_code == 400 and db_state() == before
    assert NARRATIVE in response.content.decode()


def test_autosave_ignores_the_evidence_fields(mon, draft, officer):
    data = _typed(mon, draft, **{"ev-kind": "link", "ev-url": "https://example.org/berita"})
    response = officer.post(_url(draft, "simpan/"), data, **HX)
    assert response.status_code == 200 and b'class="ok"' in response.content
    assert not Evidence.objects.exists()
    draft.refresh_from_db()
    assert draft.narrative == NARRATIVE
