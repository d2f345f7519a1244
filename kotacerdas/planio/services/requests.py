"""Requesting the workbook and document jobs: the template at once, an export or document (reused when
nothing it shows changed), an import's preview and its confirmation, and "try again"."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.uploads import check_document
from kotacerdas.masterplan.models import Masterplan

from ..importer.write import reason_required
from ..models import PlanJob
from ..workbook.export import export_data
from ..workbook.write import build_workbook

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
    from ..tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job_id=job.pk))


# --- template (synchronous: small) --------------------------------------------------------------------


def template_bytes(*, masterplan: Masterplan) -> bytes:
    """An empty workbook with the masterplan's lists and years: what an officer fills in."""
    return build_workbook(export_data(masterplan=masterplan, empty=True))


# --- export and documents -----------------------------------------------------------------------------


def document_hash(*, masterplan: Masterplan, kind: str, language: str) -> str:
    """What an export or document is built from: the same key means the same file (document.content_stamp)."""
    from ..document.stamp import content_stamp

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
    if reason_required(preview.masterplan) and not reason.strip():
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
