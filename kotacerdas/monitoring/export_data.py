"""What an export of a period's monitoring report contains, read in a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Region

from .models import Achievement, IndicatorValue, PeriodPlan, ProgressReport, ReportingPeriod
from .services import plan_of_period

HUNDRED = Decimal(100)


Progress = Callable[[int], None]


@dataclass
class IndicatorRow:
    indicator: Indicator
    target: Decimal | None
    value: IndicatorValue | None


@dataclass
class ProgrammeRow:
    programme: Programme
    report: ProgressReport | None
    indicators: list[IndicatorRow]

    @property
    def state(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def state_label(self) -> str:
        return self.report.get_status_display() if self.report else _("Missing")

    @property
    def is_reported(self) -> bool:
        return self.state in (ProgressReport.Status.SUBMITTED, ProgressReport.Status.VERIFIED)


@dataclass
class DimensionBlock:
    dimension: Dimension
    achievement: Achievement | None
    programmes: list[ProgrammeRow]


@dataclass
class PeriodExport:
    region: Region
    masterplan: Masterplan | None
    period: ReportingPeriod
    overall: Achievement | None
    dimensions: list[DimensionBlock]
    generated_at: datetime.datetime
    plan: PeriodPlan | None = None  # the frozen plan of a closed period; None: the live plan of an open one

    @property
    def version_label(self) -> str:
        """Which masterplan the figures were measured against, for the cover and the Summary sheet."""
        if self.plan is not None:
            return self.plan.version_label
        title = self.masterplan.title if self.masterplan else "–"
        return _("%(title)s as it stands today (the period is not closed)") % {"title": title}

    @property
    def expected(self) -> int:
        return len(self.programmes)

    @property
    def verified(self) -> int:
        return sum(1 for row in self.programmes if row.state == ProgressReport.Status.VERIFIED)

    @property
    def programmes(self) -> list[ProgrammeRow]:
        return [row for block in self.dimensions for row in block.programmes]

    @property
    def not_reported(self) -> list[ProgrammeRow]:
        """Programmes expected to report whose report was not submitted (missing, draft or returned)."""
        return [row for row in self.programmes if not row.is_reported]

    @property
    def is_overdue(self) -> bool:
        return timezone.localdate(self.generated_at) > self.period.due_on


def period_export_data(*, period: ReportingPeriod) -> PeriodExport:
    """Everything an export of the period shows, in a fixed number of queries whatever the region's size.

    The figures in the summary are the verified roll-up (Achievement rows); the programme rows show each
    report as it stands, with its status, so a reader can tell verified figures from the rest. Both are
    measured against the same plan: the frozen one of a closed period (programmes, indicators, targets and
    places as they stood when it closed), the live one of an open period.
    """
    region = period.region
    plan = plan_of_period(period=period, with_weights=False)
    masterplan = Masterplan.objects.filter(pk=plan.masterplan_id).first() if plan.masterplan_id else None
    rollup: dict[tuple[str, int], Achievement] = {
        (a.level, a.object_id): a
        for a in Achievement.objects.filter(
            period=period,
            level__in=[Achievement.Level.MASTERPLAN, Achievement.Level.DIMENSION],
        )
    }
    dimensions = list(Dimension.objects.filter(region=region))
    programmes = list(
        Programme.objects.filter(pk__in=list(plan.programmes))
        .select_related("owner_agency", "dimension")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("targets", queryset=Target.objects.filter(year=period.year), to_attr="year_targets")
                )
                if plan.frozen is None
                else Indicator.objects.all(),
            )
        )
    )
    reports = {
        r.programme_id: r
        for r in ProgressReport.objects.filter(
            period=period, programme__in=[p.pk for p in programmes]
        ).prefetch_related("values")
    }
    by_dimension: dict[int, list[ProgrammeRow]] = {}
    for programme in programmes:
        planned = plan.programmes[programme.pk]
        report = reports.get(programme.pk)
        values = {v.indicator_id: v for v in report.values.all()} if report else {}
        rows = []
        for indicator in programme.indicators.all():
            value = values.get(indicator.pk)
            if plan.frozen is None:
                target = value.target if value else next((t.value for t in indicator.year_targets), None)
            elif indicator.pk in planned["indicators"]:
                target = value.target if value else planned["indicators"][indicator.pk]["target"]
            else:
                continue  # added to the plan after the period closed
            rows.append(IndicatorRow(indicator, target, value))
        # The dimension the programme had in the period's plan (a later move does not move its old reports).
        by_dimension.setdefault(planned["dimension_id"], []).append(ProgrammeRow(programme, report, rows))
    return PeriodExport(
        region=region,
        masterplan=masterplan,
        period=period,
        overall=rollup.get((Achievement.Level.MASTERPLAN, masterplan.pk)) if masterplan else None,
        dimensions=[
            DimensionBlock(d, rollup.get((Achievement.Level.DIMENSION, d.pk)), by_dimension.get(d.pk, []))
            for d in dimensions
        ],
        generated_at=timezone.now(),
        plan=plan.frozen,
    )
