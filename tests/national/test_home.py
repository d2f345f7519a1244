"""The public national page at /: regions by province, stage, index, quick wins, reporting, filters, map,
totals; cached whole; a query count that does not grow with the regions."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kotacerdas.masterplan.services import programme_update
from kotacerdas.monitoring import services as monitoring
from kotacerdas.planning.models import Round as BimtekRound
from tests.evaluation.conftest import fill_self, publish, score_all
from tests.factories import MasterplanFactory, ProgrammeFactory, RegionFactory
from tests.monitoring.factories import ReportingPeriodFactory
from tests.monitoring.helpers import walk_report


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def _row(html: str, slug: str) -> str:
    start = html.index(f'data-testid="region-{slug}"')
    return html[start : html.index("</tr>", start)]


def test_lists_every_region_grouped_by_province_with_its_stage(world, client):
    RegionFactory(name="Bandung", slug="bandung", code="32.73", province="Jawa Barat", kind="kota")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jawa Barat" in html and "Sulawesi Selatan" in html
    assert html.index("Jawa Barat") < html.index("Sulawesi Selatan")  # provinces in order
    assert "Masterplan ditetapkan" in _row(html, "luwu-utara")
    assert "Bimtek I" in _row(html, "maros")  # a draft plan with no round completed
    assert "Bimtek I" in _row(html, "bandung")  # no masterplan yet: starts at Bimtek I
    assert 'href="/r/luwu-utara/data/"' in html


def test_stage_follows_the_completed_bimtek_rounds(world, client):
    from django.utils import timezone

    plan = world["other_plan"]
    for n in (1, 2):
        BimtekRound.objects.create(region=world["other"], masterplan=plan, number=n, completed_at=timezone.now())
    assert "Bimtek III" in _row(client.get("/").content.decode(), "maros")


def test_index_and_change_from_published_rounds(ev, client):
    evaluator, admin = ev["users"]["evaluator"], ev["users"]["region_admin"]
    from kotacerdas.evaluation import services

    fill_self(ev["round"], admin)
    publish(score_all(ev["round"], evaluator, default="2", qw="2"), evaluator)
    framework = services.framework_create(actor=evaluator, year=2025)
    later = services.round_create(actor=evaluator, region=ev["home"], framework=framework, assessors=[evaluator])
    fill_self(later, admin)
    publish(score_all(later, evaluator, default="3", qw="3"), evaluator)
    row = _row(client.get("/").content.decode(), "luwu-utara")
    assert "3,00" in row and "(2025)" in row
    assert "+1,00" in row
    assert "belum diterbitkan" in _row(client.get("/").content.decode(), "maros")


def test_reporting_coverage_and_quick_wins_of_the_last_closed_period(world, client, django_capture_on_commit_callbacks):
    admin, tim = world["users"]["region_admin"], world["users"]["tim_pelaksana"]
    period = ReportingPeriodFactory(region=world["home"], year=2024, number=1)
    ProgrammeFactory(masterplan=world["home_plan"], dimension=world["home_dims"]["economy"], start_year=2024)
    indicator = world["home_programme"].indicators.get()
    walk_report(programme=world["home_programme"], period=period, writer=admin, verifier=tim, values={indicator: 20})
    html = client.get("/").content.decode()
    assert "belum ada periode yang ditutup" in _row(html, "luwu-utara")  # the period is still open
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.reporting_period_set_status(actor=admin, period=period, status="closed")
    row = _row(client.get("/").content.decode(), "luwu-utara")
    assert "50% " in row and "(1/2)" in row  # one of two programmes reported
    assert "50%" in row.split('data-testid="quick-wins"')[1]  # 20 of a target of 40
    totals = client.get("/").content.decode()
    assert 'data-testid="total-verified">1<' in totals
    assert 'data-testid="total-programmes">3<' in totals  # two in Luwu Utara, one in Maros


def test_filters_by_province_and_cohort_without_javascript(world, client):
    RegionFactory(name="Bandung", slug="bandung", code="32.73", province="Jawa Barat", kind="kota")
    MasterplanFactory(region=world["other"], period_start_year=2030, period_end_year=2039)
    html = client.get("/?provinsi=Jawa+Barat").content.decode()
    assert 'data-testid="region-bandung"' in html and 'data-testid="region-luwu-utara"' not in html
    assert 'data-testid="total-regions">1<' in html
    html = client.get("/?angkatan=2030").content.decode()
    assert 'data-testid="region-maros"' in html and 'data-testid="region-luwu-utara"' not in html
    html = client.get("/?provinsi=Nowhere").content.decode()
    assert 'data-testid="no-regions"' in html
    for bad in ("/?angkatan=abc", "/?angkatan=99999999999999", "/?provinsi=" + "x" * 500):
        assert client.get(bad).status_code == 200


def test_map_places_regions_with_coordinates_and_lists_the_rest(world, client):
    RegionFactory(name="Tanpa Titik", slug="tanpa-titik", code="99.01")
    html = client.get("/").content.decode()
    assert html.count('data-testid="map-point"') == 2  # Luwu Utara and Maros ship coordinates
    unmapped = html[html.index('data-testid="unmapped"') :]
    assert "Tanpa Titik" in unmapped[: unmapped.index("</p>")]


def test_page_is_cached_and_retired_by_a_change_in_any_region(world, client, django_capture_on_commit_callbacks):
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    assert len(ctx) == 0
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(actor=world["users"]["region_admin"], programme=world["home_programme"], title="Judul")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert len(ctx) > 0  # the change retired the cached page


def test_english(world, client):
    client.get("/bahasa/en/?next=/")
    with translation.override("en"):
        html = client.get("/").content.decode()
    assert "Smart city regions of Indonesia" in html and "Masterplan adopted" in html


def _grow(n: int, start: int):
    for i in range(start, start + n):
        region = RegionFactory(province=f"Provinsi {i % 3}")
        plan = MasterplanFactory(region=region)
        period = ReportingPeriodFactory(region=region, status="closed")
        ProgrammeFactory(masterplan=plan, is_quick_win=True, quick_win_year=2023)
        BimtekRound.objects.create(region=region, masterplan=plan, number=1)
        assert period.pk


def _count(client, url="/"):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_count_does_not_grow_with_regions(world, client):
    _grow(1, 0)
    small = _count(client)
    _grow(12, 1)
    assert _count(client) == small
    assert _count(client, "/?provinsi=Provinsi+1&angkatan=2022") == small
