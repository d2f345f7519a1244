"""Every monitoring API endpoint × every user of the `world`: allowed, 403, or 404 for another region's report."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.monitoring.models import Evidence, ProgressReport
from tests.roles import ALL_USERS

from .helpers import HOME_READERS, draft_report, open_period, submitted_report

API = "/api/v1/regions/luwu-utara/monitoring/"
WRITERS = {"region_admin", "agency_officer"}  # monitoring.write_report / start_report on GOV-01
VERIFIERS = {"region_admin", "tim_pelaksana"}  # monitoring.verify_report (never on one's own report)
# The due list: anyone with work due, or who may read the dashboard.
DUE_READERS = HOME_READERS


@pytest.fixture
def period(world):
    return open_period(world)


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.mark.parametrize("who", ALL_USERS)
def test_reads(world, period, client_for, who):
    report = draft_report(world, period)
    client = client_for(world["users"][who])
    due = client.get(API + "due/")
    listing = client.get(API + "reports/")
    detail = client.get(f"{API}reports/{report.pk}/")
    achievements = client.get(API + "achievements/")
    assert achievements.status_code == 200  # public
    if who in HOME_READERS:
        assert (due.status_code, listing.status_code, detail.status_code) == (200, 200, 200)
        assert listing.json()["count"] == 1 and detail.json()["id"] == report.pk
    else:
        assert (due.status_code, listing.status_code, detail.status_code) == (403, 403, 403)
        assert "detail" in detail.json() and "results" not in listing.json()
    if who in ("agency_officer", "region_admin"):
        assert [row["programme"]["code"] for row in due.json()] == ["GOV-01"]


@pytest.mark.parametrize("who", ALL_USERS)
def test_start_report(world, period, client_for, who):
    client = client_for(world["users"][who])
    response = _json(client, "post", API + "reports/", {"programme_code": "GOV-01", "period_id": period.pk})
    if who in WRITERS:
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "draft" and response.json()["programme"]["code"] == "GOV-01"
        again = _json(client, "post", API + "reports/", {"programme_code": "GOV-01", "period_id": period.pk})
        assert again.status_code == 200 and again.json()["id"] == response.json()["id"]
    else:
        assert response.status_code == 403
        assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("who", ALL_USERS)
def test_save_submit_and_evidence(world, period, client_for, who):
    report = draft_report(world, period)
    indicator = world["home_programme"].indicators.get()
    events = AuditEvent.objects.count()
    client = client_for(world["users"][who])
    save = _json(
        client,
        "patch",
        f"{API}reports/{report.pk}/",
        {"revision": report.revision, "values": {str(indicator.pk): "35,5"}, "milestone": "Tahap 2"},
    )
    evidence = client.post(
        f"{API}reports/{report.pk}/evidence/", {"kind": "link", "url": "https://example.org/foto", "caption": "Foto"}
    )
    submit = client.post(f"{API}reports/{report.pk}/submit/")
    report.refresh_from_db()
    if who in WRITERS:
        assert (save.status_code, evidence.status_code, submit.status_code) == (200, 201, 200)
        assert save.json()["values"][0]["realised"] == "35.5000" and save.json()["milestone"] == "Tahap 2"
        assert evidence.json()["kind"] == "link" and evidence.json()["file"] is None
        assert submit.json()["status"] == "submitted" and report.status == "submitted"
        assert AuditEvent.objects.count() == events + 3
    else:
        assert (save.status_code, evidence.status_code, submit.status_code) == (403, 403, 403)
        assert report.status == "draft" and report.milestone == "" and not Evidence.objects.exists()
        assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("who", ALL_USERS)
@pytest.mark.parametrize("decision", ["verify", "return"])
def test_verify_and_return(world, period, client_for, who, decision):
    report = submitted_report(world, period)  # written and submitted by the agency officer
    client = client_for(world["users"][who])
    response = _json(client, "post", f"{API}reports/{report.pk}/{decision}/", {"comment": "Lengkapi foto."})
    report.refresh_from_db()
    if who in VERIFIERS:
        assert response.status_code == 200, response.json()
        assert report.status == {"verify": "verified", "return": "returned"}[decision]
        assert response.json()["events"][-1]["comment"] == "Lengkapi foto."
    else:
        assert response.status_code == 403
        assert report.status == "submitted"


@pytest.mark.parametrize("who", ["other_admin", "other_officer", "evaluator"])
def test_another_regions_report_is_not_found(world, period, client_for, who):
    """Users who may read Maros cannot reach a Luwu Utara report through Maros' URLs."""
    report = submitted_report(world, period)
    client = client_for(world["users"][who])
    maros = "/api/v1/regions/maros/monitoring/reports/"
    assert client.get(maros).json()["count"] == 0
    assert client.get(f"{maros}{report.pk}/").status_code == 404
    assert _json(client, "patch", f"{maros}{report.pk}/", {"revision": report.revision}).status_code == 404
    assert client.post(f"{maros}{report.pk}/submit/").status_code == 404
    assert client.post(f"{maros}{report.pk}/evidence/", {"kind": "link", "url": "https://x.org"}).status_code == 404
    assert client.post(f"{maros}{report.pk}/verify/").status_code == 404
    assert client.post(f"{maros}{report.pk}/return/", {"comment": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"


def test_unknown_region_is_not_found(world, client_for):
    client = client_for(world["users"]["evaluator"])
    for path in ("due/", "reports/", "reports/1/", "achievements/"):
        assert client.get(f"/api/v1/regions/nope/monitoring/{path}").status_code == 404
