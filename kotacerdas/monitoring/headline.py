"""Which period the public and the council see: honest headline semantics (docs/monitoring.md, "Headline").

The latest CLOSED period, unless a more recent period already has a verified report for at least the region's
`headline_min_coverage` % of its expected programmes. Verifying one report in a new quarter therefore does not
move the headline; a quarter whose reports are (nearly) all verified may lead before it closes.
"""

from django.db.models import F, Q

from kotacerdas.regions.models import Region

from .models import Achievement, MonitoringSettings, ReportingPeriod

DEFAULT_MIN_COVERAGE = MonitoringSettings._meta.get_field("headline_min_coverage").default


def headline_min_coverage(region: Region) -> int:
    found = MonitoringSettings.objects.filter(region=region).values_list("headline_min_coverage", flat=True).first()
    return DEFAULT_MIN_COVERAGE if found is None else found


def headline_period(region: Region) -> ReportingPeriod | None:
    """The period public and council figures show by default (None before any period closed or qualified).

    Three queries whatever the history: the threshold, the latest closed period, and the latest more recent
    period whose masterplan roll-up reached the threshold.
    """
    threshold = headline_min_coverage(region)
    closed = (
        ReportingPeriod.objects.filter(region=region, status=ReportingPeriod.Status.CLOSED)
        .order_by("-year", "-number")
        .first()
    )
    recent = Achievement.objects.filter(
        region=region, level=Achievement.Level.MASTERPLAN, expected__gt=0, reported__gt=0
    ).exclude(period__status=ReportingPeriod.Status.CLOSED)
    if closed is not None:
        later = Q(period__year__gt=closed.year) | Q(period__year=closed.year, period__number__gt=closed.number)
        recent = recent.filter(later)
    candidate = (
        # reported / expected ≥ threshold / 100, in integers
        recent.alias(hundredfold=F("reported") * 100)
        .filter(hundredfold__gte=F("expected") * threshold)
        .select_related("period")
        .order_by("-period__year", "-period__number")
        .first()
    )
    return candidate.period if candidate is not None else closed
