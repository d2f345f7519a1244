"""Checking the rows read from a workbook against the masterplan: `import_plan` (nothing is written), and the
Programmes sheet's rows. The Indicators sheet is checked in `indicators`."""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.jobs import counted
from kotacerdas.masterplan.models import Dimension, Masterplan, Programme

from ..workbook import (
    FUNDING_ALIASES,
    HORIZON_ALIASES,
    SHEET_INDICATORS,
    SHEET_PROGRAMMES,
    BadCell,
    CellError,
    ReadWorkbook,
    SheetRows,
    cell_bool,
    cell_decimal,
    cell_text,
    cell_year,
    choice_list,
    normal_text,
    sheet_title,
)
from ._common import FIELD_LABELS, PROGRAMME_FIELDS, PROGRAMME_FIELDS_OF, Progress, Row, differs, marked_for_deletion
from .contradictions import ProgrammeYears
from .indicators import indicator_plan
from .preview import DeleteOp, ImportPlan, ProgrammeOp
from .refs import Refs

COUNTS = [
    "programmes_created",
    "programmes_changed",
    "programmes_unchanged",
    "indicators_created",
    "indicators_changed",
    "indicators_unchanged",
    "targets_created",
    "targets_changed",
    "targets_unchanged",
    "programmes_deleted",
    "indicators_deleted",
    "targets_deleted",
]


