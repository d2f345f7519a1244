"""The Excel round-trip and the document, in a browser: the Tim Pelaksana (tp.lutra, desktop) exports the
demo masterplan, edits the downloaded workbook as a person in Excel would (a programme's title and a target
typed the Indonesian way), uploads it, reads the preview (the two changes, old → new), gives the reason for
the revision (the demo masterplan is adopted), confirms, and sees the import done; then builds the PDF and
downloads it. A dewan member (dewan.lutra, phone) sees the page without the import form.
"""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kotacerdas.masterplan.models import Programme, Target
from kotacerdas.planio import workbook
from tests.browser.login import log_in

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser
PAGE = "/r/luwu-utara/rencana/berkas/"


def test_export_edit_import_and_document(live_server, demo, open_desktop, open_phone, tmp_path):
    base = live_server.url
    page = open_desktop()
    errors = watch_errors(page)
    log_in(page, base, "tp.lutra")
    page.locator(f'a[href="{PAGE}"]').first.click()
    page.locator("[data-testid=planio-export]").click()
    expect(page.locator("[data-testid=planio-job]")).to_have_attribute("data-status", "done")
    with page.expect_download() as info:
        page.locator("[data-testid=planio-download]").click()
    exported = tmp_path / "rencana.xlsx"
    info.value.save_as(exported)

    book = load_workbook(exported)
    programmes = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)  # titled in Indonesian: Program, Indikator
    indicators = workbook.sheet_of(book, workbook.SHEET_INDICATORS)
    row = next(r[0].row for r in programmes.iter_rows(min_row=2) if r[0].value == "GOV-01")
    code = "GOV-01"
    programmes.cell(row=row, column=2, value="Mal pelayanan publik digital")
    irow = next(r[0].row for r in indicators.iter_rows(min_row=2) if r[0].value == code)
    header = [c.value for c in indicators[1]]
    year = Programme.objects.get(masterplan__region=demo, code=code).end_year  # a target within its years
    column = next(i for i, h in enumerate(header, start=1) if h == f"Target {year}")
    indicators.cell(row=irow, column=column, value="1.250,5")
    edited = tmp_path / "rencana-diubah.xlsx"
    book.save(edited)

    page.goto(base + PAGE)
    page.locator("input[type=file][name=file]").set_input_files(str(edited))
    page.locator("[data-testid=planio-import-form] button[type=submit]").click()
    report = page.locator("[data-testid=planio-changed]")
    expect(report).to_contain_text("Mal pelayanan publik digital")
    expect(report).to_contain_text("1.250,5")  # formatted the Indonesian way (issue 17)
    assert Programme.objects.get(masterplan__region=demo, code=code).title != "Mal pelayanan publik digital"
    page.locator("[data-testid=planio-reason]").fill("Hasil rapat Tim Pelaksana")
    page.locator("[data-testid=planio-confirm]").click()
    expect(page.locator("[data-testid=planio-applied]")).to_be_visible()
    programme = Programme.objects.get(masterplan__region=demo, code=code)
    assert programme.title == "Mal pelayanan publik digital"
    assert Target.objects.filter(indicator__programme=programme, year=year, value="1250.5").exists()

    page.goto(base + PAGE)
    page.locator("[data-testid=planio-pdf]").click()
    expect(page.locator("[data-testid=planio-job]")).to_have_attribute("data-status", "done", timeout=60_000)
    with page.expect_download() as info:
        page.locator("[data-testid=planio-download]").click()
    assert Path(info.value.path()).read_bytes().startswith(b"%PDF-")
    assert errors == []

    phone = open_phone()
    log_in(phone, base, "dewan.lutra")
    phone.goto(base + PAGE)
    expect(phone.locator("[data-testid=planio-pdf]")).to_be_visible()
    expect(phone.locator("[data-testid=planio-import-form]")).to_have_count(0)
    assert_fits_width(phone)
