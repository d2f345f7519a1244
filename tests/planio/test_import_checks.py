"""Bad input gives a clear report, cell by cell, and nothing is saved."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Indicator, Programme, Target
from kotacerdas.planio import importer, services, workbook

P_HEAD = [c.header for c in workbook.PROGRAMME_COLUMNS]
I_HEAD = [c.header for c in workbook.INDICATOR_COLUMNS]
PERIOD = tuple(range(2022, 2033))


def programme_row(code="NEW-01", **changes):
    row = dict(
        zip(
            [c.key for c in workbook.PROGRAMME_COLUMNS],
            [
                code,
                "Program baru",
                "",
                "",
                "Smart Governance",
                "Pelayanan publik",
                "DLH",
                "",
                "short",
                2024,
                2026,
                1000,
                "apbd",
                "tidak",
                None,
                1,
            ],
            strict=True,
        )
    )
    row.update(changes)
    return list(row.values())


def book(programmes=(), indicators=(), *, p_head=P_HEAD, i_head=None, years=PERIOD) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "Programmes"
    ws.append(p_head)
    for row in programmes:
        ws.append(row)
    wi = wb.create_sheet("Indicators")
    wi.append(i_head or I_HEAD + [f"Target {y}" for y in years])
    for row in indicators:
        wi.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def check(world, source):
    with translation.override("en"):
        return services.preview_file(masterplan=world["home_plan"], source=source)


def errors(result) -> list[tuple[str, int | None, str, str]]:
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_missing_and_renamed_columns(world):
    head = [h for h in P_HEAD if not h.startswith("Dimensi")]
    head[1] = "Nama kegiatan"
    result = check(world, book(p_head=head))
    found = errors(result)
    assert (
        "Programmes",
        1,
        "B",
        "Unknown column Nama kegiatan: was it renamed? Use the headers of the template.",
    ) in found
    assert any("The required column Dimensi / Dimension is missing" in e[3] for e in found)
    assert any("The required column Judul program / Title is missing" in e[3] for e in found)


def test_either_half_of_a_bilingual_header_is_enough(world):
    head = [h.split(" / ")[1] for h in P_HEAD]
    result = check(world, book([programme_row()], p_head=head))
    assert result.ok, result.errors
    assert result.counts["programmes_created"] == 1


def test_unknown_names_duplicates_bad_numbers_and_years(world):
    rows = [
        programme_row("A-1", dimension="Smart Nothing"),
        programme_row("A-2", element="Pariwisata"),  # an element of another dimension
        programme_row("A-3", owner_agency="DINAS X", supporting_agencies="DLH, ZZZ"),
        programme_row("A-4", budget_estimate="satu juta", start_year=2019, end_year="31/12/2040"),
        programme_row("A-4"),
        programme_row("A-5", is_quick_win="ya"),
        programme_row("A-6", horizon="sebentar"),
    ]
    indicators = [
        ["A-9", None, "Indikator", None, "%", None, None, None, None, 1, 10],
        ["GOV-01", None, "Indikator baru", None, "%", None, None, None, None, 1, 10, "sepuluh"],
    ]
    result = check(world, book(rows, indicators))
    found = {(e.sheet, e.row, e.column): e.message for e in result.errors}
    assert found[("Programmes", 2, "E")] == "Unknown dimension Smart Nothing."
    assert found[("Programmes", 3, "F")] == "Unknown element Pariwisata in dimension Smart Governance."
    assert found[("Programmes", 4, "G")] == "Unknown agency DINAS X."
    assert found[("Programmes", 4, "H")] == "Unknown agency ZZZ."
    assert found[("Programmes", 5, "L")] == "Not a number."
    assert found[("Programmes", 5, "J")] == "The year 2019 is outside the masterplan period 2022–2032."
    assert found[("Programmes", 5, "K")] == "The year 2040 is outside the masterplan period 2022–2032."
    assert found[("Programmes", 6, "A")] == "Duplicate programme code A-4 (already on row 5)."
    assert found[("Programmes", 7, "O")] == "A quick win needs the year it runs in."
    assert found[("Programmes", 8, "I")].startswith("Choose one of: short, medium, long")
    assert found[("Indicators", 2, "A")] == "Unknown programme code A-9."
    assert found[("Indicators", 3, "L")] == "Target 2023: Not a number."
    assert not result.ok
    with pytest.raises(ApplicationError):
        importer.import_apply(plan=result, actor=world["users"]["region_admin"])
    assert Programme.objects.count() == 2 and Indicator.objects.count() == 2 and Target.objects.count() == 2


def test_target_years_outside_the_period(world):
    indicators = [["GOV-01", 1, "Indikator 1", None, "%", None, None, None, None, 1, 5, 6]]
    result = check(world, book([], indicators, years=[2024, 2033]))  # 2024: within GOV-01 2023–2025
    assert errors(result) == [("Indicators", 1, "L", "The year 2033 is outside the masterplan period 2022–2032.")]


def test_indonesian_numbers_and_dates_are_understood(world):
    row = programme_row("N-1", budget_estimate="1.500.000", start_year="01/01/2024", end_year=2026)
    indicators = [
        [
            "N-1",
            None,
            "Target rupiah",
            None,
            "Rp",
            None,
            "1.500.000,50",
            "31/12/2023",
            None,
            "0,5",
            None,
            None,
            "1.500.000",
            "2.000.000,25",
        ]
    ]
    result = check(world, book([row], indicators))
    assert result.ok, result.errors
    programme = result.programmes[0]
    assert programme.values["budget_estimate"] == 1_500_000 and programme.values["start_year"] == 2024
    indicator = result.indicators[0]
    assert str(indicator.values["baseline_value"]) == "1500000.5000" and indicator.values["baseline_year"] == 2023
    assert str(indicator.values["weight"]) == "0.50"
    assert [(t.year, str(t.new)) for t in indicator.targets] == [(2024, "1500000.0000"), (2025, "2000000.2500")]


def test_not_an_xlsx_by_content_or_too_large(world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin, mp = world["users"]["region_admin"], world["home_plan"]
    with translation.override("en"):
        fake = SimpleUploadedFile("plan.xlsx", b"%PDF-1.4 this is a pdf")
        with pytest.raises(ApplicationError, match="content is PDF"):
            services.job_request_preview(actor=admin, masterplan=mp, upload=fake)
        text = SimpleUploadedFile("plan.xlsx", b"code,title\nA,B\n")
        with pytest.raises(ApplicationError, match="Only PDF, Word"):
            services.job_request_preview(actor=admin, masterplan=mp, upload=text)
        big = SimpleUploadedFile("plan.xlsx", b"PK\x03\x04" + b"0" * (services.MAX_UPLOAD_BYTES + 1))
        with pytest.raises(ApplicationError, match="too large"):
            services.job_request_preview(actor=admin, masterplan=mp, upload=big)


def test_rows_kept_by_the_preview_give_the_same_plan(world):
    """The confirmed import checks the rows the preview kept (JSON) instead of parsing the workbook again."""
    row = programme_row("K-1", start_year=datetime.datetime(2024, 3, 1), budget_estimate="1.250.000")
    indicators = [
        ["K-1", None, "Indikator", None, "%", None, 1.5, datetime.date(2023, 12, 31), None, 1, None, None, 10.25]
    ]
    read = workbook.read_workbook(book([row], indicators))
    again = workbook.ReadWorkbook.from_json(read.to_json())
    mp = world["home_plan"]
    first, second = importer.import_plan(masterplan=mp, read=read), importer.import_plan(masterplan=mp, read=again)
    assert first.ok and second.ok
    assert first.fingerprint() == second.fingerprint()
    assert second.programmes[0].values["start_year"] == 2024
    assert second.indicators[0].values["baseline_year"] == 2023
