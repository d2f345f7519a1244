"""What the public pages show of monitoring: a programme's and a dimension's verified progress.

Read from the maintained roll-ups (`Achievement`) and the verified reports only, up to and including the
period `selectors.public_period` chooses, so a figure never comes from a report still being checked nor from
a period that is still open. A fixed number of queries whatever the history (re-exported by `selectors`).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Dimension, Indicator, Programme

from .achievement import ON_TRACK, indicator_achievement, shown
from .models import Achievement, Evidence, IndicatorValue, MonitoringSettings, ProgressReport, ReportingPeriod

TREND_PERIODS = 12  # the small trend shows at most this many periods (three years of quarters)


def _until(period: ReportingPeriod, prefix: str = "period__") -> Q:
    """Rows of `period` or an earlier one (by year and number, whatever the frequency)."""
    return Q(**{f"{prefix}year__lt": period.year}) | Q(
        **{f"{prefix}year": period.year, f"{prefix}number__lte": period.number}
    )


def _trend(*, region, level: str, object_id: int, period: ReportingPeriod) -> list[tuple[ReportingPeriod, Achievement]]:
    rows = list(
        Achievement.objects.filter(region=region, level=level, object_id=object_id)
        .filter(_until(period))
        .select_related("period")
        .order_by("-period__year", "-period__number")[:TREND_PERIODS]
    )
    return [(a.period, a) for a in reversed(rows)]


@dataclass
class IndicatorProgress:
    """One indicator's latest verified value (None when it was never reported) against that year's target."""

    indicator: Indicator
    value: IndicatorValue | None = None
    period: ReportingPeriod | None = None
    explanation: str = ""

    @property
    def achievement(self) -> Decimal | None:
        return shown(self.value.achievement) if self.value is not None else None


@dataclass
class ProgrammeProgress:
    period: ReportingPeriod | None  # the public period (None: nothing verified in a closed period yet)
    current: Achievement | None = None  # the programme's roll-up in that period (None: not verified then)
    latest: tuple[ReportingPeriod, Achievement] | None = None  # its latest verified roll-up up to the period
    verified_reports: int = 0
    evidence: dict[str, int] = field(default_factory=dict)  # kind → count, over the verified reports
    indicators: list[IndicatorProgress] = field(default_factory=list)
    trend: list[tuple[ReportingPeriod, Achievement]] = field(default_factory=list)

    @property
    def on_track_share(self) -> Decimal:
        """The % of the year's target a programme must reach by the year's end to be on track."""
        return ON_TRACK

    @property
    def on_track_min(self) -> Decimal | None:
        """The achievement that counts as on track in the public period: ON_TRACK % of the year's target,
        pro rata to the part of the year gone by its end (a Q2 report is measured against the whole year's
        target, so 37.5% is on track there; 75% in the last period of the year)."""
        if self.period is None:
            return None
        return shown(ON_TRACK * self.period.number / self.period.periods_in_year)

    @property
    def on_track(self) -> bool | None:
        """None when the programme has no verified report in the public period."""
        if self.current is None or self.current.value is None:
            return None
        return self.current.value >= self.on_track_min

    @property
    def evidence_total(self) -> int:
        return sum(self.evidence.values())

    @property
    def evidence_rows(self) -> list[tuple[str, int]]:
        labels = dict(Evidence.Kind.choices)
        return [(str(labels[k]), self.evidence[k]) for k in Evidence.Kind.values if self.evidence.get(k)]


def programme_progress(*, programme: Programme, period: ReportingPeriod | None) -> ProgrammeProgress:
    """The programme's verified progress up to `period` (the public period). `programme.indicators` should be
    prefetched (masterplan's programme_detail does). Five queries, whatever the number of periods."""
    progress = ProgrammeProgress(period=period)
    indicators = list(programme.indicators.all())
    progress.indicators = [IndicatorProgress(indicator=i) for i in indicators]
    if period is None:
        return progress
    region = programme.region_id
    progress.trend = _trend(region=region, level=Achievement.Level.PROGRAMME, object_id=programme.pk, period=period)
    if progress.trend:
        progress.latest = progress.trend[-1]
        if progress.latest[0].pk == period.pk:
            progress.current = progress.latest[1]
    verified = ProgressReport.objects.filter(programme=programme, status=ProgressReport.Status.VERIFIED).filter(
        _until(period)
    )
    progress.verified_reports = verified.count()
    progress.evidence = dict(
        Evidence.objects.filter(report__in=verified)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    if indicators:
        _latest_values(progress, verified=verified, cap=_cap(region))
    return progress


def _cap(region) -> int:
    found = MonitoringSettings.objects.filter(region=region).values_list("achievement_cap", flat=True).first()
    return found or 100


def _latest_values(progress: ProgrammeProgress, *, verified, cap: int) -> None:
    """Fill each indicator's latest verified value (one query, newest first; the first per indicator is kept —
    portable, where DISTINCT ON is PostgreSQL's only) and explain it."""
    latest: dict = {}
    for v in (
        IndicatorValue.objects.filter(report__in=verified)
        .select_related("report__period")
        .order_by("indicator_id", "-report__period__year", "-report__period__number")
    ):
        latest.setdefault(v.indicator_id, v)
    for row in progress.indicators:
        value = latest.get(row.indicator.pk)
        if value is None:
            row.explanation = _("Not reported in a verified report yet.")
            continue
        row.value, row.period = value, value.report.period
        _figure, row.explanation = indicator_achievement(
            realised=value.realised,
            target=value.target,
            lower_is_better=row.indicator.direction == Indicator.Direction.LOWER,
            cap=cap,
        )


@dataclass
class DimensionProgress:
    period: ReportingPeriod | None
    current: Achievement | None = None
    trend: list[tuple[ReportingPeriod, Achievement]] = field(default_factory=list)
    programmes: dict[int, Achievement] = field(default_factory=dict)  # programme id → its roll-up in the period

    @property
    def share_reported(self) -> Decimal | None:
        """Programmes with a verified report in the period, as a % of those expected to report."""
        if self.current is None or not self.current.expected:
            return None
        return shown(Decimal(self.current.reported) * 100 / self.current.expected)


def dimension_progress(*, dimension: Dimension, period: ReportingPeriod | None) -> DimensionProgress:
    """The dimension's roll-up in `period`, its trend up to it and its programmes' figures. Two queries."""
    progress = DimensionProgress(period=period)
    if period is None:
        return progress
    progress.trend = _trend(
        region=dimension.region_id, level=Achievement.Level.DIMENSION, object_id=dimension.pk, period=period
    )
    if progress.trend and progress.trend[-1][0].pk == period.pk:
        progress.current = progress.trend[-1][1]
    progress.programmes = {
        a.object_id: a
        for a in Achievement.objects.filter(
            region=dimension.region_id,
            period=period,
            level=Achievement.Level.PROGRAMME,
            object_id__in=Programme.objects.filter(dimension=dimension).values("pk"),
        )
    }
    return progress


def programme_achievements(*, period: ReportingPeriod | None, programme_ids) -> dict[int, Achievement]:
    """The verified roll-up of each of these programmes in `period` (absent: not verified then). One query."""
    if period is None:
        return {}
    return {
        a.object_id: a
        for a in Achievement.objects.filter(
            period=period, level=Achievement.Level.PROGRAMME, object_id__in=list(programme_ids)
        )
    }
