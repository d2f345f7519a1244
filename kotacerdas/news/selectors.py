"""Reads of news articles for the pages and feeds."""

from django.db.models import Prefetch

from kotacerdas.innovation.models import Innovation

from .models import Article


def published(*, region, tag: str = ""):
    qs = (
        Article.objects.filter(region=region, status=Article.Status.PUBLISHED)
        .prefetch_related("tags")
        .order_by("-published_at", "-pk")
    )
    if tag:
        qs = qs.filter(tags__slug=tag)
    return qs


def staff_list(*, region):
    return Article.objects.filter(region=region).select_related("author").order_by("-created_at")


def article_detail(*, region, slug: str, published_only: bool = True) -> Article:
    qs = Article.objects.filter(region=region, slug=slug)
    if published_only:
        qs = qs.filter(status=Article.Status.PUBLISHED)
    return qs.prefetch_related(
        "tags",
        "dimensions",
        "programmes",
        Prefetch("innovations", queryset=Innovation.objects.filter(stage__in=Innovation.PUBLIC_STAGES)),
        "activities__district",
        "images",
    ).get()


def news_modified_by_region() -> dict:
    from django.db.models import Max

    return dict(
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .values("region_id")
        .annotate(m=Max("published_at"))
        .values_list("region_id", "m")
    )
