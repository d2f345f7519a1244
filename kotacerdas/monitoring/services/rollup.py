"""The achievement roll-up of a period, from its verified reports."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from ..achievement import shown, weighted_mean
from ..models import (
    Achievement,
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


@transaction.atomic
def achievements_update(*, region, period: ReportingPeriod, programme_id: int) -> int:
    """After one programme's report of the period was verified (or un-verified): write only the roll-up rows
    that programme feeds — its own, its element's, dimension's and agency's, and the masterplan's — with the
    values `achievements_recompute` would give them. Returns the number of rows written.

    It reads only what those rows need: the verified values of the programmes of its element, dimension and
    agency, and the other dimensions' means at full precision (`value_exact`) for the masterplan's mean. Falls
    back to the full recompute when the period has no roll-up yet, its programmes changed since the last one
    (the masterplan row's `expected` differs), or a dimension row predates `value_exact`, so rows of other
    programmes are never left stale.
    """
    L = Achievement.Level
    plan = plan_of_period(period=period)
    fed = plan.programmes.get(programme_id)
    stored_rows = {
        (a.level, a.object_id): a
        for a in Achievement.objects.filter(
            Q(level__in=[L.MASTERPLAN, L.DIMENSION]) | Q(level=L.PROGRAMME, object_id=programme_id), period=period
        )
    }
    current = stored_rows.get((L.MASTERPLAN, plan.masterplan_id))
    stale = any(a.value is not None and a.value_exact is None for a in stored_rows.values())
    if current is None or current.expected != len(plan.programmes) or fed is None or stale:
        return achievements_recompute(region=region, period=period)
    groups = {
        (L.ELEMENT, fed["element_id"]): "element_id",
        (L.DIMENSION, fed["dimension_id"]): "dimension_id",
        (L.AGENCY, fed["owner_agency_id"]): "owner_agency_id",
    }
    groups = {key: field for key, field in groups.items() if key[1] is not None}
    members = {
        key: [(pk, p["weight"]) for pk, p in plan.programmes.items() if p[field] == key[1]]
        for key, field in groups.items()
    }
    verified = dict(
        ProgressReport.objects.filter(
            period=period, status=Status.VERIFIED, programme__in={pk for m in members.values() for pk, _ in m}
        ).values_list("programme_id", "achievement")
    )
    rows = []

    def add(level, object_id, value, reported, expected):
        rows.append(_achievement(region, period, level, object_id, value, reported, expected))

    if programme_id in verified:
        add(L.PROGRAMME, programme_id, verified[programme_id], 1, 1)
    dimension_values = {k[1]: a.value_exact for k, a in stored_rows.items() if k[0] == L.DIMENSION}
    for (level, key), pairs in members.items():
        value = weighted_mean(((verified.get(pk), w) for pk, w in pairs), exact=True)
        add(level, key, value, sum(1 for pk, _ in pairs if pk in verified), len(pairs))
        if level == L.DIMENSION:
            dimension_values[key] = value
    was_verified = (L.PROGRAMME, programme_id) in stored_rows
    add(
        L.MASTERPLAN,
        plan.masterplan_id,
        weighted_mean(
            ((v, plan.dimension_weights.get(k, Decimal(1))) for k, v in dimension_values.items()), exact=True
        ),
        current.reported - was_verified + (programme_id in verified),
        len(plan.programmes),
    )
    if was_verified and programme_id not in verified:
        stored_rows[(L.PROGRAMME, programme_id)].delete()
    Achievement.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["period", "level", "object_id"],
        update_fields=["value", "value_exact", "reported", "expected", "updated_at"],
    )
    _retire_pages(region)
    return len(rows)
