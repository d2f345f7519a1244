"""Citizen reports (aduan): categories routed to agencies, reports with photos and a location, their public
updates, per-region settings (SP4N-LAPOR deadlines, bounding box, rate limits), per-agency statistics kept
up to date on every write, and the Open311 API keys."""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kotacerdas.common.i18n import in_reader_language
from kotacerdas.common.models import RegionOwnedModel

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
# the platform's own first step of every report (written by participation.services.intake)
RECEIVED_TEXT = gettext_noop("Report received and routed to %(agency)s.")
RESPONSE_HISTOGRAM_HOURS = 24 * 30  # first responses are counted per hour up to 30 days, then one overflow bucket


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


class ReportSettings(RegionOwnedModel):
    """A region's rules for reports. Deadlines follow SP4N-LAPOR (working days by default; a region may set its
    own numbers, or count calendar days)."""

    first_response_days = models.PositiveSmallIntegerField(
        _("first response (days)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    days_information = models.PositiveSmallIntegerField(
        _("resolution of information requests and simple complaints (days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    days_standard = models.PositiveSmallIntegerField(
        _("resolution without a field check (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    days_field_check = models.PositiveSmallIntegerField(
        _("resolution with a field check (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    # The region's bounding box: a location outside it is refused. Empty: any valid coordinate is accepted.
    min_lat = models.DecimalField(_("southern edge (latitude)"), max_digits=9, decimal_places=6, null=True, blank=True)
    max_lat = models.DecimalField(_("northern edge (latitude)"), max_digits=9, decimal_places=6, null=True, blank=True)
    min_lon = models.DecimalField(_("western edge (longitude)"), max_digits=9, decimal_places=6, null=True, blank=True)
    max_lon = models.DecimalField(_("eastern edge (longitude)"), max_digits=9, decimal_places=6, null=True, blank=True)
    reports_per_ip_per_hour = models.PositiveIntegerField(_("reports per IP address per hour"), default=10)
    reports_per_account_per_hour = models.PositiveIntegerField(_("reports per account or API key per hour"), default=20)
    count_working_days = models.BooleanField(
        _("count working days"),
        default=True,
        help_text=_(
            "Deadlines skip Saturdays, Sundays and the holidays in the region's calendar (SP4N-LAPOR counts "
            "working days). Off: calendar days."
        ),
    )

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")
        constraints = [models.UniqueConstraint(fields=["region"], name="report_settings_one_per_region")]

    def __str__(self) -> str:
        return f"report settings · {self.region_id}"

    @property
    def has_bbox(self) -> bool:
        return None not in (self.min_lat, self.max_lat, self.min_lon, self.max_lon)

    def days_for(self, kind: str) -> int:
        return {
            ReportCategory.Kind.INFORMATION: self.days_information,
            ReportCategory.Kind.STANDARD: self.days_standard,
            ReportCategory.Kind.FIELD_CHECK: self.days_field_check,
        }[kind]


class Holiday(RegionOwnedModel):
    """A day without work in the region (national holiday, cuti bersama or a regional holiday): working-day
    deadlines skip it."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National holiday")
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        REGIONAL = "regional", _("Regional holiday")

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NATIONAL)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        constraints = [models.UniqueConstraint(fields=["region", "date"], name="holiday_one_per_day")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class ReportCategory(RegionOwnedModel):
    """What a report is about; its `code` is the Open311 service_code. Routed to an agency (per district
    overrides in CategoryRoute)."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information request / simple complaint (5 days)")
        STANDARD = "standard", _("Complaint without a field check (14 days)")
        FIELD_CHECK = "field_check", _("Complaint needing a field check (60 days)")

    code = models.SlugField(_("code (Open311 service code)"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(_("kind (deadline)"), max_length=12, choices=Kind.choices, default=Kind.STANDARD)
    agency = models.ForeignKey(
        "regions.Agency",
        on_delete=models.PROTECT,
        related_name="report_categories",
        verbose_name=_("responsible agency"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="report_category_code_unique")]

    def __str__(self) -> str:
        return self.name


class CategoryRoute(RegionOwnedModel):
    """In this district, reports of this category go to another agency (e.g. the kecamatan office)."""

    category = models.ForeignKey(ReportCategory, on_delete=models.CASCADE, related_name="routes")
    district = models.ForeignKey("regions.District", on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("regions.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("routing override")
        verbose_name_plural = _("routing overrides")
        constraints = [models.UniqueConstraint(fields=["category", "district"], name="category_route_unique")]


class Report(RegionOwnedModel):
    """An aduan. The reporter's identity and contact are private: only the region's handling staff see them."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFIED = "verified", _("Verified")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    class Source(models.TextChoices):
        WEB = "web", _("Website")
        OPEN311 = "open311", _("Open311 app")

    OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.RESOLVED, Status.REJECTED)

    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, default=new_tracking_code)
    category = models.ForeignKey(ReportCategory, on_delete=models.PROTECT, related_name="reports")
    agency = models.ForeignKey("regions.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    description = models.TextField(_("description"), max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    village = models.ForeignKey(
        "regions.Village", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("village")
    )
    address = models.CharField(_("address or landmark"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.WEB)
    # private
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_name = models.CharField(_("your name"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    # the language the report was written in: an anonymous reporter's e-mails are written in it
    reporter_language = models.CharField(_("reporter's language"), max_length=8, blank=True, default="")
    external_media_url = models.URLField(_("media link (Open311)"), max_length=500, blank=True)
    # SHA-256 of the client's scope and its whole key, and of the normalised request (participation/idempotency.py)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, default="")
    # deadlines and timing (SP4N-LAPOR)
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # True from a submission until the intake task (services.report_intake_finish) wrote its "received"
    # update and counted it in the agency's statistics; rows written any other way need no such step.
    intake_pending = models.BooleanField(default=False, db_default=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("report (aduan)")
        verbose_name_plural = _("reports (aduan)")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="report_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True) | Q(lat__isnull=False, lon__isnull=False),
                name="report_lat_lon_together",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status", "-id"], name="report_region_status"),
            models.Index(fields=["region", "category", "status", "-id"], name="report_region_category"),
            models.Index(fields=["region", "district", "-id"], name="report_region_district"),
            models.Index(fields=["region", "agency", "status", "-id"], name="report_region_agency"),
            models.Index(fields=["region", "-updated_at"], name="report_region_updated"),
            models.Index(fields=["category", "lat"], name="report_category_lat"),
            # The intake task's scan (services.intake_finish) and the sweep find the few pending reports at once;
            # without it they read every report of the region (4 ms at 13,000 rows, growing with the region).
            models.Index(fields=["region", "id"], condition=Q(intake_pending=True), name="report_intake_pending"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.tracking_code}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_late(self, now) -> bool:
        """Past its first-response deadline without a response, or open past its resolution deadline."""
        if self.first_response_at is None and now > self.first_response_due:
            return True
        if self.is_open and now > self.resolution_due:
            return True
        return bool(self.status == self.Status.RESOLVED and self.closed_at and self.closed_at > self.resolution_due)


def photo_path(instance, filename: str) -> str:
    return f"aduan/{instance.region_id}/{instance.report_id}/{secrets.token_hex(6)}-{filename}"


class ReportPhoto(RegionOwnedModel):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)

    class Meta:
        ordering = ["id"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")


class ReportUpdate(RegionOwnedModel):
    """A public step in a report's life: the status it moved to and what the agency says, or a forward to
    another agency (`forwarded_to`; its reason in `text` when public, in `internal_note` when staff-only)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=12, choices=Report.Status.choices)
    previous_status = models.CharField(max_length=12, choices=Report.Status.choices, blank=True)
    text = models.TextField(_("public update"), max_length=2000, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # a re-routing step: the status stays, the report went to this agency; the reason may be staff-only
    forwarded_to = models.ForeignKey(
        "regions.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded to"),
    )
    internal_note = models.TextField(_("internal reason (staff only)"), max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")

    @property
    def shown_text(self) -> str:
        """The public text in the reader's language when the platform wrote it (no actor), else as written."""
        if self.actor_id is None and self.text:
            return in_reader_language(self.text, RECEIVED_TEXT)
        return self.text


class AgencyReportStats(RegionOwnedModel):
    """Counters per agency, updated in the same transaction as every report write, so the statistics page
    reads one row per agency instead of grouping a million reports."""

    agency = models.ForeignKey("regions.Agency", on_delete=models.CASCADE, related_name="+")
    received = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    responded = models.PositiveIntegerField(default=0)
    responded_in_time = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_in_time = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    # first-response times: count per whole hour (index = hours), the last bucket for anything longer
    response_hours = models.JSONField(default=list)

    class Meta:
        verbose_name = _("agency report statistics")
        verbose_name_plural = _("agency report statistics")
        constraints = [models.UniqueConstraint(fields=["region", "agency"], name="agency_report_stats_unique")]

    @property
    def median_response_hours(self) -> float | None:
        total = sum(self.response_hours or [])
        if not total:
            return None
        half, seen = (total + 1) / 2, 0
        for hours, count in enumerate(self.response_hours):
            seen += count
            if seen >= half:
                return hours + 0.5
        return None

    @property
    def resolved_in_time_pct(self) -> float | None:
        return round(100 * self.resolved_in_time / self.resolved, 1) if self.resolved else None

    @property
    def responded_in_time_pct(self) -> float | None:
        return round(100 * self.responded_in_time / self.responded, 1) if self.responded else None


class Open311Key(RegionOwnedModel):
    """An API key an Open311 app sends as `api_key` to POST requests. Only its SHA-256 is stored."""

    name = models.CharField(_("application name"), max_length=120)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("key starts with"), max_length=8)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
