"""List pages and dashboards cost the same number of queries however much data there is."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AgencyFactory, IndicatorFactory, ProgrammeFactory, TargetFactory


def _grow(world, n):
    for i in range(n):
        dim = list(world["home_dims"].values())[i % 6]
        programme = ProgrammeFactory(
            masterplan=world["home_plan"],
            dimension=dim,
            owner_agency=AgencyFactory(region=world["home"]),
            is_quick_win=i % 3 == 0,
            quick_win_year=2023 if i % 3 == 0 else None,
        )
        programme.supporting_agencies.add(world["home_agency"])
        for _ in range(2):
            TargetFactory(indicator=IndicatorFactory(programme=programme), year=2024)


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url, who",
    [
        ("/r/luwu-utara/", None),
        ("/r/luwu-utara/dimensi/governance/", None),
        ("/r/luwu-utara/program/GOV-01/", None),
        ("/r/luwu-utara/staf/", "region_admin"),
        ("/r/luwu-utara/staf/audit/", "region_admin"),
        ("/staf/", "region_admin"),
        ("/wilayah/", None),
    ],
)
def test_queries_constant_as_data_grows(world, client_for, url, who):
    client = client_for(world["users"][who] if who else None)
    small = _count(client, url)
    _grow(world, 24)
    large = _count(client, url)
    assert large == small, f"{url}: {small} queries with little data, {large} with more"


def test_programme_page_with_many_indicators(world, client):
    small = _count(client, "/r/luwu-utara/program/GOV-01/")
    for _ in range(10):
        TargetFactory(indicator=IndicatorFactory(programme=world["home_programme"]), year=2023)
    assert _count(client, "/r/luwu-utara/program/GOV-01/") == small
