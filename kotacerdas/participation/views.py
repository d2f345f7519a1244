"""Report pages. Public under /r/<region>/aduan/ (list and map, submit, report page, tracking, statistics);
staff under /r/<region>/staf/aduan/ (handling, categories and routing, settings, Open311 keys)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.clientip import client_ip
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Agency

from . import selectors, services
from .forms import (
    ApiKeyForm,
    CategoryForm,
    HolidayForm,
    HolidayLoadForm,
    ReportForm,
    RerouteForm,
    RouteForm,
    SettingsForm,
    TransitionForm,
)
from .models import Holiday, Open311Key, Report, ReportCategory

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def map_config(region) -> dict:
    """What the map script needs: the tile URL (empty: no tiles, the site works offline) and the region's box."""
    config = services.settings_for(region)
    box = None
    if config.has_bbox:
        box = [[float(config.min_lat), float(config.min_lon)], [float(config.max_lat), float(config.max_lon)]]
    return {
        "tiles": getattr(settings, "MAP_TILE_URL", DEFAULT_TILE_URL),
        "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors"),
        "bbox": box,
    }


def _filters(request, region) -> dict:
    def as_int(name):
        try:
            return int(request.GET.get(name, ""))
        except ValueError:
            return None

    status = request.GET.get("status", "")
    return {
        "status": status if status in Report.Status.values else "",
        "category": as_int("kategori"),
        "district": as_int("kecamatan"),
        "agency": as_int("pd"),
        "late": request.GET.get("terlambat") == "1",
    }


def _markers(rows, region, lang) -> list[dict]:
    return [
        {
            "lat": float(r.lat),
            "lon": float(r.lon),
            "title": f"#{r.pk} · {r.category.name_en if lang == 'en' and r.category.name_en else r.category.name}",
            "status": r.get_status_display(),
            "url": reverse("participation:report", kwargs={"region_slug": region.slug, "pk": r.pk}),
        }
        for r in rows
        if r.lat is not None
    ]


# --- public -------------------------------------------------------------------------------------------------


@require_GET
@public_page
@with_region
def report_list(request, *, region):
    filters = _filters(request, region)
    page = selectors.public_reports(
        region=region, filters=filters, page=selectors.page_number(request.GET.get("halaman"))
    )
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "participation/report_list.html",
        {
            "region": region,
            "page": page,
            "now": timezone.now(),
            "filters": filters,
            "statuses": Report.Status.choices,
            "categories": selectors.categories(region=region),
            "districts": selectors.districts(region=region),
            "markers": _markers(page.rows, region, request.LANGUAGE_CODE),
            "map": map_config(region),
            "query": query.urlencode(),
        },
    )


