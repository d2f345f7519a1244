"""The national evaluator's portfolio: late reporting, rounds waiting for the assessors, quiet regions, and a
region beside its province and cohort peers. Each part reads a fixed number of queries for any number of
regions (tests/evaluation/test_portfolio.py)."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.numbers import shown
from kotacerdas.masterplan.models import Masterplan, Programme
from kotacerdas.monitoring.models import ProgressReport, ReportingPeriod
from kotacerdas.planning.stages import region_stages
from kotacerdas.regions.models import Region

from ..models import Round

INACTIVE_DAYS = 90


@dataclass
class LateRow:
    period: ReportingPeriod  # with .region
    expected: int
    missing: int
    days_late: int


def late_reporting(*, today: datetime.date) -> list[LateRow]:
    """Open periods past their due date with programmes of the adopted masterplan still without a submitted
    or verified report, the most missing first. Four queries."""
    periods = list(
        ReportingPeriod.objects.filter(
            status=ReportingPeriod.Status.OPEN, due_on__lt=today, region__is_active=True
        ).select_related("region")
    )
    if not periods:
        return []
    region_ids = {p.region_id for p in periods}
    adopted: dict[int, int] = {}
    for pk, region_id in (
        Masterplan.objects.filter(region_id__in=region_ids, status=Masterplan.Status.ADOPTED)
        .order_by("region_id", "-period_start_year", "-pk")
        .values_list("pk", "region_id")
    ):
        adopted.setdefault(region_id, pk)
    spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for row in (
        Programme.objects.filter(masterplan_id__in=adopted.values())
        .values("region_id", "start_year", "end_year")
        .annotate(n=Count("pk"))
    ):
        spans[row["region_id"]].append((row["start_year"], row["end_year"], row["n"]))
    done = dict(
        ProgressReport.objects.filter(
            period__in=periods, status__in=[ProgressReport.Status.SUBMITTED, ProgressReport.Status.VERIFIED]
        )
        .values("period_id")
        .annotate(n=Count("programme_id", distinct=True))
        .values_list("period_id", "n")
    )
    rows = []
    for p in periods:
        expected = sum(n for start, end, n in spans.get(p.region_id, []) if start <= p.year <= end)
        missing = expected - done.get(p.pk, 0)
        if missing > 0:
            rows.append(LateRow(p, expected, missing, (today - p.due_on).days))
    rows.sort(key=lambda r: (-r.missing, -r.days_late, r.period.region.name))
    return rows


@dataclass
class WaitingRound:
    round: Round  # with .region
    waiting_for: str  # "scoring" or "moderation"
    to_moderate: int = 0


def rounds_waiting() -> list[WaitingRound]:
    """Submitted rounds the assessors have not marked as scored, and rounds with items whose assessors disagree
    and the lead assessor has not yet set the agreed score. Oldest submission first. One query."""
    rounds = (
        Round.objects.filter(
            is_superseded=False, status__in=[Round.Status.SUBMITTED, Round.Status.SCORED], region__is_active=True
        )
        .select_related("region")
        .annotate(to_moderate=Count("scores", filter=Q(scores__needs_moderation=True, scores__score__isnull=True)))
        .order_by("submitted_at", "pk")
    )
    rows = []
    for r in rounds:
        if r.to_moderate:
            rows.append(WaitingRound(r, "moderation", r.to_moderate))
        elif r.status == Round.Status.SUBMITTED:
            rows.append(WaitingRound(r, "scoring"))
    return rows


def inactive_regions(*, today: datetime.date, days: int = INACTIVE_DAYS) -> list[Region]:
    """Active regions with no audited change at all in the last `days` days. One query: for each region, one
    probe of the audit trail's (region, time) index for an event since then, so its cost follows the number
    of regions, not of events."""
    since = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min, datetime.UTC)
    recent = AuditEvent.objects.filter(region=OuterRef("pk"), created_at__gte=since)
    return list(
        Region.objects.filter(is_active=True)
        .annotate(recent=Exists(recent))
        .filter(recent=False)
        .only("pk", "name", "kind", "slug", "province")
        .order_by("name")
    )


@dataclass
class PeerStat:
    n: int
    median: Decimal | None
    low: Decimal | None
    high: Decimal | None


@dataclass
class PeerRow:
    key: str
    name: str
    score: Decimal | None
    province: PeerStat
    cohort: PeerStat


@dataclass
class Peers:
    region: Region
    round: Round | None  # the region's latest published round; None: no data yet
    cohort: int | None
    rows: list[PeerRow]


def _stat(values: list[Decimal]) -> PeerStat:
    if not values:
        return PeerStat(0, None, None, None)
    return PeerStat(len(values), shown(statistics.median(values)), shown(min(values)), shown(max(values)))


def _score(results: dict, key: str) -> Decimal | None:
    value = ((results or {}).get("dimensions", {}).get(key) or {}).get("score")
    return None if value is None else Decimal(value)


def peers(*, region: Region) -> Peers:
    """The region's published score per evaluation dimension beside the median and range (lowest–highest) of
    its province's and its cohort's other regions published the same year. Without a published round, or for
    a dimension no peer has a score in, the statistics are empty ("no data yet"), never a division. Four
    queries."""
    own = (
        Round.objects.filter(region=region, status=Round.Status.PUBLISHED, is_superseded=False)
        .order_by("-year", "-version")
        .first()
    )
    cohort = region_stages(region_ids=[region.pk])[region.pk].cohort
    if own is None:
        return Peers(region, None, cohort, [])
    others = list(
        Round.objects.filter(year=own.year, status=Round.Status.PUBLISHED, is_superseded=False)
        .exclude(region=region)
        .select_related("region")
        .only("region__province", "region_id", "results", "version")
        .order_by("region_id", "-version")
    )
    latest: dict[int, Round] = {}
    for r in others:
        latest.setdefault(r.region_id, r)
    cohorts = region_stages(region_ids=list(latest))
    rows = []
    for key, dim in (own.results or {}).get("dimensions", {}).items():
        same_province = [r for r in latest.values() if region.province and r.region.province == region.province]
        same_cohort = [r for pk, r in latest.items() if cohort and cohorts[pk].cohort == cohort]
        rows.append(
            PeerRow(
                key,
                dim.get("name", key),
                _score(own.results, key),
                _stat([s for r in same_province if (s := _score(r.results, key)) is not None]),
                _stat([s for r in same_cohort if (s := _score(r.results, key)) is not None]),
            )
        )
    return Peers(region, own, cohort, rows)
