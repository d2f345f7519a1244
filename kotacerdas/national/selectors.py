"""The national picture: every active region on one page, from the maintained roll-ups of each app.

`national_overview` reads a fixed number of queries however many regions there are: each query covers all
regions at once (grouped by region) and reads the roll-ups the apps keep up to date (monitoring's
`Achievement` rows, participation's `AgencyReportStats`, the index frozen on a published evaluation round),
never the raw reports.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.numbers import shown
from kotacerdas.evaluation.models import Round as EvaluationRound
from kotacerdas.masterplan.models import Programme
from kotacerdas.monitoring.models import Achievement, ReportingPeriod
from kotacerdas.participation.models import AgencyReportStats
from kotacerdas.planning.stages import ADOPTED, ROMAN, region_stages
from kotacerdas.regions.models import Region

from .coordinates import coordinates, project

NO_PROVINCE = _("Province not set")


@dataclass
class RegionRow:
    region: Region
    stage: str  # "1".."4" (the Bimtek round under way) or "adopted"
    cohort: int | None
    index: Decimal | None = None
    index_year: int | None = None
    index_change: Decimal | None = None
    programmes: int = 0
    quick_wins: int = 0
    quick_wins_reported: int = 0
    quick_win_achievement: Decimal | None = None
    period: ReportingPeriod | None = None
    reported: int = 0
    expected: int = 0
    verified_reports: int = 0
    resolved_on_time: int = 0
    point: tuple[float, float] | None = None

    @property
    def stage_label(self) -> str:
        if self.stage == ADOPTED:
            return _("Masterplan adopted")
        return f"Bimtek {ROMAN[int(self.stage)]}"

    @property
    def coverage(self) -> Decimal | None:
        """Share of the programmes expected in the last closed period that have a verified report (%)."""
        if not self.expected:
            return None
        return shown(Decimal(100) * self.reported / self.expected)

    @property
    def data_url(self) -> str:
        # The open-data pages of a region live at /r/<slug>/data/ (built in the open-data app).
        return f"/r/{self.region.slug}/data/"


@dataclass
class Totals:
    regions: int = 0
    adopted: int = 0
    programmes: int = 0
    verified_reports: int = 0
    resolved_on_time: int = 0


@dataclass
class Overview:
    groups: list[tuple[str, list[RegionRow]]]
    totals: Totals
    provinces: list[str]
    cohorts: list[int]
    mapped: list[RegionRow] = field(default_factory=list)
    unmapped: list[RegionRow] = field(default_factory=list)


def _evaluation(rows: dict[int, RegionRow]) -> None:
    """The latest published index of each region and its change from the previous published year."""
    seen: dict[int, list] = defaultdict(list)
    published = (
        EvaluationRound.objects.filter(
            region_id__in=rows, status=EvaluationRound.Status.PUBLISHED, is_superseded=False, index__isnull=False
        )
        .order_by("region_id", "-year", "-version")
        .values_list("region_id", "year", "index")
    )
    for region_id, year, index in published:
        years = seen[region_id]
        if years and years[-1][0] == year:
            continue  # an older version of the same year
        years.append((year, index))
    for region_id, years in seen.items():
        row = rows[region_id]
        row.index_year, row.index = years[0][0], shown(years[0][1])
        if len(years) > 1:
            row.index_change = row.index - shown(years[1][1])


def _programmes(rows: dict[int, RegionRow], plan_ids: list[int]) -> dict[int, int]:
    """Counts programmes and quick wins of each current masterplan; returns quick-win id → region id."""
    counts = (
        Programme.objects.filter(masterplan_id__in=plan_ids)
        .values("region_id")
        .annotate(n=Count("pk"), qw=Count("pk", filter=Q(is_quick_win=True)))
    )
    for c in counts:
        rows[c["region_id"]].programmes, rows[c["region_id"]].quick_wins = c["n"], c["qw"]
    return dict(Programme.objects.filter(masterplan_id__in=plan_ids, is_quick_win=True).values_list("pk", "region_id"))


def _monitoring(rows: dict[int, RegionRow], quick_wins: dict[int, int]) -> None:
    """Reporting coverage of each region's last closed period, its quick wins' verified achievement there,
    and the verified reports of all periods, from the achievement roll-ups."""
    latest: dict[int, ReportingPeriod] = {}
    for period in ReportingPeriod.objects.filter(region_id__in=rows, status=ReportingPeriod.Status.CLOSED).order_by(
        "region_id", "-year", "-number"
    ):
        latest.setdefault(period.region_id, period)
    for region_id, period in latest.items():
        rows[region_id].period = period
    achieved: dict[int, list[Decimal]] = defaultdict(list)
    wanted = Q(level=Achievement.Level.MASTERPLAN) | Q(
        level=Achievement.Level.PROGRAMME, object_id__in=list(quick_wins)
    )
    for a in Achievement.objects.filter(wanted, period_id__in=[p.pk for p in latest.values()]).only(
        "region_id", "level", "object_id", "value", "reported", "expected"
    ):
        if a.level == Achievement.Level.MASTERPLAN:
            rows[a.region_id].reported, rows[a.region_id].expected = a.reported, a.expected
        elif a.value is not None:
            achieved[a.region_id].append(a.value)
    for region_id, values in achieved.items():
        rows[region_id].quick_wins_reported = len(values)
        rows[region_id].quick_win_achievement = sum(values) / len(values)
    verified = (
        Achievement.objects.filter(region_id__in=rows, level=Achievement.Level.MASTERPLAN)
        .values("region_id")
        .annotate(n=Sum("reported"))
    )
    for v in verified:
        rows[v["region_id"]].verified_reports = v["n"] or 0


def _citizen_reports(rows: dict[int, RegionRow]) -> None:
    counts = AgencyReportStats.objects.filter(region_id__in=rows).values("region_id")
    for s in counts.annotate(n=Sum("resolved_in_time")):
        rows[s["region_id"]].resolved_on_time = s["n"] or 0


def national_overview(*, province: str = "", cohort: int | None = None) -> Overview:
    """Every active region grouped by province, with the filters' choices and the national totals (of the
    regions shown). Nine queries whatever the number of regions."""
    regions = list(Region.objects.filter(is_active=True).order_by("province", "name"))
    stages = region_stages(region_ids=[r.pk for r in regions])
    points = coordinates()
    rows: dict[int, RegionRow] = {}
    for r in regions:
        where = points.get(r.code)
        rows[r.pk] = RegionRow(r, stages[r.pk].stage, stages[r.pk].cohort, point=project(*where) if where else None)
    provinces = sorted({r.province for r in regions if r.province})
    cohorts = sorted({row.cohort for row in rows.values() if row.cohort}, reverse=True)
    rows = {
        pk: row
        for pk, row in rows.items()
        if (not province or row.region.province == province) and (cohort is None or row.cohort == cohort)
    }
    _evaluation(rows)
    plan_ids = [stages[pk].masterplan_id for pk in rows if stages[pk].masterplan_id]
    _monitoring(rows, _programmes(rows, plan_ids))
    _citizen_reports(rows)
    groups: dict[str, list[RegionRow]] = defaultdict(list)
    for row in rows.values():
        groups[row.region.province or str(NO_PROVINCE)].append(row)
    shown_rows = list(rows.values())
    totals = Totals(
        regions=len(shown_rows),
        adopted=sum(1 for r in shown_rows if r.stage == ADOPTED),
        programmes=sum(r.programmes for r in shown_rows),
        verified_reports=sum(r.verified_reports for r in shown_rows),
        resolved_on_time=sum(r.resolved_on_time for r in shown_rows),
    )
    return Overview(
        groups=sorted(groups.items()),
        totals=totals,
        provinces=provinces,
        cohorts=cohorts,
        mapped=[r for r in shown_rows if r.point],
        unmapped=[r for r in shown_rows if not r.point],
    )
