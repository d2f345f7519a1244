"""Background jobs of the masterplan workbook and document: export, preview, import, PDF and DOCX.

One table for the five kinds: each has a status and a progress the page polls, an optional uploaded workbook
(preview and import), an optional result file (export and documents) and a JSON report (preview and import).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.jobs import LeasedJob
from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage


def job_path(instance, filename: str) -> str:
    return f"planio/{instance.region_id}/{instance.masterplan_id}/{filename}"


class PlanJob(RegionOwnedModel, LeasedJob):
    """One background job on a masterplan's workbook or document."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Workbook export (XLSX)")
        PREVIEW = "preview", _("Import preview")
        IMPORT = "import", _("Import")
        PDF = "pdf", _("Masterplan document (PDF)")
        DOCX = "docx", _("Masterplan document (DOCX)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    masterplan = models.ForeignKey(
        "masterplan.Masterplan", on_delete=models.CASCADE, related_name="+", verbose_name=_("masterplan")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, default="id")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    upload = models.FileField(_("uploaded workbook"), upload_to=job_path, storage=private_storage, blank=True)
    upload_name = models.CharField(_("uploaded file name"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=job_path, storage=private_storage, blank=True)
    parsed = models.FileField(
        _("rows as read"),
        upload_to=job_path,
        storage=private_storage,
        blank=True,
        help_text=_("The preview's rows (JSON), so the confirmed import does not parse the workbook again."),
    )
    report = models.JSONField(_("report"), null=True, blank=True)
    content_hash = models.CharField(
        _("content hash"), max_length=64, blank=True, help_text=_("What the file was built from (documents).")
    )
    preview = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="imports", verbose_name=_("preview")
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why an adopted masterplan is changed (the import is a revision).")
    )
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workbook or document job")
        verbose_name_plural = _("workbook and document jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="planjob_progress_0_100"),
        ]
        indexes = [models.Index(fields=["masterplan", "kind", "content_hash"], name="planjob_lookup_idx")]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        """rencana-luwu-utara-2022-2032.xlsx (export) / .pdf / .docx; the uploaded name for imports."""
        if self.kind in (self.Kind.PREVIEW, self.Kind.IMPORT):
            return self.upload_name or "import.xlsx"
        mp = self.masterplan
        ext = "xlsx" if self.kind == self.Kind.EXPORT else self.kind
        return f"rencana-induk-{self.region.slug}-{mp.period_start_year}-{mp.period_end_year}.{ext}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_rejections(self) -> bool:
        return bool(self.report and self.report.get("errors"))
