"""Checking an imported workbook against the masterplan, and applying it.

`import_plan` reads the rows (workbook.read_workbook), checks every cell and compares them with what is
stored, in a fixed number of queries: the result says what would be created, changed (field: old → new) and
rejected (sheet, row, column). Nothing is written. `import_apply` writes a plan without errors in one
transaction with bulk inserts and updates, and one audit row per programme it touched (before and after,
including its indicators' targets) plus a summary row on the masterplan.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.models import AuditEvent
from kotacerdas.audit.services import record_event
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.jobs import counted
from kotacerdas.masterplan.models import Dimension, Element, Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Agency

from .workbook import (
    DIRECTION_ALIASES,
    HORIZON_ALIASES,
    SHEET_INDICATORS,
    SHEET_PROGRAMMES,
    BadCell,
    CellError,
    ReadWorkbook,
    cell_bool,
    cell_decimal,
    cell_text,
    cell_year,
)
from .workbook import (
    normal_text as _normal,
)

Progress = Callable[[int], None]
REPORT_LIMIT = 300  # rows of each kind listed in a report (the counts are always complete)

PROGRAMME_FIELDS = [
    "title",
    "title_en",
    "description",
    "dimension_id",
    "element_id",
    "owner_agency_id",
    "horizon",
    "start_year",
    "end_year",
    "budget_estimate",
    "funding_source",
    "is_quick_win",
    "quick_win_year",
    "weight",
]
INDICATOR_FIELDS = ["name", "name_en", "unit", "baseline_value", "baseline_year", "direction", "weight"]
# The workbook column each model field is read from (for error positions).
PROGRAMME_COLUMN_OF = {
    "dimension_id": "dimension",
    "element_id": "element",
    "owner_agency_id": "owner_agency",
}


@dataclass
class ProgrammeOp:
    code: str
    row: int
    pk: int | None
    values: dict
    supporting: set[int] | None
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class IndicatorOp:
    programme_code: str
    number: int
    row: int
    pk: int | None
    values: dict
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    targets: list["TargetOp"] = field(default_factory=list)


@dataclass
class TargetOp:
    year: int
    pk: int | None
    old: Decimal | None
    new: Decimal


@dataclass
class ImportPlan:
    masterplan: Masterplan
    errors: list[CellError]
    programmes: list[ProgrammeOp]  # created or changed
    indicators: list[IndicatorOp]  # created, changed, or with a created/changed target
    counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.programmes or self.indicators)

    def fingerprint(self) -> str:
        """What the plan would write and what it would overwrite: an import confirmed after a preview applies
        only if both are unchanged (so nobody's edit made since the preview is silently overwritten)."""
        payload = [
            [p.code, p.pk, sorted((k, str(v)) for k, v in p.values.items()), sorted(p.supporting or []), p.changes]
            for p in self.programmes
        ] + [
            [i.programme_code, i.number, i.pk, sorted((k, str(v)) for k, v in i.values.items()), i.changes]
            + [[t.year, t.pk, str(t.old), str(t.new)] for t in i.targets]
            for i in self.indicators
        ]
        return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()

    def report(self, *, limit: int = REPORT_LIMIT) -> dict:
        """The preview as JSON-safe data (what the page, the command and the stored job show)."""
        created = [
            {"kind": "programme", "sheet": SHEET_PROGRAMMES, "row": p.row, "key": p.code, "label": p.values["title"]}
            for p in self.programmes
            if p.pk is None
        ]
        created += [
            {
                "kind": "indicator",
                "sheet": SHEET_INDICATORS,
                "row": i.row,
                "key": f"{i.programme_code} #{i.number}",
                "label": i.values["name"],
            }
            for i in self.indicators
            if i.pk is None
        ]
        changed = [
            {
                "kind": "programme",
                "sheet": SHEET_PROGRAMMES,
                "row": p.row,
                "key": p.code,
                "changes": [{"field": f, "old": o, "new": n} for f, o, n in p.changes],
            }
            for p in self.programmes
            if p.pk is not None
        ]
        for i in self.indicators:
            if i.pk is None:
                continue
            changes = list(i.changes) + [
                (_("target %(year)s") % {"year": t.year}, _show(t.old), _show(t.new)) for t in i.targets
            ]
            changed.append(
                {
                    "kind": "indicator",
                    "sheet": SHEET_INDICATORS,
                    "row": i.row,
                    "key": f"{i.programme_code} #{i.number}",
                    "label": i.values["name"],
                    "changes": [{"field": f, "old": o, "new": n} for f, o, n in changes],
                }
            )
        return {
            "ok": self.ok,
            "counts": self.counts,
            "errors": [e.as_dict() for e in self.errors[: limit * 3]],
            "error_count": len(self.errors),
            "created": created[:limit],
            "changed": changed[:limit],
            "fingerprint": self.fingerprint(),
        }


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


# --- checking ---------------------------------------------------------------------------------------------


class _Refs:
    """The region's dimensions, elements and agencies by every name a cell may use (3 queries)."""

    def __init__(self, region_id: int):
        self.dimensions: dict[str, Dimension] = {}
        self.dimension_names: dict[int, str] = {}
        for d in Dimension.objects.filter(region_id=region_id):
            for name in (d.name, d.name_en, d.key):
                if name:
                    self.dimensions.setdefault(_normal(name), d)
            self.dimension_names[d.pk] = d.name
        self.elements: dict[tuple[int, str], Element] = {}
        self.element_names: dict[int, str] = {}
        for e in Element.objects.filter(region_id=region_id):
            for name in (e.name, e.name_en, e.key):
                if name:
                    self.elements.setdefault((e.dimension_id, _normal(name)), e)
            self.element_names[e.pk] = e.name
        self.agencies: dict[str, Agency] = {}
        self.agency_names: dict[int, str] = {}
        for a in Agency.objects.filter(region_id=region_id):
            self.agencies.setdefault(_normal(a.acronym), a)
            self.agency_names[a.pk] = a.acronym
        for a in Agency.objects.filter(region_id=region_id):
            self.agencies.setdefault(_normal(a.name), a)

    def show(self, field_name: str, value) -> str:
        if value is None:
            return ""
        names = {
            "dimension_id": self.dimension_names,
            "element_id": self.element_names,
            "owner_agency_id": self.agency_names,
        }.get(field_name)
        return names.get(value, str(value)) if names is not None else _show(value)


FIELD_LABELS = {
    "title": "title",
    "title_en": "title_en",
    "description": "description",
    "dimension_id": "dimension",
    "element_id": "element",
    "owner_agency_id": "owner_agency",
    "supporting_agencies": "supporting_agencies",
}


def import_plan(*, masterplan: Masterplan, read: ReadWorkbook, progress: Progress | None = None) -> ImportPlan:
    """Check the rows read from a workbook against the masterplan; nothing is written."""
    progress = progress or (lambda percent: None)
    errors = list(read.errors)
    refs = _Refs(masterplan.region_id)
    period = (masterplan.period_start_year, masterplan.period_end_year)
    counts = dict.fromkeys(
        [
            "programmes_created",
            "programmes_changed",
            "programmes_unchanged",
            "indicators_created",
            "indicators_changed",
            "indicators_unchanged",
            "targets_created",
            "targets_changed",
            "targets_unchanged",
        ],
        0,
    )
    existing = {
        row["code"]: row
        for row in Programme.objects.filter(masterplan=masterplan).values("pk", "code", *PROGRAMME_FIELDS)
    }
    supporting_now: dict[int, set[int]] = {}
    for programme_id, agency_id in Programme.supporting_agencies.through.objects.filter(
        programme__masterplan=masterplan
    ).values_list("programme_id", "agency_id"):
        supporting_now.setdefault(programme_id, set()).add(agency_id)

    programme_ops: list[ProgrammeOp] = []
    codes_in_file: dict[str, int] = {}
    sheet = read.programmes
    if sheet is not None:
        letters = sheet.letters
        for number, raw in counted(sheet.rows, len(sheet.rows), lambda p: progress(70 * p // 100)):

            def bad(key: str, message: str, value=None, *, _row=number) -> None:
                errors.append(
                    CellError(
                        SHEET_PROGRAMMES, _row, letters.get(key, ""), message, "" if value is None else str(value)
                    )
                )

            row_errors = len(errors)
            code = ""
            try:
                code = cell_text(raw.get("code"), max_length=30)
            except BadCell as exc:
                bad("code", str(exc), raw.get("code"))
            if not code and row_errors == len(errors):
                bad("code", _("The programme code is required."))
            elif code in codes_in_file:
                bad(
                    "code",
                    _("Duplicate programme code %(code)s (already on row %(row)s).")
                    % {"code": code, "row": codes_in_file[code]},
                    code,
                )
                continue
            if code:
                codes_in_file[code] = number
            old = existing.get(code)
            values: dict = {}

            def take(key: str, parse, *, required: bool = False, default=None, _raw=raw, _old=old):
                if key not in _raw and key not in letters:
                    if _old is not None:
                        return _old[PROGRAMME_FIELDS_OF.get(key, key)]
                    if required:
                        return None
                    return default
                value = _raw.get(key)
                try:
                    parsed = parse(value)
                except BadCell as exc:
                    bad(key, str(exc), value)
                    return None
                if parsed in (None, "") and required:
                    bad(key, _("This column is required."))
                    return None
                return default if parsed in (None, "") and default is not None else parsed

            values["title"] = take("title", lambda v: cell_text(v, max_length=250), required=True)
            values["title_en"] = take("title_en", lambda v: cell_text(v, max_length=250), default="")
            values["description"] = take("description", cell_text, default="")
            dimension = None
            raw_dimension = raw.get("dimension")
            if "dimension" in letters:
                name = _normal(cell_text(raw_dimension))
                dimension = refs.dimensions.get(name)
                if not name:
                    bad("dimension", _("This column is required."))
                elif dimension is None:
                    bad("dimension", _("Unknown dimension %(name)s.") % {"name": raw_dimension}, raw_dimension)
            elif old is not None:
                dimension = next((d for d in refs.dimensions.values() if d.pk == old["dimension_id"]), None)
            values["dimension_id"] = dimension.pk if dimension else None
            element = None
            if "element" in letters:
                raw_element = raw.get("element")
                name = _normal(cell_text(raw_element))
                if name and dimension is not None:
                    element = refs.elements.get((dimension.pk, name))
                    if element is None:
                        bad(
                            "element",
                            _("Unknown element %(name)s in dimension %(dimension)s.")
                            % {"name": raw_element, "dimension": dimension.name},
                            raw_element,
                        )
                values["element_id"] = element.pk if element else None
            else:
                values["element_id"] = old["element_id"] if old is not None else None
            if "owner_agency" in letters:
                raw_agency = raw.get("owner_agency")
                name = _normal(cell_text(raw_agency))
                agency = refs.agencies.get(name)
                if not name:
                    bad("owner_agency", _("This column is required."))
                elif agency is None:
                    bad("owner_agency", _("Unknown agency %(name)s.") % {"name": raw_agency}, raw_agency)
                values["owner_agency_id"] = agency.pk if agency else None
            else:
                values["owner_agency_id"] = old["owner_agency_id"] if old is not None else None
            supporting: set[int] | None = None
            if "supporting_agencies" in letters:
                supporting = set()
                raw_support = cell_text(raw.get("supporting_agencies"))
                for part in filter(None, (p.strip() for p in raw_support.replace(";", ",").split(","))):
                    agency = refs.agencies.get(_normal(part))
                    if agency is None:
                        bad("supporting_agencies", _("Unknown agency %(name)s.") % {"name": part}, part)
                    else:
                        supporting.add(agency.pk)

            def choice(aliases: dict, choices) -> Callable:
                def parse(value):
                    text = _normal(cell_text(value))
                    if not text:
                        return None
                    found = aliases.get(text) if aliases else (text if text in choices else None)
                    if found is None:
                        raise BadCell(_("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)})
                    return found

                return parse

            values["horizon"] = take("horizon", choice(HORIZON_ALIASES, Programme.Horizon.values), required=True)
            values["start_year"] = take("start_year", cell_year, required=True)
            values["end_year"] = take("end_year", cell_year, required=True)
            values["budget_estimate"] = take(
                "budget_estimate", lambda v: cell_decimal(v, places=0, whole_digits=18), default=Decimal(0)
            )
            values["funding_source"] = take(
                "funding_source", choice({}, Programme.FundingSource.values), default=Programme.FundingSource.APBD
            )
            values["is_quick_win"] = take("is_quick_win", cell_bool, default=False)
            values["quick_win_year"] = take("quick_win_year", cell_year)
            values["weight"] = take("weight", lambda v: cell_decimal(v, places=2, whole_digits=4), default=Decimal(1))
            for key in ("start_year", "end_year", "quick_win_year"):
                year = values.get(key)
                if year is not None and not (period[0] <= year <= period[1]):
                    bad(
                        key,
                        _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                        % {"year": year, "start": period[0], "end": period[1]},
                        year,
                    )
            if values["start_year"] and values["end_year"] and values["end_year"] < values["start_year"]:
                bad("end_year", _("The end year cannot be before the start year."), values["end_year"])
            if values["budget_estimate"] is not None and values["budget_estimate"] < 0:
                bad("budget_estimate", _("The budget cannot be negative."), values["budget_estimate"])
            if values["weight"] is not None and values["weight"] < 0:
                bad("weight", _("The weight cannot be negative."), values["weight"])
            if values["is_quick_win"] and not values["quick_win_year"]:
                bad("quick_win_year", _("A quick win needs the year it runs in."))
            if len(errors) > row_errors or not code:
                continue
            if old is None:
                programme_ops.append(ProgrammeOp(code, number, None, values, supporting))
                counts["programmes_created"] += 1
                continue
            changes = [
                (FIELD_LABELS.get(f, f), refs.show(f, old[f]), refs.show(f, values[f]))
                for f in PROGRAMME_FIELDS
                if _differs(old[f], values[f])
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
                programme_ops.append(ProgrammeOp(code, number, old["pk"], values, supporting, changes))
                counts["programmes_changed"] += 1
            else:
                counts["programmes_unchanged"] += 1
    progress(70)

    indicator_ops = _indicator_plan(
        masterplan=masterplan,
        read=read,
        errors=errors,
        existing=existing,
        codes_in_file=codes_in_file,
        counts=counts,
        progress=lambda p: progress(70 + 25 * p // 100),
    )
    progress(95)
    return ImportPlan(masterplan, errors, programme_ops, indicator_ops, counts)


PROGRAMME_FIELDS_OF = {
    "dimension": "dimension_id",
    "element": "element_id",
    "owner_agency": "owner_agency_id",
}


def _differs(old, new) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        if old is None or new is None:
            return old is not new
        return Decimal(old) != Decimal(new)
    return old != new


def _indicator_plan(*, masterplan, read, errors, existing, codes_in_file, counts, progress) -> list[IndicatorOp]:
    sheet = read.indicators
    if sheet is None:
        return []
    letters = sheet.letters
    period = (masterplan.period_start_year, masterplan.period_end_year)
    programme_pks = {code: row["pk"] for code, row in existing.items()}
    stored: dict[int, list[dict]] = {}
    for row in (
        Indicator.objects.filter(programme__masterplan=masterplan)
        .order_by("order", "pk")
        .values("pk", "programme_id", "order", *INDICATOR_FIELDS)
    ):
        stored.setdefault(row["programme_id"], []).append(row)
    targets: dict[int, dict[int, tuple[int, Decimal]]] = {}
    for pk, indicator_id, year, value in Target.objects.filter(indicator__programme__masterplan=masterplan).values_list(
        "pk", "indicator_id", "year", "value"
    ):
        targets.setdefault(indicator_id, {})[year] = (pk, value)
    bad_years = set()
    for year, letter in sheet.years.items():
        if not (period[0] <= year <= period[1]) and any(
            values.get(year) not in (None, "") for values in sheet.target_rows
        ):
            bad_years.add(year)
            errors.append(
                CellError(
                    SHEET_INDICATORS,
                    1,
                    letter,
                    _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                    % {"year": year, "start": period[0], "end": period[1]},
                    str(year),
                )
            )
    matched: dict[int, int] = {}  # existing indicator pk → row that matched it
    numbers_used: dict[tuple[str, int], int] = {}
    next_number: dict[str, int] = {}
    ops: list[IndicatorOp] = []
    pairs = zip(sheet.rows, sheet.target_rows or [{}] * len(sheet.rows), strict=False)
    for (number, raw), raw_targets in counted(pairs, len(sheet.rows), progress):

        def bad(key: str, message: str, value=None, *, _row=number, _letter=None) -> None:
            errors.append(
                CellError(
                    SHEET_INDICATORS,
                    _row,
                    _letter or letters.get(key, ""),
                    message,
                    "" if value is None else str(value),
                )
            )

        row_errors = len(errors)
        code = cell_text(raw.get("programme"))
        if not code:
            bad("programme", _("The programme code is required."))
        elif code not in codes_in_file and code not in programme_pks:
            bad("programme", _("Unknown programme code %(code)s.") % {"code": code}, code)
        values: dict = {}
        try:
            values["name"] = cell_text(raw.get("name"), max_length=250)
            if not values["name"]:
                bad("name", _("This column is required."))
        except BadCell as exc:
            bad("name", str(exc), raw.get("name"))
        for key, parse, default in (
            ("name_en", lambda v: cell_text(v, max_length=250), ""),
            ("unit", lambda v: cell_text(v, max_length=40), ""),
            ("baseline_value", cell_decimal, None),
            ("baseline_year", cell_year, None),
            ("weight", lambda v: cell_decimal(v, places=2, whole_digits=4), Decimal(1)),
        ):
            try:
                parsed = parse(raw.get(key))
            except BadCell as exc:
                bad(key, str(exc), raw.get(key))
                continue
            values[key] = default if parsed in (None, "") else parsed
        if "unit" in letters and not values.get("unit"):
            bad("unit", _("This column is required."))
        direction = _normal(cell_text(raw.get("direction")))
        values["direction"] = DIRECTION_ALIASES.get(direction) if direction else Indicator.Direction.HIGHER
        if values["direction"] is None:
            bad(
                "direction",
                _("Choose one of: %(choices)s.") % {"choices": ", ".join(Indicator.Direction.values)},
                raw.get("direction"),
            )
        if values.get("weight") is not None and values["weight"] < 0:
            bad("weight", _("The weight cannot be negative."), values["weight"])
        position = None
        if raw.get("number") not in (None, ""):
            try:
                position = cell_year_or_int(raw.get("number"))
            except BadCell as exc:
                bad("number", str(exc), raw.get("number"))
        new_targets: dict[int, Decimal] = {}
        for year, value in raw_targets.items():
            if year in bad_years or value in (None, ""):
                continue
            try:
                parsed = cell_decimal(value)
            except BadCell as exc:
                bad(
                    "", _("Target %(year)s: %(error)s") % {"year": year, "error": exc}, value, _letter=sheet.years[year]
                )
                continue
            if parsed is not None:
                new_targets[year] = parsed
        if len(errors) > row_errors or not code:
            continue
        programme_pk = programme_pks.get(code)
        candidates = stored.get(programme_pk, []) if programme_pk else []
        old = None
        if position is not None and position <= len(candidates):
            old = candidates[position - 1]
        elif position is None:
            wanted = _normal(values["name"])
            old = next((c for c in candidates if _normal(c["name"]) == wanted and c["pk"] not in matched), None)
        if position is None:
            if old is not None:
                position = candidates.index(old) + 1
            else:
                next_number[code] = max(next_number.get(code, len(candidates)), len(candidates)) + 1
                position = next_number[code]
        elif old is None:
            next_number[code] = max(next_number.get(code, len(candidates)), position)
        if (code, position) in numbers_used or (old is not None and old["pk"] in matched):
            bad(
                "number",
                _("Duplicate indicator %(code)s #%(number)s (already on row %(row)s).")
                % {
                    "code": code,
                    "number": position,
                    "row": numbers_used.get((code, position)) or matched.get(old["pk"] if old else 0),
                },
                position,
            )
            continue
        numbers_used[(code, position)] = number
        if old is not None:
            matched[old["pk"]] = number
            values_changes = [
                (f, _show(old[f]), _show(values[f])) for f in INDICATOR_FIELDS if _differs(old[f], values[f])
            ]
            have = targets.get(old["pk"], {})
            target_ops = []
            for year, value in sorted(new_targets.items()):
                current = have.get(year)
                if current is None:
                    target_ops.append(TargetOp(year, None, None, value))
                    counts["targets_created"] += 1
                elif Decimal(current[1]) != value:
                    target_ops.append(TargetOp(year, current[0], current[1], value))
                    counts["targets_changed"] += 1
                else:
                    counts["targets_unchanged"] += 1
            counts["indicators_changed" if values_changes else "indicators_unchanged"] += 1
            if values_changes or target_ops:
                values["order"] = old["order"]
                ops.append(IndicatorOp(code, position, number, old["pk"], values, values_changes, target_ops))
        else:
            values["order"] = position
            counts["indicators_created"] += 1
            counts["targets_created"] += len(new_targets)
            ops.append(
                IndicatorOp(
                    code,
                    position,
                    number,
                    None,
                    values,
                    [],
                    [TargetOp(y, None, None, v) for y, v in sorted(new_targets.items())],
                )
            )
    return ops


def cell_year_or_int(value) -> int:
    """An indicator number: a whole number from 1."""
    try:
        number = cell_decimal(value, places=0, whole_digits=6)
    except BadCell:
        raise BadCell(_("A whole number from 1 is expected.")) from None
    if number is None or number < 1:
        raise BadCell(_("A whole number from 1 is expected."))
    return int(number)


# --- applying ---------------------------------------------------------------------------------------------


def reason_required(masterplan: Masterplan) -> bool:
    """An adopted masterplan changes only by revisions, each with its reason (docs/planning.md)."""
    return masterplan.status == Masterplan.Status.ADOPTED


def import_apply(
    *,
    plan: ImportPlan,
    actor,
    filename: str = "",
    expected: str | None = None,
    reason: str = "",
    progress: Progress | None = None,
) -> dict:
    """Write a checked plan, all or nothing. `expected` is the fingerprint the user confirmed: when the
    masterplan changed since (someone else edited or imported), nothing is written and the user is told.
    On an adopted masterplan the import is one revision, frozen with `reason` (required)."""
    from kotacerdas.masterplan.services import masterplan_revision_record, masterplan_version_adopted_ensure

    progress = progress or (lambda percent: None)
    if reason_required(plan.masterplan) and not reason.strip() and plan.has_changes:
        message = _("The masterplan is adopted: give the reason for this revision.")
        raise ApplicationError(message, fields={"reason": [message]})
    if not plan.ok:
        raise ApplicationError(_("The workbook has %(n)s rejected cells: nothing was saved.") % {"n": len(plan.errors)})
    if expected is not None and expected != plan.fingerprint():
        raise ApplicationError(
            _(
                "The masterplan changed since the preview (someone else edited or imported it): nothing was "
                "saved. Preview the workbook again to see what it would change now."
            )
        )
    masterplan = plan.masterplan
    now = timezone.now()
    with transaction.atomic():
        list(Masterplan.objects.select_for_update().filter(pk=masterplan.pk).values_list("pk"))
        region_id = masterplan.region_id
        if plan.has_changes:
            masterplan_version_adopted_ensure(masterplan=masterplan, actor=actor)
        # Programmes: new ones written without model instances, then every code's key read back (one query).
        _insert_rows(
            Programme,
            [
                {"region_id": region_id, "masterplan_id": masterplan.pk, "code": op.code, **op.values}
                for op in plan.programmes
                if op.pk is None
            ],
            now=now,
        )
        changed_ops = [op for op in plan.programmes if op.pk is not None]
        if changed_ops:
            objs = [Programme(pk=op.pk, updated_at=now, **op.values) for op in changed_ops]
            Programme.objects.bulk_update(objs, [*PROGRAMME_FIELDS, "updated_at"], batch_size=500)
        code_pk = dict(Programme.objects.filter(masterplan=masterplan).values_list("code", "pk"))
        created_codes = {op.code for op in plan.programmes if op.pk is None}
        through = Programme.supporting_agencies.through
        with_support = [op for op in plan.programmes if op.supporting is not None]
        if with_support:
            through.objects.filter(programme_id__in=[op.pk for op in with_support if op.pk]).delete()
            _insert_rows(
                through,
                [
                    {"programme_id": code_pk[op.code], "agency_id": agency_id}
                    for op in with_support
                    for agency_id in sorted(op.supporting)
                ],
                now=now,
            )
        progress(40)
        # Indicators. Those of programmes created just now are written without model instances and their keys
        # read back by (programme, order): the check gave each a distinct position in its programme. Those added
        # to existing programmes go through bulk_create (an existing indicator may share their order).
        fresh = [
            (index, op)
            for index, op in enumerate(plan.indicators)
            if op.pk is None and op.programme_code in created_codes
        ]
        _insert_rows(
            Indicator,
            [{"region_id": region_id, "programme_id": code_pk[op.programme_code], **op.values} for _i, op in fresh],
            now=now,
        )
        indicator_pk: dict[int, int] = {index: op.pk for index, op in enumerate(plan.indicators) if op.pk}
        if fresh:
            created_pks = sorted({code_pk[code] for code in created_codes})
            by_position = {}
            for start in range(0, len(created_pks), 1000):
                by_position.update(
                    {
                        (programme_id, order): pk
                        for programme_id, order, pk in Indicator.objects.filter(
                            programme_id__in=created_pks[start : start + 1000]
                        ).values_list("programme_id", "order", "pk")
                    }
                )
            for index, op in fresh:
                indicator_pk[index] = by_position[(code_pk[op.programme_code], op.values["order"])]
        added = [
            (index, Indicator(region_id=region_id, programme_id=code_pk[op.programme_code], **op.values))
            for index, op in enumerate(plan.indicators)
            if op.pk is None and op.programme_code not in created_codes
        ]
        Indicator.objects.bulk_create([obj for _i, obj in added], batch_size=1000)
        indicator_pk.update({index: obj.pk for index, obj in added})
        changed_indicators = [
            Indicator(pk=op.pk, updated_at=now, **{f: op.values[f] for f in INDICATOR_FIELDS})
            for op in plan.indicators
            if op.pk is not None and op.changes
        ]
        Indicator.objects.bulk_update(changed_indicators, [*INDICATOR_FIELDS, "updated_at"], batch_size=1000)
        progress(60)
        # Targets
        _insert_rows(
            Target,
            [
                {"region_id": region_id, "indicator_id": indicator_pk[index], "year": t.year, "value": t.new}
                for index, op in enumerate(plan.indicators)
                for t in op.targets
                if t.pk is None
            ],
            now=now,
        )
        Target.objects.bulk_update(
            [Target(pk=t.pk, value=t.new, updated_at=now) for op in plan.indicators for t in op.targets if t.pk],
            ["value", "updated_at"],
            batch_size=2000,
        )
        progress(80)
        # Forms opened before the import see that their programme changed (optimistic concurrency).
        touched = sorted(
            ({op.pk for op in changed_ops} | {code_pk[op.programme_code] for op in plan.indicators})
            - {code_pk[code] for code in created_codes}
        )
        for start in range(0, len(touched), 1000):
            Programme.objects.filter(pk__in=touched[start : start + 1000]).update(version=F("version") + 1)
        if plan.has_changes:
            Masterplan.objects.filter(pk=masterplan.pk).update(version=F("version") + 1)
        _audit(plan=plan, actor=actor, code_pk=code_pk, filename=filename)
        summary = {**plan.counts, "file": filename}
        record_event(actor=actor, action="masterplan.import", obj=masterplan, after=summary, note=reason or filename)
        if plan.has_changes and reason_required(masterplan):
            masterplan_revision_record(
                masterplan=masterplan,
                actor=actor,
                reason=reason,
                summary=_("Workbook import %(file)s: %(created)s programmes created, %(changed)s changed")
                % {
                    "file": filename,
                    "created": plan.counts["programmes_created"],
                    "changed": plan.counts["programmes_changed"],
                },
            )
    progress(95)
    return plan.counts


def _insert_rows(model, rows: list[dict], *, now) -> None:
    """INSERT rows without building model instances (no signals, no returned keys): a large import writes
    ~165,000 targets and thousands of audit rows, and instantiating them for bulk_create costs most of the
    import's time. Rows are keyed by attname; missing columns take the field's default; timestamps are `now`.
    PostgreSQL gets COPY (4× faster than multi-row INSERTs there); other engines multi-row INSERTs."""
    from django.db import connection
    from django.db.models import DateTimeField, DecimalField, JSONField

    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ops = connection.ops
    columns, getters = [], []
    for f in fields:
        key = f.attname
        if f.name in ("created_at", "updated_at"):
            constant = ops.adapt_datetimefield_value(now)
            getters.append(lambda row, c=constant: c)
        elif isinstance(f, DecimalField):
            getters.append(lambda row, k=key, f=f: ops.adapt_decimalfield_value(row[k], f.max_digits, f.decimal_places))
        elif isinstance(f, JSONField):
            getters.append(lambda row, k=key, f=f: f.get_db_prep_save(row.get(k), connection))
        else:
            default = None if isinstance(f, DateTimeField) else f.get_default()
            getters.append(lambda row, k=key, d=default: row.get(k, d))
        columns.append(f.column)
    qn = connection.ops.quote_name
    table, names = qn(model._meta.db_table), ", ".join(qn(c) for c in columns)
    values = [tuple(get(row) for get in getters) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
            return
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(values), 1000):
            chunk = values[start : start + 1000]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * len(chunk)),  # noqa: S608
                [v for row in chunk for v in row],
            )


def _audit(*, plan: ImportPlan, actor, code_pk: dict[str, int], filename: str) -> None:
    """One audit row per programme the import created or changed, with its indicators' and targets' changes:
    an auditor sees who changed which number. Written in bulk (thousands of rows in a large import)."""
    before: dict[str, dict] = {}
    after: dict[str, dict] = {}
    created = {op.code for op in plan.programmes if op.pk is None}
    for op in plan.programmes:
        if op.pk is None:
            after[op.code] = {k: _show(v) for k, v in op.values.items()}
        else:
            before[op.code] = {f: o for f, o, _n in op.changes}
            after[op.code] = {f: n for f, _o, n in op.changes}
    for op in plan.indicators:
        prefix = f"indicator {op.number}"
        b = before.setdefault(op.programme_code, {}) if op.programme_code not in created else {}
        a = after.setdefault(op.programme_code, {})
        if op.pk is None:
            a[f"{prefix} ({op.values['name']})"] = {
                "new": True,
                "unit": op.values["unit"],
                "targets": {str(t.year): _show(t.new) for t in op.targets},
            }
            continue
        for f, o, n in op.changes:
            b[f"{prefix}.{f}"], a[f"{prefix}.{f}"] = o, n
        for t in op.targets:
            b[f"{prefix}.target {t.year}"], a[f"{prefix}.target {t.year}"] = _show(t.old), _show(t.new)
    content_type = ContentType.objects.get_for_model(Programme)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    note = _("Imported from %(file)s") % {"file": filename} if filename else ""
    _insert_rows(
        AuditEvent,
        [
            {
                "region_id": plan.masterplan.region_id,
                "actor_id": actor.pk if authenticated else None,
                "actor_name": (actor.get_username() if authenticated else "system")[:150],
                "action": "programme.import_create" if code in created else "programme.import_update",
                "content_type_id": content_type.pk,
                "object_id": str(code_pk[code]),
                "object_repr": code[:200],
                "before": before.get(code) or None,
                "after": after[code],
                "note": note,
            }
            for code in after
        ],
        now=timezone.now(),
    )


def report_text(report: dict) -> str:
    """The preview or import report as plain text (the management command prints it; the page shows the same
    data as tables)."""
    lines = []
    if report.get("fatal"):
        lines.append(report["fatal"])
    counts = report.get("counts") or {}
    if counts:
        for kind, label in (
            ("programmes", _("Programmes")),
            ("indicators", _("Indicators")),
            ("targets", _("Yearly targets")),
        ):
            lines.append(
                _("%(label)s: %(created)s created, %(changed)s changed, %(unchanged)s unchanged")
                % {
                    "label": label,
                    "created": counts.get(f"{kind}_created", 0),
                    "changed": counts.get(f"{kind}_changed", 0),
                    "unchanged": counts.get(f"{kind}_unchanged", 0),
                }
            )
    if report.get("error_count"):
        lines.append(
            _("Rejected: %(n)s cells. Nothing is saved while a row is rejected.") % {"n": report["error_count"]}
        )
        for e in report.get("errors", []):
            where = f"{e['sheet']}!{e['column']}{e['row'] or ''}" if e["column"] else f"{e['sheet']} {e['row'] or ''}"
            value = f" [{e['value']}]" if e.get("value") else ""
            lines.append(f"  {where.strip()}: {e['message']}{value}")
    for item in report.get("changed", []):
        for change in item["changes"]:
            where = f"{item['sheet']} {item['row']} {item['key']}"
            lines.append(f"  ~ {where} {change['field']}: {change['old']!r} → {change['new']!r}")
    for item in report.get("created", []):
        lines.append(f"  + {item['sheet']} {item['row']} {item['key']} {item['label']}")
    return "\n".join(lines)
