"""Sending a form with photos online (docs/offline.md, "Uploads"): offline-drafts.js sends it by XMLHttpRequest
and shows the percentage sent; the answer replaces the page as a plain post's would (the tracking page, or the
form with the server's errors); a request lost on the way becomes a draft under the form's own idempotency key,
so that the report is stored once even when the lost request did reach the server."""

import hashlib
import json
import re
import time

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.participation.models import Report, ReportCategory
from kotacerdas.regions.models import Village
from tests.browser.conftest import PHONE, new_watched_context
from tests.browser.test_offline_journey import (  # noqa: F401  (the fixture turns on service worker routing)
    FORM,
    SLUG,
    _service_worker_network,
    controlled,
    photo,
    send_now,
)
from tests.browser.test_public_journey import watch_errors

pytestmark = pytest.mark.browser

# About 400 kbps both ways and a 400 ms round trip: a weak rural 3G/EDGE signal (issue 21).
WEAK_NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 50_000}

# Every text the upload's percentage showed, in order, kept in sessionStorage: the page is replaced by the answer.
RECORD_PERCENTAGES = """() => {
    const seen = [];
    new MutationObserver(() => {
        const shown = document.querySelector("[data-testid=upload-percent]");
        if (shown && shown.textContent && seen[seen.length - 1] !== shown.textContent) {
            seen.push(shown.textContent);
            sessionStorage.setItem("upload-percent", JSON.stringify(seen));
        }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""


def fill_report(page: Page, region, description: str, picture: dict, district: str = "Rampi") -> None:
    category = ReportCategory.objects.get(region=region, code="lainnya")
    village = Village.objects.filter(region=region, district__name=district).order_by("code").first()
    page.locator("#id_category").select_option(str(category.pk))
    page.locator("#id_description").fill(description)
    page.locator("#id_district").select_option(str(village.district_id))
    page.locator("#id_village").select_option(str(village.pk))
    page.locator("#id_photo_1").set_input_files(files=[picture])


def test_on_a_weak_network_the_home_is_readable_and_a_report_shows_the_percentage_sent(
    live_server, demo, browser, csp_violations, settings
):
    """Throttled through the DevTools protocol, without the service worker (its fetches would not be
    throttled): a first visit as on a new phone. Times are printed for docs/offline.md, not asserted."""
    settings.MAP_TILE_URL = ""
    base = live_server.url
    context = new_watched_context(browser, csp_violations, **PHONE, service_workers="block")
    context.set_default_timeout(60_000)
    try:
        page = context.new_page()
        errors = watch_errors(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", WEAK_NETWORK)
        started = time.monotonic()
        page.goto(base + f"/r/{SLUG}/", wait_until="domcontentloaded")
        expect(page.get_by_test_id("dimension-card").first).to_be_visible()
        readable = time.monotonic() - started
        page.goto(base + FORM, wait_until="domcontentloaded")
        heavy = photo(800, 600, noisy=True)
        fill_report(page, demo, "Jembatan gantung di Rampi rusak.", heavy)
        # offline-drafts.js arrives a moment after the page on this network (a person fills the form meanwhile).
        page.wait_for_function("() => window.KCOffline && window.KCOffline.ready")
        page.evaluate(RECORD_PERCENTAGES)
        started = time.monotonic()
        page.get_by_test_id("report-submit").click()
        status = page.get_by_role("status").filter(has_text="Mengirim")
        expect(status.get_by_test_id("upload-percent")).to_have_text(re.compile(r"^([1-9]\d?)%$"))
        expect(status.locator("progress")).to_have_attribute("max", "100")
        expect(page).to_have_url(re.compile(rf"/r/{SLUG}/aduan/lacak/[A-Z0-9]{{10}}/$"), timeout=60_000)
        sent = time.monotonic() - started
        # The answer is the tracking page with its thanks (read from the one response, not fetched again).
        expect(page.get_by_test_id("tracking-code")).to_be_visible()
        expect(page.get_by_text("Terima kasih. Aduan Anda telah diterima")).to_be_visible()
        seen = json.loads(page.evaluate("() => sessionStorage.getItem('upload-percent')"))
        numbers = [int(text.rstrip("%")) for text in seen]
        assert numbers == sorted(numbers) and len(set(numbers)) >= 3, seen
        assert numbers[0] < 50 and numbers[-1] >= 90, seen
        stored = Report.objects.filter(description__contains="Rampi rusak")
        assert stored.count() == 1 and stored.get().photos.count() == 1
        assert page.get_by_test_id("tracking-code").inner_text().strip() == stored.get().tracking_code
        assert not_media(errors) == [], errors
        print(
            f"\nweak network: home readable after {readable:.1f} s, a {len(heavy['buffer']) // 1000} kB photo report"
            f" sent in {sent:.1f} s, percentages shown: {len(numbers)} ({numbers[0]}–{numbers[-1]})"
        )
    finally:
        context.close()


def not_media(errors: list[str]) -> list[str]:
    """The failed responses other than uploaded photos: the test server does not serve /media/ (DEBUG is off;
    production's web server does), so the tracking page's photo is a 404 whenever the browser loads it before
    the test ends — a race, not a fault of the page."""
    return [e for e in errors if "/media/" not in e]


def drafts_in_phone(page: Page) -> list[dict]:
    """The drafts the service worker keeps (IndexedDB "kc-drafts"), as {id, key, state, fields}."""
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("kc-drafts");
            open.onerror = reject;
            open.onsuccess = () => {
                const all = open.result.transaction("drafts").objectStore("drafts").getAll();
                all.onsuccess = () => resolve(all.result.map((d) => ({
                    id: d.id, key: d.key, state: d.state, fields: d.fields })));
            };
        })"""
    )


