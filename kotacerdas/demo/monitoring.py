"""Illustrative monitoring history for the demo: quarterly periods 2023–2026, verified reports in the closed
ones, the current quarter open. Written in bulk (it is seed data), then rolled up like real verifications."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from kotacerdas.masterplan.models import Indicator, Target
from kotacerdas.monitoring.achievement import indicator_achievement, weighted_mean
from kotacerdas.monitoring.models import Evidence, IndicatorValue, ProgressReport, ReportEvent, ReportingPeriod
from kotacerdas.monitoring.services import achievements_recompute, expected_programmes, period_plan_freeze


def _create_periods(*, region, today: datetime.date) -> list[ReportingPeriod]:
    """Quarters from 2023 up to today's: the past ones closed, the current one open."""
    periods = []
    for year in range(2023, today.year + 1):
        for q in range(1, 5):
            starts = datetime.date(year, 3 * q - 2, 1)
            if starts > today:
                break
            ends = datetime.date(year + (q == 4), (3 * q) % 12 + 1, 1) - datetime.timedelta(days=1)
            status = ReportingPeriod.Status.OPEN if ends >= today else ReportingPeriod.Status.CLOSED
            periods.append(
                ReportingPeriod(
                    region=region,
                    year=year,
                    number=q,
                    periods_in_year=4,
                    starts_on=starts,
                    ends_on=ends,
                    due_on=ends + datetime.timedelta(days=10),
                    status=status,
                )
            )
    ReportingPeriod.objects.bulk_create(periods)
    return list(ReportingPeriod.objects.filter(region=region).order_by("year", "number"))


def _indicator_values(period, indicators: list[Indicator], targets: dict, rng) -> list[tuple]:
    """(indicator, realised, target, achievement, note) of each indicator with a target in the period's year."""
    pending = []
    for indicator in indicators:
        target = targets.get((indicator.pk, period.year))
        if target is None:
            continue
        share = Decimal(str(0.2 * period.number + rng.uniform(-0.1, 0.25)))
        base = indicator.baseline_value or Decimal(0)
        realised = (base + (target - base) * share).quantize(Decimal("0.01"))
        achievement, note = indicator_achievement(
            realised=realised, target=target, lower_is_better=indicator.direction == "lower", exact=True
        )
        pending.append((indicator, realised, target, achievement, note))
    return pending


def _write_period(*, region, period, reports: list[tuple], reporter, verifier) -> None:
    """Insert the period's verified reports with their values, evidence (a link: verification requires
    evidence) and events, then freeze the period's plan and roll them up against it, as closing does."""
    values, events, evidence = [], [], []
    ProgressReport.objects.bulk_create([r for r, _ in reports])
    for report, pending in reports:
        evidence.append(
            Evidence(
                region=region,
                report=report,
                kind=Evidence.Kind.LINK,
                url=f"https://example.org/luwu-utara/monev/{period.year}/{period.number}/{report.programme.code}",
                caption="Dokumentasi kegiatan (contoh)",
                uploaded_by=reporter,
            )
        )
        values += [
            IndicatorValue(region=region, report=report, indicator=i, realised=r, target=t, achievement=a, note=n)
            for i, r, t, a, n in pending
        ]
        events += [
            ReportEvent(region=region, report=report, kind="submitted", actor=reporter),
            ReportEvent(region=region, report=report, kind="verified", actor=verifier),
        ]
    IndicatorValue.objects.bulk_create(values)
    Evidence.objects.bulk_create(evidence)
    ReportEvent.objects.bulk_create(events)
    period_plan_freeze(period=period)
    achievements_recompute(region=region, period=period)


def load_demo_monitoring(*, region, reporter, verifier, today: datetime.date | None = None) -> None:
    if ReportingPeriod.objects.filter(region=region).exists():
        return
    today = today or timezone.localdate()
    rng = random.Random(7322)  # noqa: S311 -- the region code as seed: the same demo every time
    periods = _create_periods(region=region, today=today)
    indicators_by_programme: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(region=region):
        indicators_by_programme.setdefault(indicator.programme_id, []).append(indicator)
    targets = {(t.indicator_id, t.year): t.value for t in Target.objects.filter(region=region)}
    now = timezone.now()
    for period in periods:
        if period.status != ReportingPeriod.Status.CLOSED:
            continue
        reports = []
        for programme in expected_programmes(region=region, year=period.year):
            if rng.random() < 0.12:
                continue  # some agencies did not report that quarter
            progress = Decimal(str(min(100, 25 * period.number + rng.randint(-10, 10))))
            report = ProgressReport(
                region=region,
                programme=programme,
                period=period,
                status=ProgressReport.Status.VERIFIED,
                progress_percent=max(progress, Decimal(0)),
                budget_realised=Decimal(rng.randint(10, 90) * 1_000_000),
                narrative="Kegiatan berjalan sesuai rencana (contoh).",
                created_by=reporter,
                submitted_by=reporter,
                submitted_at=now,
                verified_by=verifier,
                verified_at=now,
            )
            pending = _indicator_values(period, indicators_by_programme.get(programme.pk, []), targets, rng)
            pairs = [(a, i.weight) for i, _r, _t, a, _n in pending]
            report.achievement = weighted_mean(pairs, exact=True) if pending else report.progress_percent
            reports.append((report, pending))
        _write_period(region=region, period=period, reports=reports, reporter=reporter, verifier=verifier)
