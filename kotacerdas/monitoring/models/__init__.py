"""Implementation monitoring (monev): reporting periods, progress reports, evidence, verification, roll-ups."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage

from ..achievement import STORED_PLACES


class MonitoringSettings(RegionOwnedModel):
    """A region's monitoring configuration. Missing means the documented defaults."""

    class Frequency(models.IntegerChoices):
        YEARLY = 1, _("Yearly")
        SEMESTER = 2, _("Every semester")
        QUARTERLY = 4, _("Quarterly")
        MONTHLY = 12, _("Monthly")

    frequency = models.PositiveSmallIntegerField(
        _("reporting frequency"), choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    due_days_after_period = models.PositiveSmallIntegerField(
        _("days after the period's end a report is due"), default=10
    )
    remind_days_before_due = models.PositiveSmallIntegerField(_("remind this many days before the due date"), default=5)
    achievement_cap = models.PositiveSmallIntegerField(
        _("achievement cap (%)"),
        default=100,
        validators=[MinValueValidator(100), MaxValueValidator(200)],
        help_text=_(
            "An indicator above its target counts at most this much, so one over-achieved indicator "
            "cannot hide another that lags."
        ),
    )

    headline_min_coverage = models.PositiveSmallIntegerField(
        _("coverage for a recent period to lead the public figures (%)"),
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Public and council figures show the latest closed period, or a more recent period once this share "
            "of its programmes has a verified report (0–100)."
        ),
    )
    evidence_required = models.BooleanField(
        _("verification requires evidence"),
        default=True,
        help_text=_("A report without at least one piece of evidence cannot be verified."),
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")
        constraints = [
            models.UniqueConstraint(fields=["region"], name="monitoring_settings_one_per_region"),
            models.CheckConstraint(
                condition=Q(headline_min_coverage__lte=100),
                name="monitoring_headline_coverage_0_100",
                violation_error_message=_("Enter a share between 0 and 100."),
            ),
        ]


class ReportingPeriod(RegionOwnedModel):
    """A period agencies report on (e.g. 2024 quarter 2). Opened and closed by the region admin."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number in the year"))
    periods_in_year = models.PositiveSmallIntegerField(_("periods in the year"), default=4)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("reports due on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PLANNED)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "number"], name="period_unique_per_region"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="period_dates_order"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.periods_in_year == 4:
            return _("Q%(n)s %(year)s") % {"n": self.number, "year": self.year}
        if self.periods_in_year == 2:
            return _("Semester %(n)s %(year)s") % {"n": self.number, "year": self.year}
        if self.periods_in_year == 1:
            return str(self.year)
        return f"{self.year}-{self.number:02d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PeriodPlan(RegionOwnedModel):
    """The masterplan as it stood when a period closed: the programmes expected to report, their weights,
    places and indicator targets, and the version in force. A closed period's figures and exports read this,
    so later plan edits never change a closed quarter (docs/monitoring.md, "Frozen history")."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, related_name="plan")
    masterplan = models.ForeignKey("masterplan.Masterplan", on_delete=models.SET_NULL, null=True, related_name="+")
    masterplan_title = models.CharField(_("masterplan"), max_length=200, blank=True)
    version = models.ForeignKey(
        "masterplan.MasterplanVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version_number = models.PositiveIntegerField(_("version in force"), null=True, blank=True)
    version_date = models.DateTimeField(_("version frozen at"), null=True, blank=True)
    # {programme id: {"weight", "dimension_id", "element_id", "owner_agency_id", "indicators": {id: {"weight",
    # "target"}}}} with numbers as text; {dimension id: weight}.
    programmes = models.JSONField(_("programmes expected to report"), default=dict)
    dimension_weights = models.JSONField(_("dimension weights"), default=dict)
    frozen_at = models.DateTimeField(_("frozen at"))

    class Meta:
        verbose_name = _("plan of a closed period")
        verbose_name_plural = _("plans of closed periods")

    def __str__(self) -> str:
        return f"{self.period_id} · {self.version_label}"

    @property
    def version_label(self) -> str:
        """'Revision 3 of <title>' or 'Adopted version of <title>', in the active language."""
        if self.version_number is None:
            return _("%(title)s as it stood when the period closed") % {"title": self.masterplan_title}
        if self.version_number == 0:
            return _("Adopted version of %(title)s") % {"title": self.masterplan_title}
        return _("Revision %(n)s of %(title)s") % {"n": self.version_number, "title": self.masterplan_title}


class ProgressReport(RegionOwnedModel):
    """An agency's report on one programme for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        VERIFIED = "verified", _("Verified")

    programme = models.ForeignKey("masterplan.Programme", on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    progress_percent = models.DecimalField(
        _("progress (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    milestone = models.CharField(_("milestone reached"), max_length=250, blank=True)
    budget_realised = models.DecimalField(
        _("budget realised (Rp)"),
        max_digits=18,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    narrative = models.TextField(_("what was done"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    achievement = models.DecimalField(  # full precision; shown rounded (achievement.shown)
        _("achievement (%)"),
        max_digits=12,
        decimal_places=STORED_PLACES,
        null=True,
        blank=True,
        help_text=_("Computed from the indicators when the report is saved."),
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Bumped on every save; a stale form is refused.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged by the Dewan at"), null=True, blank=True)

    class Meta:
        ordering = ["-period__year", "-period__number", "programme__code"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["programme", "period"], name="report_one_per_programme_period"),
            models.CheckConstraint(
                condition=Q(progress_percent__isnull=True) | Q(progress_percent__gte=0, progress_percent__lte=100),
                name="report_progress_0_100",
                violation_error_message=_("Progress must be between 0 and 100 percent."),
            ),
            models.CheckConstraint(
                condition=Q(budget_realised__isnull=True) | Q(budget_realised__gte=0),
                name="report_budget_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["region", "period", "status"], name="report_region_period_idx")]

    def __str__(self) -> str:
        return f"{self.programme_id} · {self.period_id}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class IndicatorValue(RegionOwnedModel):
    """The realised value of one indicator in a report, with the target it was measured against."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey("masterplan.Indicator", on_delete=models.CASCADE, related_name="values")
    realised = models.DecimalField(_("realised value"), max_digits=18, decimal_places=4)
    target = models.DecimalField(_("target that year"), max_digits=18, decimal_places=4, null=True, blank=True)
    achievement = models.DecimalField(  # full precision; shown rounded (achievement.shown)
        _("achievement (%)"), max_digits=12, decimal_places=STORED_PLACES, null=True, blank=True
    )
    note = models.CharField(_("how the achievement was computed"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="value_one_per_indicator")]


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.region_id}/{instance.report_id}/{filename}"


class Evidence(RegionOwnedModel):
    """A document, photo (optionally with its location) or link backing a report."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")
        LINK = "link", _("Link")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, blank=True)
    url = models.URLField(_("link"), blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (~Q(kind="link") & ~Q(file="")),
                name="evidence_has_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.url or self.file.name


class OfflineDelivery(RegionOwnedModel):
    """A progress report sent from a phone's offline drafts (docs/offline.md), remembered by its idempotency key:
    when the answer was lost on a weak network, the phone's retry gets the report as it is instead of adding
    the evidence again."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="offline_deliveries")
    key = models.CharField(_("idempotency key (SHA-256 of sender and key)"), max_length=64)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("offline delivery")
        verbose_name_plural = _("offline deliveries")
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="offline_delivery_key_once")]


