"""Monitoring pages. Thin: parse, check the rule, call a service or selector, render."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import region_cache_version
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.files import private_file_response
from kotacerdas.common.i18n import localized
from kotacerdas.common.models import Notification
from kotacerdas.common.numbers import format_decimal_for_input
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Agency
from kotacerdas.regions.rules import agency_ids_of, reporting_scope

from . import selectors, services
from .forms import DecisionForm, EvidenceForm, ReportForm
from .models import Evidence, ProgressReport, ReportingPeriod


def _report_or_404(region, pk) -> ProgressReport:
    try:
        return selectors.report_detail(region=region, pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None


@login_required
@with_region
def dashboard(request, *, region):
    """The Tim Pelaksana's dashboard; an agency officer sees their agency's."""
    require_perm(request, "monitoring.view_dashboard", region)
    agency = None
    if agency_id := request.GET.get("agency"):
        if not agency_id.isdigit():
            raise Http404
        agency = get_object_or_404(Agency, region=region, pk=agency_id)
    elif not request.user.has_perm("monitoring.verify_report", region) and not request.user.has_perm(
        "regions.manage_region", region
    ):
        own = agency_ids_of(request.user, region.pk)
        if own:
            agency = Agency.objects.filter(pk__in=own).first()
    period = None  # the headline period, found only when the cached body is missing
    if picked := request.GET.get("period", ""):
        try:
            period = selectors.picked_period(region=region, raw=picked)
        except ReportingPeriod.DoesNotExist:
            raise Http404 from None
    # The figures change only when something audited happens in the region, which bumps its cache version:
    # the template caches the rendered body under that version, and the data below is only computed on a miss.
    data = SimpleLazyObject(lambda: selectors.dashboard(region=region, agency=agency, period=period))
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "region": region,
            "data": data,
            "agency": agency,
            "picked": picked,
            "periods": SimpleLazyObject(lambda: list(selectors.periods_to_pick(region=region))),
            "cache_version": region_cache_version(region.slug),
            "today": timezone.localdate().isoformat(),
            "dimension_rows": SimpleLazyObject(
                lambda: [(localized(d, "name"), a.value if a else None, d.key) for d, a in data.dimensions]
            ),
            "trend_points": SimpleLazyObject(lambda: [(p.label, a.value) for p, a in data.trend]),
        },
    )


@login_required
@with_region
def my_programmes(request, *, region):
    """An officer's due, late and returned reports. The list is cached under the region's version for everyone
    who reports for the same agencies (a region admin: all of them), so it is read only after a change. It
    holds nothing of the person: its "Start report" buttons post one form outside the cached part, which
    carries this browser's CSRF token."""
    require_perm(request, "monitoring.view_dashboard", region)
    scope = reporting_scope(request.user, region)
    periods = SimpleLazyObject(lambda: selectors.open_periods(region=region))
    return render(
        request,
        "monitoring/my_programmes.html",
        {
            "region": region,
            "groups": SimpleLazyObject(
                lambda: selectors.my_programmes(user=request.user, region=region, periods=list(periods))
            ),
            "periods": periods,
            "monev_prefix": f"/r/{region.slug}/monev/",  # rows build links without a URL lookup each
            "programme_prefix": f"/r/{region.slug}/program/",
            "notifications": selectors.unread_notifications(user=request.user, region=region)[:10],
            "cache_version": region_cache_version(region.slug),
            "cache_scope": "all" if scope is None else ",".join(map(str, sorted(scope))),
            "today": timezone.localdate().isoformat(),
        },
    )


@login_required
@require_POST
@with_region
def report_start(request, *, region, programme_pk, period_pk):
    programme = get_object_or_404(Programme, region=region, pk=programme_pk)
    period = get_object_or_404(ReportingPeriod, region=region, pk=period_pk)
    require_perm(request, "monitoring.view_dashboard", region)
    try:
        report = services.progress_report_start(actor=request.user, programme=programme, period=period)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("monitoring:my_programmes", region_slug=region.slug)
    return redirect("monitoring:report", region_slug=region.slug, pk=report.pk)


