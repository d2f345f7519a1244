from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel

YEAR_VALIDATORS = [MinValueValidator(2000)]


class Masterplan(RegionOwnedModel):
    """The region's ten-year smart city masterplan (e.g. Luwu Utara BISA Smart City 2022–2032)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    title = models.CharField(_("title"), max_length=200)
    period_start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    period_end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    vision = models.TextField(_("vision"), blank=True)
    vision_en = models.TextField(_("vision (English)"), blank=True)
    missions = models.TextField(_("missions"), blank=True, help_text=_("One mission per line."))
    missions_en = models.TextField(_("missions (English)"), blank=True, help_text=_("One mission per line."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    adoption_decree_number = models.CharField(_("adoption decree number"), max_length=120, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("One objective per line."))
    objectives_en = models.TextField(_("objectives (English)"), blank=True, help_text=_("One objective per line."))
    vision_keywords = models.CharField(
        _("vision keywords"), max_length=300, blank=True, help_text=_("Keywords for the vision from Bimtek I.")
    )
    profile = models.TextField(
        _("regional profile"),
        blank=True,
        help_text=_("Area, population, districts and economy, for the masterplan document's regional profile."),
    )
    # Optimistic concurrency: every service write bumps it; a form carries the value it was read at.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["-period_start_year"]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end_year__gt=F("period_start_year")),
                name="masterplan_period_order",
                violation_error_message=_("The last year must come after the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def years(self) -> range:
        return range(self.period_start_year, self.period_end_year + 1)

    def mission_list(self, language: str = "id") -> list[str]:
        text = self.missions_en if language.startswith("en") and self.missions_en else self.missions
        return [line.strip() for line in text.splitlines() if line.strip()]

    def objective_list(self, language: str = "id") -> list[str]:
        text = self.objectives_en if language.startswith("en") and self.objectives_en else self.objectives
        return [line.strip() for line in text.splitlines() if line.strip()]


class Dimension(RegionOwnedModel):
    """One of the six smart city dimensions, per region so a region can name its coordinator and extend."""

    class Key(models.TextChoices):
        GOVERNANCE = "governance", "Smart Governance"
        BRANDING = "branding", "Smart Branding"
        ECONOMY = "economy", "Smart Economy"
        LIVING = "living", "Smart Living"
        SOCIETY = "society", "Smart Society"
        ENVIRONMENT = "environment", "Smart Environment"

    key = models.SlugField(_("key"), max_length=30, help_text=_("Stable across regions, used in URLs."))
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    coordinator = models.ForeignKey(
        "regions.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_dimensions",
        verbose_name=_("coordinating agency"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Relative weight of the dimension in the masterplan achievement (default: all equal)."),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="dimension_key_unique_per_region")]

    def __str__(self) -> str:
        return self.name


class Element(RegionOwnedModel):
    """An element of a dimension (e.g. Smart Governance → pelayanan publik). Regions may add their own."""

    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="elements")
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("element")
        verbose_name_plural = _("elements")
        constraints = [models.UniqueConstraint(fields=["dimension", "key"], name="element_key_unique_per_dimension")]

    def __str__(self) -> str:
        return self.name


class Programme(RegionOwnedModel):
    """A programme of the masterplan, owned by one agency; a quick win when flagged."""

    class Horizon(models.TextChoices):
        SHORT = "short", _("Short term (1–3 years)")
        MEDIUM = "medium", _("Medium term (3–5 years)")
        LONG = "long", _("Long term (5–10 years)")

    class FundingSource(models.TextChoices):
        APBD = "apbd", _("APBD (regional budget)")
        APBN = "apbn", _("APBN (national budget)")
        DAK = "dak", _("DAK (special allocation fund)")
        PARTNER = "partner", _("Partner")
        CSR = "csr", _("CSR")
        OTHER = "other", _("Other")

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="programmes")
    code = models.CharField(_("code"), max_length=30, help_text=_("Unique within the masterplan, e.g. GOV-01."))
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="programmes")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes")
    owner_agency = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, related_name="owned_programmes", verbose_name=_("owner agency")
    )
    supporting_agencies = models.ManyToManyField(
        "regions.Agency", blank=True, related_name="supported_programmes", verbose_name=_("supporting agencies")
    )
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices, default=Horizon.SHORT)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=YEAR_VALIDATORS)
    budget_estimate = models.DecimalField(
        _("budget estimate (Rp)"), max_digits=18, decimal_places=0, default=0, validators=[MinValueValidator(0)]
    )
    funding_source = models.CharField(
        _("funding source"), max_length=10, choices=FundingSource.choices, default=FundingSource.APBD
    )
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    quick_win_year = models.PositiveSmallIntegerField(_("quick win year"), null=True, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Relative weight of the programme in its element and dimension (default 1)."),
    )
    # Optimistic concurrency: every service write bumps it; a form carries the value it was read at.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["dimension__order", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="programme_code_unique_per_masterplan"),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="programme_years_order",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=Q(budget_estimate__gte=0),
                name="programme_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(is_quick_win=False) | Q(quick_win_year__isnull=False),
                name="programme_quick_win_has_year",
                violation_error_message=_("A quick win needs the year it runs in."),
            ),
        ]
        indexes = [models.Index(fields=["region", "dimension"], name="programme_region_dim_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        """Rules that span rows; the database enforces the single-row ones too."""
        errors: dict[str, list] = {}
        if self.element_id and self.dimension_id and self.element.dimension_id != self.dimension_id:
            errors.setdefault("element", []).append(
                _("This element belongs to %(dimension)s, not to the chosen dimension.")
                % {"dimension": self.element.dimension.name}
            )
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors.setdefault("end_year", []).append(_("The end year cannot be before the start year."))
        if self.masterplan_id:
            mp = self.masterplan
            for field in ("start_year", "end_year", "quick_win_year"):
                year = getattr(self, field)
                if year and not (mp.period_start_year <= year <= mp.period_end_year):
                    errors.setdefault(field, []).append(
                        _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                        % {"year": year, "start": mp.period_start_year, "end": mp.period_end_year}
                    )
            if mp.region_id and self.region_id and mp.region_id != self.region_id:
                errors.setdefault("masterplan", []).append(_("The masterplan belongs to another region."))
        for field in ("dimension", "owner_agency"):
            related = getattr(self, f"{field}_id") and getattr(self, field)
            if related and self.region_id and related.region_id != self.region_id:
                errors.setdefault(field, []).append(_("Choose one of this region's own entries."))
        if self.is_quick_win and not self.quick_win_year:
            errors.setdefault("quick_win_year", []).append(_("A quick win needs the year it runs in."))
        if self.budget_estimate is not None and self.budget_estimate < 0:
            errors.setdefault("budget_estimate", []).append(_("The budget cannot be negative."))
        if errors:
            raise ValidationError(errors)


class Indicator(RegionOwnedModel):
    """A measurable indicator of a programme, with a target per year."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250, blank=True)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. %, unit, orang, desa"))
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True, help_text=_("e.g. villages, people"))
    baseline_value = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("Relative weight of the indicator in its programme's achievement (default 1)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class Target(RegionOwnedModel):
    """An indicator's target value for one year of the masterplan period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    class Meta:
        ordering = ["year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="target_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.year}: {self.value}"

    def clean(self) -> None:
        if self.indicator_id and self.year:
            mp = self.indicator.programme.masterplan
            if not (mp.period_start_year <= self.year <= mp.period_end_year):
                raise ValidationError(
                    {
                        "year": _("The year %(year)s is outside the masterplan period %(start)s–%(end)s.")
                        % {"year": self.year, "start": mp.period_start_year, "end": mp.period_end_year}
                    }
                )


class MasterplanVersion(RegionOwnedModel):
    """A frozen copy of the masterplan: the adopted version (number 0) and each revision after adoption.

    `data` holds the masterplan, its programmes, indicators and targets as JSON (masterplan.versions.freeze),
    so a revision can be compared with the adopted version whatever was edited since.
    """

    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("Adopted version")
        REVISION = "revision", _("Revision")

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"), help_text=_("0 is the adopted version; revisions count up."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    data = models.JSONField(_("frozen content"), default=dict)

    class Meta:
        ordering = ["masterplan", "number"]
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="masterplan_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.masterplan_id} v{self.number}"
