"""Bad input and forbidden steps: each refused with a message the person can act on, and nothing changed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import ProgressReport, ReportingPeriod
from tests.factories import IndicatorFactory, MembershipFactory, TargetFactory, UserFactory

from .factories import ReportingPeriodFactory
from .helpers import PDF_BYTES, add_link_evidence, db_state, image_bytes, pdf_upload, photo_upload

Status = ProgressReport.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft(mon):
    """A draft of GOV-01 in 2024 Q1 with its indicator filled in (revision 1)."""
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    add_link_evidence(report, officer)  # verification requires evidence
    return services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})


def _refused(call, *, message=None, field=None):
    """Run `call`, expect an ApplicationError, and check nothing in the database changed."""
    before = db_state()
    with pytest.raises(ApplicationError) as exc:
        call()
    assert db_state() == before
    if message is not None:
        assert exc.value.message == message
    if field is not None:
        assert field in exc.value.fields, exc.value.fields
        assert all(str(m) for m in exc.value.fields[field])
    return exc.value


# --- figures ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, field, text",
    [
        ({"values": {"IND": "dua puluh"}}, "value_IND", "Enter a number, e.g. 1.500.000 or 12,5."),
        ({"values": {"IND": "NaN"}}, "value_IND", "Enter a number, e.g. 1.500.000 or 12,5."),
        ({"values": {"IND": "Infinity"}}, "value_IND", "Enter a number, e.g. 1.500.000 or 12,5."),
        ({"values": {"999999": "5"}}, "values", "Unknown indicator 999999."),
        ({"progress_percent": "101"}, "progress_percent", "100"),
        ({"progress_percent": "100.01"}, "progress_percent", "100"),
        ({"progress_percent": "-1"}, "progress_percent", "0"),
        ({"progress_percent": "banyak"}, "progress_percent", "Enter a number"),
        ({"budget_realised": "-5"}, "budget_realised", "0"),
        ({"budget_realised": "-1,500,000"}, "budget_realised", "0"),
        ({"budget_realised": "Rp 1 juta"}, "budget_realised", "Enter a number"),
        ({"milestone": "x" * 251}, "milestone", "250"),
    ],
)
def test_save_refuses_bad_figures(mon, draft, kwargs, field, text):
    indicator = mon["indicator"]
    if "values" in kwargs:
        kwargs = {"values": {k.replace("IND", str(indicator.pk)): v for k, v in kwargs["values"].items()}}
    field = field.replace("IND", str(indicator.pk))
    error = _refused(
        lambda: services.progress_report_save(actor=mon["users"]["agency_officer"], report=draft, **kwargs),
        message="Please correct the errors below.",
        field=field,
    )
    assert any(text in str(m) for m in error.fields[field]), error.fields
    draft.refresh_from_db()
    assert draft.revision == 1 and draft.values.get().realised == 20


def test_save_reports_every_bad_field_at_once(mon, draft):
    error = _refused(
        lambda: services.progress_report_save(
            actor=mon["users"]["agency_officer"],
            report=draft,
            values={mon["indicator"].pk: "x"},
            progress_percent="150",
            budget_realised="-1",
        )
    )
    assert {f"value_{mon['indicator'].pk}", "progress_percent", "budget_realised"} <= set(error.fields)


def test_a_good_field_next_to_a_bad_one_is_not_saved(mon, draft):
    _refused(
        lambda: services.progress_report_save(
            actor=mon["users"]["agency_officer"],
            report=draft,
            values={mon["indicator"].pk: "35"},
            narrative="Sudah berjalan",
            progress_percent="-3",
        ),
        field="progress_percent",
    )
    draft.refresh_from_db()
    assert draft.narrative == "" and draft.values.get().realised == 20


def test_save_refuses_a_value_too_large_for_the_field(mon, draft):
    _refused(
        lambda: services.progress_report_save(
            actor=mon["users"]["agency_officer"], report=draft, values={mon["indicator"].pk: "99999999999999999999"}
        ),
        field=f"value_{mon['indicator'].pk}",
    )


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("id", "1.500.000", "1500000"),
        ("id", "1.500", "1500"),
        ("id", "12,5", "12.5"),
        ("id", "1.500.000,75", "1500000.75"),
        ("id", "1 500 000", "1500000"),
        ("id", "7", "7"),
        ("id", "12.5", "12.5"),  # a lone dot not followed by three digits is a decimal mark
        ("id", "0.125", "0.125"),
        ("id", "-12,5", "-12.5"),
        ("en", "1,500,000", "1500000"),
        ("en", "12.5", "12.5"),
        ("en", "1,500,000.75", "1500000.75"),
    ],
)
def test_number_formats_of_the_active_language(mon, draft, language, text, expected):
    from decimal import Decimal

    with translation.override(language):
        report = services.progress_report_save(
            actor=mon["users"]["agency_officer"], report=draft, values={mon["indicator"].pk: text}
        )
    assert report.values.get().realised == Decimal(expected)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"progress_percent": "100,5"}, "progress_percent"),
        ({"progress_percent": "-0,5"}, "progress_percent"),
        ({"budget_realised": "-1.500.000"}, "budget_realised"),
        ({"budget_realised": "1.500.000,50"}, "budget_realised"),  # rupiah without sen
        ({"values": "1,2,3"}, "value"),
    ],
)
def test_bad_figures_in_indonesian(mon, draft, kwargs, field):
    if "values" in kwargs:
        kwargs = {"values": {mon["indicator"].pk: kwargs["values"]}}
        field = f"value_{mon['indicator'].pk}"
    with translation.override("id"):
        _refused(
            lambda: services.progress_report_save(actor=mon["users"]["agency_officer"], report=draft, **kwargs),
            field=field,
        )


# --- evidence -----------------------------------------------------------------------------------------


def _php(name):
    return SimpleUploadedFile(name, b"<?php system($_GET['c']); ?>", content_type="image/jpeg")


def _gif(name):
    return SimpleUploadedFile(name, image_bytes("GIF"), content_type="image/png")


@pytest.mark.parametrize(
    "kind, make, field, text",
    [
        ("document", lambda: SimpleUploadedFile("laporan.pdf", b"just some text\n"), "file", "Only PDF"),
        ("document", lambda: SimpleUploadedFile("laporan.docx", PDF_BYTES), "file", "content is PDF"),
        ("photo", lambda: _php("foto.jpg"), "file", "not an image"),
        ("document", lambda: _php("foto.jpg"), "file", "Only PDF"),
        ("photo", lambda: _gif("foto.png"), "file", "Only JPEG, PNG or WebP"),
        ("photo", lambda: pdf_upload("foto.jpg"), "file", "not an image"),
        ("photo", lambda: None, "file", "Choose a file."),
        ("document", lambda: None, "file", "Choose a file."),
        ("link", lambda: None, "url", "required"),
        ("video", lambda: None, "kind", "Choose document, photo or link."),
    ],
)
def test_evidence_refuses_what_it_is_not(mon, draft, kind, make, field, text):
    error = _refused(
        lambda: services.evidence_add(actor=mon["users"]["agency_officer"], report=draft, kind=kind, file=make()),
        field=field,
    )
    assert any(text in str(m) for m in error.fields[field]), error.fields


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "bukan alamat"}, "url"),
        ({"url": "https://example.org/", "latitude": "95"}, "latitude"),
        ({"url": "https://example.org/", "longitude": "-181"}, "longitude"),
        ({"url": "https://example.org/", "latitude": "utara"}, "latitude"),
    ],
)
def test_link_evidence_refuses_bad_urls_and_places(mon, draft, kwargs, field):
    _refused(
        lambda: services.evidence_add(actor=mon["users"]["agency_officer"], report=draft, kind="link", **kwargs),
        field=field,
    )


def test_photo_over_the_size_limit(mon, draft, monkeypatch):
    monkeypatch.setattr(services.evidence, "PHOTO_MAX_BYTES", 100)
    error = _refused(
        lambda: services.evidence_add(
            actor=mon["users"]["agency_officer"], report=draft, kind="photo", file=photo_upload()
        ),
        field="file",
    )
    assert "too large" in error.fields["file"][0]


def test_document_over_the_size_limit(mon, draft, monkeypatch):
    monkeypatch.setattr(services.evidence, "DOCUMENT_MAX_BYTES", 10)
    error = _refused(
        lambda: services.evidence_add(
            actor=mon["users"]["agency_officer"], report=draft, kind="document", file=pdf_upload()
        ),
        field="file",
    )
    assert "too large" in error.fields["file"][0]


def test_refused_upload_leaves_no_file_behind(mon, draft, tmp_path):
    _refused(
        lambda: services.evidence_add(
            actor=mon["users"]["agency_officer"], report=draft, kind="photo", file=_php("foto.jpg")
        )
    )
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_evidence_only_on_an_editable_report(mon, draft):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    _refused(
        lambda: services.evidence_add(
            actor=mon["users"]["agency_officer"], report=draft, kind="link", url="https://example.org/"
        ),
        message="Evidence can only be added to a draft or returned report.",
    )


@pytest.mark.parametrize("who", ["tim_pelaksana", "dewan", "citizen", "other_officer", "other_admin", "evaluator"])
def test_evidence_only_by_who_may_write(mon, draft, who):
    _refused(
        lambda: services.evidence_add(actor=mon["users"][who], report=draft, kind="link", url="https://example.org/"),
        message="You are not allowed to do this.",
    )


# --- closed periods -----------------------------------------------------------------------------------


def _close(period):
    ReportingPeriod.objects.filter(pk=period.pk).update(status=ReportingPeriod.Status.CLOSED)
    period.refresh_from_db()


def test_no_report_can_be_started_in_a_closed_period(mon):
    _close(mon["home_period"])
    _refused(
        lambda: services.progress_report_start(
            actor=mon["users"]["agency_officer"], programme=mon["home_programme"], period=mon["home_period"]
        ),
        message="The period Q1 2024 is not open for reports.",
    )
    assert not ProgressReport.objects.exists()


def test_no_report_in_a_planned_period(mon):
    planned = ReportingPeriodFactory(region=mon["home"], year=2024, number=2, status=ReportingPeriod.Status.PLANNED)
    _refused(
        lambda: services.progress_report_start(
            actor=mon["users"]["agency_officer"], programme=mon["home_programme"], period=planned
        )
    )


def test_a_draft_cannot_be_saved_once_its_period_closed(mon, draft):
    _close(mon["home_period"])
    _refused(
        lambda: services.progress_report_save(
            actor=mon["users"]["agency_officer"], report=draft, values={mon["indicator"].pk: "35"}
        ),
        message="The period Q1 2024 is closed.",
    )


def test_a_draft_cannot_be_submitted_once_its_period_closed(mon, draft):
    _close(mon["home_period"])
    _refused(
        lambda: services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft),
        message="The period Q1 2024 is closed.",
    )


def test_period_of_another_region_or_year_outside_the_programme(mon):
    officer = mon["users"]["agency_officer"]
    _refused(
        lambda: services.progress_report_start(
            actor=officer, programme=mon["home_programme"], period=mon["other_period"]
        ),
        message="This period belongs to another region.",
    )
    later = ReportingPeriodFactory(region=mon["home"], year=2027, number=1)
    _refused(
        lambda: services.progress_report_start(actor=officer, programme=mon["home_programme"], period=later),
        message="The programme does not run in 2027.",
    )


# --- who may act --------------------------------------------------------------------------------------


@pytest.fixture
def stranger_officer(mon):
    """An agency officer of the home region bound to another agency."""
    from tests.factories import AgencyFactory

    agency = AgencyFactory(region=mon["home"])
    return MembershipFactory(region=mon["home"], role="agency_officer", agency=agency, user=UserFactory()).user


@pytest.mark.parametrize("who", ["stranger", "other_officer", "other_admin", "tim_pelaksana", "dewan", "citizen"])
def test_submit_only_by_the_owner_agency_or_region_admin(mon, draft, stranger_officer, who):
    actor = stranger_officer if who == "stranger" else mon["users"][who]
    _refused(
        lambda: services.progress_report_submit(actor=actor, report=draft), message="You are not allowed to do this."
    )
    _refused(
        lambda: services.progress_report_save(actor=actor, report=draft, values={mon["indicator"].pk: "1"}),
        message="You are not allowed to do this.",
    )


@pytest.mark.parametrize("who", ["stranger", "other_officer", "other_admin", "tim_pelaksana", "partner"])
def test_start_only_by_the_owner_agency_or_region_admin(mon, stranger_officer, who):
    actor = stranger_officer if who == "stranger" else mon["users"][who]
    _refused(
        lambda: services.progress_report_start(actor=actor, programme=mon["home_programme"], period=mon["home_period"]),
        message="You are not allowed to do this.",
    )


@pytest.mark.parametrize("action", ["verify", "return"])
def test_nobody_verifies_or_returns_their_own_report(mon, action):
    admin = mon["users"]["region_admin"]
    report = services.progress_report_start(actor=admin, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=admin, report=report, values={mon["indicator"].pk: "40"})
    services.progress_report_submit(actor=admin, report=report)
    call = getattr(services, f"progress_report_{action}")
    _refused(
        lambda: call(actor=admin, report=report, comment="ok"),
        message="You cannot verify or return a report you wrote yourself.",
    )


def test_region_admin_who_started_cannot_verify_what_an_officer_submitted(mon):
    admin, officer = mon["users"]["region_admin"], mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=admin, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "40"})
    services.progress_report_submit(actor=officer, report=report)
    _refused(lambda: services.progress_report_verify(actor=admin, report=report))


@pytest.mark.parametrize("action", ["verify", "return"])
def test_only_a_submitted_report_is_decided(mon, draft, action):
    call = getattr(services, f"progress_report_{action}")
    _refused(
        lambda: call(actor=mon["users"]["tim_pelaksana"], report=draft, comment="ok"),
        message="Only a submitted report can be verified or returned.",
    )


@pytest.mark.parametrize("who", ["agency_officer", "dewan", "citizen", "other_admin", "evaluator"])
def test_only_verifiers_verify(mon, draft, who):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    for call in (services.progress_report_verify, services.progress_report_return):
        _refused(lambda call=call: call(actor=mon["users"][who], report=draft, comment="ok"))
    assert ProgressReport.objects.get().status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["tim_pelaksana", "region_admin", "agency_officer", "other_admin", "evaluator"])
def test_only_the_dewan_acknowledges(mon, draft, who):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=draft)
    _refused(
        lambda: services.progress_report_acknowledge(actor=mon["users"][who], report=draft),
        message="You are not allowed to do this.",
    )
    assert ProgressReport.objects.get().acknowledged_at is None


def test_the_dewan_acknowledges_only_verified_reports(mon, draft):
    services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft)
    _refused(
        lambda: services.progress_report_acknowledge(actor=mon["users"]["dewan"], report=draft),
        message="Only a verified report can be acknowledged.",
    )


def test_a_submitted_report_is_not_edited_or_resubmitted(mon, draft):
    officer = mon["users"]["agency_officer"]
    services.progress_report_submit(actor=officer, report=draft)
    _refused(
        lambda: services.progress_report_save(actor=officer, report=draft, values={mon["indicator"].pk: "1"}),
        message="This report is submitted and can no longer be changed.",
    )
    _refused(
        lambda: services.progress_report_submit(actor=officer, report=draft),
        message="Only a draft or returned report can be submitted.",
    )


# --- stale revision and completeness ------------------------------------------------------------------


def test_a_stale_revision_is_refused_and_the_first_editor_wins(mon, draft):
    officer, admin = mon["users"]["agency_officer"], mon["users"]["region_admin"]
    opened = draft.revision  # both open the form at this revision
    services.progress_report_save(
        actor=officer, report=draft, revision=opened, values={mon["indicator"].pk: "30"}, narrative="Petugas"
    )
    _refused(
        lambda: services.progress_report_save(
            actor=admin, report=draft, revision=opened, values={mon["indicator"].pk: "5"}, narrative="Admin"
        ),
        message="Someone else saved this report after you opened it. Reload the page to see their changes.",
    )
    draft.refresh_from_db()
    assert draft.narrative == "Petugas" and draft.values.get().realised == 30 and draft.revision == opened + 1


def test_ones_own_newer_save_is_no_conflict(mon, draft):
    officer = mon["users"]["agency_officer"]
    opened = draft.revision
    services.progress_report_save(actor=officer, report=draft, revision=opened, narrative="Autosave")
    report = services.progress_report_save(actor=officer, report=draft, revision=opened, narrative="Kirim")
    assert report.narrative == "Kirim"


def test_a_stale_tab_cannot_wipe_someone_elses_change(mon, draft):
    officer, admin = mon["users"]["agency_officer"], mon["users"]["region_admin"]
    stale = draft.revision  # tab 1 of the officer
    services.progress_report_save(actor=admin, report=draft, revision=stale, narrative="Catatan admin")
    fresh = ProgressReport.objects.get(pk=draft.pk).revision  # tab 2, opened after the admin's save
    services.progress_report_save(
        actor=officer, report=draft, revision=fresh, narrative="Catatan admin", milestone="M1"
    )
    _refused(
        lambda: services.progress_report_save(
            actor=officer, report=draft, revision=stale, narrative="", milestone="M1"
        ),
        message="Someone else saved this report after you opened it. Reload the page to see their changes.",
    )


def test_submit_needs_every_indicator(mon, draft):
    second = IndicatorFactory(programme=mon["home_programme"])
    TargetFactory(indicator=second, year=2024)
    error = _refused(
        lambda: services.progress_report_submit(actor=mon["users"]["agency_officer"], report=draft),
        message="Fill in the realised value of every indicator before submitting.",
        field="values",
    )
    assert error.fields["values"] == ["1 indicator(s) have no value."]


def test_submit_without_indicators_needs_the_progress(mon):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(masterplan=mon["home_plan"], owner_agency=mon["home_agency"])
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=programme, period=mon["home_period"])
    _refused(
        lambda: services.progress_report_submit(actor=officer, report=report),
        message="State the progress % before submitting.",
        field="progress_percent",
    )


def test_messages_are_indonesian_by_default(mon, draft):
    with translation.override("id"), pytest.raises(ApplicationError) as exc:
        services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=draft)
    assert exc.value.message != "Only a submitted report can be verified or returned."


def test_evidence_cannot_be_added_once_the_period_closed(mon, draft):
    _close(mon["home_period"])
    _refused(
        lambda: services.evidence_add(
            actor=mon["users"]["agency_officer"], report=draft, kind="link", url="https://example.org/"
        )
    )
