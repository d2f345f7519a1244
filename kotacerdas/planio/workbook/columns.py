"""The workbook's layout: sheet names, columns and their bilingual headers, and the words a cell may use.

Shared by the writing half (template, export) and the reading half (import) of the workbook.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language

Progress = Callable[[int], None]

SHEET_PROGRAMMES = "Programmes"
SHEET_INDICATORS = "Indicators"
SHEET_INSTRUCTIONS = "Instructions"
SHEET_LISTS = "Lists"
# Each sheet's title in Indonesian and English: written in the user's language, both read back.
SHEET_TITLES = {
    SHEET_PROGRAMMES: ("Program", "Programmes"),
    SHEET_INDICATORS: ("Indikator", "Indicators"),
    SHEET_INSTRUCTIONS: ("Petunjuk", "Instructions"),
    SHEET_LISTS: ("Daftar", "Lists"),
}
SHEET_ALIASES = {
    "programmes": SHEET_PROGRAMMES,
    "programme": SHEET_PROGRAMMES,
    "program": SHEET_PROGRAMMES,
    "indicators": SHEET_INDICATORS,
    "indicator": SHEET_INDICATORS,
    "indikator": SHEET_INDICATORS,
    "petunjuk": SHEET_INSTRUCTIONS,
    "instructions": SHEET_INSTRUCTIONS,
    "daftar": SHEET_LISTS,
    "lists": SHEET_LISTS,
}
TARGET_PREFIXES = ("target", "sasaran")
# The header row is looked for among the first rows: offices put a title or blank rows above it.
HEADER_SEARCH_ROWS = 10
YES = {"ya", "y", "yes", "1", "true", "benar", "x", "v"}
NO = {"tidak", "t", "no", "n", "0", "false", "salah", ""}
DELETE_WORDS = {"ya", "y", "yes", "x", "hapus", "delete"}
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
FUNDING_ALIASES = {
    "apbd": "apbd",
    "apbn": "apbn",
    "dak": "dak",
    "partner": "partner",
    "mitra": "partner",
    "csr": "csr",
    "other": "other",
    "lainnya": "other",
    "lain-lain": "other",
}
# The words a choice is written with in each language (export, drop-down lists, error messages).
CHOICE_WORDS = {
    "horizon": {"short": ("pendek", "short"), "medium": ("menengah", "medium"), "long": ("panjang", "long")},
    "funding_source": {
        "apbd": ("apbd", "apbd"),
        "apbn": ("apbn", "apbn"),
        "dak": ("dak", "dak"),
        "partner": ("mitra", "partner"),
        "csr": ("csr", "csr"),
        "other": ("lainnya", "other"),
    },
    "direction": {"higher": ("naik", "higher"), "lower": ("turun", "lower")},
}
PERCENT_UNITS = {"%", "persen", "percent", "per cent"}
HEADER_FILL = "0B6E4F"
RUPIAH_FORMAT = '"Rp" #,##0'


def indonesian() -> bool:
    return (get_language() or "id")[:2] != "en"


def sheet_title(sheet: str) -> str:
    """A sheet's title in the user's language."""
    indonesian_title, english_title = SHEET_TITLES[sheet]
    return indonesian_title if indonesian() else english_title


def choice_word(column: str, code: str | None) -> str | None:
    """A choice's code written in the user's language (the import reads either language)."""
    words = CHOICE_WORDS[column].get(code) if code else None
    return (words[0] if indonesian() else words[1]) if words else code


def choice_list(column: str) -> str:
    """The choices of a column for an error message: the user's language first, the other in brackets."""
    words = CHOICE_WORDS[column].values()
    first = [w[0] if indonesian() else w[1] for w in words]
    other = [w[1] if indonesian() else w[0] for w in words]
    if first == other:
        return ", ".join(first)
    return f"{', '.join(first)} ({', '.join(other)})"


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
    Column("unit_en", "Satuan (Inggris) / Unit (English)", False, 10),
    Column("baseline_value", "Nilai dasar / Baseline", False, 11),
    Column("baseline_year", "Tahun dasar / Baseline year", False, 10),
    Column("direction", "Arah / Direction", False, 10),
    Column("weight", "Bobot / Weight", False, 8),
]
# Optional on both data sheets, written last: "ya", "yes" or "x" deletes the row's programme or indicator.
DELETE_COLUMN = Column("delete", "Hapus / Delete", False, 9)


def column_title(column: Column) -> str:
    """The half of a bilingual header in the user's language (what the preview names a field by)."""
    indonesian_half, _sep, english_half = column.header.partition(" / ")
    return indonesian_half if indonesian() or not english_half else english_half


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
