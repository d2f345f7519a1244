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

__all__ = ["achievements_recompute", "expected_programmes"]


@transaction.atomic
def achievements_recompute(*, region, period: ReportingPeriod) -> int:
    """Rewrite the period's roll-up rows from its verified reports. Returns the number of rows written.

    A closed period is measured against its frozen plan (`plan_of_period`). Cost grows with the programmes
    of one region in one period (hundreds), never with history.
    """
    plan = plan_of_period(period=period)
    programmes = [{"pk": pk, **p} for pk, p in plan.programmes.items()]
    verified = dict(
        ProgressReport.objects.filter(
            period=period, status=Status.VERIFIED, programme__in=list(plan.programmes)
        ).values_list("programme_id", "achievement")
    )
    rows = []

    def add(level, object_id, value, reported, expected):
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
            len(verified),
            len(programmes),
        )
    Achievement.objects.filter(region=region, period=period).delete()
    Achievement.objects.bulk_create(rows)
    from kotacerdas.common.cache import invalidate_public_pages

    invalidate_public_pages(region.slug)
    return len(rows)
