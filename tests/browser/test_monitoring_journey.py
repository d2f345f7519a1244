"""Monitoring, end to end in a browser: an agency officer reports on a phone, the Tim Pelaksana verifies, and
the public home page of the region changes.

One browser context per person, each logged in through the staff login page: the DLH officer (opd.dlh) on a
360×740 phone, the verifier (tp.lutra) on a phone too, and an anonymous citizen reading the home page. The
officer starts the report of ENV-02 (a DLH programme) in the open quarter, fills its indicator in an Indonesian
number format, adds a photo, submits; the verifier returns it with a comment; the officer reads the comment,
fixes the value, resubmits; the verifier verifies. The open quarter then has a verified result, but the home
page keeps showing the last closed quarter (honest headline: one report in a new quarter does not move it); the
verifier reaches the open quarter's figure through the dashboard's period picker.

The officer's part runs a second time with JavaScript off: every step must work with plain forms.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from PIL import Image
from playwright.sync_api import Page, expect

from kotacerdas.common.numbers import shown as rounded_once
from kotacerdas.common.templatetags.kc import num
from kotacerdas.masterplan.models import Dimension, Indicator, Programme, Target
from kotacerdas.monitoring.achievement import indicator_achievement
from kotacerdas.monitoring.models import Achievement, Evidence, ProgressReport, ReportingPeriod
from kotacerdas.monitoring.selectors import latest_period_with_results
from tests.browser.login import log_in

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

PROGRAMME = "ENV-02"  # River water quality monitoring: owned by DLH, runs 2024–2028, one indicator
OFFICER = "opd.dlh"
VERIFIER = "tp.lutra"
SAVED = re.compile(r"Draft saved|Draf tersimpan", re.IGNORECASE)
HTMX = Path(__file__).resolve().parents[2] / "static" / "vendor" / "htmx.min.js"


def status_is(state: str) -> re.Pattern:
    return re.compile(rf"(^|\s)status-{state}(\s|$)")


def make_photo(tmp_path: Path) -> Path:
    path = tmp_path / "titik-pantau.jpg"
    Image.new("RGB", (64, 48), (40, 120, 200)).save(path, "JPEG", quality=80)
    return path


def public_environment_figure(page: Page, base_url: str) -> str:
    page.goto(base_url + "/r/luwu-utara/")
    figure = page.get_by_test_id("dimension-achievement-environment")
    expect(figure).to_be_visible()
    return figure.inner_text().strip()


def shown(value: Decimal | None) -> str:
    """How the (Indonesian) public home page prints an achievement."""
    with translation.override("id"):
        return "–" if value is None else f"{num(value)}%"


def dimension_figure(region, period: ReportingPeriod) -> Decimal | None:
    env = Dimension.objects.get(region=region, key="environment")
    row = Achievement.objects.filter(
        region=region, period=period, level=Achievement.Level.DIMENSION, object_id=env.pk
    ).first()
    return row.value if row else None


def start_report(page: Page, base_url: str) -> int:
    """From "my programmes", start the ENV-02 report of the open quarter; returns the report's id."""
    page.goto(base_url + "/r/luwu-utara/monev/program-saya/")
    row = page.get_by_test_id(f"due-{PROGRAMME}")
    expect(row).to_have_class(re.compile(r"\bstate-missing\b"))
    assert_fits_width(page)
    row.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/r/luwu-utara/monev/laporan/\d+/$"))
    expect(page.get_by_test_id("report-status")).to_have_class(status_is("draft"))
    expect(page.get_by_test_id("report-form")).to_be_visible()
    assert_fits_width(page)
    return int(re.search(r"/laporan/(\d+)/$", page.url).group(1))


def add_photo(page: Page, photo: Path, caption: str) -> None:
    form = page.get_by_test_id("evidence-form")
    form.locator("select[name=ev-kind]").select_option("photo")
    form.locator("input[name=ev-file]").set_input_files(str(photo))
    form.locator("input[name=ev-caption]").fill(caption)
    form.get_by_test_id("add-evidence").click()
    expect(page.get_by_test_id("evidence-list").get_by_role("link", name=caption)).to_be_visible()


