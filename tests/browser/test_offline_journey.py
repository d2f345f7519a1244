"""Field work without a signal (docs/offline.md), in chromium with its offline mode: the service worker stores
the pages a person opened, a form filled in offline becomes a draft on the phone that survives closing the
page, and is sent once, with its idempotency key, when the network returns; a refused draft keeps its
reason; logging out deletes the officer's stored pages and drafts."""

import contextlib
import io
import os
import re

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from kotacerdas.masterplan.models import Indicator, Programme
from kotacerdas.monitoring.models import Evidence, OfflineDelivery, ProgressReport, ReportingPeriod
from kotacerdas.participation.models import Report, ReportCategory
from kotacerdas.regions.models import Village
from tests.browser.login import log_in

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


def send_now(page: Page) -> None:
    """Press "Kirim sekarang" if it is still there. Back online, the page's own `online` handler (and Background
    Sync) sends the drafts too, and once none is pending the button is gone: whichever comes first, the person
    sees the same result, which the caller checks. A fixed count-then-click would race the page."""
    with contextlib.suppress(PlaywrightError):  # sent by the page itself before the click landed
        page.get_by_test_id("offline-send").click(timeout=3_000)


def photo(width=1200, height=900, *, noisy=False) -> dict:
    """A JPEG; `noisy` makes it as heavy as a real photo (a plain one compresses to almost nothing)."""
    buffer = io.BytesIO()
    if noisy:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (120, 140, 60))
    image.save(buffer, "JPEG", quality=95)
    return {"name": "jalan-rusak.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


# Installing the service worker stores every static file first: on a loaded two-core CI machine that alone can
# take longer than a page's usual 10 seconds.
WORKER_TIMEOUT = 45_000


def controlled(page: Page) -> None:
    """Wait until the service worker controls the page and has stored it (the first visit's own files too)."""
    page.wait_for_function(
        "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=WORKER_TIMEOUT
    )
    page.wait_for_function(
        "async () => (await caches.keys()).includes('kc-static') && (await caches.match(location.href)) !== undefined",
        timeout=WORKER_TIMEOUT,
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
    other.goto(base + f"/r/{SLUG}/")  # the region home, opened once before, is readable
    expect(other.get_by_test_id("dimension-card").first).to_be_visible()
    other.close()

    # Back online: sent (automatically or with "Kirim sekarang"), stored exactly once, tracking code shown.
    go_online(context)
    send_now(again)
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


PROGRAMME = "ENV-02"  # owned by DLH, one indicator (as in test_monitoring_journey)
OFFICER = "opd.dlh"


def officer_with_a_stored_report(base: str, region, open_phone) -> tuple[Page, int, Indicator]:
    """The DLH officer signs in on a phone, starts the ENV-02 report online and opens "my programmes" (which
    stores the report page and the programme page for offline use); returns the page, report id, indicator."""
    programme = Programme.objects.get(region=region, masterplan__status="adopted", code=PROGRAMME)
    (indicator,) = Indicator.objects.filter(programme=programme)
    page = open_phone()
    log_in(page, base, OFFICER)
    controlled(page)
    page.goto(base + f"/r/{SLUG}/monev/program-saya/")
    page.get_by_test_id(f"due-{PROGRAMME}").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/monev/laporan/\d+/$"))
    report_id = int(re.search(r"/laporan/(\d+)/$", page.url).group(1))
    page.goto(base + f"/r/{SLUG}/monev/program-saya/")
    page.wait_for_function(
        "async (n) => (await caches.keys()).some((k) => k.startsWith('kc-account-')) && "
        "(await Promise.all((await caches.keys()).filter((k) => k.startsWith('kc-account-'))"
        ".map(async (k) => (await (await caches.open(k)).keys()).length))).some((c) => c >= n)",
        arg=3,
        timeout=WORKER_TIMEOUT,
    )
    return page, report_id, indicator


def fill_offline(page: Page, base: str, report_id: int, indicator: Indicator) -> None:
    """Offline: open the stored report, type the value and narrative, add a photo in the report's own evidence
    block (it is part of the report form, so nothing typed is lost), "Save and submit"."""
    page.goto(base + f"/r/{SLUG}/monev/laporan/{report_id}/")
    expect(page.get_by_test_id("report-form")).to_be_visible()
    page.locator(f"[name=value_{indicator.pk}]").fill("12,5")
    page.locator("#id_narrative").fill("Titik pantau baru di Sungai Rongkong, dicatat tanpa sinyal.")
    evidence = page.get_by_test_id("evidence-form")
    evidence.locator("select[name=ev-kind]").select_option("photo")
    evidence.locator("input[name=ev-file]").set_input_files(files=[photo(640, 480)])
    evidence.locator("input[name=ev-caption]").fill("Titik pantau Rongkong")
    page.get_by_test_id("submit-report").click()
    expect(page.get_by_test_id("offline-saved")).to_be_visible()
    expect(page.get_by_test_id("offline-pending")).to_have_text(re.compile(r"Menunggu dikirim \(1\)"))


def test_a_progress_report_with_evidence_written_offline_is_delivered_once(live_server, demo, open_phone):
    base = live_server.url
    page, report_id, indicator = officer_with_a_stored_report(base, demo, open_phone)
    context = page.context
    # Staff pages are kept in the officer's own cache only, never in the shared one.
    shared = cached_urls(page, "kc-pages")
    assert not [u for u in shared if "/monev/" in u or "/staf/" in u], shared
    assert any(f"/program/{PROGRAMME}/" in u for u in cached_urls(page, "kc-account-"))

    go_offline(context)
    fill_offline(page, base, report_id, indicator)
    page.close()
    again = context.new_page()
    again.goto(base + f"/r/{SLUG}/monev/program-saya/")
    expect(again.get_by_test_id(f"due-{PROGRAMME}")).to_be_visible()
    expect(again.get_by_test_id("offline-pending")).to_have_text(re.compile(r"\(1\)"))
    assert ProgressReport.objects.get(pk=report_id).status == ProgressReport.Status.DRAFT

    go_online(context)
    send_now(again)
    expect(again.get_by_test_id("offline-sent")).to_contain_text("Terkirim", timeout=20_000)
    report = ProgressReport.objects.get(pk=report_id)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert str(report.values.get(indicator=indicator).realised) == "12.5000"
    assert report.narrative.startswith("Titik pantau baru")
    assert list(Evidence.objects.filter(report=report).values_list("kind", "caption")) == [
        ("photo", "Titik pantau Rongkong")
    ]
    assert OfflineDelivery.objects.filter(report=report).count() == 1
    again.get_by_test_id("offline-sent").click()
    expect(again.get_by_test_id("report-status")).to_have_class(re.compile(r"status-submitted"))


def test_a_refused_draft_keeps_its_reason_and_logging_out_clears_the_officers_pages(live_server, demo, open_phone):
    base = live_server.url
    page, report_id, indicator = officer_with_a_stored_report(base, demo, open_phone)
    context = page.context
    go_offline(context)
    fill_offline(page, base, report_id, indicator)
    # Meanwhile the region admin closes the quarter.
    period = ProgressReport.objects.get(pk=report_id).period
    ReportingPeriod.objects.filter(pk=period.pk).update(status=ReportingPeriod.Status.CLOSED)

    go_online(context)
    send_now(page)
    reason = page.get_by_test_id("offline-reason")
    expect(reason).to_contain_text("Ditolak", timeout=20_000)
    expect(reason).to_contain_text(period.label)
    assert ProgressReport.objects.get(pk=report_id).status == ProgressReport.Status.DRAFT
    assert not Evidence.objects.filter(report_id=report_id).exists() and not OfflineDelivery.objects.exists()
    page.reload()
    expect(page.get_by_test_id("offline-reason")).to_contain_text(period.label)  # kept, with its reason

    # Logging out deletes this account's stored pages and drafts.
    assert cached_urls(page, "kc-account-")
    page.locator("form[action='/akun/keluar/'] button").click()
    page.wait_for_load_state()
    page.goto(base + f"/r/{SLUG}/")
    assert cached_urls(page, "kc-account-") == []
    expect(page.get_by_test_id("offline-drafts")).to_have_count(0)
    go_offline(context)
    page.goto(base + f"/r/{SLUG}/monev/laporan/{report_id}/")
    expect(page.get_by_test_id("offline-page")).to_be_visible()
