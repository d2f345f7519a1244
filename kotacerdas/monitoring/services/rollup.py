"""The achievement roll-up of a period, from its verified reports."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery

from kotacerdas.masterplan.models import Dimension, Masterplan, Programme

from ..achievement import shown, weighted_mean
from ..models import (
    Achievement,
    PeriodPlan,
    ProgressReport,
    ReportingPeriod,
)
from ._common import Status
from .plan import expected_programmes, plan_of_period

__all__ = ["achievements_recompute", "achievements_update", "expected_programmes"]


def _achievement(region, period, level, object_id, value, reported, expected) -> Achievement:
    """One roll-up row (unsaved): the value shown and at full precision."""
    return Achievement(
        region=region,
        period=period,
        level=level,
        object_id=object_id,
        value=shown(value),
        value_exact=value,
        reported=reported,
        expected=expected,
    )


def _rows(*, region, period: ReportingPeriod, plan, programmes: list[dict], verified: dict, only=None) -> list:
    """Every roll-up row of the period (unsaved), from the plan of the period (its frozen plan once closed) and
    the verified values; with `only` ({(level, object id)}), just those rows (the means are still taken over
    every programme)."""
    rows = []

    def add(level, object_id, value, reported, expected):
        if only is None or (level, object_id) in only:
            rows.append(_achievement(region, period, level, object_id, value, reported, expected))

    groups: dict[tuple[str, int], list] = {}
    for p in programmes:
        value = verified.get(p["pk"])
        if p["pk"] in verified:
            add(Achievement.Level.PROGRAMME, p["pk"], value, 1, 1)
        for level, key in (
            (Achievement.Level.ELEMENT, p["element_id"]),
            (Achievement.Level.DIMENSION, p["dimension_id"]),
            (Achievement.Level.AGENCY, p["owner_agency_id"]),
        ):
            if key is not None:
                groups.setdefault((level, key), []).append((value, p["weight"], p["pk"] in verified))
    dimension_values = {}
    for (level, key), members in groups.items():
        value = weighted_mean(((v, w) for v, w, _ in members), exact=True)
        add(level, key, value, sum(1 for *_, r in members if r), len(members))
        if level == Achievement.Level.DIMENSION:
            dimension_values[key] = value
    if plan.masterplan_id is not None:
        add(
            Achievement.Level.MASTERPLAN,
            plan.masterplan_id,
            weighted_mean(
                ((v, plan.dimension_weights.get(k, Decimal(1))) for k, v in dimension_values.items()), exact=True
            ),
            len(verified.keys() & {p["pk"] for p in programmes}),
            len(programmes),
        )
    return rows


def _inputs(*, period: ReportingPeriod):
    """(the plan of the period, its expected programmes as dicts, {programme id: verified achievement})."""
    plan = plan_of_period(period=period)
    programmes = [{"pk": pk, **p} for pk, p in plan.programmes.items()]
    verified = dict(
        ProgressReport.objects.filter(
            period=period, status=Status.VERIFIED, programme__in=list(plan.programmes)
        ).values_list("programme_id", "achievement")
    )
    return plan, programmes, verified


def _retire_pages(region) -> None:
    from kotacerdas.common.cache import invalidate_public_pages

    invalidate_public_pages(region.slug, source="monitoring.Achievement")


@transaction.atomic
def achievements_recompute(*, region, period: ReportingPeriod) -> int:
    """Rewrite the period's roll-up rows from its verified reports. Returns the number of rows written.

    A closed period is measured against its frozen plan (`plan_of_period`). Cost grows with the programmes
    of one region in one period (hundreds), never with history.
    """
    plan, programmes, verified = _inputs(period=period)
    rows = _rows(region=region, period=period, plan=plan, programmes=programmes, verified=verified)
    Achievement.objects.filter(region=region, period=period).delete()
    Achievement.objects.bulk_create(rows)
    _retire_pages(region)
    return len(rows)


@cache
def _live_members_sql() -> str:
    """The SQL of `_live_members`, written once. Raw SQL because building the same query with the ORM (the plan,
    the programme's three groups, the verified reports, the plan's size) cost more CPU than running it."""
    names = {
        "programme": Programme._meta.db_table,
        "masterplan": Masterplan._meta.db_table,
        "dimension": Dimension._meta.db_table,
        "report": ProgressReport._meta.db_table,
        "frozen": PeriodPlan._meta.db_table,
    }
    # The plan is `expected_programmes(region=…, year=…)`: the adopted masterplan's programmes running that year.
    return """
        WITH plan AS (
            SELECT p.id, p.masterplan_id, p.weight, p.element_id, p.dimension_id, p.owner_agency_id
            FROM {programme} p
            WHERE p.region_id = %(region)s AND p.start_year <= %(year)s AND p.end_year >= %(year)s
              AND p.masterplan_id = (
                  SELECT m.id FROM {masterplan} m WHERE m.region_id = %(region)s AND m.status = %(adopted)s
                  ORDER BY m.period_start_year DESC LIMIT 1)
        )
        SELECT plan.id, plan.masterplan_id, plan.weight, plan.element_id, plan.dimension_id, plan.owner_agency_id,
               d.weight, r.id, r.achievement, (SELECT COUNT(*) FROM plan),
               CASE WHEN %(closed)s AND EXISTS (SELECT 1 FROM {frozen} f WHERE f.period_id = %(period)s)
                    THEN 1 ELSE 0 END
        FROM {programme} fed
        JOIN plan ON plan.id = fed.id OR plan.element_id = fed.element_id OR plan.dimension_id = fed.dimension_id
            OR plan.owner_agency_id = fed.owner_agency_id
        JOIN {dimension} d ON d.id = plan.dimension_id
        LEFT JOIN {report} r ON r.programme_id = plan.id AND r.period_id = %(period)s AND r.status = %(verified)s
        WHERE fed.id = %(programme)s
    """.format(**names)  # noqa: S608 (table names from the models; values are parameters)


def _decimal(value) -> Decimal | None:
    """A numeric column as the ORM would give it (SQLite returns floats: their shortest text is the value)."""
    return value if value is None or isinstance(value, Decimal) else Decimal(str(value))


FIELDS = ("pk", "masterplan_id", "weight", "element_id", "dimension_id", "owner_agency_id", "dimension_weight")


def _live_members(*, region, period: ReportingPeriod, programme_id: int) -> list[dict]:
    """The live plan's programmes that share the programme's element, dimension or agency (itself included),
    each with its verified achievement in the period (`verified_pk`, `achievement`), its dimension's weight and
    the size of the whole plan; for a closed period also whether it has a frozen plan (then these rows are not
    its plan). Nothing when the programme is not in the live plan. One query."""
    params = {
        "region": region.pk,
        "year": period.year,
        "adopted": Masterplan.Status.ADOPTED,
        "closed": period.status == ReportingPeriod.Status.CLOSED,
        "period": period.pk,
        "programme": programme_id,
        "verified": Status.VERIFIED,
    }
    with connection.cursor() as cursor:
        cursor.execute(_live_members_sql(), params)
        found = cursor.fetchall()
    rows = []
    for *fields, verified_pk, achievement, plan_size, frozen in found:
        row = dict(zip(FIELDS, fields, strict=True))
        row.update(weight=_decimal(row["weight"]), dimension_weight=_decimal(row["dimension_weight"]))
        rows.append(
            {
                **row,
                "verified_pk": verified_pk,
                "achievement": _decimal(achievement),
                "plan_size": plan_size,
                "frozen": bool(frozen),
            }
        )
    return rows


@dataclass
class _Fed:
    """What the rows a programme feeds are computed from (`achievements_update`)."""

    masterplan_id: int | None
    plan_size: int
    programme: dict  # its element_id, dimension_id and owner_agency_id
    members: dict[str, list[tuple[int, Decimal]]]  # {"element_id": [(programme id, weight)], "dimension_id": …}
    verified: dict[int, Decimal | None]  # {programme id: achievement} of the members' verified reports
    dimension_weights: dict[int, Decimal] = field(default_factory=dict)  # live plan: read with the stored rows


GROUP_FIELDS = ("element_id", "dimension_id", "owner_agency_id")


def _fed_live(rows: list[dict], programme_id: int) -> _Fed | None:
    fed = next((r for r in rows if r["pk"] == programme_id), None)
    if not rows or fed is None or rows[0]["frozen"]:
        return None
    members = {f: [(r["pk"], r["weight"]) for r in rows if r[f] == fed[f]] for f in GROUP_FIELDS if fed[f] is not None}
    return _Fed(
        masterplan_id=fed["masterplan_id"],
        plan_size=fed["plan_size"],
        programme=fed,
        members=members,
        verified={r["pk"]: r["achievement"] for r in rows if r["verified_pk"] is not None},
        dimension_weights={fed["dimension_id"]: fed["dimension_weight"]},
    )


# A closed period frozen without the programme: its figures do not depend on the programme's reports.
NOT_IN_FROZEN_PLAN = object()


def _fed_frozen(period: ReportingPeriod, programme_id: int) -> _Fed | object | None:
    """From the closed period's frozen plan: only the members' weights are turned back into numbers."""
    frozen = PeriodPlan.objects.filter(period=period).values("masterplan_id", "programmes", "dimension_weights").first()
    if frozen is None:
        return None
    programmes = frozen["programmes"]
    fed = programmes.get(str(programme_id))
    if fed is None:
        return NOT_IN_FROZEN_PLAN
    members = {
        f: [(int(pk), Decimal(p["weight"])) for pk, p in programmes.items() if p[f] == fed[f]]
        for f in GROUP_FIELDS
        if fed[f] is not None
    }
    verified = dict(
        ProgressReport.objects.filter(
            period=period, status=Status.VERIFIED, programme__in={pk for m in members.values() for pk, _ in m}
        ).values_list("programme_id", "achievement")
    )
    weights = {int(k): Decimal(v) for k, v in frozen["dimension_weights"].items()}
    return _Fed(frozen["masterplan_id"], len(programmes), fed, members, verified, weights)


def _stored(period: ReportingPeriod, programme_id: int, *, with_weights: bool) -> dict:
    """{(level, object id): Achievement} of the period's masterplan and dimension rows and the programme's own;
    with `with_weights`, each dimension row carries its dimension's live weight (`weight`). One query."""
    L = Achievement.Level
    rows = Achievement.objects.filter(
        Q(level__in=[L.MASTERPLAN, L.DIMENSION]) | Q(level=L.PROGRAMME, object_id=programme_id), period=period
    ).only("pk", "level", "object_id", "value", "value_exact", "reported", "expected")
    if with_weights:
        weight = Dimension.objects.filter(pk=OuterRef("object_id")).order_by().values("weight")
        rows = rows.annotate(weight=Subquery(weight))
    return {(a.level, a.object_id): a for a in rows}