def test_officer_reports_from_a_phone_verifier_returns_then_verifies_and_the_headline_holds(
    live_server, demo, open_phone, tmp_path
):
    assert HTMX.is_file(), "static/vendor/htmx.min.js is missing: run `make assets`"
    base = live_server.url
    region = demo
    programme = Programme.objects.get(region=region, masterplan__status="adopted", code=PROGRAMME)
    assert programme.owner_agency.acronym == "DLH"
    (indicator,) = Indicator.objects.filter(programme=programme)
    period = ReportingPeriod.objects.get(region=region, status=ReportingPeriod.Status.OPEN)
    target = Target.objects.get(indicator=indicator, year=period.year).value

    # Before: the public figure is the last closed quarter's; the open quarter has nothing verified yet.
    previous = latest_period_with_results(region=region)
    assert previous is not None and previous != period
    before_value = dimension_figure(region, previous)
    citizen = open_phone()
    before = public_environment_figure(citizen, base)
    assert before == shown(before_value)
    expect(citizen.get_by_test_id("public-summary")).to_contain_text(previous.label)

    # The officer, on a phone, starts the report and types the indicator value Indonesian-style.
    officer = open_phone()
    officer_errors = watch_errors(officer)
    log_in(officer, base, OFFICER)
    report_id = start_report(officer, base)
    value = officer.locator(f"[name=value_{indicator.pk}]")
    value.fill("12,5")
    officer.locator("#id_narrative").fill("Dua titik pantau baru dipasang di Sungai Rongkong.")
    # Autosave: htmx posts the draft a moment after typing stops and says so.
    expect(officer.locator("#save-status")).to_have_text(SAVED)
    expect(officer.locator("#save-status .ok")).to_be_visible()
    saved = ProgressReport.objects.get(pk=report_id)
    assert saved.values.get().realised == Decimal("12.5")
    assert saved.narrative.startswith("Dua titik pantau")

    # Evidence: a photo taken on site (a normal upload; the autosaved draft survives the page reload).
    add_photo(officer, make_photo(tmp_path), "Titik pantau Rongkong")
    assert Evidence.objects.get(report_id=report_id).kind == Evidence.Kind.PHOTO
    expect(value).to_have_value(re.compile(r"^12[,.]5$"))
    expect(officer.locator("#id_narrative")).to_have_value(re.compile("Sungai Rongkong"))
    assert_fits_width(officer)
    officer.get_by_test_id("submit-report").click()
    expect(officer.get_by_test_id("report-status")).to_have_class(status_is("submitted"))
    expect(officer.get_by_test_id("report-form")).to_have_count(0)
    expect(officer.get_by_test_id("report-values")).to_contain_text("12,5")
    assert_fits_width(officer)

    # The verifier finds it in the queue and returns it with a comment.
    verifier = open_phone()
    verifier_errors = watch_errors(verifier)
    log_in(verifier, base, VERIFIER)
    verifier.goto(base + "/r/luwu-utara/monev/verifikasi/")
    verifier.get_by_test_id("verify-queue").get_by_role("link", name=re.compile(PROGRAMME)).click()
    expect(verifier).to_have_url(re.compile(rf"/monev/laporan/{report_id}/$"))
    expect(verifier.get_by_test_id("evidence-list")).to_contain_text("Titik pantau Rongkong")
    comment = "Nilai titik pantau belum sesuai berita acara: mohon diperbaiki."
    verifier.get_by_test_id("decision-form").locator("textarea[name=comment]").fill(comment)
    verifier.get_by_test_id("return").click()
    expect(verifier.get_by_test_id("report-status")).to_have_class(status_is("returned"))
    expect(verifier.get_by_test_id("decision-form")).to_have_count(0)

    # A returned report counts nowhere: the public figure has not moved.
    assert public_environment_figure(citizen, base) == before

    # The officer sees it under "returned", reads the comment, fixes the value and resubmits.
    officer.goto(base + "/r/luwu-utara/monev/program-saya/")
    row = officer.get_by_test_id(f"due-{PROGRAMME}")
    expect(row).to_have_class(re.compile(r"\bstate-returned\b"))
    row.get_by_role("link").click()
    expect(officer).to_have_url(re.compile(rf"/monev/laporan/{report_id}/$"))
    expect(officer.get_by_test_id("report-events")).to_contain_text(comment)
    expect(officer.get_by_test_id("report-status")).to_have_class(status_is("returned"))
    value = officer.locator(f"[name=value_{indicator.pk}]")
    expect(value).to_have_value(re.compile(r"^12[,.]5$"))
    value.fill("11,75")
    # Wait for the autosave before submitting, as a person would see it: an autosave still in flight when
    # "Save and submit" is pressed makes the submission fail on the revision check (see the report).
    expect(officer.locator("#save-status")).to_have_text(SAVED)
    officer.get_by_test_id("submit-report").click()
    expect(officer.get_by_test_id("report-status")).to_have_class(status_is("submitted"))
    expect(officer.get_by_test_id("report-values")).to_contain_text("11,75")

    # The verifier accepts it.
    verifier.goto(base + "/r/luwu-utara/monev/verifikasi/")
    verifier.get_by_test_id("verify-queue").get_by_role("link", name=re.compile(PROGRAMME)).click()
    expect(verifier.get_by_test_id("report-values")).to_contain_text("11,75")
    verifier.get_by_test_id("verify").click()
    expect(verifier.get_by_test_id("report-status")).to_have_class(status_is("verified"))

    # The roll-up: the open quarter is now the latest with verified results, and Smart Environment's figure
    # there is the achievement of the one verified report of its programmes.
    report = ProgressReport.objects.get(pk=report_id)
    assert report.status == ProgressReport.Status.VERIFIED
    # Kept at full precision; the roll-up's figure is rounded once, for display.
    exact, _note = indicator_achievement(realised=Decimal("11.75"), target=target, lower_is_better=False, exact=True)
    assert report.achievement == exact
    assert latest_period_with_results(region=region) == period
    after_value = dimension_figure(region, period)
    assert after_value == rounded_once(report.achievement)

    after = public_environment_figure(citizen, base)
    assert after == before, f"one report in the open quarter moved the public figure: {before} → {after}"
    expect(citizen.get_by_test_id("public-summary")).to_contain_text(previous.label)

    # The staff dashboard picks the open quarter (a plain GET form) and shows its figure with its coverage.
    verifier.goto(base + "/r/luwu-utara/monev/")
    verifier.get_by_test_id("period-picker").locator("select").select_option(str(period.pk))
    verifier.get_by_test_id("period-picker").get_by_role("button").click()
    expect(verifier).to_have_url(re.compile(rf"\?period={period.pk}$"))
    expect(verifier.get_by_test_id("overall-coverage")).to_be_visible()

    assert officer_errors == [], officer_errors
    assert verifier_errors == [], verifier_errors


