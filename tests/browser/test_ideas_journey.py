"""A citizen signs up on a phone and proposes an idea; another member supports and comments; the Tim
Pelaksana hides the comment with a reason and links the idea to a programme; the public programme page then
lists the idea and the idea page says what it became."""

import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.ideas.models import Idea, IdeaComment
from kotacerdas.masterplan.models import Programme
from tests.browser.login import log_in

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"
TITLE = "Halte bus sekolah beratap di Masamba"


def fits_phone(page: Page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"{page.url} overflows the phone screen: {width}"


def test_idea_from_sign_up_to_programme_page(live_server, demo, open_phone, open_desktop):
    base = live_server.url

    # 1. A citizen on a phone signs up with a phone number and proposes an idea.
    phone = open_phone()
    errors: list[str] = []
    phone.on("pageerror", lambda e: errors.append(str(e)))
    phone.goto(base + f"/r/{SLUG}/")
    phone.get_by_test_id("ideas-link").click()
    expect(phone.get_by_test_id("idea-card").first).to_be_visible()
    fits_phone(phone)
    phone.get_by_test_id("signup-link").click()
    phone.locator("#id_name").fill("Ibu Rina")
    phone.locator("#id_identifier").fill("0812 7777 1234")
    phone.locator("#id_password1").fill("kopi-seko-2024")
    phone.locator("#id_password2").fill("kopi-seko-2025")
    phone.get_by_test_id("signup-submit").click()
    expect(phone.get_by_test_id("error-password2")).to_be_visible()  # mistyped: a clear message, nothing saved
    phone.locator("#id_password1").fill("kopi-seko-2024")
    phone.locator("#id_password2").fill("kopi-seko-2024")
    phone.get_by_test_id("signup-submit").click()
    # Sign-up answers a new and a known number alike, and does not log in: the citizen logs in next.
    expect(phone.get_by_test_id("signup-sent")).to_be_visible()
    phone.get_by_test_id("signup-login").click()
    phone.locator("#id_username").fill("0812 7777 1234")
    phone.locator("#id_password").fill("kopi-seko-2024")
    phone.locator("form:has(#id_password) button[type=submit]").click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/gagasan/$"))
    fits_phone(phone)
    phone.get_by_test_id("propose-link").click()
    phone.locator("#id_title").fill(TITLE)
    phone.locator("#id_dimension").select_option(label="Smart Living")
    phone.locator("#id_description").fill(
        "Anak sekolah menunggu bus di pinggir jalan tanpa atap saat hujan <b>deras</b>."
    )
    fits_phone(phone)
    phone.get_by_test_id("idea-submit").click()
    expect(phone.get_by_test_id("idea-title")).to_have_text(TITLE)
    expect(phone.get_by_test_id("idea-description")).to_contain_text("<b>deras</b>")  # shown escaped
    fits_phone(phone)
    idea = Idea.objects.get(title=TITLE)
    assert idea.author.username == "+6281277771234"
    idea_url = base + f"/r/{SLUG}/gagasan/{idea.pk}/"

    # 2. Another member supports it and comments.
    desk = open_desktop()
    log_in(desk, base, "dewan.lutra")
    desk.goto(idea_url)
    desk.get_by_test_id("support-button").click()
    expect(desk.get_by_test_id("support-count")).to_have_text("1")
    expect(desk.get_by_test_id("unsupport-button")).to_be_visible()
    desk.get_by_test_id("comment-form").locator("textarea[name=body]").fill("Kata-kata kasar yang tidak pantas")
    desk.get_by_test_id("comment-button").click()
    expect(desk.get_by_test_id("comment-body")).to_have_text("Kata-kata kasar yang tidak pantas")

    # 3. The Tim Pelaksana hides the comment with a reason and links the idea to a programme.
    staff = open_desktop()
    log_in(staff, base, "tp.lutra")
    staff.goto(idea_url)
    staff.get_by_test_id("moderate-link").click()
    comment = staff.get_by_test_id("staff-comment").filter(has_text="Kata-kata kasar")
    comment.locator("input[name=reason]").fill("Bahasa tidak sopan")
    comment.get_by_test_id("hide-comment").click()
    expect(staff.get_by_test_id("comment-hidden")).to_contain_text("Bahasa tidak sopan")
    liv01 = Programme.objects.get(region=demo, code="LIV-01")
    staff.locator("#id_programme").select_option(str(liv01.pk))
    staff.get_by_test_id("link-submit").click()
    expect(staff.locator(".msg-success")).to_be_visible()
    idea.refresh_from_db()
    assert idea.status == Idea.Status.ADOPTED and idea.programme.code == "LIV-01"
    assert IdeaComment.objects.get(idea=idea).is_hidden

    # 4. Anyone sees it: the programme page lists the idea, the idea page says what it became.
    phone.goto(base + f"/r/{SLUG}/program/LIV-01/")
    expect(phone.get_by_test_id("idea-behind").filter(has_text=TITLE)).to_be_visible()
    fits_phone(phone)
    phone.get_by_test_id("idea-behind").filter(has_text=TITLE).locator("a").click()
    expect(phone.get_by_test_id("idea-became")).to_contain_text("LIV-01")
    expect(phone.get_by_test_id("comment-hidden")).to_contain_text("Bahasa tidak sopan")
    assert "Kata-kata kasar" not in phone.content()
    assert not errors, errors
