"""A verification's roll-up write: only the rows its programme feeds, with the values the full recompute gives
them (issue 18, target 4; docs/monitoring.md, "Figures").

Every read and the write are plain statements, written once: the ORM built the same queries at several times the
cost of running them (docs/bench.md, "Roll-up update, fourth pass")."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.db import connection, transaction

from kotacerdas.common import sql
from kotacerdas.masterplan.models import Dimension, Masterplan, Programme

from ..achievement import weighted_mean
from ..models import Achievement, PeriodPlan, ProgressReport, ReportingPeriod
from ._common import Status
from .plan import plan_stamp
from .rollup import achievement_row, achievements_recompute, retire_pages

__all__ = ["achievements_update"]

L = Achievement.Level


def _decimal(value) -> Decimal | None:
    """A numeric column as the ORM would give it (SQLite returns floats: their shortest text is the value)."""
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


@cache
def _live_members_sql() -> str:
    """The SQL of `_fed_live`, written once."""
    names = {
        "programme": Programme._meta.db_table,
        "masterplan": Masterplan._meta.db_table,
        "dimension": Dimension._meta.db_table,
        "report": ProgressReport._meta.db_table,
    }
    # The plan is `expected_programmes(region=…, year=…)`: the adopted masterplan's programmes running that year.
    return """
        WITH plan AS (
            SELECT p.id, p.masterplan_id, p.weight, p.element_id, p.dimension_id, p.owner_agency_id, p.version
            FROM {programme} p
            WHERE p.region_id = %(region)s AND p.start_year <= %(year)s AND p.end_year >= %(year)s
              AND p.masterplan_id = (
                  SELECT m.id FROM {masterplan} m WHERE m.region_id = %(region)s AND m.status = %(adopted)s
                  ORDER BY m.period_start_year DESC LIMIT 1)
        )
        SELECT plan.id, plan.masterplan_id, plan.weight, plan.element_id, plan.dimension_id, plan.owner_agency_id,
               r.id, r.achievement, totals.n, totals.ids, totals.versions, d.weight
        FROM {programme} fed
        JOIN {dimension} d ON d.id = fed.dimension_id
        CROSS JOIN (SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(version) AS versions FROM plan) totals
        JOIN plan ON plan.id = fed.id OR plan.element_id = fed.element_id OR plan.dimension_id = fed.dimension_id
            OR plan.owner_agency_id = fed.owner_agency_id
        LEFT JOIN {report} r ON r.programme_id = plan.id AND r.period_id = %(period)s AND r.status = %(verified)s
        WHERE fed.id = %(programme)s
    """.format(**names)  # noqa: S608 (table names from the models; values are parameters)


@dataclass
class _Fed:
    """What the rows a programme feeds are computed from (`achievements_update`)."""

    masterplan_id: int | None
    plan_size: int
    stamp: str  # the live plan's (`plan.plan_stamp`); a frozen plan's is empty
    programme: dict  # its element_id, dimension_id and owner_agency_id
    members: dict[str, list[tuple[int, Decimal]]]  # {"element_id": [(programme id, weight)], "dimension_id": …}
    verified: dict[int, Decimal | None]  # {programme id: achievement} of the members' verified reports
    dimension_weights: dict[int, Decimal] = field(default_factory=dict)  # live plan: read with the stored rows


GROUP_FIELDS = ("element_id", "dimension_id", "owner_agency_id")


class _Member(NamedTuple):
    """A row of `_live_members_sql`: a programme of the live plan and its verified report in the period (if any)."""

    pk: int
    masterplan_id: int
    weight: Decimal
    element_id: int | None
    dimension_id: int
    owner_agency_id: int | None
    verified_pk: int | None
    achievement: Decimal | None
    plan_size: int  # the same in every row, as the next three
    plan_ids: int
    plan_versions: int
    dimension_weight: Decimal  # of the verified programme's dimension


def _fed_live(*, region, period: ReportingPeriod, programme_id: int) -> _Fed | None:
    """From the live plan: its programmes that share the programme's element, dimension or agency (itself
    included) with their verified achievements in the period, the programme's dimension's weight and the size
    of the whole plan. None when the programme is not in the live plan. One query."""
    params = {
        "region": region.pk,
        "year": period.year,
        "adopted": Masterplan.Status.ADOPTED,
        "period": period.pk,
        "programme": programme_id,
        "verified": Status.VERIFIED,
    }
    with connection.cursor() as cursor:
        cursor.execute(_live_members_sql(), params)
        rows = [_Member._make(row) for row in cursor.fetchall()]
    fed = next((r for r in rows if r.pk == programme_id), None)
    if fed is None:
        return None
    groups = {name: getattr(fed, name) for name in GROUP_FIELDS}
    members = {
        name: [(r.pk, _decimal(r.weight)) for r in rows if getattr(r, name) == key]
        for name, key in groups.items()
        if key is not None
    }
    return _Fed(
        masterplan_id=fed.masterplan_id,
        plan_size=fed.plan_size,
        stamp=plan_stamp(fed.plan_size, fed.plan_ids, fed.plan_versions),
        programme=groups,
        members=members,
        verified={r.pk: _decimal(r.achievement) for r in rows if r.verified_pk is not None},
        dimension_weights={fed.dimension_id: _decimal(fed.dimension_weight)},
    )


def _frozen_plan(period: ReportingPeriod) -> dict | None:
    """The period's frozen plan as stored ({"masterplan_id", "programmes", "dimension_weights"}, the JSON decoded
    but nothing thawed), or None. One query."""
    columns = ("masterplan", "programmes", "dimension_weights")
    with connection.cursor() as cursor:
        cursor.execute(sql.select_where(PeriodPlan, "period", columns), [period.pk])
        found = cursor.fetchone()
    if found is None:
        return None
    json_field = PeriodPlan._meta.get_field("programmes")
    masterplan_id, programmes, weights = found
    return {
        "masterplan_id": masterplan_id,
        "programmes": json_field.from_db_value(programmes, None, connection),
        "dimension_weights": json_field.from_db_value(weights, None, connection),
    }


# A closed period frozen without the programme: its figures do not depend on the programme's reports.
NOT_IN_FROZEN_PLAN = object()


def _verified_of(period: ReportingPeriod, programme_ids: set[int]) -> dict[int, Decimal | None]:
    """{programme id: achievement} of these programmes' verified reports in the period. One query."""
    report = ProgressReport._meta.db_table
    marks = ", ".join(["%s"] * len(programme_ids))
    statement = (
        f"SELECT programme_id, achievement FROM {report} "  # noqa: S608 (the table from the model; values are parameters)
        f"WHERE period_id = %s AND status = %s AND programme_id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [period.pk, Status.VERIFIED, *programme_ids])
        return {pk: _decimal(achievement) for pk, achievement in cursor.fetchall()}


def _fed_frozen(frozen: dict, period: ReportingPeriod, programme_id: int) -> _Fed | object:
    """From the closed period's frozen plan: only the members' weights are turned back into numbers."""
    programmes = frozen["programmes"]
    fed = programmes.get(str(programme_id))
    if fed is None:
        return NOT_IN_FROZEN_PLAN
    members = {
        f: [(int(pk), Decimal(p["weight"])) for pk, p in programmes.items() if p[f] == fed[f]]
        for f in GROUP_FIELDS
        if fed[f] is not None
    }
    verified = _verified_of(period, {programme_id, *(pk for m in members.values() for pk, _ in m)})
    weights = {int(k): Decimal(v) for k, v in frozen["dimension_weights"].items()}
    return _Fed(frozen["masterplan_id"], len(programmes), "", fed, members, verified, weights)


class _Stored(NamedTuple):
    """A stored roll-up row, as much of it as the update needs; `weight`: a dimension row's live weight."""

    pk: int
    value: Decimal | None
    value_exact: Decimal | None
    reported: int
    expected: int
    stamp: str
    weight: Decimal | None


@cache
def _stored_sql() -> str:
    names = {
        "achievement": Achievement._meta.db_table,
        "dimension": Dimension._meta.db_table,
        "frozen": PeriodPlan._meta.db_table,
    }
    return """
        SELECT a.level, a.object_id, a.id, a.value, a.value_exact, a.reported, a.expected, a.plan_stamp, d.weight,
               EXISTS (SELECT 1 FROM {frozen} f WHERE f.period_id = %(period)s)
        FROM {achievement} a
        LEFT JOIN {dimension} d ON a.level = %(dimension)s AND d.id = a.object_id
        WHERE a.period_id = %(period)s
          AND (a.level IN (%(masterplan)s, %(dimension)s) OR (a.level = %(programme)s AND a.object_id = %(id)s))
    """.format(**names)  # noqa: S608 (table names from the models; values are parameters)


def _stored(period: ReportingPeriod, programme_id: int) -> tuple[dict[tuple[str, int], _Stored], bool]:
    """({(level, object id): row} of the period's masterplan and dimension rows and the programme's own, each
    dimension row with its dimension's live weight; whether the period is measured against a frozen plan, which
    only a closed period is, and only known when it has rows). One query."""
    params = {
        "period": period.pk,
        "masterplan": L.MASTERPLAN,
        "dimension": L.DIMENSION,
        "programme": L.PROGRAMME,
        "id": programme_id,
    }
    with connection.cursor() as cursor:
        cursor.execute(_stored_sql(), params)
        found = cursor.fetchall()
    rows = {
        (level, object_id): _Stored(pk, _decimal(value), _decimal(exact), reported, expected, stamp, _decimal(weight))
        for level, object_id, pk, value, exact, reported, expected, stamp, weight, _frozen in found
    }
    frozen = bool(found) and bool(found[0][-1]) and period.status == ReportingPeriod.Status.CLOSED
    return rows, frozen


@transaction.atomic(savepoint=False)  # inside a verification's transaction: no savepoint's two round trips
def achievements_update(*, region, period: ReportingPeriod, programme_id: int) -> int:
    """After one programme's report of the period was verified (or un-verified): write only the roll-up rows
    that programme feeds — its own, its element's, dimension's and agency's, and the masterplan's — with the
    values `achievements_recompute` would give them. Returns the number of rows written.

    It reads only what those rows need: the stored masterplan and dimension rows (the other dimensions' means at
    full precision, `value_exact`, for the masterplan's mean) and whether the period has a frozen plan; for the
    live plan, the programmes of its element, dimension and agency with their verified values (`_fed_live`); for
    a closed period's frozen plan, the plan and those programmes' verified values. It writes the rows in one
    statement. Falls back to the full recompute when the period has no roll-up yet, its programmes changed since
    the last one (the masterplan row's `expected` or, for the live plan, its `plan_stamp` differs: a programme
    added, removed or edited, say moved to another dimension), the programme is not in the period's live plan, or a
    dimension row predates `value_exact`, so rows of other programmes are never left stale. A closed period frozen
    without the programme (it was added or extended later) writes nothing: its figures were never fed by it.
    """
    stored, has_frozen_plan = _stored(period, programme_id)
    if not any(level == L.MASTERPLAN for level, _ in stored):
        return achievements_recompute(region=region, period=period)  # no roll-up yet
    frozen = _frozen_plan(period) if has_frozen_plan else None
    if frozen is not None:
        fed = _fed_frozen(frozen, period, programme_id)
        if fed is NOT_IN_FROZEN_PLAN:
            return 0  # nothing it feeds: the closed period's roll-up stands as frozen
    else:
        fed = _fed_live(region=region, period=period, programme_id=programme_id)
    current = stored.get((L.MASTERPLAN, fed.masterplan_id)) if fed is not None else None
    stale = any(a.value is not None and a.value_exact is None for a in stored.values())
    if current is None or (current.expected, current.stamp) != (fed.plan_size, fed.stamp) or stale:
        return achievements_recompute(region=region, period=period)
    weights = fed.dimension_weights
    if frozen is None:
        weights = {k[1]: a.weight for k, a in stored.items() if k[0] == L.DIMENSION and a.weight is not None}
        weights.update(fed.dimension_weights)
    return _write_fed(region, period, programme_id, fed, stored, current, weights)


def _write_fed(region, period, programme_id: int, fed: _Fed, stored: dict, current: _Stored, weights: dict) -> int:
    verified, rows = fed.verified, []

    def add(level, object_id, value, reported, expected, stamp=""):
        rows.append(achievement_row(region, period, level, object_id, value, reported, expected, stamp))

    if programme_id in verified:
        add(L.PROGRAMME, programme_id, verified[programme_id], 1, 1)
    dimension_values = {k[1]: a.value_exact for k, a in stored.items() if k[0] == L.DIMENSION}
    levels = {"element_id": L.ELEMENT, "dimension_id": L.DIMENSION, "owner_agency_id": L.AGENCY}
    for field_name, pairs in fed.members.items():
        key = fed.programme[field_name]
        value = weighted_mean(((verified.get(pk), w) for pk, w in pairs), exact=True)
        add(levels[field_name], key, value, sum(1 for pk, _ in pairs if pk in verified), len(pairs))
        if field_name == "dimension_id":
            dimension_values[key] = value
    was_verified = (L.PROGRAMME, programme_id) in stored
    add(
        L.MASTERPLAN,
        fed.masterplan_id,
        weighted_mean(((v, weights.get(k, Decimal(1))) for k, v in dimension_values.items()), exact=True),
        current.reported - was_verified + (programme_id in verified),
        fed.plan_size,
        fed.stamp,
    )
    if was_verified and programme_id not in verified:
        Achievement.objects.filter(pk=stored[(L.PROGRAMME, programme_id)].pk).delete()
    sql.upsert(
        rows,
        unique_fields=("period", "level", "object_id"),
        update_fields=("value", "value_exact", "reported", "expected", "plan_stamp", "updated_at"),
    )
    retire_pages(region)
    return len(rows)
