"""What the masterplan document shows, read in a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from kotacerdas.common.charts import PALETTE
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.planning.models import (
    SCORE_MAX,
    Milestone,
    Pillar,
    PillarAnalysis,
    QuickWinStep,
    ReadinessItem,
    Strategy,
)

Progress = Callable[[int], None]


@dataclass
class PillarBlock:
    key: str
    label: str
    score: Decimal | None  # percent of the maximum, over the scored items
    items: list[ReadinessItem]
    analysis: PillarAnalysis | None


@dataclass
class DimensionBlock:
    dimension: Dimension
    strategies: list[Strategy]
    programmes: list[Programme]

    @property
    def colour(self) -> str:
        return PALETTE.get(self.dimension.key, "#0b6e4f")


@dataclass
class DocumentData:
    masterplan: Masterplan
    pillars: list[PillarBlock]
    dimensions: list[DimensionBlock]
    generated_at: datetime.datetime
    years: list[int] = field(default_factory=list)

    @property
    def region(self):
        return self.masterplan.region

    @property
    def programmes(self) -> list[Programme]:
        return [p for block in self.dimensions for p in block.programmes]

    @property
    def quick_wins(self) -> list[Programme]:
        return [p for p in self.programmes if p.is_quick_win]

    @property
    def budget_total(self) -> Decimal:
        return sum((p.budget_estimate for p in self.programmes), Decimal(0))


def document_data(*, masterplan: Masterplan) -> DocumentData:
    """Everything the document shows, in nine queries whatever the masterplan's size."""
    masterplan = Masterplan.objects.select_related("region").get(pk=masterplan.pk)
    items = list(ReadinessItem.objects.filter(masterplan=masterplan).order_by("pillar", "order", "pk"))
    analyses = {a.pillar: a for a in PillarAnalysis.objects.filter(masterplan=masterplan)}
    pillars = []
    for key, label in Pillar.choices:
        mine = [i for i in items if i.pillar == key]
        scored = [i.score for i in mine if i.score is not None]
        score = (Decimal(sum(scored)) / (len(scored) * SCORE_MAX) * 100).quantize(Decimal("0.1")) if scored else None
        pillars.append(PillarBlock(key, str(label), score, mine, analyses.get(key)))
    strategies: dict[int, list[Strategy]] = {}
    for strategy in Strategy.objects.filter(masterplan=masterplan).select_related("element"):
        strategies.setdefault(strategy.dimension_id, []).append(strategy)
    programmes = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("element", "owner_agency")
        .prefetch_related(
            "supporting_agencies",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("year"))
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("year", "pk")),
            Prefetch("quick_win_steps", queryset=QuickWinStep.objects.order_by("order", "pk")),
        )
        .order_by("code")
    )
    by_dimension: dict[int, list[Programme]] = {}
    for programme in programmes:
        by_dimension.setdefault(programme.dimension_id, []).append(programme)
    dimensions = [
        DimensionBlock(d, strategies.get(d.pk, []), by_dimension.get(d.pk, []))
        for d in Dimension.objects.filter(region_id=masterplan.region_id).order_by("order", "pk")
    ]
    for block in dimensions:
        for programme in block.programmes:
            programme.dimension = block.dimension
    return DocumentData(masterplan, pillars, dimensions, timezone.now(), list(masterplan.years))
