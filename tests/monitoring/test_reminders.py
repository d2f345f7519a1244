"""Reminders: "due" before the due date, "late" after it, nobody reminded of a report already sent, and never
twice for the same event however often the job runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from kotacerdas.common.models import Notification
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import MonitoringSettings, ProgressReport, ReportingPeriod
from kotacerdas.monitoring.notifications import send_due_reminders
from tests.factories import AgencyFactory, MembershipFactory, ProgrammeFactory, UserFactory

from .helpers import walk_report

Status = ProgressReport.Status
D = datetime.date
# Q1 2024 ends on 31/03, is due on 10/04; reminders start five days before: 05/04.


def _notices():
    return sorted(Notification.objects.values_list("user__username", "key"))


def test_nothing_before_the_reminder_window(mon):
    assert send_due_reminders(today=D(2024, 4, 4)) == 0
    assert send_due_reminders(today=D(2024, 1, 15)) == 0
    assert not Notification.objects.exists()


@pytest.mark.parametrize("today", [D(2024, 4, 5), D(2024, 4, 8), D(2024, 4, 10)])
def test_due_notice_in_the_window(mon, today):
    assert send_due_reminders(today=today) == 1
    period, programme = mon["home_period"], mon["home_programme"]
    notice = Notification.objects.get()
    assert notice.user == mon["users"]["agency_officer"] and notice.region == mon["home"]
    assert notice.key == f"period:{period.pk}:programme:{programme.pk}:due"
    assert "GOV-01" in notice.message and "10 Apr 2024" in notice.message
    assert notice.url == "/r/luwu-utara/monev/program-saya/"


def test_late_notice_after_the_due_date(mon):
    assert send_due_reminders(today=D(2024, 4, 11)) == 1
    notice = Notification.objects.get()
    assert notice.key.endswith(":late") and "10 Apr 2024" in notice.message


def test_never_twice_for_the_same_event(mon):
    assert send_due_reminders(today=D(2024, 4, 6)) == 1
    assert send_due_reminders(today=D(2024, 4, 6)) == 0
    assert send_due_reminders(today=D(2024, 4, 9)) == 0  # still the same "due" event
    assert send_due_reminders(today=D(2024, 4, 12)) == 1  # "late" is a new event
    assert send_due_reminders(today=D(2024, 5, 1)) == 0
    assert len(_notices()) == 2


def test_every_officer_of_the_owner_agency_and_nobody_else(mon):
    colleague = MembershipFactory(
        region=mon["home"], role="agency_officer", agency=mon["home_agency"], user=UserFactory(username="rekan")
    ).user
    MembershipFactory(region=mon["home"], role="agency_officer", agency=AgencyFactory(region=mon["home"]))
    assert send_due_reminders(today=D(2024, 4, 6)) == 2
    assert {u for u, _ in _notices()} == {"agency_officer", colleague.username}


@pytest.mark.parametrize("until", [Status.SUBMITTED, Status.VERIFIED])
def test_no_reminder_for_a_report_already_sent(mon, until):
    walk_report(
        programme=mon["home_programme"],
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        verifier=mon["users"]["tim_pelaksana"],
        values={mon["indicator"]: "30"},
        until=until,
    )
    assert send_due_reminders(today=D(2024, 4, 6)) == 0
    assert send_due_reminders(today=D(2024, 4, 20)) == 0
    assert not Notification.objects.filter(key__startswith="period:").exists()


@pytest.mark.parametrize("until", [Status.DRAFT, Status.RETURNED])
def test_a_draft_or_returned_report_is_still_reminded(mon, until):
    report = walk_report(
        programme=mon["home_programme"],
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        values={mon["indicator"]: "30"},
        until=Status.DRAFT if until == Status.DRAFT else Status.SUBMITTED,
    )
    if until == Status.RETURNED:
        services.progress_report_return(actor=mon["users"]["tim_pelaksana"], report=report, comment="Perbaiki")
    Notification.objects.all().delete()
    assert send_due_reminders(today=D(2024, 4, 20)) == 1


def test_only_open_periods_and_expected_programmes(mon):
    ReportingPeriod.objects.filter(pk=mon["home_period"].pk).update(status=ReportingPeriod.Status.CLOSED)
    ProgrammeFactory(masterplan=mon["home_plan"], owner_agency=mon["home_agency"], start_year=2025, end_year=2026)
    assert send_due_reminders(today=D(2024, 4, 20)) == 0
    # Maros has a draft masterplan: nothing is expected there, its officer hears nothing
    assert not Notification.objects.filter(user=mon["users"]["other_officer"]).exists()


def test_a_programme_not_running_that_year_is_not_reminded(mon):
    ProgrammeFactory(masterplan=mon["home_plan"], owner_agency=mon["home_agency"], start_year=2025, end_year=2026)
    assert send_due_reminders(today=D(2024, 4, 20)) == 1


def test_the_regions_reminder_setting(mon):
    MonitoringSettings.objects.create(region=mon["home"], remind_days_before_due=10)
    assert send_due_reminders(today=D(2024, 3, 30)) == 0
    assert send_due_reminders(today=D(2024, 3, 31)) == 1


def test_reminders_are_emailed(mon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(today=D(2024, 4, 6))
    assert [m.to for m in mail.outbox] == [[mon["users"]["agency_officer"].email]]
    assert "/r/luwu-utara/monev/program-saya/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders(today=D(2024, 4, 7))
    assert len(mail.outbox) == 1


def test_command_runs_now(mon, capsys):
    with freeze_time("2024-04-12 03:00:00"):
        call_command("send_reminders", "--now")
        assert capsys.readouterr().out.strip() == "1 reminder(s) created"
        call_command("send_reminders", "--now")
        assert capsys.readouterr().out.strip() == "0 reminder(s) created"
    assert Notification.objects.get().key.endswith(":late")


def test_command_queues_the_job(mon, capsys):
    """Without --now the job is queued; the tests' backend runs it at once."""
    with freeze_time("2024-04-06 03:00:00"):
        call_command("send_reminders")
    assert capsys.readouterr().out.startswith("reminder job queued (")
    assert Notification.objects.get().key.endswith(":due")


@pytest.mark.parametrize(("language", "words"), [("en", "is due on 10 Apr 2024."), ("id", "adalah 10 Apr 2024.")])
def test_each_officer_is_reminded_in_their_own_language(mon, language, words):
    officer = mon["users"]["agency_officer"]
    officer.language = language
    officer.save(update_fields=["language"])
    assert send_due_reminders(today=D(2024, 4, 6)) == 1
    message = Notification.objects.get(user=officer).message
    assert message.endswith(words) and "GOV-01" in message