@with_region
def report_new(request, *, region):
    form = ReportForm(request.POST or None, request.FILES or None, region=region)
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("website"):
            form.is_valid()
            form.add_error(None, _("This submission could not be accepted."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                result = services.report_submit(
                    region=region,
                    actor=request.user,
                    category=data["category"],
                    description=data["description"],
                    lat=data["lat"],
                    lon=data["lon"],
                    district=data["district"],
                    village=data["village"],
                    address=data["address"],
                    reporter_name=data["reporter_name"],
                    reporter_email=data["reporter_email"],
                    reporter_phone=data["reporter_phone"],
                    photos=[data["photo_1"], data["photo_2"], data["photo_3"]],
                    idempotency_key=request.headers.get("Idempotency-Key") or data["idempotency_key"],
                    form_token=data["idempotency_key"],
                    client_ip=client_ip(request),
                )
            except services.RateLimited as exc:
                form.add_error(None, exc.message)
                status = 429
            except services.IdempotencyConflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                report = result.report
                messages.success(
                    request,
                    _("Thank you. Your report was received; keep this tracking code: %(code)s")
                    % {"code": report.tracking_code},
                )
                return redirect("participation:track", region_slug=region.slug, code=report.tracking_code)
    return render(
        request,
        "participation/report_form.html",
        {"region": region, "form": form, "map": map_config(region)},
        status=status,
    )


@require_GET
@with_region
def report_similar(request, *, region):
    """htmx fragment: open reports of the same category nearby, shown before submitting."""

    def number(name):
        try:
            return services.parse_coordinate(request.GET.get(name), field=name, low=-180, high=180)
        except ApplicationError:
            return None

    def as_int(name):
        try:
            return int(request.GET.get(name, ""))
        except ValueError:
            return None

    lat, lon = number("lat"), number("lon")
    rows = selectors.similar_open(
        region=region,
        category_id=as_int("category"),
        lat=lat if lon is not None else None,
        lon=lon if lat is not None else None,
        village_id=as_int("village"),
    )
    return render(request, "participation/_similar.html", {"region": region, "rows": rows})


@require_GET
@public_page
@with_region
def report_detail(request, *, region, pk):
    try:
        report = selectors.report_detail(region=region, pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "participation/report_detail.html",
        {"region": region, "report": report, "now": timezone.now(), "map": map_config(region), "tracking": False},
    )


@require_GET
@with_region
def track(request, *, region):
    code = request.GET.get("kode", "").strip().upper()
    if code:
        if Report.objects.filter(region=region, tracking_code=code).exists():
            return redirect("participation:track", region_slug=region.slug, code=code)
        messages.error(request, _("No report has this tracking code. Check the code and try again."))
    return render(request, "participation/track_form.html", {"region": region, "code": code})


@require_GET
@with_region
def track_code(request, *, region, code):
    try:
        report = selectors.report_detail(region=region, code=code.upper())
    except Report.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "participation/report_detail.html",
        {"region": region, "report": report, "now": timezone.now(), "map": map_config(region), "tracking": True},
    )


@require_GET
@public_page
@with_region
def stats(request, *, region):
    rows = selectors.agency_stats(region=region)
    totals = {
        "received": sum(r.received for r in rows),
        "open": sum(r.open for r in rows),
        "resolved": sum(r.resolved for r in rows),
        "rejected": sum(r.rejected for r in rows),
    }
    return render(
        request,
        "participation/stats.html",
        {
            "region": region,
            "rows": rows,
            "totals": totals,
            "chart_rows": [(r.agency.acronym, r.resolved_in_time_pct, "living") for r in rows if r.resolved],
            "config": services.settings_for(region),
        },
    )


# --- staff --------------------------------------------------------------------------------------------------


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
    page = selectors.staff_reports(
        region=region, filters=filters, page=selectors.page_number(request.GET.get("halaman"))
    )
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "participation/staff_list.html",
        {
            "region": region,
            "page": page,
            "now": timezone.now(),
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


@login_required
@with_region
def categories(request, *, region):
    require_perm(request, "participation.manage", region)
    form = CategoryForm(request.POST or None, region=region, prefix="new")
    route_form = RouteForm(region=region, prefix="route")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.category_save(region=region, actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The category was saved."))
                return redirect("participation:categories", region_slug=region.slug)
        status = 400
    return render(
        request,
        "participation/categories.html",
        {
            "region": region,
            "rows": selectors.categories(region=region, active_only=False).prefetch_related(
                "routes__district", "routes__agency"
            ),
            "form": form,
            "route_form": route_form,
        },
        status=status,
    )


@login_required
@with_region
def category_edit(request, *, region, pk):
    require_perm(request, "participation.manage", region)
    category = get_object_or_404(ReportCategory, region=region, pk=pk)
    form = CategoryForm(request.POST or None, instance=category, region=region)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.category_save(region=region, actor=request.user, category=category, **form.cleaned_data)
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The category was saved."))
                return redirect("participation:categories", region_slug=region.slug)
        status = 400
    return render(
        request,
        "participation/category_form.html",
        {"region": region, "form": form, "category": category},
        status=status,
    )


@login_required
@require_POST
@with_region
def route_set(request, *, region):
    require_perm(request, "participation.manage", region)
    form = RouteForm(request.POST, region=region, prefix="route")
    if form.is_valid():
        try:
            services.route_set(region=region, actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The routing was saved."))
    else:
        messages.error(request, _("Choose a category and a kecamatan of this region."))
    return redirect("participation:categories", region_slug=region.slug)


@login_required
@with_region
def settings_page(request, *, region):
    require_perm(request, "participation.manage", region)
    form = SettingsForm(request.POST or None, instance=services.settings_for(region))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.settings_update(region=region, actor=request.user, **form.cleaned_data)
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("participation:settings", region_slug=region.slug)
        status = 400
    return render(request, "participation/settings.html", {"region": region, "form": form}, status=status)


@login_required
@with_region
def api_keys(request, *, region):
    require_perm(request, "participation.manage", region)
    form = ApiKeyForm(request.POST or None)
    raw = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _key, raw = services.api_key_create(region=region, actor=request.user, name=form.cleaned_data["name"])
            except ApplicationError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                form = ApiKeyForm()
        else:
            status = 400
    response = render(
        request,
        "participation/api_keys.html",
        {"region": region, "form": form, "raw": raw, "keys": Open311Key.objects.filter(region=region)},
        status=status,
    )
    response["Cache-Control"] = "no-store"  # the raw key is shown once
    return response


@login_required
@require_POST
@with_region
def api_key_revoke(request, *, region, pk):
    require_perm(request, "participation.manage", region)
    key = get_object_or_404(Open311Key, region=region, pk=pk)
    services.api_key_revoke(key=key, actor=request.user)
    messages.success(request, _("The key was revoked."))
    return redirect("participation:api_keys", region_slug=region.slug)


@login_required
@with_region
def holidays(request, *, region):
    """The region's holiday calendar for one year: add a day, remove one, load the national list, and
    recompute the deadlines of open reports after a correction."""
    require_perm(request, "participation.manage", region)
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    form = HolidayForm(prefix="day")
    load_form = HolidayLoadForm(prefix="load", initial={"year": year})
    status = 200
    back = reverse("participation:holidays", kwargs={"region_slug": region.slug}) + f"?tahun={year}"
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                form = HolidayForm(request.POST, prefix="day")
                if form.is_valid():
                    services.holiday_save(region=region, actor=request.user, **form.cleaned_data)
                    messages.success(request, _("The day was added to the calendar."))
                    return redirect(back)
            elif action == "load":
                load_form = HolidayLoadForm(request.POST, prefix="load")
                if load_form.is_valid():
                    added = services.holidays_load(
                        region=region, actor=request.user, year=load_form.cleaned_data["year"]
                    )
                    messages.success(request, _("%(n)s days were added.") % {"n": added})
                    return redirect(back)
            elif action == "delete":
                holiday = get_object_or_404(Holiday, region=region, pk=request.POST.get("holiday") or 0)
                services.holiday_delete(holiday=holiday, actor=request.user)
                messages.success(request, _("The day was removed from the calendar."))
                return redirect(back)
            elif action == "recompute":
                changed = services.deadlines_recompute(region=region, actor=request.user)
                messages.success(request, _("Deadlines of %(n)s open reports were recomputed.") % {"n": changed})
                return redirect(back)
        except ApplicationError as exc:
            add_to_form(load_form if action == "load" else form, exc)
        status = 400
    return render(
        request,
        "participation/holidays.html",
        {
            "region": region,
            "year": year,
            "rows": Holiday.objects.filter(region=region, date__year=year),
            "form": form,
            "load_form": load_form,
            "config": services.settings_for(region),
        },
        status=status,
    )
