"""A citizen on a phone reports uncollected waste without an account, choosing kecamatan and desa instead of
the map and attaching a photo, under "Other" (routed to Diskominfo SP); the region admin forwards it to DLH
with a public reason; the DLH officer, notified, moves it to resolved; the tracking page shows every update
and the forward."""

import io
import re

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.common.models import Notification
from kotacerdas.participation.models import Report, ReportCategory
from kotacerdas.regions.models import Agency, Village
from tests.browser.login import log_in

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"


def photo_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), (120, 140, 60)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def fits_phone(page: Page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] + 1, f"{page.url} overflows the phone screen: {width}"


def test_citizen_reports_officer_resolves_citizen_tracks(live_server, demo, open_phone, open_desktop, settings):
    settings.MAP_TILE_URL = ""  # no tile server in the test: the map degrades to the bounding box only
    base = live_server.url
    category = ReportCategory.objects.get(region=demo, code="lainnya")
    assert category.agency.acronym == "Diskominfo SP"
    dlh = Agency.objects.get(region=demo, acronym="DLH")
    village = Village.objects.filter(region=demo, district__name="Masamba").order_by("code").first()

    phone = open_phone()
    errors: list[str] = []
    phone.on("pageerror", lambda e: errors.append(str(e)))
    phone.goto(base + f"/r/{SLUG}/")
    phone.get_by_test_id("report-problem-link").click()
    expect(phone.get_by_test_id("report-form")).to_be_visible()
    fits_phone(phone)
    phone.locator("#id_category").select_option(str(category.pk))
    phone.locator("#id_description").fill("Sampah menumpuk di depan pasar sejak seminggu <b>bau</b>.")
    phone.locator("#id_district").select_option(str(village.district_id))
    phone.locator("#id_village").select_option(str(village.pk))
    phone.locator("#id_photo_1").set_input_files(
        files=[{"name": "sampah.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}]
    )
    phone.get_by_test_id("report-submit").click()
    expect(phone).to_have_url(re.compile(rf"/r/{SLUG}/aduan/lacak/[A-Z0-9]{{10}}/$"))
    code = phone.get_by_test_id("tracking-code").inner_text().strip()
    report = Report.objects.get(tracking_code=code)
    assert report.reporter_id is None and report.village_id == village.pk and report.photos.count() == 1
    expect(phone.get_by_test_id("report-photo")).to_be_visible()
    expect(phone.get_by_test_id("report-description")).to_contain_text("<b>bau</b>")  # shown escaped
    fits_phone(phone)
    assert not errors, errors

    admin = open_desktop()
    log_in(admin, base, "admin.lutra")
    admin.goto(base + f"/r/{SLUG}/staf/aduan/{report.pk}/")
    forward = admin.get_by_test_id("reroute-form")
    forward.locator("#id_agency").select_option(str(dlh.pk))
    forward.locator("#id_reason").fill("Sampah adalah urusan DLH.")
    forward.locator("#id_internal").uncheck()
    forward.locator("button[type=submit]").click()
    expect(admin.locator(".msg-success")).to_be_visible()
    report.refresh_from_db()
    assert report.agency_id == dlh.pk
    assert Notification.objects.filter(user__username="opd.dlh", key__startswith=f"aduan:{report.pk}:forward:").exists()

    officer = open_desktop()
    log_in(officer, base, "opd.dlh")
    officer.goto(base + f"/r/{SLUG}/staf/aduan/{report.pk}/")
    for status, text in (
        ("verified", "Laporan diverifikasi petugas DLH."),
        ("in_progress", "Truk sampah dijadwalkan besok pagi."),
        ("resolved", "Sampah sudah diangkut. Terima kasih."),
    ):
        form = officer.get_by_test_id("transition-form")
        form.locator("#id_status").select_option(status)
        form.locator("#id_text").fill(text)
        form.locator("button[type=submit]").click()
        expect(officer.locator(".msg-success")).to_be_visible()

    phone.goto(base + f"/r/{SLUG}/aduan/lacak/")
    phone.locator("#id_kode").fill(code.lower())
    phone.locator("form[data-testid=track-form] button[type=submit]").click()
    expect(phone.get_by_test_id("tracking-code")).to_have_text(code)
    updates = phone.get_by_test_id("update")
    expect(updates).to_have_count(4)
    expect(updates.nth(3)).to_contain_text("Sampah sudah diangkut")
    expect(phone.get_by_test_id("update-forward")).to_contain_text(dlh.name)
    expect(phone.get_by_test_id("update-forward")).to_contain_text("Sampah adalah urusan DLH.")
    expect(phone.get_by_test_id("status")).to_have_text(re.compile("Selesai|Resolved"))
    fits_phone(phone)
