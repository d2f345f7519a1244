"""Checking the Indicators sheet: each row's values and yearly targets, and which stored indicator it is
(programme code + indicator no., else programme code + name)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.common.jobs import counted
from kotacerdas.masterplan.models import Indicator, Target

from ..workbook import (
    DIRECTION_ALIASES,
    PERCENT_UNITS,
    BadCell,
    CellError,
    ReadWorkbook,
    SheetRows,
    cell_decimal,
    cell_measure,
    cell_text,
    cell_year,
    choice_list,
    normal_text,
)
from ._common import INDICATOR_FIELDS, Progress, Row, differs, marked_for_deletion, show_value
from .contradictions import ProgrammeYears
from .preview import DeleteOp, DroppedTarget, ImportPlan, IndicatorOp, TargetOp


def indicator_plan(
    *,
    plan: ImportPlan,
    read: ReadWorkbook,
    existing: dict[str, dict],
    codes_in_file: dict[str, int],
    years: ProgrammeYears,
    progress: Progress,
) -> list[IndicatorOp]:
    """The Indicators sheet's rows checked: an op for each indicator created, changed or with a created or
    changed target; rows marked "Hapus", the targets a moved programme leaves behind and the stored
    indicators missing from the sheet go to `plan`. `existing` holds the stored programmes by code,
    `codes_in_file` those of the Programmes sheet."""
    sheet = read.indicators
    if sheet is None:
        return []
    masterplan, errors, counts = plan.masterplan, plan.errors, plan.counts
    period = (masterplan.period_start_year, masterplan.period_end_year)
    programme_pks = {code: row["pk"] for code, row in existing.items()}
    deleted_codes = {d.programme_code for d in plan.deletions}
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
    bad_years = _years_outside(sheet, period, errors)
    matcher = _Matcher(stored, programme_pks)
    ops: list[IndicatorOp] = []
    pairs = zip(sheet.rows, sheet.target_rows or [{}] * len(sheet.rows), strict=False)
    for (number, raw), raw_targets in counted(pairs, len(sheet.rows), progress):
        row = Row(sheet.name, number, raw, sheet.letters, errors)
        row_errors = len(errors)
        code = _programme_code(row, codes_in_file, programme_pks)
        if code in deleted_codes:
            continue  # the programme goes, with its indicators
        deleting = marked_for_deletion(row)
        values = _indicator_values(row) if not deleting else {"name": cell_text(raw.get("name"))}
        position = _indicator_number(row)
        if len(errors) > row_errors or not code:
            continue
        found = matcher.match(row, code, values, position)
        if found is None:
            continue
        old, position = found
        if deleting:
            _delete(row, plan, code, position, old)
            continue
        if old and "unit_en" not in row.raw and "unit_en" not in row.letters:
            values["unit_en"] = old["unit_en"]  # a workbook from before the column keeps the English unit
        unit = values.get("unit") or (old or {}).get("unit", "")
        new_targets = _row_targets(row, raw_targets, bad_years, sheet.years, percent=_is_percent(unit))
        have = targets.get(old["pk"], {}) if old else {}
        years.check_targets(row, code, new_targets, have, sheet.years)
        if len(errors) > row_errors:
            continue
        op = _indicator_op(row, code, position, old, values, new_targets, targets=targets, counts=counts)
        if op is not None:
            ops.append(op)
    _left_behind(plan, stored, targets, matcher, years, programme_pks, deleted_codes)
    return ops


def _is_percent(unit) -> bool:
    return normal_text(unit) in PERCENT_UNITS


def _delete(row: Row, plan: ImportPlan, code: str, position: int, old: dict | None) -> None:
    if old is None:
        row.bad("delete", _("Nothing stored matches this row: there is nothing to delete."), row.raw.get("delete"))
        return
    plan.deletions.append(DeleteOp("indicator", code, position, row.number, old["pk"], old["name"]))


def _left_behind(plan, stored, targets, matcher, years: ProgrammeYears, programme_pks, deleted_codes) -> None:
    """The stored targets a moved programme leaves outside its years (dropped on confirm) and the stored
    indicators no row matched (kept)."""
    deleted = {d.pk for d in plan.deletions if d.kind == "indicator"}
    for code, programme_pk in sorted(programme_pks.items()):
        if code in deleted_codes:
            continue
        for position, indicator in enumerate(stored.get(programme_pk, []), start=1):
            if indicator["pk"] in deleted:
                continue
            for year, pk, value in years.dropped(code, targets.get(indicator["pk"], {})):
                plan.dropped.append(DroppedTarget(code, position, indicator["pk"], year, pk, value))
            if indicator["pk"] not in matcher.matched:
                plan.kept.append({"kind": "indicator", "key": f"{code} #{position}", "label": indicator["name"]})


def _years_outside(sheet: SheetRows, period: tuple[int, int], errors: list[CellError]) -> set[int]:
    """Target years outside the masterplan period that hold a value: each reported once, on the header."""
    bad_years = set()
    for year, letter in sheet.years.items():
        if not (period[0] <= year <= period[1]) and any(
            values.get(year) not in (None, "") for values in sheet.target_rows
        ):
            bad_years.add(year)
            errors.append(
                CellError(
                    sheet.name,
                    1,
                    letter,
                    _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                    % {"year": year, "start": period[0], "end": period[1]},
                    str(year),
                )
            )
    return bad_years


def _programme_code(row: Row, codes_in_file: dict[str, int], programme_pks: dict[str, int]) -> str:
    code = cell_text(row.raw.get("programme"))
    if not code:
        row.bad("programme", _("The programme code is required."))
    elif code not in codes_in_file and code not in programme_pks:
        row.bad("programme", _("Unknown programme code %(code)s.") % {"code": code}, code)
    return code


def _indicator_values(row: Row) -> dict:
    """The row's field values; a bad one is reported (and left out, or None)."""
    raw = row.raw
    values: dict = {}
    try:
        values["name"] = cell_text(raw.get("name"), max_length=250)
        if not values["name"]:
            row.bad("name", _("This column is required."))
    except BadCell as exc:
        row.bad("name", str(exc), raw.get("name"))
    for key, parse, default in (
        ("name_en", lambda v: cell_text(v, max_length=250), ""),
        ("unit", lambda v: cell_text(v, max_length=40), ""),
        ("unit_en", lambda v: cell_text(v, max_length=40), ""),
        ("baseline_value", lambda v: cell_measure(v, percent=_is_percent(values.get("unit"))), None),
        ("baseline_year", cell_year, None),
        ("weight", lambda v: cell_decimal(v, places=2, whole_digits=4), Decimal(1)),
    ):
        try:
            parsed = parse(raw.get(key))
        except BadCell as exc:
            row.bad(key, str(exc), raw.get(key))
            continue
        values[key] = default if parsed in (None, "") else parsed
    if "unit" in row.letters and not values.get("unit"):
        row.bad("unit", _("This column is required."))
    direction = normal_text(cell_text(raw.get("direction")))
    values["direction"] = DIRECTION_ALIASES.get(direction) if direction else Indicator.Direction.HIGHER
    if values["direction"] is None:
        row.bad(
            "direction",
            _("Choose one of: %(choices)s.") % {"choices": choice_list("direction")},
            raw.get("direction"),
        )
    if values.get("weight") is not None and values["weight"] < 0:
        row.bad("weight", _("The weight cannot be negative."), values["weight"])
    return values


