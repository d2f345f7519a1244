"""The demo: quarterly periods with verified reports, rolled up, and a public summary on the home page."""

import pytest
from django.core.cache import cache

from kotacerdas.demo.loader import load_demo
from kotacerdas.monitoring.models import Achievement, ProgressReport, ReportingPeriod
from kotacerdas.monitoring.selectors import public_summary
from kotacerdas.regions.models import Region


@pytest.fixture
def demo(db):
    load_demo()
    return Region.objects.get(slug="luwu-utara")


def test_demo_has_periods_verified_reports_and_a_summary(demo):
    periods = ReportingPeriod.objects.filter(region=demo)
    assert periods.filter(status=ReportingPeriod.Status.CLOSED).count() >= 4
    assert periods.filter(status=ReportingPeriod.Status.OPEN).count() == 1
    verified = ProgressReport.objects.filter(region=demo, status=ProgressReport.Status.VERIFIED)
    assert verified.exists()
    assert not verified.filter(period__status=ReportingPeriod.Status.OPEN).exists()
    assert all(r.achievement is not None for r in verified)
    summary = public_summary(region=demo)
    assert summary["period"] is not None and summary["period"].status == ReportingPeriod.Status.CLOSED
    overall = summary["overall"]
    assert overall.value is not None and 0 < overall.value <= 100
    assert 0 < overall.reported <= overall.expected
    assert any(a is not None and a.value is not None for a in summary["dimensions"].values())
    # every closed period is rolled up
    closed = set(periods.filter(status=ReportingPeriod.Status.CLOSED).values_list("pk", flat=True))
    rolled = set(Achievement.objects.filter(level=Achievement.Level.MASTERPLAN).values_list("period_id", flat=True))
    assert rolled == closed


def test_demo_home_page_shows_the_summary(demo, client):
    cache.clear()
    html = client.get("/r/luwu-utara/").content.decode()
    assert 'data-testid="public-summary"' in html
    assert 'data-testid="dimension-achievement-governance">–<' not in html


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (ReportingPeriod.objects.count(), ProgressReport.objects.count(), Achievement.objects.count())
    load_demo()
    assert (ReportingPeriod.objects.count(), ProgressReport.objects.count(), Achievement.objects.count()) == counts
