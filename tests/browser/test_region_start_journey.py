"""Starting a region without a developer, in a browser: the national administrator starts Kabupaten Luwu
(73.17) from its official code and invites its first admin; the admin opens the e-mailed one-time link on a
phone, chooses a password, sets up the authenticator and lands in the masterplan authoring at Bimtek I. The
link then no longer works. The national page lists the new region at Bimtek I."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from kotacerdas.demo.data import DEMO_PASSWORD
from tests.browser.login import log_in
from tests.factories import RegionFactory, UserFactory
from tests.otp import confirmed_device, current_code

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser


def test_national_admin_starts_a_region_and_its_admin_signs_in_at_bimtek_one(
    live_server, transactional_db, open_desktop, open_phone
):
    base = live_server.url
    RegionFactory(name="Luwu Utara", slug="luwu-utara", code="73.22")
    root = UserFactory(username="nasional", is_superuser=True, is_staff=True)
    root.set_password(DEMO_PASSWORD)
    root.save()
    confirmed_device(root)
    mail.outbox.clear()

    desk = open_desktop()
    errors = watch_errors(desk)
    log_in(desk, base, "nasional")
    desk.goto(base + "/nasional/daerah-baru/")
    desk.locator("#id_code").fill("73.22")
    desk.locator("#id_admin_email").fill("kominfo@luwukab.go.id")
    desk.get_by_test_id("region-start-submit").click()
    expect(desk.locator("[data-testid=region-start-form]")).to_contain_text("sudah ada di platform")
    desk.locator("#id_code").fill("73.17")
    desk.locator("#id_slug").fill("luwu")
    desk.locator("#id_admin_name").fill("Andi Kominfo")
    desk.get_by_test_id("region-start-submit").click()
    expect(desk).to_have_url(re.compile(r"/r/luwu/rencana/$"))
    expect(desk.locator(".messages")).to_contain_text("Bimtek I")
    [message] = mail.outbox
    link = re.search(r"https?://\S+/undangan/\S+/", message.body).group(0)
    path = "/undangan/" + link.split("/undangan/")[1]

    phone = open_phone()
    phone_errors = watch_errors(phone)
    phone.goto(base + path)
    expect(phone.locator("h1")).to_contain_text("Kabupaten Luwu")
    assert_fits_width(phone)
    phone.locator("#id_password1").fill("Sulit-Ditebak-2026")
    phone.locator("#id_password2").fill("Sulit-Ditebak-2026")
    phone.get_by_test_id("invitation-submit").click()
    expect(phone).to_have_url(re.compile(r"/akun/keamanan/autentikator/"))
    device = TOTPDevice.objects.get(user__username="kominfo@luwukab.go.id", confirmed=False)
    phone.locator("#id_code").fill(current_code(device))
    phone.get_by_test_id("code-submit").click()
    phone.locator("[data-testid=recovery-codes] ~ p a").click()
    expect(phone).to_have_url(re.compile(r"/r/luwu/rencana/$"))
    expect(phone.get_by_test_id("round-1")).to_contain_text("Bimtek I")
    expect(phone.get_by_test_id("masterplan-status")).to_have_text("Draf")
    assert_fits_width(phone)

    # The link is used up: a clear page, nothing more created.
    other = open_phone()
    response = other.goto(base + path)
    assert response.status == 410
    expect(other.get_by_test_id("invitation-error")).to_contain_text("sudah dipakai")

    desk.goto(base + "/")
    expect(desk.get_by_test_id("region-luwu").get_by_test_id("stage")).to_have_text("Bimtek I")
    # The national page on a phone, without JavaScript: the filters are a plain GET form.
    visitor = open_phone(javascript=False)
    visitor.goto(base + "/")
    assert_fits_width(visitor)
    visitor.locator("#provinsi").select_option("Sulawesi Selatan")
    visitor.locator("[data-testid=national-filters] button").click()
    expect(visitor).to_have_url(re.compile(r"provinsi=Sulawesi\+Selatan"))
    expect(visitor.get_by_test_id("total-regions")).to_have_text("2")
    assert not [e for e in errors + phone_errors if not e.startswith("400 ")], errors + phone_errors
