"""Citizen ideas: a proposal under a smart city dimension, its supports, comments (one level of replies),
flags and moderation, and the programme or quick win it became."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.common.models import RegionOwnedModel

TITLE_MAX = 160
DESCRIPTION_MAX = 5000
COMMENT_MAX = 2000


class Idea(RegionOwnedModel):
    """An innovation idea proposed by a citizen (or any member of the region)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        ADOPTED = "adopted", pgettext_lazy("idea status", "Adopted")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX)
    dimension = models.ForeignKey(
        "masterplan.Dimension", on_delete=models.PROTECT, related_name="ideas", verbose_name=_("dimension")
    )
    # SET_NULL: a citizen may delete their account (UU PDP); the idea and its history stay.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("author"),
    )
    photo = models.ImageField(_("photo"), upload_to="ideas/photos/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    status_reason = models.TextField(_("reason"), blank=True, max_length=COMMENT_MAX)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    programme = models.ForeignKey(
        "masterplan.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("became programme / quick win"),
    )
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)
    # Counters kept by the services in the same transaction as the row they count, so the list page can sort
    # by supports without a join over 100,000 ideas.
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    is_hidden = models.BooleanField(_("hidden by moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["region", "-created_at"], name="idea_region_new_idx"),
            models.Index(fields=["region", "-support_count", "-created_at"], name="idea_region_supp_idx"),
            models.Index(fields=["region", "dimension", "status"], name="idea_region_dim_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(status_reason=""),
                name="idea_rejected_has_reason",
                violation_error_message=_("A rejection needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IdeaSupport(RegionOwnedModel):
    """One person's support of an idea (one per person, enforced by the database)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports")

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="idea_support_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.idea_id}"


class IdeaComment(RegionOwnedModel):
    """A comment on an idea, or a reply to one (one level: a reply has a parent that has none)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="idea_comments"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    is_official = models.BooleanField(_("official reply"), default=False)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)
    is_hidden = models.BooleanField(_("hidden by moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["idea", "created_at"], name="idea_comment_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="idea_comment_hidden_has_reason",
                violation_error_message=_("Hiding a comment needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class IdeaFlag(RegionOwnedModel):
    """A report by a logged-in person that an idea or a comment breaks the rules (one per person and item)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="flags")
    comment = models.ForeignKey(IdeaComment, on_delete=models.CASCADE, null=True, blank=True, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    resolved = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], condition=Q(comment__isnull=False), name="idea_flag_comment_once"
            ),
            models.UniqueConstraint(
                fields=["idea", "user"], condition=Q(comment__isnull=True), name="idea_flag_idea_once"
            ),
        ]

    def __str__(self) -> str:
        return f"flag {self.pk}"
