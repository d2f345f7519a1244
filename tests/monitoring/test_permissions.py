"""Role × monitoring URL × own region / other region → allowed or denied, and a denial changes nothing.

Every URL of kotacerdas/monitoring/urls.py appears below (a guard test fails when a new one is not swept).
"""

import pytest
from django.urls import get_resolver

from kotacerdas.common.models import Notification
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence, MonitoringSettings, ProgressReport, ReportingPeriod
from tests.access_table import ACCESS
from tests.roles import ALL_USERS

from .helpers import add_link_evidence, db_state, pdf_upload

VIEWERS = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}
WRITERS = {"region_admin", "agency_officer"}
VERIFIERS = {"region_admin", "tim_pelaksana"}
OTHER_REGION = {"other_admin", "other_officer"}
Status = ProgressReport.Status


def _draft(mon):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    return services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})


def _submitted(mon):
    report = _draft(mon)
    add_link_evidence(report, mon["users"]["agency_officer"])  # verification requires evidence
    return services.progress_report_submit(actor=mon["users"]["agency_officer"], report=report)


def _verified(mon):
    return services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=_submitted(mon))


def _login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/akun/masuk/?next=")


# --- pages (GET) --------------------------------------------------------------------------------------

PAGE_ACCESS = {
    "dashboard": VIEWERS,
    "my_programmes": VIEWERS,  # the officer for their due reports, the others as readers of the dashboard
    "periods": {"region_admin"},
    "verification_queue": VERIFIERS,
    "report": VIEWERS,
    "evidence_file": VIEWERS,
}


@pytest.fixture
def pages(mon):
    report = _submitted(mon)
    evidence = Evidence.objects.create(
        region=mon["home"],
        report=report,
        kind="document",
        file=pdf_upload(),
        content_type="application/pdf",
        uploaded_by=mon["users"]["agency_officer"],
    )
    base = "/r/luwu-utara/monev/"
    return {
        "dashboard": base,
        "my_programmes": base + "program-saya/",
        "periods": base + "periode/",
        "verification_queue": base + "verifikasi/",
        "report": f"{base}laporan/{report.pk}/",
        "evidence_file": f"{base}laporan/{report.pk}/bukti/{evidence.pk}/",
    }


@pytest.mark.parametrize("who", ALL_USERS)
def test_pages(mon, pages, client_for, who):
    client = client_for(mon["users"][who])
    got, expected = {}, {}
    for name, url in pages.items():
        response = client.get(url)
        got[name] = "login" if _login_redirect(response) else response.status_code
        if who == "anonymous":
            expected[name] = "login"
        else:
            expected[name] = 200 if who in PAGE_ACCESS[name] else 403
    assert got == expected


@pytest.mark.parametrize("who", sorted(VIEWERS))
def test_evidence_file_is_served_privately(mon, pages, client_for, who):
    response = client_for(mon["users"][who]).get(pages["evidence_file"])
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("who", [w for w in ALL_USERS if w not in OTHER_REGION])
def test_notifications_page_shows_only_ones_own(mon, client_for, who):
    officer = mon["users"]["agency_officer"]
    Notification.objects.create(region=mon["home"], user=officer, key="k", message="Rahasia petugas", url="/")
    client = client_for(mon["users"][who])
    response = client.get("/r/luwu-utara/monev/notifikasi/")
    if who == "anonymous":
        assert _login_redirect(response)
        return
    assert response.status_code == 200
    assert ("Rahasia petugas" in response.content.decode()) == (who == "agency_officer")
    before = db_state()
    response = client.post("/r/luwu-utara/monev/notifikasi/")
    assert response.status_code == 302
    if who != "agency_officer":
        assert db_state() == before
    else:
        assert Notification.objects.get().read_at is not None


@pytest.mark.parametrize("who", sorted(OTHER_REGION))
def test_notifications_page_closed_to_other_regions(mon, client_for, who):
    assert client_for(mon["users"][who]).get("/r/luwu-utara/monev/notifikasi/").status_code in (403, 404)


# --- actions (POST) -----------------------------------------------------------------------------------


def _start(mon):
    url = f"/r/luwu-utara/monev/laporan/mulai/{mon['home_programme'].pk}/{mon['home_period'].pk}/"
    return url, {}, lambda: ProgressReport.objects.filter(programme=mon["home_programme"]).exists()


def _save(mon):
    report = _draft(mon)
    data = {"revision": report.revision, f"value_{mon['indicator'].pk}": "35", "narrative": "Baru", "then": "save"}
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/simpan/",
        data,
        lambda: report.values.get().realised == 35,
    )


def _submit(mon):
    report = _draft(mon)
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/kirim/",
        {},
        lambda: ProgressReport.objects.get(pk=report.pk).status == Status.SUBMITTED,
    )


