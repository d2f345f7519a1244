"""Issue 17: a workbook that contradicts itself is refused with the cells named; percent cells are read as an
officer means them; deletion is explicit; helper columns are ignored; sheets, choices and amounts follow the
user's language."""

from decimal import Decimal

from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Indicator, Programme, Target
from kotacerdas.planio import importer, services, workbook
from tests.planio.test_roundtrip import export_book, find_row, save

P, IND = workbook.SHEET_PROGRAMMES, workbook.SHEET_INDICATORS
START, END, QW_YEAR, BUDGET, DELETE_P = 10, 11, 15, 12, 17
FIRST_TARGET = 11  # Target 2022
DELETE_I = FIRST_TARGET + 11


def sheets(book):
    return workbook.sheet_of(book, P), workbook.sheet_of(book, IND)


def preview(mp, book, language="en"):
    with translation.override(language):
        result = services.preview_file(masterplan=mp, source=save(book))
        return result, result.report()


def found(result) -> dict:
    return {(e.sheet, e.row, e.column): e.message for e in result.errors}


def test_a_workbook_that_contradicts_itself_is_refused_with_the_cells_named(authored):
    mp = authored["home_plan"]
    with translation.override("en"):
        book = export_book(mp)
    programmes, indicators = sheets(book)
    eco1, soc1, eco2 = (find_row(programmes, 1, code) for code in ("ECO-01", "SOC-01", "ECO-02"))
    programmes.cell(row=eco1, column=START, value=2026)  # its milestone of 2025 would fall before it
    programmes.cell(row=soc1, column=QW_YEAR, value=2030)  # outside the quick-win window 2022–2024
    programmes.cell(row=eco2, column=14, value="ya")
    programmes.cell(row=eco2, column=QW_YEAR, value=2022)  # in the window, before the programme starts (2025)
    irow = find_row(indicators, 3, "Indikator GOV-02 1")  # GOV-02 runs 2023–2027
    indicators.cell(row=irow, column=FIRST_TARGET + 2030 - 2022, value=70)
    result, _report = preview(mp, book)
    cells = found(result)
    assert cells[("Programmes", eco1, "J")].startswith("The milestone 2025 “Pasar daring di 20 desa” would fall")
    assert (
        cells[("Programmes", soc1, "O")] == "A quick win runs in the first years of the masterplan: 2022, 2023, 2024."
    )
    assert cells[("Programmes", eco2, "O")] == "The year 2022 is outside the programme's years 2023–2029."
    assert cells[("Indicators", irow, "S")] == (
        "Target 2030: The year 2030 is outside the programme's years 2023–2027."
    )
    assert not result.ok


def test_an_earlier_end_year_drops_the_targets_after_it_listed_applied_and_audited(plan):
    mp, actor = plan["home_plan"], plan["users"]["region_admin"]
    with translation.override("en"):
        book = export_book(mp)
    programmes, _indicators = sheets(book)
    programmes.cell(row=find_row(programmes, 1, "ENV-01"), column=END, value=2025)  # it ran 2023–2030
    result, report = preview(mp, book)
    assert result.ok, result.errors
    assert report["counts"]["targets_deleted"] == 4  # 2026 and 2027 of its two indicators
    assert {(t["key"], t["year"]) for t in report["dropped"]} == {
        ("ENV-01 #1", 2026),
        ("ENV-01 #1", 2027),
        ("ENV-01 #2", 2026),
        ("ENV-01 #2", 2027),
    }
    with translation.override("en"):
        assert "targets after the new end year will be removed" in importer.report_text(report)
    with translation.override("id"):  # the job's language: Indonesian numbers and words
        assert "ENV-01 #2 Target 2027 = 50,5 (target sesudah tahun selesai yang baru akan dihapus)" in (
            importer.report_text(result.report())
        )
    importer.import_apply(plan=result, actor=actor, expected=report["fingerprint"], reason="Dipersingkat")
    assert not Target.objects.filter(indicator__programme__code="ENV-01", year__gt=2025).exists()
    event = AuditEvent.objects.get(action="programme.import_remove")
    assert event.actor == actor and event.before["indicator 1.target 2026"] == "40"


def test_percent_cells_are_read_as_the_officer_means_them(plan):
    mp = plan["home_plan"]
    with translation.override("en"):
        book = export_book(mp)
    _programmes, indicators = sheets(book)
    rows = [find_row(indicators, 3, f"Indikator ECO-01 {n}") for n in (1, 2)] + [
        find_row(indicators, 3, "Indikator ENV-01 1")
    ]
    column = FIRST_TARGET + 2025 - 2022  # stored: 30 and 30.5
    indicators.cell(row=rows[0], column=column, value="60%")
    indicators.cell(row=rows[1], column=column, value=60)
    formatted = indicators.cell(row=rows[2], column=column, value=0.6)
    formatted.number_format = "0%"
    result, report = preview(mp, book, language="id")
    assert result.ok, result.errors
    new = {(i.programme_code, i.number): [t.new for t in i.targets] for i in result.indicators}
    assert new == {("ECO-01", 1): [Decimal(60)], ("ECO-01", 2): [Decimal(60)], ("ENV-01", 1): [Decimal(60)]}
    shown = {
        (c["key"], ch["title"]): (ch["old_text"], ch["new_text"]) for c in report["changed"] for ch in c["changes"]
    }
    assert shown[("ECO-01 #2", "Target 2025")] == ("30,5", "60")


