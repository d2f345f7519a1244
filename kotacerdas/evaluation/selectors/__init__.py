"""Reads of the evaluation, each shaped for its page so the query count stays flat as items and regions grow."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from kotacerdas.common.i18n import localized
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.models import Region

from .. import scoring
from ..models import (
    AssessorRating,
    AssessorScore,
    EvaluationDimension,
    Framework,
    Item,
    ItemEvidence,
    ItemScore,
    QuickWinRating,
    Round,
)

Status = Round.Status
SMART_KEYS = [k for k, _label in Dimension.Key.choices]
SMART_LABELS = dict(Dimension.Key.choices)


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.prefetch_related("dimensions")


def framework_detail(*, pk: int) -> Framework:
    return Framework.objects.prefetch_related(
        "dimensions", Prefetch("items", queryset=Item.objects.select_related("dimension"))
    ).get(pk=pk)


def rounds_for_region(*, region: Region) -> QuerySet[Round]:
    return Round.objects.filter(region=region).select_related("framework").prefetch_related("assessors")


def rounds_all() -> QuerySet[Round]:
    return Round.objects.select_related("region", "framework").prefetch_related("assessors")


def round_detail(*, region: Region, pk: int) -> Round:
    """The round with its framework's dimensions, its answers and its quick wins. Raises DoesNotExist."""
    return (
        Round.objects.select_related(
            "framework", "submitted_by", "published_by", "supersedes", "region", "lead_assessor"
        )
        .prefetch_related(
            "assessors",
            "framework__dimensions",
            Prefetch(
                "scores",
                queryset=ItemScore.objects.select_related("item__dimension", "scored_by", "moderated_by"),
            ),
            Prefetch("scores__assessor_scores", queryset=AssessorScore.objects.select_related("assessor")),
            Prefetch("scores__attachments", queryset=ItemEvidence.objects.order_by("created_at", "pk")),
            Prefetch(
                "quick_wins",
                queryset=QuickWinRating.objects.select_related("programme__dimension", "programme__owner_agency"),
            ),
            Prefetch("quick_wins__assessor_ratings", queryset=AssessorRating.objects.select_related("assessor")),
        )
        .get(region=region, pk=pk)
    )


def _units(round_: Round, *, self_scores: bool = False) -> list[scoring.Unit]:
    units = [
        scoring.Unit(
            f"item:{s.item_id}",
            s.item.code,
            localized(s.item, "title"),
            s.item.dimension.key,
            s.item.smart_dimension,
            s.item.weight,
            s.self_score if self_scores else s.score,
        )
        for s in round_.scores.all()
    ]
    ratings = [
        (
            r.programme_id,
            r.programme.code,
            localized(r.programme, "title"),
            r.programme.dimension.key,
            None if self_scores else r.mean,
        )
        for r in round_.quick_wins.all()
    ]
    return units + scoring.quick_win_units(ratings)


def round_results(*, round_: Round, self_scores: bool = False) -> scoring.Results:
    """The round's figures from the assessors' scores (or the region's own scores, for a preview).

    Reads the prefetched rows of `round_detail` when present; otherwise three queries.
    """
    if "scores" not in getattr(round_, "_prefetched_objects_cache", {}):
        round_ = round_detail(region=round_.region, pk=round_.pk)
    dims = [(d.key, localized(d, "name"), d.weight) for d in round_.framework.dimensions.all()]
    return scoring.compute(
        dimensions=dims, units=_units(round_, self_scores=self_scores), scale_max=round_.framework.scale_max
    )


def current_published(*, region: Region, year: int) -> Round | None:
    return (
        Round.objects.filter(region=region, year=year, status=Status.PUBLISHED, is_superseded=False)
        .order_by("-version")
        .first()
    )


def previous_published(*, round_: Round) -> Round | None:
    """The current published round of the year before, for the improvement."""
    return (
        Round.objects.filter(
            region_id=round_.region_id, year__lt=round_.year, status=Status.PUBLISHED, is_superseded=False
        )
        .order_by("-year", "-version")
        .first()
    )


@dataclass
class Improvement:
    previous: Round
    index: Decimal
    dimensions: dict[str, Decimal | None]


def improvement(*, round_: Round, results: scoring.Results) -> Improvement | None:
    prev = previous_published(round_=round_)
    if prev is None or prev.index is None or results.index is None:
        return None
    prev_dims = (prev.results or {}).get("dimensions", {})
    dims = {}
    for d in results.dimensions:
        before = (prev_dims.get(d.key) or {}).get("score")
        dims[d.key] = None if before is None or d.score is None else d.score - Decimal(before)
    return Improvement(prev, scoring.q2(results.index) - scoring.q2(prev.index), dims)


