"""The demo tells the platform's story on any day (issue #15): loaded at three different dates, there is always an
open period in which quick wins run and the demo officer can start a report, verified history in the
closed periods, a published evaluation of last year, and a commitment whose signatures carry its ceremony's date."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from freezegun import freeze_time

from kotacerdas.collaboration.models import Commitment, Signature
from kotacerdas.collaboration.selectors import partner_signatures_until
from kotacerdas.demo.loader import load_demo
from kotacerdas.evaluation.models import Round
from kotacerdas.masterplan.models import Programme
from kotacerdas.monitoring.models import ProgressReport, ReportingPeriod
from kotacerdas.monitoring.services import progress_report_start
from kotacerdas.regions.models import Region

DAYS = ["2026-12-03 09:00:00+08:00", "2027-04-01 08:00:00+08:00", "2028-07-15 16:00:00+08:00"]


@pytest.mark.django_db
@pytest.mark.parametrize("day", DAYS, ids=lambda d: d[:10])
def test_the_demo_tells_the_story_on_any_day(day):
    with freeze_time(day):
        load_demo()
        story = Region.objects.get(slug="luwu-utara"), datetime.date.fromisoformat(day[:10])
        for check in (quick_wins_run_now, verified_history, evaluations, commitment_signed_at_its_ceremony):
            check(story)


def quick_wins_run_now(story):
    region, today = story
    period = ReportingPeriod.objects.get(region=region, status=ReportingPeriod.Status.OPEN)
    assert period.starts_on <= today <= period.ends_on
    running = Programme.objects.filter(
        region=region,
        is_quick_win=True,
        start_year__lte=today.year,
        end_year__gte=today.year,
    )
    assert running.count() >= 2
    officer = get_user_model().objects.get(username="opd.dlh")
    mine = running.get(owner_agency__acronym="DLH")
    report = progress_report_start(actor=officer, programme=mine, period=period)
    assert report.status == ProgressReport.Status.DRAFT


def verified_history(story):
    region, today = story
    verified = ProgressReport.objects.filter(region=region, status=ProgressReport.Status.VERIFIED)
    assert verified.filter(period__year=today.year - 1).count() >= 10
    assert not verified.filter(period__status=ReportingPeriod.Status.OPEN).exists()
    # this year's quick win has verified history too (it started last year)
    assert verified.filter(
        programme__is_quick_win=True, programme__end_year__gte=today.year, period__year=today.year - 1
    ).exists()


def evaluations(story):
    region, today = story
    assert Round.objects.get(region=region, year=today.year - 1).is_published
    assert Round.objects.get(region=region, year=today.year).status == Round.Status.DRAFT


def commitment_signed_at_its_ceremony(story):
    region, today = story
    commitment = Commitment.objects.get(region=region)
    days = {s.signed_at.astimezone(datetime.UTC).date() for s in Signature.objects.filter(region=region)}
    assert days == {commitment.event_date}
    # the evaluation prefill counts the partner who signed (UNANDA) of the two partner signatories
    assert partner_signatures_until(region=region, year=today.year) == (2, 1)
