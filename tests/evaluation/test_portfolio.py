"""The national evaluators' portfolio: late reporting, rounds waiting for scoring or moderation, regions
without activity for 90 days, and a region beside its province and cohort peers ("no data yet" without a
published score); who may open it; the query count as regions grow."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Round
from kotacerdas.evaluation.selectors import portfolio
from tests.factories import MasterplanFactory, ProgrammeFactory, RegionFactory, UserFactory
from tests.monitoring.factories import ReportingPeriodFactory
from tests.monitoring.helpers import walk_report

from .conftest import fill_self, publish, score_all

URL = "/evaluasi/portofolio/"
TODAY = datetime.date(2024, 5, 1)


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def test_late_reporting_lists_open_periods_past_due_with_missing_reports(world):
    period = ReportingPeriodFactory(region=world["home"], year=2024, number=1)  # due 10 April
    ReportingPeriodFactory(region=world["other"], year=2024, number=1)  # Maros: a draft plan, nothing expected
    [row] = portfolio.late_reporting(today=TODAY)
    assert (row.period, row.expected, row.missing, row.days_late) == (period, 1, 1, 21)
    assert portfolio.late_reporting(today=datetime.date(2024, 4, 10)) == []  # on the due date: not late yet
    walk_report(
        programme=world["home_programme"],
        period=period,
        writer=world["users"]["region_admin"],
        values={world["home_programme"].indicators.get(): 10},
        until="submitted",
    )
    assert portfolio.late_reporting(today=TODAY) == []


def test_rounds_waiting_for_scoring_then_moderation(ev):
    evaluator, a2 = ev["users"]["evaluator"], UserFactory(username="a2", is_national_evaluator=True)
    round_ = services.round_set_assessors(actor=evaluator, round_=ev["round"], assessors=[evaluator, a2])
    assert portfolio.rounds_waiting() == []  # a draft waits for the region, not the assessors
    fill_self(Round.objects.get(pk=round_.pk), ev["users"]["region_admin"])
    [waiting] = portfolio.rounds_waiting()
    assert waiting.waiting_for == "scoring"
    score_all(round_, evaluator, default="3")
    score_all(round_, a2, scores={"BAS-1": "1"}, default="3")  # 3 and 1: two points apart
    [waiting] = portfolio.rounds_waiting()
    assert (waiting.waiting_for, waiting.to_moderate) == ("moderation", 1)


def test_inactive_regions_have_no_audited_change_for_90_days(world):
    with freeze_time("2024-01-01"):
        quiet = RegionFactory(name="Sepi", slug="sepi")
        MasterplanFactory(region=quiet)
        services.framework_create(actor=world["users"]["evaluator"], year=2024)  # national: no region
    with freeze_time("2024-03-01"):
        from kotacerdas.masterplan.services import programme_update

        programme_update(actor=world["users"]["region_admin"], programme=world["home_programme"], title="Baru")
    names = [r.slug for r in portfolio.inactive_regions(today=TODAY)]
    assert "sepi" in names and "luwu-utara" not in names
    assert "luwu-utara" in [r.slug for r in portfolio.inactive_regions(today=datetime.date(2024, 6, 1))]


def _publish_for(region, framework, evaluator, admin, default):
    round_ = services.round_create(actor=evaluator, region=region, framework=framework, assessors=[evaluator])
    fill_self(round_, admin)
    return publish(score_all(round_, evaluator, default=default, qw=default), evaluator)


def test_peers_median_and_range_per_dimension(ev):
    evaluator = ev["users"]["evaluator"]
    assert portfolio.peers(region=ev["home"]).round is None  # no published score: no data, no division
    fill_self(ev["round"], ev["users"]["region_admin"])
    publish(score_all(ev["round"], evaluator, default="3", qw="3"), evaluator)
    result = portfolio.peers(region=ev["home"])
    assert [r.province.n for r in result.rows] == [0] * 5  # no peer published yet: "no data yet"
    for i, score in enumerate(["1", "2", "4"]):
        region = RegionFactory(province="Sulawesi Selatan")
        ProgrammeFactory(masterplan=MasterplanFactory(region=region), is_quick_win=True, quick_win_year=2023)
        from tests.factories import MembershipFactory

        admin = MembershipFactory(region=region, role="region_admin", user=UserFactory(username=f"adm{i}")).user
        _publish_for(region, ev["framework"], evaluator, admin, score)
    result = portfolio.peers(region=ev["home"])
    outcome = next(r for r in result.rows if r.key == "outcome")
    assert outcome.score == Decimal("3")
    assert (outcome.province.n, outcome.province.median, outcome.province.low, outcome.province.high) == (
        3,
        Decimal("2.00"),
        Decimal("1.00"),
        Decimal("4.00"),
    )
    assert outcome.cohort.n == 3  # the same masterplan first year, 2022


def test_page_for_evaluators(ev, client_for):
    html = client_for(ev["users"]["evaluator"]).get(URL + "?wilayah=luwu-utara").content.decode()
    assert 'data-testid="peers-no-data"' in html and "Belum ada data" in html
    for part in ("late-reporting", "rounds-waiting", "inactive-regions"):
        assert f'data-testid="{part}"' in html
    assert client_for(ev["users"]["evaluator"]).get(URL + "?wilayah=tidak-ada").status_code == 200


@pytest.mark.parametrize(
    "who, status",
    [("evaluator", 200), ("region_admin", 403), ("tim_pelaksana", 403), ("other_admin", 403), ("anonymous", 302)],
)
def test_who_may_open_it(world, client_for, who, status):
    assert client_for(world["users"][who]).get(URL).status_code == status


def _grow(n):
    for _ in range(n):
        region = RegionFactory()
        plan = MasterplanFactory(region=region)
        ProgrammeFactory(masterplan=plan)
        ReportingPeriodFactory(region=region, year=2024, number=1)


@freeze_time("2024-05-01")
def test_query_count_does_not_grow_with_regions(ev, client_for):
    client = client_for(ev["users"]["evaluator"])
    _grow(1)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL + "?wilayah=luwu-utara").status_code == 200
        return len(ctx)

    cache.clear()
    small = count()
    cached = count()  # the body from the fragment cache: only the signed-in page's own queries
    assert cached <= small - 10
    _grow(10)
    cache.clear()
    assert count() == small
    assert count() == cached


def _inactive(client) -> str:
    return client.get(URL).content.decode().split('data-testid="inactive-regions"')[1].split("</ul>")[0]


def test_cached_body_follows_changes_in_any_region_and_the_day(ev, client_for, django_capture_on_commit_callbacks):
    from kotacerdas.masterplan.services import programme_update

    with freeze_time("2024-05-01"):
        client = client_for(ev["users"]["evaluator"])
        quiet = RegionFactory(name="Sunyi", slug="sunyi")
        programme = ProgrammeFactory(masterplan=MasterplanFactory(region=quiet))
        assert "Sunyi" in _inactive(client)  # no audited change for 90 days
        with django_capture_on_commit_callbacks(execute=True):
            programme_update(actor=UserFactory(is_superuser=True), programme=programme, title="B")
        assert "Sunyi" not in _inactive(client)  # its audited change retired the cached body at once
    with freeze_time("2024-07-31"):  # 91 days later: a new day is a new body, and Sunyi is quiet again
        assert "Sunyi" in _inactive(client_for(ev["users"]["evaluator"]))
