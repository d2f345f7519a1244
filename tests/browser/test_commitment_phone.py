"""Issue 16 item 10 in a browser, on a phone (360 px, narrower than the issue's 390): the joint commitment is
reached from the region home and the partners page, and its verification page (the QR code's target) shows
the verdict and every VALID badge on the first screen, without sideways scrolling."""

import re

import pytest
from playwright.sync_api import expect

from kotacerdas.collaboration.models import Commitment

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"


def test_verdict_first_on_a_phone(live_server, demo, open_phone):
    commitment = Commitment.objects.get(region=demo, is_published=True)
    phone = open_phone()
    errors = watch_errors(phone)
    phone.goto(f"{live_server.url}/r/{SLUG}/")
    phone.get_by_test_id("commitment-link").first.click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/komitmen/{commitment.pk}/$"))
    phone.goto(f"{live_server.url}/r/{SLUG}/mitra/")
    phone.get_by_test_id("commitment-link").first.click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/komitmen/{commitment.pk}/$"))

    phone.goto(f"{live_server.url}/r/{SLUG}/komitmen/{commitment.pk}/verifikasi/")
    verdict = phone.get_by_test_id("verdict")
    expect(verdict).to_be_visible()
    width, height = phone.viewport_size["width"], phone.viewport_size["height"]
    box = verdict.bounding_box()
    assert box["y"] < height, f"the verdict starts below the first screen: {box}"
    assert phone.get_by_test_id("verify-summary").bounding_box()["y"] < height
    badges = phone.get_by_test_id("sig-valid")
    assert badges.count() == 3  # the demo: three of four signatories signed
    for badge in badges.all():
        b = badge.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= width, f"a VALID badge is off-screen: {b}"
    hash_y = phone.get_by_test_id("current-hash").bounding_box()["y"]
    assert hash_y > box["y"], "the verdict comes before the fingerprint"
    assert_fits_width(phone)
    assert errors == [], errors