def _verify(mon):
    report = _submitted(mon)
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/putusan/",
        {"action": "verify", "comment": ""},
        lambda: ProgressReport.objects.get(pk=report.pk).status == Status.VERIFIED,
    )


def _return(mon):
    report = _submitted(mon)
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/putusan/",
        {"action": "return", "comment": "Lengkapi foto."},
        lambda: ProgressReport.objects.get(pk=report.pk).status == Status.RETURNED,
    )


def _acknowledge(mon):
    report = _verified(mon)
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/tanggapi/",
        {"comment": "Baik"},
        lambda: ProgressReport.objects.get(pk=report.pk).acknowledged_at is not None,
    )


def _evidence_add(mon):
    report = _draft(mon)
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/bukti/",
        {"kind": "link", "url": "https://example.org/berita", "caption": "Berita"},
        lambda: Evidence.objects.filter(report=report).count() == 1,
    )


def _evidence_remove(mon):
    report = _draft(mon)
    evidence = services.evidence_add(
        actor=mon["users"]["agency_officer"], report=report, kind="link", url="https://example.org/"
    )
    return (
        f"/r/luwu-utara/monev/laporan/{report.pk}/bukti/{evidence.pk}/hapus/",
        {},
        lambda: not Evidence.objects.exists(),
    )


def _periods_create(mon):
    return (
        "/r/luwu-utara/monev/periode/",
        {"year": "2025"},
        lambda: ReportingPeriod.objects.filter(region=mon["home"], year=2025).count() == 4,
    )


def _periods_close(mon):
    return (
        "/r/luwu-utara/monev/periode/",
        {"period": mon["home_period"].pk, "status": "closed"},
        lambda: ReportingPeriod.objects.get(pk=mon["home_period"].pk).status == "closed",
    )


def _settings(mon):
    return (
        "/r/luwu-utara/monev/pengaturan/",
        {"headline_min_coverage": "60"},  # evidence_required left unticked: off
        lambda: MonitoringSettings.objects.filter(
            region=mon["home"], headline_min_coverage=60, evidence_required=False
        ).exists(),
    )


# action: (setup, who may, status for a reader of the region who may not, status for others)
ACTIONS = {
    "report_start": (_start, WRITERS, 302, 302),
    "report_save": (_save, WRITERS, 400, 403),
    "report_submit": (_submit, WRITERS, 302, 403),
    "report_decide/verify": (_verify, VERIFIERS, 400, 403),
    "report_decide/return": (_return, VERIFIERS, 400, 403),
    "report_acknowledge": (_acknowledge, {"dewan"}, 302, 403),
    "evidence_add": (_evidence_add, WRITERS, 400, 403),
    "evidence_remove": (_evidence_remove, WRITERS, 302, 302),
    "periods/create": (_periods_create, {"region_admin"}, 403, 403),
    "periods/close": (_periods_close, {"region_admin"}, 403, 403),
    "settings": (_settings, {"region_admin"}, 403, 403),
}


def _cases():
    for action in ACTIONS:
        for who in ALL_USERS:
            yield pytest.param(action, who, id=f"{action}-{who}")


@pytest.mark.parametrize("action, who", list(_cases()))
def test_actions(mon, client_for, action, who):
    setup, allowed, reader_status, other_status = ACTIONS[action]
    url, data, done = setup(mon)
    client = client_for(mon["users"][who])
    before = db_state()
    response = client.post(url, data)
    if who == "anonymous":
        assert _login_redirect(response)
        assert db_state() == before
    elif who in allowed:
        assert response.status_code == 302, response.content.decode()[:500]
        assert done()
    else:
        if who in OTHER_REGION:
            assert response.status_code in (403, 404)
        elif who in VIEWERS:
            assert response.status_code == reader_status
        else:  # partner, citizen: members of the region without staff rights
            assert response.status_code in (other_status, 403)
        assert not done()
        assert db_state() == before


def test_notifications_mark_read(mon, client_for):
    """The notifications POST is a person's own: listed here so every URL of urls.py is swept."""
    user = mon["users"]["dewan"]
    Notification.objects.create(region=mon["home"], user=user, key="k", message="m", url="/")
    assert client_for(user).post("/r/luwu-utara/monev/notifikasi/").status_code == 302
    assert Notification.objects.get().read_at is not None


@pytest.mark.parametrize("name", ["report_save", "report_submit", "report_decide", "report_acknowledge"])
def test_actions_refuse_get(mon, client_for, name):
    report = _draft(mon)
    suffix = {"report_save": "simpan", "report_submit": "kirim", "report_decide": "putusan"}.get(name, "tanggapi")
    response = client_for(mon["users"]["region_admin"]).get(f"/r/luwu-utara/monev/laporan/{report.pk}/{suffix}/")
    assert response.status_code == 405


