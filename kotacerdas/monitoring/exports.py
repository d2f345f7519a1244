"""Exports of a period's monitoring report as XLSX or PDF, built in the background by `tasks.build_export`.

`export_job_request` is the write the pages call: it reuses an export that still matches the period's data,
or queues a new job. `export_job_run` is what the task runs: it reads the period's figures once (a fixed
number of queries), then writes the file, committing `progress` after each chunk so the job page can poll it.
"""

import datetime
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event
from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.models import Region

from .export_data import (
    HUNDRED,
    DimensionBlock,
    IndicatorRow,
    PeriodExport,
    ProgrammeRow,
    Progress,
    period_export_data,
)
from .export_files import build_pdf, build_xlsx
from .models import Achievement, ExportJob, ProgressReport, ReportingPeriod
from .services import period_plan_ensure

# The file builders and the export's contents live in export_files.py and export_data.py; their names stay
# importable from here.
__all__ = [
    "CONTENT_TYPES",
    "HUNDRED",
    "DimensionBlock",
    "IndicatorRow",
    "PeriodExport",
    "ProgrammeRow",
    "Progress",
    "build_pdf",
    "build_xlsx",
    "export_job_request",
    "export_job_retry",
    "export_job_reusable",
    "export_job_run",
    "export_jobs_prune",
    "export_jobs_recent",
    "period_export_data",
    "period_last_change",
]

logger = logging.getLogger(__name__)

Status = ExportJob.Status
CONTENT_TYPES = {
    ExportJob.Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportJob.Kind.PDF: "application/pdf",
}


# --- requesting and running a job -----------------------------------------------------------------------


def period_last_change(*, period: ReportingPeriod) -> datetime.datetime | None:
    """When the period's reports or roll-up last changed (roll-up rows are rewritten whole on every change),
    or the period itself (opened or closed: the cover shows its status)."""
    stamps = [
        period.updated_at,
        ProgressReport.objects.filter(period=period).aggregate(at=Max("updated_at"))["at"],
        Achievement.objects.filter(period=period).aggregate(at=Max("updated_at"))["at"],
    ]
    return max((s for s in stamps if s is not None), default=None)


def export_job_reusable(*, period: ReportingPeriod, kind: str, language: str) -> ExportJob | None:
    """A job whose file (built, being built or about to be) still shows the period's current data.

    A job reads the data after `started_at`, so it is current when nothing changed since it started; a
    queued job has not read anything yet and will be current when it does.
    """
    changed = period_last_change(period=period)
    fresh_since = timezone.now() - jobs.QUEUED_STALE_AFTER
    candidates = ExportJob.objects.filter(
        period=period, kind=kind, language=language, status__in=[Status.QUEUED, Status.RUNNING, Status.DONE]
    ).order_by("-created_at", "-pk")[:5]
    for job in candidates:
        if job.status == Status.QUEUED:
            if job.updated_at >= fresh_since:
                return job
            continue
        current = job.started_at is not None and (changed is None or changed < job.started_at)
        if job.status == Status.RUNNING and current and not job.lease_expired:
            return job
        if job.status == Status.DONE and current and job.file:
            return job
    return None


@transaction.atomic
def export_job_request(*, actor, period: ReportingPeriod, kind: str, language: str = "id") -> ExportJob:
    """The period's export as `kind` ("xlsx" or "pdf"): an existing one that still matches the data (reused
    at once), else a new queued job whose build is enqueued when the transaction commits."""
    if not actor.has_perm("monitoring.view_dashboard", period):
        raise ApplicationError(_("You are not allowed to do this."))
    if kind not in ExportJob.Kind.values:
        raise ApplicationError(
            _("Unknown export format: choose XLSX or PDF."), fields={"kind": [_("Choose XLSX or PDF.")]}
        )
    # One request at a time per period, so a double click does not build the same file twice.
    period = ReportingPeriod.objects.select_for_update().select_related("region").get(pk=period.pk)
    found = export_job_reusable(period=period, kind=kind, language=language)
    if found is not None:
        return found
    job = ExportJob.objects.create(
        region_id=period.region_id, period=period, kind=kind, language=language, requested_by=actor
    )
    record_event(actor=actor, action="export_job.request", obj=job, after={"period": period.pk, "kind": kind})
    from .tasks import build_export

    transaction.on_commit(lambda: build_export.enqueue(job_id=job.pk))
    return job


def export_job_retry(*, actor, job: ExportJob) -> ExportJob:
    """ "Try again" on a failed export: the same period, format and language requested afresh."""
    if job.status != Status.FAILED:
        raise ApplicationError(_("Only a failed job can be tried again."))
    return export_job_request(actor=actor, period=job.period, kind=job.kind, language=job.language)


def export_job_run(*, job_id: int) -> ExportJob:
    """Build the job's file and mark it done (or failed, with the error, re-raised for the worker's log).

    Not atomic on purpose: each progress step commits on its own so the job page sees it. A job that is no
    longer queued (a task delivered twice) is left alone. The run holds a lease (`common.jobs`).
    """
    if not jobs.claim(ExportJob, job_id):
        return ExportJob.objects.get(pk=job_id)
    job = ExportJob.objects.select_related("region", "period__region").get(pk=job_id)
    try:
        with jobs.Lease(ExportJob, job_id) as progress, translation.override(job.language):
            period_plan_ensure(period=job.period)
            data = period_export_data(period=job.period)
            progress(15)
            builder = build_xlsx if job.kind == ExportJob.Kind.XLSX else build_pdf
            content = builder(data, progress=progress)
        job.file.save(job.filename, ContentFile(content), save=False)
    except Exception as exc:
        logger.exception("export job %s failed", job_id)
        jobs.fail(ExportJob, job_id, exc)
        raise
    job.status, job.progress, job.finished_at = Status.DONE, 100, timezone.now()
    job.save(update_fields=["file", "status", "progress", "finished_at", "updated_at"])
    return job


def export_jobs_prune(*, keep_days: int = 30, now: datetime.datetime | None = None) -> dict[str, int]:
    """Tidy the background jobs: every kind's running job whose lease expired and queued job no worker took
    (`common.jobs.prune_stale`) is marked failed (the page stops showing a bar that never moves), and
    finished exports older than `keep_days` are deleted with their files, except the newest finished file of
    each period, kind and language, which stays downloadable. Returns how many jobs were marked failed and
    deleted."""
    now = now or timezone.now()
    failed = sum(jobs.prune_stale(model, now=now) for model, _enqueue in jobs.registered())
    keep, seen = set(), set()
    finished = ExportJob.objects.filter(status=Status.DONE).order_by(
        "period_id", "kind", "language", "-created_at", "-pk"
    )
    for period_id, kind, language, pk in finished.values_list("period_id", "kind", "language", "pk").iterator():
        if (period_id, kind, language) not in seen:
            seen.add((period_id, kind, language))
            keep.add(pk)
    old = ExportJob.objects.filter(
        status__in=[Status.DONE, Status.FAILED], created_at__lt=now - datetime.timedelta(days=keep_days)
    ).exclude(pk__in=keep)
    deleted = 0
    for job in old.only("pk", "file").iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        deleted += 1
    return {"marked_failed": failed, "deleted": deleted}


def export_jobs_recent(*, region: Region, limit: int = 20) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(region=region).select_related("period", "requested_by", "region")[:limit]
