"""Issue 16 item 3, in a browser: an officer types a progress report, adds evidence halfway through (before
any autosave could run) and loses nothing — with JavaScript and without. The region admin attaches a file to
an item of the self-assessment and keeps the score and note typed in the other fields."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from kotacerdas.evaluation.models import Framework, ItemEvidence, Round
from kotacerdas.evaluation.services import framework_create, round_create
from kotacerdas.masterplan.models import Indicator, Programme
from kotacerdas.monitoring.models import Evidence, ProgressReport
from tests.browser.login import log_in

from .test_monitoring_journey import PROGRAMME, start_report
from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser
NARRATIVE = "Dua titik pantau baru dipasang di Sungai Rongkong."
OBSTACLES = "Akses jalan ke hulu sungai rusak."


def _photo(tmp_path: Path) -> Path:
    path = tmp_path / "titik.jpg"
    Image.new("RGB", (64, 48), (40, 120, 200)).save(path, "JPEG", quality=80)
    return path


def _type_report(page: Page, indicator: Indicator) -> None:
    page.locator(f"[name=value_{indicator.pk}]").fill("12,5")
    page.locator("#id_progress_percent").fill("40")
    page.locator("#id_narrative").fill(NARRATIVE)


def _expect_typed(page: Page, indicator: Indicator) -> None:
    expect(page.locator(f"[name=value_{indicator.pk}]")).to_have_value(re.compile(r"^12[,.]5$"))
    expect(page.locator("#id_progress_percent")).to_have_value(re.compile(r"^40([,.]0+)?$"))
    expect(page.locator("#id_narrative")).to_have_value(NARRATIVE)
    expect(page.locator("#id_obstacles")).to_have_value(OBSTACLES)


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_officer_adds_evidence_mid_report_and_loses_nothing(live_server, demo, open_phone, tmp_path, javascript):
    base = live_server.url
    programme = Programme.objects.get(region=demo, masterplan__status="adopted", code=PROGRAMME)
    (indicator,) = Indicator.objects.filter(programme=programme)
    officer = open_phone(javascript=javascript)
    errors = watch_errors(officer)
    log_in(officer, base, "opd.dlh")
    report_id = start_report(officer, base)
    _type_report(officer, indicator)
    # Halfway through, at once (no autosave has run yet): a photo, from the block above the submit button.
    form = officer.get_by_test_id("report-form")
    evidence = form.get_by_test_id("evidence-form")
    box, submit = evidence.bounding_box(), form.get_by_test_id("submit-report").bounding_box()
    assert box["y"] + box["height"] <= submit["y"], "the evidence block sits above the submit button"
    officer.locator("#id_obstacles").fill(OBSTACLES)
    evidence.locator("select[name=ev-kind]").select_option("photo")
    evidence.locator("input[name=ev-file]").set_input_files(str(_photo(tmp_path)))
    evidence.locator("input[name=ev-caption]").fill("Titik pantau")
    evidence.get_by_test_id("add-evidence").click()
    expect(officer).to_have_url(re.compile(rf"/monev/laporan/{report_id}/#evidence$"))
    expect(officer.get_by_test_id("evidence-list").get_by_role("link", name="Titik pantau")).to_be_visible()
    _expect_typed(officer, indicator)
    assert_fits_width(officer)
    # Another piece of evidence, a link, then the report is submitted with everything in it.
    officer.locator("#id_follow_up").fill("Perbaikan akses diusulkan.")
    evidence = officer.get_by_test_id("evidence-form")
    evidence.locator("select[name=ev-kind]").select_option("link")
    evidence.locator("input[name=ev-url]").fill("https://example.org/berita-titik-pantau")
    evidence.get_by_test_id("add-evidence").click()
    expect(officer.get_by_test_id("evidence-item")).to_have_count(2)
    _expect_typed(officer, indicator)
    expect(officer.locator("#id_follow_up")).to_have_value("Perbaikan akses diusulkan.")
    officer.get_by_test_id("submit-report").click()
    expect(officer.get_by_test_id("report-status")).to_have_class(re.compile(r"status-submitted"))
    report = ProgressReport.objects.get(pk=report_id)
    assert report.narrative == NARRATIVE and report.obstacles == OBSTACLES
    assert str(report.values.get().realised.normalize()) == "12.5"
    assert Evidence.objects.filter(report=report).count() == 2
    assert errors == [], errors


def test_attaching_a_file_keeps_the_typed_scores_and_notes(live_server, demo, open_phone, tmp_path, monkeypatch):
    monkeypatch.setattr(ItemEvidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
    base = live_server.url
    # Next year's round (the demo already holds this year's draft), opened as the Tim Ahli would.
    year = timezone.localdate().year
    evaluator = get_user_model().objects.get(username="timahli")
    framework = framework_create(actor=evaluator, year=year + 1, copy_from=Framework.objects.get(year=year))
    round_ = round_create(actor=evaluator, region=demo, framework=framework)
    phone = open_phone()
    errors = watch_errors(phone)
    log_in(phone, base, "admin.lutra")
    phone.goto(f"{base}/r/{demo.slug}/evaluasi/{round_.pk}/")
    first, second = phone.locator("input[name^=self_]").nth(0), phone.locator("input[name^=self_]").nth(1)
    first.fill("2")
    second.fill("3")
    note = phone.locator("textarea[name^=note_]").nth(1)
    note.fill("Catatan diketik sebelum melampirkan.")
    phone.get_by_test_id("attachments-BAS-1").locator("input[type=file]").set_input_files(
        {"name": "sk-tim.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    phone.get_by_test_id("attach-BAS-1").click()
    expect(phone.get_by_test_id("attachments-BAS-1").get_by_test_id("evidence-link")).to_have_text("sk-tim.pdf")
    expect(phone.locator("input[name^=self_]").nth(0)).to_have_value(re.compile(r"^2([,.]0+)?$"))
    expect(phone.locator("input[name^=self_]").nth(1)).to_have_value(re.compile(r"^3([,.]0+)?$"))
    expect(phone.locator("textarea[name^=note_]").nth(1)).to_have_value("Catatan diketik sebelum melampirkan.")
    assert ItemEvidence.objects.filter(item_score__round=round_).count() == 1
    assert Round.objects.get(pk=round_.pk).status == Round.Status.DRAFT
    assert errors == [], errors
