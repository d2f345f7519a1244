"""Reads of literacy activities for the pages: lists, totals per district and year, map points."""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from kotacerdas.regions.models import District

from .models import GROUPS, Activity, DistrictLocation


def activity_list(*, region, year=None, district_id=None, kind: str = ""):
    qs = Activity.objects.filter(region=region).select_related("organiser", "partner", "district")
    if year:
        qs = qs.filter(date__year=year)
    if district_id:
        qs = qs.filter(district_id=district_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-date", "title")


def activity_detail(*, region, pk: int) -> Activity:
    return (
        Activity.objects.filter(region=region)
        .select_related("organiser", "partner", "district", "programme", "created_by")
        .prefetch_related("materials", "news_articles")
        .get(pk=pk)
    )


def summary(*, region) -> dict:
    """Totals for the public summary: per year, per district (with map positions), by group and gender."""
    base = Activity.objects.filter(region=region)
    sums = {f: Sum(f) for f in ("total", "male", "female", "with_disabilities", *[f for f, _l in GROUPS])}
    overall = base.aggregate(activities=Count("pk"), **sums)
    by_year = list(
        base.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(activities=Count("pk"), people=Sum("total"))
        .order_by("year")
    )
    district_rows = {
        r["district_id"]: r for r in base.values("district_id").annotate(activities=Count("pk"), people=Sum("total"))
    }
    locations = {
        loc.district_id: loc
        for loc in DistrictLocation.objects.filter(region=region).only("district_id", "latitude", "longitude")
    }
    districts = []
    for d in District.objects.filter(region=region).order_by("name").only("pk", "name"):
        row = district_rows.get(d.pk, {})
        loc = locations.get(d.pk)
        districts.append(
            {
                "pk": d.pk,
                "name": d.name,
                "activities": row.get("activities", 0),
                "people": row.get("people") or 0,
                "lat": float(loc.latitude) if loc else None,
                "lng": float(loc.longitude) if loc else None,
            }
        )
    outside = district_rows.get(None)
    groups = [(label, overall.get(f) or 0, f) for f, label in GROUPS]
    year_district = list(
        base.exclude(district__isnull=True)
        .annotate(year=ExtractYear("date"))
        .values("year", "district_id")
        .annotate(people=Sum("total"))
    )
    years = [r["year"] for r in by_year]
    cell = {(r["district_id"], r["year"]): r["people"] or 0 for r in year_district}
    matrix = [(d, [(y, cell.get((d["pk"], y), 0)) for y in years]) for d in districts if d["activities"]]
    return {
        "years": years,
        "year_rows": [(str(r["year"]), r["people"] or 0, "year") for r in by_year],
        "district_rows": [(d["name"], d["people"], "district") for d in districts if d["activities"]],
        "matrix": matrix,
        "overall": {k: v or 0 for k, v in overall.items()},
        "by_year": by_year,
        "districts": districts,
        "outside": outside,
        "groups": groups,
        "year_district": year_district,
        "has_map": any(d["lat"] is not None for d in districts),
    }


def attendance_by_district_year(*, region):
    """Attendance summed per year × kecamatan (activities without a kecamatan under an empty one): a values
    queryset of dicts with `year`, `district__code`, `district__name`, `activities` and each count field,
    ordered by year and kecamatan code. One query."""
    fields = ("total", "male", "female", *[f for f, _l in GROUPS], "with_disabilities")
    return (
        Activity.objects.filter(region=region)
        .annotate(year=ExtractYear("date"))
        .values("year", "district__code", "district__name")
        .annotate(activities=Count("pk"), **{f: Sum(f) for f in fields})
        .order_by("year", "district__code")
    )


def activity_choices(*, region):
    """The region's activities, newest first, for another app's form (a news article's links)."""
    return Activity.objects.filter(region=region).order_by("-date")


def activities_modified_by_region() -> dict:
    from django.db.models import Max

    return dict(Activity.objects.values("region_id").annotate(m=Max("updated_at")).values_list("region_id", "m"))
