"""A journalist on a phone without JavaScript finds a dataset in the region's open data catalogue, reads its
metadata, preview and data dictionary, switches to English and downloads the CSV."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_open_data_on_a_phone_without_javascript(demo, live_server, open_phone, csp_violations):
    page = open_phone(javascript=False)
    page.goto(f"{live_server.url}/r/luwu-utara/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data terbuka")
    assert page.get_by_test_id("dataset-item").count() >= 13
    page.get_by_role("link", name="Aduan warga: jumlah per bulan, kategori, perangkat daerah dan kecamatan").click()
    expect(page.get_by_test_id("preview")).to_be_visible()
    expect(page.get_by_test_id("metadata")).to_contain_text("Walidata")
    expect(page.get_by_test_id("dictionary")).to_contain_text("kecamatan_code")
    # The page itself never scrolls sideways on a phone: wide tables scroll inside their box.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_test_id("lang-en").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Citizen reports (aduan): counts per month, category, agency and kecamatan"
    )
    with page.expect_download() as download:
        page.get_by_test_id("resource-csv").click()
    path = download.value.path()
    with open(path, encoding="utf-8") as f:
        assert f.readline().startswith("month,category_code,category,agency,kecamatan_code")
    assert csp_violations == []
