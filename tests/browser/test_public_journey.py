"""A citizen on a phone reads Luwu Utara's masterplan: home → English → a dimension → a programme.

The same journey runs with JavaScript on and off (every public page must work without it), on the real demo
data, and checks at each step that the page fits a 360-pixel-wide screen.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.masterplan.models import Programme

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360


def assert_fits_width(page: Page) -> None:
    """No horizontal scrolling at phone width.

    Compared with the layout viewport (`clientWidth`), not only `window.innerWidth`: on a mobile viewport
    chromium zooms out to fit wide content, which makes `innerWidth` grow with the overflow and hides it.
    """
    m = page.evaluate(
        """() => {
        const root = document.documentElement;
        const limit = root.clientWidth;
        const wide = [...document.body.querySelectorAll('*')]
            .filter(el => el.getBoundingClientRect().right > limit + 1)
            .slice(0, 5)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + String(el.className));
        return {scroll: root.scrollWidth, inner: window.innerWidth, client: limit, wide};
    }"""
    )
    assert m["client"] == PHONE_WIDTH, m
    assert m["scroll"] <= m["client"] + 1, f"{page.url} overflows a {PHONE_WIDTH}px screen: {m}"
    assert m["scroll"] <= m["inner"] + 1, f"{page.url} overflows a {PHONE_WIDTH}px screen: {m}"


def watch_errors(page: Page) -> list[str]:
    """Collect failed responses and uncaught script errors, so a missing stylesheet or a broken script fails."""
    errors: list[str] = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: errors.append(f"script error: {e}"))
    return errors


def walk_public_journey(page: Page, base_url: str, region) -> None:
    errors = watch_errors(page)
    governance = (
        Programme.objects.filter(masterplan__region=region, masterplan__status="adopted", dimension__key="governance")
        .select_related("owner_agency")
        .prefetch_related("indicators")
        .order_by("code")
    )
    programme = governance[0]

    # "/" is the national page (every region of the installation); its table leads to the region's home.
    page.goto(base_url + "/")
    page.locator("table th[scope=row] a", has_text="Luwu Utara").first.click()
    expect(page).to_have_url(re.compile(r"/r/luwu-utara/$"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Luwu Utara BISA Smart City 2022–2032")
    expect(page.get_by_test_id("dimension-card")).to_have_count(6)
    expect(page.get_by_test_id("quick-win")).to_have_count(10)
    expect(page.get_by_text("Tata kelola pemerintahan yang cerdas")).to_be_visible()
    expect(page.get_by_role("heading", name="The six dimensions")).to_have_count(0)
    assert_fits_width(page)

    # Switch to English: same page, English content.
    page.get_by_test_id("lang-en").click()
    expect(page).to_have_url(re.compile(r"/r/luwu-utara/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("lang-id")).to_be_visible()
    expect(page.get_by_role("heading", name="The six dimensions")).to_be_visible()
    expect(page.get_by_text("Smart government and public service")).to_be_visible()
    expect(page.get_by_text("Tata kelola pemerintahan yang cerdas")).to_have_count(0)
    expect(page.get_by_test_id("quick-win").first).to_contain_text("Digital public service mall")
    assert_fits_width(page)

    # A dimension: its programme table lists every governance programme of the adopted masterplan.
    page.get_by_role("link", name="Smart Governance", exact=True).click()
    expect(page).to_have_url(re.compile(r"/r/luwu-utara/dimensi/governance/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Smart Governance")
    table = page.get_by_test_id("programme-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(len(governance))
    expect(table.locator("tbody tr").first).to_contain_text(programme.code)
    assert_fits_width(page)

    # A programme: owner agency and one table of yearly targets per indicator.
    table.get_by_role("link", name=programme.title_en, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/r/luwu-utara/program/{programme.code}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.title_en)
    owner = programme.owner_agency
    expect(page.get_by_test_id("owner-agency")).to_have_text(f"{owner.name} ({owner.acronym})")
    indicators = page.get_by_test_id("indicator")
    expect(indicators).to_have_count(len(programme.indicators.all()))
    for i, indicator in enumerate(programme.indicators.all()):
        section = indicators.nth(i)
        expect(section.get_by_role("heading")).to_contain_text(indicator.name_en)
        years = [str(y) for y in range(programme.start_year, programme.end_year + 1)]
        expect(section.locator("table thead th.num")).to_have_text(years)
    assert_fits_width(page)

    assert errors == [], errors


def test_phone_reader_walks_from_home_to_a_programme(live_server, demo, open_phone):
    walk_public_journey(open_phone(), live_server.url, demo)


def test_the_journey_works_without_javascript(live_server, demo, open_phone):
    page = open_phone(javascript=False)
    walk_public_journey(page, live_server.url, demo)
    # Really without scripts: htmx, loaded on every page, never ran.
    assert page.evaluate("typeof window.htmx") == "undefined"
