"""The masterplan workbook: its layout, writing it (template and export) and reading it back.

Layout (one workbook, the same for the template, the export and the import):
- **Programmes**: one row per programme, matched on its code.
- **Indicators**: one row per indicator, with one column per year of the masterplan period holding that
  year's target ("Target 2022" … "Target 2032"): officers fill a plan year by year along a row, as in the
  printed masterplan tables. Matched on programme code + indicator no. (its position in the programme, as
  exported), else programme code + indicator name.
- **Instructions** (Indonesian and English) and a hidden **Lists** sheet that feeds the drop-down lists.

Headers are bilingual ("Kode / Code"); either half, or the whole, is recognised on import.
"""

import datetime
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common.jobs import counted
from kotacerdas.common.numbers import NotANumber, parse_decimal
from kotacerdas.common.spreadsheet import restore_cell, safe_cell, safe_row
from kotacerdas.masterplan.models import Dimension, Element, Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Agency

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


def _normal(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("*", "")).strip().lower()


def header_aliases(column: Column) -> set[str]:
    """The whole bilingual header, each half, and the key: any is accepted on import."""
    names = {_normal(column.header), _normal(column.key), _normal(column.key.replace("_", " "))}
    names |= {_normal(part) for part in column.header.split(" / ")}
    return names


# --- writing ----------------------------------------------------------------------------------------------


@dataclass
class ReferenceLists:
    dimensions: list[str]
    elements: list[str]
    agencies: list[str]


def reference_lists(*, masterplan: Masterplan) -> ReferenceLists:
    dimensions = list(Dimension.objects.filter(region_id=masterplan.region_id).order_by("order", "pk"))
    elements = Element.objects.filter(region_id=masterplan.region_id).order_by("dimension__order", "order", "pk")
    return ReferenceLists(
        dimensions=[d.name for d in dimensions],
        elements=list(dict.fromkeys(e.name for e in elements)),
        agencies=list(Agency.objects.filter(region_id=masterplan.region_id).values_list("acronym", flat=True)),
    )


@dataclass
class ExportData:
    masterplan: Masterplan
    lists: ReferenceLists
    programmes: list[list]
    indicators: list[list]


def export_data(*, masterplan: Masterplan, empty: bool = False) -> ExportData:
    """The rows of the workbook, read in six queries whatever the masterplan's size."""
    lists = reference_lists(masterplan=masterplan)
    if empty:
        return ExportData(masterplan, lists, [], [])
    years = list(masterplan.years)
    programmes = list(
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "owner_agency")
        .order_by("dimension__order", "code")
    )
    supporting: dict[int, list[str]] = {}
    through = Programme.supporting_agencies.through
    for programme_id, acronym in (
        through.objects.filter(programme__masterplan=masterplan)
        .order_by("agency__acronym")
        .values_list("programme_id", "agency__acronym")
    ):
        supporting.setdefault(programme_id, []).append(acronym)
    indicators: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(programme__masterplan=masterplan).order_by("order", "pk"):
        indicators.setdefault(indicator.programme_id, []).append(indicator)
    targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, year, value in Target.objects.filter(indicator__programme__masterplan=masterplan).values_list(
        "indicator_id", "year", "value"
    ):
        targets.setdefault(indicator_id, {})[year] = value
    programme_rows, indicator_rows = [], []
    for p in programmes:
        programme_rows.append(
            [
                p.code,
                p.title,
                p.title_en,
                p.description,
                p.dimension.name,
                p.element.name if p.element_id else None,
                p.owner_agency.acronym,
                ", ".join(supporting.get(p.pk, [])),
                p.horizon,
                p.start_year,
                p.end_year,
                _number(p.budget_estimate),
                p.funding_source,
                "ya" if p.is_quick_win else "tidak",
                p.quick_win_year,
                _number(p.weight),
            ]
        )
        for number, indicator in enumerate(indicators.get(p.pk, []), start=1):
            by_year = targets.get(indicator.pk, {})
            indicator_rows.append(
                [
                    p.code,
                    number,
                    indicator.name,
                    indicator.name_en,
                    indicator.unit,
                    _number(indicator.baseline_value),
                    indicator.baseline_year,
                    indicator.direction,
                    _number(indicator.weight),
                    *(_number(by_year.get(year)) for year in years),
                ]
            )
    return ExportData(masterplan, lists, programme_rows, indicator_rows)