def _indicator_number(row: Row) -> int | None:
    """The indicator no. written in the row (its position in the programme), if any."""
    if row.raw.get("number") in (None, ""):
        return None
    try:
        return cell_year_or_int(row.raw.get("number"))
    except BadCell as exc:
        row.bad("number", str(exc), row.raw.get("number"))
        return None


def _row_targets(
    row: Row, raw_targets: dict, bad_years: set[int], year_letters: dict[int, str], *, percent: bool
) -> dict:
    """The row's yearly targets that hold a number (empty cells leave a stored target as it is), read as the
    officer means them in a "%" indicator (`60%` is 60)."""
    new_targets: dict[int, Decimal] = {}
    for year, value in raw_targets.items():
        if year in bad_years or value in (None, ""):
            continue
        try:
            parsed = cell_measure(value, percent=percent)
        except BadCell as exc:
            row.bad(
                "", _("Target %(year)s: %(error)s") % {"year": year, "error": exc}, value, letter=year_letters[year]
            )
            continue
        if parsed is not None:
            new_targets[year] = parsed
    return new_targets


class _Matcher:
    """Which stored indicator each row is, and which number a new one gets; a number or an indicator claimed
    by two rows is reported on the second."""

    def __init__(self, stored: dict[int, list[dict]], programme_pks: dict[str, int]):
        self.stored, self.programme_pks = stored, programme_pks
        self.matched: dict[int, int] = {}  # existing indicator pk → row that matched it
        self.numbers_used: dict[tuple[str, int], int] = {}
        self.next_number: dict[str, int] = {}

    def match(self, row: Row, code: str, values: dict, position: int | None) -> tuple[dict | None, int] | None:
        """(stored indicator or None, its number in the programme); None for a duplicate (reported)."""
        programme_pk = self.programme_pks.get(code)
        candidates = self.stored.get(programme_pk, []) if programme_pk else []
        old = None
        if position is not None and position <= len(candidates):
            old = candidates[position - 1]
        elif position is None:
            wanted = normal_text(values["name"])
            old = next(
                (c for c in candidates if normal_text(c["name"]) == wanted and c["pk"] not in self.matched), None
            )
        if position is None:
            if old is not None:
                position = candidates.index(old) + 1
            else:
                self.next_number[code] = max(self.next_number.get(code, len(candidates)), len(candidates)) + 1
                position = self.next_number[code]
        elif old is None:
            self.next_number[code] = max(self.next_number.get(code, len(candidates)), position)
        if (code, position) in self.numbers_used or (old is not None and old["pk"] in self.matched):
            row.bad(
                "number",
                _("Duplicate indicator %(code)s #%(number)s (already on row %(row)s).")
                % {
                    "code": code,
                    "number": position,
                    "row": self.numbers_used.get((code, position)) or self.matched.get(old["pk"] if old else 0),
                },
                position,
            )
            return None
        self.numbers_used[(code, position)] = row.number
        if old is not None:
            self.matched[old["pk"]] = row.number
        return old, position


