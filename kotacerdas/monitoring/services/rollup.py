"""The achievement roll-up of a period, from its verified reports (a verification writes only the rows its
programme feeds: `rollup_update`)."""

from decimal import Decimal

from django.db import transaction

from ..achievement import shown, weighted_mean
from ..models import Achievement, ProgressReport, ReportingPeriod
from ._common import Status
from .plan import expected_programmes, plan_of_period

__all__ = ["achievement_row", "achievements_recompute", "expected_programmes", "retire_pages"]


def achievement_row(region, period, level, object_id, value, reported, expected, stamp: str = "") -> Achievement:
    """One roll-up row (unsaved): the value shown and at full precision; a masterplan row with its plan's stamp."""
    return Achievement(
        plan_stamp=stamp,
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

    def add(level, object_id, value, reported, expected, stamp=""):
        if only is None or (level, object_id) in only:
            rows.append(achievement_row(region, period, level, object_id, value, reported, expected, stamp))

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
            plan.stamp,
        )
    return rows


def _inputs(*, period: ReportingPeriod):
    """(the plan of the period, its expected programmes as dicts, {programme id: verified achievement})."""
    plan = plan_of_period(period=period)
    programmes = [{"pk": pk, **p} for pk, p in plan.programmes.items()]
    verified = dict(
        ProgressReport.objects.filter(period=period, status=Status.VERIFIED, programme__in=list(plan.programmes))
        .order_by()  # the model's ordering would join the period and the programme for nothing
        .values_list("programme_id", "achievement")
    )
    return plan, programmes, verified


def retire_pages(region) -> None:
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
    retire_pages(region)
    return len(rows)
