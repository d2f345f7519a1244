from django.db.models import Count, Prefetch, Q, QuerySet

from kotacerdas.regions.models import Region

from .models import Dimension, Indicator, Masterplan, Programme, Target


def masterplan_public_for_region(*, region: Region) -> Masterplan | None:
    """The adopted masterplan the public sees: the most recent one by period."""
    return Masterplan.objects.filter(region=region, status=Masterplan.Status.ADOPTED).first()


def masterplan_current_for_region(*, region: Region) -> Masterplan | None:
    """The masterplan staff work on: the most recent by period, adopted or not."""
    return Masterplan.objects.filter(region=region).first()


def dimension_cards(*, region: Region, masterplan: Masterplan | None) -> QuerySet[Dimension]:
    """Dimensions with elements, coordinator and programme / quick-win counts, in two queries."""
    in_plan = Q(programmes__masterplan=masterplan)
    return (
        Dimension.objects.filter(region=region)
        .select_related("coordinator")
        .prefetch_related("elements")
        .annotate(
            programme_count=Count("programmes", filter=in_plan),
            quick_win_count=Count("programmes", filter=in_plan & Q(programmes__is_quick_win=True)),
        )
    )


def programme_list(
    *, masterplan: Masterplan, dimension: Dimension | None = None, quick_wins_only: bool = False
) -> QuerySet[Programme]:
    qs = Programme.objects.filter(masterplan=masterplan).select_related("dimension", "element", "owner_agency")
    if dimension is not None:
        qs = qs.filter(dimension=dimension)
    if quick_wins_only:
        qs = qs.filter(is_quick_win=True)
    return qs


def programme_detail(*, masterplan: Masterplan, code: str) -> Programme:
    """One programme with everything its page shows. Raises Programme.DoesNotExist."""
    return (
        Programme.objects.select_related("dimension", "element", "owner_agency", "masterplan")
        .prefetch_related(
            "supporting_agencies",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("year"))
                ),
            ),
        )
        .get(masterplan=masterplan, code=code)
    )