def test_a_report_whose_answer_is_lost_becomes_a_draft_with_its_key_and_is_stored_once(
    live_server, demo, open_phone, settings
):
    """The request reaches the server (the report is stored) but the answer never comes back: the phone keeps
    the form as a draft under the form's own idempotency key; sending it gets the same report back."""
    settings.MAP_TILE_URL = ""
    base = live_server.url
    phone = open_phone()
    errors = watch_errors(phone)
    phone.goto(base + FORM)
    controlled(phone)
    phone.reload()
    fill_report(phone, demo, "Gorong-gorong di Rampi tersumbat lumpur.", photo())
    key = phone.locator("input[name=idempotency_key]").input_value()
    lost = []

    def answer_lost(route) -> None:
        if route.request.method == "POST" and not lost:
            lost.append(route.fetch().status)  # the server stores the report and answers with its redirect...
            route.abort("internetdisconnected")  # ...which the phone never receives
        else:
            route.fallback()

    phone.route(f"**{FORM}", answer_lost)
    phone.get_by_test_id("report-submit").click()
    expect(phone.get_by_test_id("offline-saved")).to_contain_text("Disimpan di ponsel")
    assert lost == [200]  # the tracking page, after the redirect Playwright followed
    assert Report.objects.filter(description__contains="Rampi tersumbat").count() == 1
    (draft,) = drafts_in_phone(phone)
    assert draft["id"] == draft["key"] == key and ["idempotency_key", key] in draft["fields"]
    # The form is emptied for the next report, which gets a key of its own.
    expect(phone.locator("#id_description")).to_have_value("")
    assert phone.locator("input[name=idempotency_key]").input_value() not in ("", key)

    send_now(phone)
    sent = phone.get_by_test_id("offline-sent")
    expect(sent).to_contain_text(re.compile(r"Kode pelacakan [A-Z0-9]{10}"), timeout=20_000)
    stored = Report.objects.filter(description__contains="Rampi tersumbat")
    assert stored.count() == 1
    report = stored.get()
    assert report.tracking_code in sent.inner_text() and report.photos.count() == 1
    assert report.idempotency_key == hashlib.sha256(f"form:{key}\n{key}".encode()).hexdigest()
    assert [e for e in not_media(errors) if "/aduan/baru/" not in e] == [], errors  # only the aborted POST


def test_without_the_service_worker_a_lost_request_leaves_the_form_filled_with_a_message(
    live_server, demo, browser, csp_violations, settings
):
    settings.MAP_TILE_URL = ""
    context = new_watched_context(browser, csp_violations, **PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.goto(live_server.url + FORM)
        page.wait_for_function("() => window.KCOffline && window.KCOffline.ready")
        fill_report(page, demo, "Lampu jalan di Rampi mati.", photo())
        page.route(f"**{FORM}", lambda route: route.abort("internetdisconnected"))
        page.get_by_test_id("report-submit").click()
        expect(page.get_by_role("alert").filter(has_text="Belum terkirim")).to_have_text(
            "Belum terkirim: periksa sinyal lalu coba lagi."
        )
        expect(page.get_by_test_id("upload-progress")).to_have_count(0)
        expect(page.locator("#id_description")).to_have_value("Lampu jalan di Rampi mati.")
        assert page.locator("#id_photo_1").evaluate("(input) => input.files.length") == 1
        assert not Report.objects.filter(description__contains="Lampu jalan").exists()
        # The signal is back: the same form, sent again, arrives.
        page.unroute(f"**{FORM}")
        page.get_by_test_id("report-submit").click()
        expect(page.get_by_test_id("tracking-code")).to_be_visible(timeout=20_000)
        assert Report.objects.filter(description__contains="Lampu jalan").count() == 1
    finally:
        context.close()


def test_a_report_the_server_refuses_shows_the_servers_errors_and_can_be_sent_again(
    live_server, demo, open_phone, settings
):
    settings.MAP_TILE_URL = ""
    phone = open_phone()
    errors = watch_errors(phone)
    phone.goto(live_server.url + FORM)
    phone.wait_for_function("() => window.KCOffline && window.KCOffline.ready")
    fill_report(phone, demo, "", photo())  # the form has novalidate: the server checks the description
    phone.get_by_test_id("report-submit").click()
    expect(phone.get_by_test_id("error-description")).to_have_text("Kolom ini wajib diisi.")
    expect(phone).to_have_url(re.compile(rf"{FORM}$"))
    expect(phone.locator("#id_category")).not_to_have_value("")  # the typed values are back, as after a post
    assert not Report.objects.filter(region=demo, description="").exists()
    # The page shown works as a loaded one: its scripts ran again, and the report can be sent.
    phone.wait_for_function("() => window.KCOffline && window.KCOffline.ready")
    phone.locator("#id_description").fill("Pohon tumbang menutup jalan di Rampi.")
    phone.locator("#id_photo_1").set_input_files(files=[photo()])
    phone.get_by_test_id("report-submit").click()
    expect(phone.get_by_test_id("tracking-code")).to_be_visible(timeout=20_000)
    assert Report.objects.filter(description__contains="Pohon tumbang").count() == 1
    assert [e for e in not_media(errors) if "/aduan/baru/" not in e] == [], errors  # only the refused POST (400)