def smart_rows(results: scoring.Results) -> list[tuple[str, str, Decimal | None]]:
    return [(k, SMART_LABELS[k], results.smart.get(k)) for k in SMART_KEYS]


def versions(*, region: Region, year: int) -> list[Round]:
    return list(Round.objects.filter(region=region, year=year).order_by("version"))


def public_results(*, region: Region) -> list[Round]:
    """The region's published results, newest year first: current versions and superseded ones (kept)."""
    return list(
        Round.objects.filter(region=region, status=Status.PUBLISHED)
        .select_related("framework")
        .prefetch_related("framework__dimensions")
        .order_by("-year", "-version")
    )


def latest_public(*, region: Region) -> Round | None:
    return (
        Round.objects.filter(region=region, status=Status.PUBLISHED, is_superseded=False)
        .order_by("-year", "-version")
        .only("pk", "year", "version", "index", "region_id", "results")
        .first()
    )


@dataclass
class FedItems:
    """The evaluation items a programme's verified progress feeds, as scored in the last published round."""

    round: Round | None
    scores: list[ItemScore]
    quick_win: QuickWinRating | None = None


def items_fed_by_programme(*, region: Region, programme) -> FedItems:
    """Items of the region's last published round that the programme feeds: its smart city dimension's
    verified achievement, the share of programmes verified, the quick wins on track (for a quick win), and
    the quick win's own rating. Three queries at most; nothing but published scores."""
    round_ = latest_public(region=region)
    if round_ is None:
        return FedItems(None, [])
    feeds = Q(item__source=Item.Source.ACHIEVEMENT, item__smart_dimension=programme.dimension.key) | Q(
        item__source=Item.Source.PROGRAMMES_VERIFIED
    )
    if programme.is_quick_win:
        feeds |= Q(item__source=Item.Source.QUICK_WINS_ON_TRACK)
    scores = list(
        ItemScore.objects.filter(round=round_)
        .filter(feeds)
        .select_related("item__dimension")
        .only(
            "pk",
            "score",
            "round_id",
            "item__code",
            "item__title",
            "item__title_en",
            "item__source",
            "item__smart_dimension",
            "item__dimension__name",
            "item__dimension__order",
            "item__order",
        )
    )
    rating = None
    if programme.is_quick_win:
        rating = QuickWinRating.objects.filter(round=round_, programme=programme).first()
    return FedItems(round_, scores, rating)


@dataclass
class RankRow:
    rank: int
    round: Round
    previous_index: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.previous_index is None:
            return None
        return scoring.q2(self.round.index) - scoring.q2(self.previous_index)


def ranking(*, year: int) -> list[RankRow]:
    """Regions by published index in a year (ties share a rank), with the previous year's index. Two queries."""
    rounds = list(
        Round.objects.filter(year=year, status=Status.PUBLISHED, is_superseded=False)
        .select_related("region")
        .only("pk", "year", "version", "index", "region__name", "region__slug", "region__kind", "region_id")
        .order_by("-index", "region__name")
    )
    previous = dict(
        Round.objects.filter(
            year=year - 1, status=Status.PUBLISHED, is_superseded=False, region_id__in=[r.region_id for r in rounds]
        ).values_list("region_id", "index")
    )
    rows, last, rank = [], None, 0
    for position, r in enumerate(rounds, start=1):
        shown = scoring.q2(r.index)
        if shown != last:
            rank, last = position, shown
        rows.append(RankRow(rank, r, previous.get(r.region_id)))
    return rows


def ranking_years() -> list[int]:
    return list(
        Round.objects.filter(status=Status.PUBLISHED).values_list("year", flat=True).distinct().order_by("-year")
    )


def dimensions_of(framework: Framework) -> list[EvaluationDimension]:
    return list(framework.dimensions.all())


def rounds_modified_by_region() -> dict:
    """When each region's published results last changed (one grouped query, all regions)."""
    from django.db.models import Max

    return dict(
        Round.objects.filter(status=Status.PUBLISHED)
        .values("region_id")
        .annotate(m=Max("updated_at"))
        .values_list("region_id", "m")
    )


def rounds_to_fill(*, region: Region) -> list[Round]:
    """The region's rounds whose self-assessment is still open (for the region admin's to-do list)."""
    return list(Round.objects.filter(region=region, status=Round.Status.DRAFT).order_by("year"))


def rounds_to_score(*, user) -> list[Round]:
    """Rounds a national evaluator was appointed to and that wait for scores or publication."""
    return list(
        Round.objects.filter(assessors=user, status__in=[Round.Status.SUBMITTED, Round.Status.SCORED])
        .select_related("region")
        .order_by("year", "region__name")
    )
