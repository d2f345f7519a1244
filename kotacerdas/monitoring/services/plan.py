"""The plan a period is measured against: the live masterplan while the period is open, and the masterplan as
it stood when the period closed afterwards (`PeriodPlan`), so later plan edits never change a closed quarter."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Subquery
from django.utils import timezone

from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, MasterplanVersion, Programme, Target
from kotacerdas.masterplan.selectors import masterplan_public_for_region
from kotacerdas.masterplan.services import masterplan_version_adopted_ensure

from ..models import PeriodPlan, ReportingPeriod


def expected_programmes(*, region, year: int, until_year: int | None = None):
    """Programmes of the adopted masterplan that run in the year (and so should report) — or, with
    `until_year`, in any year of that range (callers match programmes to periods themselves). One query.
    The live plan: a closed period's programmes are those of its frozen plan (`plan_of_period`)."""
    public_masterplan = Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED).order_by(
        "-period_start_year"
    )
    return Programme.objects.filter(
        region=region,
        masterplan=Subquery(public_masterplan.values("pk")[:1]),
        start_year__lte=until_year or year,
        end_year__gte=year,
    )


@dataclass
class PlanOfPeriod:
    """What a period is measured against. `programmes`: {programme id: {"weight", "dimension_id", "element_id",
    "owner_agency_id", "indicators": {indicator id: {"weight", "target"}} (only when asked for)}}."""

    masterplan_id: int | None
    programmes: dict[int, dict] = field(default_factory=dict)
    dimension_weights: dict[int, Decimal] = field(default_factory=dict)
    frozen: PeriodPlan | None = None
    stamp: str = ""  # the live plan's `plan_stamp` (a frozen plan never changes: none)


def plan_stamp(count, id_sum, version_sum) -> str:
    """What tells one state of the live plan from another: how many programmes, the sum of their ids and of their
    versions. Every write of a programme bumps its version (services, the back office, the plan importer), a
    programme added has a new id, one removed leaves the sums: any edit since a roll-up changes the stamp. The
    roll-up update computes the same three figures in SQL (`rollup_update`)."""
    return f"{int(count)}:{int(id_sum or 0)}:{int(version_sum or 0)}"


def _text(value) -> str | None:
    return None if value is None else str(value)


def _live(period: ReportingPeriod, *, with_indicators: bool, with_weights: bool = True) -> PlanOfPeriod:
    """The live masterplan's programmes running in the period's year: one query, two more with indicators and
    one more with the dimension weights."""
    region = period.region
    rows = list(
        expected_programmes(region=region, year=period.year).values(
            "pk", "masterplan_id", "weight", "element_id", "dimension_id", "owner_agency_id", "version"
        )
    )
    programmes = {
        r["pk"]: {
            "weight": r["weight"],
            "element_id": r["element_id"],
            "dimension_id": r["dimension_id"],
            "owner_agency_id": r["owner_agency_id"],
        }
        for r in rows
    }
    if with_indicators:
        for p in programmes.values():
            p["indicators"] = {}
        targets = dict(
            Target.objects.filter(indicator__programme__in=list(programmes), year=period.year).values_list(
                "indicator_id", "value"
            )
        )
        for pk, programme_id, weight in Indicator.objects.filter(programme__in=list(programmes)).values_list(
            "pk", "programme_id", "weight"
        ):
            programmes[programme_id]["indicators"][pk] = {"weight": weight, "target": targets.get(pk)}
    if rows:
        masterplan_id = rows[0]["masterplan_id"]
    else:
        masterplan_id = getattr(masterplan_public_for_region(region=region), "pk", None)
    weights = dict(Dimension.objects.filter(region=region).values_list("pk", "weight")) if with_weights else {}
    stamp = plan_stamp(len(rows), sum(r["pk"] for r in rows), sum(r["version"] for r in rows))
    return PlanOfPeriod(masterplan_id, programmes, weights, stamp=stamp)


def _thawed(frozen: PeriodPlan) -> PlanOfPeriod:
    """The frozen JSON back as numbers."""
    programmes = {}
    for pk, row in frozen.programmes.items():
        programmes[int(pk)] = {
            "weight": Decimal(row["weight"]),
            "element_id": row["element_id"],
            "dimension_id": row["dimension_id"],
            "owner_agency_id": row["owner_agency_id"],
            "indicators": {
                int(i): {
                    "weight": Decimal(v["weight"]),
                    "target": None if v["target"] is None else Decimal(v["target"]),
                }
                for i, v in row["indicators"].items()
            },
        }
    weights = {int(k): Decimal(v) for k, v in frozen.dimension_weights.items()}
    return PlanOfPeriod(frozen.masterplan_id, programmes, weights, frozen)


def plan_of_period(
    *, period: ReportingPeriod, with_indicators: bool = False, with_weights: bool = True
) -> PlanOfPeriod:
    """The frozen plan of a closed period (one query; it always carries indicators and weights), else the
    live one (`frozen` is None)."""
    if period.status == ReportingPeriod.Status.CLOSED:
        frozen = PeriodPlan.objects.filter(period=period).first()
        if frozen is not None:
            return _thawed(frozen)
    return _live(period, with_indicators=with_indicators, with_weights=with_weights)


def period_plan_freeze(*, period: ReportingPeriod) -> PeriodPlan | None:
    """Store the plan the period is measured against (the live one now) with the masterplan version in force.

    Called when a period closes (closing again freezes again: a period is reopened only to be corrected). No
    permission of its own: its caller, closing the period, checked `monitoring.manage_periods`. Without an
    adopted masterplan there is nothing to freeze (None)."""
    masterplan = masterplan_public_for_region(region=period.region)
    if masterplan is None:
        PeriodPlan.objects.filter(period=period).delete()
        return None
    masterplan_version_adopted_ensure(masterplan=masterplan)
    version = MasterplanVersion.objects.filter(masterplan=masterplan).order_by("-number").first()
    live = _live(period, with_indicators=True)
    programmes = {
        str(pk): {
            "weight": _text(p["weight"]),
            "element_id": p["element_id"],
            "dimension_id": p["dimension_id"],
            "owner_agency_id": p["owner_agency_id"],
            "indicators": {
                str(i): {"weight": _text(v["weight"]), "target": _text(v["target"])} for i, v in p["indicators"].items()
            },
        }
        for pk, p in live.programmes.items()
    }
    plan, _created = PeriodPlan.objects.update_or_create(
        period=period,
        defaults={
            "region_id": period.region_id,
            "masterplan": masterplan,
            "masterplan_title": masterplan.title,
            "version": version,
            "version_number": version.number if version else None,
            "version_date": version.created_at if version else None,
            "programmes": programmes,
            "dimension_weights": {str(k): _text(v) for k, v in live.dimension_weights.items()},
            "frozen_at": timezone.now(),
        },
    )
    return plan


def period_plan_thaw(*, period: ReportingPeriod) -> None:
    """A reopened period follows the live plan again until it closes."""
    PeriodPlan.objects.filter(period=period).delete()


def period_plan_ensure(*, period: ReportingPeriod) -> None:
    """Freeze a closed period that has no frozen plan yet (one closed before plans were frozen, or loaded as
    seed data), and recompute its roll-up against it. Called before a closed period's export is built."""
    if period.status != ReportingPeriod.Status.CLOSED or PeriodPlan.objects.filter(period=period).exists():
        return
    from .rollup import achievements_recompute

    period_plan_freeze(period=period)
    achievements_recompute(region=period.region, period=period)
