"""Monitoring pages cost the same number of queries however many programmes, reports and periods exist."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import ProgressReport, ReportingPeriod
from tests.factories import AgencyFactory, IndicatorFactory, ProgrammeFactory, TargetFactory

from .factories import ReportingPeriodFactory
from .helpers import walk_report

Status = ProgressReport.Status


def _count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def _programme(mon, i, *, agency=None):
    dims = list(mon["home_dims"].values())
    dim = dims[i % len(dims)]
    programme = ProgrammeFactory(
        masterplan=mon["home_plan"],
        dimension=dim,
        element=dim.elements.first(),
        owner_agency=agency or AgencyFactory(region=mon["home"]),
        start_year=2023,
        end_year=2025,
    )
    for year in (2023, 2024):
        TargetFactory(indicator=IndicatorFactory(programme=programme), year=year, value=50)
    return programme


def _report(mon, programme, period, until):
    values = {i.pk: "25" for i in programme.indicators.all()}
    return walk_report(
        programme=programme,
        period=period,
        writer=mon["users"]["region_admin"],
        verifier=mon["users"]["tim_pelaksana"],
        values=values,
        until=until,
    )


@pytest.fixture
def small(mon):
    """One of everything, so the small and large measures run through the same branches: a verified report
    (figures exist), a submitted one (the queue is not empty), a draft, and a programme never reported
    (Q1 2024 is past due, so the dashboard lists it late)."""
    walk_report(
        programme=mon["home_programme"],
        period=mon["home_period"],
        writer=mon["users"]["agency_officer"],
        verifier=mon["users"]["tim_pelaksana"],
        values={mon["indicator"].pk: "30"},
    )
    _report(mon, _programme(mon, 1, agency=mon["home_agency"]), mon["home_period"], Status.SUBMITTED)
    _report(mon, _programme(mon, 2, agency=mon["home_agency"]), mon["home_period"], Status.DRAFT)
    _programme(mon, 3, agency=mon["home_agency"])
    closed = ReportingPeriodFactory(region=mon["home"], year=2023, number=4)
    _report(mon, mon["home_programme"], closed, Status.VERIFIED)
    ReportingPeriod.objects.filter(pk=closed.pk).update(status=ReportingPeriod.Status.CLOSED)
    return mon


def _grow(mon, n=12):
    """Many more programmes (some of the officer's agency) and reports in every state, and more closed
    periods with verified results (the trend)."""
    programmes = [_programme(mon, i, agency=mon["home_agency"] if i % 2 else None) for i in range(n)]
    states = [Status.VERIFIED, Status.SUBMITTED, Status.DRAFT, None]
    for i, programme in enumerate(programmes):
        if states[i % 4]:
            _report(mon, programme, mon["home_period"], states[i % 4])
    for number in (1, 2, 3):
        period = ReportingPeriodFactory(region=mon["home"], year=2023, number=number)
        for programme in programmes[:4]:
            _report(mon, programme, period, Status.VERIFIED)
        ReportingPeriod.objects.filter(pk=period.pk).update(status=ReportingPeriod.Status.CLOSED)
    ReportingPeriodFactory(region=mon["home"], year=2025, number=1, status=ReportingPeriod.Status.PLANNED)


PAGES = [
    ("/r/luwu-utara/monev/", "tim_pelaksana"),
    ("/r/luwu-utara/monev/", "agency_officer"),
    ("/r/luwu-utara/monev/program-saya/", "agency_officer"),
    ("/r/luwu-utara/monev/program-saya/", "region_admin"),
    ("/r/luwu-utara/monev/verifikasi/", "tim_pelaksana"),
    ("/r/luwu-utara/monev/periode/", "region_admin"),
    ("/r/luwu-utara/monev/notifikasi/", "tim_pelaksana"),
    ("/r/luwu-utara/", None),
]


@pytest.mark.parametrize("url, who", PAGES)
def test_queries_constant_as_data_grows(small, client_for, url, who):
    client = client_for(small["users"][who] if who else None)
    before = _count(client, url)
    _grow(small)
    after = _count(client, url)
    assert after == before, f"{url} as {who}: {before} queries with little data, {after} with more"


def test_public_summary_is_on_the_measured_home_page(small, client):
    cache.clear()
    assert 'data-testid="public-summary"' in client.get("/r/luwu-utara/").content.decode()


@pytest.mark.parametrize("who", ["tim_pelaksana", "agency_officer"])
def test_report_page_constant_with_more_indicators_evidence_and_steps(mon, client_for, who):
    officer, tim = mon["users"]["agency_officer"], mon["users"]["tim_pelaksana"]
    programme = mon["home_programme"]
    report = walk_report(
        programme=programme,
        period=mon["home_period"],
        writer=officer,
        values={mon["indicator"].pk: "30"},
        until=Status.DRAFT,
    )
    services.evidence_add(actor=officer, report=report, kind="link", url="https://example.org/0")
    services.progress_report_submit(actor=officer, report=report)
    services.progress_report_return(actor=tim, report=report, comment="Perbaiki")
    url = f"/r/luwu-utara/monev/laporan/{report.pk}/"
    client = client_for(mon["users"][who])
    before = _count(client, url)
    # more indicators with values and targets, more evidence, more steps; the report returned again
    indicators = [IndicatorFactory(programme=programme) for _ in range(8)]
    for indicator in indicators:
        TargetFactory(indicator=indicator, year=2024, value=20)
    values = {mon["indicator"].pk: "30", **{i.pk: "10" for i in indicators}}
    for round_ in range(3):
        services.progress_report_save(actor=officer, report=report, values=values)
        services.evidence_add(actor=officer, report=report, kind="link", url=f"https://example.org/{round_ + 1}")
        services.progress_report_submit(actor=officer, report=report)
        services.progress_report_return(actor=tim, report=report, comment=f"Perbaiki {round_}")
    assert _count(client, url) == before


@pytest.mark.parametrize(
    "url, who",
    [
        ("/r/luwu-utara/monev/", "tim_pelaksana"),
        ("/r/luwu-utara/monev/program-saya/", "agency_officer"),
    ],
)
def test_queries_constant_as_open_periods_grow(small, client_for, url, who):
    client = client_for(small["users"][who])
    before = _count(client, url)
    for year, number in [(2024, 2), (2023, 1), (2025, 1)]:  # left open, all past their due date
        ReportingPeriodFactory(region=small["home"], year=year, number=number)
    after = _count(client, url)
    assert after == before, f"{url} as {who}: {before} queries with one open period, {after} with four"
