"""A report's whole life through the services: draft → values → evidence → submit → return → revise →
resubmit → verify → Dewan acknowledges. Each step is audited, shown on the report and notifies who must act."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.models import Notification
from kotacerdas.common.notify import email_notifications
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Evidence, ProgressReport, ReportEvent

from .helpers import add_link_evidence, db_state, pdf_upload, photo_upload

Status = ProgressReport.Status


def _audit(report, action):
    return AuditEvent.objects.filter(action=action, object_id=str(report.pk)).order_by("pk")


def test_full_workflow(mon, client_for, django_capture_on_commit_callbacks):
    users = mon["users"]
    officer, tim, dewan = users["agency_officer"], users["tim_pelaksana"], users["dewan"]
    indicator = mon["indicator"]

    # 1. start: a draft, audited
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    assert report.status == Status.DRAFT and report.created_by == officer and report.region == mon["home"]
    created = _audit(report, "progress_report.create").get()
    assert created.actor == officer and created.region == mon["home"] and created.after == {"status": "draft"}
    # starting again returns the same draft
    assert (
        services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
        == report
    )
    assert ProgressReport.objects.count() == 1

    # 2. save: Indonesian number formats
    report = services.progress_report_save(
        actor=officer,
        report=report,
        revision=0,
        values={str(indicator.pk): "12,5"},
        progress_percent="12,5",
        budget_realised="1.500.000",
        milestone="Aplikasi diuji",
        narrative="Uji coba di dua kecamatan.",
    )
    report.refresh_from_db()
    assert report.budget_realised == Decimal("1500000")
    assert report.progress_percent == Decimal("12.5")
    assert report.values.get().realised == Decimal("12.5")
    assert report.achievement == Decimal("31.25")  # 12.5 ÷ 40
    assert report.revision == 1
    saved = _audit(report, "progress_report.save").get()
    assert saved.before["values"] == {} and saved.before["budget_realised"] is None
    assert saved.after["values"] == {str(indicator.pk): "12.5000"}
    assert saved.after["budget_realised"] == "1500000" and saved.after["achievement"] == "31.25"

    # 3. evidence: a link, a document and a photo with its location
    services.evidence_add(actor=officer, report=report, kind="link", url="https://example.org/berita", caption="Berita")
    services.evidence_add(actor=officer, report=report, kind="document", file=pdf_upload(), caption="BA")
    photo = services.evidence_add(
        actor=officer, report=report, kind="photo", file=photo_upload(), latitude="-2.5", longitude="120.3"
    )
    assert report.evidence.count() == 3
    assert photo.content_type == "image/jpeg" and photo.latitude == Decimal("-2.5") and photo.size > 0
    assert [e.after["kind"] for e in _audit(report, "evidence.add")] == ["link", "document", "photo"]

    # 4. submit: verifiers hear of it, by notification and e-mail
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_submit(actor=officer, report=report)
    assert report.status == Status.SUBMITTED and report.submitted_by == officer and report.submitted_at
    submitted = _audit(report, "progress_report.submit").get()
    assert submitted.before == {"status": "draft"} and submitted.after["status"] == "submitted"
    notice = Notification.objects.get(user=tim)
    assert notice.region == mon["home"] and "GOV-01" in notice.message
    assert notice.url == f"/r/luwu-utara/monev/laporan/{report.pk}/"
    assert not Notification.objects.exclude(user=tim).exists()  # only the Tim Pelaksana verifies
    assert [m.to for m in mail.outbox] == [[tim.email]]
    assert notice.url in mail.outbox[0].body
    notice.refresh_from_db()
    assert notice.emailed_at is not None

    # 5. return: a comment is required
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        services.progress_report_return(actor=tim, report=report, comment="   ")
    assert exc.value.message == "Say what must be fixed." and "comment" in exc.value.fields
    assert ProgressReport.objects.get(pk=report.pk).status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_return(actor=tim, report=report, comment="  Lampirkan foto lokasi.  ")
    assert report.status == Status.RETURNED
    returned = _audit(report, "progress_report.return").get()
    assert returned.before == {"status": "submitted"} and returned.after["status"] == "returned"
    assert returned.note == "Lampirkan foto lokasi."
    assert Notification.objects.filter(user=officer).count() == 1
    assert mail.outbox[-1].to == [officer.email]

    # 6. revise: the officer saves again from the current revision
    report = services.progress_report_save(
        actor=officer, report=report, revision=report.revision, values={indicator.pk: "30"}
    )
    assert report.achievement == Decimal("75.00")

    # 7. resubmit: verifiers hear again (a new event)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_submit(actor=officer, report=report)
    assert Notification.objects.filter(user=tim).count() == 2
    assert len(mail.outbox) == 3

    # 8. verify
    report = services.progress_report_verify(actor=tim, report=report, comment="Lengkap.")
    assert report.status == Status.VERIFIED and report.verified_by == tim and report.verified_at
    verified = _audit(report, "progress_report.verify").get()
    assert verified.before == {"status": "submitted"}
    assert verified.after == {"status": "verified", "achievement": "75.00", "revision": report.revision}
    with pytest.raises(ApplicationError):  # no more changes
        services.progress_report_save(actor=officer, report=report, values={indicator.pk: "40"})

    # 9. the Dewan acknowledges, once
    report = services.progress_report_acknowledge(actor=dewan, report=report, comment="Terima kasih.")
    assert report.acknowledged_by == dewan and report.acknowledged_at
    assert _audit(report, "progress_report.acknowledge").get().actor == dewan
    with pytest.raises(ApplicationError):
        services.progress_report_acknowledge(actor=dewan, report=report)

    # Steps as the report shows them
    events = list(ReportEvent.objects.filter(report=report).values_list("kind", "actor__username", "comment"))
    assert events == [
        ("submitted", "agency_officer", ""),
        ("returned", "tim_pelaksana", "Lampirkan foto lokasi."),
        ("submitted", "agency_officer", ""),
        ("verified", "tim_pelaksana", "Lengkap."),
        ("acknowledged", "dewan", "Terima kasih."),
    ]
    client = client_for(tim)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(f"/r/luwu-utara/monev/laporan/{report.pk}/").content.decode()
    timeline = html.split('data-testid="report-events"')[1].split("</ol>")[0]
    assert timeline.count("<li>") == 6  # "draft started" plus the five steps
    for text in (
        "Draft started",
        "<strong>Submitted</strong>",
        "<strong>Returned</strong>: <q>Lampirkan foto lokasi.</q>",
        "<strong>Verified</strong>: <q>Lengkap.</q>",
        "<strong>Acknowledged by the Dewan</strong>",
    ):
        assert text in timeline, text
    assert 'data-testid="report-status">Verified<' in html
    assert "Acknowledged by the Dewan" in html


def test_acknowledge_audit_has_before_and_after(mon):
    users = mon["users"]
    report = services.progress_report_start(
        actor=users["agency_officer"], programme=mon["home_programme"], period=mon["home_period"]
    )
    services.progress_report_save(actor=users["agency_officer"], report=report, values={mon["indicator"].pk: "40"})
    add_link_evidence(report, users["agency_officer"])
    services.progress_report_submit(actor=users["agency_officer"], report=report)
    services.progress_report_verify(actor=users["tim_pelaksana"], report=report)
    services.progress_report_acknowledge(actor=users["dewan"], report=report)
    event = _audit(report, "progress_report.acknowledge").get()
    assert event.before is not None and event.after is not None


def test_region_admin_reports_on_behalf_and_tim_verifies(mon):
    admin, tim = mon["users"]["region_admin"], mon["users"]["tim_pelaksana"]
    report = services.progress_report_start(actor=admin, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=admin, report=report, values={mon["indicator"].pk: "40"})
    add_link_evidence(report, admin)
    services.progress_report_submit(actor=admin, report=report)
    report = services.progress_report_verify(actor=tim, report=report)
    assert report.status == Status.VERIFIED and report.achievement == Decimal("100.00")


def test_region_admin_verifies_an_officers_report(mon):
    officer, admin = mon["users"]["agency_officer"], mon["users"]["region_admin"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10"})
    add_link_evidence(report, officer)
    services.progress_report_submit(actor=officer, report=report)
    assert services.progress_report_verify(actor=admin, report=report).status == Status.VERIFIED


def test_save_without_changes_is_not_audited_again(mon):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10"})
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10,0"})
    assert _audit(report, "progress_report.save").count() == 1


def test_saving_the_same_progress_again_is_not_audited(mon):
    officer = mon["users"]["agency_officer"]
    programme = mon["home_programme"]
    report = services.progress_report_start(actor=officer, programme=programme, period=mon["home_period"])
    services.progress_report_save(
        actor=officer, report=report, values={mon["indicator"].pk: "10"}, progress_percent="12,5"
    )
    services.progress_report_save(
        actor=officer, report=report, values={mon["indicator"].pk: "10"}, progress_percent="12,5"
    )
    assert _audit(report, "progress_report.save").count() == 1


def test_clearing_a_value_removes_it(mon):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10"})
    report = services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: ""})
    assert not report.values.exists() and report.achievement is None


def test_evidence_remove_is_audited_and_deletes_the_file(mon, django_capture_on_commit_callbacks):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    evidence = services.evidence_add(actor=officer, report=report, kind="document", file=pdf_upload())
    storage, name, pk = evidence.file.storage, evidence.file.name, evidence.pk
    assert storage.exists(name) and name.startswith(f"evidence/{mon['home'].pk}/{report.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(actor=officer, evidence=evidence)
    assert not Evidence.objects.exists() and not storage.exists(name)
    removed = _audit(report, "evidence.remove").get()
    assert removed.before == {"evidence": pk, "kind": "document", "name": name}


def test_email_task_sends_each_notice_once_and_skips_users_without_address(mon, django_capture_on_commit_callbacks):
    tim = mon["users"]["tim_pelaksana"]
    tim.email = ""
    tim.save()
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10"})
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_submit(actor=officer, report=report)
    assert Notification.objects.get(user=tim).emailed_at is not None
    assert mail.outbox == []
    Notification.objects.create(region=mon["home"], user=officer, key="x", message="Halo", url="/x/")
    assert email_notifications.call() == 1
    assert email_notifications.call() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "[Kota Cerdas] Halo"


def test_notifications_happen_only_after_commit(mon, django_capture_on_commit_callbacks):
    officer = mon["users"]["agency_officer"]
    report = services.progress_report_start(actor=officer, programme=mon["home_programme"], period=mon["home_period"])
    services.progress_report_save(actor=officer, report=report, values={mon["indicator"].pk: "10"})
    before = db_state()["notifications"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.progress_report_submit(actor=officer, report=report)
    assert db_state()["notifications"] == before and callbacks