def test_rows_marked_hapus_are_deleted_on_confirm_and_missing_rows_are_kept(plan):
    mp, actor = plan["home_plan"], plan["users"]["region_admin"]
    with translation.override("en"):
        book = export_book(mp)
    programmes, indicators = sheets(book)
    programmes.cell(row=find_row(programmes, 1, "ECO-02"), column=DELETE_P, value="ya")
    indicators.cell(row=find_row(indicators, 3, "Indikator GOV-02 2"), column=DELETE_I, value="x")
    programmes.delete_rows(find_row(programmes, 1, "SOC-01"))  # merely missing: kept
    result, report = preview(mp, book)
    assert result.ok, result.errors
    assert [(d["key"], d["label"]) for d in report["deleted"]] == [
        ("ECO-02", "Program ECO-02"),
        ("GOV-02 #2", "Indikator GOV-02 2"),
    ]
    assert ("SOC-01", "Program SOC-01") in [(k["key"], k["label"]) for k in report["kept"]]
    with translation.override("en"):
        text = importer.report_text(report)
    assert "will be deleted" in text and "not in this file, kept" in text
    importer.import_apply(plan=result, actor=actor, expected=report["fingerprint"], reason="Dihapus")
    assert not Programme.objects.filter(masterplan=mp, code="ECO-02").exists()
    assert Programme.objects.filter(masterplan=mp, code="SOC-01").exists()
    assert not Indicator.objects.filter(name="Indikator GOV-02 2").exists()
    deleted = AuditEvent.objects.get(action="programme.import_delete")
    assert deleted.actor == actor and deleted.before["code"] == "ECO-02"
    removed = AuditEvent.objects.get(action="programme.import_remove")
    assert removed.object_repr.startswith("GOV-02") or removed.before == {"indicator 2": "Indikator GOV-02 2"}


def test_hapus_on_a_row_of_nothing_stored_is_refused(plan):
    mp = plan["home_plan"]
    with translation.override("en"):
        book = export_book(mp)
    programmes, _indicators = sheets(book)
    programmes.append(["NEW-9", "Baru", None, None, "Smart Governance", None, "DLH", None, "short", 2024, 2025])
    programmes.cell(row=programmes.max_row, column=DELETE_P, value="yes")
    result, _report = preview(mp, book)
    assert found(result)[("Programmes", programmes.max_row, "Q")] == (
        "Nothing stored matches this row: there is nothing to delete."
    )


def test_extra_columns_are_ignored_with_a_warning(plan):
    mp = plan["home_plan"]
    with translation.override("en"):
        book = export_book(mp)
    programmes, _indicators = sheets(book)
    programmes.cell(row=1, column=20, value="Catatan bantu")
    programmes.cell(row=2, column=20, value="cek lagi")
    result, report = preview(mp, book)
    assert result.ok and not result.has_changes
    assert [(w["sheet"], w["column"], w["message"]) for w in report["warnings"]] == [
        ("Programmes", "T", "The column Catatan bantu is not one of the workbook's: it is ignored.")
    ]


def test_sheets_and_choices_in_either_language_and_rupiah(plan):
    mp = plan["home_plan"]
    with translation.override("id"):
        indonesian = export_book(mp)
    with translation.override("en"):
        english = export_book(mp)
    assert indonesian.sheetnames == ["Petunjuk", "Program", "Indikator", "Daftar"]
    assert english.sheetnames == ["Instructions", "Programmes", "Indicators", "Lists"]
    programmes = indonesian["Program"]
    row = find_row(programmes, 1, "ECO-02")
    assert programmes.cell(row=row, column=9).value == "pendek"
    assert programmes.cell(row=row, column=BUDGET).number_format == workbook.RUPIAH_FORMAT
    for book in (indonesian, english):  # an unchanged export re-imports with 0 changes in both languages
        result, _report = preview(mp, book)
        assert result.ok and not result.has_changes, result.errors
    programmes.cell(row=row, column=BUDGET, value="2.750.000")
    programmes.cell(row=row, column=13, value="mitra")
    programmes.cell(row=find_row(programmes, 1, "GOV-02"), column=9, value="sebentar")
    result, report = preview(mp, indonesian, language="id")
    message = next(e.message for e in result.errors if e.column == "I")
    assert message.endswith("pendek, menengah, panjang (short, medium, long).")
    shown = {
        (c["key"], ch["title"]): (ch["old_text"], ch["new_text"]) for c in report["changed"] for ch in c["changes"]
    }
    assert shown[("ECO-02", "Perkiraan anggaran (Rp)")] == ("Rp 4.500.000", "Rp 2.750.000")
    assert shown[("ECO-02", "Sumber dana")][1] == "partner"
