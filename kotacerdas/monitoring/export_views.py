"""Export pages: request a period's report as XLSX or PDF, watch it being built, download it.

The file is built by a background task; the job page polls with htmx (or refreshes itself without
JavaScript) until it is done, so no request waits for a build.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from kotacerdas.common import jobs
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.files import private_file_response
from kotacerdas.regions.access import require_perm, with_region

from . import exports, selectors
from .models import ExportJob, ReportingPeriod


@login_required
@with_region
def export_list(request, *, region):
    """The region's periods, each with a button per format; a POST requests that export."""
    require_perm(request, "monitoring.view_dashboard", region)
    error, status = None, 200
    if request.method == "POST":
        try:
            period_pk = int(request.POST.get("period", ""))
        except ValueError:
            raise Http404 from None
        period = get_object_or_404(ReportingPeriod, region=region, pk=period_pk)
        try:
            job = exports.export_job_request(
                actor=request.user, period=period, kind=request.POST.get("kind", ""), language=get_language()
            )
        except ApplicationError as exc:
            error, status = exc.message, 400
        else:
            return redirect("monitoring:export_job", region_slug=region.slug, pk=job.pk)
    return render(
        request,
        "monitoring/exports.html",
        {
            "region": region,
            "periods": selectors.periods_for_region(region=region),
            "jobs": exports.export_jobs_recent(region=region),
            "kinds": ExportJob.Kind.choices,
            "error": error,
        },
        status=status,
    )


def _job_or_404(region, pk) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("period", "requested_by"), region=region, pk=pk)
    job.region = region
    return job


@login_required
@with_region
def export_job(request, *, region, pk):
    """The job with its progress bar. An htmx poll (HX-Request) gets the progress fragment alone."""
    require_perm(request, "monitoring.view_dashboard", region)
    job = _job_or_404(region, pk)
    jobs.recover_if_stale(job)
    htmx = request.headers.get("HX-Request") == "true"
    template = "monitoring/_export_progress.html" if htmx else "monitoring/export_job.html"
    response = render(request, template, {"region": region, "job": job})
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


@login_required
@with_region
@require_POST
def export_retry(request, *, region, pk):
    """ "Try again" on a failed export: a fresh request of the same file, whose page the user is sent to."""
    require_perm(request, "monitoring.view_dashboard", region)
    failed = _job_or_404(region, pk)
    try:
        job = exports.export_job_retry(actor=request.user, job=failed)
    except ApplicationError as exc:
        context = {"region": region, "job": failed, "error": exc.message}
        return render(request, "monitoring/export_job.html", context, status=400)
    return redirect("monitoring:export_job", region_slug=region.slug, pk=job.pk)


@login_required
@with_region
def export_download(request, *, region, pk):
    """The finished file, served only to those who may read the dashboard; 404 until the job is done."""
    require_perm(request, "monitoring.view_dashboard", region)
    job = _job_or_404(region, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    return private_file_response(
        job.file, attachment=True, filename=job.filename, content_type=exports.CONTENT_TYPES[job.kind]
    )
