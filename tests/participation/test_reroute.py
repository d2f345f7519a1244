"""Re-routing a report to another agency of the region: who may, what is refused, what the public sees, the
audit row, the new agency's notices, and statistics rows that stay equal to a full recount."""

import pytest
from django.urls import reverse
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.models import Notification
from kotacerdas.participation import services
from kotacerdas.participation.models import AgencyReportStats, Report, ReportUpdate
from tests.factories import MembershipFactory, UserFactory
from tests.roles import ALL_USERS

from .conftest import submit

pytestmark = pytest.mark.django_db
REROUTERS = {"region_admin", "tim_pelaksana", "agency_officer"}  # the officer's agency is the report's
STATS_FIELDS = ["received", "open", "responded", "responded_in_time", "resolved", "resolved_in_time", "rejected"]


def url(name, region="luwu-utara", **kwargs):
    return reverse(f"participation:{name}", kwargs={"region_slug": region, **kwargs})


def rows(region) -> dict:
    return {
        r.agency_id: ([getattr(r, f) for f in STATS_FIELDS], [n for n in r.response_hours if n] and _trim(r))
        for r in AgencyReportStats.objects.filter(region=region)
        if r.received
    }


def _trim(row) -> list:
    histogram = list(row.response_hours)
    while histogram and not histogram[-1]:
        histogram.pop()
    return histogram


def new_officer(aduan):
    user = UserFactory(username="opd.dpu")
    MembershipFactory(user=user, region=aduan["home"], role="agency_officer", agency=aduan["home_second_agency"])
    return user


def test_reroute_moves_statistics_like_a_recount_and_notifies(aduan, django_capture_on_commit_callbacks):
    region, admin = aduan["home"], aduan["users"]["region_admin"]
    officer = new_officer(aduan)
    answered = submit(aduan, description="Sudah dijawab")
    services.report_transition(report=answered, actor=admin, status="verified", text="Diverifikasi")
    fresh = submit(aduan, description="Baru")
    closed = submit(aduan, description="Selesai")
    services.report_transition(report=closed, actor=admin, status="rejected", text="Bukan wewenang")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_reroute(
            report=answered, actor=admin, agency=aduan["home_second_agency"], reason="Wewenang DPU", internal=True
        )
        services.report_reroute(
            report=fresh, actor=admin, agency=aduan["home_second_agency"], reason="Saluran milik DPU", internal=False
        )
    old = AgencyReportStats.objects.get(region=region, agency=aduan["home_agency"])
    new = AgencyReportStats.objects.get(region=region, agency=aduan["home_second_agency"])
    assert (old.received, old.open, old.responded, old.rejected) == (1, 0, 1, 1)
    assert (new.received, new.open, new.responded, new.responded_in_time) == (2, 2, 1, 1)
    assert sum(new.response_hours) == 1 and sum(old.response_hours) == 1
    incremental = rows(region)
    services.stats_rebuild(region=region)
    assert rows(region) == incremental
    answered.refresh_from_db()
    assert answered.agency == aduan["home_second_agency"] and answered.status == "verified"
    notes = Notification.objects.filter(user=officer)
    assert notes.count() == 2 and all(f"/staf/aduan/{answered.pk}/" in n.url or "/staf/aduan/" in n.url for n in notes)
    assert not Notification.objects.filter(user=aduan["users"]["agency_officer"]).exists()
    event = AuditEvent.objects.filter(action="report.reroute", object_id=str(answered.pk)).get()
    assert event.before["agency"] == aduan["home_agency"].pk
    assert event.after == {
        "agency": aduan["home_second_agency"].pk,
        "agency_name": aduan["home_second_agency"].name,
        "reason": "Wewenang DPU",
        "internal": True,
    }


@pytest.mark.parametrize(
    "case, field",
    [("same", "agency"), ("foreign", "agency"), ("closed", "agency"), ("empty", "reason"), ("long", "reason")],
)
def test_reroute_refusals_store_nothing(aduan, case, field):
    admin = aduan["users"]["region_admin"]
    report = submit(aduan)
    agency, reason = aduan["home_second_agency"], "Alasan"
    if case == "same":
        agency = aduan["home_agency"]
    elif case == "foreign":
        agency = aduan["other_second_agency"]
    elif case == "closed":
        services.report_transition(report=report, actor=admin, status="rejected", text="Tidak valid")
    elif case == "empty":
        reason = "   "
    else:
        reason = "x" * 2001
    before = rows(aduan["home"])
    with pytest.raises(ApplicationError) as exc:
        services.report_reroute(report=report, actor=admin, agency=agency, reason=reason)
    assert field in exc.value.fields
    report.refresh_from_db()
    assert report.agency == aduan["home_agency"]
    assert not ReportUpdate.objects.filter(forwarded_to__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="report.reroute").exists()
    assert rows(aduan["home"]) == before


