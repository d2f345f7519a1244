"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), at /open311/v2/.

Every resource comes as `.json` or `.xml`. `jurisdiction_id` is the region slug; it may be left out only
while a single region is active. Categories are services (`service_code` = category code, no extra
attributes, type realtime); reports are service requests (`service_request_id` = report id), created
synchronously, so no tokens are handed out. Our statuses map to `open` (received, verified, in progress) and
`closed` (resolved, rejected). Errors follow the spec: a list of {code, description}, root `<errors>` in
XML, with the same HTTP status. POST needs an `api_key` the region admin created.
"""

import datetime
import re
from functools import wraps

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from kotacerdas.common.cache import REPORTS, cacheable, serve_cached
from kotacerdas.common.clientip import client_ip
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.text import clean_data
from kotacerdas.regions.models import Region

from . import services
from .idempotency import MAX_KEY_LENGTH
from .models import Report, ReportCategory, ReportUpdate
from .open311_render import (  # noqa: F401 -- the URLconf and callers use them from here
    CONTENT_TYPES,
    Open311Error,
    error,
    not_found,
    open311_view,
    render,
)

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00+08:00"
DEFAULT_DAYS = 90
MAX_RESULTS = 1000
# Not in the spec, which lets a server limit its answer: requests.json answers a page of this many (newest
# first); `page` (from 1) and `page_size` (up to MAX_RESULTS) ask for others.
DEFAULT_PAGE_SIZE = 100
# The query parameters a read's answer depends on, in the order of the cache key (anything else, e.g. an
# api_key sent with a GET, does not change the answer).
READ_PARAMS = ("service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size")
LIST_PARAMS = {"service_request_id", "service_code", "status"}
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")
REQUEST_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only ('²' is a digit to str.isdigit), within a bigint


def _status_notes(report, updates) -> str | None:
    """The latest status update's public text (forwards between agencies are not status notes)."""
    moves = [u for u in updates if u.forwarded_to_id is None]
    return moves[-1].shown_text if moves and report.status != Report.Status.RECEIVED else None


