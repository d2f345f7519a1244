"""Where each region's masterplan stands, for pages across regions (the national page, evaluator peers).

Two queries for any number of regions. The stage is the first Bimtek round (I–IV) of the region's current
masterplan (the most recent by period, as staff see it) not yet completed — IV stays until adoption — or
"adopted"; a region without a masterplan is at Bimtek I. The cohort year is the year its Bimtek I was held,
else the masterplan's first year (docs/national.md).
"""

from collections import defaultdict
from dataclasses import dataclass

from kotacerdas.masterplan.models import Masterplan

from .models import Round

ADOPTED = "adopted"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class RegionStage:
    stage: str  # "1".."4" (the Bimtek round under way) or "adopted"
    cohort: int | None
    masterplan_id: int | None

    @property
    def is_adopted(self) -> bool:
        return self.stage == ADOPTED


def region_stages(*, region_ids) -> dict[int, RegionStage]:
    """Region id → its stage, cohort year and current masterplan id (every id given has an entry)."""
    plans: dict[int, dict] = {}
    for row in (
        Masterplan.objects.filter(region_id__in=region_ids)
        .order_by("region_id", "-period_start_year", "-pk")
        .values("pk", "region_id", "status", "period_start_year")
    ):
        plans.setdefault(row["region_id"], row)
    rounds: dict[int, dict[int, dict]] = defaultdict(dict)
    for r in Round.objects.filter(masterplan_id__in=[p["pk"] for p in plans.values()]).values(
        "masterplan_id", "number", "held_on", "completed_at"
    ):
        rounds[r["masterplan_id"]][r["number"]] = r
    out = {}
    for region_id in region_ids:
        plan = plans.get(region_id)
        if plan is None:
            out[region_id] = RegionStage("1", None, None)
            continue
        mine = rounds.get(plan["pk"], {})
        first = mine.get(1)
        cohort = first["held_on"].year if first and first["held_on"] else plan["period_start_year"]
        if plan["status"] == Masterplan.Status.ADOPTED:
            out[region_id] = RegionStage(ADOPTED, cohort, plan["pk"])
            continue
        under_way = next((n for n in range(1, 5) if not (mine.get(n) and mine[n]["completed_at"])), 4)
        out[region_id] = RegionStage(str(under_way), cohort, plan["pk"])
    return out
