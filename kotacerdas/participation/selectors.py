"""Reads for the report pages, already joined for the page that shows them (constant queries per page).

Lists are paged by offset without counting the rows (a COUNT over a million reports per request is what the
page must not do): one extra row is read to know whether a next page exists.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from kotacerdas.regions.models import District, Village

from .models import AgencyReportStats, Report, ReportCategory, ReportUpdate

PAGE_SIZE = 20
MAX_PAGE = 500  # deeper pages are for the API / exports, not for people


@dataclass
class Page:
    rows: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def page_number(raw) -> int:
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _page(qs, number: int, size: int = PAGE_SIZE) -> Page:
    rows = list(qs[(number - 1) * size : number * size + 1])
    return Page(rows=rows[:size], number=number, has_next=len(rows) > size)


def categories(*, region, active_only: bool = True):
    qs = ReportCategory.objects.filter(region=region).select_related("agency")
    return qs.filter(is_active=True) if active_only else qs


def districts(*, region):
    return District.objects.filter(region=region).only("id", "region_id", "name", "code")


def villages(*, region):
    return Village.objects.filter(region=region).only("id", "region_id", "name", "district_id", "code")


def _filtered(qs, *, filters: dict):
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("category"):
        qs = qs.filter(category_id=filters["category"])
    if filters.get("district"):
        qs = qs.filter(district_id=filters["district"])
    if filters.get("agency"):
        qs = qs.filter(agency_id=filters["agency"])
    if filters.get("late"):
        now = timezone.now()
        qs = qs.filter(status__in=Report.OPEN_STATUSES).filter(
            Q(resolution_due__lt=now) | Q(first_response_at__isnull=True, first_response_due__lt=now)
        )
    return qs


def public_reports(*, region, filters: dict, page: int) -> Page:
    qs = (
        Report.objects.filter(region=region)
        .select_related("category", "district", "village")
        .only(
            "id",
            "region_id",
            "tracking_code",
            "status",
            "description",
            "lat",
            "lon",
            "created_at",
            "first_response_at",
            "first_response_due",
            "resolution_due",
            "closed_at",
            "category__name",
            "category__name_en",
            "district__name",
            "village__name",
        )
        .order_by("-id")
    )
    return _page(_filtered(qs, filters=filters), page)


def staff_reports(*, region, filters: dict, page: int) -> Page:
    qs = (
        Report.objects.filter(region=region)
        .select_related("category", "district", "agency")
        .defer("description", "reporter_name", "reporter_email", "reporter_phone", "address")
        .order_by("-id")
    )
    return _page(_filtered(qs, filters=filters), page)


def report_detail(*, region, pk: int | None = None, code: str | None = None) -> Report:
    qs = Report.objects.filter(region=region).select_related("category", "district", "village", "agency")
    qs = qs.prefetch_related(
        "photos", Prefetch("updates", queryset=ReportUpdate.objects.select_related("forwarded_to"))
    )
    return qs.get(pk=pk) if pk is not None else qs.get(tracking_code=code)


def similar_open(*, region, category_id: int, lat: Decimal | None, lon: Decimal | None, village_id: int | None):
    """Up to five open reports of the category within about 500 m of the point, or in the same desa."""
    if not category_id or (lat is None and not village_id):
        return []
    base = Report.objects.filter(region=region, category_id=category_id, status__in=Report.OPEN_STATUSES)
    base = base.select_related("village").only(
        "id", "region_id", "tracking_code", "description", "status", "lat", "lon", "created_at", "village__name"
    )
    near = Q(pk__in=[])
    if lat is not None and lon is not None:
        dlat = Decimal("0.0045")  # ~500 m
        dlon = Decimal(str(round(0.0045 / max(math.cos(math.radians(float(lat))), 0.2), 6)))
        near |= Q(lat__range=(lat - dlat, lat + dlat), lon__range=(lon - dlon, lon + dlon))
    if village_id:
        near |= Q(village_id=village_id)
    return list(base.filter(near).order_by("-id")[:5])


def agency_stats(*, region):
    return list(AgencyReportStats.objects.filter(region=region).select_related("agency").order_by("agency__acronym"))


def reports_of_reporter(*, region, user, limit: int = 50) -> list[Report]:
    """The reports this signed-in person made in the region, newest first, with their category (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Report.objects.filter(region=region, reporter=user)
        .select_related("category")
        .only("pk", "tracking_code", "status", "created_at", "region_id", "category__name", "category__name_en")
        .order_by("-id")[:limit]
    )


# --- open data: aggregates only, never a report or a person ------------------------------------------------


def report_counts_by_month(*, region):
    """Reports per month × category × agency × kecamatan, with how many were resolved (one grouped query)."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    return (
        Report.objects.filter(region=region)
        .annotate(month=TruncMonth("created_at"))
        .values_list("month", "category__code", "category__name", "agency__acronym", "district__code", "district__name")
        .annotate(n=Count("pk"), resolved=Count("pk", filter=Q(status=Report.Status.RESOLVED)))
        .order_by("month", "category__code", "agency__acronym", "district__code")
    )


def report_counts_by_village(*, region):
    """Reports per year × desa/kelurahan (one grouped query); the caller suppresses small counts."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    return (
        Report.objects.filter(region=region, village__isnull=False)
        .annotate(year=ExtractYear("created_at"))
        .values_list("year", "village__district__code", "village__code", "village__name")
        .annotate(n=Count("pk"))
        .order_by("year", "village__code")
    )


def reports_modified_by_region() -> dict:
    from django.db.models import Max

    return dict(Report.objects.values("region_id").annotate(m=Max("updated_at")).values_list("region_id", "m"))


def open_reports_count(*, region, agency_ids: set[int] | None = None) -> int:
    """Open citizen reports of the region (or routed to these agencies), for the staff home's to-do list."""
    qs = Report.objects.filter(region=region, status__in=Report.OPEN_STATUSES)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    return qs.count()
