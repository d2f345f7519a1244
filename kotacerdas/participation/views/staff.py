"""The staff's report pages under /r/<region>/staf/aduan/: the back-office list and handling one report."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from kotacerdas.common.cache import REPORTS, page_version
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Agency

from .. import selectors, services
from ..forms import (
    RerouteForm,
    TransitionForm,
)
from ..models import Report
from ._common import _filters


@login_required
@with_region
def staff_list(request, *, region):
    require_perm(request, "participation.view_staff", region)
    filters = _filters(request, region)
    mine = request.GET.get("pd") is None and not request.user.has_perm("participation.manage", region)
    from kotacerdas.regions.rules import agency_ids_of

    own = sorted(agency_ids_of(request.user, region.pk))
    if mine and len(own) == 1 and request.GET.get("semua") != "1":
        filters["agency"] = own[0]
    number = selectors.page_number(request.GET.get("halaman"))
    # The table is the same for every staff member with these filters: the template caches it under the
    # version of the region's report pages (a new report or a handling step retires it) and the minute
    # ("late" moves with the clock); the page of reports is only read on a miss.
    page = SimpleLazyObject(lambda: selectors.staff_reports(region=region, filters=filters, page=number))
    query = request.GET.copy()
    query.pop("halaman", None)
    now = timezone.now()
    return render(
        request,
        "participation/staff_list.html",
        {
            "region": region,
            "page": page,
            "now": now,
            "cache_version": page_version(region.slug, REPORTS),
            "cache_filters": hashlib.sha256(f"{sorted(filters.items())}|{query.urlencode()}".encode()).hexdigest(),
            "page_number": number,
            "minute": now.strftime("%Y%m%d%H%M"),
            "filters": filters,
            "statuses": Report.Status.choices,
            "categories": selectors.categories(region=region, active_only=False),
            "agencies": Agency.objects.filter(region=region).only("id", "acronym"),
            "can_manage": request.user.has_perm("participation.manage", region),
            "query": query.urlencode(),
        },
    )


@login_required
@with_region
def staff_detail(request, *, region, pk):
    require_perm(request, "participation.view_staff", region)
    try:
        report = selectors.report_detail(region=region, pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None
    can_handle = request.user.has_perm("participation.handle_report", report)
    action = request.POST.get("action", "transition") if request.method == "POST" else None
    form = TransitionForm(request.POST if action == "transition" else None, report=report) if can_handle else None
    can_reroute = report.is_open and request.user.has_perm("participation.reroute_report", report)
    reroute_form = RerouteForm(request.POST if action == "reroute" else None, report=report) if can_reroute else None
    status = 200
    if action == "reroute":
        require_perm(request, "participation.reroute_report", report)
        if reroute_form is not None and reroute_form.is_valid():
            try:
                services.report_reroute(
                    report=report,
                    actor=request.user,
                    agency=reroute_form.cleaned_data["agency"],
                    reason=reroute_form.cleaned_data["reason"],
                    internal=reroute_form.cleaned_data["internal"],
                )
            except ApplicationError as exc:
                add_to_form(reroute_form, exc)
            else:
                messages.success(request, _("The report was forwarded and the agency's officers notified."))
                return redirect("participation:staff_report", region_slug=region.slug, pk=report.pk)
        elif reroute_form is None:
            messages.error(request, _("A closed report cannot be forwarded."))
        status = 400
    elif request.method == "POST":
        require_perm(request, "participation.handle_report", report)
        if form.is_valid():
            try:
                services.report_transition(
                    report=report,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    text=form.cleaned_data["text"],
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The report was updated and the reporter notified."))
                return redirect("participation:staff_report", region_slug=region.slug, pk=report.pk)
        status = 400
    return render(
        request,
        "participation/staff_detail.html",
        {
            "region": region,
            "report": report,
            "form": form,
            "reroute_form": reroute_form,
            "now": timezone.now(),
            "can_handle": can_handle,
            "show_private": request.user.has_perm("participation.view_private", report),
        },
        status=status,
    )
