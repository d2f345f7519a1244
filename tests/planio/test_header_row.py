"""The header row is found below a title: offices put a merged title row (or a few title and blank rows) above
it. The workbook then imports exactly as without them, and errors name the sheet's own row numbers."""

import io

from openpyxl import load_workbook

from kotacerdas.planio import services, workbook

KEYS = [c.key for c in workbook.PROGRAMME_COLUMNS]
PROGRAMMES = "Program"  # the sheet's title in Indonesian, the default language


def _exported(masterplan) -> bytes:
    return workbook.build_workbook(workbook.export_data(masterplan=masterplan))


def _with_title(content: bytes, *, rows: int = 1, edit=None) -> io.BytesIO:
    """Insert `rows` rows above the header of both data sheets, a merged title in the first."""
    book = load_workbook(io.BytesIO(content))
    for name in (workbook.SHEET_PROGRAMMES, workbook.SHEET_INDICATORS):
        name = workbook.sheet_title(name)
        ws = book[name]
        ws.insert_rows(1, amount=rows)
        ws.cell(row=1, column=1, value=f"RENCANA INDUK SMART CITY LUWU UTARA 2022–2032 — {name}")
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    if edit:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _report(masterplan, source) -> dict:
    return services.preview_file(masterplan=masterplan, source=source).report()


def test_a_merged_title_row_imports_like_the_original(plan):
    masterplan = plan["home_plan"]
    content = _exported(masterplan)
    original = _report(masterplan, io.BytesIO(content))
    for rows in (1, 3):
        titled = _report(masterplan, _with_title(content, rows=rows))
        assert titled["ok"] and titled["errors"] == [] and titled["counts"] == original["counts"]
        assert titled["counts"]["programmes_changed"] == 0 and titled["counts"]["programmes_created"] == 0
        assert titled["fingerprint"] == original["fingerprint"]


def test_a_change_below_a_title_is_read(plan):
    masterplan = plan["home_plan"]
    column = KEYS.index("title") + 1
    source = _with_title(
        _exported(masterplan), rows=2, edit=lambda b: b[PROGRAMMES].cell(row=4, column=column, value="Judul baru")
    )
    report = _report(masterplan, source)
    assert report["ok"] and report["counts"]["programmes_changed"] == 1


def test_errors_name_the_rows_of_the_sheet_as_it_is(plan):
    masterplan = plan["home_plan"]
    column = KEYS.index("start_year") + 1

    def edit(book):
        book[PROGRAMMES].cell(row=5, column=column, value="tahun depan")  # the second programme
        book[PROGRAMMES].cell(row=3, column=len(KEYS) + 3, value="Catatan")  # an unknown column in the header

    report = _report(masterplan, _with_title(_exported(masterplan), rows=2, edit=edit))
    rows = {(e["sheet"], e["row"], e["column"]) for e in report["errors"]}
    warned = {(e["sheet"], e["row"], e["column"]) for e in report["warnings"]}
    letter = workbook.PROGRAMME_COLUMNS[column - 1]
    assert not report["ok"]
    assert (PROGRAMMES, 5, _letter(column)) in rows, (letter, rows)
    # An officer's helper column is ignored with a warning (issue 17), named where it is.
    assert (PROGRAMMES, 3, _letter(len(KEYS) + 3)) in warned


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
