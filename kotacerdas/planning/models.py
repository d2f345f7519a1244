"""Masterplan authoring over the four Bimtek rounds (docs/planning.md, ../shared/domain.md §4).

Everything hangs off a `masterplan.Masterplan`; programmes themselves stay `masterplan.Programme` rows and
this app adds what the rounds produce around them: readiness analysis (round I), strategies and the
source of existing programmes (round II), action-plan milestones (round III) and quick-win steps (round IV).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.masterplan.models import YEAR_VALIDATORS

# The readiness scale, stated on every questionnaire page: 0 (absent) to 4 (optimised).
SCORE_MIN, SCORE_MAX = 0, 4
SCORE_LABELS = {
    0: _("0 – absent"),
    1: _("1 – initial"),
    2: _("2 – developing"),
    3: _("3 – established"),
    4: _("4 – optimised"),
}


class Pillar(models.TextChoices):
    STRUKTUR = "struktur", _("Struktur (people, bureaucracy, budget)")
    INFRASTRUKTUR = "infrastruktur", _("Infrastruktur (networks, internet, social infrastructure)")
    SUPRASTRUKTUR = "suprastruktur", _("Suprastruktur (policy, institutions, regulation)")


class VersionedModel(RegionOwnedModel):
    """A row edited by several people: services bump `version`; forms send the one they read."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Round(VersionedModel):
    """One Bimtek workshop (I–IV) of a masterplan: when it was held, who came, and whether it is complete."""

    class Number(models.IntegerChoices):
        I = 1, _("Bimtek I – readiness analysis")  # noqa: E741
        II = 2, _("Bimtek II – vision, missions and existing programmes")
        III = 3, _("Bimtek III – new programmes, innovations and roadmap")
        IV = 4, _("Bimtek IV – quick wins and adoption")

    masterplan = models.ForeignKey("masterplan.Masterplan", on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"), choices=Number.choices)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_until = models.DateField(_("until"), null=True, blank=True, help_text=_("Last day, if several."))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["masterplan", "number"]
        verbose_name = _("Bimtek round")
        verbose_name_plural = _("Bimtek rounds")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="planning_round_unique_per_masterplan"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=4), name="planning_round_number_1_to_4"),
            models.CheckConstraint(
                condition=Q(held_until__isnull=True) | Q(held_on__isnull=False, held_until__gte=models.F("held_on")),
                name="planning_round_dates_order",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"Bimtek {self.get_number_display()}"

    @property
    def roman(self) -> str:
        return {1: "I", 2: "II", 3: "III", 4: "IV"}[self.number]

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Participant(RegionOwnedModel):
    """A line of a round's attendance list."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "regions.Agency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("agency")
    )
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["round", "name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class ChecklistItem(RegionOwnedModel):
    """One item of a round's completion checklist; a round is complete only when all are done."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField(_("item"), max_length=250)
    label_en = models.CharField(_("item (English)"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.label


class ReadinessItem(VersionedModel):
    """A question of the round I readiness questionnaire, with its score (0–4) and evidence.

    The questionnaire is per masterplan: seeded with default questions, edited by the region admin.
    """

    masterplan = models.ForeignKey("masterplan.Masterplan", on_delete=models.CASCADE, related_name="readiness_items")
    pillar = models.CharField(_("pillar"), max_length=15, choices=Pillar.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question = models.CharField(_("question"), max_length=300)
    question_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=_("0 (absent) to 4 (optimised)."),
    )
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        ordering = ["masterplan", "pillar", "order", "pk"]
        verbose_name = _("readiness item")
        verbose_name_plural = _("readiness items")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="planning_readiness_score_range",
                violation_error_message=_("The score must be between 0 and 4."),
            ),
        ]

    def __str__(self) -> str:
        return self.question


class PillarAnalysis(VersionedModel):
    """Round I per pillar: SWOT (one entry per line) and the gap summary."""

    masterplan = models.ForeignKey("masterplan.Masterplan", on_delete=models.CASCADE, related_name="pillar_analyses")
    pillar = models.CharField(_("pillar"), max_length=15, choices=Pillar.choices)
    strengths = models.TextField(_("strengths"), blank=True, help_text=_("One per line."))
    weaknesses = models.TextField(_("weaknesses"), blank=True, help_text=_("One per line."))
    opportunities = models.TextField(_("opportunities"), blank=True, help_text=_("One per line."))
    threats = models.TextField(_("threats"), blank=True, help_text=_("One per line."))
    gap_summary = models.TextField(_("gap summary"), blank=True)

    class Meta:
        ordering = ["masterplan", "pillar"]
        verbose_name = _("pillar analysis")
        verbose_name_plural = _("pillar analyses")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "pillar"], name="planning_pillar_unique_per_masterplan"),
        ]

    def __str__(self) -> str:
        return self.get_pillar_display()

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def swot(self) -> dict[str, list[str]]:
        return {f: self._lines(getattr(self, f)) for f in ("strengths", "weaknesses", "opportunities", "threats")}


