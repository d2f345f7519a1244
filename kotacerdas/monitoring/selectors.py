"""Reads of monitoring, each shaped for its page so the query count stays flat as data grows."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kotacerdas.common.models import Notification
from kotacerdas.masterplan.models import Dimension, Indicator, Programme, Target
from kotacerdas.regions.models import Agency, Region
from kotacerdas.regions.rules import reporting_scope

from .headline import headline_period
from .models import Achievement, ProgressReport, ReportEvent, ReportingPeriod
from .services import expected_programmes

Status = ProgressReport.Status


@dataclass
class DueRow:
    programme: Programme
    period: ReportingPeriod
    report: ProgressReport | None
    is_late: bool

    @property
    def state(self) -> str:
        return self.report.status if self.report else "missing"


def open_periods(*, region: Region) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(region=region, status=ReportingPeriod.Status.OPEN))


def my_programmes(
    *, user, region: Region, today: datetime.date | None = None, periods: list[ReportingPeriod] | None = None
) -> dict[str, list[DueRow]]:
    """An officer's work: reports due in open periods, late ones, returned ones, and the rest.

    Region admins see every agency's programmes (they may report on an agency's behalf).
    """
    today = today or timezone.localdate()
    periods = open_periods(region=region) if periods is None else periods
    scope = reporting_scope(user, region)
    agency_filter = {} if scope is None else {"owner_agency_id__in": scope}
    groups: dict[str, list[DueRow]] = {"returned": [], "late": [], "due": [], "submitted": [], "verified": []}
    if not periods:
        return groups
    years = [p.year for p in periods]
    programmes = list(
        expected_programmes(region=region, year=min(years), until_year=max(years))
        .filter(**agency_filter)
        .select_related("owner_agency")
        .only(
            "pk",
            "code",
            "title",
            "title_en",
            "start_year",
            "end_year",
            "region_id",
            "owner_agency__acronym",
            "owner_agency__name",
        )
    )
    reports = {
        (r.programme_id, r.period_id): r
        for r in ProgressReport.objects.filter(period__in=periods, programme__in={p.pk for p in programmes}).only(
            "pk", "status", "programme_id", "period_id"
        )
    }
    seen = set()
    for period in periods:
        for programme in programmes:
            if not programme.start_year <= period.year <= programme.end_year or (programme.pk, period.pk) in seen:
                continue
            seen.add((programme.pk, period.pk))
            report = reports.get((programme.pk, period.pk))
            state = report.status if report else "missing"
            late = today > period.due_on and state in ("missing", Status.DRAFT, Status.RETURNED)
            row = DueRow(programme, period, report, late)
            if state == Status.RETURNED:
                groups["returned"].append(row)
            elif late:
                groups["late"].append(row)
            elif state in ("missing", Status.DRAFT):
                groups["due"].append(row)
            else:
                groups[state].append(row)
    return groups


def report_detail(*, region: Region, pk: int) -> ProgressReport:
    """A report with its programme, values against targets, evidence and steps. Raises DoesNotExist."""
    return (
        ProgressReport.objects.select_related(
            "programme__owner_agency",
            "programme__dimension",
            "period",
            "submitted_by",
            "verified_by",
            "acknowledged_by",
            "created_by",
        )
        .prefetch_related(
            "values",
            "evidence",
            Prefetch("events", queryset=ReportEvent.objects.select_related("actor")),
        )
        .get(region=region, pk=pk)
    )


def return_reason(report: ProgressReport) -> ReportEvent | None:
    """The step that sent a returned report back (its comment says what to fix); None unless returned.
    Reads the prefetched events of report_detail."""
    if report.status != ProgressReport.Status.RETURNED:
        return None
    returned = [e for e in report.events.all() if e.kind == ReportEvent.Kind.RETURNED]
    return returned[-1] if returned else None


def report_indicator_rows(report: ProgressReport) -> list[dict]:
    """Each indicator of the programme with this year's target and the report's value (if any)."""
    indicators = list(Indicator.objects.filter(programme_id=report.programme_id))
    targets = dict(
        Target.objects.filter(indicator__in=indicators, year=report.period.year).values_list("indicator_id", "value")
    )
    values = {v.indicator_id: v for v in report.values.all()}
    return [{"indicator": i, "target": targets.get(i.pk), "value": values.get(i.pk)} for i in indicators]


def reports_to_verify(*, region: Region) -> QuerySet[ProgressReport]:
    return (
        ProgressReport.objects.filter(region=region, status=Status.SUBMITTED)
        .select_related("programme__owner_agency", "period", "submitted_by")
        .order_by("submitted_at")
    )


def periods_for_region(*, region: Region) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(region=region)


def periods_to_pick(*, region: Region) -> QuerySet[ReportingPeriod]:
    """The periods a staff dashboard's picker offers: every opened or closed one, newest first."""
    return ReportingPeriod.objects.filter(region=region).exclude(status=ReportingPeriod.Status.PLANNED)


