"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's live server.

Chromium comes from the system (`CHROMIUM_PATH`, else `chromium` on PATH, else /usr/bin/chromium); Playwright
never downloads a browser. Where chromium is absent every `@pytest.mark.browser` test is skipped with a reason
and the terminal summary says so in a warning line, so a green run without browser tests cannot pass unnoticed.
`CHROMIUM_PATH=/nonexistent` exercises that path on a machine that has chromium.

A failed test leaves a full-page screenshot and the page's HTML in test-artifacts/.

Every page opened through `open_phone`/`open_desktop` is watched for Content-Security-Policy violations (the
browser's "Refused to …" console messages and `securitypolicyviolation` events): a test whose pages had any
fails at teardown with the list, so a blocked script or style cannot pass unnoticed.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from kotacerdas.demo.loader import load_demo
from kotacerdas.regions.models import Region

# Playwright is only ever pointed at the system chromium; make sure nothing below it tries to fetch one.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A phone in Indonesia: its Accept-Language asks for Bahasa Indonesia, as most visitors' phones do.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "id-ID",
    "timezone_id": "Asia/Makassar",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "id-ID", "timezone_id": "Asia/Makassar"}
ARTIFACTS_DIR = "test-artifacts"
# Runs before the page's own scripts (Playwright injects it outside the page's policy) and reports every
# violation on the console, also those chromium does not log itself.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} ` +
    `at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""
CSP_MESSAGE = re.compile(r"^(CSP violation:|Refused to )|Content Security Policy")

_skipped = pytest.StashKey[int]()


def find_chromium() -> tuple[str | None, str]:
    """(path, "") for a usable chromium, or (None, why not). `CHROMIUM_PATH`, when set, is the only candidate."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        if os.path.isfile(override) and os.access(override, os.X_OK):
            return override, ""
        return None, f"CHROMIUM_PATH={override} is not an executable file"
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate, ""
    return None, "chromium not found on PATH or at /usr/bin/chromium"


CHROMIUM, CHROMIUM_MISSING = find_chromium()
SKIP_REASON = (
    f"browser test skipped: {CHROMIUM_MISSING}. Install Debian's chromium (apt-get install chromium) "
    "or set CHROMIUM_PATH."
)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    count = 0
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)
            count += 1
    config.stash[_skipped] = count


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    count = config.stash.get(_skipped, 0)
    if count:
        terminalreporter.write_sep(
            "!", f"WARNING: {count} browser test(s) SKIPPED — {CHROMIUM_MISSING}", yellow=True, bold=True
        )
        terminalreporter.write_line(
            "The public journeys were NOT checked in a browser. Install Debian's chromium "
            "(apt-get install chromium) or point CHROMIUM_PATH at it.",
            yellow=True,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item (`item.rep_setup`, `rep_call`) so fixtures can see the outcome."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright for one test module.

    Its sync API keeps an asyncio loop running in this thread, and Django refuses ORM calls from a thread with
    a running loop. The flag that lifts that guard is set only while Playwright runs (module scope, so it stops
    before the next module's tests), leaving the async-safety check intact for the rest of the suite.
    """
    if not CHROMIUM:
        pytest.skip(SKIP_REASON)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            yield p
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _save_artifacts_and_close(request, contexts, label: str) -> None:
    """On failure save each page of the test's contexts to test-artifacts/ (screenshot and HTML); close them."""
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        out = Path(request.config.rootpath) / ARTIFACTS_DIR
        out.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + label
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                name = f"{stem}-{i}-{j}"
                try:
                    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                    (out / f"{name}.html").write_text(page.content(), encoding="utf-8")
                except Exception as exc:  # a crashed page must not hide the test's own failure
                    print(f"could not save {name}: {exc}")
                else:
                    print(f"saved {out / name}.png and .html ({page.url})")
    for context in contexts:
        context.close()


@pytest.fixture
def csp_violations() -> Iterator[list[str]]:
    """The CSP violations seen by the pages of this test; the test fails if any are left at its end."""
    seen: list[str] = []
    yield seen
    if seen:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(seen), pytrace=False)


def new_watched_context(browser: Browser, violations: list[str], **options) -> BrowserContext:
    """A browser context whose pages add each CSP violation they report to `violations`."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    context.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_console(message) -> None:
        if CSP_MESSAGE.search(message.text):
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", on_console)
    return context


@pytest.fixture
def open_phone(browser: Browser, request, csp_violations) -> Iterator[Callable[..., Page]]:
    """open_phone(javascript=True) → a new page in a fresh 360×740 touch-screen context (no cookies).

    On failure each page opened here is saved to test-artifacts/ as a full-page screenshot and HTML.
    """
    contexts = []

    def make(*, javascript: bool = True) -> Page:
        context = new_watched_context(browser, csp_violations, **PHONE, java_script_enabled=javascript)
        contexts.append(context)
        return context.new_page()

    yield make
    _save_artifacts_and_close(request, contexts, "")


@pytest.fixture
def open_desktop(browser: Browser, request, csp_violations) -> Iterator[Callable[[], Page]]:
    """open_desktop() → a new page in a fresh desktop context; saved to test-artifacts/ when the test fails."""
    contexts = []

    def make() -> Page:
        context = new_watched_context(browser, csp_violations, **DESKTOP)
        contexts.append(context)
        return context.new_page()

    yield make
    _save_artifacts_and_close(request, contexts, "-desktop")


@pytest.fixture
def demo(transactional_db):
    """The real Luwu Utara demo (adopted masterplan, 30 programmes, 10 quick wins), loaded for this test."""
    load_demo()
    return Region.objects.get(slug="luwu-utara")
