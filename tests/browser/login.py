"""Logging in through the form, as a person does: the password, then the code of the demo authenticator."""

import re

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from kotacerdas.demo.data import DEMO_PASSWORD
from tests.otp import current_code


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form:has(#id_password) button[type=submit]").click()
    # The click returns once the form is sent; wait for where it leads before reading the address.
    page.wait_for_url(re.compile(r"/akun/verifikasi/|/staf/$"))
    if "/akun/verifikasi/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        # A journey may sign the same person in twice within one 30-second step; the app would show the
        # same code, which the site refuses to take twice. Forget the last use, as the next step would.
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
        page.locator("#id_code").fill(current_code(device))
        page.get_by_test_id("code-submit").click()
    expect(page).to_have_url(re.compile(r"/staf/$"))
    page.wait_for_load_state()
