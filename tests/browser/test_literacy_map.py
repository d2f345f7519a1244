"""The literacy map's tooltips show a district's name as text: a district renamed to markup (a superuser or a
code import sets names) shows that markup literally on hover and runs nothing."""

import pytest
from playwright.sync_api import expect

from kotacerdas.literacy.models import DistrictLocation
from kotacerdas.regions.models import District

pytestmark = pytest.mark.browser

SLUG = "luwu-utara"
NAME = '<img src=x onerror="window.kcHovered=1" data-testid="injected">Baebunta'


def test_district_names_in_tooltips_are_text(demo, live_server, open_desktop, settings):
    settings.MAP_TILE_URL = ""  # no tile server in the test: circles on a blank map
    located = DistrictLocation.objects.filter(region=demo).values_list("district_id", flat=True)
    District.objects.filter(region=demo, pk__in=located).update(name=NAME)
    page = open_desktop()
    page.goto(f"{live_server.url}/r/{SLUG}/literasi/")
    expect(page.get_by_test_id("literacy-leaflet")).to_be_visible()
    circles = page.locator("#literacy-map path.leaflet-interactive")
    assert circles.count() >= 1
    circles.first.hover(force=True)
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text('<img src=x onerror="window.kcHovered=1"')
    assert page.locator('[data-testid="injected"]').count() == 0
    assert page.evaluate("window.kcHovered") is None
