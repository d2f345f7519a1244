"""The regional innovation registry (Inovasi Daerah, PP 38/2017): innovations, the evidence for each stage
they reached, and their replication by other regions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage


def evidence_path(instance, filename: str) -> str:
    return f"innovation/{instance.region_id}/{instance.innovation_id}/{filename}"


class Innovation(RegionOwnedModel):
    """One regional innovation and where it stands (proposal → decided → trial → applied)."""

    class Stage(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        DECIDED = "decided", _("Decided")
        TRIAL = "trial", _("Trial")
        APPLIED = "applied", _("Applied")

    class Initiator(models.TextChoices):
        REGIONAL_HEAD = "regional_head", _("Regional head")
        DPRD = "dprd", _("DPRD (regional council)")
        CIVIL_SERVANT = "civil_servant", _("Civil servant (ASN)")
        AGENCY = "agency", _("Regional agency (PD)")
        CITIZEN = "citizen", _("Citizen")

    class Form(models.TextChoices):
        GOVERNANCE = "governance", _("Governance")
        PUBLIC_SERVICE = "public_service", _("Public service")
        OTHER = "other", _("Other regional affairs")

    # The order stages are passed in; an innovation moves one step at a time.
    STAGE_ORDER = [Stage.PROPOSAL, Stage.DECIDED, Stage.TRIAL, Stage.APPLIED]
    PUBLIC_STAGES = [Stage.TRIAL, Stage.APPLIED]
    # The five criteria of PP 38/2017 art. 3: (field prefix, label).
    CRITERIA = [
        ("renews", _("Renews all or part of how things are done")),
        ("benefits", _("Benefits the region and/or its people")),
        ("no_burden", _("Imposes no burden or restriction on citizens beyond the law")),
        ("authority", _("Falls within the region's authority")),
        ("replicable", _("Can be replicated")),
    ]

    title = models.CharField(_("name of the innovation"), max_length=200)
    title_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    initiator_type = models.CharField(_("initiator"), max_length=20, choices=Initiator.choices)
    initiator_name = models.CharField(
        _("initiator's name"),
        max_length=150,
        blank=True,
        help_text=_("A citizen initiator's name is shown to staff only."),
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    agency = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, related_name="innovations", verbose_name=_("owning agency")
    )
    dimension = models.ForeignKey(
        "masterplan.Dimension",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="innovations",
        verbose_name=_("dimension"),
    )
    programme = models.ForeignKey(
        "masterplan.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="innovations",
        verbose_name=_("programme or quick win"),
    )
    source_idea = models.ForeignKey(
        "ideas.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovations",
        verbose_name=_("from the citizen idea"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.PROPOSAL)
    proposed_on = models.DateField(_("proposed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    trial_on = models.DateField(_("trial started on"), null=True, blank=True)
    applied_on = models.DateField(_("applied since"), null=True, blank=True)
    decree_number = models.CharField(_("decision (SK) number"), max_length=120, blank=True)

    renews = models.BooleanField(_("renews"), default=False)
    renews_note = models.TextField(_("why it renews"), blank=True)
    benefits = models.BooleanField(_("benefits"), default=False)
    benefits_note = models.TextField(_("what benefit"), blank=True)
    no_burden = models.BooleanField(_("no unlawful burden"), default=False)
    no_burden_note = models.TextField(_("why no unlawful burden"), blank=True)
    authority = models.BooleanField(_("within regional authority"), default=False)
    authority_note = models.TextField(_("which regional affair"), blank=True)
    replicable = models.BooleanField(_("replicable"), default=False)
    replicable_note = models.TextField(_("how it can be replicated"), blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["title"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="innovation_title_unique_per_region"),
            models.CheckConstraint(
                condition=Q(stage="proposal")
                | (Q(stage="decided") & Q(decided_on__isnull=False))
                | (Q(stage="trial") & Q(decided_on__isnull=False) & Q(trial_on__isnull=False))
                | (
                    Q(stage="applied")
                    & Q(decided_on__isnull=False)
                    & Q(trial_on__isnull=False)
                    & Q(applied_on__isnull=False)
                ),
                name="innovation_stage_has_its_dates",
                violation_error_message=_("Each stage reached needs its date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.stage in self.PUBLIC_STAGES

    @property
    def stage_index(self) -> int:
        return self.STAGE_ORDER.index(self.stage)

    @property
    def next_stage(self) -> str | None:
        i = self.stage_index
        return self.STAGE_ORDER[i + 1] if i + 1 < len(self.STAGE_ORDER) else None

    @property
    def criteria_met(self) -> int:
        return sum(1 for key, _label in self.CRITERIA if getattr(self, key))

    def criteria_rows(self):
        """(label, met, justification) for the five criteria, in order."""
        return [(label, getattr(self, key), getattr(self, key + "_note")) for key, label in self.CRITERIA]


class InnovationEvidence(RegionOwnedModel):
    """A document, photo or link backing one stage of an innovation (the decree, trial report, photos...)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")
        LINK = "link", _("Link")

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="evidence")
    stage = models.CharField(_("stage"), max_length=10, choices=Innovation.Stage.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, blank=True)
    url = models.URLField(_("link"), blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    is_public = models.BooleanField(
        _("show on the public page"),
        default=False,
        help_text=_("Only for evidence without personal data; shown once the innovation is public."),
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("innovation evidence")
        verbose_name_plural = _("innovation evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (~Q(kind="link") & ~Q(file="")),
                name="innovation_evidence_has_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.url or self.file.name


class Replication(RegionOwnedModel):
    """Another region that took the innovation over: by name and year, or linked to a region on this site."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="replications")
    region_name = models.CharField(_("region"), max_length=150, blank=True)
    other_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region on this site"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["year", "region_name"]
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        constraints = [
            models.CheckConstraint(
                condition=~Q(region_name="") | Q(other_region__isnull=False),
                name="replication_names_a_region",
                violation_error_message=_("Name the region or choose it from the list."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.year})"

    @property
    def display_name(self) -> str:
        return self.other_region.display_name if self.other_region_id else self.region_name
