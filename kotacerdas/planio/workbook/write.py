"""Writing the workbook (the template when the data has no rows, else the export) as XLSX bytes."""

import io

from django.utils.translation import gettext as _

from kotacerdas.common.spreadsheet import safe_cell, safe_row
from kotacerdas.masterplan.models import Indicator, Programme

from .columns import (
    DELETE_COLUMN,
    HEADER_FILL,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    RUPIAH_FORMAT,
    SHEET_INDICATORS,
    SHEET_LISTS,
    SHEET_PROGRAMMES,
    Column,
    Progress,
    choice_word,
    sheet_title,
    target_header,
)
from .export import ExportData
from .instructions import write_instructions


def build_workbook(data: ExportData, *, progress: Progress | None = None) -> bytes:
    """The workbook (template when `data` has no rows) as XLSX bytes, its sheets titled in the user's
    language; each data sheet ends with the empty "Hapus / Delete" column."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    progress = progress or (lambda percent: None)
    mp = data.masterplan
    years = list(mp.years)
    book = Workbook()
    book.properties.title = mp.title
    book.properties.creator = "Kota Cerdas"

    programmes = book.active
    programmes.title = sheet_title(SHEET_PROGRAMMES)
    p_columns = [*PROGRAMME_COLUMNS, DELETE_COLUMN]
    _header(programmes, [c.header for c in p_columns], [c.width for c in p_columns])
    budget = get_column_letter([c.key for c in PROGRAMME_COLUMNS].index("budget_estimate") + 1)
    programmes.column_dimensions[budget].number_format = RUPIAH_FORMAT
    for number, row in enumerate(data.programmes, start=2):
        programmes.append(safe_row(row))
        programmes[f"{budget}{number}"].number_format = RUPIAH_FORMAT
    progress(40)
    indicators = book.create_sheet(sheet_title(SHEET_INDICATORS))
    _header(
        indicators,
        [c.header for c in INDICATOR_COLUMNS] + [target_header(y) for y in years] + [DELETE_COLUMN.header],
        [c.width for c in INDICATOR_COLUMNS] + [11] * len(years) + [DELETE_COLUMN.width],
    )
    for row in data.indicators:
        indicators.append(safe_row(row))
    progress(75)

    refs = _write_lists(book, data)
    _add_validations(data, programmes, indicators, refs)
    write_instructions(book, mp)
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    progress(95)
    return out.getvalue()


def _header(ws, titles: list[str], widths: list[int]) -> None:
    """The header row of a data sheet: bold white on green, wrapped, frozen with the first column."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    ws.append(titles)
    for col, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "B2"


def _write_lists(book, data: ExportData) -> dict[str, str]:
    """The hidden Lists sheet that feeds the drop-down lists; returns each list's cell range by title."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lists = book.create_sheet(sheet_title(SHEET_LISTS))
    columns = [
        ("Dimensions", data.lists.dimensions),
        ("Elements", data.lists.elements),
        ("Agencies", data.lists.agencies),
        ("Horizons", [choice_word("horizon", v) for v in Programme.Horizon.values]),
        ("Funding", [choice_word("funding_source", v) for v in Programme.FundingSource.values]),
        ("YesNo", ["ya", "tidak"]),
        ("Directions", [choice_word("direction", v) for v in Indicator.Direction.values]),
    ]
    refs = {}
    for col, (title, values) in enumerate(columns, start=1):
        letter = get_column_letter(col)
        lists.cell(row=1, column=col, value=title).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=col, value=safe_cell(value))
        refs[title] = f"'{lists.title}'!${letter}$2:${letter}${max(2, len(values) + 1)}"
    lists.sheet_state = "hidden"
    return refs


def _validate(ws, column_key: str, columns: list[Column], last: int, **kwargs) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter([c.key for c in columns].index(column_key) + 1)
    dv = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="warning", **kwargs)
    dv.error = _("Choose a value from the list (see the Instructions sheet).")
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}{last}")


def _add_validations(data: ExportData, programmes, indicators, refs: dict[str, str]) -> None:
    """Drop-down lists and year ranges on the data columns, well past the last row (room to add rows)."""
    mp = data.masterplan
    last_p = max(len(data.programmes) + 1000, 2000)
    last_i = max(len(data.indicators) + 3000, 6000)
    for key, ref in (
        ("dimension", "Dimensions"),
        ("element", "Elements"),
        ("owner_agency", "Agencies"),
        ("horizon", "Horizons"),
        ("funding_source", "Funding"),
        ("is_quick_win", "YesNo"),
    ):
        _validate(programmes, key, PROGRAMME_COLUMNS, last_p, type="list", formula1=f"={refs[ref]}")
    for key in ("start_year", "end_year", "quick_win_year"):
        _validate(
            programmes,
            key,
            PROGRAMME_COLUMNS,
            last_p,
            type="whole",
            operator="between",
            formula1=str(mp.period_start_year),
            formula2=str(mp.period_end_year),
        )
    _validate(indicators, "direction", INDICATOR_COLUMNS, last_i, type="list", formula1=f"={refs['Directions']}")
