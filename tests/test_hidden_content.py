"""Hidden or unpublished content never reaches the public: every GET route of the site (pages, feeds, API,
Open311), with each hidden object's id wherever a route takes one, is swept as an anonymous visitor and as
a citizen; no response may contain the hidden text (404 or a "hidden" notice without the content)."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kotacerdas.collaboration import services as collaboration_services
from kotacerdas.ideas import services as idea_services
from kotacerdas.news import services as news_services
from tests.innovation.factories import innovation

SECRET = "RAHASIA"


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:  # regex patterns: the admin, static files
            continue
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def _urls(ids):
    for route in _routes(get_resolver().url_patterns):
        if route.startswith(("admin/", "akun/", "bahasa/")):
            continue
        route = re.sub(r"<(?:slug|str):region_slug>", "luwu-utara", route)
        params = re.findall(r"<[^>]+>", route)
        if not params:
            yield "/" + route
        elif all(p.startswith("<int:") for p in params):
            for pk in ids:
                yield "/" + re.sub(r"<int:[^>]+>", str(pk), route)


@pytest.fixture
def hidden(world):
    users = world["users"]
    admin, citizen = users["region_admin"], users["citizen"]
    region, dimension = world["home"], world["home_dims"]["governance"]
    text = f"{SECRET} isi gagasan yang disembunyikan moderator"
    idea = idea_services.idea_create(
        actor=citizen, region=region, title=f"{SECRET} gagasan", description=text, dimension=dimension
    )
    idea_services.idea_hide(actor=admin, idea=idea, reason="Spam")
    text = "Isi gagasan terbuka untuk semua warga"
    visible = idea_services.idea_create(
        actor=citizen, region=region, title="Gagasan terbuka", description=text, dimension=dimension
    )
    comment = idea_services.comment_create(actor=citizen, idea=visible, body=f"{SECRET} komentar")
    idea_services.comment_hide(actor=admin, comment=comment, reason="Kasar")
    article = news_services.article_create(
        actor=admin, region=region, title=f"{SECRET} berita", summary=f"{SECRET} ringkasan", body=f"<p>{SECRET}</p>"
    )
    innov = innovation(world, title=f"{SECRET} inovasi", description=f"{SECRET} uraian")
    commitment = collaboration_services.commitment_create(
        actor=admin,
        region=region,
        title=f"{SECRET} komitmen",
        text=f"{SECRET} teks",
        event_date=datetime.date(2024, 5, 1),
        event_place="Masamba",
    )
    return {
        "ids": sorted({idea.pk, visible.pk, comment.pk, article.pk, innov.pk, commitment.pk}),
        "slug": article.slug,
    }


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other_admin"])
def test_no_route_shows_hidden_content(world, hidden, client_for, who):
    client = client_for(world["users"][who])
    urls = [*_urls(hidden["ids"]), f"/r/luwu-utara/berita/{hidden['slug']}/"]
    assert len(urls) > 100  # the sweep really covers the site
    leaks = []
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if SECRET.encode() in body:
            leaks.append(url)
    # The citizen wrote the hidden idea: their own "Akun saya" lists it, marked hidden with the moderator's reason.
    own = {"/r/luwu-utara/akun/"} if who == "citizen" else set()
    assert [url for url in leaks if url not in own] == []
