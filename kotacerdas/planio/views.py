"""Workbook and document pages: template, export, import (preview, then confirm) and the document.

Every build runs in the background; the job page polls its progress with htmx (or refreshes itself without
JavaScript) and then offers the file, or for an import preview the report and the confirm button.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.files import private_file_response
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.selectors import masterplan_current_for_region
from kotacerdas.regions.access import require_perm, with_region

from . import importer, services
from .forms import ImportForm
from .models import PlanJob

Kind = PlanJob.Kind


def _masterplan(region) -> Masterplan:
    masterplan = masterplan_current_for_region(region=region)
    if masterplan is None:
        raise Http404
    return masterplan


def _index(request, region, masterplan, *, form=None, error=None, status=200):
    can_import = request.user.has_perm("planio.import_workbook", masterplan)
    jobs = services.jobs_recent(masterplan=masterplan)
    if not can_import:  # previews and imports are shown to those who import
        jobs = jobs.exclude(kind__in=[Kind.PREVIEW, Kind.IMPORT])
    return render(
        request,
        "planio/index.html",
        {
            "region": region,
            "masterplan": masterplan,
            "form": form or ImportForm(),
            "error": error,
            "jobs": jobs,
            "can_import": can_import,
        },
        status=status,
    )


@login_required
@with_region
def index(request, *, region):
    require_perm(request, "planio.view_workbook", region)
    return _index(request, region, _masterplan(region))


@login_required
@with_region
def template_download(request, *, region):
    """The empty workbook with this masterplan's lists and years (small: built in the request)."""
    require_perm(request, "planio.export_workbook", region)
    masterplan = _masterplan(region)
    response = HttpResponse(services.template_bytes(masterplan=masterplan), content_type=services.XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-rencana-induk-{region.slug}.xlsx"'
    add_never_cache_headers(response)
    return response


@login_required
@with_region
@require_POST
def build(request, *, region):
    """Request the export (XLSX) or the document (PDF, DOCX); an unchanged version is returned at once."""
    require_perm(request, "planio.view_workbook", region)
    masterplan = _masterplan(region)
    kind = request.POST.get("kind", "")
    if kind in PlanJob.Kind.values:
        require_perm(request, services.PERMISSION[kind], masterplan)
    try:
        job = services.job_request_build(actor=request.user, masterplan=masterplan, kind=kind, language=get_language())
    except ApplicationError as exc:
        return _index(request, region, masterplan, error=exc.message, status=400)
    return redirect("planio:job", region_slug=region.slug, pk=job.pk)


@login_required
@with_region
@require_POST
def import_upload(request, *, region):
    """Upload a workbook: it is checked by content and previewed in the background; nothing is saved yet."""
    require_perm(request, "planio.import_workbook", region)
    masterplan = _masterplan(region)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = services.job_request_preview(
                actor=request.user, masterplan=masterplan, upload=form.cleaned_data["file"], language=get_language()
            )
        except ApplicationError as exc:
            for message in exc.fields.get("file", [exc.message]):
                form.add_error("file", message)
        else:
            return redirect("planio:job", region_slug=region.slug, pk=job.pk)
    return _index(request, region, masterplan, form=form, status=400)


def _job_or_404(request, region, pk) -> PlanJob:
    job = get_object_or_404(
        PlanJob.objects.select_related("masterplan", "requested_by", "preview"), region=region, pk=pk
    )
    job.region = region
    perm = "planio.import_workbook" if job.kind in (Kind.PREVIEW, Kind.IMPORT) else "planio.view_workbook"
    require_perm(request, perm, region)
    return job


@login_required
@with_region
def job_page(request, *, region, pk):
    """The job with its progress bar; when done, the file or the import report. An htmx poll gets the
    fragment alone."""
    require_perm(request, "planio.view_workbook", region)
    job = _job_or_404(request, region, pk)
    jobs.recover_if_stale(job)
    htmx = request.headers.get("HX-Request") == "true"
    template = "planio/_job_status.html" if htmx else "planio/job.html"
    response = render(
        request,
        template,
        {
            "region": region,
            "job": job,
            "report": job.report or {},
            "confirmed": job.imports.exclude(status=PlanJob.Status.FAILED).first()
            if job.kind == Kind.PREVIEW
            else None,
            "reason_required": importer.reason_required(job.masterplan),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


@login_required
@with_region
@require_POST
def import_confirm(request, *, region, pk):
    """Confirm a preview: the import of the same file runs, and applies only what the preview showed."""
    require_perm(request, "planio.import_workbook", region)
    preview = _job_or_404(request, region, pk)
    try:
        job = services.job_request_import(actor=request.user, preview=preview, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return _job_error(request, region, preview, exc.message)
    return redirect("planio:job", region_slug=region.slug, pk=job.pk)


def _job_error(request, region, job: PlanJob, message: str):
    response = render(
        request,
        "planio/job.html",
        {
            "region": region,
            "job": job,
            "report": job.report or {},
            "error": message,
            "reason_required": importer.reason_required(job.masterplan),
        },
        status=400,
    )
    add_never_cache_headers(response)
    return response


@login_required
@with_region
@require_POST
def job_retry(request, *, region, pk):
    """ "Try again" on a failed job: a fresh job of the same kind and input, whose page the user is sent to."""
    require_perm(request, "planio.view_workbook", region)
    failed = _job_or_404(request, region, pk)
    try:
        job = services.job_request_retry(actor=request.user, job=failed)
    except ApplicationError as exc:
        return _job_error(request, region, failed, exc.message)
    return redirect("planio:job", region_slug=region.slug, pk=job.pk)


@login_required
@with_region
def job_download(request, *, region, pk):
    """The finished file (export or document); 404 until the job is done."""
    require_perm(request, "planio.view_workbook", region)
    job = _job_or_404(request, region, pk)
    if job.kind not in services.CONTENT_TYPES or job.status != PlanJob.Status.DONE or not job.file:
        raise Http404
    return private_file_response(
        job.file, attachment=True, filename=job.filename, content_type=services.CONTENT_TYPES[job.kind]
    )
