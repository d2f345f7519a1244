"""Public news of the region's smart city programme: articles in Indonesian with an optional English
version, images, tags and links to what they report on."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel


def image_path(instance, filename: str) -> str:
    # A random folder: an image of a draft cannot be found by guessing its name.
    return f"news/{instance.region_id}/{uuid.uuid4().hex[:12]}/{filename}"


class Tag(RegionOwnedModel):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=70)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="news_tag_slug_unique_per_region")]

    def __str__(self) -> str:
        return self.name


class Article(RegionOwnedModel):
    """A news article. `body` holds sanitised HTML (cleaned by the service on every save)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("Shown in lists and previews."))
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    body = models.TextField(_("body"))
    body_en = models.TextField(_("body (English)"), blank=True)
    cover = models.ImageField(_("cover image"), upload_to=image_path, blank=True)
    cover_alt = models.CharField(_("cover description"), max_length=200, blank=True)
    source_name = models.CharField(_("source"), max_length=150, blank=True, help_text=_("e.g. INPUTSULSEL.COM"))
    source_url = models.URLField(_("source link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    dimensions = models.ManyToManyField(
        "masterplan.Dimension", blank=True, related_name="news_articles", verbose_name=_("dimensions")
    )
    programmes = models.ManyToManyField(
        "masterplan.Programme", blank=True, related_name="news_articles", verbose_name=_("programmes")
    )
    innovations = models.ManyToManyField(
        "innovation.Innovation", blank=True, related_name="news_articles", verbose_name=_("innovations")
    )
    activities = models.ManyToManyField(
        "literacy.Activity", blank=True, related_name="news_articles", verbose_name=_("literacy activities")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="news_article_slug_unique_per_region"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="news_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["region", "status", "-published_at"], name="news_public_list")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ArticleImage(RegionOwnedModel):
    """An image uploaded for use in article bodies (re-encoded; public once the article is)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=image_path)
    alt = models.CharField(_("description (alt text)"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")

    def __str__(self) -> str:
        return self.alt or self.image.name
