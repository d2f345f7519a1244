"""The yearly smart city evaluation: frameworks (weights, scale, items), rounds, scores and quick-win ratings.

A framework is national (one per year, no region); a round belongs to one region and one year. The
arithmetic lives in `scoring.py`; published results are frozen on the round (`index`, `results`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import BaseModel, RegionOwnedModel
from kotacerdas.common.storage import private_storage
from kotacerdas.masterplan.models import Dimension

HUNDRED = Decimal(100)


class Framework(BaseModel):
    """The national evaluation framework of one year: evaluation dimensions, scale and items."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2015), MaxValueValidator(2100)]
    )
    scale_min = models.DecimalField(_("lowest score"), max_digits=4, decimal_places=2, default=0)
    scale_max = models.DecimalField(_("highest score"), max_digits=4, decimal_places=2, default=4)
    note = models.TextField(_("note"), blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("copied from")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation framework")
        verbose_name_plural = _("evaluation frameworks")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")) & Q(scale_min__gte=0),
                name="framework_scale_order",
                violation_error_message=_("The highest score must be above the lowest, and the lowest at least 0."),
            ),
        ]

    def __str__(self) -> str:
        return _("Evaluation framework %(year)s") % {"year": self.year}


class EvaluationDimension(BaseModel):
    """Baseline, Output, Outcome, Impact, Quick Win — each with its weight (%) in the index."""

    class Key(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")
        IMPACT = "impact", _("Impact")
        QUICK_WIN = "quick_win", _("Quick Win")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    key = models.SlugField(_("key"), max_length=20, choices=Key.choices)
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    measures = models.CharField(_("what it measures"), max_length=250, blank=True)
    weight = models.DecimalField(
        _("weight (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("evaluation dimension")
        verbose_name_plural = _("evaluation dimensions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="eval_dimension_unique_key"),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=100), name="eval_dimension_weight_0_100"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_quick_win(self) -> bool:
        return self.key == self.Key.QUICK_WIN


class Item(BaseModel):
    """One question of the self-assessment, in one evaluation dimension and (optionally) one smart city
    dimension, with its weight (%) within the evaluation dimension and the evidence it needs."""

    class Source(models.TextChoices):
        NONE = "", _("No prefill")
        ACHIEVEMENT = "achievement", _("Verified achievement of the smart city dimension")
        QUICK_WINS_ON_TRACK = "quick_wins_on_track", _("Share of quick wins on track")
        MASTERPLAN_ADOPTED = "masterplan_adopted", _("Adopted masterplan present")
        PROGRAMMES_VERIFIED = "programmes_verified", _("Share of programmes with a verified report")
        COMMITMENTS_SIGNED = "commitments_signed", _("Joint commitment signed by partners")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(
        EvaluationDimension, on_delete=models.CASCADE, related_name="items", verbose_name=_("evaluation dimension")
    )
    smart_dimension = models.CharField(
        _("smart city dimension"),
        max_length=30,
        choices=Dimension.Key.choices,
        blank=True,
        help_text=_("Leave empty for an item about the whole programme."),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("question"), max_length=300)
    title_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    evidence_needed = models.TextField(_("evidence needed"), blank=True)
    evidence_needed_en = models.TextField(_("evidence needed (English)"), blank=True)
    weight = models.DecimalField(
        _("weight within the evaluation dimension (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("prefilled from"), max_length=24, choices=Source.choices, blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["dimension__order", "order", "code"]
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="eval_item_code_unique"),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=100), name="eval_item_weight_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Round(RegionOwnedModel):
    """One region's evaluation in one year. Corrections of a published round are new versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Self-assessment in progress")
        SUBMITTED = "submitted", _("Submitted, being scored")
        SCORED = "scored", _("Scored")
        PUBLISHED = "published", _("Published")

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    is_superseded = models.BooleanField(_("superseded by a published correction"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="evaluation_rounds", blank=True, verbose_name=_("assessors")
    )
    lead_assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead assessor"),
        help_text=_("Sets the agreed score where the assessors disagree by more than one point."),
    )
    interview_notes = models.TextField(_("interview notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Frozen at publication, so public pages and the ranking read one row and a later framework edit
    # (refused anyway) could never move a published figure.
    index = models.DecimalField(_("index"), max_digits=7, decimal_places=4, null=True, blank=True)
    results = models.JSONField(_("results at publication"), default=dict, blank=True)

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "version"], name="round_unique_version"),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_reason=""),
                name="round_correction_has_reason",
                violation_error_message=_("A correction needs a reason."),
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="round_year_status_idx")]

    def __str__(self) -> str:
        label = _("Evaluation %(year)s") % {"year": self.year}
        return f"{label} v{self.version}" if self.version > 1 else label

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def index_display(self) -> Decimal | None:
        return None if self.index is None else self.index.quantize(Decimal("0.01"))


class ItemScore(RegionOwnedModel):
    """The region's self-assessment and the round's agreed score of one item.

    `score` is the agreed score: the mean of the assessors' own scores (`AssessorScore`, two decimals,
    half up), or the lead assessor's moderated score where they differ by more than one point.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="scores")
    prefill_value = models.CharField(_("prefilled figure"), max_length=250, blank=True)
    prefill_url = models.CharField(_("where the figure comes from"), max_length=300, blank=True)
    prefill_score = models.DecimalField(_("suggested score"), max_digits=4, decimal_places=2, null=True, blank=True)
    self_score = models.DecimalField(_("self score"), max_digits=4, decimal_places=2, null=True, blank=True)
    evidence_note = models.TextField(_("evidence"), blank=True)
    score = models.DecimalField(_("agreed score"), max_digits=4, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("assessors' comments"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    needs_moderation = models.BooleanField(_("assessors disagree"), default=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_reason = models.TextField(_("reason for the agreed score"), blank=True)

    class Meta:
        ordering = ["item__dimension__order", "item__order", "item__code"]
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="item_score_once_per_round"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0), name="item_score_not_negative"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0), name="item_self_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.item_id}"

    @property
    def is_moderated(self) -> bool:
        return self.moderated_by_id is not None


class AssessorScore(RegionOwnedModel):
    """One assessor's own score and comment on one item of a round (assessors score independently)."""

    item_score = models.ForeignKey(ItemScore, on_delete=models.CASCADE, related_name="assessor_scores")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    class Meta:
        ordering = ["assessor__username"]
        verbose_name = _("assessor's item score")
        verbose_name_plural = _("assessors' item scores")
        constraints = [
            models.UniqueConstraint(fields=["item_score", "assessor"], name="assessor_score_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="assessor_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_score_id} · {self.assessor_id}"


class QuickWinRating(RegionOwnedModel):
    """An assessor's rating of one quick win: innovativeness, implementation and benefit to citizens."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="quick_wins")
    programme = models.ForeignKey("masterplan.Programme", on_delete=models.PROTECT, related_name="+")
    innovativeness = models.DecimalField(_("innovativeness"), max_digits=4, decimal_places=2, null=True, blank=True)
    implementation = models.DecimalField(_("implementation"), max_digits=4, decimal_places=2, null=True, blank=True)
    benefit = models.DecimalField(_("benefit to citizens"), max_digits=4, decimal_places=2, null=True, blank=True)
    survey_score = models.DecimalField(
        _("citizen impact survey score"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    survey_respondents = models.PositiveIntegerField(_("survey respondents"), null=True, blank=True)
    survey_url = models.CharField(_("survey results page"), max_length=300, blank=True)
    implementation_value = models.CharField(_("implementation figure"), max_length=250, blank=True)
    comment = models.TextField(_("assessor comment"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        ordering = ["programme__code"]
        verbose_name = _("quick-win rating")
        verbose_name_plural = _("quick-win ratings")
        constraints = [
            models.UniqueConstraint(fields=["round", "programme"], name="quick_win_once_per_round"),
            models.CheckConstraint(
                condition=(Q(innovativeness__isnull=True) | Q(innovativeness__gte=0))
                & (Q(implementation__isnull=True) | Q(implementation__gte=0))
                & (Q(benefit__isnull=True) | Q(benefit__gte=0)),
                name="quick_win_rating_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.programme_id}"

    @property
    def is_complete(self) -> bool:
        return None not in (self.innovativeness, self.implementation, self.benefit)

    @property
    def mean(self) -> Decimal | None:
        if not self.is_complete:
            return None
        return (self.innovativeness + self.implementation + self.benefit) / 3


class AssessorRating(RegionOwnedModel):
    """One assessor's own rating of one quick win; the round's rating is the mean per criterion."""

    rating = models.ForeignKey(QuickWinRating, on_delete=models.CASCADE, related_name="assessor_ratings")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    innovativeness = models.DecimalField(_("innovativeness"), max_digits=4, decimal_places=2, null=True, blank=True)
    implementation = models.DecimalField(_("implementation"), max_digits=4, decimal_places=2, null=True, blank=True)
    benefit = models.DecimalField(_("benefit to citizens"), max_digits=4, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        ordering = ["assessor__username"]
        verbose_name = _("assessor's quick-win rating")
        verbose_name_plural = _("assessors' quick-win ratings")
        constraints = [
            models.UniqueConstraint(fields=["rating", "assessor"], name="assessor_rating_once"),
            models.CheckConstraint(
                condition=(Q(innovativeness__isnull=True) | Q(innovativeness__gte=0))
                & (Q(implementation__isnull=True) | Q(implementation__gte=0))
                & (Q(benefit__isnull=True) | Q(benefit__gte=0)),
                name="assessor_rating_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating_id} · {self.assessor_id}"


def evidence_path(instance, filename: str) -> str:
    """A random name on disk (the person's file name is kept in `name`); one folder per region and round."""
    import uuid
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:6]
    return f"evaluation/{instance.region_id}/{instance.item_score.round_id}/{uuid.uuid4().hex}{ext}"


class ItemEvidence(RegionOwnedModel):
    """A document or image the region attaches to one self-assessment item. Private: served by a view that
    checks the rules (region staff and the round's assessors). Frozen once the self-assessment is submitted."""

    item_score = models.ForeignKey(ItemScore, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage)
    name = models.CharField(_("file name"), max_length=200)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