# --- another region's report through this region's URL ------------------------------------------------


@pytest.fixture
def maros_report(mon):
    officer = mon["users"]["other_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["other_programme"], period=mon["other_period"])
    indicator = mon["other_programme"].indicators.get()
    services.progress_report_save(actor=officer, report=report, values={indicator.pk: "20"})
    evidence = services.evidence_add(actor=officer, report=report, kind="document", file=pdf_upload())
    return report, evidence


@pytest.mark.parametrize("who", ["other_admin", "other_officer", "region_admin", "evaluator"])
def test_report_of_another_region_through_this_regions_url_is_404(mon, maros_report, client_for, who):
    report, evidence = maros_report
    client = client_for(mon["users"][who])
    base = f"/r/luwu-utara/monev/laporan/{report.pk}/"
    before = db_state()
    assert client.get(base).status_code == 404
    assert client.get(f"{base}bukti/{evidence.pk}/").status_code == 404
    for suffix, data in [
        ("simpan/", {"revision": report.revision + 1, "narrative": "x"}),
        ("kirim/", {}),
        ("putusan/", {"action": "verify"}),
        ("tanggapi/", {}),
        ("bukti/", {"kind": "link", "url": "https://example.org/"}),
        (f"bukti/{evidence.pk}/hapus/", {}),
    ]:
        assert client.post(base + suffix, data).status_code == 404, suffix
    start = f"/r/luwu-utara/monev/laporan/mulai/{mon['other_programme'].pk}/{mon['other_period'].pk}/"
    assert client.post(start).status_code == 404
    # a home programme with the Maros period, and the other way round
    assert (
        client.post(
            f"/r/luwu-utara/monev/laporan/mulai/{mon['home_programme'].pk}/{mon['other_period'].pk}/"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/r/luwu-utara/monev/laporan/mulai/{mon['other_programme'].pk}/{mon['home_period'].pk}/"
        ).status_code
        == 404
    )
    assert db_state() == before


def test_period_of_another_region_cannot_be_closed_through_this_region(mon, client_for):
    client = client_for(mon["users"]["region_admin"])
    before = db_state()
    response = client.post("/r/luwu-utara/monev/periode/", {"period": mon["other_period"].pk, "status": "closed"})
    assert response.status_code == 404
    assert db_state() == before


def test_evidence_of_another_report_is_404(mon, client_for):
    from tests.factories import ProgrammeFactory

    report = _draft(mon)
    second = services.progress_report_start(
        actor=mon["users"]["region_admin"],
        programme=ProgrammeFactory(masterplan=mon["home_plan"]),
        period=mon["home_period"],
    )
    evidence = services.evidence_add(
        actor=mon["users"]["region_admin"], report=second, kind="document", file=pdf_upload()
    )
    client = client_for(mon["users"]["agency_officer"])
    assert client.get(f"/r/luwu-utara/monev/laporan/{report.pk}/bukti/{evidence.pk}/").status_code == 404
    assert client.post(f"/r/luwu-utara/monev/laporan/{report.pk}/bukti/{evidence.pk}/hapus/").status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_own_region_staff_reach_their_report(mon, maros_report, client_for):
    report, evidence = maros_report
    client = client_for(mon["users"]["other_admin"])
    assert client.get(f"/r/maros/monev/laporan/{report.pk}/").status_code == 200
    assert client.get(f"/r/maros/monev/laporan/{report.pk}/bukti/{evidence.pk}/").status_code == 200
    assert client_for(mon["users"]["region_admin"]).get(f"/r/maros/monev/laporan/{report.pk}/").status_code == 403


# --- every URL is in the tables above -----------------------------------------------------------------

SWEPT = {
    "dashboard",
    "my_programmes",
    "periods",
    "settings",
    "verification_queue",
    "notifications",
    "report_start",
    "report",
    "report_save",
    "report_submit",
    "report_decide",
    "report_acknowledge",
    "evidence_add",
    "evidence_file",
    "evidence_remove",
}
# Exports are being built alongside (export_views.py); their permission table belongs with their tests.
# The offline delivery (report_deliver) is swept in tests/monitoring/test_offline_delivery.py.
ELSEWHERE = {"exports", "export_job", "export_retry", "export_download", "report_deliver"}


def test_every_monitoring_url_is_swept():
    from kotacerdas.monitoring import urls

    names = {p.name for p in urls.urlpatterns}
    assert names - ELSEWHERE == SWEPT
    assert "monitoring" in get_resolver().namespace_dict
    # and the project-wide sweep (tests/test_permission_sweep.py) knows every one of them, exports included
    assert {f"monitoring:{name}" for name in names} <= set(ACCESS)
