"""Running a workbook or document job in the background worker, and the command's import in-process."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Masterplan

from ..importer.preview import ImportPlan
from ..importer.validate import import_plan
from ..importer.write import import_apply
from ..models import PlanJob
from ..workbook.export import export_data
from ..workbook.read import UnreadableWorkbook, read_workbook
from ..workbook.rows import ReadWorkbook
from ..workbook.write import build_workbook
from .requests import Progress

# The name the logs have always used (before the services became a package).
logger = logging.getLogger("kotacerdas.planio.services")

Kind, Status = PlanJob.Kind, PlanJob.Status


def read_file(*, source, progress: Progress | None = None) -> ReadWorkbook:
    """Read a workbook (a path or file object). Raises ApplicationError when it cannot be read."""
    try:
        return read_workbook(source, progress=progress)
    except UnreadableWorkbook:
        raise ApplicationError(_("This file is not an Excel workbook (.xlsx) we can read.")) from None


def preview_file(*, masterplan: Masterplan, source, progress: Progress | None = None) -> ImportPlan:
    """Read and check a workbook. Raises ApplicationError when it cannot be read."""
    read = read_file(source=source, progress=progress)
    return import_plan(masterplan=masterplan, read=read, progress=progress)


# --- running a job ------------------------------------------------------------------------------------


def _scaled(progress: Progress, start: int, end: int) -> Progress:
    return lambda percent: progress(start + (end - start) * percent // 100)


def job_run(*, job_id: int) -> PlanJob:
    """Run a queued job to its end (done or failed). Not atomic on purpose: progress commits as it goes;
    the import itself is one transaction. A job no longer queued (delivered twice) is left alone. The run
    holds a lease (`common.jobs`): if its worker dies, the job is run again or marked failed."""
    if not jobs.claim(PlanJob, job_id):
        return PlanJob.objects.get(pk=job_id)
    job = PlanJob.objects.select_related("region", "masterplan", "requested_by", "preview").get(pk=job_id)
    fields = ["status", "progress", "finished_at", "updated_at"]
    try:
        with jobs.Lease(PlanJob, job_id) as progress, translation.override(job.language):
            if job.kind == Kind.EXPORT:
                data = export_data(masterplan=job.masterplan)
                progress(20)
                content = build_workbook(data, progress=_scaled(progress, 20, 100))
                job.file.save(job.filename, ContentFile(content), save=False)
                fields.append("file")
            elif job.kind in (Kind.PDF, Kind.DOCX):
                from ..document import build_document

                content = build_document(masterplan=job.masterplan, kind=job.kind, progress=progress)
                job.file.save(job.filename, ContentFile(content), save=False)
                fields.append("file")
            else:
                job.report = _run_import(job, progress)
                fields.append("report")
    except Exception as exc:
        logger.exception("planio job %s failed", job_id)
        jobs.fail(PlanJob, job_id, exc)
        raise
    job.status, job.progress, job.finished_at = Status.DONE, 100, timezone.now()
    job.save(update_fields=fields)
    return job


def _run_import(job: PlanJob, progress: Progress) -> dict:
    """A preview's report, or an import's: applied, or refused with the reason (a refusal is a finished job
    whose report says why; nothing was saved). The preview keeps the rows it read; the import checks those
    rows against the masterplan as it is now (the workbook is not parsed twice)."""
    check = _scaled(progress, 0, 60 if job.kind == Kind.IMPORT else 100)
    preview = job.preview
    try:
        if job.kind == Kind.IMPORT and preview is not None and preview.parsed:
            with preview.parsed.open("rb") as fh:
                read = ReadWorkbook.from_json(fh.read())
        else:
            with job.upload.open("rb") as fh:
                read = read_file(source=fh, progress=_scaled(check, 0, 60))
            if job.kind == Kind.PREVIEW:
                job.parsed.save("rows.json", ContentFile(read.to_json()), save=False)
                PlanJob.objects.filter(pk=job.pk).update(parsed=job.parsed.name)
    except ApplicationError as exc:
        return {"ok": False, "fatal": exc.message, "errors": [], "error_count": 1, "counts": {}}
    plan = import_plan(masterplan=job.masterplan, read=read, progress=_scaled(check, 60, 100))
    report = plan.report()
    if job.kind == Kind.PREVIEW:
        return report
    expected = (preview.report or {}).get("fingerprint") if preview else None
    try:
        import_apply(
            plan=plan,
            actor=job.requested_by,
            filename=job.upload_name,
            expected=expected,
            reason=job.reason,
            progress=_scaled(progress, 60, 100),
        )
    except ApplicationError as exc:
        return {**report, "ok": False, "applied": False, "fatal": exc.message}
    return {**report, "applied": True}


def import_now(
    *, actor, masterplan: Masterplan, source, filename: str, dry_run: bool, reason: str = ""
) -> tuple[dict, bool]:
    """Preview and (unless `dry_run` or rejected) apply in this process: the management command's path.
    Returns (report, applied)."""
    plan = preview_file(masterplan=masterplan, source=source)
    report = plan.report()
    if dry_run or not plan.ok:
        return report, False
    import_apply(plan=plan, actor=actor, filename=filename, reason=reason)
    return {**report, "applied": True}, True


def jobs_recent(*, masterplan: Masterplan):
    """The masterplan's jobs, newest first (a queryset: the page narrows it by role, then shows 15)."""
    return PlanJob.objects.filter(masterplan=masterplan).select_related("requested_by", "region", "masterplan")
