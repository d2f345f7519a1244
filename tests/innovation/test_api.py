"""The JSON API of the three apps: public data to everyone, the rest to the region's staff."""

import pytest
from django.urls import reverse

from kotacerdas.news import services as news_services
from tests.roles import ALL_USERS

from .factories import activity, advance_to, innovation

pytestmark = pytest.mark.django_db

READERS = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}


@pytest.fixture
def data(world):
    admin = world["users"]["region_admin"]
    proposal = innovation(world, title="Usulan Rahasia")
    applied = advance_to(innovation(world, title="Antrean Online"), "applied", actor=admin)
    act = activity(world)
    draft = news_services.article_create(actor=admin, region=world["home"], title="Draf", body="x")
    published = news_services.article_publish(
        actor=admin,
        article=news_services.article_create(
            actor=admin, region=world["home"], title="Terbit", body="<p>y</p>", innovations=[applied]
        ),
    )
    return {**world, "proposal": proposal, "applied": applied, "activity": act, "draft": draft, "published": published}


def _get(client, name, **kw):
    return client.get(reverse(name, kwargs={"region_slug": "luwu-utara", **kw}), HTTP_ACCEPT="application/json")


@pytest.mark.parametrize("who", ALL_USERS)
def test_innovations_api(data, client_for, who):
    client = client_for(data["users"][who])
    titles = {r["title"] for r in _get(client, "innovation-innovations").json()["results"]}
    staff = who in READERS
    assert titles == ({"Usulan Rahasia", "Antrean Online"} if staff else {"Antrean Online"})
    assert _get(client, "innovation-innovation-detail", pk=data["proposal"].pk).status_code == (200 if staff else 404)
    detail = _get(client, "innovation-innovation-detail", pk=data["applied"].pk).json()
    assert detail["stage"] == "applied" and len(detail["criteria"]) == 5
    assert _get(client, "innovation-overview").status_code == (200 if staff else 403)


def test_overview_api_figures(data, client_for):
    body = _get(client_for(data["users"]["dewan"]), "innovation-overview").json()
    assert body["by_stage"] == {"proposal": 1, "decided": 0, "trial": 0, "applied": 1}
    assert body["predicate"] in {"less_innovative", "innovative", "very_innovative"}


def test_other_region_cannot_read_internal(data, client_for):
    client = client_for(data["users"]["other_admin"])
    assert _get(client, "innovation-innovation-detail", pk=data["proposal"].pk).status_code == 404
    r = client.get(
        reverse("news-article-detail", kwargs={"region_slug": "luwu-utara", "slug": data["draft"].slug}),
        HTTP_ACCEPT="application/json",
    )
    assert r.status_code == 404


@pytest.mark.parametrize("who", ALL_USERS)
def test_literacy_and_news_api(data, client_for, who):
    client = client_for(data["users"][who])
    rows = _get(client, "literacy-activities").json()["results"]
    assert rows[0]["total"] == 30 and rows[0]["district"] == "Masamba"
    summary = _get(client, "literacy-summary").json()
    assert summary["participants"] == 30
    titles = {r["title"] for r in _get(client, "news-articles").json()["results"]}
    assert titles == ({"Draf", "Terbit"} if who == "region_admin" else {"Terbit"})
    detail = _get(client, "news-article-detail", slug=data["published"].slug).json()
    assert detail["innovations"] == [data["applied"].pk] and detail["body"] == "<p>y</p>"


def test_schema_lists_the_endpoints(client, world):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/innovation/innovations/", "/innovation/overview/", "/literacy/activities/", "/news/articles/"):
        assert path in schema, path


@pytest.mark.parametrize("n", [2, 10])
def test_api_lists_constant_queries(world, client_for, django_assert_max_num_queries, n):
    admin = world["users"]["region_admin"]
    for i in range(n):
        advance_to(innovation(world, title=f"I{i}"), "trial", actor=admin)
        activity(world, title=f"A{i}")
    client = client_for(admin)
    for name in ("innovation-innovations", "literacy-activities", "news-articles"):
        with django_assert_max_num_queries(8):
            assert _get(client, name).status_code == 200