@transaction.atomic(savepoint=False)  # inside a verification's transaction: no savepoint's two round trips
def achievements_update(*, region, period: ReportingPeriod, programme_id: int) -> int:
    """After one programme's report of the period was verified (or un-verified): write only the roll-up rows
    that programme feeds — its own, its element's, dimension's and agency's, and the masterplan's — with the
    values `achievements_recompute` would give them. Returns the number of rows written.

    It reads only what those rows need, in two queries for an open period: the programmes of its element,
    dimension and agency with their verified values (`_live_members`), and the stored masterplan and dimension
    rows (the other dimensions' means at full precision, `value_exact`, for the masterplan's mean); it writes
    them in one statement. Falls back to the full recompute when the period has no roll-up yet, its programmes
    changed since the last one (the masterplan row's `expected` differs), the programme is not in the period's
    live plan, or a dimension row predates `value_exact`, so rows of other programmes are never left stale. A
    closed period frozen without the programme (it was added or extended later) writes nothing: its figures
    were never fed by it.
    """
    L = Achievement.Level
    rows = _live_members(region=region, period=period, programme_id=programme_id)
    frozen = bool(rows) and rows[0]["frozen"]
    fed = _fed_frozen(period, programme_id) if frozen else _fed_live(rows, programme_id)
    if fed is NOT_IN_FROZEN_PLAN:
        if Achievement.objects.filter(period=period, level=L.MASTERPLAN).exists():
            return 0  # nothing it feeds: the closed period's roll-up stands as frozen
        fed = None
    stored = _stored(period, programme_id, with_weights=not frozen) if fed is not None else {}
    current = stored.get((L.MASTERPLAN, fed.masterplan_id)) if fed is not None else None
    stale = any(a.value is not None and a.value_exact is None for a in stored.values())
    if current is None or current.expected != fed.plan_size or stale:
        return achievements_recompute(region=region, period=period)
    weights = fed.dimension_weights
    if not frozen:
        weights = {k[1]: a.weight for k, a in stored.items() if k[0] == L.DIMENSION and a.weight is not None}
        weights.update(fed.dimension_weights)
    return _write_fed(region, period, programme_id, fed, stored, current, weights)


def _write_fed(region, period, programme_id: int, fed: _Fed, stored: dict, current, weights: dict) -> int:
    L = Achievement.Level
    verified, rows = fed.verified, []

    def add(level, object_id, value, reported, expected):
        rows.append(_achievement(region, period, level, object_id, value, reported, expected))

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
    )
    if was_verified and programme_id not in verified:
        stored[(L.PROGRAMME, programme_id)].delete()
    Achievement.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["period", "level", "object_id"],
        update_fields=["value", "value_exact", "reported", "expected", "updated_at"],
    )
    _retire_pages(region)
    return len(rows)
