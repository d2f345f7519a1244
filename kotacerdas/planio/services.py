"""Requesting and running the workbook and document jobs.

The pages and the management commands call the `*_request` writes; the background task calls `job_run`.
A job reads the masterplan when it runs, commits its progress after each step (so the page can poll it) and
ends done or failed. Imports are two jobs: a preview (checks, writes nothing) and, once the user confirms
it, an import of the same stored file that applies only if it would still write what the preview showed.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.uploads import check_document
from kotacerdas.masterplan.models import Masterplan

from . import importer, workbook
from .models import PlanJob

logger = logging.getLogger(__name__)

Kind, Status = PlanJob.Kind, PlanJob.Status
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {
    Kind.EXPORT: XLSX,
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
Progress = Callable[[int], None]

PERMISSION = {
    Kind.EXPORT: "planio.export_workbook",
    Kind.PDF: "planio.build_document",
    Kind.DOCX: "planio.build_document",
    Kind.PREVIEW: "planio.import_workbook",
    Kind.IMPORT: "planio.import_workbook",
}


def _check(actor, kind: str, masterplan: Masterplan) -> None:
    if actor is not None and not actor.has_perm(PERMISSION[kind], masterplan):
        raise ApplicationError(_("You are not allowed to do this."))


def _enqueue(job: PlanJob) -> None:
    from .tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job_id=job.pk))


# --- template (synchronous: small) --------------------------------------------------------------------


def template_bytes(*, masterplan: Masterplan) -> bytes:
    """An empty workbook with the masterplan's lists and years: what an officer fills in."""
    return workbook.build_workbook(workbook.export_data(masterplan=masterplan, empty=True))


# --- export and documents -----------------------------------------------------------------------------


def document_hash(*, masterplan: Masterplan, kind: str, language: str) -> str:
    """What an export or document is built from: the same key means the same file (document.content_stamp)."""
    from .document import content_stamp

    return content_stamp(masterplan=masterplan, kind=kind, language=language)


@transaction.atomic
def job_request_build(*, actor, masterplan: Masterplan, kind: str, language: str = "id") -> PlanJob:
    """An export, PDF or DOCX of the masterplan as it stands: a finished or running job built from the same
    content is returned at once (regenerating an unchanged version is instant), else a new queued job."""
    if kind not in (Kind.EXPORT, Kind.PDF, Kind.DOCX):
        raise ApplicationError(_("Unknown format: choose XLSX, PDF or DOCX."), fields={"kind": [_("Choose a format.")]})
    _check(actor, kind, masterplan)
    masterplan = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    digest = document_hash(masterplan=masterplan, kind=kind, language=language)
    fresh = timezone.now() - jobs.QUEUED_STALE_AFTER
    for job in PlanJob.objects.filter(
        masterplan=masterplan, kind=kind, content_hash=digest, status__in=[Status.QUEUED, Status.RUNNING, Status.DONE]
    )[:5]:
        if job.status == Status.DONE and job.file:
            return job
        if job.status == Status.RUNNING and not job.lease_expired:
            return job
        if job.status == Status.QUEUED and job.updated_at >= fresh:
            return job
    job = PlanJob.objects.create(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        kind=kind,
        language=language,
        content_hash=digest,
        requested_by=actor,
    )
    _enqueue(job)
    return job


# --- import -------------------------------------------------------------------------------------------


def check_upload(upload) -> None:
    """A real XLSX by its content, within the size limit; raises ApplicationError with a field message."""
    try:
        content_type = check_document(upload, max_bytes=MAX_UPLOAD_BYTES)
    except ValidationError as exc:
        raise ApplicationError(exc.messages[0], fields={"file": exc.messages}) from None
    if content_type != XLSX:
        message = _("Upload an Excel workbook (.xlsx).")
        raise ApplicationError(message, fields={"file": [message]})


@transaction.atomic
def job_request_preview(*, actor, masterplan: Masterplan, upload, language: str = "id") -> PlanJob:
    """Store the uploaded workbook and queue its preview (the check of every row; nothing is imported)."""
    _check(actor, Kind.PREVIEW, masterplan)
    check_upload(upload)
    name = (getattr(upload, "name", "") or "import.xlsx").rsplit("/", 1)[-1][:200]
    job = PlanJob(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        kind=Kind.PREVIEW,
        language=language,
        upload_name=name,
        requested_by=actor,
    )
    upload.seek(0)
    job.upload.save("upload.xlsx", ContentFile(upload.read()), save=False)
    job.save()
    _enqueue(job)
    return job


