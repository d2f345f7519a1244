"""Field work without a signal (docs/offline.md), in chromium with its offline mode: the service worker stores
the pages a person opened, a form filled in offline becomes a draft on the phone that survives closing the
page, and is sent once, with its idempotency key, when the network returns; a refused draft keeps its
reason; logging out deletes the officer's stored pages and drafts."""

import io
import os
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from kotacerdas.participation.models import Report, ReportCategory
from kotacerdas.regions.models import Village

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"
FORM = f"/r/{SLUG}/aduan/baru/"


@pytest.fixture(scope="module", autouse=True)
def _service_worker_network():
    """Chromium's offline mode does not reach a service worker's own fetches; with Playwright's service worker
    network events on, `go_offline` aborts those too (microsoft/playwright#2311). Set before the module's
    Playwright driver starts (autouse fixtures come first), and only for this module."""
    previous = os.environ.get("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS")
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    yield
    if previous is None:
        os.environ.pop("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", None)
    else:
        os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = previous


def _abort_service_worker(route) -> None:
    """Offline, every request that still reaches the network (the service worker's) fails like a lost signal."""
    route.abort("internetdisconnected")


def go_offline(context) -> None:
    context.set_offline(True)
    context.route("**/*", _abort_service_worker)


def go_online(context) -> None:
    context.unroute("**/*", _abort_service_worker)
    context.set_offline(False)


def photo(width=1200, height=900) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 140, 60)).save(buffer, "JPEG", quality=95)
    return {"name": "jalan-rusak.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def controlled(page: Page) -> None:
    """Wait until the service worker controls the page and has stored it (the first visit's own files too)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        "async () => (await caches.keys()).includes('kc-static') && (await caches.match(location.href)) !== undefined"
    )


def cached_urls(page: Page, prefix: str) -> list[str]:
    return page.evaluate(
        """async (prefix) => {
            const out = [];
            for (const name of await caches.keys()) {
                if (!name.startsWith(prefix)) continue;
                for (const request of await (await caches.open(name)).keys()) out.push(request.url);
            }
            return out;
        }""",
        prefix,
    )


def test_a_citizen_report_written_offline_is_sent_once_when_the_network_returns(
    live_server, demo, open_phone, settings
):
    settings.MAP_TILE_URL = ""
    base = live_server.url
    category = ReportCategory.objects.get(region=demo, code="lainnya")
    village = Village.objects.filter(region=demo, district__name="Seko").order_by("code").first()
    phone = open_phone()
    context = phone.context
    phone.goto(base + f"/r/{SLUG}/")
    controlled(phone)
    phone.goto(base + FORM)
    controlled(phone)

    go_offline(context)
    phone.reload()  # served by the service worker from what it stored
    expect(phone.get_by_test_id("report-form")).to_be_visible()
    phone.locator("#id_category").select_option(str(category.pk))
    phone.locator("#id_description").fill("Jalan ke Seko longsor, tidak bisa dilalui motor.")
    phone.locator("#id_district").select_option(str(village.district_id))
    phone.locator("#id_village").select_option(str(village.pk))
    phone.locator("#id_photo_1").set_input_files(files=[photo()])
    phone.get_by_test_id("report-submit").click()
    expect(phone.get_by_test_id("offline-saved")).to_be_visible()
    expect(phone.get_by_test_id("offline-pending")).to_have_text(re.compile(r"Menunggu dikirim \(1\)"))
    assert Report.objects.count() == 0 or not Report.objects.filter(description__contains="Seko longsor").exists()

    # Close the page; open the form again, still offline: the draft is there.
    phone.close()
    again = context.new_page()
    again.goto(base + FORM)
    expect(again.get_by_test_id("report-form")).to_be_visible()
    expect(again.get_by_test_id("offline-pending")).to_have_text(re.compile(r"\(1\)"))
    expect(again.get_by_test_id("offline-draft")).to_contain_text("Jalan ke Seko longsor")
    # A page never opened gives the offline page in Indonesian, not the browser's error.
    other = context.new_page()
    other.goto(base + f"/r/{SLUG}/aduan/statistik/")
    expect(other.get_by_test_id("offline-page")).to_contain_text("Tidak ada koneksi")
    other.close()

    # Back online: sent (automatically or with "Kirim sekarang"), stored exactly once, tracking code shown.
    go_online(context)
    send = again.get_by_test_id("offline-send")
    if send.count():
        send.click()
    sent = again.get_by_test_id("offline-sent")
    expect(sent).to_contain_text(re.compile(r"Kode pelacakan [A-Z0-9]{10}"), timeout=20_000)
    code = re.search(r"[A-Z0-9]{10}", sent.inner_text()).group(0)
    stored = Report.objects.filter(description__contains="Seko longsor")
    assert stored.count() == 1
    report = stored.get()
    assert report.tracking_code == code and report.photos.count() == 1 and report.village_id == village.pk
    expect(again.get_by_test_id("offline-pending")).to_have_text(re.compile(r"\(0\)"))
    again.reload()
    expect(again.get_by_test_id("offline-sent")).to_contain_text(code)
    assert Report.objects.filter(description__contains="Seko longsor").count() == 1