def _number(value: Decimal | None):
    """A Decimal as the int or float a spreadsheet shows (targets have at most 4 decimals: exact in a float)."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


INSTRUCTIONS = [
    ("Petunjuk pengisian buku kerja rencana induk", "How to fill in the masterplan workbook"),
    (
        "Sheet Programmes: satu baris per program. Kode program harus unik; impor ulang memperbarui program "
        "dengan kode yang sama, bukan menggandakannya.",
        "Sheet Programmes: one row per programme. The programme code must be unique; re-importing updates the "
        "programme with the same code instead of duplicating it.",
    ),
    (
        "Sheet Indicators: satu baris per indikator; kolom 'Target <tahun>' berisi target tahun itu. Sel kosong "
        "tidak mengubah target yang sudah ada.",
        "Sheet Indicators: one row per indicator; the 'Target <year>' columns hold that year's target. An empty "
        "cell leaves an existing target as it is.",
    ),
    (
        "No. indikator menunjukkan urutan indikator dalam program (seperti diekspor). Kosongkan untuk indikator "
        "baru; indikator dicocokkan dengan kode program + nomor, atau kode program + nama.",
        "Indicator no. is the indicator's position in its programme (as exported). Leave it empty for a new "
        "indicator; indicators are matched on programme code + number, else programme code + name.",
    ),
    (
        "Dimensi, elemen, Perangkat Daerah (singkatan), jangka, sumber dana dan arah dipilih dari daftar. "
        "Beberapa Perangkat Daerah pendukung dipisahkan dengan koma.",
        "Dimension, element, agency (acronym), horizon, funding source and direction are chosen from the lists. "
        "Separate several supporting agencies with commas.",
    ),
    (
        "Angka boleh ditulis dengan format Indonesia (1.500.000 atau 1.500.000,50); tahun boleh ditulis sebagai "
        "tanggal (31/12/2025 dibaca 2025).",
        "Numbers may be written the Indonesian way (1.500.000 or 1.500.000,50); a year may be written as a date "
        "(31/12/2025 is read as 2025).",
    ),
    (
        "Jangka: short = pendek (1–3 tahun), medium = menengah (3–5), long = panjang (5–10). Arah: higher = "
        "makin tinggi makin baik, lower = makin rendah makin baik.",
        "Horizon: short (1–3 years), medium (3–5), long (5–10). Direction: higher is better, lower is better.",
    ),
    (
        "Jangan mengganti nama sheet atau judul kolom. Sebelum disimpan, platform menampilkan pratinjau: apa "
        "yang dibuat, diubah dan ditolak. Tidak ada yang disimpan bila ada baris yang ditolak.",
        "Do not rename the sheets or the column headers. Before saving, the platform shows a preview of what "
        "will be created, changed and rejected. Nothing is saved while a row is rejected.",
    ),
]


def build_workbook(data: ExportData, *, progress: Progress | None = None) -> bytes:
    """The workbook (template when `data` has no rows) as XLSX bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    progress = progress or (lambda percent: None)
    mp = data.masterplan
    years = list(mp.years)
    book = Workbook()
    book.properties.title = mp.title
    book.properties.creator = "Kota Cerdas"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)

    def header(ws, titles: list[str], widths: list[int]) -> None:
        ws.append(titles)
        for col, width in enumerate(widths, start=1):
            cell = ws.cell(row=1, column=col)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.row_dimensions[1].height = 45
        ws.freeze_panes = "B2"

    programmes = book.active
    programmes.title = SHEET_PROGRAMMES
    header(programmes, [c.header for c in PROGRAMME_COLUMNS], [c.width for c in PROGRAMME_COLUMNS])
    for row in data.programmes:
        programmes.append(safe_row(row))
    progress(40)
    indicators = book.create_sheet(SHEET_INDICATORS)
    header(
        indicators,
        [c.header for c in INDICATOR_COLUMNS] + [target_header(y) for y in years],
        [c.width for c in INDICATOR_COLUMNS] + [11] * len(years),
    )
    for row in data.indicators:
        indicators.append(safe_row(row))
    progress(75)

    lists = book.create_sheet(SHEET_LISTS)
    columns = [
        ("Dimensions", data.lists.dimensions),
        ("Elements", data.lists.elements),
        ("Agencies", data.lists.agencies),
        ("Horizons", list(Programme.Horizon.values)),
        ("Funding", list(Programme.FundingSource.values)),
        ("YesNo", ["ya", "tidak"]),
        ("Directions", list(Indicator.Direction.values)),
    ]
    refs = {}
    for col, (title, values) in enumerate(columns, start=1):
        letter = get_column_letter(col)
        lists.cell(row=1, column=col, value=title).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=col, value=safe_cell(value))
        refs[title] = f"{SHEET_LISTS}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    lists.sheet_state = "hidden"

    last_p = max(len(data.programmes) + 1000, 2000)
    last_i = max(len(data.indicators) + 3000, 6000)

    def validate(ws, column_key: str, columns_: list[Column], last: int, **kwargs) -> None:
        letter = get_column_letter([c.key for c in columns_].index(column_key) + 1)
        dv = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="warning", **kwargs)
        dv.error = _("Choose a value from the list (see the Instructions sheet).")
        ws.add_data_validation(dv)
        dv.add(f"{letter}2:{letter}{last}")

    for key, ref in (
        ("dimension", "Dimensions"),
        ("element", "Elements"),
        ("owner_agency", "Agencies"),
        ("horizon", "Horizons"),
        ("funding_source", "Funding"),
        ("is_quick_win", "YesNo"),
    ):
        validate(programmes, key, PROGRAMME_COLUMNS, last_p, type="list", formula1=f"={refs[ref]}")
    for key in ("start_year", "end_year", "quick_win_year"):
        validate(
            programmes,
            key,
            PROGRAMME_COLUMNS,
            last_p,
            type="whole",
            operator="between",
            formula1=str(mp.period_start_year),
            formula2=str(mp.period_end_year),
        )
    validate(indicators, "direction", INDICATOR_COLUMNS, last_i, type="list", formula1=f"={refs['Directions']}")

    instructions = book.create_sheet(SHEET_INSTRUCTIONS, 0)
    instructions.column_dimensions["A"].width = 90
    instructions.column_dimensions["B"].width = 90
    instructions.append([safe_cell(f"{mp.title} ({mp.period_start_year}–{mp.period_end_year})")])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.append(
        [f"{timezone.localtime():%d/%m/%Y %H:%M}", _("Workbook generated by Kota Cerdas")],
    )
    instructions.append([])
    instructions.append(["Bahasa Indonesia", "English"])
    instructions["A4"].font = instructions["B4"].font = Font(bold=True)
    for indonesian, english in INSTRUCTIONS:
        instructions.append([indonesian, english])
    for row in instructions.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    instructions.append([])
    instructions.append(["Kolom wajib / Required columns"])
    instructions.cell(row=instructions.max_row, column=1).font = Font(bold=True)
    for column in PROGRAMME_COLUMNS + INDICATOR_COLUMNS:
        if column.required:
            instructions.append([column.header])
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    progress(95)
    return out.getvalue()


