"""The masterplan workbook: its layout, writing it (template and export) and reading it back.

Layout (one workbook, the same for the template, the export and the import):
- **Programmes**: one row per programme, matched on its code.
- **Indicators**: one row per indicator, with one column per year of the masterplan period holding that
  year's target ("Target 2022" … "Target 2032"): officers fill a plan year by year along a row, as in the
  printed masterplan tables. Matched on programme code + indicator no. (its position in the programme, as
  exported), else programme code + indicator name.
- **Instructions** (Indonesian and English) and a hidden **Lists** sheet that feeds the drop-down lists.

Headers are bilingual ("Kode / Code"); either half, or the whole, is recognised on import.

The parts: `columns` (the layout), `export` (the rows from the database), `write` and `instructions` (the
XLSX), `read` and `rows` (reading it back), `cells` (parsing a cell's value).
"""

from .cells import DATE_TEXT, BadCell, cell_bool, cell_decimal, cell_measure, cell_text, cell_year
from .columns import (
    DELETE_COLUMN,
    DELETE_WORDS,
    DIRECTION_ALIASES,
    FUNDING_ALIASES,
    HEADER_FILL,
    HEADER_SEARCH_ROWS,
    HORIZON_ALIASES,
    INDICATOR_COLUMNS,
    NO,
    PERCENT_UNITS,
    PROGRAMME_COLUMNS,
    RUPIAH_FORMAT,
    SHEET_ALIASES,
    SHEET_INDICATORS,
    SHEET_INSTRUCTIONS,
    SHEET_LISTS,
    SHEET_PROGRAMMES,
    TARGET_PREFIXES,
    YES,
    Column,
    Progress,
    choice_list,
    choice_word,
    column_title,
    header_aliases,
    normal_text,
    sheet_title,
    target_header,
)
from .export import ExportData, ReferenceLists, export_data, reference_lists
from .instructions import INSTRUCTIONS
from .read import UnreadableWorkbook, open_workbook, read_workbook, sheet_of
from .rows import CellError, ReadWorkbook, SheetRows
from .write import build_workbook

__all__ = [
    "DATE_TEXT",
    "DELETE_COLUMN",
    "DELETE_WORDS",
    "DIRECTION_ALIASES",
    "FUNDING_ALIASES",
    "HEADER_FILL",
    "HEADER_SEARCH_ROWS",
    "HORIZON_ALIASES",
    "INDICATOR_COLUMNS",
    "INSTRUCTIONS",
    "NO",
    "PERCENT_UNITS",
    "PROGRAMME_COLUMNS",
    "RUPIAH_FORMAT",
    "SHEET_ALIASES",
    "SHEET_INDICATORS",
    "SHEET_INSTRUCTIONS",
    "SHEET_LISTS",
    "SHEET_PROGRAMMES",
    "TARGET_PREFIXES",
    "YES",
    "BadCell",
    "CellError",
    "Column",
    "ExportData",
    "Progress",
    "ReadWorkbook",
    "ReferenceLists",
    "SheetRows",
    "UnreadableWorkbook",
    "build_workbook",
    "cell_bool",
    "cell_decimal",
    "cell_measure",
    "cell_text",
    "cell_year",
    "choice_list",
    "choice_word",
    "column_title",
    "export_data",
    "header_aliases",
    "normal_text",
    "open_workbook",
    "read_workbook",
    "reference_lists",
    "sheet_of",
    "sheet_title",
    "target_header",
]
