"""The achievement roll-up of a period, from its verified reports."""

from decimal import Decimal

from django.db import transaction

from ..achievement import shown, weighted_mean
from ..models import (
    Achievement,
    ProgressReport,
    ReportingPeriod,
)
from ._common import Status
from .plan import expected_programmes, plan_of_period

__all__ = ["achievements_recompute", "achievements_update", "expected_programmes"]


def _rows(*, region, period: ReportingPeriod, plan, programmes: list[dict], verified: dict, only=None) -> list:
    """Every roll-up row of the period (unsaved), from the plan of the period (its frozen plan once closed) and
    the verified values; with `only` ({(level, object id)}), just those rows (the means are still taken over
    every programme)."""
    rows = []

    def add(level, object_id, value, reported, expected):
        if only is not None and (level, object_id) not in only:
            return
        rows.append(
            Achievement(
                region=region,
                period=period,
                level=level,
                object_id=object_id,
                value=shown(value),
                reported=reported,
                expected=expected,
            )
        )

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

    Falls back to the full recompute when the period has no roll-up yet or its programmes changed since the
    last one (the masterplan row's `expected` differs), so rows of other programmes are never left stale.
    """
    plan, programmes, verified = _inputs(period=period)
    current = Achievement.objects.filter(region=region, period=period, level=Achievement.Level.MASTERPLAN).first()
    fed = next((p for p in programmes if p["pk"] == programme_id), None)
    if current is None or current.expected != len(programmes) or fed is None:
        return achievements_recompute(region=region, period=period)
    wanted = {
        (Achievement.Level.PROGRAMME, programme_id),
        (Achievement.Level.ELEMENT, fed["element_id"]),
        (Achievement.Level.DIMENSION, fed["dimension_id"]),
        (Achievement.Level.AGENCY, fed["owner_agency_id"]),
        (Achievement.Level.MASTERPLAN, current.object_id),
    }
    rows = _rows(region=region, period=period, plan=plan, programmes=programmes, verified=verified, only=wanted)
    if programme_id not in verified:
        Achievement.objects.filter(
            region=region, period=period, level=Achievement.Level.PROGRAMME, object_id=programme_id
        ).delete()
    Achievement.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["period", "level", "object_id"],
        update_fields=["value", "reported", "expected", "updated_at"],
    )
    _retire_pages(region)
    return len(rows)
