"""Public pages: content, language, 404s, caching and invalidation."""

import pytest
from django.core.cache import cache

from kotacerdas.masterplan.services import programme_update


def test_home_shows_masterplan_dimensions_and_quick_wins(world, client):
    html = client.get("/r/luwu-utara/").content.decode()
    assert world["home_plan"].title in html
    assert html.count('data-testid="dimension-card"') == 6
    assert "Smart Governance" in html and "Smart Environment" in html
    assert html.count('data-testid="quick-win"') == 1
    assert "Berdaya Saing" in html


def test_dimension_page_lists_its_programmes(world, client):
    html = client.get("/r/luwu-utara/dimensi/governance/").content.decode()
    assert "GOV-01" in html
    assert client.get("/r/luwu-utara/dimensi/economy/").content.decode().count("<tbody>") == 0


def test_programme_page_shows_everything(world, client):
    programme = world["home_programme"]
    html = client.get(f"/r/luwu-utara/program/{programme.code}/").content.decode()
    assert programme.owner_agency.name in html
    assert 'data-testid="indicator"' in html
    assert 'data-testid="quick-win-badge"' in html
    assert "Rp 1.500.000" in html  # Indonesian grouping by default


@pytest.mark.parametrize(
    "url",
    ["/r/tidak-ada/", "/r/luwu-utara/dimensi/tidak-ada/", "/r/luwu-utara/program/NOPE-99/", "/r/maros/program/GOV-01/"],
)
def test_unknown_things_are_404_in_indonesian(world, client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_404_in_english_after_switch(world, client):
    client.get("/bahasa/en/?next=/")
    response = client.get("/r/tidak-ada/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_language_switch_sets_cookie_and_returns(world, client):
    response = client.get("/bahasa/en/?next=/r/luwu-utara/")
    assert response.status_code == 302 and response["Location"] == "/r/luwu-utara/"
    html = client.get("/r/luwu-utara/").content.decode()
    assert '<html lang="en">' in html
    assert "The six dimensions" in html


def test_language_switch_refuses_foreign_redirect_and_unknown_language(world, client):
    assert client.get("/bahasa/en/?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/bahasa/xx/").status_code == 404


def test_draft_masterplan_is_not_public(world, client):
    html = client.get("/r/maros/").content.decode()
    assert world["other_plan"].title not in html
    assert "GOV-01" not in html


def test_public_page_is_cached_and_invalidated_on_change(
    world, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/r/luwu-utara/program/GOV-01/")
    with django_assert_num_queries(0):  # the page comes from the cache, keyed by the URL's slug
        client.get("/r/luwu-utara/program/GOV-01/")
    with django_capture_on_commit_callbacks(execute=True):
        programme_update(actor=world["users"]["region_admin"], programme=world["home_programme"], title="Judul baru")
    assert "Judul baru" in client.get("/r/luwu-utara/program/GOV-01/").content.decode()


def test_cache_is_per_language(world, client):
    client.get("/r/luwu-utara/")
    client.get("/bahasa/en/?next=/")
    assert '<html lang="en">' in client.get("/r/luwu-utara/").content.decode()
    client.get("/bahasa/id/?next=/")
    assert '<html lang="id">' in client.get("/r/luwu-utara/").content.decode()


def test_demo_banner_only_for_demo_regions(world, client):
    assert "Demo content" not in client.get("/r/luwu-utara/").content.decode()
    world["home"].is_demo = True
    world["home"].save()
    cache.clear()  # a direct save bypasses the services that retire cached pages
    assert 'class="demo-banner"' in client.get("/r/luwu-utara/").content.decode()


def test_healthz(client):
    assert client.get("/healthz").content == b"ok"


def test_indonesian_by_default_even_for_an_english_browser(world, client):
    html = client.get("/r/luwu-utara/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in html
    assert "Enam dimensi" in html or "dimensi" in html.lower()
