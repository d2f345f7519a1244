"""Frozen history: a closed period's figures and exports are measured against the masterplan as it stood when the
period closed, so later plan edits (a programme added, an end year shortened, a target changed) never change a
closed quarter; each export states the version it used, and its summary, cover and rows agree."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.masterplan import services as plan_services
from kotacerdas.masterplan.models import MasterplanVersion
from kotacerdas.monitoring import services
from kotacerdas.monitoring.export_data import period_export_data
from kotacerdas.monitoring.export_files import build_pdf, build_xlsx
from kotacerdas.monitoring.models import Achievement, PeriodPlan, ReportingPeriod
from tests.factories import IndicatorFactory, TargetFactory


def _silent(_percent):
    pass


def _xlsx_values(period) -> dict[str, list[tuple]]:
    """Every cell value of every sheet, except the 'Generated at' fact (the one cell that is about today)."""
    with translation.override("en"):
        book = load_workbook(io.BytesIO(build_xlsx(period_export_data(period=period), progress=_silent)))
    return {
        sheet.title: [row for row in sheet.iter_rows(values_only=True) if row[0] != "Generated at"]
        for sheet in book.worksheets
    }


def _pdf_text(period) -> str:
    with translation.override("en"):
        content = build_pdf(period_export_data(period=period), progress=_silent)
    text = subprocess.run(
        [shutil.which("pdftotext"), "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return "\n".join(line for line in text.splitlines() if "Generated at" not in line)


def _rollup(period) -> list[tuple]:
    return sorted(
        Achievement.objects.filter(period=period).values_list("level", "object_id", "value", "reported", "expected")
    )


def _edit_the_plan(world):
    """What happens to a plan after a quarter closes: a programme added, a verified one's end year shortened so
    it no longer runs in the quarter's year, a target changed and an indicator added. All through the services."""
    admin, plan = world["users"]["region_admin"], world["home_plan"]
    added = plan_services.programme_create(
        actor=admin,
        masterplan=plan,
        reason="Tambahan program",
        code="NEW-01",
        title="Program baru",
        dimension=world["home_dims"]["living"],
        owner_agency=world["home_agency"],
        start_year=2024,
        end_year=2026,
    )
    TargetFactory(indicator=IndicatorFactory(programme=added), year=2024, value=10)
    gov = world["home_programme"]
    gov.refresh_from_db()
    plan_services.programme_update(actor=admin, programme=gov, end_year=2023, reason="Dipercepat")
    traders = world["eco"].indicators.order_by("order").first()
    plan_services.target_set(actor=admin, indicator=traders, year=2024, value=Decimal(999))
    TargetFactory(indicator=IndicatorFactory(programme=world["eco"], name="Indikator baru"), year=2024, value=5)


def test_plan_edits_after_a_quarter_closes_do_not_change_its_export(q1):
    period = ReportingPeriod.objects.get(pk=q1["period"].pk)
    plan = PeriodPlan.objects.get(period=period)
    assert plan.version_number == 0 and len(plan.programmes) == 3
    before_xlsx, before_rollup = _xlsx_values(period), _rollup(period)

    _edit_the_plan(q1)
    services.achievements_recompute(region=q1["home"], period=period)  # any later recompute reads the frozen plan

    assert _rollup(period) == before_rollup
    after_xlsx = _xlsx_values(period)
    assert after_xlsx == before_xlsx
    programmes = after_xlsx["Programmes"][1:]
    assert {row[1] for row in programmes} == {"GOV-01", "ECO-01", "ENV-01"}  # NEW-01 is not in the old quarter
    assert sum(1 for row in programmes if row[1] == "ECO-01") == 2  # not the indicator added later
    assert 999 not in [row[11] for row in programmes]  # the target of the time


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_text_is_unchanged_too(q1):
    period = ReportingPeriod.objects.get(pk=q1["period"].pk)
    before = _pdf_text(period)
    _edit_the_plan(q1)
    after = _pdf_text(period)
    assert after == before
    assert "NEW-01" not in after and "GOV-01" in after


def test_each_export_states_the_version_and_its_summary_cover_and_rows_agree(q1):
    period = ReportingPeriod.objects.get(pk=q1["period"].pk)
    _edit_the_plan(q1)  # a revision after the quarter closed: the quarter still names the version of its time
    title = q1["home_plan"].title
    sheets = _xlsx_values(period)
    facts = {row[0]: row[1] for row in sheets["Summary"][2:13] if row[0]}
    assert facts["Plan used"] == f"Adopted version of {title}"
    assert (facts["Programmes expected to report"], facts["Verified reports"]) == (3, 1)
    overall = next(row for row in sheets["Summary"] if row[0] == "Overall (masterplan)")
    assert overall[2:] == (1, 3)  # verified, expected: the same as the cover
    codes = {row[1] for row in sheets["Programmes"][1:]}
    assert len(codes) == 3
    verified_rows = {row[1] for row in sheets["Programmes"][1:] if row[4] == "Verified"}
    assert verified_rows == {"GOV-01"}
    assert {row[0] for row in sheets["Not submitted"][1:]} == {"ECO-01", "ENV-01"}
    if shutil.which("pdftotext"):
        text = _pdf_text(period)
        assert f"Adopted version of {title}" in " ".join(text.split())
    with translation.override("id"):
        assert PeriodPlan.objects.get(period=period).version_label == f"Versi yang ditetapkan dari {title}"


def test_reopening_thaws_the_plan_and_closing_again_freezes_the_revision_in_force(q1):
    admin = q1["users"]["region_admin"]
    _edit_the_plan(q1)
    period = services.reporting_period_set_status(actor=admin, period=q1["period"], status="open")
    assert not PeriodPlan.objects.filter(period=period).exists()
    live = services.plan_of_period(period=period)
    codes = set(q1["home_plan"].programmes.filter(pk__in=live.programmes).values_list("code", flat=True))
    assert codes == {"ECO-01", "ENV-01", "NEW-01"}  # today's plan while the period is open
    period = services.reporting_period_set_status(actor=admin, period=period, status="closed")
    frozen = PeriodPlan.objects.get(period=period)
    latest = MasterplanVersion.objects.filter(masterplan=q1["home_plan"]).order_by("-number").first()
    assert frozen.version_number == latest.number >= 1 and frozen.version == latest  # the revision in force
    overall = Achievement.objects.get(period=period, level=Achievement.Level.MASTERPLAN)
    assert (overall.reported, overall.expected) == (0, 3)  # GOV-01's report no longer counts in this plan


def test_an_open_period_states_that_it_uses_todays_plan(q1):
    period = services.reporting_period_set_status(actor=q1["users"]["region_admin"], period=q1["period"], status="open")
    with translation.override("en"):
        data = period_export_data(period=period)
        assert data.plan is None and "as it stands today" in data.version_label


def test_a_period_closed_before_plans_were_frozen_is_frozen_at_its_first_export(q1):
    """A period closed without a frozen plan (closed before this existed, or seed data) follows today's plan
    until its first export freezes it; from then on later edits leave it alone."""
    period = ReportingPeriod.objects.get(pk=q1["period"].pk)
    PeriodPlan.objects.filter(period=period).delete()
    services.period_plan_ensure(period=period)
    assert PeriodPlan.objects.get(period=period).version_number == 0
    before = _xlsx_values(period)
    _edit_the_plan(q1)
    services.period_plan_ensure(period=period)  # already frozen: nothing changes
    assert _xlsx_values(period) == before
