"""Reads for “what raises our score most” (advice.py does the arithmetic): the round it starts from, its
items and quick wins, and where to act on each. Four queries whatever the size of the framework."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from kotacerdas.common.i18n import localized
from kotacerdas.regions.models import Region

from . import advice
from .models import Item, ItemScore, QuickWinRating, Round

# Items prefilled from another app's figures are raised there, not by a better answer in the self-assessment.
ACT_WHERE = {
    Item.Source.ACHIEVEMENT: "monitoring:dashboard",
    Item.Source.PROGRAMMES_VERIFIED: "monitoring:dashboard",
    Item.Source.QUICK_WINS_ON_TRACK: "monitoring:dashboard",
    Item.Source.COMMITMENTS_SIGNED: "collaboration:commitments",
    Item.Source.MASTERPLAN_ADOPTED: "planning:workspace",
}


@dataclass
class Advice:
    round: Round
    from_published: bool  # True: the agreed scores of a published round; False: the region's own scores
    actions: list[tuple[advice.Action, str]]  # each with the URL of where to act
    scale_max: Decimal


def advice_round(*, region: Region) -> Round | None:
    """The region's latest round that is not superseded (a correction in progress counts as the latest)."""
    return (
        Round.objects.filter(region=region, is_superseded=False)
        .select_related("framework")
        .order_by("-year", "-version")
        .first()
    )


def _where(action: advice.Action, *, region: Region, round_: Round) -> str:
    slug = {"region_slug": region.slug}
    if action.kind == "survey":
        return reverse("surveys:staff_create", kwargs=slug)
    name = ACT_WHERE.get(action.item.source)
    if name:
        return reverse(name, kwargs=slug)
    return reverse("evaluation:round", kwargs={**slug, "pk": round_.pk}) + f"#dim-{action.item.dimension_key}"


def score_advice(*, region: Region, top: int = 25) -> Advice | None:
    """The `top` actions for the region's latest round, largest expected gain first; None without a round."""
    round_ = advice_round(region=region)
    if round_ is None:
        return None
    framework = round_.framework
    published = round_.is_published
    dims = {d.pk: d for d in framework.dimensions.all()}
    items = [
        advice.ItemInput(
            s.item_id,
            s.item.code,
            localized(s.item, "title"),
            s.item.source,
            s.item.smart_dimension,
            dims[s.item.dimension_id].key,
            localized(dims[s.item.dimension_id], "name"),
            dims[s.item.dimension_id].weight,
            s.item.weight,
            s.score if published else s.self_score,
        )
        for s in ItemScore.objects.filter(round=round_).select_related("item")
        if s.item.dimension_id in dims
    ]
    quick_wins = [
        advice.QuickWinInput(
            r.programme_id,
            r.programme.code,
            localized(r.programme, "title"),
            r.survey_score is not None,
            r.benefit if published else None,
        )
        for r in QuickWinRating.objects.filter(round=round_).select_related("programme")
    ]
    qw_weight = next((d.weight for d in dims.values() if d.is_quick_win), Decimal(0))
    actions = advice.rank(
        items=items,
        quick_wins=quick_wins,
        quick_win_weight=qw_weight,
        scale_min=framework.scale_min,
        scale_max=framework.scale_max,
    )[:top]
    return Advice(
        round_,
        published,
        [(a, _where(a, region=region, round_=round_)) for a in actions],
        framework.scale_max,
    )
