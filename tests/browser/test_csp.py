"""The Content-Security-Policy in a real browser: the harness catches a violation, and the pages with third-party
code (the API docs, the back office) work under their policies without one.

Every other browser test checks its own pages through the same harness (conftest.py: `csp_violations`).
"""

import time

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.otp import confirmed_device, current_code

pytestmark = pytest.mark.browser


def wait_for(violations: list[str], count: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while len(violations) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_harness_catches_an_injected_inline_script_and_style(
    live_server, transactional_db, open_phone, csp_violations
):
    page = open_phone()
    page.goto(live_server.url + "/akun/masuk/")
    page.evaluate(
        """() => {
        const s = document.createElement("script");
        s.textContent = "window.injected = true";
        document.body.appendChild(s);
        document.body.setAttribute("style", "background: red");
    }"""
    )
    wait_for(csp_violations, 2)
    assert page.evaluate("() => window.injected") is None  # the policy refused to run it
    joined = "\n".join(csp_violations)
    assert "script-src" in joined and "style-src" in joined, joined
    csp_violations.clear()  # seen on purpose: the test itself passes


def test_swagger_ui_works_under_its_policy(live_server, transactional_db, open_desktop):
    page = open_desktop()
    page.goto(live_server.url + "/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Kota Cerdas API")
    expect(page.locator(".opblock").first).to_be_visible()


def test_redoc_works_under_its_policy(live_server, transactional_db, open_desktop):
    page = open_desktop()
    page.goto(live_server.url + "/api/redoc/")
    expect(page.get_by_role("heading", name="Kota Cerdas API")).to_be_visible()


def test_the_back_office_works_under_the_site_policy(live_server, transactional_db, open_desktop):
    device = confirmed_device(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = open_desktop()
    page.goto(live_server.url + "/admin/login/?next=/admin/regions/region/add/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", "pass-1234-word")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.locator("#id_code").fill(current_code(device))  # the back office needs the second factor
    page.get_by_test_id("code-submit").click()
    expect(page.locator("input[name=name]")).to_be_visible()
    page.goto(live_server.url + "/admin/regions/region/")
    expect(page.locator("#changelist")).to_be_visible()
