"""An anonymous citizen on a 390 px phone taps "Usulkan gagasan", is sent to the region's sign-in, signs up
from there, signs in, proposes the idea and finds it on "Akun saya". The public menu works without
JavaScript, "Laporkan masalah" first."""

import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.ideas.models import Idea

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"
TITLE = "Taman baca di pasar Masamba"
PASSWORD = "kopi-seko-2026"


def fits_phone(page: Page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"{page.url} overflows the phone screen: {width}"


def on_390px(page: Page) -> Page:
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_propose_sign_up_sign_in_and_find_it_on_my_account(live_server, demo, open_phone):
    base = live_server.url
    phone = on_390px(open_phone())
    errors: list[str] = []
    phone.on("pageerror", lambda e: errors.append(str(e)))

    # 1. The public menu: "Laporkan masalah" first, then ideas; "Masuk" in the header.
    phone.goto(base + f"/r/{SLUG}/")
    nav = phone.get_by_test_id("public-nav")
    expect(nav.get_by_role("link").first).to_have_text("Laporkan masalah")
    expect(phone.get_by_test_id("login-link")).to_be_visible()
    fits_phone(phone)
    nav.get_by_test_id("nav-ideas").click()
    phone.get_by_test_id("propose-link").click()

    # 2. Not signed in: the region's sign-in, in its branding, with a way to sign up.
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/masuk/\?next=%2Fr%2F{SLUG}%2Fgagasan%2Fbaru%2F$"))
    expect(phone.get_by_test_id("citizen-login-title")).to_contain_text("Luwu Utara")
    expect(phone.get_by_test_id("forgot-password-link")).to_be_visible()
    fits_phone(phone)
    phone.get_by_test_id("citizen-signup-link").click()
    phone.locator("#id_name").fill("Pak Andi")
    phone.locator("#id_identifier").fill("andi.masamba@example.org")
    phone.locator("#id_password1").fill(PASSWORD)
    phone.locator("#id_password2").fill(PASSWORD)
    phone.get_by_test_id("signup-submit").click()
    expect(phone.get_by_test_id("signup-sent")).to_be_visible()
    phone.get_by_test_id("signup-login").click()

    # 3. A wrong password gets a clear message; the right one leads back to the idea form.
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/masuk/"))
    phone.locator("#id_username").fill("Andi.Masamba@example.org")
    phone.locator("#id_password").fill("bukan-sandinya-1")
    phone.get_by_test_id("login-submit").click()
    expect(phone.get_by_test_id("login-error")).to_be_visible()
    phone.locator("#id_password").fill(PASSWORD)
    phone.get_by_test_id("login-submit").click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/gagasan/baru/$"))
    fits_phone(phone)
    phone.locator("#id_title").fill(TITLE)
    phone.locator("#id_dimension").select_option(label="Smart Society")
    phone.locator("#id_description").fill("Pojok baca untuk anak-anak pedagang di pasar sentral Masamba.")
    phone.get_by_test_id("idea-submit").click()
    expect(phone.get_by_test_id("idea-title")).to_have_text(TITLE)

    # 4. "Akun saya" in the header lists the idea, with its status.
    phone.get_by_test_id("my-account-link").click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/akun/$"))
    expect(phone.get_by_test_id("account-title")).to_have_text("Akun saya")
    mine = phone.get_by_test_id("my-idea")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(TITLE)
    expect(mine).to_contain_text("Baru")
    expect(phone.get_by_test_id("signed-in-name")).to_have_text("Pak Andi")
    fits_phone(phone)
    idea = Idea.objects.get(title=TITLE)
    assert idea.author.username == "andi.masamba@example.org"
    assert not errors, errors


def test_public_menu_without_javascript(live_server, demo, open_phone):
    phone = on_390px(open_phone(javascript=False))
    for path in ("/", "/gagasan/", "/survei/", "/mitra/", "/berita/", "/aduan/"):
        phone.goto(live_server.url + f"/r/{SLUG}{path}")
        expect(phone.get_by_test_id("public-nav")).to_be_visible()
        fits_phone(phone)
    phone.get_by_test_id("nav-report").click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/aduan/baru/$"))
    # Every menu link is big enough for a finger.
    heights = (
        phone.get_by_test_id("public-nav")
        .get_by_role("link")
        .evaluate_all("links => links.map(a => a.getBoundingClientRect().height)")
    )
    assert min(heights) >= 44, heights
