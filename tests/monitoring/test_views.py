"""The monitoring pages: bad input answered with the form and its errors (nothing saved), autosave with htmx,
the controls each role sees on a report, and the public summary on the home page."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence, ProgressReport, ReportingPeriod
from tests.factories import IndicatorFactory, TargetFactory

from .helpers import PDF_BYTES, add_link_evidence, db_state, image_bytes, photo_upload

Status = ProgressReport.Status
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(mon):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    add_link_evidence(report, officer)  # verification requires evidence
    return services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})


@pytest.fixture
def officer(mon, client_for):
    return client_for(mon["users"]["agency_officer"])


def _url(report, suffix=""):
    return f"/r/luwu-utara/monev/laporan/{report.pk}/{suffix}"


def _revision_in(html: str) -> int:
    match = re.search(r'<input type="hidden" name="revision" value="(\d+)" id="id_revision" hx-swap-oob="true">', html)
    assert match, html
    return int(match.group(1))


# --- the report form ----------------------------------------------------------------------------------


def test_save_with_indonesian_numbers(mon, draft, officer):
    data = {
        "revision": draft.revision,
        f"value_{mon['indicator'].pk}": "12,5",
        "progress_percent": "12,5",
        "budget_realised": "1.500.000",
        "then": "save",
    }
    response = officer.post(_url(draft, "simpan/"), data)
    assert response.status_code == 302 and response["Location"] == _url(draft)
    draft.refresh_from_db()
    assert str(draft.budget_realised) == "1500000" and str(draft.progress_percent) == "12.50"
    assert str(draft.values.get().realised) == "12.5000"


@pytest.mark.parametrize(
    "field, value",
    [
        ("value", "dua puluh"),
        ("progress_percent", "101"),
        ("progress_percent", "-1"),
        ("budget_realised", "-5"),
        ("budget_realised", "satu juta"),
    ],
)
def test_bad_figures_come_back_with_the_form_and_save_nothing(mon, draft, officer, field, value):
    name = f"value_{mon['indicator'].pk}" if field == "value" else field
    before = db_state()
    response = officer.post(_url(draft, "simpan/"), {"revision": draft.revision, name: value, "then": "save"})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[name]
    assert form[name].value() == value  # what the person typed is kept
    assert 'class="field has-error"' in response.content.decode()
    assert db_state() == before


def test_stale_form_is_refused_with_a_message(mon, draft, officer, client_for):
    opened = draft.revision
    admin = client_for(mon["users"]["region_admin"])
    value = f"value_{mon['indicator'].pk}"
    assert admin.post(_url(draft, "simpan/"), {"revision": opened, value: "30", "then": "save"}).status_code == 302
    officer.force_login(mon["users"]["agency_officer"])
    before = db_state()
    response = officer.post(_url(draft, "simpan/"), {"revision": opened, value: "5", "then": "save"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert db_state() == before
    assert draft.values.get().realised == 30


def test_save_without_revision_is_refused(mon, draft, officer):
    before = db_state()
    response = officer.post(_url(draft, "simpan/"), {f"value_{mon['indicator'].pk}": "30"})
    assert response.status_code == 400 and "revision" in response.context["form"].errors
    assert db_state() == before


def test_save_and_submit_in_one_step(mon, draft, officer):
    data = {"revision": draft.revision, f"value_{mon['indicator'].pk}": "40", "then": "submit"}
    response = officer.post(_url(draft, "simpan/"), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.achievement == 100


def test_submit_with_a_missing_value_is_refused(mon, draft, officer):
    TargetFactory(indicator=IndicatorFactory(programme=mon["home_programme"]), year=2024)
    before = db_state()
    response = officer.post(_url(draft, "kirim/"))
    assert response.status_code == 302 and response["Location"] == _url(draft)
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert db_state() == before


def test_submit_in_a_closed_period_is_refused(mon, draft, officer):
    ReportingPeriod.objects.filter(pk=mon["home_period"].pk).update(status="closed")
    before = db_state()
    response = officer.post(_url(draft, "kirim/"))
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert db_state() == before


def test_start_in_a_closed_period_is_refused(mon, officer):
    ReportingPeriod.objects.filter(pk=mon["home_period"].pk).update(status="closed")
    before = db_state()
    response = officer.post(f"/r/luwu-utara/monev/laporan/mulai/{mon['home_programme'].pk}/{mon['home_period'].pk}/")
    assert response.status_code == 302 and response["Location"] == "/r/luwu-utara/monev/program-saya/"
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert db_state() == before


# --- evidence -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "document", "file": SimpleUploadedFile("laporan.pdf", b"bukan pdf")},
        {"kind": "photo", "file": SimpleUploadedFile("foto.jpg", b"<?php echo 1; ?>")},
        {"kind": "photo", "file": SimpleUploadedFile("foto.png", image_bytes("GIF"))},
        {"kind": "photo"},
        {"kind": "link", "url": ""},
        {"kind": "link", "url": "javascript:alert(1)"},
        {"kind": "link", "url": "https://example.org/", "latitude": "200"},
        {"kind": "rekaman"},
    ],
    ids=["text-pdf", "php-jpg", "gif-png", "no-file", "no-url", "js-url", "latitude", "kind"],
)
def test_bad_evidence_comes_back_with_the_form(mon, draft, officer, data):
    before = db_state()
    response = officer.post(_url(draft, "bukti/"), data)
    assert response.status_code == 400
    assert response.context["evidence_form"].errors
    assert db_state() == before


@pytest.mark.parametrize(
    "kind, limit, upload", [("photo", "PHOTO_MAX_BYTES", "jpg"), ("document", "DOCUMENT_MAX_BYTES", "pdf")]
)
def test_evidence_over_the_size_limit(mon, draft, officer, monkeypatch, kind, limit, upload):
    monkeypatch.setattr(services.evidence, limit, 10)
    file = photo_upload() if upload == "jpg" else SimpleUploadedFile("ba.pdf", PDF_BYTES)
    before = db_state()
    response = officer.post(_url(draft, "bukti/"), {"kind": kind, "file": file})
    assert response.status_code == 400 and response.context["evidence_form"].errors["file"]
    assert db_state() == before


def test_good_evidence_through_the_page(mon, draft, officer):
    response = officer.post(
        _url(draft, "bukti/"), {"kind": "photo", "file": photo_upload(), "latitude": "-2.56", "longitude": "120.33"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(kind="photo")
    assert evidence.kind == "photo" and str(evidence.latitude) == "-2.560000"
    html = officer.get(_url(draft)).content.decode()
    assert f"/bukti/{evidence.pk}/" in html


# --- verification -------------------------------------------------------------------------------------


def test_return_without_comment_is_refused(mon, draft, client_for):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    before = db_state()
    response = client_for(mon["users"]["tim_pelaksana"]).post(_url(draft, "putusan/"), {"action": "return"})
    assert response.status_code == 400 and response.context["decision_form"].errors["comment"]
    assert db_state() == before


def test_the_return_reason_reaches_the_officer_and_heads_the_report_form(
    mon, draft, client_for, django_capture_on_commit_callbacks
):
    from kotacerdas.common.models import Notification

    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mon["users"]["tim_pelaksana"]).post(
            _url(draft, "putusan/"), {"action": "return", "comment": "Lampirkan foto lokasi pekerjaan."}
        )
    assert response.status_code == 302
    notice = Notification.objects.get(user=mon["users"]["agency_officer"], key__contains="returned")
    assert "Lampirkan foto lokasi pekerjaan." in notice.message
    page = client_for(mon["users"]["agency_officer"]).get(_url(draft))
    assert page.context["form"] is not None  # the officer can revise
    html = page.content.decode()
    reason = html.index('data-testid="return-reason"')
    assert "Lampirkan foto lokasi pekerjaan." in html[reason:] and reason < html.index('data-testid="report-form"')


def test_unknown_decision_is_refused(mon, draft, client_for):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    before = db_state()
    response = client_for(mon["users"]["tim_pelaksana"]).post(_url(draft, "putusan/"), {"action": "approve"})
    assert response.status_code == 400
    assert db_state() == before


def test_verifying_a_draft_through_the_page_is_refused(mon, draft, client_for):
    before = db_state()
    response = client_for(mon["users"]["tim_pelaksana"]).post(_url(draft, "putusan/"), {"action": "verify"})
    assert response.status_code == 400
    assert db_state() == before


# --- what each role sees on a report ------------------------------------------------------------------


@pytest.mark.parametrize(
    "state, who, form, decide, acknowledge",
    [
        ("draft", "agency_officer", True, False, False),
        ("draft", "region_admin", True, False, False),
        ("draft", "tim_pelaksana", False, False, False),
        ("draft", "evaluator", False, False, False),
        ("submitted", "agency_officer", False, False, False),
        ("submitted", "tim_pelaksana", False, True, False),
        ("submitted", "region_admin", False, True, False),
        ("submitted", "dewan", False, False, False),
        ("verified", "dewan", False, False, True),
        ("verified", "tim_pelaksana", False, False, False),
        ("returned", "agency_officer", True, False, False),
    ],
)
def test_controls_by_role_and_state(mon, draft, client_for, state, who, form, decide, acknowledge):
    officer, tim = mon["users"]["agency_officer"], mon["users"]["tim_pelaksana"]
    if state != "draft":
        services.progress_report_submit(actor=officer, report=draft)
    if state == "verified":
        services.progress_report_verify(actor=tim, report=draft)
    if state == "returned":
        services.progress_report_return(actor=tim, report=draft, comment="Perbaiki")
    html = client_for(mon["users"][who]).get(_url(draft)).content.decode()
    assert ('data-testid="report-form"' in html) == form
    assert ('data-testid="evidence-form"' in html) == form
    assert ('data-testid="decision-form"' in html) == decide
    assert (f'action="{_url(draft, "tanggapi/")}"' in html) == acknowledge


def test_verifier_does_not_see_decision_on_own_report(mon, client_for):
    admin = mon["users"]["region_admin"]
    report = services.progress_report_start(actor=admin, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=admin, report=report, values={mon["indicator"].pk: "20"})
    services.progress_report_submit(actor=admin, report=report)
    assert 'data-testid="decision-form"' not in client_for(admin).get(_url(report)).content.decode()


# --- autosave -----------------------------------------------------------------------------------------


def test_autosave_returns_the_status_fragment_with_the_new_revision(mon, draft, officer):
    value = f"value_{mon['indicator'].pk}"
    response = officer.post(_url(draft, "simpan/"), {"revision": draft.revision, value: "25"}, **HX)
    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["monitoring/_save_status.html"]
    html = response.content.decode()
    assert "<html" not in html and 'class="ok"' in html
    revision = _revision_in(html)
    assert revision == draft.revision + 1
    # the next autosave carries the revision the fragment swapped in
    response = officer.post(_url(draft, "simpan/"), {"revision": revision, value: "30"}, **HX)
    assert response.status_code == 200 and 'class="ok"' in response.content.decode()
    assert _revision_in(response.content.decode()) == revision + 1
    draft.refresh_from_db()
    assert draft.values.get().realised == 30 and draft.revision == revision + 1


def test_autosave_with_bad_input_says_not_saved(mon, draft, officer):
    before = db_state()
    response = officer.post(
        _url(draft, "simpan/"), {"revision": draft.revision, f"value_{mon['indicator'].pk}": "abc"}, **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and 'class="ok"' not in html
    assert _revision_in(html) == draft.revision
    assert db_state() == before


def test_a_stale_autosave_stays_stale(mon, draft, client_for):
    value = f"value_{mon['indicator'].pk}"
    opened = draft.revision
    first = client_for(mon["users"]["region_admin"])
    assert 'class="ok"' in first.post(_url(draft, "simpan/"), {"revision": opened, value: "30"}, **HX).content.decode()
    second = client_for(mon["users"]["agency_officer"])
    refused = second.post(_url(draft, "simpan/"), {"revision": opened, value: "5"}, **HX).content.decode()
    assert 'role="alert"' in refused
    # the stale editor keeps typing: their browser now holds whatever revision the fragment swapped in
    second.post(_url(draft, "simpan/"), {"revision": _revision_in(refused), value: "6"}, **HX)
    assert draft.values.get().realised == 30


# --- odd requests -------------------------------------------------------------------------------------


def test_periods_page_refuses_a_year_that_is_not_one(mon, client_for):
    client = client_for(mon["users"]["region_admin"])
    before = db_state()
    response = client.post("/r/luwu-utara/monev/periode/", {"year": "dua ribu"})
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    response = client.post("/r/luwu-utara/monev/periode/", {"period": mon["home_period"].pk, "status": "planned"})
    assert response.status_code == 302
    assert db_state() == before


def test_periods_page_creates_a_year_once(mon, client_for):
    client = client_for(mon["users"]["region_admin"])
    client.post("/r/luwu-utara/monev/periode/", {"year": "2025"})
    client.post("/r/luwu-utara/monev/periode/", {"year": "2025"})
    periods = list(ReportingPeriod.objects.filter(region=mon["home"], year=2025).order_by("number"))
    assert [(p.number, str(p.starts_on), str(p.ends_on), str(p.due_on)) for p in periods] == [
        (1, "2025-01-01", "2025-03-31", "2025-04-10"),
        (2, "2025-04-01", "2025-06-30", "2025-07-10"),
        (3, "2025-07-01", "2025-09-30", "2025-10-10"),
        (4, "2025-10-01", "2025-12-31", "2026-01-10"),
    ]
    assert all(p.status == "planned" for p in periods)


@pytest.mark.parametrize("year", ["9999", "1"])
def test_periods_page_refuses_an_absurd_year(mon, client_for, year):
    before = db_state()
    response = client_for(mon["users"]["region_admin"]).post("/r/luwu-utara/monev/periode/", {"year": year})
    assert response.status_code in (302, 400)
    assert db_state() == before


def test_dashboard_with_a_bad_agency_parameter(mon, client_for):
    response = client_for(mon["users"]["tim_pelaksana"]).get("/r/luwu-utara/monev/?agency=semua")
    assert response.status_code in (400, 404)


def test_dashboard_of_an_agency_of_another_region_is_404(mon, client_for):
    response = client_for(mon["users"]["tim_pelaksana"]).get(f"/r/luwu-utara/monev/?agency={mon['other_agency'].pk}")
    assert response.status_code == 404


# --- dashboards and the public summary ----------------------------------------------------------------


def test_dashboard_shows_verified_figures_and_late_reports(mon, draft, client_for):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=draft)  # 20 ÷ 40 = 50%
    from tests.factories import ProgrammeFactory

    ProgrammeFactory(masterplan=mon["home_plan"], code="LATE-01")  # never reported; Q1 2024 is long overdue
    html = client_for(mon["users"]["tim_pelaksana"]).get("/r/luwu-utara/monev/").content.decode()
    assert 'data-testid="overall-achievement">50%<' in html
    late = html.split('data-testid="late-list"')[1].split("</ul>")[0]
    assert "LATE-01" in late and "GOV-01" not in late


def test_officer_dashboard_is_their_agencys(mon, client_for):
    response = client_for(mon["users"]["agency_officer"]).get("/r/luwu-utara/monev/")
    assert response.context["agency"] == mon["home_agency"]
    assert client_for(mon["users"]["tim_pelaksana"]).get("/r/luwu-utara/monev/").context["agency"] is None


def test_my_programmes_lists_due_and_returned(mon, draft, client_for):
    officer = mon["users"]["agency_officer"]
    services.progress_report_submit(actor=officer, report=draft)
    services.progress_report_return(actor=mon["users"]["tim_pelaksana"], report=draft, comment="Perbaiki")
    response = client_for(officer).get("/r/luwu-utara/monev/program-saya/")
    groups = response.context["groups"]
    assert [row.programme.code for row in groups["returned"]] == ["GOV-01"]
    assert 'data-testid="due-GOV-01"' in response.content.decode()


def test_home_page_summary_appears_once_a_report_is_verified(mon, draft, client, django_capture_on_commit_callbacks):
    html = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="public-summary"' not in html
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    assert 'data-testid="public-summary"' not in client.get("/r/luwu-utara/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the cached page is retired on commit
        services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=draft)
    html = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="public-summary"' in html
    assert 'data-testid="dimension-achievement-governance">50' in html
    assert 'data-testid="dimension-achievement-economy">–<' in html
    cache.clear()
    assert 'data-testid="public-summary"' not in client.get("/r/maros/").content.decode()