def _report_context(request, region, report, form=None, evidence_form=None, decision_form=None):
    rows = selectors.report_indicator_rows(report)
    can_write = request.user.has_perm("monitoring.write_report", report) and report.is_editable
    if form is None and can_write:
        initial = {"revision": report.revision}
        for name in services.REPORT_FIELDS:
            value = getattr(report, name)
            initial[name] = format_decimal_for_input(value) if isinstance(value, Decimal) else (value or "")
        for row in rows:
            if row["value"] is not None:
                initial[f"value_{row['indicator'].pk}"] = format_decimal_for_input(row["value"].realised)
        form = ReportForm(initial=initial, indicator_rows=rows)
    can_verify = (
        request.user.has_perm("monitoring.verify_report", report)
        and report.status == ProgressReport.Status.SUBMITTED
        and request.user.pk not in (report.submitted_by_id, report.created_by_id)
    )
    return {
        "region": region,
        "report": report,
        "rows": rows,
        "returned": selectors.return_reason(report),
        "form": form if can_write else None,
        "evidence_form": (evidence_form or EvidenceForm(prefix="ev")) if can_write else None,
        "decision_form": (decision_form or DecisionForm()) if can_verify else None,
        "can_acknowledge": request.user.has_perm("monitoring.acknowledge_report", report)
        and report.status == ProgressReport.Status.VERIFIED
        and not report.acknowledged_at,
    }


@login_required
@with_region
def report_page(request, *, region, pk):
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    return render(request, "monitoring/report.html", _report_context(request, region, report))


def _evidence_request(request, htmx: bool) -> tuple[EvidenceForm, bool, int | None]:
    """The report form's evidence part: (its form, whether to add it, the pk of an evidence to remove).
    Autosave (htmx) never touches evidence; a full save adds a chosen file or typed link."""
    evidence_form = EvidenceForm(request.POST, request.FILES, prefix="ev")
    if htmx:
        return evidence_form, False, None
    given = bool(request.FILES.get("ev-file") or request.POST.get("ev-url", "").strip())
    remove = request.POST.get("remove_evidence", "")
    return evidence_form, given or request.POST.get("then") == "evidence", int(remove) if remove.isdigit() else None


def _saved_message(add: bool, remove: int | None) -> str:
    if add:
        return _("The draft was saved and the evidence added.")
    if remove is not None:
        return _("The draft was saved and the evidence removed.")
    return _("The draft was saved.")


@login_required
@require_POST
@with_region
def report_save(request, *, region, pk):
    """Save the draft. With htmx (autosave) answer with a small status line; without, redirect or re-render.

    The evidence block is part of this form: adding or removing evidence saves the draft first, in the same
    transaction, so nothing typed is lost; a refusal of either part saves nothing and shows the typed values."""
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    rows = selectors.report_indicator_rows(report)
    form = ReportForm(request.POST, indicator_rows=rows)
    htmx = request.headers.get("HX-Request") == "true"
    evidence_form, add, remove = _evidence_request(request, htmx)
    error = None
    if form.is_valid() and (not add or evidence_form.is_valid()):
        try:
            report = services.progress_report_save_with_evidence(
                actor=request.user,
                report=report,
                evidence=evidence_form.cleaned_data if add else None,
                remove_evidence=remove,
                **form.service_kwargs(),
            )
        except services.EvidenceRefused as exc:
            add_to_form(evidence_form, exc)
            error = exc
        except ApplicationError as exc:
            add_to_form(form, exc)
            error = exc
    saved = form.is_valid() and (not add or evidence_form.is_valid()) and error is None
    if htmx:
        context = {"report": report, "form": form, "ok": saved, "saved_at": timezone.localtime()}
        # A refused save leaves the browser on the revision it sent, so a stale editor stays stale.
        context["revision"] = report.revision if saved else request.POST.get("revision")
        return render(request, "monitoring/_save_status.html", context, status=200)
    if saved:
        messages.success(request, _saved_message(add, remove))
        if request.POST.get("then") == "submit":
            return report_submit(request, region_slug=region.slug, pk=pk)
        url = reverse("monitoring:report", kwargs={"region_slug": region.slug, "pk": report.pk})
        return redirect(url + ("#evidence" if add or remove is not None else ""))
    if form.is_valid():
        messages.error(request, _("Nothing was saved: correct the evidence below, or empty its fields."))
    report = _report_or_404(region, pk)
    context = _report_context(request, region, report, form=form, evidence_form=evidence_form)
    return render(request, "monitoring/report.html", context, status=400)


@login_required
@require_POST
@with_region
def report_submit(request, *, region, pk):
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    try:
        services.progress_report_submit(actor=request.user, report=report)
    except ApplicationError as exc:
        messages.error(request, " ".join([exc.message, *[m for ms in exc.fields.values() for m in ms]]))
    else:
        messages.success(request, _("The report was submitted for verification."))
    return redirect("monitoring:report", region_slug=region.slug, pk=pk)