class Strategy(VersionedModel):
    """Round II: a strategy for a dimension (optionally one of its elements)."""

    masterplan = models.ForeignKey("masterplan.Masterplan", on_delete=models.CASCADE, related_name="strategies")
    dimension = models.ForeignKey("masterplan.Dimension", on_delete=models.PROTECT, related_name="strategies")
    element = models.ForeignKey(
        "masterplan.Element", on_delete=models.PROTECT, null=True, blank=True, related_name="strategies"
    )
    text = models.TextField(_("strategy"))
    text_en = models.TextField(_("strategy (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["masterplan", "dimension__order", "order", "pk"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.text[:60]


class ProgrammeOrigin(VersionedModel):
    """Where a programme comes from: mapped from the RPJMD or an agency's Renstra (round II), or new (III).

    Absent for a programme nobody has classified yet; treat that as "new".
    """

    class Source(models.TextChoices):
        RPJMD = "rpjmd", _("Existing – RPJMD")
        RENSTRA = "renstra", _("Existing – agency Renstra")
        NEW = "new", _("New programme (Bimtek III)")

    class InnovationKind(models.TextChoices):
        NONE = "", _("Not an innovation")
        TECHNOLOGY = "technology", _("Technology")
        POLICY = "policy", _("Policy or regulation")
        SERVICE = "service", _("Public service")
        SOCIAL = "social", _("Social or community")

    programme = models.OneToOneField("masterplan.Programme", on_delete=models.CASCADE, related_name="origin")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.NEW)
    source_document = models.CharField(
        _("source document"), max_length=250, blank=True, help_text=_("e.g. RPJMD Luwu Utara 2021–2026")
    )
    source_reference = models.CharField(
        _("page or section"), max_length=120, blank=True, help_text=_("e.g. Bab IV, hlm. 112")
    )
    innovation_kind = models.CharField(
        _("innovation"), max_length=12, choices=InnovationKind.choices, blank=True, default=InnovationKind.NONE
    )

    class Meta:
        verbose_name = _("programme origin")
        verbose_name_plural = _("programme origins")
        constraints = [
            models.CheckConstraint(
                condition=Q(source="new") | ~Q(source_document=""),
                name="planning_existing_programme_has_source",
                violation_error_message=_("An existing programme needs the name of its source document."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.source}"

    @property
    def is_existing(self) -> bool:
        return self.source != self.Source.NEW


class Milestone(VersionedModel):
    """Round III action plan: what a programme reaches in a given year."""

    programme = models.ForeignKey("masterplan.Programme", on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("milestone"), max_length=250)
    title_en = models.CharField(_("milestone (English)"), max_length=250, blank=True)

    class Meta:
        ordering = ["programme", "year", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"


class QuickWinStep(VersionedModel):
    """Round IV: an implementation step of a quick win."""

    programme = models.ForeignKey("masterplan.Programme", on_delete=models.CASCADE, related_name="quick_win_steps")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("step"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=150, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("quick-win step")
        verbose_name_plural = _("quick-win steps")

    def __str__(self) -> str:
        return self.description
