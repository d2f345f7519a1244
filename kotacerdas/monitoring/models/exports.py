"""The background export job of a period's monitoring report (split from models for size)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.jobs import LeasedJob
from kotacerdas.common.models import RegionOwnedModel
from kotacerdas.common.storage import private_storage


def export_path(instance, filename: str) -> str:
    return f"exports/{instance.region_id}/{instance.period_id}/{filename}"


class ExportJob(RegionOwnedModel, LeasedJob):
    """A period's monitoring report built as XLSX or PDF in the background; the page polls `progress`."""

    class Kind(models.TextChoices):
        XLSX = "xlsx", _("Spreadsheet (XLSX)")
        PDF = "pdf", _("PDF")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    period = models.ForeignKey("monitoring.ReportingPeriod", on_delete=models.CASCADE, related_name="export_jobs")
    language = models.CharField(_("language"), max_length=8, default="id")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    file = models.FileField(_("file"), upload_to=export_path, storage=private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="export_progress_0_100"),
        ]
        indexes = [models.Index(fields=["region", "period", "kind", "status"], name="export_lookup_idx")]

    def __str__(self) -> str:
        return self.filename

    @property
    def filename(self) -> str:
        """monev-luwu-utara-2024-Q1.xlsx: the region, the period and the kind."""
        period = self.period
        if period.periods_in_year == 4:
            part = f"{period.year}-Q{period.number}"
        elif period.periods_in_year == 2:
            part = f"{period.year}-S{period.number}"
        elif period.periods_in_year == 1:
            part = str(period.year)
        else:
            part = f"{period.year}-{period.number:02d}"
        return f"monev-{self.region.slug}-{part}.{self.kind}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