def iso(value: datetime.datetime | None) -> str | None:
    """ISO 8601 with the zone offset, in the site's time zone (e.g. 2026-11-22T10:15:00+08:00)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


# --- lookups ------------------------------------------------------------------------------------------------


def param(request, name: str) -> str:
    """A parameter of the request: for a POST from the form body, else from the query string (some published
    clients send `api_key` and `jurisdiction_id` in the query string of their POST)."""
    if request.method == "POST" and name in request.POST:
        return request.POST.get(name, "")
    return request.GET.get(name, "")


def jurisdiction(request) -> Region:
    slug = param(request, "jurisdiction_id").strip()
    if slug:
        region = Region.objects.filter(slug=slug, is_active=True).first()
        if region is None:
            raise Open311Error(404, f"jurisdiction_id not found: {slug[:80]}")
        return region
    regions = list(Region.objects.filter(is_active=True)[:2])
    if len(regions) != 1:
        raise Open311Error(400, "jurisdiction_id was not provided (use the region slug, e.g. luwu-utara)")
    return regions[0]


def _service(category: ReportCategory) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.name_en or category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": category.name_en,
        "group": category.agency.acronym,
    }


def _request_row(report: Report, base: str) -> dict:
    updates = list(report.updates.all())
    photos = list(report.photos.all())
    place = ", ".join(
        p
        for p in (
            report.address,
            report.village.name if report.village else "",
            report.district.name if report.district else "",
        )
        if p
    )
    media = base + photos[0].image.url if photos else (report.external_media_url or None)
    return {
        "service_request_id": str(report.pk),
        "status": "open" if report.status in Report.OPEN_STATUSES else "closed",
        "status_notes": _status_notes(report, updates),
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.agency.name,
        "service_notice": None,
        "requested_datetime": iso(report.created_at),
        "updated_datetime": iso(report.updated_at),
        "expected_datetime": iso(report.resolution_due),
        "address": place or None,
        "address_id": None,
        "zipcode": None,
        "lat": float(report.lat) if report.lat is not None else None,
        "long": float(report.lon) if report.lon is not None else None,
        "media_url": media,
    }


def _requests_qs(region):
    return (
        Report.objects.filter(region=region)
        .select_related("category", "agency", "district", "village")
        .prefetch_related("photos", Prefetch("updates", queryset=ReportUpdate.objects.order_by("created_at", "id")))
        .order_by("-id")
    )


def _parse_date(value: str, name: str) -> datetime.datetime:
    problem = f"{name} is not an ISO 8601 date-time (e.g. 2026-11-22T10:00:00+08:00)"
    try:
        parsed = parse_datetime(value.strip().replace(" ", "+"))  # a '+' in a query string arrives as a space
        if parsed is None:
            raise Open311Error(400, problem)
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        # In UTC now: a date at the edge of the calendar (0001-01-01T00:00+08:00) fails here, not in the query.
        return parsed.astimezone(datetime.UTC)
    except (ValueError, OverflowError):  # a well-formed but impossible date: 2026-13-45
        raise Open311Error(400, problem) from None


def _request_ids(value: str) -> list[int]:
    ids = [i.strip() for i in value.split(",") if i.strip()]
    if not all(REQUEST_ID.fullmatch(i) for i in ids):
        raise Open311Error(400, "service_request_id must be a comma-separated list of numbers")
    return [int(i) for i in ids[:MAX_RESULTS]]


def _base_url() -> str:
    return settings.SITE_URL.rstrip("/")


def normalised_query(request) -> str:
    """The read's parameters as one canonical string: known names only, in a fixed order, values stripped,
    comma lists sorted without repeats (`status=closed,open` and `status=open,closed` are one entry)."""
    parts = []
    for name in READ_PARAMS:
        value = request.GET.get(name, "").strip()
        if name in LIST_PARAMS:
            value = ",".join(sorted({v.strip() for v in value.split(",") if v.strip()}))
        if value:
            parts.append(f"{name}={value}")
    return "&".join(parts)


def cached_read(section: str = ""):
    """Serve an anonymous GET naming its jurisdiction from the region's page cache, keyed on the path and
    the normalised query; retired with the region, or with `section` (common/cache.py)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            slug = request.GET.get("jurisdiction_id", "").strip()
            if not cacheable(request) or not SLUG.fullmatch(slug):
                return view(request, **kwargs)
            return serve_cached(
                request,
                lambda: view(request, **kwargs),
                region_slug=slug,
                section=section,
                variant=f"open311:{request.path}?{normalised_query(request)}",
            )

        return wrapper

    return decorate


def _page(params) -> tuple[int, int]:
    """(offset, size) of the asked page; Open311Error for a page or size that is not a positive number."""
    values = {}
    for name, default, high in (("page", 1, 10**6), ("page_size", DEFAULT_PAGE_SIZE, MAX_RESULTS)):
        raw = params.get(name, "").strip() or str(default)
        if not (raw.isascii() and raw.isdigit()) or not (1 <= int(raw) <= high):
            raise Open311Error(400, f"{name} must be a whole number from 1 to {high}")
        values[name] = int(raw)
    return (values["page"] - 1) * values["page_size"], values["page_size"]


# --- views --------------------------------------------------------------------------------------------------


def _only(request, *methods):
    if request.method not in methods:
        raise Open311Error(405, f"method {request.method} is not allowed here")


@open311_view
def discovery(request, *, fmt):
    _only(request, "GET", "HEAD")
    url = _base_url() + reverse("open311:discovery", kwargs={"fmt": fmt}).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", "Diskominfo of each region; see the region's page"),
        "key_service": "Ask the region admin (Diskominfo) for an api_key (Staff › Reports › Open311 keys).",
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(data, fmt, root="discovery")


@cached_read()
@open311_view
def service_list(request, *, fmt):
    _only(request, "GET", "HEAD")
    region = jurisdiction(request)
    rows = ReportCategory.objects.filter(region=region, is_active=True).select_related("agency")
    return render([_service(c) for c in rows], fmt, root="services", item="service")


@open311_view
def service_definition(request, *, code, fmt):
    _only(request, "GET", "HEAD")
    region = jurisdiction(request)
    if not ReportCategory.objects.filter(region=region, code=code, is_active=True).exists():
        raise Open311Error(404, f"service_code not found: {code[:40]}")
    return render({"service_code": code, "attributes": []}, fmt, root="service_definition")


