"""The achievement roll-up of a period, from its verified reports."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Subquery

from kotacerdas.masterplan.models import Dimension, Masterplan, Programme
from kotacerdas.masterplan.selectors import masterplan_public_for_region

from ..achievement import shown, weighted_mean
from ..models import (
    Achievement,
    ProgressReport,
    ReportingPeriod,
)
from ._common import Status


def expected_programmes(*, region, year: int, until_year: int | None = None):
    """Programmes of the adopted masterplan that run in the year (and so should report) — or, with
    `until_year`, in any year of that range (callers match programmes to periods themselves). One query."""
    public_masterplan = Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED).order_by(
        "-period_start_year"
    )
    return Programme.objects.filter(
        region=region,
        masterplan=Subquery(public_masterplan.values("pk")[:1]),
        start_year__lte=until_year or year,
        end_year__gte=year,
    )


@transaction.atomic
def achievements_recompute(*, region, period: ReportingPeriod) -> int:
    """Rewrite the period's roll-up rows from its verified reports. Returns the number of rows written.

    Cost grows with the programmes of one region in one period (hundreds), never with history.
    """
    programmes = list(
        expected_programmes(region=region, year=period.year).values(
            "pk", "weight", "element_id", "dimension_id", "owner_agency_id"
        )
    )
    verified = dict(
        ProgressReport.objects.filter(period=period, status=Status.VERIFIED).values_list("programme_id", "achievement")
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
    weights = dict(Dimension.objects.filter(region=region).values_list("pk", "weight"))
    masterplan = masterplan_public_for_region(region=region)
    if masterplan is not None:
        add(
            Achievement.Level.MASTERPLAN,
            masterplan.pk,
            weighted_mean(((v, weights.get(k, Decimal(1))) for k, v in dimension_values.items()), exact=True),
            len(verified.keys() & {p["pk"] for p in programmes}),
            len(programmes),
        )
    Achievement.objects.filter(region=region, period=period).delete()
    Achievement.objects.bulk_create(rows)
    from kotacerdas.common.cache import invalidate_public_pages

    invalidate_public_pages(region.slug)
    return len(rows)