@transaction.atomic
def job_request_import(*, actor, preview: PlanJob, reason: str = "") -> PlanJob:
    """Confirm a finished preview without rejected rows: queue the import of the same file. An adopted
    masterplan needs the reason for this revision."""
    _check(actor, Kind.IMPORT, preview.masterplan)
    if preview.kind != Kind.PREVIEW or preview.status != Status.DONE or not preview.report:
        raise ApplicationError(_("Only a finished preview can be imported."))
    if not preview.report.get("ok"):
        raise ApplicationError(_("The workbook has rejected rows: correct them and upload it again."))
    existing = preview.imports.exclude(status=Status.FAILED).first()
    # A confirmation while the earlier import's worker is dead gives up that job and queues a new one.
    if existing is not None and not jobs.abandon_if_stale(existing):
        return existing
    if importer.reason_required(preview.masterplan) and not reason.strip():
        message = _("The masterplan is adopted: give the reason for this revision.")
        raise ApplicationError(message, fields={"reason": [message]})
    job = PlanJob.objects.create(
        region_id=preview.region_id,
        masterplan=preview.masterplan,
        kind=Kind.IMPORT,
        language=preview.language,
        upload=preview.upload.name,
        upload_name=preview.upload_name,
        preview=preview,
        reason=reason.strip(),
        requested_by=actor,
    )
    _enqueue(job)
    return job


@transaction.atomic
def job_request_retry(*, actor, job: PlanJob) -> PlanJob:
    """ "Try again" on a failed job: a fresh job of the same kind on the same input (the masterplan as it
    stands, the same uploaded workbook, the same confirmed preview)."""
    _check(actor, job.kind, job.masterplan)
    if job.status != Status.FAILED:
        raise ApplicationError(_("Only a failed job can be tried again."))
    if job.kind in (Kind.EXPORT, Kind.PDF, Kind.DOCX):
        return job_request_build(actor=actor, masterplan=job.masterplan, kind=job.kind, language=job.language)
    if job.kind == Kind.IMPORT:
        if job.preview is None:
            raise ApplicationError(_("The preview of this import is gone: upload the workbook again."))
        return job_request_import(actor=actor, preview=job.preview, reason=job.reason)
    fresh = PlanJob.objects.create(
        region_id=job.region_id,
        masterplan=job.masterplan,
        kind=Kind.PREVIEW,
        language=job.language,
        upload=job.upload.name,
        upload_name=job.upload_name,
        requested_by=actor,
    )
    _enqueue(fresh)
    return fresh


def read_file(*, source, progress: Progress | None = None) -> workbook.ReadWorkbook:
    """Read a workbook (a path or file object). Raises ApplicationError when it cannot be read."""
    try:
        return workbook.read_workbook(source, progress=progress)
    except workbook.UnreadableWorkbook:
        raise ApplicationError(_("This file is not an Excel workbook (.xlsx) we can read.")) from None


def preview_file(*, masterplan: Masterplan, source, progress: Progress | None = None) -> importer.ImportPlan:
    """Read and check a workbook. Raises ApplicationError when it cannot be read."""
    read = read_file(source=source, progress=progress)
    return importer.import_plan(masterplan=masterplan, read=read, progress=progress)


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
                data = workbook.export_data(masterplan=job.masterplan)
                progress(20)
                content = workbook.build_workbook(data, progress=_scaled(progress, 20, 100))
                job.file.save(job.filename, ContentFile(content), save=False)
                fields.append("file")
            elif job.kind in (Kind.PDF, Kind.DOCX):
                from .document import build_document

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
                read = workbook.ReadWorkbook.from_json(fh.read())
        else:
            with job.upload.open("rb") as fh:
                read = read_file(source=fh, progress=_scaled(check, 0, 60))
            if job.kind == Kind.PREVIEW:
                job.parsed.save("rows.json", ContentFile(read.to_json()), save=False)
                PlanJob.objects.filter(pk=job.pk).update(parsed=job.parsed.name)
    except ApplicationError as exc:
        return {"ok": False, "fatal": exc.message, "errors": [], "error_count": 1, "counts": {}}
    plan = importer.import_plan(masterplan=job.masterplan, read=read, progress=_scaled(check, 60, 100))
    report = plan.report()
    if job.kind == Kind.PREVIEW:
        return report
    expected = (preview.report or {}).get("fingerprint") if preview else None
    try:
        importer.import_apply(
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
    importer.import_apply(plan=plan, actor=actor, filename=filename, reason=reason)
    return {**report, "applied": True}, True


def jobs_recent(*, masterplan: Masterplan):
    """The masterplan's jobs, newest first (a queryset: the page narrows it by role, then shows 15)."""
    return PlanJob.objects.filter(masterplan=masterplan).select_related("requested_by", "region", "masterplan")
