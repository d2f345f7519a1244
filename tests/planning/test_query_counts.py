"""The workspace, roadmap and lists cost the same number of queries with 4 or 40 programmes."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.planning.models import Milestone, Participant, QuickWinStep
from tests.factories import IndicatorFactory, ProgrammeFactory

PAGES = ["", "peta-jalan/", "program/", "quick-win/", "kesiapan/", "kesiapan/struktur/", "strategi/", "bimtek/1/"]


def _grow(world, n):
    plan = world["home_plan"]
    rnd = plan.rounds.get(number=1)
    for i in range(n):
        programme = ProgrammeFactory(
            masterplan=plan,
            dimension=world["home_dims"]["living" if i % 2 else "economy"],
            owner_agency=world["home_agency"],
            start_year=2022 + i % 3,
            end_year=2026 + i % 5,
            is_quick_win=i % 4 == 0,
            quick_win_year=2023 if i % 4 == 0 else None,
        )
        IndicatorFactory(programme=programme)
        for year in (2024, 2027):
            Milestone.objects.create(region=plan.region, programme=programme, year=year, title=f"Tonggak {i}")
        if programme.is_quick_win:
            QuickWinStep.objects.create(region=plan.region, programme=programme, description="Langkah")
        Participant.objects.create(region=plan.region, round=rnd, name=f"Peserta {i}", agency=world["home_agency"])


def _counts(client):
    """Queries of each page, cold: the roadmap caches its chart under the region's version, which the
    factories (no audited service) do not bump."""
    cache.clear()
    counts = {}
    for page in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/r/luwu-utara/rencana/{page}").status_code == 200
        counts[page] = len(ctx.captured_queries)
    return counts


def test_queries_do_not_grow_with_programmes(planned, client_for):
    client = client_for(planned["users"]["tim_pelaksana"])
    _grow(planned, 4)
    small = _counts(client)
    _grow(planned, 36)
    large = _counts(client)
    assert large == small
    assert max(large.values()) <= 20, large


def test_roadmap_shows_one_dimension_and_caches_its_chart(planned, client_for):
    client = client_for(planned["users"]["tim_pelaksana"])
    _grow(planned, 6)
    url = "/r/luwu-utara/rencana/peta-jalan/"
    with CaptureQueriesContext(connection) as cold:
        page = client.get(url + "?dimensi=living").content.decode()
    assert 'data-testid="roadmap-living"' in page and 'data-testid="roadmap-economy"' not in page
    with CaptureQueriesContext(connection) as warm:
        again = client.get(url + "?dimensi=living").content.decode()
    assert again.count("Tonggak") == page.count("Tonggak") > 0
    assert len(warm.captured_queries) == len(cold.captured_queries) - 2  # programmes and milestones not read
    economy = client.get(url + "?dimensi=economy").content.decode()
    assert 'data-testid="roadmap-economy"' in economy and 'data-testid="roadmap-living"' not in economy
    # an unknown key shows the first dimension, as no key does
    first = client.get(url).content.decode()
    assert client.get(url + "?dimensi=nope").content.decode().count("<tr>") == first.count("<tr>")