class ReportEvent(RegionOwnedModel):
    """A step in a report's life shown on the report: submitted, returned (with the comment), verified..."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        VERIFIED = "verified", _("Verified")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged by the Dewan")
        COMMENT = "comment", _("Comment")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")


class Achievement(RegionOwnedModel):
    """A maintained roll-up row: the verified achievement of one thing in one period.

    Rewritten for the whole period whenever a report of that period is verified (or un-verified), so
    dashboards read a handful of rows instead of aggregating reports on every request.
    """

    class Level(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        ELEMENT = "element", _("Element")
        DIMENSION = "dimension", _("Dimension")
        AGENCY = "agency", _("Agency")
        MASTERPLAN = "masterplan", _("Masterplan")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="achievements")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    value = models.DecimalField(_("achievement (%)"), max_digits=6, decimal_places=2, null=True, blank=True)
    # The same at full precision (achievement.STORED_PLACES): the masterplan's mean is taken over the dimensions'
    # exact means, so one verification can update it from the dimension rows alone (services.achievements_update).
    value_exact = models.DecimalField(
        _("achievement (%), full precision"), max_digits=12, decimal_places=STORED_PLACES, null=True, blank=True
    )
    reported = models.PositiveIntegerField(_("programmes with a verified report"), default=0)
    expected = models.PositiveIntegerField(_("programmes expected to report"), default=0)
    # The masterplan row of a period measured against the live plan: the plan as it stood when the row was
    # computed (monitoring.services.plan.plan_stamp: programmes, the sum of their ids and of their versions,
    # which every write bumps). A verification updates only the rows its programme feeds while the stamp holds;
    # after any plan edit it recomputes the period, so no row of another programme is left stale.
    plan_stamp = models.CharField(_("plan stamp"), max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("achievement roll-up")
        verbose_name_plural = _("achievement roll-ups")
        constraints = [
            models.UniqueConstraint(fields=["period", "level", "object_id"], name="achievement_unique_row"),
        ]
        indexes = [models.Index(fields=["region", "level", "period"], name="achievement_lookup_idx")]


from .exports import ExportJob as ExportJob  # noqa: E402  (split for size; importable from here)
from .exports import export_path as export_path  # noqa: E402