# --- reading ----------------------------------------------------------------------------------------------


@dataclass
class CellError:
    sheet: str
    row: int | None
    column: str
    message: str
    value: str = ""

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": self.value,
        }


@dataclass
class SheetRows:
    name: str
    letters: dict[str, str]  # column key → letter
    years: dict[int, str]  # target year → letter
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, {key: raw value})
    target_rows: list[dict] = field(default_factory=list)  # {year: raw value}, parallel to rows


@dataclass
class ReadWorkbook:
    programmes: SheetRows | None
    indicators: SheetRows | None
    errors: list[CellError]

    def to_json(self) -> bytes:
        """The rows as read, kept by the preview so the confirmed import does not parse the workbook again."""
        import json

        def sheet(rows: SheetRows | None):
            if rows is None:
                return None
            return {
                "name": rows.name,
                "letters": rows.letters,
                "years": {str(y): letter for y, letter in rows.years.items()},
                "rows": [[n, {k: _dump(v) for k, v in raw.items()}] for n, raw in rows.rows],
                "targets": [{str(y): _dump(v) for y, v in t.items()} for t in rows.target_rows],
            }

        return json.dumps(
            {
                "programmes": sheet(self.programmes),
                "indicators": sheet(self.indicators),
                "errors": [e.as_dict() for e in self.errors],
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, content: bytes) -> "ReadWorkbook":
        import json

        data = json.loads(content)

        def sheet(raw):
            if raw is None:
                return None
            return SheetRows(
                raw["name"],
                raw["letters"],
                {int(y): letter for y, letter in raw["years"].items()},
                [(n, {k: _load(v) for k, v in values.items()}) for n, values in raw["rows"]],
                [{int(y): _load(v) for y, v in t.items()} for t in raw["targets"]],
            )

        return cls(
            sheet(data["programmes"]),
            sheet(data["indicators"]),
            [CellError(**{k: e[k] for k in ("sheet", "row", "column", "message", "value")}) for e in data["errors"]],
        )


def _dump(value):
    """Cell values as JSON: dates and times tagged, everything else (text, numbers, booleans) as it is."""
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.time | datetime.timedelta):
        return str(value)
    return value


