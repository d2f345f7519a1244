"""Issue #8's "done when", in browsers: the DLH officer (opd.dlh, desktop) registers an innovation and moves it
to "applied" with evidence; the region admin (admin.lutra) records a literacy class — first with counts that do
not add up, which is refused — and publishes a news article linking both; an anonymous visitor on a phone reads
the article (with its WhatsApp preview tags), follows the links, and the admin's innovation overview shows the
new count. Pages are checked to fit a 360-pixel phone."""

import re

import pytest
from playwright.sync_api import expect

from kotacerdas.innovation.models import Innovation
from kotacerdas.regions.models import District
from tests.browser.login import log_in

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

SLUG = "luwu-utara"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLE = "Sistem Informasi Bank Sampah (uji peramban)"
CLASS = "Kelas Literasi Digital Baebunta (uji peramban)"
ARTICLE = "Bank Sampah digital diterapkan (uji peramban)"


def test_innovation_literacy_news_journey(demo, live_server, open_desktop, open_phone, settings):
    settings.MAP_TILE_URL = ""  # no tile server in the test: circles on a blank map
    base = live_server.url
    applied_before = Innovation.objects.filter(region=demo, stage="applied").count()

    officer = open_desktop()
    errors = watch_errors(officer)
    log_in(officer, base, "opd.dlh")
    officer.goto(f"{base}/r/{SLUG}/inovasi/staf/")
    officer.get_by_test_id("innovation-add").click()
    officer.locator("#id_title").fill(TITLE)
    officer.locator("#id_initiator_type").select_option("civil_servant")
    officer.locator("#id_form").select_option("public_service")
    officer.locator("#id_agency").select_option(label="DLH")
    officer.locator("#id_proposed_on").fill("2024-01-08")
    for key in ("renews", "benefits", "no_burden", "authority", "replicable"):
        officer.locator(f"#id_{key}").check()
        officer.locator(f"#id_{key}_note").fill("Alasan singkat.")
    officer.locator("form.form button[type=submit]").click()
    expect(officer.get_by_test_id("stage")).to_have_attribute("class", re.compile("stage-proposal"))
    for stage, day in (("decided", "2024-02-01"), ("trial", "2024-03-01"), ("applied", "2024-06-03")):
        form = officer.get_by_test_id("advance")
        form.locator("#id_on").fill(day)
        form.locator("#id_file").set_input_files(
            files=[{"name": f"{stage}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        form.locator("#id_is_public").check()
        form.get_by_test_id("advance-submit").click()
        expect(officer.get_by_test_id("stage").first).to_have_attribute("class", re.compile(f"stage-{stage}"))
    expect(officer.get_by_test_id("evidence")).to_have_count(3)
    assert not errors, errors
    innovation = Innovation.objects.get(title=TITLE)
    assert innovation.stage == "applied"

    admin = open_desktop()
    log_in(admin, base, "admin.lutra")
    admin.goto(f"{base}/r/{SLUG}/literasi/staf/baru/")
    baebunta = District.objects.get(region=demo, name="Baebunta")
    admin.locator("#id_title").fill(CLASS)
    admin.locator("#id_kind").select_option("digital_literacy")
    admin.locator("#id_organiser").select_option(label="DLH")
    admin.locator("#id_district").select_option(value=str(baebunta.pk))
    admin.locator("#id_date").fill("2024-07-02")
    admin.locator("#id_total").fill("25")
    admin.locator("#id_male").fill("10")
    admin.locator("#id_female").fill("14")  # 24, not 25
    admin.locator("#id_students").fill("20")
    admin.locator("#id_teachers").fill("5")
    admin.locator("#id_pre_test_mean").fill("50,5")
    admin.locator("form.form button[type=submit]").click()
    expect(admin.locator(".errorlist-box")).to_be_visible()
    expect(admin.locator(".has-error #id_male")).to_be_visible()
    admin.locator("#id_female").fill("15")
    admin.locator("form.form button[type=submit]").click()
    expect(admin.get_by_test_id("attendance-total")).to_have_text("25")

    admin.goto(f"{base}/r/{SLUG}/berita/staf/baru/")
    admin.locator("#id_title").fill(ARTICLE)
    admin.locator("#id_summary").fill("Inovasi bank sampah diterapkan; 25 peserta ikut kelas literasi digital.")
    admin.locator("#id_body").fill('Paragraf pertama.<script>alert("x")</script>\n\nParagraf kedua.')
    admin.locator("#id_tags").fill("inovasi, literasi")
    admin.locator("#id_innovations").select_option(label=TITLE)
    admin.locator("#id_activities").select_option(label=f"2024-07-02 {CLASS}")
    admin.locator("form.form[enctype] button[type=submit]").first.click()
    admin.get_by_test_id("publish").click()
    expect(admin.get_by_test_id("article-status")).to_contain_text(re.compile("Published|Terbit", re.I))

    phone = open_phone()
    errors = watch_errors(phone)
    phone.goto(f"{base}/r/{SLUG}/berita/")
    phone.get_by_role("link", name=ARTICLE).click()
    expect(phone.locator('meta[property="og:title"]')).to_have_attribute("content", ARTICLE)
    expect(phone.locator('meta[property="og:locale"]')).to_have_attribute("content", "id_ID")
    expect(phone.locator('meta[property="og:url"]')).to_have_attribute("content", re.compile(r"^http://"))
    assert "alert" not in phone.get_by_test_id("article-body").inner_html()
    assert_fits_width(phone)
    phone.get_by_test_id("related").get_by_role("link", name=TITLE).click()
    expect(phone.get_by_test_id("criteria").locator("li")).to_have_count(5)
    assert_fits_width(phone)
    phone.goto(f"{base}/r/{SLUG}/literasi/")
    expect(phone.get_by_test_id("literacy-leaflet")).to_be_visible()  # Leaflet took over the SVG map
    expect(phone.get_by_test_id("district-map")).to_be_hidden()
    assert phone.locator("#literacy-map path.leaflet-interactive").count() >= 7
    assert_fits_width(phone)
    assert not errors, errors
    no_js = open_phone(javascript=False)
    no_js.goto(f"{base}/r/{SLUG}/literasi/")
    expect(no_js.get_by_test_id("district-map")).to_be_visible()
    expect(no_js.get_by_test_id("literacy-leaflet")).to_be_hidden()

    admin.goto(f"{base}/r/{SLUG}/inovasi/staf/ringkasan/")
    expect(admin.get_by_test_id("total-applied")).to_have_text(str(applied_before + 1))
    admin.get_by_test_id("total-applied").click()
    expect(admin.get_by_test_id("innovation-row").filter(has_text=TITLE)).to_have_count(1)
