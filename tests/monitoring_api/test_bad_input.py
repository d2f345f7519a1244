"""Bad input answers 400 as {"detail": ..., "errors": {field: [...]}} and changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.audit.models import AuditEvent
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence, IndicatorValue, ProgressReport

from .helpers import close_period, draft_report, open_period, submitted_report

API = "/api/v1/regions/luwu-utara/monitoring/"


@pytest.fixture
def officer(world, client_for):
    return client_for(world["users"]["agency_officer"])


@pytest.fixture
def report(world):
    return draft_report(world, open_period(world), realised="30", progress="60")


def _state(report) -> tuple:
    report = ProgressReport.objects.get(pk=report.pk)
    values = sorted(IndicatorValue.objects.filter(report=report).values_list("indicator_id", "realised"))
    return (
        report.status,
        report.revision,
        report.progress_percent,
        report.budget_realised,
        report.achievement,
        values,
        Evidence.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(response, *fields) -> dict:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    for field in fields:
        assert body["errors"].get(field), body
    return body


def _patch(client, report, data):
    return client.patch(f"{API}reports/{report.pk}/", data, content_type="application/json")


def test_non_numeric_value(world, officer, report):
    indicator = world["home_programme"].indicators.get()
    before = _state(report)
    body = _refused(
        _patch(officer, report, {"revision": report.revision, "values": {str(indicator.pk): "tiga puluh"}}),
        f"values.{indicator.pk}",
    )
    assert "1.500.000" in body["errors"][f"values.{indicator.pk}"][0]
    assert _state(report) == before


def test_unknown_indicator(officer, report):
    before = _state(report)
    _refused(_patch(officer, report, {"revision": report.revision, "values": {"999999": "1"}}), "values")
    assert _state(report) == before


@pytest.mark.parametrize("progress", ["150", 150, "-1", "lima"])
def test_progress_out_of_range(officer, report, progress):
    before = _state(report)
    _refused(_patch(officer, report, {"revision": report.revision, "progress_percent": progress}), "progress_percent")
    assert _state(report) == before


def test_negative_budget(officer, report):
    before = _state(report)
    _refused(_patch(officer, report, {"revision": report.revision, "budget_realised": "-5"}), "budget_realised")
    assert _state(report) == before


def test_revision_is_required_and_a_stale_one_is_refused(world, officer, report):
    read = report.revision
    # The region admin saves on the agency's behalf after the officer read the report.
    report = services.progress_report_save(
        actor=world["users"]["region_admin"], report=report, revision=read, milestone="Dari admin"
    )
    before = _state(report)
    _refused(_patch(officer, report, {"milestone": "x"}), "revision")
    _refused(_patch(officer, report, {"revision": "abc", "milestone": "x"}), "revision")
    body = _refused(_patch(officer, report, {"revision": read, "milestone": "x"}), "non_field_errors")
    assert body["errors"]["non_field_errors"] == [body["detail"]]
    assert _state(report) == before


def test_closed_period(world, officer, report):
    close_period(world, report.period)
    before = _state(report)
    _refused(_patch(officer, report, {"revision": report.revision, "milestone": "x"}), "non_field_errors")
    _refused(officer.post(f"{API}reports/{report.pk}/submit/"), "non_field_errors")
    start = officer.post(
        API + "reports/", {"programme_code": "GOV-01", "period_id": report.period_id}, content_type="application/json"
    )
    assert start.status_code == 200  # the existing report, unchanged
    assert _state(report) == before


def test_starting_in_a_closed_period_creates_nothing(world, officer):
    period = close_period(world, open_period(world))
    events = AuditEvent.objects.count()
    _refused(
        officer.post(API + "reports/", {"programme_code": "GOV-01", "period_id": period.pk}, "application/json"),
        "non_field_errors",
    )
    assert not ProgressReport.objects.exists() and AuditEvent.objects.count() == events


def test_start_with_unknown_programme_or_another_regions_period(world, officer):
    maros_period = open_period(world, region_key="other")
    home_period = open_period(world)
    _refused(
        officer.post(API + "reports/", {"programme_code": "NOPE", "period_id": home_period.pk}, "application/json"),
        "programme_code",
    )
    _refused(
        officer.post(API + "reports/", {"programme_code": "GOV-01", "period_id": maros_period.pk}, "application/json"),
        "period_id",
    )
    _refused(officer.post(API + "reports/", {}, "application/json"), "programme_code", "period_id")
    assert not ProgressReport.objects.exists()


def test_spoofed_evidence_file(officer, report):
    before = _state(report)
    fake_pdf = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    body = _refused(officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "document", "file": fake_pdf}), "file")
    assert "PDF" in body["errors"]["file"][0]
    fake_photo = SimpleUploadedFile("foto.jpg", b"GIF89a not really", "image/jpeg")
    _refused(officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "photo", "file": fake_photo}), "file")
    _refused(officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "document"}), "file")
    _refused(officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "video", "url": "https://x.org"}), "kind")
    _refused(officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "link"}), "url")
    assert _state(report) == before


def test_real_photo_with_location_is_accepted(officer, report):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(out, "JPEG")
    photo = SimpleUploadedFile("lokasi.jpg", out.getvalue(), "image/jpeg")
    response = officer.post(
        f"{API}reports/{report.pk}/evidence/",
        {"kind": "photo", "file": photo, "caption": "Lokasi", "latitude": "-2.5", "longitude": "120.35"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content_type"] == "image/jpeg" and body["latitude"] == "-2.500000"
    assert body["file"].endswith(f"/r/luwu-utara/monev/laporan/{report.pk}/bukti/{body['id']}/")
    _refused(
        officer.post(f"{API}reports/{report.pk}/evidence/", {"kind": "link", "url": "https://x.org", "latitude": "95"}),
        "latitude",
    )


def test_verifying_ones_own_report(world, client_for):
    admin = world["users"]["region_admin"]
    report = submitted_report(world, open_period(world), by=admin)
    client = client_for(admin)
    before = _state(report)
    for decision in ("verify", "return"):
        body = _refused(
            client.post(f"{API}reports/{report.pk}/{decision}/", {"comment": "ok"}, "application/json"),
            "non_field_errors",
        )
        assert "yourself" in body["detail"] or body["detail"]
    assert _state(report) == before


def test_return_needs_a_comment_and_only_submitted_reports_are_decided(world, client_for, report):
    client = client_for(world["users"]["tim_pelaksana"])
    before = _state(report)
    _refused(client.post(f"{API}reports/{report.pk}/verify/", {}, "application/json"), "non_field_errors")  # a draft
    assert _state(report) == before
    submitted = submitted_report(world, report.period)
    before = _state(submitted)
    _refused(client.post(f"{API}reports/{submitted.pk}/return/", {"comment": "  "}, "application/json"), "comment")
    assert _state(submitted) == before


def test_submitting_an_incomplete_report(world, officer):
    period = open_period(world)
    start = officer.post(API + "reports/", {"programme_code": "GOV-01", "period_id": period.pk}, "application/json")
    report = ProgressReport.objects.get(pk=start.json()["id"])
    before = _state(report)
    _refused(officer.post(f"{API}reports/{report.pk}/submit/"), "values")
    assert _state(report) == before


@pytest.mark.parametrize("query", ["status=bogus", "period=abc"])
def test_bad_list_filters(world, client_for, query):
    response = client_for(world["users"]["tim_pelaksana"]).get(f"{API}reports/?{query}")
    _refused(response, query.split("=")[0])


def test_a_period_id_too_large_for_the_database_is_a_400(world, officer):
    r = officer.get(API + "reports/", {"period": "1551690119213467473957715435575050240"})
    assert r.status_code == 400 and "period" in r.json()["errors"]


def test_a_body_that_is_not_json_answers_the_documented_400(world, officer):
    before = (ProgressReport.objects.count(), AuditEvent.objects.count())
    r = officer.post(API + "reports/", data="\x00", content_type="application/json")
    assert r.status_code == 400
    assert set(r.json()) == {"detail", "errors"} and r.json()["errors"]["non_field_errors"]
    assert (ProgressReport.objects.count(), AuditEvent.objects.count()) == before