@csrf_exempt
@cached_read(section=REPORTS)
@open311_view
def request_list(request, *, fmt):
    if request.method == "POST":
        return _request_create(request, fmt=fmt)
    _only(request, "GET", "HEAD")
    region = jurisdiction(request)
    qs = _requests_qs(region)
    params = request.GET
    offset, size = _page(params)
    ids = _request_ids(params.get("service_request_id", ""))
    if ids:
        qs = qs.filter(pk__in=ids)
    else:
        codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
        if codes:
            qs = qs.filter(category__code__in=codes)
        start = _parse_date(params["start_date"], "start_date") if params.get("start_date") else None
        end = _parse_date(params["end_date"], "end_date") if params.get("end_date") else None
        if start is None and end is None:
            start = timezone.now() - datetime.timedelta(days=DEFAULT_DAYS)
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        if end is not None:
            qs = qs.filter(created_at__lte=end)
        statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both")
        if statuses == {"open"}:
            qs = qs.filter(status__in=Report.OPEN_STATUSES)
        elif statuses == {"closed"}:
            qs = qs.filter(status__in=Report.CLOSED_STATUSES)
    base = _base_url()
    rows = [_request_row(r, base) for r in qs[offset : offset + size]]
    return render(rows, fmt, root="service_requests", item="request")


@cached_read(section=REPORTS)
@open311_view
def request_detail(request, *, pk, fmt):
    _only(request, "GET", "HEAD")
    region = jurisdiction(request)
    report = _requests_qs(region).filter(pk=int(pk)).first() if REQUEST_ID.fullmatch(pk) else None
    if report is None:
        raise Open311Error(404, f"service_request_id not found: {pk[:20]}")
    return render([_request_row(report, _base_url())], fmt, root="service_requests", item="request")


def _intake_refs(request):
    """The region, its categories and keys for a POST: cached per region version (services.lookups)."""
    slug = param(request, "jurisdiction_id").strip()
    refs = services.intake_refs(slug or jurisdiction(request).slug)
    if refs is None:
        raise Open311Error(404, f"jurisdiction_id not found: {slug[:80]}")
    return refs


def _request_create(request, *, fmt):
    refs = _intake_refs(request)
    region = refs.region
    data = clean_data(request.POST)
    idempotency_key = request.headers.get("Idempotency-Key", "").strip()
    if len(idempotency_key) > MAX_KEY_LENGTH:
        raise Open311Error(400, f"Idempotency-Key is longer than {MAX_KEY_LENGTH} characters")
    key_id = refs.key_id(param(request, "api_key").strip())
    if key_id is None:
        raise Open311Error(403, "api_key was not provided or is not valid for this jurisdiction")
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided")
    category = refs.category(code)
    if category is None:
        raise Open311Error(404, f"service_code not found: {code[:40]}")
    lat, lon = data.get("lat", "").strip(), data.get("long", "").strip()
    address = data.get("address_string", "").strip()
    if not (lat and lon) and not address:
        raise Open311Error(400, "a location was not provided (lat and long, or address_string)")
    if not data.get("description", "").strip():
        raise Open311Error(400, "description was not provided")
    name = " ".join(p for p in (data.get("first_name", "").strip(), data.get("last_name", "").strip()) if p)
    try:
        result = services.report_submit(
            region=region,
            actor=None,
            category=category,
            description=data.get("description", ""),
            lat=lat or None,
            lon=lon or None,
            address=address[:200],
            reporter_name=name[:120],
            reporter_email=data.get("email", ""),
            reporter_phone=data.get("phone", "")[:30],
            idempotency_key=idempotency_key,
            client_ip=client_ip(request),
            account_key=f"key:{key_id}",
            source=Report.Source.OPEN311,
            external_media_url=data.get("media_url", "").strip(),
            photos=request.FILES.getlist("media")[:3],
            refs=refs,
        )
    except services.RateLimited as exc:
        raise Open311Error(429, str(exc.message)) from None
    except services.IdempotencyConflict:
        raise Open311Error(
            409, "Idempotency-Key was already used by this api_key for a different request; nothing was stored"
        ) from None
    except ApplicationError as exc:
        details = "; ".join(f"{field}: {' '.join(str(m) for m in msgs)}" for field, msgs in exc.fields.items())
        raise Open311Error(400, details or str(exc.message)) from None
    row = {"service_request_id": str(result.report.pk), "service_notice": "", "account_id": None}
    return render([row], fmt, root="service_requests", item="request")