def import_plan(*, masterplan: Masterplan, read: ReadWorkbook, progress: Progress | None = None) -> ImportPlan:
    """Check the rows read from a workbook against the masterplan; nothing is written."""
    progress = progress or (lambda percent: None)
    errors = list(read.errors)
    refs = Refs(masterplan.region_id)
    counts = dict.fromkeys(COUNTS, 0)
    existing = {
        row["code"]: row
        for row in Programme.objects.filter(masterplan=masterplan).values("pk", "code", *PROGRAMME_FIELDS)
    }
    supporting_now: dict[int, set[int]] = {}
    for programme_id, agency_id in Programme.supporting_agencies.through.objects.filter(
        programme__masterplan=masterplan
    ).values_list("programme_id", "agency_id"):
        supporting_now.setdefault(programme_id, set()).add(agency_id)
    codes_in_file: dict[str, int] = {}
    years = ProgrammeYears(masterplan, existing)
    deletions: list[DeleteOp] = []
    programme_ops = _programme_plan(
        sheet=read.programmes,
        period=(masterplan.period_start_year, masterplan.period_end_year),
        checks=(refs, years, deletions),
        errors=errors,
        existing=existing,
        supporting_now=supporting_now,
        codes_in_file=codes_in_file,
        counts=counts,
        progress=lambda p: progress(70 * p // 100),
    )
    progress(70)
    plan = ImportPlan(masterplan, errors, programme_ops, [], counts, list(read.warnings), deletions)
    plan.sheets = {
        name: sheet.name if sheet is not None else sheet_title(name)
        for name, sheet in ((SHEET_PROGRAMMES, read.programmes), (SHEET_INDICATORS, read.indicators))
    }
    plan.indicators = indicator_plan(
        plan=plan,
        read=read,
        existing=existing,
        codes_in_file=codes_in_file,
        years=years,
        progress=lambda p: progress(70 + 25 * p // 100),
    )
    if read.programmes is not None:
        plan.kept[:0] = [
            {"kind": "programme", "key": code, "label": row["title"]}
            for code, row in sorted(existing.items())
            if code not in codes_in_file
        ]
    counts["programmes_deleted"] = sum(1 for d in deletions if d.kind == "programme")
    counts["indicators_deleted"] = sum(1 for d in deletions if d.kind == "indicator")
    counts["targets_deleted"] = len(plan.dropped)
    progress(95)
    return plan


def _programme_plan(
    *,
    sheet: SheetRows | None,
    period: tuple[int, int],
    checks: tuple[Refs, ProgrammeYears, list[DeleteOp]],
    errors: list[CellError],
    existing: dict[str, dict],
    supporting_now: dict[int, set[int]],
    codes_in_file: dict[str, int],
    counts: dict[str, int],
    progress: Progress,
) -> list[ProgrammeOp]:
    """The Programmes sheet's rows checked: an op for each programme to create or change; the codes read
    (with their rows) go to `codes_in_file` for the indicators' check; rows marked "Hapus" to `deletions`."""
    refs, years, deletions = checks
    ops: list[ProgrammeOp] = []
    if sheet is None:
        return ops
    for number, raw in counted(sheet.rows, len(sheet.rows), progress):
        row = _ProgrammeRow(sheet.name, number, raw, sheet.letters, errors)
        row_errors = len(errors)
        code = _programme_code(row, codes_in_file)
        if code is None:
            continue
        row.old = existing.get(code)
        if marked_for_deletion(row):
            if row.old is not None:
                deletions.append(DeleteOp("programme", code, None, number, row.old["pk"], row.old["title"]))
            continue
        values, supporting = _programme_values(row, refs)
        _check_programme(row, values, period)
        if len(errors) == row_errors:
            years.check_row(row, code, values, row.old)
        if len(errors) > row_errors or not code:
            continue
        op = _programme_op(row, code, values, supporting, refs=refs, supporting_now=supporting_now, counts=counts)
        if op is not None:
            ops.append(op)
    return ops


class _ProgrammeRow(Row):
    old: dict | None = None  # the stored programme of the row's code

    def take(self, key: str, parse, *, required: bool = False, default=None):
        """The parsed value of column `key`; without the column, the stored value (or the default for a new
        programme). A bad or missing required value is reported and gives None."""
        if key not in self.raw and key not in self.letters:
            if self.old is not None:
                return self.old[PROGRAMME_FIELDS_OF.get(key, key)]
            if required:
                return None
            return default
        value = self.raw.get(key)
        try:
            parsed = parse(value)
        except BadCell as exc:
            self.bad(key, str(exc), value)
            return None
        if parsed in (None, "") and required:
            self.bad(key, _("This column is required."))
            return None
        return default if parsed in (None, "") and default is not None else parsed


def _programme_code(row: _ProgrammeRow, codes_in_file: dict[str, int]) -> str | None:
    """The row's code ("" when missing or bad, reported); None for a code already on an earlier row."""
    code = ""
    row_errors = len(row.errors)
    try:
        code = cell_text(row.raw.get("code"), max_length=30)
    except BadCell as exc:
        row.bad("code", str(exc), row.raw.get("code"))
    if not code and row_errors == len(row.errors):
        row.bad("code", _("The programme code is required."))
    elif code in codes_in_file:
        row.bad(
            "code",
            _("Duplicate programme code %(code)s (already on row %(row)s).")
            % {"code": code, "row": codes_in_file[code]},
            code,
        )
        return None
    if code:
        codes_in_file[code] = row.number
    return code


def _choice(aliases: dict, column: str) -> Callable:
    """A parser for a column with a fixed list, read in either language; the error lists the choices in the
    user's language first."""

    def parse(value):
        text = normal_text(cell_text(value))
        if not text:
            return None
        found = aliases.get(text)
        if found is None:
            raise BadCell(_("Choose one of: %(choices)s.") % {"choices": choice_list(column)})
        return found

    return parse


def _programme_values(row: _ProgrammeRow, refs: Refs) -> tuple[dict, set[int] | None]:
    """The row's field values (bad ones reported and None) and its supporting agencies (None: column absent)."""
    take = row.take
    values: dict = {}
    values["title"] = take("title", lambda v: cell_text(v, max_length=250), required=True)
    values["title_en"] = take("title_en", lambda v: cell_text(v, max_length=250), default="")
    values["description"] = take("description", cell_text, default="")
    dimension = _dimension(row, refs)
    values["dimension_id"] = dimension.pk if dimension else None
    values["element_id"] = _element_id(row, refs, dimension)
    values["owner_agency_id"] = _owner_agency_id(row, refs)
    supporting = _supporting(row, refs)
    values["horizon"] = take("horizon", _choice(HORIZON_ALIASES, "horizon"), required=True)
    values["start_year"] = take("start_year", cell_year, required=True)
    values["end_year"] = take("end_year", cell_year, required=True)
    values["budget_estimate"] = take(
        "budget_estimate", lambda v: cell_decimal(v, places=0, whole_digits=18), default=Decimal(0)
    )
    values["funding_source"] = take(
        "funding_source", _choice(FUNDING_ALIASES, "funding_source"), default=Programme.FundingSource.APBD
    )
    values["is_quick_win"] = take("is_quick_win", cell_bool, default=False)
    values["quick_win_year"] = take("quick_win_year", cell_year)
    values["weight"] = take("weight", lambda v: cell_decimal(v, places=2, whole_digits=4), default=Decimal(1))
    return values, supporting


def _dimension(row: _ProgrammeRow, refs: Refs) -> Dimension | None:
    """The dimension named in the row (by name, English name or key); the stored one without the column."""
    if "dimension" in row.letters:
        raw_dimension = row.raw.get("dimension")
        name = normal_text(cell_text(raw_dimension))
        dimension = refs.dimensions.get(name)
        if not name:
            row.bad("dimension", _("This column is required."))
        elif dimension is None:
            row.bad("dimension", _("Unknown dimension %(name)s.") % {"name": raw_dimension}, raw_dimension)
        return dimension
    if row.old is not None:
        return next((d for d in refs.dimensions.values() if d.pk == row.old["dimension_id"]), None)
    return None


def _element_id(row: _ProgrammeRow, refs: Refs, dimension: Dimension | None) -> int | None:
    """The element named in the row, looked up within its dimension; the stored one without the column."""
    if "element" not in row.letters:
        return row.old["element_id"] if row.old is not None else None
    raw_element = row.raw.get("element")
    name = normal_text(cell_text(raw_element))
    element = None
    if name and dimension is not None:
        element = refs.elements.get((dimension.pk, name))
        if element is None:
            row.bad(
                "element",
                _("Unknown element %(name)s in dimension %(dimension)s.")
                % {"name": raw_element, "dimension": dimension.name},
                raw_element,
            )
    return element.pk if element else None


def _owner_agency_id(row: _ProgrammeRow, refs: Refs) -> int | None:
    if "owner_agency" not in row.letters:
        return row.old["owner_agency_id"] if row.old is not None else None
    raw_agency = row.raw.get("owner_agency")
    name = normal_text(cell_text(raw_agency))
    agency = refs.agencies.get(name)
    if not name:
        row.bad("owner_agency", _("This column is required."))
    elif agency is None:
        row.bad("owner_agency", _("Unknown agency %(name)s.") % {"name": raw_agency}, raw_agency)
    return agency.pk if agency else None


def _supporting(row: _ProgrammeRow, refs: Refs) -> set[int] | None:
    """The supporting agencies (separated by commas or semicolons); None when the column is absent."""
    if "supporting_agencies" not in row.letters:
        return None
    supporting: set[int] = set()
    raw_support = cell_text(row.raw.get("supporting_agencies"))
    for part in filter(None, (p.strip() for p in raw_support.replace(";", ",").split(","))):
        agency = refs.agencies.get(normal_text(part))
        if agency is None:
            row.bad("supporting_agencies", _("Unknown agency %(name)s.") % {"name": part}, part)
        else:
            supporting.add(agency.pk)
    return supporting


def _check_programme(row: _ProgrammeRow, values: dict, period: tuple[int, int]) -> None:
    """The checks across the row's values: years within the period and in order, no negative amounts, a
    quick win's year."""
    for key in ("start_year", "end_year", "quick_win_year"):
        year = values.get(key)
        if year is not None and not (period[0] <= year <= period[1]):
            row.bad(
                key,
                _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                % {"year": year, "start": period[0], "end": period[1]},
                year,
            )
    if values["start_year"] and values["end_year"] and values["end_year"] < values["start_year"]:
        row.bad("end_year", _("The end year cannot be before the start year."), values["end_year"])
    if values["budget_estimate"] is not None and values["budget_estimate"] < 0:
        row.bad("budget_estimate", _("The budget cannot be negative."), values["budget_estimate"])
    if values["weight"] is not None and values["weight"] < 0:
        row.bad("weight", _("The weight cannot be negative."), values["weight"])
    if values["is_quick_win"] and not values["quick_win_year"]:
        row.bad("quick_win_year", _("A quick win needs the year it runs in."))


def _programme_op(
    row: _ProgrammeRow,
    code: str,
    values: dict,
    supporting: set[int] | None,
    *,
    refs: Refs,
    supporting_now: dict[int, set[int]],
    counts: dict[str, int],
) -> ProgrammeOp | None:
    """A new programme, or a stored one with what the row changes (field, old → new); None if unchanged."""
    old = row.old
    if old is None:
        counts["programmes_created"] += 1
        return ProgrammeOp(code, row.number, None, values, supporting)
    changes = [
        (FIELD_LABELS.get(f, f), refs.show(f, old[f]), refs.show(f, values[f]))
        for f in PROGRAMME_FIELDS
        if differs(old[f], values[f])
    ]
    now = supporting_now.get(old["pk"], set())
    if supporting is not None and supporting != now:
        changes.append(
            (
                "supporting_agencies",
                ", ".join(sorted(refs.agency_names.get(a, "") for a in now)),
                ", ".join(sorted(refs.agency_names.get(a, "") for a in supporting)),
            )
        )
    if changes:
        counts["programmes_changed"] += 1
        return ProgrammeOp(code, row.number, old["pk"], values, supporting, changes)
    counts["programmes_unchanged"] += 1
    return None