def _load(value):
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.datetime.fromisoformat(value["dt"])
        return datetime.date.fromisoformat(value["d"])
    return value


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


def _target_year(header) -> int | None:
    text = _normal(header)
    for prefix in TARGET_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return int(text) if re.fullmatch(r"\d{4}", text) else None


def _find_header(rows, aliases: dict[str, str], *, with_years: bool):
    """The header row among the first HEADER_SEARCH_ROWS rows: the one naming the most known columns (offices
    put a title, often merged across the columns, or a few blank rows above it). Returns its row number, its
    cells and an iterator over the rows below it; row 1 when no row names a known column."""
    first = list(itertools.islice(rows, HEADER_SEARCH_ROWS))

    def known(cells) -> int:
        return sum(
            1
            for title in cells or ()
            if title is not None and (_normal(title) in aliases or (with_years and _target_year(title) is not None))
        )

    scores = [known(cells) for cells in first]
    best = scores.index(max(scores)) if scores and max(scores) > 0 else 0
    head = (first[best] if first else None) or ()
    return best + 1, head, itertools.chain(first[best + 1 :], rows)


def read_workbook(source, *, progress: Progress | None = None) -> ReadWorkbook:
    """The raw rows of the Programmes and Indicators sheets, and the errors of the layout itself (missing
    sheets or columns, unknown columns). Raises UnreadableWorkbook."""
    from openpyxl.utils import get_column_letter

    progress = progress or (lambda percent: None)
    book = open_workbook(source)
    errors: list[CellError] = []
    found: dict[str, object] = {}
    for ws in book.worksheets:
        canonical = SHEET_ALIASES.get(_normal(ws.title))
        if canonical and canonical not in found:
            found[canonical] = ws
    result = ReadWorkbook(programmes=None, indicators=None, errors=errors)
    try:
        for sheet_name, columns, with_years, share in (
            (SHEET_PROGRAMMES, PROGRAMME_COLUMNS, False, (0, 30)),
            (SHEET_INDICATORS, INDICATOR_COLUMNS, True, (30, 60)),
        ):
            ws = found.get(sheet_name)
            if ws is None:
                errors.append(
                    CellError(sheet_name, None, "", _("The sheet %(sheet)s is missing.") % {"sheet": sheet_name})
                )
                continue
            aliases = {alias: c.key for c in columns for alias in header_aliases(c)}
            header_row, head, rows = _find_header(ws.iter_rows(values_only=True), aliases, with_years=with_years)
            letters: dict[str, str] = {}
            positions: dict[int, str] = {}
            years: dict[int, str] = {}
            year_positions: dict[int, int] = {}
            for index, title in enumerate(head):
                if title is None or str(title).strip() == "":
                    continue
                letter = get_column_letter(index + 1)
                key = aliases.get(_normal(title))
                year = _target_year(title) if with_years and key is None else None
                if key is not None:
                    if key in letters:
                        errors.append(
                            CellError(
                                sheet_name,
                                header_row,
                                letter,
                                _("The column %(title)s appears twice.") % {"title": title},
                            )
                        )
                        continue
                    letters[key], positions[index] = letter, key
                elif year is not None:
                    if year in years:
                        errors.append(
                            CellError(
                                sheet_name, header_row, letter, _("The year %(year)s appears twice.") % {"year": year}
                            )
                        )
                        continue
                    years[year], year_positions[index] = letter, year
                else:
                    errors.append(
                        CellError(
                            sheet_name,
                            header_row,
                            letter,
                            _("Unknown column %(title)s: was it renamed? Use the headers of the template.")
                            % {"title": title},
                            str(title),
                        )
                    )
            missing = [c.header for c in columns if c.required and c.key not in letters]
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
            moved = lambda p, share=share: progress(share[0] + (share[1] - share[0]) * p // 100)  # noqa: E731
            for number, cells in counted(enumerate(rows, start=header_row + 1), expected, moved):
                values = [restore_cell(value) for value in cells]  # our export neutralised formulas
                if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                raw = {key: values[i] for i, key in positions.items() if i < len(values)}
                sheet.rows.append((number, raw))
                if with_years:
                    sheet.target_rows.append({y: values[i] for i, y in year_positions.items() if i < len(values)})
            progress(share[1])
            if sheet_name == SHEET_PROGRAMMES:
                result.programmes = sheet
            else:
                result.indicators = sheet
    finally:
        book.close()
    return result


# --- cell values ------------------------------------------------------------------------------------------


class BadCell(ValueError):
    pass


DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def cell_text(value, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if max_length is not None and len(text) > max_length:
        raise BadCell(_("At most %(n)s characters (this has %(len)s).") % {"n": max_length, "len": len(text)})
    return text


def cell_decimal(value, *, places: int = 4, whole_digits: int = 14) -> Decimal | None:
    """A number from a cell: a spreadsheet number, or text typed the Indonesian way ("1.500.000,50")."""
    if type(value) is int:  # the common case (a whole number typed in a cell): no parsing, no rounding
        if abs(value) >= 10**whole_digits:
            raise BadCell(_("The number is too large."))
        return Decimal(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime.date):
        raise BadCell(_("Not a number."))
    if isinstance(value, float):
        number = Decimal(repr(value))
    else:
        try:
            number = parse_decimal(value, language="id")
        except NotANumber:
            raise BadCell(_("Not a number.")) from None
    if abs(number) >= Decimal(10) ** whole_digits:
        raise BadCell(_("The number is too large."))
    quantum = Decimal(1).scaleb(-places)
    if number != number.quantize(quantum):
        raise BadCell(_("At most %(n)s decimals.") % {"n": places} if places else _("A whole number is expected."))
    return number.quantize(quantum)


def cell_year(value) -> int | None:
    """A year: 2025, "2025", or a date (a spreadsheet date or "31/12/2025") whose year is taken."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise BadCell(_("Not a year."))
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, float):
        if not value.is_integer():
            raise BadCell(_("Not a year."))
        value = int(value)
    if isinstance(value, int):
        year = value
    else:
        text = str(value).strip()
        match = DATE_TEXT.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise BadCell(_("Not a valid date.")) from None
        elif re.fullmatch(r"\d{4}", text):
            year = int(text)
        else:
            raise BadCell(_("Not a year."))
    if not 1900 <= year <= 2200:
        raise BadCell(_("Not a year."))
    return year


def cell_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _normal(cell_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    raise BadCell(_("Write ya or tidak (yes or no)."))