@login_required
@require_POST
@with_region
def evidence_add(request, *, region, pk):
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, report=report, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The evidence was added."))
            return redirect("monitoring:report", region_slug=region.slug, pk=pk)
    form.prefix = "ev"  # shown inside the report form, whose evidence fields are prefixed (errors stay)
    return render(
        request, "monitoring/report.html", _report_context(request, region, report, evidence_form=form), status=400
    )


@login_required
@require_POST
@with_region
def evidence_remove(request, *, region, pk, evidence_pk):
    evidence = get_object_or_404(Evidence.objects.select_related("report"), region=region, report_id=pk, pk=evidence_pk)
    require_perm(request, "monitoring.view_report", evidence.report)
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("monitoring:report", region_slug=region.slug, pk=pk)


@login_required
@with_region
def evidence_file(request, *, region, pk, evidence_pk):
    """Evidence files are private: served only to those who may read the report."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), region=region, report_id=pk, pk=evidence_pk)
    require_perm(request, "monitoring.view_report", evidence.report)
    return private_file_response(evidence.file, content_type=evidence.content_type)


@login_required
@require_POST
@with_region
def report_decide(request, *, region, pk):
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    form = DecisionForm(request.POST)
    if form.is_valid():
        action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
        try:
            if action == "verify":
                services.progress_report_verify(actor=request.user, report=report, comment=comment)
                messages.success(request, _("The report was verified."))
            else:
                services.progress_report_return(actor=request.user, report=report, comment=comment)
                messages.success(request, _("The report was returned to the agency."))
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            return redirect("monitoring:report", region_slug=region.slug, pk=pk)
    return render(
        request, "monitoring/report.html", _report_context(request, region, report, decision_form=form), status=400
    )


@login_required
@require_POST
@with_region
def report_acknowledge(request, *, region, pk):
    report = _report_or_404(region, pk)
    try:
        services.progress_report_acknowledge(actor=request.user, report=report, comment=request.POST.get("comment", ""))
    except ApplicationError as exc:
        if not request.user.has_perm("monitoring.view_report", report):
            raise PermissionDenied from exc
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You acknowledged the report."))
    return redirect("monitoring:report", region_slug=region.slug, pk=pk)


@login_required
@with_region
def verification_queue(request, *, region):
    require_perm(request, "monitoring.verify_report", region)
    return render(
        request,
        "monitoring/verification_queue.html",
        {"region": region, "reports": selectors.reports_to_verify(region=region)},
    )


@login_required
@with_region
def periods(request, *, region):
    require_perm(request, "monitoring.manage_periods", region)
    if request.method == "POST":
        try:
            if "year" in request.POST:
                year = int(request.POST["year"])
                created = services.reporting_periods_create_year(actor=request.user, region=region, year=year)
                messages.success(request, _("%(n)s period(s) created.") % {"n": len(created)})
            else:
                period = get_object_or_404(ReportingPeriod, region=region, pk=request.POST.get("period"))
                services.reporting_period_set_status(
                    actor=request.user, period=period, status=request.POST.get("status", "")
                )
                messages.success(
                    request,
                    _("The period %(period)s is now %(status)s.")
                    % {"period": period.label, "status": period.get_status_display().lower()},
                )
        except (ValueError, TypeError):
            messages.error(request, _("Enter a year such as 2025."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("monitoring:periods", region_slug=region.slug)
    return render(
        request,
        "monitoring/periods.html",
        {
            "region": region,
            # The last three years unless asked for all: the list would otherwise grow with history.
            "periods": selectors.periods_for_region(region=region)
            if request.GET.get("semua")
            else selectors.periods_for_region(region=region).filter(year__gte=timezone.localdate().year - 2),
            "showing_all": bool(request.GET.get("semua")),
            "next_year": timezone.localdate().year,
        },
    )


@login_required
@with_region
def notifications(request, *, region):
    require_perm(request, "monitoring.view_notifications", region)
    items = Notification.objects.filter(user=request.user, region=region)[:100]
    if request.method == "POST":
        Notification.objects.filter(user=request.user, region=region, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        return redirect("monitoring:notifications", region_slug=region.slug)
    return render(request, "monitoring/notifications.html", {"region": region, "items": items})
