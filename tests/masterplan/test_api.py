"""The read API: public data for everyone, drafts only for the region's staff and the Tim Ahli."""

import pytest

from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory
from tests.roles import ALL_USERS

SEES_MAROS_DRAFT = {"other_admin", "other_officer", "evaluator"}


def test_regions(world, client):
    data = client.get("/api/v1/regions/").json()
    assert {r["slug"] for r in data["results"]} == {"luwu-utara", "maros"}
    assert client.get("/api/v1/regions/luwu-utara/").json()["code"] == "73.22"
    assert client.get("/api/v1/regions/nope/").status_code == 404


def test_dimensions_with_counts(world, client):
    data = client.get("/api/v1/regions/luwu-utara/dimensions/").json()
    assert [d["key"] for d in data] == ["governance", "branding", "economy", "living", "society", "environment"]
    governance = data[0]
    assert governance["programme_count"] == 1 and governance["quick_win_count"] == 1
    assert len(governance["elements"]) == 3


def test_programme_list_filters_and_detail(world, client):
    data = client.get("/api/v1/regions/luwu-utara/programmes/?dimension=governance&quick_win=true").json()
    assert [p["code"] for p in data["results"]] == ["GOV-01"]
    assert client.get("/api/v1/regions/luwu-utara/programmes/?dimension=economy").json()["count"] == 0
    detail = client.get("/api/v1/regions/luwu-utara/programmes/GOV-01/").json()
    assert detail["owner_agency"]["acronym"] == "DLH"
    assert detail["indicators"][0]["targets"] == [{"year": 2024, "value": "40.0000"}]
    assert client.get("/api/v1/regions/luwu-utara/programmes/NOPE/").status_code == 404


@pytest.mark.parametrize("who", ALL_USERS)
def test_draft_programmes_only_for_own_staff(world, client_for, who):
    client = client_for(world["users"][who])
    listing = client.get("/api/v1/regions/maros/programmes/")
    detail = client.get("/api/v1/regions/maros/programmes/GOV-01/")
    indicators = client.get("/api/v1/regions/maros/indicators/")
    if who in SEES_MAROS_DRAFT:
        assert listing.json()["count"] == 1 and detail.status_code == 200 and indicators.json()["count"] == 1
    else:
        assert listing.json()["count"] == 0 and detail.status_code == 404 and indicators.json()["count"] == 0


@pytest.mark.parametrize("who", ALL_USERS)
def test_api_is_read_only(world, client_for, who):
    client = client_for(world["users"][who])
    for url in ("/api/v1/regions/luwu-utara/programmes/", "/api/v1/regions/luwu-utara/programmes/GOV-01/"):
        assert client.post(url, {"title": "x"}, content_type="application/json").status_code in (403, 405)
        assert client.delete(url).status_code in (403, 405)


def test_schema_and_docs(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/regions/{region_slug}/programmes/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs  # served locally, no CDN


def _grow(world, n):
    for _ in range(n):
        programme = ProgrammeFactory(
            masterplan=world["home_plan"], dimension=world["home_dims"]["economy"], owner_agency=world["home_agency"]
        )
        TargetFactory(indicator=IndicatorFactory(programme=programme), year=2025)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions/luwu-utara/dimensions/",
        "/api/v1/regions/luwu-utara/programmes/",
        "/api/v1/regions/luwu-utara/indicators/",
    ],
)
def test_api_queries_do_not_grow_with_data(world, client, url, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _grow(world, 15)
    cache.clear()  # measure the uncached work
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_public_api_reads_are_cached_for_anonymous_and_invalidated(
    world, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from kotacerdas.masterplan.services import programme_update

    url = "/api/v1/regions/luwu-utara/programmes/"
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(
            actor=world["users"]["region_admin"], programme=world["home_programme"], title="Judul API baru"
        )
    assert client.get(url).json()["results"][0]["title"] == "Judul API baru"


def test_cached_public_api_never_serves_staff_the_anonymous_answer(world, client_for):
    anonymous = client_for(None)
    assert anonymous.get("/api/v1/regions/maros/programmes/").json()["count"] == 0
    staff = client_for(world["users"]["other_admin"])
    assert staff.get("/api/v1/regions/maros/programmes/").json()["count"] == 1


def test_token_auth_bypasses_the_anonymous_cache(world, client):
    from kotacerdas.accounts.services import api_token_create

    client.get("/api/v1/regions/maros/programmes/")
    admin = world["users"]["other_admin"]
    _, key = api_token_create(user=admin, name="sync", actor=admin)
    response = client.get("/api/v1/regions/maros/programmes/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.json()["count"] == 1
