"""An agency officer manages their API tokens on a phone without JavaScript: from the security page to Token
API, makes a token and reads its key once, then revokes it after the confirmation page."""

import pytest
from playwright.sync_api import expect

from kotacerdas.accounts.models import ApiToken

from .login import log_in

pytestmark = pytest.mark.browser


def _fits(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_make_read_once_and_revoke_a_token_on_a_phone_without_javascript(live_server, demo, open_phone):
    page = open_phone(javascript=False)
    base = live_server.url
    log_in(page, base, "opd.dlh")
    page.goto(base + "/akun/keamanan/")
    page.get_by_test_id("api-tokens-link").click()
    expect(page.get_by_role("heading", name="Token API")).to_be_visible()
    page.get_by_label("Nama").fill("Sinkron dasbor")
    page.get_by_test_id("token-create").click()
    key = page.get_by_test_id("new-key-value").input_value()
    token = ApiToken.objects.get(user__username="opd.dlh", name="Sinkron dasbor")
    assert key.startswith(token.prefix) and len(key) > 40
    expect(page.get_by_test_id("new-key")).to_contain_text("Salin kunci sekarang")
    _fits(page)
    page.goto(base + "/akun/keamanan/token-api/")  # the key is not shown again
    expect(page.get_by_test_id("new-key")).to_have_count(0)
    expect(page.get_by_test_id(f"token-{token.pk}")).to_contain_text("Sinkron dasbor")
    _fits(page)
    page.get_by_test_id(f"revoke-{token.pk}").click()
    _fits(page)
    page.get_by_test_id("revoke-confirm").click()
    expect(page.get_by_text("Token “Sinkron dasbor” telah dicabut.")).to_be_visible()
    token.refresh_from_db()
    assert token.revoked_at is not None