def test_officer_reports_without_javascript(live_server, demo, open_phone, tmp_path):
    base = live_server.url
    programme = Programme.objects.get(region=demo, masterplan__status="adopted", code=PROGRAMME)
    (indicator,) = Indicator.objects.filter(programme=programme)

    officer = open_phone(javascript=False)
    errors = watch_errors(officer)
    log_in(officer, base, OFFICER)
    report_id = start_report(officer, base)
    assert officer.evaluate("typeof window.htmx") == "undefined"

    add_photo(officer, make_photo(tmp_path), "Foto lokasi")
    officer.locator(f"[name=value_{indicator.pk}]").fill("12,5")
    officer.locator("#id_narrative").fill("Titik pantau dipasang.")
    officer.get_by_test_id("submit-report").click()

    expect(officer).to_have_url(re.compile(rf"/monev/laporan/{report_id}/$"))
    expect(officer.get_by_test_id("report-status")).to_have_class(status_is("submitted"))
    expect(officer.get_by_test_id("report-values")).to_contain_text("12,5")
    expect(officer.get_by_test_id("evidence-list")).to_contain_text("Foto lokasi")
    assert_fits_width(officer)
    report = ProgressReport.objects.get(pk=report_id)
    assert report.status == ProgressReport.Status.SUBMITTED
    assert report.values.get().realised == Decimal("12.5")
    assert report.narrative == "Titik pantau dipasang."

    officer.goto(base + "/r/luwu-utara/monev/program-saya/")
    expect(officer.get_by_test_id(f"due-{PROGRAMME}")).to_have_class(re.compile(r"\bstate-submitted\b"))
    assert errors == [], errors
