"""Reads of citizen ideas, already joined for the page that shows them (constant query counts)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.masterplan.quality import Check

from .models import Idea, IdeaComment, IdeaFlag, IdeaSupport

SORTS = {"dukungan": ("-support_count", "-created_at", "-pk"), "terbaru": ("-created_at", "-pk")}


def idea_list(
    *,
    region,
    dimension_key: str = "",
    status: str = "",
    sort: str = "terbaru",
    include_hidden: bool = False,
    author=None,
) -> QuerySet[Idea]:
    """The region's ideas for the public list: filtered by dimension key and status, sorted by supports or
    newest (both served by an index on region)."""
    qs = Idea.objects.filter(region=region).select_related("dimension", "programme", "author")
    qs = qs.only(
        "pk",
        "title",
        "description",
        "status",
        "support_count",
        "comment_count",
        "created_at",
        "is_hidden",
        "photo",
        "region_id",
        "dimension__key",
        "dimension__name",
        "dimension__name_en",
        "programme__code",
        "programme__title",
        "programme__title_en",
        "author__first_name",
        "author__last_name",
    )
    if not include_hidden:
        qs = qs.filter(is_hidden=False)
    if author is not None:
        qs = qs.filter(author=author)
    if dimension_key:
        qs = qs.filter(dimension__key=dimension_key)
    if status in Idea.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by(*SORTS.get(sort, SORTS["terbaru"]))


def idea_detail(*, region, pk: int) -> Idea:
    """One idea of the region with its author, dimension and programme (raises Idea.DoesNotExist)."""
    return Idea.objects.select_related("dimension", "author", "programme", "region").get(region=region, pk=pk)


def comment_threads(*, idea: Idea) -> list[IdeaComment]:
    """Top-level comments in order, each with its replies prefetched (two queries whatever the number)."""
    replies = IdeaComment.objects.select_related("author").order_by("created_at", "pk")
    return list(
        IdeaComment.objects.filter(idea=idea, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def has_supported(*, idea: Idea, user) -> bool:
    if not user.is_authenticated:
        return False
    return IdeaSupport.objects.filter(idea=idea, user=user).exists()


def ideas_for_programme(*, programme, limit: int = 20) -> list[Idea]:
    """Visible ideas that became this programme, most supported first (one query)."""
    return list(
        Idea.objects.filter(programme=programme, is_hidden=False)
        .only("pk", "title", "support_count", "region_id", "created_at")
        .order_by("-support_count", "-pk")[:limit]
    )


def ideas_adopted(*, masterplan, limit: int = 6) -> list[Idea]:
    """Visible ideas that became a programme of this (public) masterplan, most recently linked first, with
    their programme (one query)."""
    if masterplan is None:
        return []
    return list(
        Idea.objects.filter(programme__masterplan=masterplan, is_hidden=False)
        .select_related("programme")
        .only(
            "pk",
            "title",
            "support_count",
            "region_id",
            "linked_at",
            "programme__code",
            "programme__title",
            "programme__title_en",
            "programme__start_year",
            "programme__end_year",
        )
        .order_by("-linked_at", "-pk")[:limit]
    )


def moderation_queue(*, region) -> dict:
    """What moderators look at: open flags (with their idea and comment), and ideas waiting for a decision."""
    flags = list(
        IdeaFlag.objects.filter(region=region, resolved=False)
        .select_related("idea", "comment", "comment__author", "user")
        .order_by("-created_at")[:100]
    )
    waiting = list(
        Idea.objects.filter(region=region, status__in=[Idea.Status.NEW, Idea.Status.UNDER_REVIEW])
        .select_related("dimension", "author")
        .order_by("created_at")[:100]
    )
    return {"flags": flags, "waiting": waiting}


def display_name(user) -> str:
    """What the public sees of a person: their name, never the e-mail or phone used to log in."""
    from django.utils.translation import gettext as _

    if user is None:
        return _("Former user")
    return user.get_full_name() or _("Citizen")


def idea_for_promotion(*, region, pk: int) -> Idea | None:
    """One idea of the region with its author, for turning it into an innovation (None if there is none)."""
    return Idea.objects.select_related("author").filter(region=region, pk=pk).first()


def ideas_of_person(*, region, user, limit: int = 50) -> dict:
    """What the signed-in person did with ideas in the region: {"ideas": their own (hidden ones too, with
    the moderator's reason), "supported": ideas they support}; two queries."""
    if not user.is_authenticated:
        return {"ideas": [], "supported": []}
    fields = ("pk", "title", "status", "support_count", "comment_count", "is_hidden", "created_at", "region_id")
    own = Idea.objects.filter(region=region, author=user).only(*fields, "hidden_reason").order_by("-created_at", "-pk")
    supported = (
        Idea.objects.filter(region=region, supports__user=user, is_hidden=False)
        .only(*fields)
        .order_by("-supports__created_at", "-pk")
    )
    return {"ideas": list(own[:limit]), "supported": list(supported[:limit])}


def moderation_count(*, region) -> int:
    """Ideas waiting for a decision plus open flags: the staff home's to-do count for moderators."""
    waiting = Idea.objects.filter(region=region, status__in=[Idea.Status.NEW, Idea.Status.UNDER_REVIEW]).count()
    return waiting + IdeaFlag.objects.filter(region=region, resolved=False).count()


def plan_quality_checks(*, masterplan) -> list[Check]:
    """The masterplan quality check's participation items from citizen ideas (registered in apps.py): ideas
    were received at all, and at least one became a programme of this plan. One query."""
    counts = Idea.objects.filter(region_id=masterplan.region_id, is_hidden=False).aggregate(
        received=Count("pk"), linked=Count("pk", filter=Q(programme__masterplan=masterplan))
    )
    slug = {"region_slug": masterplan.region.slug}
    return [
        Check(
            "participation",
            counts["received"] > 0,
            _("Invite citizens' ideas: none received yet"),
            reverse("ideas:list", kwargs=slug),
        ),
        Check(
            "participation",
            counts["linked"] > 0,
            _("Link citizen ideas to the programmes they became: no programme of this plan comes from one yet"),
            reverse("ideas:staff_queue", kwargs=slug),
            perm="ideas.moderate",
        ),
    ]