def _indicator_op(
    row: Row,
    code: str,
    position: int,
    old: dict | None,
    values: dict,
    new_targets: dict[int, Decimal],
    *,
    targets: dict[int, dict[int, tuple[int, Decimal]]],
    counts: dict[str, int],
) -> IndicatorOp | None:
    """A new indicator with its targets, or a stored one with what the row changes; None if unchanged."""
    if old is None:
        values["order"] = position
        counts["indicators_created"] += 1
        counts["targets_created"] += len(new_targets)
        return IndicatorOp(
            code,
            position,
            row.number,
            None,
            values,
            [],
            [TargetOp(y, None, None, v) for y, v in sorted(new_targets.items())],
        )
    values_changes = [
        (f, show_value(old[f]), show_value(values[f])) for f in INDICATOR_FIELDS if differs(old[f], values[f])
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
        return IndicatorOp(code, position, row.number, old["pk"], values, values_changes, target_ops)
    return None


def cell_year_or_int(value) -> int:
    """An indicator number: a whole number from 1."""
    try:
        number = cell_decimal(value, places=0, whole_digits=6)
    except BadCell:
        raise BadCell(_("A whole number from 1 is expected.")) from None
    if number is None or number < 1:
        raise BadCell(_("A whole number from 1 is expected."))
    return int(number)
