"""The region admin's report configuration: categories and routing, settings, Open311 keys, holidays."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError, add_to_form, save_form
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import (
    ApiKeyForm,
    CategoryForm,
    HolidayForm,
    HolidayLoadForm,
    RouteForm,
    SettingsForm,
)
from ..models import Holiday, Open311Key, ReportCategory


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
        if save_form(request, form, partial(services.settings_update, region=region, actor=request.user)):
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