def picked_period(*, region: Region, raw: str) -> ReportingPeriod:
    """The period a dashboard's picker asked for (`?period=<id>`). Raises DoesNotExist for an id that is not a
    number, too large, of a planned period or of another region (the view answers 404)."""
    if not raw.isdigit() or len(raw) > 18:
        raise ReportingPeriod.DoesNotExist
    return periods_to_pick(region=region).get(pk=int(raw))


@dataclass
class Dashboard:
    period: ReportingPeriod | None
    masterplan: Achievement | None
    dimensions: list[tuple[Dimension, Achievement | None]]
    agencies: list[tuple[Agency, Achievement | None]]
    trend: list[tuple[ReportingPeriod, Achievement]]
    late: list[DueRow]


def latest_period_with_results(*, region: Region) -> ReportingPeriod | None:
    period_id = (
        Achievement.objects.filter(region=region, level=Achievement.Level.MASTERPLAN, value__isnull=False)
        .order_by("-period__year", "-period__number")
        .values_list("period_id", flat=True)
        .first()
    )
    return ReportingPeriod.objects.filter(pk=period_id).first() if period_id else None


def public_period(*, region: Region) -> ReportingPeriod | None:
    """The period whose figures the public progress pages show: the latest CLOSED period with verified results.

    An open period is left out so that verifying the first report of a new quarter does not swap the public
    figures for an almost empty quarter. Every public progress figure (programme and dimension pages, the
    home page's citizen-voice panel) asks this one function. One query, with or without a result. (The home
    page's headline card follows `monitoring.headline.headline_period`, which may also take a more recent
    period once its verified coverage reached the region's threshold: docs/monitoring.md.)
    """
    row = (
        Achievement.objects.filter(
            region=region,
            level=Achievement.Level.MASTERPLAN,
            value__isnull=False,
            period__status=ReportingPeriod.Status.CLOSED,
        )
        .select_related("period")
        .order_by("-period__year", "-period__number")
        .first()
    )
    return row.period if row else None


def dimension_achievements(
    *, region: Region, period: ReportingPeriod | None
) -> list[tuple[Dimension, Achievement | None]]:
    dimensions = list(Dimension.objects.filter(region=region))
    rows = {}
    if period is not None:
        rows = {
            a.object_id: a
            for a in Achievement.objects.filter(region=region, period=period, level=Achievement.Level.DIMENSION)
        }
    return [(d, rows.get(d.pk)) for d in dimensions]


def achievement_trend(*, region: Region, limit: int = 12) -> list[tuple[ReportingPeriod, Achievement]]:
    rows = list(
        Achievement.objects.filter(region=region, level=Achievement.Level.MASTERPLAN, value__isnull=False)
        .select_related("period")
        .order_by("-period__year", "-period__number")[:limit]
    )
    return [(a.period, a) for a in reversed(rows)]


def dashboard(
    *,
    region: Region,
    agency: Agency | None = None,
    period: ReportingPeriod | None = None,
    today: datetime.date | None = None,
) -> Dashboard:
    """The staff (Tim Pelaksana, Dewan) dashboard, or one agency's when `agency` is given, of `period` (by
    default the headline period, as the public sees). A fixed number of queries."""
    today = today or timezone.localdate()
    period = period or headline_period(region)
    masterplan_row = None
    agencies: list = []
    if period is not None:
        masterplan_row = Achievement.objects.filter(
            region=region, period=period, level=Achievement.Level.MASTERPLAN
        ).first()
        agency_rows = {
            a.object_id: a
            for a in Achievement.objects.filter(region=region, period=period, level=Achievement.Level.AGENCY)
        }
        agency_qs = Agency.objects.filter(region=region, pk__in=agency_rows.keys())
        if agency is not None:
            agency_qs = agency_qs.filter(pk=agency.pk)
        agencies = sorted(
            ((a, agency_rows.get(a.pk)) for a in agency_qs),
            key=lambda pair: (pair[1].value is None, pair[1].value or 0),
        )
    late = []
    periods = [p for p in open_periods(region=region) if today > p.due_on]
    if periods:
        done = set(
            ProgressReport.objects.filter(
                period__in=periods, status__in=[Status.SUBMITTED, Status.VERIFIED]
            ).values_list("programme_id", "period_id")
        )
        years = [p.year for p in periods]
        qs = expected_programmes(region=region, year=min(years), until_year=max(years)).select_related("owner_agency")
        if agency is not None:
            qs = qs.filter(owner_agency=agency)
        programmes = list(qs)
        for p in periods:
            late += [
                DueRow(prog, p, None, True)
                for prog in programmes
                if prog.start_year <= p.year <= prog.end_year and (prog.pk, p.pk) not in done
            ]
    return Dashboard(
        period,
        masterplan_row,
        dimension_achievements(region=region, period=period),
        agencies,
        achievement_trend(region=region),
        late,
    )


