"""Public report pages under /r/<region>/aduan/: list and map, submit, report page, tracking, statistics."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kotacerdas.common.cache import REPORT_STATS, REPORTS, public_page, serve_shared
from kotacerdas.common.clientip import client_ip
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.personal import form_key
from kotacerdas.regions.access import with_region

from .. import selectors, services
from ..forms import (
    ReportForm,
)
from ..models import Report
from ._common import _filters

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


@require_GET
@public_page(section=REPORTS)
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


def with_intake_refs(view):
    """As `with_region`, from the region's cached intake references (services.lookups): no query for the
    region, and the form picks its category from them."""

    @wraps(view)
    def wrapper(request, *args, region_slug: str, **kwargs):
        refs = services.intake_refs(region_slug)
        if refs is None:
            raise Http404
        request.region = refs.region
        return view(request, *args, region=refs.region, refs=refs, **kwargs)

    return wrapper


@with_intake_refs
def report_new(request, *, region, refs):
    if request.method in ("GET", "HEAD"):
        # The same page for everyone: built once per region version, language and query as an anonymous
        # visitor, with each visitor's header, CSRF token and a fresh idempotency key put in (common/personal.py).
        # Rendering its selects cost ~20 ms a view, 70x the trivial one: most of a web submitter's cost.
        def build():
            key = form_key(request)
            district = request.GET.get("district")
            form = ReportForm(region=region, district=district, categories=refs.category_by_pk, key=key)
            return _report_form_page(request, region, form)

        return serve_shared(request, build, region_slug=region.slug)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        region=region,
        district=request.GET.get("district"),
        categories=refs.category_by_pk,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("website"):
            form.is_valid()
            form.add_error(None, _("This submission could not be accepted."))
        elif form.is_valid():
            submitted = _submit(request, region, refs, form)
            if not isinstance(submitted, int):
                return submitted
            status = submitted
        form.offer_choices()
    return _report_form_page(request, region, form, status=status)


def _report_form_page(request, region, form, status: int = 200):
    return render(
        request,
        "participation/report_form.html",
        {"region": region, "form": form, "map": map_config(region)},
        status=status,
    )


def _submit(request, region, refs, form):
    """The valid form's report stored: the redirect to its tracking page; or the refusal's status, with its
    message on the form."""
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
            refs=refs,
        )
    except services.RateLimited as exc:
        form.add_error(None, exc.message)
        return 429
    except services.IdempotencyConflict as exc:
        form.add_error(None, exc.message)
        return 409
    except ApplicationError as exc:
        add_to_form(form, exc)
        return 400
    code = result.report.tracking_code
    messages.success(
        request, _("Thank you. Your report was received; keep this tracking code: %(code)s") % {"code": code}
    )
    return redirect("participation:track", region_slug=region.slug, code=code)


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
@public_page(section=REPORTS)
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
@public_page(section=REPORT_STATS)
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
