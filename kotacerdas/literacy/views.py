"""Literacy pages. Public: a summary (chart, district table and map) and the activities; staff pages under
/r/<region>/literasi/staf/. Every object is looked up through the URL's region."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.files import private_file_response
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import District

from . import selectors, services
from .forms import ActivityForm, LocationForm, MaterialForm
from .models import Activity, DistrictLocation, Material

PAGE_SIZE = 20


def _detail_or_404(region, pk) -> Activity:
    try:
        return selectors.activity_detail(region=region, pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


def _filters(request) -> dict:
    year, district = request.GET.get("tahun", ""), request.GET.get("kecamatan", "")
    kind = request.GET.get("jenis", "")
    return {
        "year": int(year) if year.isdigit() and len(year) == 4 else None,
        "district_id": int(district) if district.isdigit() else None,
        "kind": kind if kind in Activity.Kind.values else "",
    }


def _list_context(request, region) -> dict:
    filters = _filters(request)
    page = Paginator(selectors.activity_list(region=region, **filters), PAGE_SIZE).get_page(request.GET.get("hal"))
    return {
        "region": region,
        "page": page,
        "filters": filters,
        "districts": District.objects.filter(region=region).order_by("name").only("pk", "name"),
        "kinds": Activity.Kind.choices,
    }


def _show_refusal(form, exc: ApplicationError) -> None:
    """Field messages next to their fields, and the headline ("the counts do not add up") on top."""
    add_to_form(form, exc)
    if exc.fields:
        form.add_error(None, exc.message)


@public_page
@with_region
def public_summary(request, *, region):
    data = selectors.summary(region=region)
    map_config = {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION}
    return render(request, "literacy/summary.html", {"region": region, "data": data, "map_config": map_config})


@public_page
@with_region
def public_list(request, *, region):
    return render(request, "literacy/public_list.html", _list_context(request, region))


@public_page
@with_region
def public_detail(request, *, region, pk):
    return render(request, "literacy/public_detail.html", {"region": region, "activity": _detail_or_404(region, pk)})


@with_region
def material_file(request, *, region, pk, material_pk):
    material = get_object_or_404(Material, region=region, activity_id=pk, pk=material_pk)
    if not material.is_public and not request.user.has_perm("literacy.view_internal", region):
        raise Http404
    return private_file_response(material.file, content_type=material.content_type, attachment=True)


# --- staff ----------------------------------------------------------------------------------------------


@login_required
@with_region
def staff_list(request, *, region):
    require_perm(request, "literacy.view_internal", region)
    context = _list_context(request, region)
    context["can_add"] = request.user.has_perm("literacy.add_activity", region)
    context["can_locate"] = request.user.has_perm("literacy.manage_locations", region)
    return render(request, "literacy/list.html", context)


@login_required
@with_region
def create(request, *, region):
    require_perm(request, "literacy.add_activity", region)
    form = ActivityForm(request.POST or None, region=region, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, region=region, **form.cleaned_data)
        except ApplicationError as exc:
            _show_refusal(form, exc)
        else:
            messages.success(request, _("The activity was recorded."))
            return redirect("literacy:detail", region_slug=region.slug, pk=activity.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "literacy/form.html", {"region": region, "form": form}, status=status)


@login_required
@with_region
def edit(request, *, region, pk):
    activity = get_object_or_404(Activity, region=region, pk=pk)
    require_perm(request, "literacy.change_activity", activity)
    form = ActivityForm(request.POST or None, region=region, user=request.user, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
        except ApplicationError as exc:
            _show_refusal(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("literacy:detail", region_slug=region.slug, pk=pk)
    status = 400 if request.method == "POST" else 200
    context = {"region": region, "form": form, "activity": activity}
    return render(request, "literacy/form.html", context, status=status)


def _detail_page(request, region, activity, *, status=200, material_form=None):
    can_change = request.user.has_perm("literacy.change_activity", activity)
    return render(
        request,
        "literacy/detail.html",
        {
            "region": region,
            "activity": activity,
            "can_change": can_change,
            "material_form": material_form or (MaterialForm() if can_change else None),
        },
        status=status,
    )


@login_required
@with_region
def detail(request, *, region, pk):
    require_perm(request, "literacy.view_internal", region)
    return _detail_page(request, region, _detail_or_404(region, pk))


@login_required
@require_POST
@with_region
def material_add(request, *, region, pk):
    activity = get_object_or_404(Activity, region=region, pk=pk)
    require_perm(request, "literacy.change_activity", activity)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(actor=request.user, activity=activity, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The material was added."))
            return redirect("literacy:detail", region_slug=region.slug, pk=pk)
    return _detail_page(request, region, _detail_or_404(region, pk), status=400, material_form=form)


@login_required
@require_POST
@with_region
def material_remove(request, *, region, pk, material_pk):
    material = get_object_or_404(
        Material.objects.select_related("activity"), region=region, activity_id=pk, pk=material_pk
    )
    require_perm(request, "literacy.change_activity", material.activity)
    services.material_remove(actor=request.user, material=material)
    messages.success(request, _("The material was removed."))
    return redirect("literacy:detail", region_slug=region.slug, pk=pk)


@login_required
@with_region
def locations(request, *, region):
    require_perm(request, "literacy.manage_locations", region)
    form = LocationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.district_location_set(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The district position was saved."))
            return redirect("literacy:locations", region_slug=region.slug)
    rows = DistrictLocation.objects.filter(region=region).select_related("district").order_by("district__name")
    status = 400 if request.method == "POST" else 200
    return render(request, "literacy/locations.html", {"region": region, "form": form, "rows": rows}, status=status)
