"""Every write of news articles: validated, sanitised, atomic, audited (permission checks included)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.common.uploads import reencode_image

from .models import Article, ArticleImage, Tag
from .sanitize import clean_html, plain_text

IMAGE_MAX_BYTES = 8 * 1024 * 1024
ARTICLE_FIELDS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "body",
    "body_en",
    "cover_alt",
    "source_name",
    "source_url",
)
LINK_FIELDS = ("dimensions", "programmes", "innovations", "activities")
# Slugs that would collide with the news URLs themselves.
RESERVED_SLUGS = {"staf", "rss", "atom", "tag"}


def _unique_slug(region, title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:100] or "berita"
    if base in RESERVED_SLUGS:
        base = f"{base}-berita"
    taken = set(
        Article.objects.filter(region=region, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def parse_tags(raw) -> list[str]:
    """'smart city, Bimtek IV ,literasi' → ['smart city', 'Bimtek IV', 'literasi'] (at most 10, deduplicated)."""
    names = raw if isinstance(raw, (list, tuple)) else (raw or "").split(",")
    out, seen = [], set()
    for name in names:
        name = " ".join(str(name).split())[:60]
        if name and slugify(name) and slugify(name) not in seen:
            seen.add(slugify(name))
            out.append(name)
    return out[:10]


def _set_tags(article: Article, names: list[str]) -> None:
    tags = []
    for name in names:
        tag, _created = Tag.objects.get_or_create(
            region_id=article.region_id, slug=slugify(name)[:70], defaults={"name": name}
        )
        tags.append(tag)
    article.tags.set(tags)


def _apply(article: Article, fields: dict, cover, errors: dict) -> dict:
    """Set fields (sanitising the bodies), check link regions and the cover; return the m2m links to set."""
    for key in ARTICLE_FIELDS:
        if key in fields:
            setattr(article, key, (fields[key] or "").strip())
    article.body = clean_html(article.body)
    article.body_en = clean_html(article.body_en)
    if not plain_text(article.body) and "<img" not in article.body:
        errors.setdefault("body", []).append(_("Write the article (unsafe or empty HTML was removed)."))
    if not article.summary:
        text = plain_text(article.body)
        article.summary = text[:297] + "…" if len(text) > 300 else text
    links = {}
    for key in LINK_FIELDS:
        if key in fields:
            rows = list(fields[key] or [])
            if any(r.region_id != article.region_id for r in rows):
                errors.setdefault(key, []).append(_("Only items of this region can be linked."))
            links[key] = rows
    if cover:
        try:
            article.cover = reencode_image(cover, max_bytes=IMAGE_MAX_BYTES, max_side=1600)
        except ValidationError as exc:
            errors.setdefault("cover", []).extend(exc.messages)
    try:
        article.full_clean(exclude=["region", "author", "slug", "cover", *errors.keys()])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    return links


@transaction.atomic
def article_create(*, actor, region, tags="", cover=None, **fields) -> Article:
    ensure_allowed(actor, "news.manage", region)
    article = Article(region=region, author=actor)
    errors: dict = {}
    links = _apply(article, fields, cover, errors)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    article.slug = _unique_slug(region, article.title)
    article.save()
    for key, rows in links.items():
        getattr(article, key).set(rows)
    _set_tags(article, parse_tags(tags))
    record_event(actor=actor, action="news.article_create", obj=article, after=snapshot(article))
    return article


@transaction.atomic
def article_update(*, actor, article: Article, tags=None, cover=None, **fields) -> Article:
    """Edit an article. The slug (its public address) stays the same after publication, so shared links work."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_allowed(actor, "news.manage", article)
    before = snapshot(article)
    errors: dict = {}
    links = _apply(article, fields, cover, errors)
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    if not article.is_published:
        article.slug = _unique_slug(article.region, article.title, exclude_pk=article.pk)
    article.save()
    for key, rows in links.items():
        getattr(article, key).set(rows)
    if tags is not None:
        _set_tags(article, parse_tags(tags))
    after = snapshot(article)
    if after != before:
        record_event(actor=actor, action="news.article_update", obj=article, before=before, after=after)
    return article


@transaction.atomic
def article_publish(*, actor, article: Article, published_at=None) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_allowed(actor, "news.manage", article)
    if article.is_published:
        raise ApplicationError(_("The article is already published."))
    before = snapshot(article)
    article.status = Article.Status.PUBLISHED
    article.published_at = published_at or timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    record_event(actor=actor, action="news.article_publish", obj=article, before=before, after=snapshot(article))
    return article


@transaction.atomic
def article_unpublish(*, actor, article: Article) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_allowed(actor, "news.manage", article)
    if not article.is_published:
        raise ApplicationError(_("The article is not published."))
    before = snapshot(article)
    article.status = Article.Status.DRAFT
    article.published_at = None
    article.save(update_fields=["status", "published_at", "updated_at"])
    record_event(actor=actor, action="news.article_unpublish", obj=article, before=before, after=snapshot(article))
    return article


@transaction.atomic
def article_image_add(*, actor, article: Article, image, alt: str = "") -> ArticleImage:
    """Upload an image to use in the body (checked by content, re-encoded without metadata)."""
    ensure_allowed(actor, "news.manage", article)
    if not image:
        raise ApplicationError(_("Choose an image."), fields={"image": [_("Choose an image.")]})
    try:
        image = reencode_image(image, max_bytes=IMAGE_MAX_BYTES, max_side=1600)
    except ValidationError as exc:
        raise ApplicationError(_("Please correct the errors below."), fields={"image": exc.messages}) from None
    row = ArticleImage.objects.create(
        region_id=article.region_id, article=article, image=image, alt=(alt or "").strip()[:200], uploaded_by=actor
    )
    record_event(actor=actor, action="news.image_add", obj=row, after=snapshot(row))
    return row


class ImageRefused(ApplicationError):
    """The image part of `article_update_with_image` was refused; `fields` are the image form's."""


@transaction.atomic
def article_update_with_image(*, actor, article: Article, image=None, alt: str = "", **fields) -> Article:
    """Save the article's edits, then upload `image` for the body, in one transaction: the edit page's image
    upload keeps the text typed so far, and a refusal of either part saves nothing."""
    article = article_update(actor=actor, article=article, **fields)
    if image is not None:
        try:
            article_image_add(actor=actor, article=article, image=image, alt=alt)
        except ApplicationError as exc:
            raise ImageRefused(exc.message, fields=exc.fields) from exc
    return article
