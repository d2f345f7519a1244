"""Reading a workbook back: its sheets, the header row of each (below any title rows), and the raw rows."""

import itertools
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.jobs import counted
from kotacerdas.common.spreadsheet import restore_cell

from .columns import (
    DELETE_COLUMN,
    HEADER_SEARCH_ROWS,
    INDICATOR_COLUMNS,
    PROGRAMME_COLUMNS,
    SHEET_ALIASES,
    SHEET_INDICATORS,
    SHEET_PROGRAMMES,
    TARGET_PREFIXES,
    Column,
    Progress,
    header_aliases,
    normal_text,
    sheet_title,
)
from .rows import CellError, ReadWorkbook, SheetRows


class UnreadableWorkbook(Exception):
    """The file is not a workbook openpyxl can open."""


def open_workbook(source):
    """Open an XLSX read-only (streaming, values not formulas). Raises UnreadableWorkbook."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableWorkbook(str(exc)) from exc


def sheet_of(book, sheet: str):
    """The workbook's sheet `sheet` (a SHEET_* name) titled in either language; None when absent."""
    return next((ws for ws in book.worksheets if SHEET_ALIASES.get(normal_text(ws.title)) == sheet), None)


def _target_year(header) -> int | None:
    text = normal_text(header)
    for prefix in TARGET_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _find_header(rows, aliases: dict[str, str], *, with_years: bool):
    """The header row among the first HEADER_SEARCH_ROWS rows: the one naming the most known columns (offices
    put a title, often merged across the columns, or a few blank rows above it). Returns its row number, its
    titles and an iterator over the rows (of cells) below it; row 1 when no row names a known column."""
    first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))

    def known(cells) -> int:
        return sum(
            1
            for title in (cell.value for cell in cells or ())
            if title is not None and (normal_text(title) in aliases or (with_years and _target_year(title) is not None))
        )

    scores = [known(cells) for cells in first]
    best = scores.index(max(scores)) if scores and max(scores) > 0 else 0
    head = [cell.value for cell in (first[best] if first else None) or ()]
    return best + 1, head, itertools.chain(first[best + 1 :], rows)


def read_workbook(source, *, progress: Progress | None = None) -> ReadWorkbook:
    """The raw rows of the Programmes and Indicators sheets, and the errors of the layout itself (missing
    sheets or columns, unknown columns). Raises UnreadableWorkbook."""
    progress = progress or (lambda percent: None)
    book = open_workbook(source)
    errors: list[CellError] = []
    found = {name: sheet_of(book, name) for name in (SHEET_PROGRAMMES, SHEET_INDICATORS)}
    result = ReadWorkbook(programmes=None, indicators=None, errors=errors)
    try:
        for sheet_name, columns, with_years, share in (
            (SHEET_PROGRAMMES, PROGRAMME_COLUMNS, False, (0, 30)),
            (SHEET_INDICATORS, INDICATOR_COLUMNS, True, (30, 60)),
        ):
            ws = found.get(sheet_name)
            if ws is None:
                title = sheet_title(sheet_name)
                errors.append(CellError(title, None, "", _("The sheet %(sheet)s is missing.") % {"sheet": title}))
                continue
            moved = lambda p, share=share: progress(share[0] + (share[1] - share[0]) * p // 100)  # noqa: E731
            sheet = _read_sheet(ws, columns, with_years=with_years, result=result, progress=moved)
            progress(share[1])
            if sheet_name == SHEET_PROGRAMMES:
                result.programmes = sheet
            else:
                result.indicators = sheet
    finally:
        book.close()
    return result


def _read_sheet(ws, columns: list[Column], *, with_years: bool, result: ReadWorkbook, progress: Progress) -> SheetRows:
    """One data sheet: its header row found and mapped, then every row that is not blank, keyed by column.
    Errors and warnings name the sheet as it is titled in the file."""
    sheet_name, errors = ws.title, result.errors
    aliases = {alias: c.key for c in [*columns, DELETE_COLUMN] for alias in header_aliases(c)}
    header_row, head, rows = _find_header(ws.iter_rows(), aliases, with_years=with_years)
    letters, positions, years, year_positions, unknown = _map_columns(
        sheet_name, header_row, head, aliases, with_years=with_years, errors=errors
    )
    missing = [c.header for c in columns if c.required and c.key not in letters]
    _report_unknown(unknown, errors if missing else result.warnings, renamed=bool(missing))
    for header_text in missing:
        errors.append(
            CellError(
                sheet_name,
                header_row,
                "",
                _("The required column %(title)s is missing (or was renamed).") % {"title": header_text},
            )
        )
    sheet = SheetRows(sheet_name, letters, years)
    expected = max((ws.max_row or 0) - header_row, 1)
    for number, cells in counted(enumerate(rows, start=header_row + 1), expected, progress):
        values = [_cell_value(cell) for cell in cells]
        if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        raw = {key: values[i] for i, key in positions.items() if i < len(values)}
        sheet.rows.append((number, raw))
        if with_years:
            sheet.target_rows.append({y: values[i] for i, y in year_positions.items() if i < len(values)})
    return sheet


def _cell_value(cell):
    """A cell's value as the import reads it: formulas our export neutralised restored, and a number shown
    as a percentage ("60%", holding 0.6) kept as the text the officer sees, for the indicator to read."""
    value = cell.value
    if type(value) in (int, float) and "%" in (getattr(cell, "number_format", None) or ""):
        shown = format((Decimal(repr(value)) * 100).normalize(), "f")
        return shown.replace(".", ",") + "%"
    return restore_cell(value)


def _report_unknown(unknown: list[CellError], into: list[CellError], *, renamed: bool) -> None:
    """Unknown titles are an error when a required column is missing (it was probably renamed), else an
    officer's helper column: ignored, with a warning."""
    for found in unknown:
        if renamed:
            message = _("Unknown column %(title)s: was it renamed? Use the headers of the template.")
        else:
            message = _("The column %(title)s is not one of the workbook's: it is ignored.")
        found.message = message % {"title": found.value}
        into.append(found)


def _map_columns(
    sheet_name: str, header_row: int, head, aliases: dict[str, str], *, with_years: bool, errors: list[CellError]
) -> tuple[dict[str, str], dict[int, str], dict[int, str], dict[int, int], list[CellError]]:
    """The header's titles recognised: (column key → letter, position → key, target year → letter,
    position → year, the unknown titles). A repeated title is an error and its column is left out."""
    from openpyxl.utils import get_column_letter

    letters: dict[str, str] = {}
    positions: dict[int, str] = {}
    years: dict[int, str] = {}
    year_positions: dict[int, int] = {}
    unknown: list[CellError] = []
    for index, title in enumerate(head):
        if title is None or str(title).strip() == "":
            continue
        letter = get_column_letter(index + 1)
        key = aliases.get(normal_text(title))
        year = _target_year(title) if with_years and key is None else None
        if key is not None:
            if key in letters:
                message = _("The column %(title)s appears twice.") % {"title": title}
                errors.append(CellError(sheet_name, header_row, letter, message))
                continue
            letters[key], positions[index] = letter, key
        elif year is not None:
            if year in years:
                message = _("The year %(year)s appears twice.") % {"year": year}
                errors.append(CellError(sheet_name, header_row, letter, message))
                continue
            years[year], year_positions[index] = letter, year
        else:
            unknown.append(CellError(sheet_name, header_row, letter, str(title), str(title)))
    return letters, positions, years, year_positions, unknown