@pytest.mark.parametrize("internal", [True, False])
def test_public_timeline_shows_forward_and_reason_only_when_public(aduan, client, client_for, internal):
    report = submit(aduan)
    services.report_reroute(
        report=report,
        actor=aduan["users"]["region_admin"],
        agency=aduan["home_second_agency"],
        reason="Alasan rahasia <b>internal</b>",
        internal=internal,
    )
    client.cookies["django_language"] = "en"  # the page speaks the visitor's language
    with translation.override("en"):
        page = client.get(url("report", pk=report.pk)).content.decode()
        tracked = client.get(url("track", code=report.tracking_code)).content.decode()
        staff = client_for(aduan["users"]["dewan"]).get(url("staff_report", pk=report.pk)).content.decode()
    for html in (page, tracked):
        assert f"Forwarded to {aduan['home_second_agency'].name}" in html
        assert ("Alasan rahasia" in html) is (not internal)
        assert "<b>internal</b>" not in html  # escaped when shown
    assert "Alasan rahasia" in staff


@pytest.mark.parametrize("who", ALL_USERS)
def test_reroute_permissions(aduan, client_for, who):
    user = aduan["users"][who]
    report = submit(aduan)
    client = client_for(user)
    data = {"action": "reroute", "agency": aduan["home_second_agency"].pk, "reason": "Wewenang DPU", "internal": "on"}
    response = client.post(url("staff_report", pk=report.pk), data)
    report.refresh_from_db()
    moved = report.agency_id == aduan["home_second_agency"].pk
    assert moved is (who in REROUTERS)
    if who in REROUTERS:
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403) and (response.status_code == 403 or user is None)
    page = client.get(url("staff_report", pk=report.pk))
    if page.status_code == 200:
        # after the forward, the old agency's officer no longer handles the report
        can_forward = page.context["reroute_form"] is not None
        assert page.content.decode().count('data-testid="reroute-form"') == int(can_forward)
        assert can_forward is (who in {"region_admin", "tim_pelaksana"} or (who == "agency_officer" and not moved))


def test_other_region_staff_and_ids_cannot_reroute(aduan, client_for):
    report = submit(aduan)
    for who in ("other_admin", "other_officer"):
        client = client_for(aduan["users"][who])
        data = {"action": "reroute", "agency": aduan["home_second_agency"].pk, "reason": "x"}
        assert client.post(url("staff_report", pk=report.pk), data).status_code == 403
        # the home report id under their own region: 404
        assert client.post(url("staff_report", region="maros", pk=report.pk), data).status_code in (403, 404)
    admin = client_for(aduan["users"]["region_admin"])
    foreign = {"action": "reroute", "agency": aduan["other_second_agency"].pk, "reason": "x"}
    with translation.override("en"):
        refused = admin.post(url("staff_report", pk=report.pk), foreign)
    assert refused.status_code == 400 and "agency" in refused.context["reroute_form"].errors
    report.refresh_from_db()
    assert report.agency == aduan["home_agency"]


def test_reroute_bad_form_input_is_400(aduan, client_for):
    report = submit(aduan)
    client = client_for(aduan["users"]["region_admin"])
    response = client.post(url("staff_report", pk=report.pk), {"action": "reroute", "agency": "", "reason": ""})
    assert response.status_code == 400
    assert set(response.context["reroute_form"].errors) == {"agency", "reason"}
    services.report_transition(report=report, actor=aduan["users"]["region_admin"], status="rejected", text="x")
    closed = client.post(
        url("staff_report", pk=report.pk),
        {"action": "reroute", "agency": aduan["home_second_agency"].pk, "reason": "x"},
    )
    assert closed.status_code == 400
    assert Report.objects.get(pk=report.pk).agency == aduan["home_agency"]


@pytest.mark.parametrize("forwards", [1, 6])
def test_report_page_queries_flat_with_forwards(aduan, client, django_assert_max_num_queries, forwards):
    report = submit(aduan)
    admin = aduan["users"]["region_admin"]
    agencies = [aduan["home_second_agency"], aduan["home_agency"]]
    for index in range(forwards):
        services.report_reroute(report=report, actor=admin, agency=agencies[index % 2], reason=f"r{index}")
    with django_assert_max_num_queries(12):
        assert client.get(url("report", pk=report.pk)).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(url("track", code=report.tracking_code)).status_code == 200