def public_summary(*, region: Region) -> dict:
    """What the region's home page shows: verified achievement per dimension in the headline period (the
    latest closed one, or a more recent one whose coverage reached the region's threshold)."""
    period = headline_period(region)
    if period is None:
        return {"period": None}
    overall = Achievement.objects.filter(region=region, period=period, level=Achievement.Level.MASTERPLAN).first()
    return {
        "period": period,
        "overall": overall,
        "dimensions": {d.pk: a for d, a in dimension_achievements(region=region, period=period)},
    }


def unread_notifications(*, user, region: Region) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, region=region, read_at__isnull=True)


def verified_achievement_of_year(*, region: Region, year: int) -> tuple[Achievement | None, list[Achievement]]:
    """The masterplan roll-up of the year's latest CLOSED period with a roll-up (None if none), and that
    period's dimension and programme roll-ups (`is_programme` tells which). An open period never counts, so
    the figure does not depend on the day it is read. Two queries."""
    latest = (
        Achievement.objects.filter(
            region=region,
            level=Achievement.Level.MASTERPLAN,
            period__year=year,
            period__status=ReportingPeriod.Status.CLOSED,
        )
        .select_related("period")
        .order_by("-period__number")
        .first()
    )
    if latest is None:
        return None, []
    rows = list(
        Achievement.objects.filter(
            region=region, period=latest.period, level__in=[Achievement.Level.DIMENSION, Achievement.Level.PROGRAMME]
        )
    )
    for row in rows:
        row.is_programme = row.level == Achievement.Level.PROGRAMME
    return latest, rows


def achievement_rows_open_data(*, region: Region):
    """Every verified achievement roll-up of the region, oldest period first, as plain rows for the open data
    catalogue (one query; names are resolved by the caller from the masterplan's tables)."""
    return (
        Achievement.objects.filter(region=region)
        .order_by("period__year", "period__number", "level", "object_id")
        .values_list(
            "period__year",
            "period__number",
            "period__starts_on",
            "period__ends_on",
            "level",
            "object_id",
            "value",
            "reported",
            "expected",
        )
    )


def achievements_modified_by_region() -> dict[int, datetime.datetime]:
    """When each region's achievement roll-ups last changed (one grouped query, all regions)."""
    from django.db.models import Max

    return dict(Achievement.objects.values("region_id").annotate(m=Max("updated_at")).values_list("region_id", "m"))


# The public progress pages' reads live in their own module (this one is near its size limit).
from .public_progress import (  # noqa: E402, F401 -- re-exported: portal asks monitoring.selectors
    DimensionProgress,
    IndicatorProgress,
    ProgrammeProgress,
    dimension_progress,
    programme_achievements,
    programme_progress,
)


def reports_to_verify_count(*, user, region: Region) -> int:
    """Submitted reports this person may verify (never one they wrote), for the staff home's to-do list."""
    return (
        ProgressReport.objects.filter(region=region, status=Status.SUBMITTED)
        .exclude(submitted_by=user)
        .exclude(created_by=user)
        .count()
    )


def programme_results_until(*, region: Region, programme_ids, year: int) -> dict[int, Achievement]:
    """Each programme's last verified roll-up in a CLOSED period up to the end of `year` ({programme id: row,
    with its `period`}): a quick win completed in an earlier year keeps its own final result. One query."""
    rows = (
        Achievement.objects.filter(
            region=region,
            level=Achievement.Level.PROGRAMME,
            object_id__in=list(programme_ids),
            period__year__lte=year,
            period__status=ReportingPeriod.Status.CLOSED,
        )
        .select_related("period")
        .order_by("object_id", "-period__year", "-period__number")
    )
    found: dict[int, Achievement] = {}
    for row in rows:
        found.setdefault(row.object_id, row)
    return found
