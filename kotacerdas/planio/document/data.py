"""What the masterplan document shows, read in a fixed number of queries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.collaboration.selectors import bodies_in_office
from kotacerdas.common.charts import PALETTE
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, MasterplanVersion, Programme, Target
from kotacerdas.planning.models import (
    SCORE_MAX,
    Milestone,
    Participant,
    Pillar,
    PillarAnalysis,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)
from kotacerdas.regions.models import District, Village

Progress = Callable[[int], None]


def chapters() -> dict[str, str]:
    """The chapters of the ministry's guide for a smart city masterplan, numbered, in the active language:
    {anchor: heading}. The PDF's and the DOCX's headings and contents both come from here."""
    numbered = [
        ("intro", _("Introduction")),
        ("profile", _("Regional profile")),
        ("readiness", _("Readiness analysis")),
        ("vision", _("Vision, missions and objectives")),
        ("dimensions", _("Strategies and programmes per dimension")),
        ("quick_wins", _("Quick wins")),
        ("roadmap", _("Roadmap")),
        ("financing", _("Financing")),
        ("implementation", _("Implementation and monitoring plan")),
        ("closing", _("Closing")),
    ]
    out = {key: f"{n}. {title}" for n, (key, title) in enumerate(numbered, start=1)}
    out["adoption"] = _("Adoption")
    out["quality"] = _("Annex: quality check of the masterplan")
    out["annex"] = _("Annex: all programmes")
    return out


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
class Context:
    """What the introduction, profile, implementation chapters and the cover add: Bimtek rounds with their
    participants, the Tim Pelaksana and Dewan with their current members, the revisions, the region's counts."""

    rounds: list[Round] = field(default_factory=list)
    bodies: list = field(default_factory=list)  # collaboration bodies in office, with their current members
    versions: list[MasterplanVersion] = field(default_factory=list)
    districts: int = 0
    villages: int = 0


@dataclass
class DocumentData:
    masterplan: Masterplan
    pillars: list[PillarBlock]
    dimensions: list[DimensionBlock]
    generated_at: datetime.datetime
    years: list[int] = field(default_factory=list)
    context: Context = field(default_factory=Context)

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

    @property
    def slogan(self) -> list[tuple[str, str]]:
        """The slogan's words as the home page shows them: (word, English word or "")."""
        words, english = self.region.slogan_words, self.region.slogan_words_en
        return [(w, english[n] if n < len(english) else "") for n, w in enumerate(words)]

    @property
    def revision(self) -> MasterplanVersion | None:
        """The latest revision (or the adopted version), for the cover."""
        return self.context.versions[-1] if self.context.versions else None

    def budget_by(self, key: Callable[[Programme], str]) -> list[tuple[str, Decimal]]:
        """The programmes' budget summed by key (in the order first met)."""
        totals: dict[str, Decimal] = {}
        for p in self.programmes:
            totals[key(p)] = totals.get(key(p), Decimal(0)) + p.budget_estimate
        return list(totals.items())

    def budget_by_year(self) -> list[tuple[int, Decimal]]:
        """Each programme's budget spread evenly over its years within the masterplan's period."""
        totals = dict.fromkeys(self.years, Decimal(0))
        for p in self.programmes:
            span = [y for y in range(p.start_year, p.end_year + 1) if y in totals]
            for y in span:
                totals[y] += p.budget_estimate / len(span)
        return [(y, v.quantize(Decimal(1))) for y, v in totals.items()]


def document_data(*, masterplan: Masterplan) -> DocumentData:
    """Everything the document shows, in a fixed number of queries whatever the masterplan's size."""
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
    return DocumentData(masterplan, pillars, dimensions, timezone.now(), list(masterplan.years), _context(masterplan))


def _context(masterplan: Masterplan) -> Context:
    """Six queries: rounds, participants, bodies, their current members, versions, district and village counts."""
    today = timezone.localdate()
    return Context(
        rounds=list(
            Round.objects.filter(masterplan=masterplan)
            .prefetch_related(Prefetch("participants", queryset=Participant.objects.filter(present=True)))
            .order_by("number")
        ),
        bodies=bodies_in_office(region_id=masterplan.region_id, today=today),
        versions=list(MasterplanVersion.objects.filter(masterplan=masterplan).order_by("number")),
        districts=District.objects.filter(region_id=masterplan.region_id).count(),
        villages=Village.objects.filter(region_id=masterplan.region_id).count(),
    )
