"""The workbook's layout: sheet names, columns and their bilingual headers, and the words a cell may use.

Shared by the writing half (template, export) and the reading half (import) of the workbook.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int], None]

SHEET_PROGRAMMES = "Programmes"
SHEET_INDICATORS = "Indicators"
SHEET_INSTRUCTIONS = "Instructions"
SHEET_LISTS = "Lists"
SHEET_ALIASES = {
    "programmes": SHEET_PROGRAMMES,
    "programme": SHEET_PROGRAMMES,
    "program": SHEET_PROGRAMMES,
    "indicators": SHEET_INDICATORS,
    "indicator": SHEET_INDICATORS,
    "indikator": SHEET_INDICATORS,
}
TARGET_PREFIXES = ("target", "sasaran")
# The header row is looked for among the first rows: offices put a title or blank rows above it.
HEADER_SEARCH_ROWS = 10
YES = {"ya", "y", "yes", "1", "true", "benar", "x", "v"}
NO = {"tidak", "t", "no", "n", "0", "false", "salah", ""}
HORIZON_ALIASES = {
    "short": "short",
    "pendek": "short",
    "jangka pendek": "short",
    "medium": "medium",
    "menengah": "medium",
    "jangka menengah": "medium",
    "long": "long",
    "panjang": "long",
    "jangka panjang": "long",
}
DIRECTION_ALIASES = {
    "higher": "higher",
    "naik": "higher",
    "lebih tinggi": "higher",
    "tinggi": "higher",
    "lower": "lower",
    "turun": "lower",
    "lebih rendah": "lower",
    "rendah": "lower",
}
HEADER_FILL = "0B6E4F"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 14


PROGRAMME_COLUMNS = [
    Column("code", "Kode / Code", True, 11),
    Column("title", "Judul program / Title", True, 44),
    Column("title_en", "Judul (Inggris) / Title (English)", False, 30),
    Column("description", "Deskripsi / Description", False, 40),
    Column("dimension", "Dimensi / Dimension", True, 20),
    Column("element", "Elemen / Element", False, 30),
    Column("owner_agency", "Perangkat Daerah pengampu / Owner agency", True, 16),
    Column("supporting_agencies", "Perangkat Daerah pendukung / Supporting agencies", False, 22),
    Column("horizon", "Jangka / Horizon", True, 11),
    Column("start_year", "Tahun mulai / Start year", True, 10),
    Column("end_year", "Tahun selesai / End year", True, 10),
    Column("budget_estimate", "Perkiraan anggaran (Rp) / Budget estimate (Rp)", False, 18),
    Column("funding_source", "Sumber dana / Funding source", False, 12),
    Column("is_quick_win", "Quick win (ya/tidak) / Quick win (yes/no)", False, 10),
    Column("quick_win_year", "Tahun quick win / Quick win year", False, 10),
    Column("weight", "Bobot / Weight", False, 8),
]
INDICATOR_COLUMNS = [
    Column("programme", "Kode program / Programme code", True, 11),
    Column("number", "No. indikator / Indicator no.", False, 8),
    Column("name", "Indikator / Indicator", True, 44),
    Column("name_en", "Indikator (Inggris) / Indicator (English)", False, 30),
    Column("unit", "Satuan / Unit", True, 10),
    Column("baseline_value", "Nilai dasar / Baseline", False, 11),
    Column("baseline_year", "Tahun dasar / Baseline year", False, 10),
    Column("direction", "Arah / Direction", False, 10),
    Column("weight", "Bobot / Weight", False, 8),
]


def target_header(year: int) -> str:
    return f"Target {year}"


def normal_text(text) -> str:
    """A header or name compared loosely: case, repeated spaces and the required-column star ignored."""
    return re.sub(r"\s+", " ", str(text or "").replace("*", "")).strip().lower()


def header_aliases(column: Column) -> set[str]:
    """The whole bilingual header, each half, and the key: any is accepted on import."""
    names = {normal_text(column.header), normal_text(column.key), normal_text(column.key.replace("_", " "))}
    names |= {normal_text(part) for part in column.header.split(" / ")}
    return names
