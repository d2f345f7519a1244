"""Verification requires at least one piece of evidence, unless the region turns that off (audited)."""

import pytest
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Achievement, MonitoringSettings, ProgressReport

from .helpers import add_link_evidence, db_state, pdf_upload

Status = ProgressReport.Status
MESSAGES = {
    "id": "Laporan ini belum memiliki bukti dukung",
    "en": "This report has no evidence",
}


@pytest.fixture
def bare(mon):
    """GOV-01's report in 2024 Q1, submitted without any evidence."""
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})
    return services.progress_report_submit(actor=officer, report=report)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_report_without_evidence_is_not_verified(mon, bare, language):
    before = db_state()
    with translation.override(language), pytest.raises(ApplicationError) as exc:
        services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=bare)
    assert MESSAGES[language] in exc.value.message and "evidence" in exc.value.fields
    assert db_state() == before  # still submitted, no roll-up, no audit event
    assert ProgressReport.objects.get().status == Status.SUBMITTED


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_verify_button_explains_the_refusal(mon, bare, client_for, language):
    client = client_for(mon["users"]["tim_pelaksana"])
    client.cookies["django_language"] = language
    before = db_state()
    response = client.post(f"/r/luwu-utara/monev/laporan/{bare.pk}/putusan/", {"action": "verify", "comment": ""})
    assert response.status_code == 400
    assert MESSAGES[language] in response.content.decode()
    assert db_state() == before


def test_the_api_answers_400_with_the_message(mon, bare, client_for):
    client = client_for(mon["users"]["tim_pelaksana"])
    response = client.post(
        f"/api/v1/regions/luwu-utara/monitoring/reports/{bare.pk}/verify/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "evidence" in response.json()["errors"]


@pytest.mark.parametrize("add", ["link", "document"])
def test_any_evidence_lets_it_through(mon, add):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "20"})
    if add == "link":
        add_link_evidence(report, officer)
    else:
        services.evidence_add(actor=officer, report=report, kind="document", file=pdf_upload())
    services.progress_report_submit(actor=officer, report=report)
    report = services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=report)
    assert report.status == Status.VERIFIED


def test_the_region_may_turn_the_rule_off_and_the_change_is_audited(mon, bare, client_for):
    admin = mon["users"]["region_admin"]
    response = client_for(admin).post("/r/luwu-utara/monev/pengaturan/", {"headline_min_coverage": "100"})
    assert response.status_code == 302  # the checkbox left unticked: evidence no longer required
    assert MonitoringSettings.objects.get(region=mon["home"]).evidence_required is False
    event = AuditEvent.objects.get(action="monitoring_settings.update")
    assert event.before == {"headline_min_coverage": 100, "evidence_required": True}
    assert event.after == {"headline_min_coverage": 100, "evidence_required": False}
    report = services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=bare)
    assert report.status == Status.VERIFIED
    assert Achievement.objects.filter(period=mon["home_period"]).exists()


def test_saving_unchanged_settings_writes_no_audit_event(mon):
    admin = mon["users"]["region_admin"]
    services.monitoring_settings_update(actor=admin, region=mon["home"], evidence_required=True)
    assert not AuditEvent.objects.filter(action="monitoring_settings.update").exists()


@pytest.mark.parametrize("who", ["tim_pelaksana", "dewan", "agency_officer", "other_admin", "evaluator", "citizen"])
def test_only_the_region_admin_turns_the_rule_off(mon, bare, who):
    before = db_state()
    with pytest.raises(ApplicationError):
        services.monitoring_settings_update(actor=mon["users"][who], region=mon["home"], evidence_required=False)
    assert db_state() == before
    with pytest.raises(ApplicationError):
        services.progress_report_verify(actor=mon["users"]["tim_pelaksana"], report=bare)
